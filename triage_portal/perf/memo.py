"""Facts worked out once a request, such as which committees the user sits on.

A page asks the same question of the database several times over: every visibility rule of a
member's home page needs the user's seats. Inside a request the answer is kept until the request
ends or the request itself writes to the database: the middleware watches every statement the
request's connections run (Django's connection.execute_wrapper), and anything but a read forgets
what was kept (the change stamp included: it is read again). A write inside a transaction also
stops the request keeping anything across requests (perf.stamp). Outside a request nothing is
kept.
"""

import re
from contextlib import ExitStack
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connections

# Statements that change nothing; anything else (INSERT, UPDATE, DELETE, WITH ..., PRAGMA...)
# counts as a write.
READS = ("SELECT", "SAVEPOINT", "RELEASE")
WRITTEN_TABLE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w]+)"?\s', re.I)


@dataclass
class Memo:
    facts: dict = field(default_factory=dict)
    # The request has written to a watched table (the stamp moved in its transaction, which may
    # yet roll back): nothing it reads is kept across requests.
    wrote: bool = False


_memo: ContextVar[Memo | None] = ContextVar("request_memo", default=None)


def current() -> Memo | None:
    """Return this request's memo, or None outside a request."""
    return _memo.get()


def once_a_request(key, compute):
    """Return compute(), worked out at most once in this request for this key."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo.facts:
        memo.facts[key] = compute()
    return memo.facts[key]


def moves_the_stamp(sql) -> bool:
    """Whether a write may have moved the change stamp: True unless it names an unwatched table."""
    from triage_portal.perf.triggers import unwatched_tables

    found = WRITTEN_TABLE.match(str(sql))
    return found is None or found.group(1) not in unwatched_tables()


def _is_read(sql) -> bool:
    words = str(sql).lstrip().split(None, 1)
    return bool(words) and words[0].upper() in READS


def _watch(memo: Memo):
    def wrapper(execute, sql, params, many, context):
        if many or not _is_read(sql):
            memo.facts.clear()
            memo.wrote = memo.wrote or moves_the_stamp(sql)
        return execute(sql, params, many, context)

    return wrapper


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        memo = Memo()
        token = _memo.set(memo)
        try:
            with ExitStack() as stack:
                for connection in connections.all(initialized_only=False):
                    stack.enter_context(connection.execute_wrapper(_watch(memo)))
                return self.get_response(request)
        finally:
            _memo.reset(token)
