"""The queue's search on SQLite, from the trigram index: what a LIKE of every word found."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories.proposals import submitted_proposal
from usecases import workflow
from usecases.models import Submission
from usecases.selectors.search_index import TABLE, ensure_search_index, matching_ids_sql

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has its own index"),
]
URL = reverse("usecases:workspace")


def titles(client, words: str) -> list[str]:
    return sorted(s.title for s in client.get(URL, {"q": words}).context["page"])


@pytest.fixture
def two_proposals(proposer):
    firmware = submitted_proposal(
        proposer,
        use_case_title="Firmware re-flash of ZigBee hubs",
        q2_why_needed="Counterfeit 3G handsets are rising",
    )
    tamper = submitted_proposal(
        proposer, use_case_title="Tamper evidence", q3_solution="Seal the case with a DNO label"
    )
    return firmware, tamper


def test_words_are_found_inside_words_in_any_case_and_any_field(client, secretariat, two_proposals):
    client.force_login(secretariat)

    assert titles(client, "zigbee") == ["Firmware re-flash of ZigBee hubs"]
    assert titles(client, "IGBE") == ["Firmware re-flash of ZigBee hubs"]
    assert titles(client, "counterfeit firmware") == ["Firmware re-flash of ZigBee hubs"]
    assert titles(client, "counterfeit tamper") == []
    assert titles(client, "seal") == ["Tamper evidence"]
    assert titles(client, "3g") == ["Firmware re-flash of ZigBee hubs"]  # two letters: no index
    # Quotes and operators are characters to find, as they were to LIKE: no syntax error.
    assert titles(client, 'label" OR "zigbee') == []
    assert titles(client, "nothing-like-this") == []


def test_the_index_follows_every_change(client, secretariat, proposer, two_proposals):
    firmware, tamper = two_proposals
    client.force_login(secretariat)
    workflow.save_answers(
        submission_id=firmware.pk,
        user=secretariat,
        answers={"use_case_title": "Vanilla DNO certificates"},
        section="t",
    )

    assert titles(client, "zigbee") == []
    assert titles(client, "vanilla") == ["Vanilla DNO certificates"]
    assert titles(client, "dno") == ["Tamper evidence", "Vanilla DNO certificates"]

    Submission.objects.filter(pk=tamper.pk).delete()
    assert titles(client, "dno") == ["Vanilla DNO certificates"]


def test_an_index_that_lost_its_triggers_is_made_again_and_refilled(proposer):
    """Altering the proposals table on SQLite rebuilds it without its triggers."""
    with connection.cursor() as cursor:
        for change in ("insert", "update", "delete"):
            cursor.execute(f"DROP TRIGGER {TABLE}_{change}")
    late = submitted_proposal(proposer, use_case_title="Added while unindexed")

    assert ensure_search_index() is True
    assert ensure_search_index() is False

    with connection.cursor() as cursor:
        cursor.execute(*matching_ids_sql(["unindexed"]))
        assert cursor.fetchall() == [(late.pk,)]
