"""The committee's steps on a proposal, for its page: agenda slots, papers issued, decisions.

usecases reads these through the finders registered in AssessmentsConfig.ready(), so it
imports nothing from this app.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from assessments.enums import MeetingStatus
from assessments.models import AgendaItem, Decision, Meeting
from assessments.services.papers import paper_deadline
from triage_portal.audit.models import ActivityLog
from usecases.presentation.next_steps import Consideration
from usecases.presentation.timeline import CommitteeEvent


def _slot(item: AgendaItem) -> str:
    meeting = item.meeting
    return f"{meeting.committee.code} meeting {meeting.number}, item {item.number}"


def _added_at(item: AgendaItem) -> datetime.datetime:
    """When the item was put on the agenda; the meeting's morning for items without a log entry."""
    if item.added_at is not None:
        return item.added_at
    day = datetime.datetime.combine(item.meeting.date, datetime.time(9, 0))
    return timezone.make_aware(day)


def consideration_at(item: AgendaItem) -> Consideration:
    """Return the consideration of the item's proposal at the item's meeting."""
    meeting = item.meeting
    paper = getattr(item, "paper", None)
    return Consideration(
        committee=meeting.committee.code,
        meeting_number=meeting.number,
        meeting_date=meeting.date,
        papers_due=paper_deadline(meeting),
        item_number=item.number,
        paper_reference=paper.reference or "" if paper is not None else "",
        paper_issued=paper is not None and paper.issued_at is not None,
    )


def _upcoming(items: list[AgendaItem]) -> AgendaItem | None:
    """Return the item at the next planned meeting (items ordered by meeting date, number)."""
    today = timezone.localdate()
    return next(
        (
            item
            for item in items
            if item.meeting.status == MeetingStatus.PLANNED and item.meeting.date >= today
        ),
        None,
    )


def proposal_committee_events(submission) -> list[CommitteeEvent]:
    """Return the proposal's agenda slots, issued papers and decisions, each with its reference.

    The slot at the next planned meeting carries that consideration (for "what happens next").
    """
    # When each was put on the agenda: the meeting's log entry for it, in the same query
    # (on the meeting's indexed content type and id, then the entry's item).
    added = ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=Cast(OuterRef("meeting_id"), CharField()),
        action="assessments.agenda.item_added",
    ).annotate(item=Cast(KeyTextTransform("item", "data"), IntegerField()))
    items = list(
        AgendaItem.objects.filter(submission=submission)
        .select_related("meeting__committee", "paper")
        .annotate(
            added_at=Subquery(
                added.filter(item=OuterRef("pk"))
                .order_by("-timestamp", "-pk")
                .values("timestamp")[:1]
            )
        )
        .order_by("meeting__date", "number")
    )
    events = []
    upcoming = _upcoming(items)
    for item in items:
        meeting = item.meeting
        events.append(
            CommitteeEvent(
                _added_at(item),
                f"On the agenda: {_slot(item)}",
                f"Meeting on {meeting.date:%-d %B %Y}",
                kind="agenda",
                upcoming=consideration_at(item) if item is upcoming else None,
            )
        )
        paper = getattr(item, "paper", None)
        if paper is not None and paper.issued_at is not None:
            events.append(
                CommitteeEvent(paper.issued_at, f"Paper issued: {paper.reference}", kind="paper")
            )
    for decision in Decision.objects.filter(submission=submission).select_related("committee"):
        verdict = "agreed" if decision.passed else "not agreed"
        events.append(
            CommitteeEvent(
                decision.decided_at,
                f"{decision.committee.code} decision {decision.reference}: "
                f"{decision.get_outcome_display()} ({verdict})",
                kind="decision",
            )
        )
    return events
