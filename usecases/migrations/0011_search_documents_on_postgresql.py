"""Each proposal's search document, kept by PostgreSQL itself (PostgreSQL only).

The GIN index of 0003 was over an expression: a word found in most proposals made the planner
read every row and build its tsvector from several thousand characters of answers (7 to 18 s
for one search of 5,000 proposals in the bench). Now a trigger keeps each proposal's tsvector in
a table of its own, indexed, so a search reads stored vectors (or the index) and never builds
one. No foreign key, so that flushing the test database's tables needs no cascade: a row whose
proposal is gone matches no proposal, and an id used again is written over on insert.
SQLite has its own index, usecases/selectors/search_index.py.
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


def document(row: str) -> str:
    text = " || ' ' || ".join(f"COALESCE({row}.\"{name}\", '')" for name in FIELDS)
    return f"to_tsvector('english'::regconfig, {text})"


COLUMNS = ", ".join(f'"{name}"' for name in FIELDS)

CREATE = [
    "CREATE TABLE usecases_search_document ("
    " submission_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX usecases_search_document_gin ON usecases_search_document USING GIN (document)",
    "CREATE FUNCTION usecases_search_document_keep() RETURNS trigger LANGUAGE plpgsql AS $$ "  # noqa: S608 -- fixed column names
    "BEGIN "
    "IF TG_OP = 'DELETE' THEN "
    "DELETE FROM usecases_search_document WHERE submission_id = OLD.id; RETURN NULL; "
    "END IF; "
    "INSERT INTO usecases_search_document (submission_id, document) "
    f"VALUES (NEW.id, {document('NEW')}) "
    "ON CONFLICT (submission_id) DO UPDATE SET document = EXCLUDED.document; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER usecases_search_document_insert AFTER INSERT ON usecases_submission "
    "FOR EACH ROW EXECUTE FUNCTION usecases_search_document_keep()",
    f"CREATE TRIGGER usecases_search_document_update AFTER UPDATE OF {COLUMNS} "
    "ON usecases_submission FOR EACH ROW EXECUTE FUNCTION usecases_search_document_keep()",
    "CREATE TRIGGER usecases_search_document_delete AFTER DELETE ON usecases_submission "
    "FOR EACH ROW EXECUTE FUNCTION usecases_search_document_keep()",
    "INSERT INTO usecases_search_document (submission_id, document) "  # noqa: S608 -- fixed names
    f"SELECT s.id, {document('s')} FROM usecases_submission s",
    "DROP INDEX IF EXISTS submission_search_gin",
]

DROP = [
    "DROP TRIGGER IF EXISTS usecases_search_document_insert ON usecases_submission",
    "DROP TRIGGER IF EXISTS usecases_search_document_update ON usecases_submission",
    "DROP TRIGGER IF EXISTS usecases_search_document_delete ON usecases_submission",
    "DROP FUNCTION IF EXISTS usecases_search_document_keep()",
    "DROP TABLE IF EXISTS usecases_search_document",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("usecases", "0010_public_register_index_covers_its_count")]
    operations = [migrations.RunPython(create, drop)]
