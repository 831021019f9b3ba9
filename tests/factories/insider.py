"""What an insider with the database's owner rights (but not the audit key) can do, in raw SQL."""

import contextlib
import hashlib
import importlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from triage_portal.audit.chain import UNSEALED, canonical, mac
from triage_portal.audit.models import ActivityLog

SQLITE_TRIGGERS = importlib.import_module(
    "triage_portal.audit.migrations.0005_sqlite_append_only_trigger"
)


@contextlib.contextmanager
def insider_cursor():
    """Yield a cursor with the append-only trigger switched off, as the table's owner can."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE waits for no deferred foreign-key check: run those first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE audit_activitylog DISABLE TRIGGER audit_activitylog_append_only"
            )
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for statement in SQLITE_TRIGGERS.DROP:
                cursor.execute(statement)
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE audit_activitylog ENABLE TRIGGER audit_activitylog_append_only"
            )
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for statement in SQLITE_TRIGGERS.CREATE:
                cursor.execute(statement)


def delete_newest_and_move_head(count: int) -> list[int]:
    """Delete the newest entries and point the chain head at the entry left newest."""
    doomed = list(ActivityLog.objects.order_by("-pk").values_list("pk", flat=True)[:count])
    with insider_cursor() as cursor:
        for pk in doomed:
            cursor.execute("DELETE FROM audit_activitylog WHERE id = %s", [pk])
        newest = ActivityLog.objects.order_by("-pk").first()
        cursor.execute(
            "UPDATE audit_chainhead SET last_hash = %s WHERE id = 1", [newest.entry_hash]
        )
    return doomed


def rewrite_and_rechain(
    victim_pk: int, change: dict, *, key: bytes | None = None, key_id: str | None = None
) -> None:
    """Change one entry, then recompute its hash and every later one and move the head.

    Without a key the insider can only use plain SHA-256 (as the unkeyed chain did); with a
    guessed key, an HMAC under it. key_id, if given, is written into every rewritten entry.
    """
    previous = (
        ActivityLog.objects.filter(pk__lt=victim_pk)
        .order_by("-pk")
        .values_list("entry_hash", flat=True)
        .first()
        or ""
    )
    json_param = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    with insider_cursor() as cursor:
        for entry in ActivityLog.objects.filter(pk__gte=victim_pk).order_by("pk"):
            if entry.pk == victim_pk:
                for name, value in change.items():
                    setattr(entry, name, value)
            if key_id is not None:
                entry.key_id = key_id
            entry.previous_hash = previous
            body = canonical(entry)
            if key is None or entry.key_id == UNSEALED:
                entry.entry_hash = hashlib.sha256(body).hexdigest()
            else:
                entry.entry_hash = mac(key, body)
            cursor.execute(
                f"UPDATE audit_activitylog SET action = %s, data = {json_param}, key_id = %s, "  # noqa: S608 -- a fixed cast
                "previous_hash = %s, entry_hash = %s WHERE id = %s",
                [
                    entry.action,
                    json.dumps(entry.data, cls=DjangoJSONEncoder),
                    entry.key_id,
                    entry.previous_hash,
                    entry.entry_hash,
                    entry.pk,
                ],
            )
            previous = entry.entry_hash
        cursor.execute("UPDATE audit_chainhead SET last_hash = %s WHERE id = 1", [previous])
