"""The queue's search, the office dashboard's and the register's counts read an index (SQLite plans)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.proposals import submitted_proposal
from usecases.selectors.dashboard import age_chart, attention
from usecases.selectors.proposals import proposals_visible_to, public_proposals
from usecases.selectors.workspace import queue

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]


def plan(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " / ".join(row[3] for row in cursor.fetchall())


def plans_of(read) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        read()
    return [plan(query["sql"]) for query in queries if "usecases_submission" in query["sql"]]


def test_a_search_walks_the_queue_index_to_its_page_without_sorting_the_matches(
    secretariat, proposer
):
    submitted_proposal(proposer, use_case_title="Firmware re-flash of ZigBee hubs")
    rows = queue(proposals_visible_to(secretariat), {"q": "firmware"})[:50]

    found = plan(*rows.query.sql_with_params())

    assert [s.use_case_title for s in rows] == ["Firmware re-flash of ZigBee hubs"]
    assert found.startswith("SCAN usecases_submission USING INDEX submission_queue_order")
    assert "TEMP B-TREE" not in found


def test_the_dashboard_counts_read_only_the_queue_index(secretariat, proposer):
    submitted_proposal(proposer, q6_urgent="YES")

    found = plans_of(lambda: (attention(secretariat), age_chart(secretariat)))

    assert attention(secretariat).urgent == 1
    assert len(found) == 2
    for one in found:
        assert one.startswith(
            "SCAN usecases_submission USING COVERING INDEX submission_queue_order"
        )


def test_the_public_register_is_counted_from_its_own_index_alone():
    found = plan(*public_proposals().order_by().values("pk").query.sql_with_params())
    counted = plans_of(lambda: public_proposals().count())

    assert found == "SCAN usecases_submission USING COVERING INDEX submission_public_register"
    assert counted == [found]
