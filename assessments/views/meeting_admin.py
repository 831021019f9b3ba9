"""The secretariat's meeting pages: create, change or cancel a meeting, move an item to
another meeting, and record everyone's attendance on one page."""

from django.contrib import messages
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from assessments.enums import ItemKind, MeetingStatus
from assessments.meeting_forms import (
    AttendanceSheetForm,
    CancelMeetingForm,
    MeetingEditForm,
    MeetingForm,
    MoveToMeetingForm,
)
from assessments.models import Committee, Meeting
from assessments.services import meeting_changes
from assessments.services import meetings as meeting_services
from assessments.services.attendance import record_attendance_for_all, seat_holders
from triage_portal.permissions import permission_needed
from usecases.errors import ActionRefused

MANAGE = "assessments.manage_meetings"


def _safe_next(request) -> str:
    """Return the page to go back to after creating a meeting, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _next_number(committee: Committee | None) -> int | None:
    if committee is None:
        return None
    top = Meeting.objects.filter(committee=committee).aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@permission_needed(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    """Create a meeting; ?committee=CODE pre-fills the committee and ?next= comes back after."""
    back = _safe_next(request)
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = meeting_services.create_meeting(user=request.user, **data)
            except ActionRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{meeting} has been created.")
                return redirect(back or reverse("assessments:meeting-detail", args=[meeting.pk]))
    else:
        committee = Committee.objects.filter(code=request.GET.get("committee", "")).first()
        form = MeetingForm(
            initial={"committee": committee, "number": _next_number(committee)} if committee else {}
        )
    return render(request, "assessments/meeting/create.html", {"form": form, "next": back})


def _office_meeting(request, pk: int) -> Meeting:
    """Return the meeting for a secretariat page (the view is guarded by MANAGE)."""
    return get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)


@permission_needed(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int):
    meeting = _office_meeting(request, pk)
    form = MeetingEditForm(
        request.POST if request.method == "POST" else None,
        meeting=meeting,
        initial={"number": meeting.number, "date": meeting.date, "location": meeting.location},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting_changes.edit_meeting(
                user=request.user, meeting_id=meeting.pk, **form.cleaned_data
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "The meeting has been changed; issued papers that changed have new references.",
            )
            return redirect("assessments:meeting-detail", meeting.pk)
    return render(request, "assessments/meeting/edit.html", {"meeting": meeting, "form": form})


def _other_planned(meeting: Meeting):
    return (
        Meeting.objects.filter(committee=meeting.committee_id, status=MeetingStatus.PLANNED)
        .exclude(pk=meeting.pk)
        .select_related("committee")
        .order_by("date", "number")
    )


@permission_needed(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int):
    meeting = _office_meeting(request, pk)
    business = list(meeting.items.filter(kind=ItemKind.BUSINESS).order_by("number"))
    form = CancelMeetingForm(
        request.POST if request.method == "POST" else None,
        meetings=_other_planned(meeting),
        needs_target=bool(business),
    )
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["move_to"]
        try:
            meeting_changes.cancel_meeting(
                user=request.user,
                meeting_id=meeting.pk,
                reason=form.cleaned_data["reason"],
                move_to_id=target.pk if target and business else None,
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            if business:
                messages.success(
                    request,
                    f"{meeting} is cancelled. Its business items are now on {target}'s agenda.",
                )
                return redirect("assessments:meeting-detail", target.pk)
            messages.success(request, f"{meeting} is cancelled.")
            return redirect("assessments:meeting-detail", meeting.pk)
    return render(
        request,
        "assessments/meeting/cancel.html",
        {"meeting": meeting, "form": form, "business": business, "create_back": request.path},
    )


@permission_needed(MANAGE)
@require_http_methods(["GET", "POST"])
def item_move_to_meeting(request, pk: int, item_pk: int):
    meeting = _office_meeting(request, pk)
    item = get_object_or_404(meeting.items.select_related("submission"), pk=item_pk)
    form = MoveToMeetingForm(
        request.POST if request.method == "POST" else None, meetings=_other_planned(meeting)
    )
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["meeting"]
        try:
            moved = meeting_changes.move_item_to_meeting(
                user=request.user,
                item_id=item.pk,
                meeting_id=target.pk,
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Item {item.number} is now item {moved.number} of {target}; the agenda here is renumbered.",
            )
            return redirect("assessments:meeting-detail", meeting.pk)
    return render(
        request,
        "assessments/meeting/move_item.html",
        {"meeting": meeting, "item": item, "form": form, "create_back": request.path},
    )


@permission_needed(MANAGE)
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk: int):
    meeting = _office_meeting(request, pk)
    holders = seat_holders(meeting)
    form = AttendanceSheetForm(request.POST if request.method == "POST" else None, holders=holders)
    if request.method == "POST" and form.is_valid():
        try:
            record_attendance_for_all(
                user=request.user, meeting_id=meeting.pk, entries=form.entries()
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Attendance recorded for {len(holders)} people.")
            return redirect("assessments:meeting-detail", meeting.pk)
    return render(
        request, "assessments/meeting/attendance.html", {"meeting": meeting, "form": form}
    )
