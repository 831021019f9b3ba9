from assessments.models.ballot import Ballot, ConflictDeclaration, Vote
from assessments.models.committee import Committee, Interest, Membership, Seat
from assessments.models.decision import Action, Decision, Minutes
from assessments.models.issued import IssuedDocument
from assessments.models.meeting import AgendaItem, Attendance, CalendarFeed, Meeting
from assessments.models.pack import PackJob
from assessments.models.paper import Annex, Paper, PaperRead, Recommendation

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
    "Meeting",
    "Membership",
    "Minutes",
    "PackJob",
    "Paper",
    "PaperRead",
    "Recommendation",
    "Seat",
    "Vote",
]
