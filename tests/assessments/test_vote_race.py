"""The same member voting twice at the same moment, on two real PostgreSQL connections."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from assessments.enums import AttendanceStatus
from assessments.models import Vote
from assessments.services.ballots import cast_vote, open_ballot
from assessments.services.meetings import create_meeting, record_attendance
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_double_vote_at_once_leaves_exactly_one():
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL in CI")
    office = UserFactory(role=Role.SECRETARIAT)
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(user=office, committee=ssc, number=1, date=timezone.localdate())
    for membership in [chair, *members]:
        record_attendance(
            user=office, meeting=meeting, person=membership.person, status=AttendanceStatus.PRESENT
        )
    item = meeting.items.first()
    ballot = open_ballot(
        user=office, committee=ssc, question="Agree?", outcome_if_passed="NOTED", agenda_item=item
    )
    voter = members[0].person
    barrier = threading.Barrier(2)
    results = []

    def vote(choice):
        try:
            barrier.wait()
            results.append(cast_vote(ballot_id=ballot.pk, user=voter, choice=choice))
        except Exception as error:  # noqa: BLE001 -- the outcome is what the test inspects
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(c,)) for c in ("FOR", "FOR")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert Vote.objects.filter(ballot=ballot).count() == 1
    assert all(not isinstance(r, Exception) for r in results), results
    assert results[0].pk == results[1].pk
