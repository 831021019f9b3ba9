"""Two people acting on one proposal at the same moment, on two real PostgreSQL connections."""

import threading

import pytest
from django.db import connection, connections

from tests.factories.people import UserFactory
from tests.factories.proposals import submitted_proposal
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.errors import ActionRefused
from usecases.models import Submission

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL; CI runs this on PostgreSQL")


def race(*actions):
    """Run the callables at the same instant on separate threads (and connections)."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def runner(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001 -- the outcome is what the test inspects
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_secretaries_registering_at_once_only_one_succeeds(proposer):
    submission = submitted_proposal(proposer)
    ann = UserFactory(role=Role.SECRETARIAT, full_name="Ann Smith")
    ben = UserFactory(role=Role.SECRETARIAT, full_name="Ben Jones")

    results = race(
        lambda: workflow.register_proposal(
            submission_id=submission.pk, user=ann, classification="AMBER"
        ),
        lambda: workflow.register_proposal(
            submission_id=submission.pk, user=ben, classification="GREEN"
        ),
    )

    winners = [r for r in results if isinstance(r, Submission)]
    losers = [r for r in results if isinstance(r, ActionRefused)]
    assert (len(winners), len(losers)) == (1, 1), results
    winner = ann if winners[0].classification == "AMBER" else ben
    assert f"This proposal is already registered by {winner.full_name} at" in str(losers[0])
    assert ActivityLog.objects.filter(action="usecases.proposal.registered").count() == 1
    stored = Submission.objects.get(pk=submission.pk)
    assert stored.reference == winners[0].reference


def test_withdraw_racing_register_leaves_one_consistent_outcome(proposer):
    submission = submitted_proposal(proposer)
    office = UserFactory(role=Role.SECRETARIAT, full_name="Cat Clerk")

    results = race(
        lambda: workflow.register_proposal(
            submission_id=submission.pk, user=office, classification="AMBER"
        ),
        lambda: workflow.withdraw_proposal(
            submission_id=submission.pk, user=proposer, reason="Changed our mind"
        ),
    )

    stored = Submission.objects.get(pk=submission.pk)
    successes = [r for r in results if isinstance(r, Submission)]
    assert len(successes) >= 1, results
    if len(successes) == 1:
        assert stored.state in ("REGISTERED", "WITHDRAWN")
        assert any(isinstance(r, ActionRefused) for r in results)
    else:
        # Registration first, then withdrawal from REGISTERED: both are legal in that order.
        assert stored.state == "WITHDRAWN"
        assert stored.reference
    states = list(
        ActivityLog.objects.filter(
            object_id=str(submission.pk), action__startswith="usecases.proposal."
        )
        .order_by("pk")
        .values_list("data__state", flat=True)
    )
    assert states[-1] == stored.state
