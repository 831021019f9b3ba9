"""The queue's full-text search on PostgreSQL reads documents a trigger keeps (migration 0011)."""

import importlib

import pytest
from django.db import connection

from tests.factories.proposals import draft_proposal
from usecases.models import Submission
from usecases.selectors.search_index import SEARCH_FIELDS
from usecases.selectors.workspace import search

pytestmark = pytest.mark.django_db


def test_the_documents_are_made_of_the_fields_the_search_names():
    migration = importlib.import_module("usecases.migrations.0011_search_documents_on_postgresql")

    assert migration.FIELDS == SEARCH_FIELDS


def found(words: str) -> set[int]:
    return set(search(Submission.objects.all(), words).values_list("pk", flat=True))


def test_a_search_follows_every_insert_edit_and_delete(proposer):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches its own trigram index (test_search_index.py)")
    kept = draft_proposal(proposer, q1_issue="Quokka firmware signing keys")
    other = draft_proposal(proposer, q1_issue="Wombats in the DNO certificates")

    assert found("quokka") == {kept.pk}
    assert found("wombat") == {other.pk}  # stemmed, as before

    Submission.objects.filter(pk=kept.pk).update(q1_issue="Handheld platypus terminals")
    assert found("quokka") == set()
    assert found("platypuses") == {kept.pk}

    other.delete()
    assert found("wombat") == set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM usecases_search_document WHERE submission_id = %s", [other.pk]
        )
        assert cursor.fetchone() == (0,)
