"""Facts worked out once a request, such as which committees the user sits on.

A page asks the same question of the database several times over: every visibility rule of a
member's home page needs the user's seats. Inside a request the answer is kept until the request
ends or the request itself writes to the database: the middleware watches every statement the
request's connections run (Django's connection.execute_wrapper), and anything but a read forgets
what was kept. Outside a request nothing is kept.
"""

from contextlib import ExitStack
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connections

# Statements that change nothing; anything else (INSERT, UPDATE, DELETE, WITH ..., PRAGMA...)
# counts as a write.
READS = ("SELECT", "SAVEPOINT", "RELEASE")


@dataclass
class Memo:
    facts: dict = field(default_factory=dict)
    wrote: bool = False  # the request has written: nothing it reads is kept across requests


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


def _is_read(sql) -> bool:
    words = str(sql).lstrip().split(None, 1)
    return bool(words) and words[0].upper() in READS


def _watch(memo: Memo):
    def wrapper(execute, sql, params, many, context):
        if many or not _is_read(sql):
            memo.facts.clear()
            memo.wrote = True
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
