"""The decision log and action log, with CSV exports, and a member's next meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments.enums import ActionStatus
from assessments.forms import ActionForm
from assessments.models import Action, ConflictDeclaration
from assessments.selectors import (
    decisions_visible_to,
    meetings_visible_to,
    next_meeting_for,
    open_ballots_awaiting,
    papers_of_meeting_visible_to,
)
from assessments.services.minutes import add_action, set_action_status
from triage_portal.csvexport import csv_response
from triage_portal.pagination import KeptCountPaginator
from triage_portal.posted import posted_id
from usecases.errors import ActionRefused
from usecases.selectors import LONG_TEXT


@login_required
def decision_log(request):
    decisions = decisions_visible_to(request.user).order_by("-decided_at")
    if request.GET.get("format") == "csv":
        decisions = decisions.select_related("committee", "meeting", "submission").defer(
            *(f"submission__{name}" for name in LONG_TEXT)
        )
        return csv_response(
            "decision-log.csv",
            [
                "Reference",
                "Committee",
                "Date",
                "Method",
                "Outcome",
                "Passed",
                "For",
                "Against",
                "Abstain",
                "Resolution",
            ],
            (
                [
                    d.reference,
                    d.committee.code,
                    d.decided_at.date(),
                    d.get_method_display(),
                    d.get_outcome_display(),
                    "Yes" if d.passed else "No",
                    d.snapshot.get("for_count", ""),
                    d.snapshot.get("against_count", ""),
                    d.snapshot.get("abstain_count", ""),
                    d.resolution,
                ]
                for d in decisions
            ),
        )
    # The page's five columns alone: each row was three joined models' every column.
    shown = decisions.select_related("submission").only(
        "reference", "decided_at", "resolution", "method", "snapshot", "submission__reference"
    )
    page = KeptCountPaginator(shown, 50).get_page(request.GET.get("page"))
    return render(request, "assessments/log/decisions.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def action_log(request):
    meetings = meetings_visible_to(request.user)
    actions = (
        Action.objects.filter(meeting__in=meetings)
        .select_related("meeting__committee")
        .order_by("-meeting__date", "reference")
    )
    if request.GET.get("format") == "csv":
        return csv_response(
            "action-log.csv",
            ["Reference", "Meeting", "Action", "Owner", "Due", "Status"],
            (
                [
                    a.reference,
                    str(a.meeting),
                    a.description,
                    a.owner,
                    a.due_on or "",
                    a.get_status_display(),
                ]
                for a in actions
            ),
        )
    form = ActionForm(
        request.POST if request.method == "POST" and "status" not in request.POST else None
    )
    if request.method == "POST":
        if not request.user.has_perm("assessments.manage_minutes"):
            raise Http404
        if "status" in request.POST:
            action = actions.filter(pk=posted_id(request, "action_id")).first()
            if action is None or request.POST["status"] not in ActionStatus.values:
                raise Http404
            set_action_status(action_id=action.pk, user=request.user, status=request.POST["status"])
            messages.success(
                request,
                f"Action {action.reference} is now {ActionStatus(request.POST['status']).label.lower()}.",
            )
            return redirect("assessments:action-log")
        meeting = meetings.filter(pk=posted_id(request, "meeting")).first()
        if form.is_valid() and meeting:
            try:
                action = add_action(user=request.user, meeting=meeting, **form.cleaned_data)
            except ActionRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Action {action.reference} added.")
                return redirect("assessments:action-log")
        elif meeting is None:
            form.add_error(None, "Select the meeting")
    return render(
        request,
        "assessments/log/actions.html",
        {
            "actions": actions,
            "form": form,
            "meetings": meetings.order_by("-date")[:20],
            "can_manage": request.user.has_perm("assessments.manage_minutes"),
        },
    )


@login_required
def next_meeting(request):
    meeting = next_meeting_for(request.user)
    papers = []
    if meeting:
        papers = list(
            papers_of_meeting_visible_to(request.user, meeting)
            .select_related("agenda_item")
            .order_by("agenda_item__number")
        )
    declarations = ConflictDeclaration.objects.filter(
        person=request.user, declared_at__isnull=True, ballot__status="OPEN"
    ).select_related("ballot")
    return render(
        request,
        "assessments/member/next.html",
        {
            "meeting": meeting,
            "papers": papers,
            "ballots": open_ballots_awaiting(request.user),
            "declarations": declarations,
        },
    )
