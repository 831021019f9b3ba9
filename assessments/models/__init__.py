from assessments.models.ballot import Ballot, ConflictDeclaration, Vote
from assessments.models.committee import Committee, Interest, Membership, Seat
from assessments.models.decision import Action, Decision, ItemMinutes, Minutes
from assessments.models.issued import IssuedDocument
from assessments.models.meeting import AgendaItem, Attendance, CalendarFeed, Meeting
from assessments.models.pack import PackJob
from assessments.models.paper import Annex, Paper, PaperDocument, PaperRead, Recommendation

__all__ = [
    "Action",
    "AgendaItem",
    "Annex",
    "Attendance",
    "Ballot",
    "CalendarFeed",
    "Committee",
    "ConflictDeclaration",
    "Decision",
    "Interest",
    "IssuedDocument",
    "ItemMinutes",
    "Meeting",
    "Membership",
    "Minutes",
    "PackJob",
    "Paper",
    "PaperDocument",
    "PaperRead",
    "Recommendation",
    "Seat",
    "Vote",
]
