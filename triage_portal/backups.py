"""Backups you can restore: every row of the database and every stored file, with a manifest.

A backup is a folder: database.exactjson (Django's serialisation of every model, primary
keys kept, so the audit chain still verifies; triage_portal/exact_json.py), files/ (everything in the default storage) and
manifest.json (row counts per model, a SHA-256 of every file, when and from what it was
taken). It is taken inside one transaction, REPEATABLE READ on PostgreSQL, so it is
consistent. Backups hold password hashes and authenticator secrets: keep them encrypted.
"""

import datetime
import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction

FORMAT = 2
# The rows' file for each format this version restores. Format 1 was Django's XML, which loses
# the whitespace that starts or ends a text (a restore is then not the data backed up).
DATABASE_FILES = {1: "database.xml", 2: "database.exactjson"}


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why."""


def _files(folder: str = ""):
    directories, files = (
        default_storage.listdir(folder) if default_storage.exists(folder or ".") else ([], [])
    )
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _files(f"{folder}/{directory}" if folder else directory)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def take(out: Path) -> dict:
    """Write a backup into the empty or new folder out; return its manifest."""
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} is not empty: choose a new folder for the backup")
    (out / "files").mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        # Django's JSON rounds datetimes to milliseconds (which would change rows and break the
        # audit chain) and its XML strips the whitespace around texts: exactjson keeps both.
        call_command(
            "dumpdata",
            format="exactjson",
            # The change stamp belongs to the database it moves in: the restored one has its own.
            exclude=["perf"],
            output=str(out / DATABASE_FILES[FORMAT]),
            verbosity=0,
        )
        counts = row_counts()
    hashes = {}
    for name in sorted(_files()):
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        target = out / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    manifest = {
        "format": FORMAT,
        "taken_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": connection.vendor,
        "rows": counts,
        "files": hashes,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _is_empty() -> bool:
    from triage_portal.accounts.models import User
    from triage_portal.audit.models import ActivityLog

    return not User.objects.exists() and not ActivityLog.objects.exists()


def restore(folder: Path) -> dict:
    """Load a backup into an empty, migrated database and its storage; return the manifest."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{folder} holds no manifest.json: it is not a portal backup")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") not in DATABASE_FILES:
        raise BackupError(f"Backup format {manifest.get('format')} is not one this version reads")
    if not _is_empty():
        raise BackupError(
            "The database is not empty: restore only into a new database (migrate it first)"
        )
    for name, digest in manifest["files"].items():
        data = (folder / "files" / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise BackupError(f"The file {name} in the backup does not match its checksum")
    with transaction.atomic():
        # Content types and permissions keep their ids (the audit chain hashes them).
        apps.get_model("auth", "Permission").objects.all().delete()
        apps.get_model("contenttypes", "ContentType").objects.all().delete()
        call_command("loaddata", str(folder / DATABASE_FILES[manifest["format"]]), verbosity=0)
        counts = row_counts()
    differing = {
        label: (n, counts.get(label))
        for label, n in manifest["rows"].items()
        if counts.get(label) != n
    }
    if differing:
        raise BackupError(f"Rows differ after loading: {differing}")
    for name in manifest["files"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile((folder / "files" / name).read_bytes()))
    return manifest
