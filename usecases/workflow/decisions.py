"""The SSC's recorded decisions, as the workflow checks them before a committee transition.

The committee app records decisions (a closed vote, or a consensus decision in a meeting) and
hands each one to the service it decides; this app cannot import that app, so a decision is
anything with the attributes of CommitteeDecision. A committee transition (progress, approve,
send back, reject, and the SSC's own defer, supersede, refer or clarify) takes place only
with a passed decision about this proposal whose outcome is that transition, and each
decision moves a proposal once.
"""

from typing import Protocol

from triage_portal.audit.models import ActivityLog
from usecases.errors import ActionRefused
from usecases.models import Submission

# The committee's outcome codes (assessments.enums.Outcome) each transition carries out.
# "Send back for further work" has no outcome of its own: a decision to take the proposal
# (back) to assessment sends a proposal pending decision back; SEND_BACK is accepted too.
OUTCOMES = {
    "progress": ("PROGRESS",),
    "approve": ("APPROVE", "APPROVE_WITH_CONDITIONS"),
    "send_back": ("SEND_BACK", "PROGRESS"),
    "reject": ("REJECT",),
    "defer": ("DEFER",),
    "supersede": ("SUPERSEDE",),
    "await_views": ("REFER",),
    "request_clarification": ("CLARIFY",),
}
WORDS = {
    "progress": "Progressing a proposal to assessment",
    "approve": "Approving a proposal",
    "send_back": "Sending a proposal back for further work",
    "reject": "Rejecting a proposal",
    "defer": "Putting a proposal on hold",
    "supersede": "Closing a proposal as superseded",
    "await_views": "Waiting for external views",
    "request_clarification": "Asking the proposer questions",
}


class CommitteeDecision(Protocol):
    """What the workflow reads of a recorded committee decision."""

    reference: str
    submission_id: int | None
    outcome: str
    passed: bool


def decision_reference(
    decision: CommitteeDecision | None, submission: Submission, name: str
) -> str:
    """Return the decision's reference; refuse unless it decides this transition of this proposal."""
    if decision is None:
        raise ActionRefused(
            f"{WORDS[name]} is a decision of the SSC. Record it on the committee side, from a "
            "vote or a consensus decision in a quorate meeting."
        )
    reference = (decision.reference or "").strip()
    if not reference:
        raise ActionRefused("The SSC's decision has no reference yet.")
    if decision.submission_id != submission.pk:
        raise ActionRefused(f"Decision {reference} is not about this proposal.")
    if not decision.passed:
        raise ActionRefused(f"Decision {reference} did not pass, so it cannot move the proposal.")
    if decision.outcome not in OUTCOMES[name]:
        raise ActionRefused(
            f"Decision {reference} does not decide this: {WORDS[name].lower()} needs a decision "
            "to do so."
        )
    if _already_acted_on(submission, reference):
        raise ActionRefused(f"Decision {reference} has already moved this proposal.")
    return reference


def _already_acted_on(submission: Submission, reference: str) -> bool:
    return ActivityLog.objects.filter(
        content_type__app_label="usecases",
        content_type__model="submission",
        object_id=str(submission.pk),
        action__startswith="usecases.proposal.",
        data__decision=reference,
    ).exists()
