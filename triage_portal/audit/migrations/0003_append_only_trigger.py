from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_activitylog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_activitylog is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_activitylog_append_only ON audit_activitylog;
CREATE TRIGGER audit_activitylog_append_only
    BEFORE UPDATE OR DELETE ON audit_activitylog
    FOR EACH ROW EXECUTE FUNCTION audit_activitylog_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_activitylog_append_only ON audit_activitylog;
DROP FUNCTION IF EXISTS audit_activitylog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_hash_chain")]

    operations = [migrations.RunPython(forwards, backwards)]
