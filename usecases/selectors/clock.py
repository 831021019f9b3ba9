"""The proposal's clock: working days since registration, stopped while it waits on others.

Pure functions over the state history read from the ActivityLog; no ORM here.
"""

import datetime
from collections.abc import Collection, Iterable

from triage_portal.workdays import working_days_between
from usecases.enums import PAUSED_STATES, TERMINAL_STATES


def running_working_days(
    history: Iterable[tuple[datetime.date, str]],
    today: datetime.date,
    holidays: Collection[datetime.date] = (),
) -> int | None:
    """Return working days the item has run since registration, or None if not registered.

    history is (date entered, state) in order. Days spent in a paused state (awaiting a
    clarification, on hold) do not count, and the clock stops at a terminal state.
    """
    periods = list(history)
    started = next((i for i, (_, state) in enumerate(periods) if state == "REGISTERED"), None)
    if started is None:
        return None
    total = 0
    for index in range(started, len(periods)):
        entered, state = periods[index]
        if state in TERMINAL_STATES:
            break
        left = periods[index + 1][0] if index + 1 < len(periods) else today
        if state not in PAUSED_STATES:
            total += working_days_between(entered, left, holidays)
    return total
