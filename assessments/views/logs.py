"""The decision log and action log, with CSV exports, and a member's next meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments.closed_session import decision_line
from assessments.enums import ActionStatus
from assessments.forms import ActionForm
from assessments.minutes_record import actions_visible_to
from assessments.models import ConflictDeclaration
from assessments.selectors import (
    ballots_visible_to,
    decision_log_visible_to,
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


@login_required
def decision_log(request):
    """The decision log and its CSV; a decision the reader may not read is listed by its
    reference and date alone (assessments.closed_session)."""
    decisions = (
        decision_log_visible_to(request.user)
        .select_related("committee", "submission")
        .only(
            "reference",
            "committee__code",
            "decided_at",
            "method",
            "outcome",
            "passed",
            "resolution",
            "snapshot",
            "submission__reference",
        )
        .order_by("-decided_at", "-pk")
    )
    if request.GET.get("format") == "csv":
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
                    line.reference,
                    line.committee_code,
                    line.decided_at.date(),
                    line.method_label,
                    line.outcome_label,
                    {True: "Yes", False: "No", None: ""}[line.passed],
                    _blank_if_none(line.for_count),
                    _blank_if_none(line.against_count),
                    _blank_if_none(line.abstain_count),
                    line.resolution,
                ]
                for line in map(decision_line, decisions)
            ),
        )
    page = KeptCountPaginator(decisions, 50).get_page(request.GET.get("page"))
    lines = [decision_line(decision) for decision in page.object_list]
    return render(request, "assessments/log/decisions.html", {"page": page, "lines": lines})


def _blank_if_none(value):
    return "" if value is None else value


@login_required
@require_http_methods(["GET", "POST"])
def action_log(request):
    meetings = meetings_visible_to(request.user)
    # Not an action captured on a RED item the reader is not named on.
    actions = (
        actions_visible_to(request.user)
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
            "statuses": ActionStatus.choices,
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
            .select_related("agenda_item__submission")
            .order_by("agenda_item__number")
        )
    declarations = ConflictDeclaration.objects.filter(
        person=request.user,
        declared_at__isnull=True,
        ballot__status="OPEN",
        ballot__in=ballots_visible_to(request.user),
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
