"""A member's seats and the bank holidays are kept between requests until the next recorded
change (every change the portal or its admin makes is recorded), and seats only for the day."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import Membership
from assessments.selectors import seats_of
from tests.factories.committee import ssc_with_members
from triage_portal.audit.models import log_event
from usecases.models import BankHoliday
from usecases.selectors import bank_holidays

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    committee, _chair, (membership,) = ssc_with_members(voting=1)
    log_event("test.started")  # the audit chain has a head to keep things against
    return committee, membership


def test_seats_are_kept_until_a_change_is_recorded(member):
    committee, membership = member
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert seats_of(membership.person).committees == (committee.pk,)

    Membership.objects.filter(pk=membership.pk).update(term_end=yesterday)
    assert seats_of(membership.person).committees == (committee.pk,)  # nothing recorded yet

    log_event("admin.assessments.membership.changed", data={"object_id": str(membership.pk)})
    assert seats_of(membership.person).committees == ()


def test_seats_are_kept_only_for_the_day(member, monkeypatch):
    committee, membership = member
    today = timezone.localdate()
    Membership.objects.filter(pk=membership.pk).update(term_end=today)
    log_event("test.term_ends_today")
    assert seats_of(membership.person).committees == (committee.pk,)

    # Tomorrow the term has lapsed, with nothing recorded.
    monkeypatch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=1))

    assert seats_of(membership.person).committees == ()


def test_bank_holidays_are_kept_until_a_change_is_recorded(member):
    day = datetime.date(2031, 12, 25)
    assert day not in bank_holidays()

    BankHoliday.objects.create(date=day, name="Christmas Day")
    assert day not in bank_holidays()  # nothing recorded yet

    log_event("admin.usecases.bankholiday.added")
    assert day in bank_holidays()
