"""Changing a proposal's classification; lowering it (a downgrade) always needs a reason."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from triage_portal.classification import STRICTNESS, Classification
from usecases.errors import ActionRefused, require
from usecases.models import Submission
from usecases.workflow.common import locked


def is_downgrade(old: str, new: str) -> bool:
    return STRICTNESS[Classification(new)] < STRICTNESS[Classification(old)]


def log_classification_change(
    submission: Submission, *, user, old: str, new: str, reason: str, **extra
) -> None:
    """Log a change of level: who, the previous and new level, whether it was lowered, and why."""
    submission.log_action(
        "usecases.proposal.classification_changed",
        actor=user,
        data={
            "old": Classification(old),
            "new": Classification(new),
            "downgrade": is_downgrade(old, new),
            "reason": reason,
            **extra,
        },
    )


def at_least_proposers_level(submission: Submission) -> str:
    """Return the stored level raised, if need be, to the level the proposer chose."""
    stored = Classification(submission.classification)
    chosen = submission.proposer_classification
    if chosen and STRICTNESS[Classification(chosen)] > STRICTNESS[stored]:
        return Classification(chosen)
    return stored


def published_level() -> Classification:
    """Return the level a published Use Case takes (the public one, WHITE unless configured)."""
    return Classification(settings.PORTAL_PUBLISHED_CLASSIFICATION)


_followers: list[Callable] = []


def register_classification_follower(follower: Callable) -> None:
    """Add a function called, in the same transaction, when a proposal's level changes:
    follower(submission=..., user=..., level=...). The committee app raises the papers and
    agenda items about the proposal with it (usecases does not import assessments)."""
    if follower not in _followers:
        _followers.append(follower)


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
    if is_downgrade(old, new) and not reason.strip():
        raise ActionRefused("Enter why the classification may be lowered.")
    submission.classification = new
    submission.save(update_fields=["classification", "updated_at"])
    log_classification_change(submission, user=user, old=old, new=new, reason=reason.strip())
    for follower in _followers:
        follower(submission=submission, user=user, level=new)
    return submission
