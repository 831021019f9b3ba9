"""Choices for committees, meetings, papers, votes and decisions."""

from django.db import models


class SeatCategory(models.TextChoices):
    CHAIR = "CHAIR", "Chair"
    LARGE_SUPPLIER = "LARGE_SUPPLIER", "Large Supplier"
    SMALL_SUPPLIER = "SMALL_SUPPLIER", "Small Supplier"
    ELECTRICITY_NETWORK = "ELECTRICITY_NETWORK", "Electricity Network"
    GAS_NETWORK = "GAS_NETWORK", "Gas Network"
    OTHER_USER = "OTHER_USER", "Other User"
    SHARED_RESOURCE_PROVIDER = "SHARED_RESOURCE_PROVIDER", "Shared Resource Provider"
    TABASC_REP = "TABASC_REP", "TABASC representative"
    MEMBER = "MEMBER", "Member"
    OBSERVER_NCSC = "OBSERVER_NCSC", "Observer (NCSC)"
    OBSERVER_DCC = "OBSERVER_DCC", "Observer (DCC)"
    OBSERVER_DESNZ = "OBSERVER_DESNZ", "Observer (DESNZ)"
    OBSERVER_OFGEM = "OBSERVER_OFGEM", "Observer (Ofgem)"


OBSERVER_CATEGORIES = (
    SeatCategory.OBSERVER_NCSC,
    SeatCategory.OBSERVER_DCC,
    SeatCategory.OBSERVER_DESNZ,
    SeatCategory.OBSERVER_OFGEM,
)


class MajorityRule(models.TextChoices):
    VOTES_CAST = "votes_cast", "Majority of votes cast"
    ALL_VOTING_MEMBERS = "all_voting_members", "Majority of all voting members"


class VettingStatus(models.TextChoices):
    VETTED = "VETTED", "Vetted"
    PENDING = "PENDING", "Pending"
    LAPSED = "LAPSED", "Lapsed"


class MeetingStatus(models.TextChoices):
    PLANNED = "PLANNED", "Planned"
    HELD = "HELD", "Held"
    CANCELLED = "CANCELLED", "Cancelled"


class AttendanceStatus(models.TextChoices):
    PRESENT = "PRESENT", "Present"
    APOLOGIES = "APOLOGIES", "Sent apologies"
    REPRESENTED = "REPRESENTED", "Represented by an alternate"
    ABSENT = "ABSENT", "Absent"


class ItemKind(models.TextChoices):
    MINUTES = "MINUTES", "Minutes and actions"
    DECLARATIONS = "DECLARATIONS", "Declarations of interest"
    BUSINESS = "BUSINESS", "Business item"
    AOB = "AOB", "Any other business"


class Session(models.TextChoices):
    OPEN = "OPEN", "Open session"
    CLOSED = "CLOSED", "Closed session (RED)"


class PaperAction(models.TextChoices):
    FOR_DECISION = "FOR_DECISION", "For Decision"
    FOR_INFORMATION = "FOR_INFORMATION", "For Information"
    FOR_DISCUSSION = "FOR_DISCUSSION", "For Discussion"
    FOR_NOTING = "FOR_NOTING", "For Noting"


class PaperKind(models.TextChoices):
    """What a paper is about (domain.md §7): a proposal, or business of the committee's own."""

    PROPOSAL = "PROPOSAL", "Paper on a proposal"
    GENERAL = "GENERAL", "Committee paper (for information or discussion)"
    SECURITY_DOCUMENT = "SECURITY_DOCUMENT", "Security document"
    SCIRS = "SCIRS", "SCIRS item"


NON_PROPOSAL_KINDS = (PaperKind.GENERAL, PaperKind.SECURITY_DOCUMENT, PaperKind.SCIRS)


class Verb(models.TextChoices):
    NOTE = "NOTE", "NOTE"
    CONFIRM = "CONFIRM", "CONFIRM"
    AGREE = "AGREE", "AGREE"
    APPROVE = "APPROVE", "APPROVE"
    DISCUSS = "DISCUSS", "DISCUSS"
    CONSIDER = "CONSIDER", "CONSIDER"
    PROVIDE = "PROVIDE", "PROVIDE"
    ENDORSE = "ENDORSE", "ENDORSE"


class AnnexKind(models.TextChoices):
    PROPOSAL_FORM = "PROPOSAL_FORM", "The proposal's form"
    CLARIFICATIONS = "CLARIFICATIONS", "Clarification questions and answers"
    ATTACHMENT = "ATTACHMENT", "Attached document"


class BallotMethod(models.TextChoices):
    MEETING = "MEETING", "Vote in the meeting"
    CONSENSUS = "CONSENSUS", "Consensus (no tally)"
    CORRESPONDENCE = "CORRESPONDENCE", "Vote by correspondence"


class BallotStatus(models.TextChoices):
    DRAFT = "DRAFT", "Not yet open"
    OPEN = "OPEN", "Open"
    CLOSED = "CLOSED", "Closed"
    MOVED_TO_MEETING = "MOVED_TO_MEETING", "Moved to a meeting"


class Choice(models.TextChoices):
    FOR = "FOR", "For"
    AGAINST = "AGAINST", "Against"
    ABSTAIN = "ABSTAIN", "Abstain"


class Outcome(models.TextChoices):
    PROGRESS = "PROGRESS", "Progress to assessment"
    CLARIFY = "CLARIFY", "Ask the proposer for clarification"
    REFER = "REFER", "Refer for external views"
    APPROVE = "APPROVE", "Approve"
    APPROVE_WITH_CONDITIONS = "APPROVE_WITH_CONDITIONS", "Approve with conditions"
    REJECT = "REJECT", "Reject"
    SEND_BACK = "SEND_BACK", "Send back for further assessment"
    DEFER = "DEFER", "Defer (put on hold)"
    SUPERSEDE = "SUPERSEDE", "Supersede"
    NOTED = "NOTED", "Noted (no change)"


class ConflictRuling(models.TextChoices):
    PENDING = "PENDING", "Awaiting the Chair's ruling"
    EXCLUDED = "EXCLUDED", "Excluded from the vote"
    MAY_VOTE = "MAY_VOTE", "May vote"


class MinutesStatus(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    APPROVED = "APPROVED", "Approved"


class ActionStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    CLOSED = "CLOSED", "Closed"
    SUPERSEDED = "SUPERSEDED", "Superseded"
