"""The secretariat's and Chair's workspace: queues, filters, search and CSV export."""

from django.core.paginator import Paginator
from django.shortcuts import render

from triage_portal.csvexport import csv_response
from triage_portal.permissions import permission_needed
from usecases.enums import SubmissionState
from usecases.forms.workspace import WorkspaceFilterForm
from usecases.selectors.proposals import proposals_visible_to
from usecases.selectors.workspace import days_in_state, queue, queue_count, state_counts


def _filtered(request):
    form = WorkspaceFilterForm(request.GET or None)
    form.is_valid()
    # A filter the form refuses is shown with its error and left out; the others still apply.
    filters = getattr(form, "cleaned_data", {})
    base = proposals_visible_to(request.user)
    return form, base, queue(base, filters), any(filters.values())


@permission_needed("usecases.view_workspace")
def workspace(request):
    form, base, rows, narrowed = _filtered(request)
    counts = state_counts(base)
    paginator = Paginator(rows, 50)
    if not narrowed:
        # Unfiltered, the queue is every proposal the tabs count: no second count of them all.
        paginator.count = sum(counts.values())
    else:
        paginator.count = queue_count(rows)
    page = paginator.get_page(request.GET.get("page"))
    days_in_state(page.object_list)
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


@permission_needed("usecases.view_workspace")
def workspace_csv(request):
    _form, _base, rows, _narrowed = _filtered(request)
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


REGISTER_COLUMNS = [
    ("Reference", lambda s: s.reference),
    ("Use Case number", lambda s: s.use_case_label),
    ("Kind", lambda s: s.get_kind_display()),
    ("State", lambda s: s.get_state_display()),
    ("Classification", lambda s: s.classification),
    ("Use Case title", lambda s: s.use_case_title),
    ("SC modification title", lambda s: s.sc_mod_title),
    ("Proposer", lambda s: s.proposer_name),
    ("Proposer organisation", lambda s: s.proposer_organisation_name),
    ("Proposer e-mail", lambda s: s.proposer_email),
    ("Proposer phone", lambda s: s.proposer_phone),
    (
        "Supporters",
        lambda s: "; ".join(
            f"{p.name} ({p.sec_party.name}): {p.status_label}" for p in s.supporters.all()
        ),
    ),
    ("1. Issue", lambda s: s.q1_issue),
    ("2. Why needed", lambda s: s.q2_why_needed),
    ("3. Solution", lambda s: s.q3_solution),
    ("4. Affects an existing SC", lambda s: s.q4_affects_existing_sc),
    ("4. Explanation", lambda s: s.q4_explanation),
    ("5. Needs a new SC", lambda s: s.q5_requires_new_sc),
    ("5. Explanation", lambda s: s.q5_explanation),
    ("6. Urgent", lambda s: s.q6_urgent),
    ("6. Justification", lambda s: s.q6_justification),
    ("Device types", lambda s: ", ".join(d.name for d in s.device_types.all())),
    ("Submitted", lambda s: s.submitted_at),
    ("Registered", lambda s: s.registered_at),
    ("State changed", lambda s: s.state_changed_at),
]


@permission_needed("usecases.view_workspace")
def register_csv(request):
    """The complete register: every proposal the secretariat may see, every answer, as CSV."""
    proposals = (
        proposals_visible_to(request.user)
        .exclude(state=SubmissionState.DRAFT)
        .prefetch_related("device_types", "supporters__sec_party")
        .order_by("pk")
    )
    return csv_response(
        "proposal-register.csv",
        [name for name, _ in REGISTER_COLUMNS],
        ([value(s) for _, value in REGISTER_COLUMNS] for s in proposals.iterator(chunk_size=500)),
    )
