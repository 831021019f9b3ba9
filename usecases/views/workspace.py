"""The secretariat's and Chair's workspace: queues, filters, search and CSV export."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from triage_portal.csvexport import csv_response
from usecases.enums import SubmissionState
from usecases.selectors import proposals_visible_to
from usecases.workspace import days_in_state, queue, state_counts
from usecases.workspace_forms import WorkspaceFilterForm


def _filtered(request):
    if not request.user.has_perm("usecases.view_workspace"):
        raise Http404
    form = WorkspaceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    base = proposals_visible_to(request.user)
    return form, base, queue(base, filters)


@login_required
def workspace(request):
    form, base, rows = _filtered(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    days_in_state(page.object_list)
    counts = state_counts(base)
    tabs = [
        (state, counts.get(state.value, 0))
        for state in SubmissionState
        if state != SubmissionState.DRAFT
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "usecases/workspace/queue.html",
        {
            "form": form,
            "page": page,
            "tabs": tabs,
            "total": sum(counts.values()),
            "query": query.urlencode(),
        },
    )


@login_required
def workspace_csv(request):
    _form, _base, rows = _filtered(request)
    rows = list(rows)
    days_in_state(rows)
    return csv_response(
        "proposals.csv",
        [
            "Reference",
            "Title",
            "Kind",
            "State",
            "Classification",
            "Organisation",
            "Submitted",
            "Working days in state",
            "Urgent",
            "Clarification overdue",
            "Referral overdue",
        ],
        (
            [
                s.reference,
                s.title,
                s.get_kind_display(),
                s.get_state_display(),
                s.get_classification_display(),
                s.proposer_organisation_name,
                s.submitted_at.date() if s.submitted_at else "",
                s.days_in_state,
                "Yes" if s.is_urgent else "No",
                "Yes" if s.clarification_overdue else "No",
                "Yes" if s.referral_overdue else "No",
            ]
            for s in rows
        ),
    )
