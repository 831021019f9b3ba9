"""Working-day arithmetic (Monday to Friday, less bank holidays). Pure functions, no ORM."""

import datetime
from collections.abc import Collection


def is_working_day(day: datetime.date, holidays: Collection[datetime.date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_days_between(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date] = ()
) -> int:
    """Return the working days after start up to and including end (0 if end <= start).

    Whole weeks count five days each, so the cost does not grow with the distance.
    """
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    first = start.weekday()
    days = weeks * 5 + sum(1 for i in range(1, extra + 1) if (first + i) % 7 < 5)
    return days - sum(1 for h in holidays if start < h <= end and h.weekday() < 5)


def subtract_working_days(
    day: datetime.date, count: int, holidays: Collection[datetime.date] = ()
) -> datetime.date:
    """Return the date count working days before day."""
    while count > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            count -= 1
    return day


def add_working_days(
    day: datetime.date, count: int, holidays: Collection[datetime.date] = ()
) -> datetime.date:
    """Return the date count working days after day."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            count -= 1
    return day
