import datetime

from usecases.selectors.clock import running_working_days

MON = datetime.date(2026, 11, 2)


def day(n: int) -> datetime.date:
    return MON + datetime.timedelta(days=n)


def test_not_registered_has_no_clock():
    assert running_working_days([(MON, "SUBMITTED")], day(10)) is None


def test_counts_working_days_since_registration():
    history = [(MON, "SUBMITTED"), (MON, "REGISTERED"), (day(1), "INITIAL_CONSIDERATION")]

    assert running_working_days(history, day(7)) == 5


def test_clock_stops_while_awaiting_clarification_and_on_hold():
    history = [
        (MON, "REGISTERED"),
        (day(1), "INITIAL_CONSIDERATION"),
        (day(2), "CLARIFICATION_REQUESTED"),
        (day(9), "INITIAL_CONSIDERATION"),
        (day(10), "ON_HOLD"),
        (day(14), "INITIAL_CONSIDERATION"),
    ]

    assert running_working_days(history, day(15)) == 1 + 1 + 1 + 1


def test_clock_stops_at_a_terminal_state_and_skips_holidays():
    history = [(MON, "REGISTERED"), (day(3), "REJECTED")]

    assert running_working_days(history, day(30), holidays={day(1)}) == 2
