"""The secretariat's queue: proposals by state, with filters, search and overdue flags."""

import datetime

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from triage_portal.perf.stamp import kept_count, kept_until_a_change
from triage_portal.workdays import working_days_between
from usecases.models import ClarificationRequest, Referral, Submission
from usecases.selectors.proposals import LONG_TEXT, bank_holidays
from usecases.selectors.search_index import SEARCH_FIELDS, SHORTEST, matching_ids_sql


def search(queryset: QuerySet[Submission], words: str) -> QuerySet[Submission]:
    """Full-text search on PostgreSQL; elsewhere, every word found in some field, any case."""
    words = words.strip()
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Stored tsvectors, kept by a trigger (usecases/migrations/0011): a common word reads
        # them, or their GIN index, and never builds a proposal's vector from its answers.
        return queryset.filter(
            pk__in=RawSQL(  # noqa: S611 -- the words are a parameter
                "SELECT submission_id FROM usecases_search_document"
                " WHERE document @@ websearch_to_tsquery('english'::regconfig, %s)",
                [words],
            )
        )
    remaining = words.split()
    if connection.vendor == "sqlite":
        # Words of three letters or more from the trigram index (usecases/selectors/search_index.py).
        indexed = matching_ids_sql(remaining)
        if indexed is not None:
            # Matched on "id + 0", not the id: SQLite then walks the queue's index in its order
            # and stops at the page, checking each row against the matches read once. On the id
            # it fetched every match by rowid and sorted them, reading each one's columns past
            # the long answers (95 ms against 41 ms for a word in every proposal, 5,000 of them).
            queryset = queryset.alias(search_rowid=F("pk") + 0).filter(
                search_rowid__in=RawSQL(*indexed)  # noqa: S611 -- words as a parameter
            )
        remaining = [word for word in remaining if len(word) < SHORTEST]
    for word in remaining:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


def queue(base: QuerySet[Submission], filters: dict) -> QuerySet[Submission]:
    """Return the filtered queue with overdue flags annotated (no per-row queries)."""
    today = timezone.localdate()
    # Without the answers: the queue shows none, and fifty rows of them were most of its time.
    queryset = base.exclude(state="DRAFT").select_related("organisation").defer(*LONG_TEXT)
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("state"):
        queryset = queryset.filter(state=filters["state"])
    if filters.get("organisation"):
        queryset = queryset.filter(organisation=filters["organisation"])
    if filters.get("device_type"):
        # Through the device-type table, but one row per proposal (no DISTINCT over everything).
        queryset = queryset.filter(
            pk__in=Submission.device_types.through.objects.filter(
                devicetype=filters["device_type"]
            ).values("submission")
        )
    if filters.get("urgent"):
        queryset = queryset.filter(q6_urgent=filters["urgent"])
    if filters.get("classification"):
        queryset = queryset.filter(classification=filters["classification"])
    if filters.get("submitted_from"):
        queryset = queryset.filter(submitted_at__date__gte=filters["submitted_from"])
    if filters.get("submitted_to"):
        queryset = queryset.filter(submitted_at__date__lte=filters["submitted_to"])
    queryset = search(queryset, filters.get("q") or "")
    overdue_clarification = ClarificationRequest.objects.filter(
        submission=OuterRef("pk"), answered_at__isnull=True, due_on__lt=today
    )
    overdue_referral = Referral.objects.filter(
        submission=OuterRef("pk"), outcome="", due_on__lt=today
    )
    return queryset.annotate(
        clarification_overdue=Exists(overdue_clarification),
        referral_overdue=Exists(overdue_referral),
    ).order_by("-q6_urgent", "state_changed_at", "pk")


def state_counts(base: QuerySet[Submission]) -> dict[str, int]:
    """Return the number of proposals in each state (drafts excluded)."""
    # COUNT(*), not COUNT(id): PostgreSQL can then answer from an index on the state alone.
    rows = base.exclude(state="DRAFT").values("state").annotate(n=Count("*")).order_by()
    # Counting every proposal costs 46 ms at 500,000 of them (docs/performance.md); the counts
    # only change when something is written, and every write moves the change stamp.
    sql, params = rows.query.sql_with_params()
    return kept_until_a_change(
        ("state_counts", sql, *params),
        lambda: {row["state"]: row["n"] for row in rows},
    )


def queue_count(rows: QuerySet[Submission]) -> int:
    """Return how many proposals the filtered queue holds, kept until the next change.

    Paging through a search counts the same matches again on every page (25 ms and more at
    500,000 proposals, read from the search index); the count moves only with a change.
    """
    return kept_count("queue_count", rows)


def days_in_state(rows, today: datetime.date | None = None) -> None:
    """Set .days_in_state (working days) on each proposal, with one query for bank holidays."""
    today = today or timezone.localdate()
    holidays = bank_holidays()
    for submission in rows:
        since = timezone.localtime(submission.state_changed_at).date()
        submission.days_in_state = working_days_between(since, today, holidays)
