"""Who may do what on the committee side. Views and services share these strings."""

import rules

from assessments.models import Membership
from triage_portal.accounts.rules import is_secretariat, is_ssc_chair


@rules.predicate
def is_current_member_of(user, committee) -> bool:
    """Hold a membership of the committee that is in term and vetted today."""
    if not user.is_authenticated or committee is None:
        return False
    return Membership.objects.held_by(user).filter(seat__committee=committee).exists()


is_office = is_secretariat | is_ssc_chair

rules.add_perm("assessments.manage_meetings", is_secretariat)
# Seats, terms, alternates and vetting on the roster page (assessments.services.roster).
rules.add_perm("assessments.manage_roster", is_secretariat)
rules.add_perm("assessments.issue_paper", is_secretariat)
rules.add_perm("assessments.approve_late_paper", is_ssc_chair)
rules.add_perm("assessments.run_ballot", is_office)
rules.add_perm("assessments.rule_conflict", is_ssc_chair)
rules.add_perm("assessments.strike_vote", is_ssc_chair)
rules.add_perm("assessments.record_decision", is_office)
rules.add_perm("assessments.manage_minutes", is_secretariat)
# Named on a closed-session item's invitation (assessments.services.invitations).
rules.add_perm("assessments.invite_to_item", is_secretariat)
rules.add_perm("assessments.view_committee", is_office | is_current_member_of)
