"""The committee's steps on a proposal, for its page: agenda slots, papers issued, decisions.

usecases reads these through the finders registered in AssessmentsConfig.ready(), so it
imports nothing from this app.
"""

import datetime

from django.utils import timezone

from assessments.models import AgendaItem, Decision
from triage_portal.audit.models import ActivityLog
from usecases.presentation.timeline import CommitteeEvent


def _slot(item: AgendaItem) -> str:
    meeting = item.meeting
    return f"{meeting.committee.code} meeting {meeting.number}, item {item.number}"


def _added_at(item: AgendaItem, logged: dict[int, datetime.datetime]) -> datetime.datetime:
    """When the item was put on the agenda; the meeting's morning for items without a log entry."""
    if item.pk in logged:
        return logged[item.pk]
    day = datetime.datetime.combine(item.meeting.date, datetime.time(9, 0))
    return timezone.make_aware(day)


def proposal_committee_events(submission) -> list[CommitteeEvent]:
    """Return the proposal's agenda slots, issued papers and decisions, each with its reference."""
    items = list(
        AgendaItem.objects.filter(submission=submission)
        .select_related("meeting__committee", "paper")
        .order_by("meeting__date", "number")
    )
    logged = {
        entry.data.get("item"): entry.timestamp
        for entry in ActivityLog.objects.filter(
            action="assessments.agenda.item_added", data__submission=submission.pk
        ).only("data", "timestamp")
    }
    events = []
    for item in items:
        meeting = item.meeting
        events.append(
            CommitteeEvent(
                _added_at(item, logged),
                f"On the agenda: {_slot(item)}",
                f"Meeting on {meeting.date:%-d %B %Y}",
                kind="agenda",
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
