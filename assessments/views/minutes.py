"""The minutes of a meeting: read as a document, written item by item, approved later."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from assessments.enums import ActionStatus, ItemKind, MinutesStatus
from assessments.forms import ActionForm, DiscussionForm, MinutesForm
from assessments.minutes_record import carried_forward, minutes_for_reader
from assessments.models import ItemMinutes, Meeting
from assessments.selectors import (
    agenda_items_visible_to,
    meetings_visible_to,
    minutes_visible_to,
)
from assessments.services import minutes as minute_services
from triage_portal.permissions import permission_needed
from triage_portal.posted import posted_id
from usecases.errors import ActionRefused

PERMISSION = "assessments.manage_minutes"


def _meeting(request, pk: int) -> Meeting:
    try:
        return meetings_visible_to(request.user).select_related("committee").get(pk=pk)
    except Meeting.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes(request, pk: int):
    """Show the minutes as the reader may read them; the secretariat drafts, notes and approves."""
    meeting = _meeting(request, pk)
    minutes = (
        minutes_visible_to(request.user)
        .select_related("approved_at_meeting__committee")
        .filter(meeting=meeting)
        .first()
    )
    can_manage = request.user.has_perm(PERMISSION)
    form = MinutesForm(
        request.POST
        if request.method == "POST" and request.POST.get("action") == "notes"
        else None,
        initial={"body": minutes.body if minutes else ""},
    )
    # Minutes are approved at a later meeting once it has taken place (the service refuses
    # an approval dated before it), so only those are offered.
    later = Meeting.objects.filter(
        committee=meeting.committee, date__gt=meeting.date, date__lte=timezone.localdate()
    ).order_by("date")
    if request.method == "POST":
        if not can_manage:
            raise Http404
        action = request.POST.get("action")
        try:
            if action == "draft":
                minute_services.draft_minutes(meeting_id=meeting.pk, user=request.user)
                messages.success(request, "The minutes are started: write up each item below.")
            elif action == "approve" and minutes:
                at = get_object_or_404(later, pk=posted_id(request, "at_meeting"))
                minute_services.approve_minutes(
                    minutes_id=minutes.pk, user=request.user, at_meeting=at
                )
                messages.success(request, f"The minutes are approved at {at}.")
            elif action == "notes" and minutes and form.is_valid():
                minute_services.edit_minutes(
                    minutes_id=minutes.pk, user=request.user, body=form.cleaned_data["body"]
                )
                messages.success(request, "The notes have been saved.")
            else:
                raise Http404
        except ActionRefused as error:
            messages.error(request, str(error))
        return redirect("assessments:meeting-minutes", meeting.pk)
    return render(
        request,
        "assessments/meeting/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "shown": minutes_for_reader(request.user, minutes) if minutes else None,
            "form": form,
            "can_manage": can_manage and not (minutes and minutes.status == MinutesStatus.APPROVED),
            "can_draft": can_manage,
            "later": later,
        },
    )


@permission_needed(PERMISSION)
@require_http_methods(["GET", "POST"])
def minutes_item(request, pk: int, item_pk: int):
    """Write up one agenda item: its discussion, and the actions captured on it; at the
    minutes item, the actions carried forward from earlier meetings are reviewed."""
    meeting = _meeting(request, pk)
    item = get_object_or_404(
        agenda_items_visible_to(request.user).select_related("submission"),
        meeting=meeting,
        pk=item_pk,
    )
    record = ItemMinutes.objects.filter(agenda_item=item).first()
    action = request.POST.get("action") if request.method == "POST" else None
    discussion_form = DiscussionForm(
        request.POST if action == "discussion" else None,
        initial={"discussion": record.discussion if record else ""},
        prefix="minute",
    )
    action_form = ActionForm(request.POST if action == "add-action" else None, prefix="action")
    here = reverse("assessments:minutes-item", args=[meeting.pk, item.pk])
    try:
        if action == "discussion" and discussion_form.is_valid():
            minute_services.record_item_discussion(
                item_id=item.pk,
                user=request.user,
                discussion=discussion_form.cleaned_data["discussion"],
            )
            messages.success(request, f"The discussion of item {item.number} has been saved.")
            if request.POST.get("then") == "minutes":
                return redirect(
                    reverse("assessments:meeting-minutes", args=[meeting.pk])
                    + f"#item-{item.number}"
                )
            return redirect(here)
        if action == "add-action" and action_form.is_valid():
            added = minute_services.add_action(
                user=request.user, meeting=meeting, agenda_item=item, **action_form.cleaned_data
            )
            messages.success(request, f"Action {added.reference} added.")
            return redirect(here)
        if action == "status" and item.kind == ItemKind.MINUTES:
            status = request.POST.get("status")
            reviewed = carried_forward(meeting).filter(pk=posted_id(request, "action_id")).first()
            if reviewed is None or status not in ActionStatus.values:
                raise Http404
            minute_services.set_action_status(
                action_id=reviewed.pk, user=request.user, status=status
            )
            messages.success(
                request,
                f"Action {reviewed.reference} is now {ActionStatus(status).label.lower()}.",
            )
            return redirect(here)
    except ActionRefused as error:
        (action_form if action == "add-action" else discussion_form).add_error(None, str(error))
    errors = discussion_form if discussion_form.errors else action_form
    return render(
        request,
        "assessments/minutes/item.html",
        {
            "meeting": meeting,
            "item": item,
            "discussion_form": discussion_form,
            "action_form": action_form,
            "form": errors,  # for the error summary
            "decisions": item.ballots.filter(decision__isnull=False)
            .select_related("decision")
            .order_by("decision__reference"),
            "actions": item.actions.order_by("reference"),
            "carried": list(carried_forward(meeting)) if item.kind == ItemKind.MINUTES else [],
            "statuses": ActionStatus.choices,
            "approved": bool(record and record.minutes.status == MinutesStatus.APPROVED),
        },
    )
