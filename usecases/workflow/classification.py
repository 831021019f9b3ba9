"""Changing a proposal's classification; lowering it (a downgrade) always needs a reason."""

from django.db import transaction

from triage_portal.classification import STRICTNESS, Classification
from usecases.errors import ActionRefused
from usecases.models import Submission
from usecases.workflow.common import locked, require


@transaction.atomic
def change_classification(
    *, submission_id: int, user, classification: str, reason: str = ""
) -> Submission:
    """Set the proposal's paper classification; log who changed it, when, why, and if it was lowered."""
    submission = locked(submission_id)
    require(user, "usecases.set_classification", submission)
    new = Classification(classification)
    old = Classification(submission.classification)
    if new == old:
        raise ActionRefused(f"The proposal is already classified {old.label}.")
    downgrade = STRICTNESS[new] < STRICTNESS[old]
    if downgrade and not reason.strip():
        raise ActionRefused("Enter why the classification may be lowered.")
    submission.classification = new
    submission.save(update_fields=["classification", "updated_at"])
    submission.log_action(
        "usecases.proposal.classification_changed",
        actor=user,
        data={"old": old, "new": new, "downgrade": downgrade, "reason": reason.strip()},
    )
    return submission
