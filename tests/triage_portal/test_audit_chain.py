import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from tests.factories.proposals import submitted_proposal
from triage_portal.audit.models import ActivityLog

pytestmark = pytest.mark.django_db


def test_chain_verifies(proposer, capsys):
    submitted_proposal(proposer)

    call_command("verify_audit")

    assert "The activity log is intact" in capsys.readouterr().out


def test_tampering_through_sql_is_caught(proposer):
    submitted_proposal(proposer)
    victim = ActivityLog.objects.order_by("pk")[2]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A database superuser can switch triggers off; the chain still gives the change away.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            "UPDATE audit_activitylog SET action = %s WHERE id = %s",
            ["usecases.proposal.nothing_to_see", victim.pk],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")

    with pytest.raises(CommandError, match=f"tampered with at entry {victim.pk}"):
        call_command("verify_audit")


def test_postgres_refuses_update_and_delete(proposer):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL; the model refuses elsewhere")
    submitted_proposal(proposer)
    entry = ActivityLog.objects.first()

    for sql in (
        "UPDATE audit_activitylog SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_activitylog WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])


def test_removing_the_newest_entry_is_caught(proposer):
    submitted_proposal(proposer)
    newest = ActivityLog.objects.order_by("-pk").first()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute("DELETE FROM audit_activitylog WHERE id = %s", [newest.pk])
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")

    with pytest.raises(CommandError, match="newest entries were removed"):
        call_command("verify_audit")
