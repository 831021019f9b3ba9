"""Turn a committee decision into the proposal's transition, in the same transaction."""

from django.utils import timezone

from assessments.enums import Outcome
from triage_portal.workdays import add_working_days
from usecases import workflow
from usecases.enums import SubmissionState
from usecases.models import Submission


def apply_outcome(decision, outcome_text: str, user) -> None:
    """Move the decided proposal through the SSC process as the decision says.

    Each workflow service gets the decision itself, checks that it passed, is about this
    proposal and decides this transition, and logs its reference with the transition.
    """
    pk = decision.submission_id
    reason = f"{decision.reference}: {decision.resolution}"
    match decision.outcome:
        case Outcome.PROGRESS if _state(pk) == SubmissionState.DECISION_PENDING:
            # Taking a proposal pending decision (back) to assessment sends it back.
            workflow.send_back_proposal(
                submission_id=pk, user=user, reason=reason, decision=decision
            )
        case Outcome.PROGRESS:
            workflow.progress_proposal(
                submission_id=pk, user=user, reason=reason, decision=decision
            )
        case Outcome.CLARIFY:
            questions = [
                q.strip() for q in outcome_text.replace("\r\n", "\n").split("\n\n") if q.strip()
            ]
            workflow.request_clarification(
                submission_id=pk,
                user=user,
                questions=questions or [reason],
                due_on=add_working_days(timezone.localdate(), 10),
                decision=decision,
            )
        case Outcome.REFER:
            workflow.await_views(submission_id=pk, user=user, decision=decision)
        case Outcome.APPROVE:
            workflow.approve_proposal(submission_id=pk, user=user, reason=reason, decision=decision)
        case Outcome.APPROVE_WITH_CONDITIONS:
            workflow.approve_proposal(
                submission_id=pk,
                user=user,
                reason=reason,
                decision=decision,
                conditions=outcome_text,
            )
        case Outcome.SEND_BACK:
            workflow.send_back_proposal(
                submission_id=pk, user=user, reason=reason, decision=decision
            )
        case Outcome.REJECT:
            workflow.reject_proposal(submission_id=pk, user=user, reason=reason, decision=decision)
        case Outcome.DEFER:
            workflow.defer_proposal(submission_id=pk, user=user, reason=reason, decision=decision)
        case Outcome.SUPERSEDE:
            workflow.supersede_proposal(
                submission_id=pk,
                user=user,
                superseded_by_reference=outcome_text,
                reason=reason,
                decision=decision,
            )
        case Outcome.NOTED:
            pass
    decision.log_action(
        "assessments.decision.applied",
        actor=user,
        data={"reference": decision.reference, "outcome": decision.outcome},
    )


def _state(submission_id: int) -> str:
    return Submission.objects.values_list("state", flat=True).get(pk=submission_id)
