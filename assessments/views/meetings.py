"""Meetings: the list, a meeting's agenda and attendance, scheduling proposals."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments.closed_session import withheld_items
from assessments.forms import AttendanceForm, MeetingForm
from assessments.models import Committee, Meeting
from assessments.selectors import (
    ballots_visible_to,
    meetings_visible_to,
    minutes_visible_to,
    papers_of_meeting_visible_to,
)
from assessments.services import meetings as meeting_services
from assessments.services.invitations import INVITE_PERMISSION
from assessments.services.papers import (
    next_meeting_with_slot,
    paper_deadline,
    referral_paper,
    schedule_on_meeting,
)
from triage_portal.accounts.models import User
from triage_portal.posted import posted_id, posted_int
from usecases.errors import ActionRefused
from usecases.models import Referral, Submission
from usecases.selectors import proposal_for_page

AGENDA_COLUMNS = (
    "id",
    "meeting",
    "number",
    "kind",
    "title",
    "session",
    "classification",
    "submission",
)


def _meeting(request, pk: int) -> Meeting:
    try:
        return meetings_visible_to(request.user).select_related("committee").get(pk=pk)
    except Meeting.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_http_methods(["GET", "POST"])
def meeting_list(request):
    meetings = meetings_visible_to(request.user).select_related("committee").order_by("-date")
    can_manage = request.user.has_perm("assessments.manage_meetings")
    form = MeetingForm(request.POST if request.method == "POST" else None)
    committees = Committee.objects.all()
    if request.method == "POST":
        if not can_manage:
            raise Http404
        committee = committees.filter(code=request.POST.get("committee")).first()
        if form.is_valid() and committee:
            try:
                meeting = meeting_services.create_meeting(
                    user=request.user, committee=committee, **form.cleaned_data
                )
            except ActionRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"{meeting} has been created.")
                return redirect("assessments:meeting-detail", meeting.pk)
        elif committee is None:
            form.add_error(None, "Select the committee")
    return render(
        request,
        "assessments/meeting/list.html",
        {"meetings": meetings, "form": form, "can_manage": can_manage, "committees": committees},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    # Each list read with the columns the agenda shows: a paper's and a proposal's text are long.
    visible_papers = {
        p.agenda_item_id: p
        for p in papers_of_meeting_visible_to(request.user, meeting)
        .only("id", "agenda_item", "reference")
        .order_by()  # by item, below
    }
    agenda = list(
        meeting.items.select_related("submission")
        .only(*AGENDA_COLUMNS, "submission__id", "submission__reference")
        .order_by("number")
    )
    ballots = defaultdict(list)
    # By the items' own ids: through the meeting, SQLite went through every vote of the committee.
    for ballot in (
        ballots_visible_to(request.user)
        .filter(agenda_item_id__in=[item.pk for item in agenda])
        .only("id", "agenda_item", "status", "question")
    ):
        ballots[ballot.agenda_item_id].append(ballot)
    can_manage = request.user.has_perm("assessments.manage_meetings")
    hidden = withheld_items(request.user, meeting)
    items = [
        {
            "item": item,
            "paper": visible_papers.get(item.pk),
            "hidden": item.pk in hidden,
            "ballots": ballots[item.pk],
        }
        for item in agenda
    ]
    form = None
    if can_manage:
        people = User.objects.filter(memberships__seat__committee=meeting.committee).distinct()
        form = AttendanceForm(request.POST if request.method == "POST" else None, people=people)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                meeting_services.record_attendance(
                    user=request.user, meeting=meeting, **form.cleaned_data
                )
            except ActionRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Attendance recorded.")
                return redirect("assessments:meeting-detail", meeting.pk)
    return render(
        request,
        "assessments/meeting/detail.html",
        {
            "meeting": meeting,
            "items": items,
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
            "form": form,
            "can_manage": can_manage,
            "can_invite": request.user.has_perm(INVITE_PERMISSION),
            "deadline": paper_deadline(meeting),
            "minutes": minutes_visible_to(request.user).filter(meeting=meeting).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_proposal(request, submission_pk: int):
    if not request.user.has_perm("assessments.manage_meetings"):
        raise Http404
    try:
        submission = proposal_for_page(request.user, submission_pk)
    except Submission.DoesNotExist as error:
        raise Http404 from error
    committee = Committee.objects.filter(code="SSC").first()
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
        {"submission": submission, "meetings": meetings, "suggested": suggested, "error": error},
    )


@login_required
@require_POST
def move_item(request, pk: int, item_pk: int):
    meeting = _meeting(request, pk)
    if not request.user.has_perm("assessments.manage_meetings"):
        raise Http404
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


@login_required
@require_POST
def referral_to_agenda(request, referral_pk: int):
    if not request.user.has_perm("assessments.manage_meetings"):
        raise Http404
    referral = get_object_or_404(Referral, pk=referral_pk)
    try:
        paper = referral_paper(referral_id=referral.pk, user=request.user)
    except ActionRefused as error:
        messages.error(request, str(error))
        return redirect("usecases:proposal-detail", referral.submission_id)
    messages.success(
        request, f"The referral is on the agenda of {paper.agenda_item.meeting} with a draft paper."
    )
    return redirect("assessments:paper-detail", paper.pk)
