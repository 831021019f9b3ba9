"""seed_demo ages its proposals so the queue's working days in state are realistic, not all 0."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.demo_ageing import DEMO_AGES
from assessments.models import Meeting
from triage_portal.workdays import working_days_between
from usecases.enums import SubmissionState
from usecases.models import Submission
from usecases.selectors.proposals import bank_holidays
from usecases.selectors.workspace import days_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", "--quiet")


def test_working_days_in_state_follow_the_demo_ages(demo):
    rows = list(Submission.objects.order_by("pk"))
    days_in_state(rows)
    ssc94 = Meeting.objects.get(committee__code="SSC", number=94).date
    since_ssc94 = working_days_between(ssc94, timezone.localdate(), bank_holidays())

    shown = {(row.state, row.days_in_state) for row in rows}

    assert shown == {
        (SubmissionState.SUBMITTED, 3),
        (SubmissionState.DRAFT, 6),
        (SubmissionState.CLARIFICATION_REQUESTED, 4),
        (SubmissionState.AWAITING_EXTERNAL_VIEWS, 9),
        (SubmissionState.WITHDRAWN, 15),
        (SubmissionState.UNDER_ASSESSMENT, since_ssc94),
        (
            SubmissionState.INITIAL_CONSIDERATION,
            DEMO_AGES[SubmissionState.INITIAL_CONSIDERATION][0],
        ),
    }


def test_aged_dates_keep_their_order_and_loading_again_moves_nothing(demo):
    before = list(Submission.objects.order_by("pk").values_list("state_changed_at", flat=True))

    call_command("seed_demo", "--quiet")
    call_command("verify_audit")  # the activity log is untouched: raises if it disagrees

    assert (
        list(Submission.objects.order_by("pk").values_list("state_changed_at", flat=True)) == before
    )
    for row in Submission.objects.exclude(submitted_at=None):
        assert row.created_at < row.submitted_at <= row.state_changed_at
        assert (
            row.registered_at is None
            or row.submitted_at < row.registered_at <= row.state_changed_at
        )
