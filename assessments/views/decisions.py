"""Decisions the committee reaches by consensus in a meeting, recorded on an agenda item."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from assessments.forms import ConsensusDecisionForm
from assessments.selectors import agenda_items_visible_to
from assessments.services import decisions as decision_services
from triage_portal.permissions import permission_needed
from usecases.errors import ActionRefused


@permission_needed("assessments.record_decision")
@require_http_methods(["GET", "POST"])
def decision_record(request, item_pk: int):
    """Record the committee's decision by consensus on the item (the Chair or the secretariat)."""
    item = get_object_or_404(
        agenda_items_visible_to(request.user).select_related("meeting__committee", "submission"),
        pk=item_pk,
    )
    form = ConsensusDecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"resolution": f"The {item.meeting.committee.code} AGREED to "},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = decision_services.record_consensus_decision(
                user=request.user,
                committee=item.meeting.committee,
                meeting=item.meeting,
                agenda_item=item,
                **form.cleaned_data,
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Decision {decision.reference} recorded.")
            return redirect("assessments:meeting-detail", item.meeting_id)
    return render(request, "assessments/decision/record.html", {"item": item, "form": form})
