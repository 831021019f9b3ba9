"""A signed-in page, kept for the one browser session that saw it, until anything changes.

A view opts in with `@cached_per_session`. Its page is stored under the browser's session
cookie, its CSRF cookie (the page's forms carry a token made from it) and the path with its query
string, so a stored page is only ever offered to the browser it was rendered for. Before one is
shown, PageCacheMiddleware, placed before the session middleware, reads in one query
(perf.freshness) everything that could have made it wrong:
- the change stamp, which every write to a watched table moves by a database trigger
  (triggers.py): a raised classification, a revoked seat, a new vote, a changed role;
- the session row, unexpired and byte for byte as it was (so the same user, the same second-factor
  state, no message waiting), and not yet due for its idle-expiry renewal;
- the user, still active, with the same password hash;
- the second-factor device the session was verified with, still confirmed and still theirs.
It also compares the local date (seat terms, vetting and working-day clocks change at midnight).
If anything differs, the request goes the whole way through the middleware and the view as usual.

The stamp is read before the page is rendered, so a change that commits while it is rendered
leaves the page under the old stamp, which is never matched again. A request that writes is not
stored. Stored pages also expire after PORTAL_PAGE_CACHE_SECONDS (0 turns the cache off).
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from triage_portal.perf import freshness
from triage_portal.perf.freshness import Viewer
from triage_portal.perf.stamp import CACHE_ALIAS, as_stamp, digest, request_stamp


@dataclass(frozen=True)
class StoredPage:
    content: bytes
    headers: dict
    stamp: str
    viewer: Viewer
    session_digest: str
    password_digest: str
    day: str

    def still_true(self) -> bool:
        row = freshness.read(self.viewer)
        if row is None or timezone.localdate().isoformat() != self.day:
            return False
        epoch, value, session_data, password, *device = row
        return (
            as_stamp(epoch, value) == self.stamp
            and session_data is not None
            and digest(session_data) == self.session_digest
            and password is not None
            and digest(password) == self.password_digest
            and (self.viewer.device is None or device == [1])
        )


def cached_per_session(view):
    """Let PageCacheMiddleware keep this view's page for the session that asked for it."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if _cache_key(request) is None:  # the middleware would not keep it
            return view(request, *args, **kwargs)
        stamp = request_stamp()  # before rendering: see the module
        response = view(request, *args, **kwargs)
        if (
            stamp is not None
            and request_stamp() == stamp  # None once the request has written
            and len(messages.get_messages(request)) == 0
        ):
            response.page_cache_stamp = stamp
        return response

    return wrapper


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
    return "page:" + digest(
        request.get_host(), request.get_full_path(), session_cookie, csrf_cookie
    )


def _page_to_store(request, response) -> StoredPage | None:
    stamp = getattr(response, "page_cache_stamp", None)
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if (
        stamp is None
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
        stamp=stamp,
        viewer=Viewer(
            session_key=session.session_key,
            user_id=user.pk,
            device=(device._meta.label, device.pk) if device is not None else None,
        ),
        session_digest=digest(session.stored_data),
        password_digest=digest(user.password),
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
