"""Facts kept for one request: asked once, forgotten when the request writes and when it ends."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from triage_portal.perf.memo import RequestMemoMiddleware, current, moves_the_stamp, once_a_request
from usecases.models import BankHoliday


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute


def test_outside_a_request_nothing_is_kept():
    compute = counter()

    assert [once_a_request("k", compute) for _ in range(3)] == [1, 2, 3]


@pytest.mark.django_db
def test_in_a_request_a_fact_is_worked_out_once_until_the_request_writes():
    compute = counter()

    def view(request):
        first, again = once_a_request("k", compute), once_a_request("k", compute)
        assert current().wrote is False
        BankHoliday.objects.filter(name="none").update(name="x")  # a write, recorded nowhere
        assert current().wrote is True
        return first, again, once_a_request("k", compute)

    assert RequestMemoMiddleware(view)(None) == (1, 1, 2)
    assert once_a_request("k", compute) == 3  # the request is over


@pytest.mark.django_db
def test_reads_keep_what_was_kept():
    compute = counter()

    def view(request):
        once_a_request("k", compute)
        list(BankHoliday.objects.all())
        return once_a_request("k", compute), current().wrote

    assert RequestMemoMiddleware(view)(None) == (1, False)


@pytest.mark.django_db
def test_a_members_home_page_asks_for_their_seats_once(client, member):
    client.force_login(member)

    with CaptureQueriesContext(connection) as first:
        assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get("/").status_code == 200

    def seat_queries(queries):
        # Statements that read the seats themselves; the RED proposal rule asks for a current
        # seat inside the proposals' own query (a subquery), which is no extra statement.
        return [q["sql"] for q in queries if q["sql"].startswith('SELECT "assessments_membership"')]

    assert len(seat_queries(first)) == 1, seat_queries(first)
    # Kept until the change stamp moves (tests/triage_portal/perf/test_kept_reads.py).
    assert seat_queries(again) == []


@pytest.mark.django_db
def test_a_page_of_kept_figures_reads_the_change_stamp_once(client, secretariat):
    client.force_login(secretariat)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200

    stamp_reads = [q["sql"] for q in queries if "perf_changestamp" in q["sql"]]
    assert len(stamp_reads) == 1, stamp_reads


@pytest.mark.parametrize(
    ("sql", "moves"),
    [
        ('UPDATE "accounts_apitoken" SET "last_used_at" = %s WHERE "id" = %s', False),
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
        ('UPDATE "usecases_submission" SET "state" = %s', True),
        ('DELETE FROM "assessments_membership" WHERE "id" = %s', True),
        ("WITH x AS (DELETE FROM accounts_apitoken RETURNING 1) SELECT 1", True),
    ],
)
def test_a_write_to_an_unwatched_table_does_not_count_as_moving_the_stamp(sql, moves):
    assert moves_the_stamp(sql) is moves
