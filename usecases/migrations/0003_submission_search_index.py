"""A GIN index for the workspace's full-text search (PostgreSQL only; SQLite has no such index).

The expression is the one usecases.selectors.workspace.search() builds with SearchVector(*SEARCH_FIELDS,
config="english"), so the planner uses it. docs/performance.md shows the EXPLAIN before and after.
"""

from django.db import migrations

FIELDS = (
    "reference",
    "use_case_title",
    "sc_mod_title",
    "proposer_name",
    "proposer_organisation_name",
    "q1_issue",
    "q2_why_needed",
    "q3_solution",
)
EXPRESSION = " || ' ' || ".join(f"COALESCE(\"{name}\", '')" for name in FIELDS)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS submission_search_gin ON usecases_submission "
            f"USING GIN (to_tsvector('english'::regconfig, {EXPRESSION}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS submission_search_gin")


class Migration(migrations.Migration):
    dependencies = [("usecases", "0002_referral_reminded_on")]
    operations = [migrations.RunPython(create, drop)]
