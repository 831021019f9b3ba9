import secrets

from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION perf_move_change_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE perf_changestamp SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END;
$$
"""


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS perf_move_change_stamp() CASCADE")


def first_row(apps, schema_editor):
    apps.get_model("perf", "ChangeStamp").objects.create(pk=1, epoch=secrets.token_hex(8), value=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ChangeStamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("epoch", models.CharField(max_length=32, verbose_name="epoch")),
                ("value", models.BigIntegerField(default=0, verbose_name="change stamp")),
            ],
            options={"verbose_name": "change stamp"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
        # The triggers on each table are installed after every migrate (triggers.py).
        migrations.RunPython(create_function, drop_function),
    ]
