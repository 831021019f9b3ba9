"""Back up the demo data, restore it into an empty database, and lose nothing."""

import datetime
import hashlib
import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from triage_portal.audit.models import ActivityLog, log_event

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, list]:
    rows = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            values = model._base_manager.order_by("pk").values()
            rows[model._meta.label] = json.loads(json.dumps(list(values), default=str))
    return rows


def every_file() -> dict[str, str]:
    from triage_portal.backups import _files

    hashes = {}
    for name in _files():
        with default_storage.open(name, "rb") as handle:
            hashes[name] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


def test_round_trip_loses_nothing(tmp_path):
    round_trip(tmp_path)


@pytest.mark.postgres
def test_round_trip_on_postgresql_keeps_the_audit_log_append_only(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the snapshot and the append-only trigger are PostgreSQL's; CI runs this")

    round_trip(tmp_path)

    # Restoring inserted the audit rows; the trigger still refuses to change them afterwards.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ActivityLog.objects.filter(pk=ActivityLog.objects.earliest("pk").pk).update(action="x")


def round_trip(tmp_path):
    call_command("seed_demo", "--quiet")
    default_storage.save("attachments/evidence.pdf", ContentFile(b"%PDF-1.7 evidence"))
    before_rows, before_files = every_row(), every_file()
    assert before_files and sum(len(r) for r in before_rows.values()) > 400

    call_command("backup", "--out", str(tmp_path / "backup"))
    call_command("flush", interactive=False, verbosity=0)
    for name in before_files:
        default_storage.delete(name)
    call_command("restore", str(tmp_path / "backup"))

    after_rows = every_row()
    assert {label: len(rows) for label, rows in after_rows.items()} == {
        label: len(rows) for label, rows in before_rows.items()
    }
    changed = {
        label: [
            {k: (a[k], b[k]) for k in a if a[k] != b.get(k)}
            for a, b in zip(before_rows[label], after_rows[label], strict=True)
            if a != b
        ][:2]
        for label in before_rows
        if after_rows[label] != before_rows[label]
    }
    # The change stamp is the restored database's own (a new epoch): a cache shared with the
    # database backed up never matches it.
    stamp = changed.pop("perf.ChangeStamp")
    assert stamp[0]["epoch"][0] != stamp[0]["epoch"][1]
    assert changed == {}
    assert every_file() == before_files
    call_command("verify_audit")  # the hash chain survived, ids and all
    # ...and carries on: the next entry gets a fresh id and links to the restored head.
    log_event("ops.after_restore")
    call_command("verify_audit")


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("seed_demo", "--quiet")
    call_command("backup", "--out", str(tmp_path / "b"))

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(tmp_path / "b"))


def test_backup_refuses_a_folder_in_use_and_restore_a_tampered_file(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", "--out", str(tmp_path / "used"))

    default_storage.save("attachments/a.pdf", ContentFile(b"%PDF-1.7 a"))
    call_command("backup", "--out", str(tmp_path / "b"))
    (tmp_path / "b" / "files" / "attachments" / "a.pdf").write_bytes(b"changed")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(tmp_path / "b"))


def test_texts_keep_their_whitespace_and_times_their_microseconds(tmp_path):
    from tests.factories.people import UserFactory
    from triage_portal.accounts.models import User

    joined = datetime.datetime(2026, 11, 17, 9, 30, 1, 123456, tzinfo=datetime.UTC)
    person = UserFactory(email="ann@example.com")
    User.objects.filter(pk=person.pk).update(full_name="  Ann Spaced\n", date_joined=joined)

    call_command("backup", "--out", str(tmp_path / "b"))
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(tmp_path / "b"))

    restored = User.objects.get(email="ann@example.com")
    assert (restored.full_name, restored.date_joined) == ("  Ann Spaced\n", joined)
