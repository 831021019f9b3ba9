import datetime

from hypothesis import given
from hypothesis import strategies as st

from triage_portal.workdays import is_working_day, working_days_between

DAYS = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2035, 12, 31))


def counted_one_by_one(start, end, holidays) -> int:
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        days += is_working_day(day, holidays)
    return days


@given(DAYS, DAYS, st.frozensets(DAYS, max_size=40))
def test_whole_week_arithmetic_matches_counting_day_by_day(start, end, holidays):
    assert working_days_between(start, end, holidays) == counted_one_by_one(start, end, holidays)
