"""The keyed, append-only activity log against an insider with the database's owner rights.

Every attack goes through raw SQL, with the append-only trigger switched off as the table's
owner can; the tests run on whichever database the suite uses (SQLite, or PostgreSQL with
DATABASE_URL), and `bash scripts/test tests/triage_portal/test_audit_chain.py` runs them on both.
"""

import datetime
import hashlib
import hmac
import importlib
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from tests.factories.insider import delete_newest_and_move_head, insider_cursor, rewrite_and_rechain
from tests.factories.proposals import submitted_proposal
from triage_portal.audit.chain import canonical
from triage_portal.audit.checkpoints import FILE_NAME, read_checkpoints
from triage_portal.audit.keys import DEVELOPMENT_KEY
from triage_portal.audit.models import ActivityLog, ChainHead, log_event

pytestmark = pytest.mark.django_db

NEW_KEY = bytes(range(100, 132))


def test_chain_verifies(proposer, capsys):
    submitted_proposal(proposer)

    call_command("verify_audit")

    assert "The activity log is intact" in capsys.readouterr().out


def test_each_entry_is_an_hmac_under_the_current_key(proposer):
    submitted_proposal(proposer)

    for entry in ActivityLog.objects.order_by("pk"):
        assert entry.key_id == "dev"
        expected = hmac.new(DEVELOPMENT_KEY, canonical(entry), hashlib.sha256).hexdigest()
        assert entry.entry_hash == expected
    assert b'"kid":"dev"' in canonical(ActivityLog.objects.first())


def test_tampering_through_sql_is_caught(proposer):
    submitted_proposal(proposer)
    victim = ActivityLog.objects.order_by("pk")[2]
    with insider_cursor() as cursor:
        cursor.execute(
            "UPDATE audit_activitylog SET action = %s WHERE id = %s",
            ["usecases.proposal.nothing_to_see", victim.pk],
        )

    with pytest.raises(CommandError, match=f"tampered with at entry {victim.pk}: its content"):
        call_command("verify_audit")


def test_rewriting_an_entry_and_recomputing_every_later_hash_with_sha256_is_caught(proposer):
    submitted_proposal(proposer)
    victim = ActivityLog.objects.get(action="usecases.proposal.submitted")

    rewrite_and_rechain(victim.pk, {"data": {**victim.data, "state": "WITHDRAWN"}})

    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")
    later = ActivityLog.objects.filter(pk__gte=victim.pk).count()
    message = str(caught.value)
    assert f"tampered with at entry {victim.pk}: its content does not match its hash" in message
    assert message.count("its content does not match its hash") == later


def test_rewriting_with_a_guessed_key_is_caught(proposer):
    submitted_proposal(proposer)
    victim = ActivityLog.objects.order_by("pk")[1]

    rewrite_and_rechain(victim.pk, {"action": "usecases.proposal.x"}, key=b"g" * 32)

    with pytest.raises(CommandError, match=f"tampered with at entry {victim.pk}: its content"):
        call_command("verify_audit")


def test_rewriting_the_log_as_unsealed_sha256_entries_is_caught(proposer):
    submitted_proposal(proposer)
    first = ActivityLog.objects.order_by("pk").first()

    # Downgrade: every entry rewritten as if it predated the keys (plain SHA-256, key id "").
    rewrite_and_rechain(first.pk, {"action": first.action}, key_id="")

    with pytest.raises(CommandError, match="ends with unsealed entries"):
        call_command("verify_audit")


def test_removing_the_newest_entry_without_moving_the_head_is_caught(proposer):
    submitted_proposal(proposer)
    newest = ActivityLog.objects.order_by("-pk").first()
    with insider_cursor() as cursor:
        cursor.execute("DELETE FROM audit_activitylog WHERE id = %s", [newest.pk])

    with pytest.raises(CommandError, match="newest entries were removed"):
        call_command("verify_audit")


def test_removing_the_newest_entries_and_moving_the_head_is_caught_by_the_checkpoint(proposer):
    submitted_proposal(proposer)
    call_command("audit_checkpoint")
    newest = ActivityLog.objects.order_by("-pk").first()

    delete_newest_and_move_head(3)

    with pytest.raises(
        CommandError,
        match=rf"The newest entries were removed: the checkpoint of .* up to entry {newest.pk}, "
        rf"which is missing \(the log now ends at entry {newest.pk - 3}\)",
    ):
        call_command("verify_audit")


def test_removing_entries_logged_after_the_last_checkpoint_is_not_caught(proposer, capsys):
    # The limit, stated in docs/security.md: the window is the checkpoint interval.
    submitted_proposal(proposer)
    call_command("audit_checkpoint")
    log_event("ops.after_checkpoint")

    delete_newest_and_move_head(1)

    call_command("verify_audit")
    assert "The activity log is intact" in capsys.readouterr().out


def test_removing_the_oldest_entries_is_caught(proposer):
    submitted_proposal(proposer)
    oldest = ActivityLog.objects.order_by("pk").first()
    with insider_cursor() as cursor:
        cursor.execute("DELETE FROM audit_activitylog WHERE id = %s", [oldest.pk])

    with pytest.raises(
        CommandError, match=f"at entry {oldest.pk + 1}: it does not follow the start of the log"
    ):
        call_command("verify_audit")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_activitylog SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_activitylog WHERE id = %s",
    ],
)
def test_the_database_refuses_update_and_delete(proposer, sql):
    submitted_proposal(proposer)
    newest = ActivityLog.objects.order_by("-pk").first()

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [newest.pk])

    assert ActivityLog.objects.filter(pk=newest.pk, action=newest.action).exists()


def test_the_append_only_triggers_exist_after_every_migration():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_activitylog'::regclass "
                "AND NOT tgisinternal"
            )
            expected = [("audit_activitylog_append_only",)]
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_activitylog' ORDER BY name"
            )
            expected = [("audit_activitylog_no_delete",), ("audit_activitylog_no_update",)]
        # The change stamp's triggers are on every table (tests/triage_portal/perf).
        assert [row for row in cursor.fetchall() if not row[0].startswith("perf_stamp")] == expected


def test_sqlite_lets_the_whole_table_be_emptied_oldest_first(proposer):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL empties tables with TRUNCATE, which row triggers do not see")
    submitted_proposal(proposer)

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_activitylog")  # what `manage.py flush` runs

    assert ActivityLog.objects.count() == 0


def test_a_rotated_key_seals_new_entries_and_the_old_ones_still_verify(proposer, settings, capsys):
    submitted_proposal(proposer)
    settings.AUDIT_HMAC_KEYS = {"dev": DEVELOPMENT_KEY, "2027a": NEW_KEY}
    settings.AUDIT_HMAC_CURRENT_KID = "2027a"

    entry = log_event("ops.after_rotation")

    assert entry.key_id == "2027a"
    assert entry.entry_hash == hmac.new(NEW_KEY, canonical(entry), hashlib.sha256).hexdigest()
    call_command("verify_audit")
    assert "The activity log is intact" in capsys.readouterr().out


def test_an_entry_whose_key_is_not_configured_is_reported(proposer, settings):
    settings.AUDIT_HMAC_KEYS = {"dev": DEVELOPMENT_KEY, "2027a": NEW_KEY}
    settings.AUDIT_HMAC_CURRENT_KID = "2027a"
    entry = log_event("ops.sealed_with_the_new_key")
    settings.AUDIT_HMAC_KEYS = {"dev": DEVELOPMENT_KEY}
    settings.AUDIT_HMAC_CURRENT_KID = "dev"

    with pytest.raises(
        CommandError,
        match=f"Entry {entry.pk} is sealed with the key '2027a', which AUDIT_HMAC_KEYS",
    ):
        call_command("verify_audit")


def test_an_entry_sealed_with_a_retired_key_after_the_new_one_is_caught(settings):
    # An insider who obtained the retired key cannot append with it once the new key is in use.
    settings.AUDIT_HMAC_KEYS = {"dev": DEVELOPMENT_KEY, "2027a": NEW_KEY}
    settings.AUDIT_HMAC_CURRENT_KID = "2027a"
    log_event("ops.sealed_with_the_new_key")
    settings.AUDIT_HMAC_CURRENT_KID = "dev"
    forged = log_event("ops.forged_with_the_retired_key")
    settings.AUDIT_HMAC_CURRENT_KID = "2027a"

    with pytest.raises(
        CommandError, match=f"at entry {forged.pk}: sealed with the older key 'dev' after '2027a'"
    ):
        call_command("verify_audit")


def _write_unsealed_log(count: int) -> list[ActivityLog]:
    """Write entries as the portal did before the keys: plain SHA-256, key id ""."""
    previous, entries = "", []
    start = timezone.now() - datetime.timedelta(days=1)
    for n in range(count):
        entry = ActivityLog(
            action=f"legacy.event.{n}",
            data={"n": n},
            timestamp=start + datetime.timedelta(minutes=n),
            previous_hash=previous,
            key_id="",
        )
        entry.entry_hash = hashlib.sha256(canonical(entry)).hexdigest()
        previous = entry.entry_hash
        entries.append(entry)
    created = ActivityLog.objects.bulk_create(entries)
    ChainHead.objects.update_or_create(pk=1, defaults={"last_hash": previous})
    return created


def _run_the_keying_migration():
    migration = importlib.import_module("triage_portal.audit.migrations.0004_keyed_chain")
    state = MigrationLoader(connection).project_state(("audit", "0004_keyed_chain"))
    migration.seal_unsealed_entries(state.apps, None)


def test_unsealed_entries_from_before_the_keys_verify_once_sealed(capsys):
    _write_unsealed_log(4)

    with pytest.raises(CommandError, match="ends with unsealed entries"):
        call_command("verify_audit")

    _run_the_keying_migration()

    sealed = ActivityLog.objects.order_by("-pk").first()
    assert (sealed.action, sealed.key_id) == ("audit.chain.sealed", "dev")
    assert sealed.data["unsealed_entries"] == 4
    assert sealed.data["head_matched"] is True
    call_command("verify_audit")
    assert "The activity log is intact: 5 entries verified" in capsys.readouterr().out
    log_event("ops.after_the_seal")
    call_command("verify_audit")


def test_an_unsealed_entry_rewritten_after_the_seal_is_caught():
    legacy = _write_unsealed_log(4)
    _run_the_keying_migration()
    seal_pk = ActivityLog.objects.order_by("-pk").first().pk

    # The insider recomputes the plain SHA-256 of the unsealed entries, and of the seal too.
    rewrite_and_rechain(legacy[1].pk, {"data": {"n": 99}})

    with pytest.raises(CommandError, match=f"tampered with at entry {seal_pk}: its content"):
        call_command("verify_audit")


def test_audit_checkpoint_appends_a_signed_line_and_emails_it(proposer, settings):
    settings.AUDIT_CHECKPOINT_EMAIL = "auditor@example.com"
    submitted_proposal(proposer)
    newest = ActivityLog.objects.order_by("-pk").first()
    mail.outbox.clear()

    call_command("audit_checkpoint")

    lines = (settings.AUDIT_CHECKPOINT_DIR / FILE_NAME).read_text().splitlines()
    assert len(lines) == 1
    written = json.loads(lines[0])
    assert {k: written[k] for k in ("format", "entries", "last_id", "last_hash", "kid")} == {
        "format": 1,
        "entries": ActivityLog.objects.count(),
        "last_id": newest.pk,
        "last_hash": newest.entry_hash,
        "kid": "dev",
    }
    checkpoints, problems = read_checkpoints(settings.AUDIT_CHECKPOINT_DIR)
    assert (len(checkpoints), problems) == (1, [])
    assert [m.to for m in mail.outbox] == [["auditor@example.com"]]
    assert mail.outbox[0].subject == f"Activity log checkpoint: {written['entries']} entries"
    assert lines[0] in mail.outbox[0].body


def test_audit_checkpoint_writes_nothing_when_nothing_was_logged(proposer, settings):
    submitted_proposal(proposer)
    call_command("audit_checkpoint")
    mail.outbox.clear()

    call_command("audit_checkpoint")

    assert len((settings.AUDIT_CHECKPOINT_DIR / FILE_NAME).read_text().splitlines()) == 1
    assert mail.outbox == []


def test_an_altered_checkpoint_is_reported(proposer, settings):
    submitted_proposal(proposer)
    call_command("audit_checkpoint")
    file = settings.AUDIT_CHECKPOINT_DIR / FILE_NAME
    line = json.loads(file.read_text())
    line["entries"] -= 1
    file.write_text(json.dumps(line) + "\n")

    with pytest.raises(CommandError, match=f"checkpoint on line 1 of {file} was altered or forged"):
        call_command("verify_audit")


def test_the_next_checkpoint_alerts_the_secretariat_to_removed_entries(proposer, settings):
    submitted_proposal(proposer)
    call_command("audit_checkpoint")
    removed = delete_newest_and_move_head(2)
    log_event("ops.later")
    mail.outbox.clear()

    call_command("audit_checkpoint")

    assert mail.outbox[0].subject == "ALERT: the activity log changed since its last checkpoint"
    assert f"entry {removed[0]}, the newest at the checkpoint of" in mail.outbox[0].body


def test_verify_audit_reads_a_checkpoint_saved_from_the_email(proposer, tmp_path):
    submitted_proposal(proposer)
    call_command("audit_checkpoint")
    saved = tmp_path / "from-the-email.jsonl"
    line = next(t for t in mail.outbox[-1].body.splitlines() if t.startswith('{"'))
    saved.write_text(line + "\n")
    delete_newest_and_move_head(1)

    with pytest.raises(CommandError, match="newest entries were removed"):
        call_command("verify_audit", "--checkpoints", str(saved))


def test_run_scheduled_writes_a_checkpoint(proposer, settings):
    submitted_proposal(proposer)

    call_command("run_scheduled")

    checkpoints, problems = read_checkpoints(settings.AUDIT_CHECKPOINT_DIR)
    assert [(c.entries, c.last_id) for c in checkpoints] == [
        (ActivityLog.objects.count(), ActivityLog.objects.order_by("-pk").first().pk)
    ]
    assert problems == []


def test_an_entry_timed_in_local_summer_time_verifies(capsys):
    # The database gives times back in UTC; the hash covers the same instant written in UTC.
    summer = timezone.make_aware(datetime.datetime(2026, 7, 1, 9, 30))
    ActivityLog(action="ops.summer", timestamp=summer).save()

    call_command("verify_audit")

    assert "The activity log is intact: 1 entries verified" in capsys.readouterr().out
