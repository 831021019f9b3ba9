"""The queue's search index on SQLite: an FTS5 table of trigrams over the searched fields.

PostgreSQL searches its own full-text index (migration 0003). On SQLite, a case-insensitive
LIKE of every word through every proposal's answers read all of them on each search (9 ms of
a 45 ms queue page at 5,000 proposals). The trigram index answers the same question, a
substring of any field, from the index: it holds every three-letter sequence of the fields.

The index is kept by triggers on the proposals table. Django's SQLite schema editor rebuilds
a table to alter it, which drops its triggers, so the index is checked after every migrate
(and flush) and made afresh when anything is missing.
"""

from django.db import connections

# ruff: noqa: S608 -- every name in these statements is one of this module's constants; the
# words searched for go in as a parameter.

TABLE = "submission_search"
SOURCE = "usecases_submission"
# What the queue's search looks through, on either database.
SEARCH_FIELDS = (
    "reference",
    "use_case_title",
    "sc_mod_title",
    "proposer_name",
    "proposer_organisation_name",
    "q1_issue",
    "q2_why_needed",
    "q3_solution",
)
# The trigram tokenizer cannot match fewer than three characters.
SHORTEST = 3


def _statements() -> dict[str, str]:
    columns = ", ".join(SEARCH_FIELDS)
    new = ", ".join(f"new.{name}" for name in SEARCH_FIELDS)
    old = ", ".join(f"old.{name}" for name in SEARCH_FIELDS)
    forget = f"INSERT INTO {TABLE}({TABLE}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {TABLE}(rowid, {columns}) VALUES (new.id, {new});"
    return {
        TABLE: f"CREATE VIRTUAL TABLE {TABLE} USING fts5({columns}, content='{SOURCE}', "
        "content_rowid='id', tokenize='trigram')",
        f"{TABLE}_insert": f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON {SOURCE} BEGIN {add} END",
        f"{TABLE}_delete": f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON {SOURCE} BEGIN {forget} END",
        f"{TABLE}_update": (
            f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON {SOURCE} BEGIN {forget} {add} END"
        ),
    }


def ensure_search_index(using: str = "default", **kwargs) -> bool:
    """Create whatever of the index is missing, and fill it; True if anything was made."""
    connection = connections[using]
    if connection.vendor != "sqlite" or SOURCE not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{TABLE}%"])
        present = {row[0] for row in cursor.fetchall()}
        missing = [sql for name, sql in _statements().items() if name not in present]
        for sql in missing:
            cursor.execute(sql)
        if missing:
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    return bool(missing)


def matching_ids_sql(words: list[str]) -> tuple[str, list[str]] | None:
    """SQL for the ids of proposals with every word (three letters or more) in some field."""
    long_words = [word for word in words if len(word) >= SHORTEST]
    if not long_words:
        return None
    phrase = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in long_words)
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [phrase]
