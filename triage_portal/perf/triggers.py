"""The triggers that move the change stamp on every write to a watched table.

Every table of every model (many-to-many join tables included) is watched except those in
NOT_WATCHED, each with its reason. On PostgreSQL one statement-level trigger per table runs a
trigger function (created by migration 0001); on SQLite three row-level triggers per table
(insert, update, delete). The stamp moves in the writing transaction, so it is seen moved exactly
when the write is: a rolled-back write leaves it where it was.

They are (re)installed after every migrate and flush (apps.py), so a new model's table, or a table
SQLite rebuilt to alter it (dropping its triggers), is watched without anyone remembering to.
tests/triage_portal/perf/test_change_stamp.py writes to every model and checks the stamp moved.
"""

import functools
import secrets

from django.apps import apps as global_apps
from django.db import connections

STAMP_TABLE = "perf_changestamp"
FUNCTION = "perf_move_change_stamp"
PREFIX = "perf_stamp"

# Tables whose writes do not move the stamp: (model label) -> why that is safe.
NOT_WATCHED = {
    "perf.ChangeStamp": "the stamp itself.",
    "sessions.Session": (
        "written on every signed-in request (idle expiry); nothing kept across requests is "
        "worked out from it, and the page cache compares the session row itself."
    ),
    "accounts.RateLimitHit": "read only by the rate limiter, never kept across requests.",
    "accounts.ApiToken": (
        "its last use is written on every API request; the token authentication reads the row "
        "itself on every request, and nothing kept across requests is worked out from it."
    ),
    "axes.AccessAttempt": "django-axes' sign-in attempts, read only by django-axes.",
    "axes.AccessAttemptExpiration": "django-axes' sign-in attempts, read only by django-axes.",
    "axes.AccessFailureLog": "django-axes' sign-in failures, read only by django-axes.",
    "axes.AccessLog": "django-axes' sign-in log, read only by django-axes and the admin.",
    "django_tasks_database.DBTaskResult": (
        "the task queue's bookkeeping, written as workers poll; pages show PackJob, watched."
    ),
}


def watched_models(apps=global_apps) -> list:
    """Return every concrete model whose table the stamp watches."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
        and model._meta.managed
        and model._meta.label not in NOT_WATCHED
        and model._meta.db_table != STAMP_TABLE
    ]


@functools.cache
def unwatched_tables() -> frozenset[str]:
    """Return the tables of the models in NOT_WATCHED."""
    return frozenset(
        model._meta.db_table
        for model in global_apps.get_models(include_auto_created=True)
        if model._meta.label in NOT_WATCHED
    )


def _sqlite_sql(table: str) -> list[str]:
    quoted = '"' + table.replace('"', '""') + '"'
    move = f"UPDATE {STAMP_TABLE} SET value = value + 1 WHERE id = 1"  # noqa: S608 -- our names
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{PREFIX}_{table}_{event.lower()}" '
        f"AFTER {event} ON {quoted} BEGIN {move}; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


# As migration perf 0001 creates it; made again here for a database built without migrations.
POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION perf_move_change_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE perf_changestamp SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END;
$$
"""


def _postgresql_sql(table: str) -> list[str]:
    quoted = '"' + table.replace('"', '""') + '"'
    name = f'"{PREFIX}"'
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {quoted}",
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quoted} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
    ]


def install(using: str = "default", apps=global_apps) -> list[str]:
    """Install the triggers on every watched table that exists; return the tables watched."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return []
    existing = set(connection.introspection.table_names())
    if STAMP_TABLE not in existing:
        return []
    sql_for = _sqlite_sql if connection.vendor == "sqlite" else _postgresql_sql
    tables = sorted({m._meta.db_table for m in watched_models(apps)} & existing)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_FUNCTION)
        for table in tables:
            for statement in sql_for(table):
                cursor.execute(statement)
        # The one row (a flush empties the table): the stamp starts again, in a new epoch.
        cursor.execute(f"SELECT COUNT(*) FROM {STAMP_TABLE} WHERE id = 1")  # noqa: S608
        if cursor.fetchone()[0] == 0:
            cursor.execute(
                f"INSERT INTO {STAMP_TABLE} (id, epoch, value) VALUES (1, %s, 0)",  # noqa: S608
                [secrets.token_hex(8)],
            )
    return tables


def install_after_migrate(sender, using="default", **kwargs) -> None:
    install(using)
