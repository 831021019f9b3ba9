"""SQLite refuses UPDATE and DELETE on the activity log too, as PostgreSQL does since 0003.

One exception: a row may be deleted while no older row remains, so that `manage.py flush` (which
empties tables with DELETE on SQLite) still works. Removing the oldest entries that way is
caught by `verify_audit`: the first entry left does not start the chain.
"""

from django.db import migrations

CREATE = (
    """
    CREATE TRIGGER IF NOT EXISTS audit_activitylog_no_update
    BEFORE UPDATE ON audit_activitylog
    BEGIN
        SELECT RAISE(ABORT, 'audit_activitylog is append-only: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS audit_activitylog_no_delete
    BEFORE DELETE ON audit_activitylog
    WHEN EXISTS (SELECT 1 FROM audit_activitylog AS older WHERE older.id < OLD.id)
    BEGIN
        SELECT RAISE(ABORT, 'audit_activitylog is append-only: DELETE refused');
    END
    """,
)
DROP = (
    "DROP TRIGGER IF EXISTS audit_activitylog_no_update",
    "DROP TRIGGER IF EXISTS audit_activitylog_no_delete",
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_keyed_chain")]

    operations = [migrations.RunPython(forwards, backwards)]
