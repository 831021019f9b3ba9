"""Who may do what to a proposal. Views and FSM transitions use the same permission strings."""

import rules

from triage_portal.accounts.rules import is_secretariat
from usecases.enums import SubmissionState


@rules.predicate
def is_proposal_owner(user, submission) -> bool:
    if submission is None or not user.is_authenticated:
        return False
    if submission.created_by_id == user.pk:
        return True
    return bool(
        user.organisation_verified
        and submission.organisation_id is not None
        and submission.organisation_id == user.organisation_id
    )


@rules.predicate
def is_draft(user, submission) -> bool:
    return submission is not None and submission.state == SubmissionState.DRAFT


@rules.predicate
def is_submitted(user, submission) -> bool:
    return submission is not None and submission.state == SubmissionState.SUBMITTED


rules.add_perm("usecases.start_proposal", rules.is_authenticated)
rules.add_perm("usecases.edit_proposal", is_proposal_owner & is_draft)
rules.add_perm("usecases.delete_draft", is_proposal_owner & is_draft)
rules.add_perm("usecases.submit_proposal", is_proposal_owner & is_draft)
rules.add_perm("usecases.withdraw_proposal", (is_proposal_owner | is_secretariat) & is_submitted)
