"""Changing a planned meeting: edit or reschedule it, cancel it, move an item to another meeting.

Issued papers carry their meeting's number and date and their item's number in their reference
(assessments/papers/references.py), so each change here reissues the references it changes,
logged on each paper with the old and the new (meetings.reissue_references).

A cancelled meeting keeps its record; its business items move to another planned meeting of
the same committee, chosen when cancelling. They are never left on a cancelled meeting, nor
taken off every agenda: a proposal on an agenda has been moved to initial consideration, and
its draft or issued paper and any invitations go with the item.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q

from assessments.enums import BallotStatus, ItemKind, MeetingStatus
from assessments.models import AgendaItem, Meeting
from assessments.services.meetings import (
    reissue_references,
    renumber,
    slot_before_aob,
)
from usecases.errors import ActionRefused, require

MANAGE = "assessments.manage_meetings"


def _planned(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if meeting.status != MeetingStatus.PLANNED:
        raise ActionRefused(
            f"{meeting} is {meeting.get_status_display().lower()}: only a planned meeting can be changed."
        )
    return meeting


@transaction.atomic
def edit_meeting(
    *,
    user,
    meeting_id: int,
    number: int,
    date: datetime.date,
    location: str = "",
    reason: str = "",
) -> Meeting:
    """Change a planned meeting's number, date or location; a new date or number needs a reason.

    Side effects: saves the changed fields; reissues the references of its issued papers when
    the number or date changed; logs assessments.meeting.edited with old and new values, and
    assessments.meeting.rescheduled with the reason when the date changed.
    """
    require(user, MANAGE)
    meeting = _planned(meeting_id)
    old = {"number": meeting.number, "date": meeting.date, "location": meeting.location}
    new = {"number": number, "date": date, "location": location.strip()}
    changed = {field for field in old if old[field] != new[field]}
    if not changed:
        raise ActionRefused("Nothing has changed: change the number, date or location.")
    if changed & {"number", "date"} and not reason.strip():
        raise ActionRefused("Enter why the meeting's date or number is changing.")
    if (
        "number" in changed
        and Meeting.objects.filter(committee=meeting.committee, number=number).exists()
    ):
        raise ActionRefused(f"{meeting.committee.code} meeting {number} already exists.")
    for field in changed:
        setattr(meeting, field, new[field])
    meeting.save(update_fields=sorted(changed))
    reissued = []
    if changed & {"number", "date"}:
        reissued = reissue_references(
            list(meeting.items.values_list("pk", flat=True)), user, why="meeting changed"
        )
    meeting.log_action(
        "assessments.meeting.edited",
        actor=user,
        data={
            "changed": sorted(changed),
            "old": {field: old[field] for field in sorted(changed)},
            "new": {field: new[field] for field in sorted(changed)},
            "reason": reason.strip(),
            "reissued": [paper.reference for paper in reissued],
        },
    )
    if "date" in changed:
        meeting.log_action(
            "assessments.meeting.rescheduled",
            actor=user,
            data={"old": old["date"], "new": date, "reason": reason.strip()},
        )
    return meeting


def _why_item_cannot_move(item: AgendaItem) -> str:
    if item.kind != ItemKind.BUSINESS:
        return f"Item {item.number} is a standing item: every meeting has its own."
    taken = item.ballots.annotate(cast=Count("votes")).filter(
        ~Q(status=BallotStatus.OPEN) | Q(cast__gt=0)
    )
    if taken.exists():
        return f"Item {item.number} has a vote with votes cast or a decision: it stays at {item.meeting}."
    return ""


def _move(item: AgendaItem, source: Meeting, target: Meeting, user) -> tuple[int, int]:
    """Move the item to the target meeting before its AOB, close the gap it leaves; reissue."""
    old_number = item.number
    AgendaItem.objects.filter(pk=item.pk).update(number=10_000 + item.pk)
    new_number = slot_before_aob(target)
    AgendaItem.objects.filter(pk=item.pk).update(meeting=target, number=new_number)
    moved = renumber(list(source.items.order_by("number")))
    reissue_references(
        [item.pk, *(agenda_item.pk for agenda_item, _, _ in moved)], user, why="item moved"
    )
    return old_number, new_number


@transaction.atomic
def move_item_to_meeting(*, user, item_id: int, meeting_id: int, reason: str = "") -> AgendaItem:
    """Move a business item, with its paper, votes yet to be cast and invitations, to another
    planned meeting of the same committee, before that meeting's AOB.

    Refused for a standing item, an item whose vote has votes cast or is closed, and a meeting
    that is not planned. Side effects: renumbers both agendas; reissues the references that
    change; logs assessments.agenda.item_moved_out and item_moved_in on the two meetings.
    """
    require(user, MANAGE)
    item = AgendaItem.objects.select_related("meeting").get(pk=item_id)
    source_id, target_id = item.meeting_id, int(meeting_id)
    if source_id == target_id:
        raise ActionRefused("The item is already on that meeting's agenda: choose another meeting.")
    # Both meetings locked in id order, so two moves the other way round cannot deadlock.
    locked = {pk: _planned(pk) for pk in sorted((source_id, target_id))}
    source, target = locked[source_id], locked[target_id]
    if source.committee_id != target.committee_id:
        raise ActionRefused(
            f"{target} is not a {source.committee.code} meeting: an item moves within its committee."
        )
    item = AgendaItem.objects.select_related("meeting").get(pk=item_id)
    problem = _why_item_cannot_move(item)
    if problem:
        raise ActionRefused(problem)
    old_number, new_number = _move(item, source, target, user)
    data = {
        "item": item.pk,
        "title": item.title,
        "from": str(source),
        "from_number": old_number,
        "to": str(target),
        "to_number": new_number,
        "reason": reason.strip(),
    }
    source.log_action("assessments.agenda.item_moved_out", actor=user, data=data)
    target.log_action("assessments.agenda.item_moved_in", actor=user, data=data)
    item.refresh_from_db()
    return item


@transaction.atomic
def cancel_meeting(*, user, meeting_id: int, reason: str, move_to_id: int | None = None) -> Meeting:
    """Cancel a planned meeting, giving the reason; its business items move to move_to.

    Refused without a reason, without a meeting to move business items to when there are any,
    and when an item cannot move (see move_item_to_meeting). Side effects: moves each business
    item in agenda order (reissuing references); marks the meeting cancelled; logs
    assessments.meeting.cancelled with the reason and where each item went.
    """
    require(user, MANAGE)
    if not reason.strip():
        raise ActionRefused("Enter why the meeting is cancelled.")
    meeting = _planned(meeting_id)
    business = list(meeting.items.filter(kind=ItemKind.BUSINESS).order_by("number"))
    target = None
    if business:
        if move_to_id is None:
            raise ActionRefused(
                f"{meeting} has {len(business)} business item{'s' if len(business) != 1 else ''}:"
                " choose the planned meeting they move to."
            )
        if int(move_to_id) == meeting.pk:
            raise ActionRefused("Choose another meeting for the items, not the one cancelled.")
        target = _planned(move_to_id)
        if target.committee_id != meeting.committee_id:
            raise ActionRefused(
                f"{target} is not a {meeting.committee.code} meeting: items move within their committee."
            )
        problems = [p for p in (_why_item_cannot_move(item) for item in business) if p]
        if problems:
            raise ActionRefused(" ".join(problems))
    moves = []
    for item in business:
        item.refresh_from_db()
        old_number, new_number = _move(item, meeting, target, user)
        moves.append({"item": item.pk, "from_number": old_number, "to_number": new_number})
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    meeting.log_action(
        "assessments.meeting.cancelled",
        actor=user,
        data={
            "reason": reason.strip(),
            "previous": MeetingStatus.PLANNED,
            "items_moved_to": str(target) if target else None,
            "moves": moves,
        },
    )
    if target is not None:
        target.log_action(
            "assessments.agenda.items_moved_in",
            actor=user,
            data={"from": str(meeting), "moves": moves, "reason": reason.strip()},
        )
    return meeting
