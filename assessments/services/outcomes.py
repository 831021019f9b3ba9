"""Turn a committee decision into the proposal's transition, in the same transaction."""

from django.utils import timezone

from assessments.enums import Outcome
from triage_portal.workdays import add_working_days
from usecases import workflow


def apply_outcome(decision, outcome_text: str, user) -> None:
    """Move the decided proposal through the SSC process as the decision says."""
    pk = decision.submission_id
    reason = f"{decision.reference}: {decision.resolution}"
    match decision.outcome:
        case Outcome.PROGRESS:
            workflow.progress_proposal(submission_id=pk, user=user, reason=reason)
        case Outcome.CLARIFY:
            questions = [
                q.strip() for q in outcome_text.replace("\r\n", "\n").split("\n\n") if q.strip()
            ]
            workflow.request_clarification(
                submission_id=pk,
                user=user,
                questions=questions or [reason],
                due_on=add_working_days(timezone.localdate(), 10),
            )
        case Outcome.REFER:
            workflow.await_views(submission_id=pk, user=user)
        case Outcome.APPROVE:
            workflow.approve_proposal(submission_id=pk, user=user, reason=reason)
        case Outcome.APPROVE_WITH_CONDITIONS:
            workflow.approve_proposal(
                submission_id=pk, user=user, reason=reason, conditions=outcome_text
            )
        case Outcome.REJECT:
            workflow.reject_proposal(submission_id=pk, user=user, reason=reason)
        case Outcome.DEFER:
            workflow.defer_proposal(submission_id=pk, user=user, reason=reason)
        case Outcome.SUPERSEDE:
            workflow.supersede_proposal(
                submission_id=pk, user=user, superseded_by_reference=outcome_text, reason=reason
            )
        case Outcome.NOTED:
            pass
    decision.log_action(
        "assessments.decision.applied",
        actor=user,
        data={"reference": decision.reference, "outcome": decision.outcome},
    )
