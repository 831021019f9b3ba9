"""Permission predicates about people and roles, shared by every app."""

import rules

from triage_portal.accounts.enums import Role


@rules.predicate
def is_secretariat(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.SECRETARIAT


@rules.predicate
def is_ssc_chair(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.SSC_CHAIR


@rules.predicate
def is_committee_person(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_committee


rules.add_perm("accounts.create_committee_account", is_secretariat)
