"""A hook through which the committee app tells the platform who sits on a committee today.

usecases must not import assessments, yet a member's access to AMBER proposals must lapse when
their term or security vetting does. assessments registers its check here when it loads.
"""

from collections.abc import Callable

from django.db.models import Q

_checks: list[Callable] = []


def register_committee_check(check: Callable) -> None:
    """Add a function user -> bool that says whether the user sits on a committee today."""
    if check not in _checks:
        _checks.append(check)


def sits_on_a_committee(user) -> bool:
    """Return whether any registered check says the user holds a current, vetted seat."""
    return any(check(user) for check in _checks)


_named_readers: list[Callable] = []


def register_named_reader(condition: Callable) -> None:
    """Add a function user -> Q on a proposal: the proposals the user is named on for RED business."""
    if condition not in _named_readers:
        _named_readers.append(condition)


def named_on_its_business(user):
    """Return a Q of the proposals whose RED business names the user (never true with no hook)."""
    named = Q(pk__in=[])  # never true; not Q(), which drops out of an OR
    for condition in _named_readers:
        named |= condition(user)
    return named
