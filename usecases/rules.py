"""Who may do what to a proposal. Views, buttons and FSM transitions use the same strings."""

import rules

from triage_portal.accounts.rules import is_secretariat, is_ssc_chair
from usecases.enums import PROPOSER_WITHDRAWABLE_STATES, TERMINAL_STATES, SubmissionState


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


def _in_states(*states):
    @rules.predicate(name=f"in_states_{'_'.join(s.lower() for s in states)}")
    def predicate(user, submission) -> bool:
        return submission is not None and submission.state in states

    return predicate


is_draft = _in_states(SubmissionState.DRAFT)
proposer_may_edit = _in_states(
    SubmissionState.DRAFT, SubmissionState.RETURNED, SubmissionState.CLARIFICATION_REQUESTED
)
proposer_may_withdraw = _in_states(*PROPOSER_WITHDRAWABLE_STATES)


@rules.predicate
def is_live(user, submission) -> bool:
    """Submitted and not yet closed: the secretariat may still correct it."""
    return submission is not None and submission.state not in (
        SubmissionState.DRAFT,
        *TERMINAL_STATES,
    )


is_chair_or_secretariat = is_secretariat | is_ssc_chair

rules.add_perm("usecases.start_proposal", rules.is_authenticated)
rules.add_perm(
    "usecases.edit_proposal", (is_proposal_owner & proposer_may_edit) | (is_secretariat & is_live)
)
rules.add_perm("usecases.delete_draft", is_proposal_owner & is_draft)
rules.add_perm("usecases.submit_proposal", is_proposal_owner)
rules.add_perm("usecases.resubmit_proposal", is_proposal_owner)
rules.add_perm("usecases.answer_clarification", is_proposal_owner)
rules.add_perm("usecases.return_proposal", is_secretariat)
rules.add_perm("usecases.register_proposal", is_secretariat)
rules.add_perm("usecases.schedule_proposal", is_chair_or_secretariat)
rules.add_perm("usecases.request_clarification", is_chair_or_secretariat)
rules.add_perm("usecases.decide_proposal", is_chair_or_secretariat)
rules.add_perm("usecases.resume_proposal", is_chair_or_secretariat)
rules.add_perm("usecases.table_proposal", is_chair_or_secretariat)
rules.add_perm("usecases.manage_referrals", is_chair_or_secretariat)
rules.add_perm("usecases.manage_consultation", is_secretariat)
rules.add_perm("usecases.manage_publication", is_secretariat)
rules.add_perm("usecases.record_ncsc_advice", is_secretariat)
rules.add_perm("usecases.supersede_proposal", is_chair_or_secretariat)
rules.add_perm(
    "usecases.withdraw_proposal",
    (is_proposal_owner & proposer_may_withdraw) | is_chair_or_secretariat,
)
rules.add_perm("usecases.view_workspace", is_chair_or_secretariat)
rules.add_perm("usecases.set_classification", is_secretariat & is_live)
rules.add_perm("usecases.verify_supporter_address", is_secretariat)
