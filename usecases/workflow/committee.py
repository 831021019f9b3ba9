"""The SSC's decisions on a proposal: each moves it only as a recorded decision says.

Progress, approve, send back and reject are the committee's alone: the service refuses unless
it is given a passed decision of the SSC about this proposal that decides this very step
(usecases.workflow.decisions), and logs the decision's reference with the transition. The
committee app calls them when it records a decision (assessments.services.outcomes), in the
same transaction. Putting on hold and superseding are decided by the SSC too, or alone by the
Chair (defer) or the secretariat (supersede), as domain.md §2.5 allows.
"""

from django.db import transaction

from triage_portal.accounts.rules import is_secretariat, is_ssc_chair
from usecases.errors import ActionRefused
from usecases.models import Submission
from usecases.workflow.common import (
    apply_transition,
    check_transition,
    locked,
    required_reason,
    take_step,
)
from usecases.workflow.decisions import CommitteeDecision, decision_reference


def _decided_step(submission_id, user, transition, event, reason, what, decision):
    """Take a step only the SSC's recorded decision takes, its reason kept on the proposal."""
    return take_step(
        submission_id,
        user,
        transition,
        event,
        reason=reason,
        what=what,
        fields=("decision_reason",),
        decided=True,
        decision=decision,
    )


@transaction.atomic
def progress_proposal(
    *, submission_id: int, user, reason: str, decision: CommitteeDecision | None = None
) -> Submission:
    """Progress the proposal to assessment as the SSC's recorded decision says."""
    return _decided_step(
        submission_id, user, "progress", "progressed", reason, "the decision", decision
    )


@transaction.atomic
def approve_proposal(
    *,
    submission_id: int,
    user,
    reason: str,
    decision: CommitteeDecision | None = None,
    conditions: str = "",
) -> Submission:
    """Approve the proposal, with any conditions, as the SSC's recorded decision says."""
    submission = locked(submission_id)
    check_transition(submission, "approve", user)
    reference = decision_reference(decision, submission, "approve")
    reason = required_reason(reason, "the decision")
    return apply_transition(
        submission,
        "approve",
        user=user,
        event="approved",
        kwargs={
            "reason": reason,
            "decision_reference": reference,
            "conditions_text": conditions.strip(),
        },
        fields=("decision_reason", "approval_decision_reference", "approval_conditions"),
        data={"reason": reason, "decision": reference, "conditions": conditions.strip()},
    )


@transaction.atomic
def send_back_proposal(
    *, submission_id: int, user, reason: str, decision: CommitteeDecision | None = None
) -> Submission:
    """Send the proposal back for further work, as the SSC's recorded decision says."""
    return _decided_step(
        submission_id, user, "send_back", "sent_back", reason, "sending it back", decision
    )


@transaction.atomic
def reject_proposal(
    *, submission_id: int, user, reason: str, decision: CommitteeDecision | None = None
) -> Submission:
    """Reject the proposal, as the SSC's recorded decision says, with its reason."""
    return _decided_step(
        submission_id, user, "reject", "rejected", reason, "the rejection", decision
    )


@transaction.atomic
def defer_proposal(
    *,
    submission_id: int,
    user,
    reason: str,
    review_on=None,
    decision: CommitteeDecision | None = None,
) -> Submission:
    """Put the proposal on hold, by the SSC's recorded decision or the Chair's own; it remembers the state to resume."""
    return take_step(
        submission_id,
        user,
        "defer",
        "put_on_hold",
        reason=reason,
        what="putting it on hold",
        kwargs={"review_on": review_on},
        fields=("resume_state", "hold_reason", "hold_review_on"),
        data={"review_on": review_on},
        decision=decision,
        alone=(
            is_ssc_chair,
            "Only the SSC Chair may put a proposal on hold without a decision of the SSC. "
            "Record the SSC's decision to defer it on the committee side.",
        ),
    )


@transaction.atomic
def supersede_proposal(
    *,
    submission_id: int,
    user,
    superseded_by_reference: str,
    reason: str,
    decision: CommitteeDecision | None = None,
) -> Submission:
    """Close the proposal because another proposal, named by its reference, supersedes it.

    By the SSC's recorded decision, or by the secretariat's own (domain.md §2.5).
    """
    by = Submission.objects.filter(reference__iexact=superseded_by_reference.strip()).first()
    if by is None:
        raise ActionRefused("Enter the reference of a registered proposal, like UCR-2026-001.")
    if by.pk == submission_id:
        raise ActionRefused("A proposal cannot supersede itself.")
    return take_step(
        submission_id,
        user,
        "supersede",
        "superseded",
        reason=reason,
        what="superseding it",
        kwargs={"by": by},
        fields=("superseded_by", "decision_reason"),
        data={"superseded_by": by.reference},
        decision=decision,
        alone=(
            is_secretariat,
            "Only the secretariat may close a proposal as superseded without a decision of the "
            "SSC. Record the SSC's decision to supersede it on the committee side.",
        ),
    )
