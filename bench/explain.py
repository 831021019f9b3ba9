"""Print the query plan of each query an index was added for, without and with its index.

    DJANGO_SETTINGS_MODULE=bench.settings [DATABASE_URL=...] python -m bench.explain

Runs against the benchmark's database (build it first with `python -m bench`). "Without" drops
the index inside a transaction that is rolled back, so nothing changes. docs/performance.md
quotes the output.
"""

import os
import time

import django


class Rollback(Exception):
    pass


def plan(connection, sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql, params)
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        rows = cursor.fetchall()
        took = []
        for _ in range(5):  # the best of five, so the page cache is warm for both variants
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            took.append((time.perf_counter() - started) * 1000)
        return [row[-1] for row in rows] + [f"(ran in {min(took):.2f} ms, best of 5)"]


def show(connection, title: str, queryset, index: str | None) -> None:
    from django.db import transaction

    sql, params = queryset.query.sql_with_params()
    print(f"\n### {title}\n")
    variants = [("without", True), ("with", False)] if index else [("plan", False)]
    for label, drop in variants:
        lines = []
        try:
            with transaction.atomic():
                if drop:
                    with connection.cursor() as cursor:
                        cursor.execute(f'DROP INDEX "{index}"')
                lines = plan(connection, sql, params)
                raise Rollback
        except Rollback:
            pass
        heading = f"{label} `{index}`" if index else label
        print(f"{heading}:\n\n```")
        print("\n".join(lines))
        print("```\n")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.db import connection
    from django.db.models import Q

    from assessments.selectors import decisions_visible_to, open_ballots_awaiting
    from triage_portal.accounts.models import User
    from usecases.enums import TERMINAL_STATES
    from usecases.models import Submission
    from usecases.selectors.proposals import LONG_TEXT, proposals_visible_to, public_proposals
    from usecases.selectors.workspace import queue

    office = User.objects.get(email="secretariat@demo.example.com")
    member = User.objects.get(email="member@demo.example.com")
    print(f"Database: {connection.vendor}")
    show(
        connection,
        "Secretariat queue, first page (50 rows)",
        queue(proposals_visible_to(office), {})[:50],
        "submission_queue_order",
    )
    show(
        connection,
        "Committee home page: the ten newest proposals a member may see",
        proposals_visible_to(member)
        .exclude(state="DRAFT")
        .select_related("organisation")
        .order_by("-submitted_at", "-pk")[:10],
        "submission_newest_first",
    )
    show(
        connection,
        "API: proposals, most recently changed first (first page)",
        proposals_visible_to(office).order_by("-updated_at", "-pk").defer(*LONG_TEXT)[:50],
        "submission_recently_changed",
    )
    show(
        connection,
        "Public register, first page",
        public_proposals()[:50],
        "submission_public_register",
    )
    show(
        connection,
        "Committee home page: open votes the member's seat has not voted on",
        open_ballots_awaiting(member).order_by("closes_at", "pk"),
        "ballot_status",
    )
    show(
        connection,
        "Decision log, first page",
        decisions_visible_to(office).order_by("-decided_at")[:50],
        "decision_newest_first",
    )
    show(
        connection,
        "Office dashboard: what its counts of open proposals by age and urgency read",
        Submission.objects.exclude(state__in=["DRAFT", *TERMINAL_STATES])
        .values("q6_urgent", "state_changed_at")
        .order_by(),
        "submission_queue_order",
    )
    show(
        connection,
        "Public register, its count (read off its partial index)",
        public_proposals().order_by().values("pk"),
        "submission_public_register",
    )
    if connection.vendor == "sqlite":
        show(
            connection,
            "Queue search, a word in almost every proposal: the queue's index walked to the page",
            queue(proposals_visible_to(office), {"q": "certificate"})[:50],
            "submission_queue_order",
        )
    if connection.vendor == "postgresql":
        show(
            connection,
            "Queue search (full text)",
            queue(proposals_visible_to(office), {"q": "zigbee firmware"})[:50],
            "usecases_search_document_gin",
        )
    else:
        from usecases.selectors.search_index import SEARCH_FIELDS

        every_answer = queue(proposals_visible_to(office), {})
        for word in ("zigbee", "firmware"):
            anywhere = Q()
            for name in SEARCH_FIELDS:
                anywhere |= Q(**{f"{name}__icontains": word})
            every_answer = every_answer.filter(anywhere)
        show(connection, "Queue search, before: LIKE through every answer", every_answer[:50], None)
        show(
            connection,
            "Queue search, after: the trigram index (submission_search)",
            queue(proposals_visible_to(office), {"q": "zigbee firmware"})[:50],
            None,
        )


if __name__ == "__main__":
    main()
