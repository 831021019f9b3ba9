"""Minutes item by item (discussion; decisions and actions from the record), their approval,
and the action log."""

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from assessments.enums import ActionStatus, MinutesStatus
from assessments.models import Action, AgendaItem, ItemMinutes, Meeting, Minutes
from assessments.papers.references import action_reference
from usecases.errors import ActionRefused, require


def _open_minutes(meeting: Meeting) -> Minutes:
    """Return the meeting's minutes (locked), created if need be; refused once approved."""
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting, defaults={"body": ""})
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != MinutesStatus.DRAFT:
        raise ActionRefused(f"The minutes of {meeting} are approved and can no longer be changed.")
    return minutes


@transaction.atomic
def draft_minutes(*, meeting_id: int, user) -> Minutes:
    """Start the meeting's minutes: a record for each agenda item, for its discussion.

    Attendance, declarations, decisions and actions are read from the record whenever the
    minutes are shown, so they are never typed twice; approved minutes are left alone.
    """
    require(user, "assessments.manage_minutes")
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    minutes = _open_minutes(meeting)
    for item in meeting.items.filter(item_minutes__isnull=True).order_by("number"):
        ItemMinutes.objects.create(minutes=minutes, agenda_item=item)
    minutes.log_action("assessments.minutes.drafted", actor=user, data={"meeting": str(meeting)})
    return minutes


@transaction.atomic
def record_item_discussion(*, item_id: int, user, discussion: str) -> ItemMinutes:
    """Record the discussion of an agenda item in the meeting's minutes; old and new are logged.

    Refused once the minutes are approved.
    """
    require(user, "assessments.manage_minutes")
    item = AgendaItem.objects.select_related("meeting").get(pk=item_id)
    minutes = _open_minutes(item.meeting)
    record, _ = ItemMinutes.objects.get_or_create(agenda_item=item, defaults={"minutes": minutes})
    record = ItemMinutes.objects.select_for_update().get(pk=record.pk)
    old, new = record.discussion, discussion.strip()
    record.discussion = new
    record.save(update_fields=["discussion"])
    record.log_action(
        "assessments.minutes.item_discussed",
        actor=user,
        data={"item": item.number, "changes": {"discussion": {"old": old, "new": new}}},
    )
    return record


@transaction.atomic
def edit_minutes(*, minutes_id: int, user, body: str) -> Minutes:
    """Change the draft minutes' text; the old and new text are logged."""
    require(user, "assessments.manage_minutes")
    minutes = Minutes.objects.select_for_update().get(pk=minutes_id)
    if minutes.status != MinutesStatus.DRAFT:
        raise ActionRefused("Approved minutes cannot be changed.")
    old = minutes.body
    minutes.body = body
    minutes.save(update_fields=["body"])
    minutes.log_action(
        "assessments.minutes.edited",
        actor=user,
        data={"changes": {"body": {"old": old, "new": body}}},
    )
    return minutes


@transaction.atomic
def approve_minutes(*, minutes_id: int, user, at_meeting: Meeting) -> Minutes:
    """Record that a later meeting of the same committee approved the minutes, on or after its date."""
    require(user, "assessments.manage_minutes")
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes_id)
    if not can_proceed(minutes.approve):
        raise ActionRefused("These minutes are already approved.")
    if at_meeting.committee_id != minutes.meeting.committee_id:
        raise ActionRefused("Minutes are approved at a later meeting of the same committee.")
    if at_meeting.date <= minutes.meeting.date:
        raise ActionRefused("Minutes are approved at a later meeting.")
    if timezone.localdate() < at_meeting.date:
        raise ActionRefused(
            f"{at_meeting} has not taken place yet: minutes are approved at it on or after"
            f" {at_meeting.date:%-d %B %Y}."
        )
    minutes.approve(at_meeting)
    minutes.save(update_fields=["status", "approved_at", "approved_at_meeting"])
    minutes.log_action(
        "assessments.minutes.approved",
        actor=user,
        data={"at_meeting": str(at_meeting), "previous": MinutesStatus.DRAFT},
    )
    return minutes


@transaction.atomic
def add_action(
    *, user, meeting: Meeting, description: str, owner: str, due_on=None, agenda_item=None
) -> Action:
    """Add an action to the log with the next reference, such as SSC45/03.

    Captured on an agenda item, it is minuted under it (and read only by who may read that
    item's business). Refused once the meeting's minutes are approved.
    """
    require(user, "assessments.manage_minutes")
    if not description.strip() or not owner.strip():
        raise ActionRefused("Enter the action and its owner.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ActionRefused(f"Item {agenda_item.number:02d} is not on the agenda of {meeting}.")
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists():
        raise ActionRefused(
            f"The minutes of {meeting} are approved: record the action at a later meeting."
        )
    count = meeting.actions.count()
    action = Action.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        reference=action_reference(meeting.committee.code, meeting.number, count + 1),
        description=description.strip(),
        owner=owner.strip(),
        due_on=due_on,
    )
    action.log_action(
        "assessments.action.created", actor=user, data={"reference": action.reference}
    )
    return action


@transaction.atomic
def set_action_status(*, action_id: int, user, status: str) -> Action:
    """Set the action's status; closing or superseding it stamps when, reopening clears it."""
    require(user, "assessments.manage_minutes")
    action = Action.objects.select_for_update().get(pk=action_id)
    old = action.status
    action.status = ActionStatus(status)
    if action.status == ActionStatus.OPEN:
        action.closed_at = None
    elif old == ActionStatus.OPEN or action.closed_at is None:
        action.closed_at = timezone.now()
    action.save(update_fields=["status", "closed_at"])
    action.log_action(
        "assessments.action.status_changed", actor=user, data={"old": old, "new": status}
    )
    return action
