"""Checks that records kept outside the activity log still match what the log recorded.

The hash chain proves the log itself is whole. A decision's vote snapshot also lives in its own
table; the committee app registers a check here that compares each stored snapshot with the
copy the log took when the vote closed, so `verify_audit` catches an edited decision too.
"""

from collections.abc import Callable, Iterable

_checks: list[Callable[[], Iterable[str]]] = []


def register_record_check(check: Callable[[], Iterable[str]]) -> None:
    """Add a function returning a description of each record that differs from the log."""
    if check not in _checks:
        _checks.append(check)


def records_differing_from_log() -> list[str]:
    return [problem for check in _checks for problem in check()]
