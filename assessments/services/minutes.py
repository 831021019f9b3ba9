"""Draft minutes from what the portal recorded, their approval, and the action log."""

from django.db import transaction
from django.db.models import BooleanField, Case, When
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.enums import AttendanceStatus
from assessments.models import Action, Meeting, Minutes
from assessments.papers.references import action_reference
from assessments.selectors import decisions_minuted_at, red_business
from assessments.services.common import require
from triage_portal.classification import RESTRICTED
from usecases.errors import ActionRefused


def minutes_context(meeting: Meeting) -> dict:
    """Return what the minutes report: attendance, declarations, decisions, actions."""
    attendance = list(meeting.attendance.select_related("person__organisation", "represented_by"))
    at_meeting, by_correspondence = decisions_minuted_at(meeting)
    # RED business is written out as RESTRICTED: the minutes page and PDF show each reader the
    # closed-session decisions they may read, beside the text (assessments.closed_session).
    red = Case(
        When(red_business(item="ballot__agenda_item", submission="submission"), then=True),
        default=False,
        output_field=BooleanField(),
    )
    return {
        "meeting": meeting,
        "present": [a for a in attendance if a.status == AttendanceStatus.PRESENT],
        "represented": [a for a in attendance if a.status == AttendanceStatus.REPRESENTED],
        "apologies": [a for a in attendance if a.status == AttendanceStatus.APOLOGIES],
        "items": list(
            meeting.items.prefetch_related("conflicts__person", "ballots").select_related(
                "submission"
            )
        ),
        "decisions": list(at_meeting.annotate(restricted=red).order_by("reference")),
        "by_correspondence": list(by_correspondence.annotate(restricted=red).order_by("reference")),
        "restricted": RESTRICTED,
        "actions": list(meeting.actions.order_by("reference")),
    }


@transaction.atomic
def draft_minutes(*, meeting_id: int, user) -> Minutes:
    """Create or refresh the draft minutes from the record; approved minutes are left alone."""
    require(user, "assessments.manage_minutes")
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    body = (
        render_to_string("assessments/minutes/draft.txt", minutes_context(meeting)).strip() + "\n"
    )
    minutes, created = Minutes.objects.get_or_create(meeting=meeting, defaults={"body": body})
    if not created:
        if minutes.approved_at:
            raise ActionRefused("These minutes are approved and can no longer be redrafted.")
        minutes.body = body
        minutes.save(update_fields=["body"])
    minutes.log_action("assessments.minutes.drafted", actor=user, data={"meeting": str(meeting)})
    return minutes


@transaction.atomic
def edit_minutes(*, minutes_id: int, user, body: str) -> Minutes:
    """Change the draft minutes' text; the old and new text are logged."""
    require(user, "assessments.manage_minutes")
    minutes = Minutes.objects.select_for_update().get(pk=minutes_id)
    if minutes.approved_at:
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
    if minutes.approved_at:
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
    minutes.approved_at = timezone.now()
    minutes.approved_at_meeting = at_meeting
    minutes.save(update_fields=["approved_at", "approved_at_meeting"])
    minutes.log_action(
        "assessments.minutes.approved", actor=user, data={"at_meeting": str(at_meeting)}
    )
    return minutes


@transaction.atomic
def add_action(*, user, meeting: Meeting, description: str, owner: str, due_on=None) -> Action:
    """Add an action to the log with the next reference, such as SSC45/03."""
    require(user, "assessments.manage_minutes")
    if not description.strip() or not owner.strip():
        raise ActionRefused("Enter the action and its owner.")
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    count = meeting.actions.count()
    action = Action.objects.create(
        meeting=meeting,
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
    require(user, "assessments.manage_minutes")
    action = Action.objects.select_for_update().get(pk=action_id)
    old = action.status
    action.status = status
    action.save(update_fields=["status"])
    action.log_action(
        "assessments.action.status_changed", actor=user, data={"old": old, "new": status}
    )
    return action
