from usecases.models.attachment import Attachment
from usecases.models.reference import DeviceType, DnoArea, SCDocument
from usecases.models.submission import Submission
from usecases.models.support import SupportingParty

__all__ = ["Attachment", "DeviceType", "DnoArea", "SCDocument", "Submission", "SupportingParty"]
