"""Checks that the records the activity log describes still match what it recorded.

The keyed chain proves the log itself is whole; these checks replay it against the tables.
Apps register theirs from AppConfig.ready (usecases: proposals' state and classification;
assessments: decisions, votes and memberships), so this module imports neither, and
`verify_audit` names every row that was changed in the database behind the services' back.
"""

from collections.abc import Callable, Iterable

_checks: list[Callable[[], Iterable[str]]] = []


def register_record_check(check: Callable[[], Iterable[str]]) -> None:
    """Add a function returning a description of each record that differs from the log."""
    if check not in _checks:
        _checks.append(check)


def records_differing_from_log() -> list[str]:
    return [problem for check in _checks for problem in check()]
