"""A member's seats and the bank holidays are kept between requests until the change stamp
moves (any write to their tables, recorded in the audit log or not), and seats only for the day."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import Membership
from assessments.selectors import seats_of
from tests.factories.committee import ssc_with_members
from triage_portal.perf.memo import RequestMemoMiddleware
from usecases.models import BankHoliday
from usecases.selectors.proposals import bank_holidays

pytestmark = pytest.mark.django_db


def in_a_request(ask):
    """Ask in a request of its own, as a page would: figures are kept only within requests."""
    return RequestMemoMiddleware(lambda request: ask())(None)


@pytest.fixture
def member():
    committee, _chair, (membership,) = ssc_with_members(voting=1)
    return committee, membership


def test_seats_are_kept_until_a_write_moves_the_stamp(member, django_assert_num_queries):
    committee, membership = member
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert in_a_request(lambda: seats_of(membership.person).committees) == (committee.pk,)
    with django_assert_num_queries(1):  # the stamp, and the seats from the cache
        assert in_a_request(lambda: seats_of(membership.person).committees) == (committee.pk,)

    # A write that records nothing in the audit log still moves the stamp.
    Membership.objects.filter(pk=membership.pk).update(term_end=yesterday)

    assert in_a_request(lambda: seats_of(membership.person).committees) == ()


def test_seats_are_kept_only_for_the_day(member, monkeypatch):
    committee, membership = member
    today = timezone.localdate()
    Membership.objects.filter(pk=membership.pk).update(term_end=today)
    assert in_a_request(lambda: seats_of(membership.person).committees) == (committee.pk,)

    # Tomorrow the term has lapsed, with nothing written.
    monkeypatch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=1))

    assert in_a_request(lambda: seats_of(membership.person).committees) == ()


def test_bank_holidays_are_kept_until_a_write_moves_the_stamp(member):
    day = datetime.date(2031, 12, 25)
    assert day not in in_a_request(bank_holidays)

    BankHoliday.objects.create(date=day, name="Christmas Day")

    assert day in in_a_request(bank_holidays)


def test_a_request_that_has_written_keeps_nothing_across_requests(member):
    committee, membership = member
    day = datetime.date(2031, 12, 25)

    def write_then_ask():
        BankHoliday.objects.create(date=day, name="Christmas Day")
        return bank_holidays()

    assert day in in_a_request(write_then_ask)
    BankHoliday.objects.filter(date=day).delete()
    assert day not in in_a_request(bank_holidays)


def test_outside_a_request_nothing_is_kept(member):
    day = datetime.date(2031, 12, 25)
    assert day not in bank_holidays()
    BankHoliday.objects.bulk_create([BankHoliday(date=day, name="Christmas Day")])
    assert day in bank_holidays()
