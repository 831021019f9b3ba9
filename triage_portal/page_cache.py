"""A signed-in page, kept for the one browser session that saw it, until anything changes.

A view opts in with `@cached_per_session()`. Its page is stored under the browser's session
cookie, its CSRF cookie (the page's forms carry a token made from it) and the path with its query
string, so a stored page is only ever offered to the browser it was rendered for. Before one is
shown, PageCacheMiddleware, placed before the session middleware, reads in one query
(triage_portal.page_freshness) everything that could have made it wrong:
- the audit chain's head, which moves on every change to every model (every write goes through a
  service that logs it: a raised classification, a revoked seat, a new vote, a changed role), and
  the newest row of any table the view names as written without an audit entry;
- the session row, unexpired and byte for byte as it was (so the same user, the same second-factor
  state, no message waiting), and not yet due for its idle-expiry renewal;
- the user, still active, with the same password hash;
- the second-factor device the session was verified with, still confirmed and still theirs.
It also compares the local date (seat terms, vetting and working-day clocks change at midnight).
If anything differs, the request goes the whole way through the middleware and the view as usual.

The stamp is read before the page is rendered, so a change that commits while it is rendered
leaves the page under the old stamp, which is never matched again. Stored pages also expire after
PORTAL_PAGE_CACHE_SECONDS (0 turns the cache off), which bounds what a change made outside the
services (a shell, raw SQL) could leave behind. A page that showed a message is not stored.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.http import HttpResponse
from django.utils import timezone

from triage_portal import page_freshness
from triage_portal.page_freshness import Viewer, Watched
from triage_portal.request_memo import once_a_request

CACHE_ALIAS = "pages"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Rendered:
    """What the decorator tells the middleware about a page it may keep."""

    watched: tuple[Watched, ...]
    stamp: tuple


@dataclass(frozen=True)
class StoredPage:
    content: bytes
    headers: dict
    watched: tuple[Watched, ...]
    stamp: tuple
    viewer: Viewer
    session_digest: str
    password_digest: str
    day: str

    def still_true(self) -> bool:
        row = page_freshness.read(self.watched, self.viewer)
        if row is None or timezone.localdate().isoformat() != self.day:
            return False
        n = len(self.stamp)
        session_data, password, *device = row[n:]
        return (
            tuple(row[:n]) == self.stamp
            and session_data is not None
            and _digest(session_data) == self.session_digest
            and password is not None
            and _digest(password) == self.password_digest
            and (self.viewer.device is None or device == [1])
        )


def cached_per_session(watch: tuple[tuple[str, str, str], ...] = ()):
    """Let PageCacheMiddleware keep this view's page for the session that asked for it.

    `watch` names tables written without an audit entry whose newest row the page shows, as
    (model label, column, URL keyword argument holding the value).
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if _cache_key(request) is None:  # the middleware would not keep it: no stamp
                return view(request, *args, **kwargs)
            watched = tuple(Watched(model, column, kwargs[arg]) for model, column, arg in watch)
            stamp = page_freshness.read(watched)  # before rendering: see the module
            response = view(request, *args, **kwargs)
            if stamp is not None and len(messages.get_messages(request)) == 0:
                response.page_cache = Rendered(watched=watched, stamp=tuple(stamp))
            return response

        return wrapper

    return decorate


def kept_until_a_change(parts: tuple, compute):
    """Return compute(), kept while the audit chain's head stays where it is.

    For a figure that is the same for everyone who would ask the same question (`parts` says
    what the question is: the SQL and its parameters, say), and costly to work out afresh.
    """
    if settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return compute()
    # Read once a request: a page that shows several kept figures asks for the head once.
    head = once_a_request(("audit_head",), lambda: page_freshness.read(()))
    if head is None:
        return compute()
    key = "kept:" + _digest(*(str(part) for part in parts), *head)
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
    """rows.count(), kept until the next change."""
    question = _question(rows)
    if question is None:
        return rows.count()
    return kept_until_a_change((label, *question), rows.count)


def kept_aggregate(label: str, rows, key: tuple, **aggregates) -> dict:
    """rows.aggregate(**aggregates), kept until the next change.

    `key` holds whatever the aggregates depend on besides the rows (today's date, say).
    """
    question = _question(rows)
    if question is None:
        return rows.aggregate(**aggregates)
    return kept_until_a_change(
        (label, *question, *key, *sorted(aggregates)), lambda: rows.aggregate(**aggregates)
    )


def _cache_key(request) -> str | None:
    session_cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if (
        settings.PORTAL_PAGE_CACHE_SECONDS <= 0
        or request.method != "GET"
        or not session_cookie
        or not csrf_cookie
        or CookieStorage.cookie_name in request.COOKIES
    ):
        return None
    return "page:" + _digest(
        request.get_host(), request.get_full_path(), session_cookie, csrf_cookie
    )


def _page_to_store(request, response) -> StoredPage | None:
    rendered = getattr(response, "page_cache", None)
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if (
        rendered is None
        or response.status_code != 200
        or response.streaming
        or user is None
        or not user.is_authenticated
        or session is None
        or session.session_key != request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        or getattr(session, "stored_data", None) is None
    ):
        return None
    device = getattr(user, "otp_device", None)
    return StoredPage(
        content=response.content,
        headers=dict(response.items()),
        watched=rendered.watched,
        stamp=rendered.stamp,
        viewer=Viewer(
            session_key=session.session_key,
            user_id=user.pk,
            device=(device._meta.label, device.pk) if device is not None else None,
        ),
        session_digest=_digest(session.stored_data),
        password_digest=_digest(user.password),
        day=timezone.localdate().isoformat(),
    )


class PageCacheMiddleware:
    """Serve a stored page while everything it depends on is unchanged (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _cache_key(request)
        if key is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        stored = cache.get(key)
        if stored is not None and stored.still_true():
            request.served_user_id = stored.viewer.user_id
            response = HttpResponse(stored.content, headers=stored.headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        page = _page_to_store(request, response)
        if page is not None:
            cache.set(key, page, settings.PORTAL_PAGE_CACHE_SECONDS)
        elif stored is not None:
            cache.delete(key)
        return response
