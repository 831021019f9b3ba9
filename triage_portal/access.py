"""A hook through which the committee app tells the platform who sits on a committee today.

usecases must not import assessments, yet a member's access to AMBER proposals must lapse when
their term or security vetting does. assessments registers its check here when it loads.
"""

from collections.abc import Callable

_checks: list[Callable] = []


def register_committee_check(check: Callable) -> None:
    """Add a function user -> bool that says whether the user sits on a committee today."""
    if check not in _checks:
        _checks.append(check)


def sits_on_a_committee(user) -> bool:
    """Return whether any registered check says the user holds a current, vetted seat."""
    return any(check(user) for check in _checks)
