import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.states import proposal_in_state
from usecases.models import BankHoliday
from usecases.templatetags.proposals import working_days_left

pytestmark = pytest.mark.django_db


def _next_monday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 - today.weekday())


def test_counts_working_days_less_bank_holidays():
    monday = _next_monday()
    friday = monday + datetime.timedelta(days=4)
    before = working_days_left(friday)
    BankHoliday.objects.create(date=monday + datetime.timedelta(days=1), name="Test holiday")

    after = working_days_left(friday)

    assert int(before.split()[0]) == int(after.split()[0]) + 1
    assert after.endswith("working days left")


def test_today_past_and_missing_dates():
    today = timezone.localdate()

    assert working_days_left(today) == "due today"
    assert working_days_left(today - datetime.timedelta(days=3)) == ""
    assert working_days_left(None) == ""


def test_an_open_clarification_shows_the_working_days_left(client, proposer, secretariat):
    submission = proposal_in_state(
        "CLARIFICATION_REQUESTED", proposer=proposer, secretariat=secretariat
    )
    due = _next_monday() + datetime.timedelta(days=7)
    submission.clarifications.update(due_on=due)
    client.force_login(proposer)

    page = client.get(reverse("usecases:proposal-detail", args=[submission.pk])).text

    assert f"Awaiting answer · {working_days_left(due)}" in page
