"""Read models for the home pages: the secretariat's dashboard and a member's own business."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from assessments.models import ConflictDeclaration, Meeting, Paper, PaperRead
from assessments.selectors import (
    ballots_visible_to,
    meetings_visible_to,
    next_meeting_for,
    open_ballots_awaiting,
    papers_of_meeting_visible_to,
)
from assessments.services.papers import paper_deadline
from triage_portal.workdays import working_days_between
from usecases.selectors.proposals import bank_holidays


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    papers_due: object
    working_days_to_deadline: int
    items: int
    papers_issued: int
    papers_total: int


def secretariat_home(user) -> dict:
    """Return the committees' part of the secretariat's home page: the meetings coming up."""
    return {"meetings": upcoming_meetings(user)}


def upcoming_meetings(user, limit: int = 6) -> list[MeetingRow]:
    today = timezone.localdate()
    meetings = (
        meetings_visible_to(user)
        .filter(date__gte=today, status="PLANNED")
        .select_related("committee")
        .annotate(
            n_items=Count("items", distinct=True),
            n_papers=Count("items__paper", distinct=True),
            n_issued=Count(
                "items__paper", filter=Q(items__paper__issued_at__isnull=False), distinct=True
            ),
        )
        .order_by("date", "pk")[:limit]
    )
    holidays = bank_holidays()
    rows = []
    for meeting in meetings:
        due = paper_deadline(meeting)
        rows.append(
            MeetingRow(
                meeting=meeting,
                papers_due=due,
                working_days_to_deadline=working_days_between(today, due, holidays),
                items=meeting.n_items,
                papers_issued=meeting.n_issued,
                papers_total=meeting.n_papers,
            )
        )
    return rows


def papers_to_read(user, meeting: Meeting | None) -> list[Paper]:
    """The issued papers of the user's next meeting that the user may see, with .read set."""
    if meeting is None:
        return []
    read = PaperRead.objects.filter(paper=OuterRef("pk"), reader=user)
    return list(
        papers_of_meeting_visible_to(user, meeting)
        .filter(issued_at__isnull=False)
        .select_related("agenda_item")
        .annotate(read=Exists(read))
        .order_by("agenda_item__number")
    )


def member_home(user) -> dict:
    meeting = next_meeting_for(user)
    today = timezone.localdate()
    holidays = bank_holidays()
    ballots = list(open_ballots_awaiting(user).order_by("closes_at", "pk"))
    for ballot in ballots:
        ballot.working_days_left = (
            working_days_between(today, timezone.localdate(ballot.closes_at), holidays)
            if ballot.closes_at
            else None
        )
    papers = papers_to_read(user, meeting)
    due = paper_deadline(meeting) if meeting else None
    return {
        "meeting": meeting,
        "papers_due": due,
        "working_days_to_meeting": working_days_between(today, meeting.date, holidays)
        if meeting
        else None,
        "papers": papers,
        "unread": sum(1 for paper in papers if not paper.read),
        "ballots": ballots,
        "declarations": ConflictDeclaration.objects.filter(
            person=user,
            declared_at__isnull=True,
            ballot__status="OPEN",
            ballot__in=ballots_visible_to(user),
        ).select_related("ballot"),
    }
