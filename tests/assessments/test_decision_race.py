"""Two votes of one meeting closing at the same moment, on two real PostgreSQL connections:
the second is numbered while the first's transaction is still open."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from assessments.enums import AttendanceStatus
from assessments.models import Decision
from assessments.services.ballots import cast_vote, open_ballot
from assessments.services.decisions import close_ballot
from assessments.services.meetings import create_meeting, record_attendance
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_decisions_closing_at_once_get_consecutive_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL in CI")
    office = UserFactory(role=Role.SECRETARIAT)
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(user=office, committee=ssc, number=95, date=timezone.localdate())
    for membership in [chair, *members]:
        record_attendance(
            user=office, meeting=meeting, person=membership.person, status=AttendanceStatus.PRESENT
        )
    item = meeting.items.first()
    ballots = [
        open_ballot(
            user=office, committee=ssc, question=q, outcome_if_passed="NOTED", agenda_item=item
        )
        for q in ("Agree A?", "Agree B?")
    ]
    for ballot in ballots:
        for membership in members:
            cast_vote(ballot_id=ballot.pk, user=membership.person, choice="FOR")
    first_closed, second_started = threading.Event(), threading.Event()
    results = []

    def close_first():
        """Close A, and keep its transaction open while B closes."""
        try:
            with transaction.atomic():
                results.append(close_ballot(ballot_id=ballots[0].pk, user=office).reference)
                first_closed.set()
                second_started.wait(timeout=10)
                time.sleep(0.5)  # B is now numbering its decision
        except Exception as error:  # noqa: BLE001 -- the outcome is what the test inspects
            results.append(error)
        finally:
            first_closed.set()
            connections.close_all()

    def close_second():
        try:
            first_closed.wait(timeout=10)
            second_started.set()
            results.append(close_ballot(ballot_id=ballots[1].pk, user=office).reference)
        except Exception as error:  # noqa: BLE001 -- the outcome is what the test inspects
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close_first), threading.Thread(target=close_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(map(str, results)) == ["SSC95/D01", "SSC95/D02"]
    assert Decision.objects.count() == 2
