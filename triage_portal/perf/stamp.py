"""Figures kept across requests against the change stamp (models.ChangeStamp, triggers.py).

A figure that is the same for everyone who asks the same question, and costly to work out
afresh (the queue's counts, a member's seats for the day), is kept in the "pages" cache under
its question and the stamp read at the start of the request. Any committed write to a watched
table moves the stamp, so the next request asks a new key and works the figure out again.

Nothing is kept (compute() is called) outside a request, when PORTAL_PAGE_CACHE_SECONDS is 0,
or once the request has itself written: its own writes move the stamp inside its transaction,
which may yet roll back and hand the same number to a different change.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db import connection

from triage_portal.perf import memo

CACHE_ALIAS = "pages"


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def as_stamp(epoch: str | None, value: int | None) -> str | None:
    return None if epoch is None or value is None else f"{epoch}.{value}"


def read_value() -> int | None:
    """Return the stamp's number as the database has it now (None if its row is missing)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM perf_changestamp WHERE id = 1")
        row = cursor.fetchone()
    return None if row is None else row[0]


def read_stamp() -> str | None:
    """Return the change stamp (epoch and number) as the database has it now, or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT epoch, value FROM perf_changestamp WHERE id = 1")
        row = cursor.fetchone()
    return None if row is None else as_stamp(*row)


def request_stamp() -> str | None:
    """Return the stamp read once at this request's first ask; None when nothing may be kept."""
    current = memo.current()
    if current is None or current.wrote or settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return None
    return memo.once_a_request(("change_stamp",), read_stamp)


def kept_until_a_change(parts: tuple, compute):
    """Return compute(), kept while the change stamp stays where it is.

    `parts` says what the question is (the SQL and its parameters, say): the figure must be the
    same for everyone who asks it.
    """
    stamp = request_stamp()
    if stamp is None:
        return compute()
    key = "kept:" + digest(*(str(part) for part in parts), str(stamp))
    cache = caches[CACHE_ALIAS]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PORTAL_PAGE_CACHE_SECONDS)
    return value


def _question(rows) -> tuple | None:
    """The rows' SQL and parameters, or None for a question that can have no answer."""
    try:
        sql, params = rows.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    return (sql, *params)


def kept_count(label: str, rows) -> int:
    """Return rows.count(), kept until the next change."""
    question = _question(rows)
    if question is None:
        return rows.count()
    return kept_until_a_change((label, *question), rows.count)


def kept_aggregate(label: str, rows, key: tuple, **aggregates) -> dict:
    """Return rows.aggregate(**aggregates), kept until the next change.

    `key` holds whatever the aggregates depend on besides the rows (today's date, say).
    """
    question = _question(rows)
    if question is None:
        return rows.aggregate(**aggregates)
    return kept_until_a_change(
        (label, *question, *key, *sorted(aggregates)), lambda: rows.aggregate(**aggregates)
    )
