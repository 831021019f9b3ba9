"""States, kinds and answers of a proposal."""

from django.db import models


class SubmissionKind(models.TextChoices):
    USE_CASE = "USE_CASE", "Use Case for Device Refurbishment"
    SC_MODIFICATION = "SC_MODIFICATION", "SC Modification Proposal"


class SubmissionState(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    SUBMITTED = "SUBMITTED", "Submitted"
    RETURNED = "RETURNED", "Returned for completion"
    REGISTERED = "REGISTERED", "Registered"
    INITIAL_CONSIDERATION = "INITIAL_CONSIDERATION", "Initial consideration"
    CLARIFICATION_REQUESTED = "CLARIFICATION_REQUESTED", "Clarification requested"
    UNDER_ASSESSMENT = "UNDER_ASSESSMENT", "Under assessment"
    AWAITING_EXTERNAL_VIEWS = "AWAITING_EXTERNAL_VIEWS", "Awaiting external views"
    CONSULTATION = "CONSULTATION", "Consultation"
    DECISION_PENDING = "DECISION_PENDING", "Decision pending"
    ON_HOLD = "ON_HOLD", "On hold"
    APPROVED = "APPROVED", "Approved"
    AWAITING_NCSC_PUBLICATION = "AWAITING_NCSC_PUBLICATION", "Awaiting NCSC publication"
    PUBLISHED = "PUBLISHED", "Published"
    REJECTED = "REJECTED", "Rejected"
    WITHDRAWN = "WITHDRAWN", "Withdrawn"
    SUPERSEDED = "SUPERSEDED", "Superseded"


S = SubmissionState
TERMINAL_STATES = (S.PUBLISHED, S.REJECTED, S.WITHDRAWN, S.SUPERSEDED)
# States after registration from which the SSC may park, supersede or withdraw an item.
ACTIVE_STATES = (
    S.REGISTERED,
    S.INITIAL_CONSIDERATION,
    S.CLARIFICATION_REQUESTED,
    S.UNDER_ASSESSMENT,
    S.AWAITING_EXTERNAL_VIEWS,
    S.CONSULTATION,
    S.DECISION_PENDING,
    S.APPROVED,
    S.AWAITING_NCSC_PUBLICATION,
)
# States in which a proposal is the committee's business: it may be put on an agenda and voted on.
BEFORE_THE_COMMITTEE_STATES = (*ACTIVE_STATES, S.ON_HOLD)
# States in which the item's clock stands still (the proposer or the SSC is waiting).
PAUSED_STATES = (S.CLARIFICATION_REQUESTED, S.ON_HOLD)
# States from which the SSC may ask the proposer questions; the answer returns there.
CLARIFIABLE_STATES = (S.INITIAL_CONSIDERATION, S.UNDER_ASSESSMENT, S.DECISION_PENDING)
# States a proposer may still withdraw from without the Chair's agreement.
PROPOSER_WITHDRAWABLE_STATES = (
    S.SUBMITTED,
    S.RETURNED,
    S.REGISTERED,
    S.INITIAL_CONSIDERATION,
    S.CLARIFICATION_REQUESTED,
    S.UNDER_ASSESSMENT,
    S.AWAITING_EXTERNAL_VIEWS,
    S.CONSULTATION,
    S.DECISION_PENDING,
    S.ON_HOLD,
)


class TriState(models.TextChoices):
    YES = "YES", "Yes"
    NO = "NO", "No"
    TBD = "TBD", "To be determined"


class YesNo(models.TextChoices):
    YES = "YES", "Yes"
    NO = "NO", "No"


class SupportStatus(models.TextChoices):
    NOT_REQUESTED = "NOT_REQUESTED", "Not yet requested"
    PENDING = "PENDING", "Pending"
    CONFIRMED = "CONFIRMED", "Confirmed"
    DECLINED = "DECLINED", "Declined"


class SupportVerification(models.TextChoices):
    """How the portal tied a confirmation of support to the SEC Party it names."""

    MEMBER = "MEMBER", "Confirmed by a verified member of the SEC Party"
    ADDRESS = "ADDRESS", "Confirmed from an address the secretariat verified for the SEC Party"
    SECRETARIAT = "SECRETARIAT", "Answer recorded by the secretariat, with how it was given"
    UNVERIFIED = "UNVERIFIED", "Unverified: not tied to the SEC Party"


# The confirmations that count towards the SEC Party support the SSC requires.
VERIFIED_SUPPORT = (
    SupportVerification.MEMBER,
    SupportVerification.ADDRESS,
    SupportVerification.SECRETARIAT,
)


class ReferralBody(models.TextChoices):
    TABASC = "TABASC", "TABASC"
    NCSC = "NCSC", "NCSC"
    SMKI_PMA = "SMKI_PMA", "SMKI PMA"
    DCC = "DCC", "DCC"
    SCIRS = "SCIRS", "SCIRS"
    PANEL = "PANEL", "SEC Panel"


class ReferralOutcome(models.TextChoices):
    NO_CONCERNS = "NO_CONCERNS", "No concerns"
    CONCERNS = "CONCERNS", "Concerns raised"
    CLARIFICATIONS_NEEDED = "CLARIFICATIONS_NEEDED", "Clarifications needed"
    NO_RESPONSE = "NO_RESPONSE", "No response"
