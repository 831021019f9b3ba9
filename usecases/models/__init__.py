from usecases.models.attachment import Attachment
from usecases.models.clarification import ClarificationQuestion, ClarificationRequest
from usecases.models.publication import NcscPublication, Notification
from usecases.models.reference import BankHoliday, DeviceType, DnoArea, ReferenceCounter, SCDocument
from usecases.models.referral import Referral
from usecases.models.submission import Submission
from usecases.models.support import SupportingParty, VerifiedSupporterAddress

__all__ = [
    "Attachment",
    "BankHoliday",
    "ClarificationQuestion",
    "ClarificationRequest",
    "DeviceType",
    "DnoArea",
    "NcscPublication",
    "Notification",
    "ReferenceCounter",
    "Referral",
    "SCDocument",
    "Submission",
    "SupportingParty",
    "VerifiedSupporterAddress",
]
