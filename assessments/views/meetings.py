"""Meetings: the list, a meeting's agenda and attendance, scheduling proposals."""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from assessments.agenda import agenda_for
from assessments.enums import MeetingStatus
from assessments.models import Committee, Meeting
from assessments.rules import is_current_member_of
from assessments.selectors import (
    ballots_visible_to,
    meetings_visible_to,
    minutes_visible_to,
)
from assessments.services import meetings as meeting_services
from assessments.services.invitations import INVITE_PERMISSION
from assessments.services.papers import (
    REFERRAL_COMMITTEES,
    next_meeting_with_slot,
    paper_deadline,
    referral_paper,
    schedule_on_meeting,
)
from triage_portal.permissions import permission_needed
from triage_portal.posted import posted_id, posted_int
from usecases.errors import ActionRefused
from usecases.models import Referral, Submission
from usecases.selectors.proposals import proposal_for_page


def _meeting(request, pk: int) -> Meeting:
    try:
        return meetings_visible_to(request.user).select_related("committee").get(pk=pk)
    except Meeting.DoesNotExist as error:
        raise Http404 from error


@login_required
def meeting_list(request):
    meetings = meetings_visible_to(request.user).select_related("committee").order_by("-date")
    return render(
        request,
        "assessments/meeting/list.html",
        {"meetings": meetings, "can_manage": request.user.has_perm("assessments.manage_meetings")},
    )


@login_required
def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    agenda = agenda_for(request.user, meeting)
    ballots = defaultdict(list)
    # By the items' own ids: through the meeting, SQLite went through every vote of the committee.
    for ballot in (
        ballots_visible_to(request.user)
        .filter(agenda_item_id__in=[line.item.pk for line in agenda.lines])
        .only("id", "agenda_item", "status", "question")
    ):
        ballots[ballot.agenda_item_id].append(ballot)
    can_manage = request.user.has_perm("assessments.manage_meetings")

    def rows(lines):
        return [{"line": line, "ballots": ballots[line.item.pk]} for line in lines]

    return render(
        request,
        "assessments/meeting/detail.html",
        {
            "meeting": meeting,
            "open_rows": rows(agenda.open_session),
            "closed_rows": rows(agenda.closed_session),
            "item_count": len(agenda.lines),
            # One meeting's: by name alone (the model's ordering goes through the meeting first),
            # and only the columns the table shows (two people and an organisation a row).
            "attendance": meeting.attendance.select_related(
                "person__organisation", "represented_by"
            )
            .only(
                "status",
                "person__full_name",
                "person__organisation__name",
                "represented_by__full_name",
            )
            .order_by("person__full_name"),
            "can_manage": can_manage,
            "is_planned": meeting.status == MeetingStatus.PLANNED,
            "can_invite": request.user.has_perm(INVITE_PERMISSION),
            "can_declare": is_current_member_of(request.user, meeting.committee),
            "deadline": paper_deadline(meeting),
            "minutes": minutes_visible_to(request.user).filter(meeting=meeting).exists(),
        },
    )


@permission_needed("assessments.manage_meetings")
@require_http_methods(["GET", "POST"])
def schedule_proposal(request, submission_pk: int):
    try:
        submission = proposal_for_page(request.user, submission_pk)
    except Submission.DoesNotExist as error:
        raise Http404 from error
    committee = Committee.objects.filter(code=settings.PORTAL_HOME_COMMITTEE).first()
    suggested = next_meeting_with_slot(committee) if committee else None
    meetings = Meeting.objects.filter(status="PLANNED").select_related("committee").order_by("date")
    error = ""
    if request.method == "POST":
        meeting = meetings.filter(pk=posted_id(request, "meeting")).first()
        if meeting is None:
            error = "Select the meeting"
        else:
            try:
                paper = schedule_on_meeting(
                    submission_id=submission.pk, user=request.user, meeting=meeting
                )
            except ActionRefused as refusal:
                error = str(refusal)
            else:
                messages.success(
                    request,
                    f"The proposal is on the agenda of {meeting} as item {paper.agenda_item.number}.",
                )
                return redirect("assessments:paper-detail", paper.pk)
    return render(
        request,
        "assessments/meeting/schedule.html",
        {
            "submission": submission,
            "meetings": meetings,
            "suggested": suggested,
            "error": error,
            "create_url": f"{reverse('assessments:meeting-create')}?"
            + urlencode({"committee": committee.code if committee else "", "next": request.path}),
        },
    )


@permission_needed("assessments.manage_meetings")
@require_POST
def move_item(request, pk: int, item_pk: int):
    meeting = _meeting(request, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    try:
        number = posted_int(request, "number")
        if number is None:
            raise ValueError("not a whole number")
        meeting_services.move_agenda_item(user=request.user, item=item, number=number)
    except (ActionRefused, ValueError) as error:
        messages.error(
            request, str(error) if isinstance(error, ActionRefused) else "Enter a whole number."
        )
    else:
        messages.success(
            request, "The agenda has been renumbered; issued papers that moved have new references."
        )
    return redirect("assessments:meeting-detail", meeting.pk)


@permission_needed("assessments.manage_meetings")
@require_POST
def referral_to_agenda(request, referral_pk: int):
    """Put a referral on the other committee's next agenda, or offer to create its meeting."""
    referral = get_object_or_404(Referral.objects.select_related("submission"), pk=referral_pk)
    code = REFERRAL_COMMITTEES.get(referral.body)
    committee = Committee.objects.filter(code=code).first() if code else None
    if code and (committee is None or next_meeting_with_slot(committee) is None):
        back = reverse("usecases:proposal-detail", args=[referral.submission_id])
        return render(
            request,
            "assessments/meeting/no_meeting.html",
            {
                "code": code,
                "committee": committee,
                "submission": referral.submission,
                "create_url": f"{reverse('assessments:meeting-create')}?"
                + urlencode({"committee": code, "next": back}),
                "back": back,
            },
        )
    try:
        paper = referral_paper(referral_id=referral.pk, user=request.user)
    except ActionRefused as error:
        messages.error(request, str(error))
        return redirect("usecases:proposal-detail", referral.submission_id)
    messages.success(
        request, f"The referral is on the agenda of {paper.agenda_item.meeting} with a draft paper."
    )
    return redirect("assessments:paper-detail", paper.pk)
