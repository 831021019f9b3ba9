"""Absolute links to the portal, for e-mails and calendar feeds.

A link made while a request is answered points at the host that request came to (its scheme,
host and port, as Django's request.build_absolute_uri gives them, so ALLOWED_HOSTS and
SECURE_PROXY_SSL_HEADER apply): a portal run on another port, or reached by another name, sends
links that work. Outside a request (scheduled jobs, background tasks) links start with
settings.PORTAL_BASE_URL.
"""

from contextvars import ContextVar

from django.conf import settings

_origin: ContextVar[str | None] = ContextVar("request_origin", default=None)


def portal_origin() -> str:
    """Return the scheme and host links start with, without a trailing slash."""
    return (_origin.get() or settings.PORTAL_BASE_URL).rstrip("/")


def portal_url(path: str) -> str:
    """Return the absolute link to a path of the portal (a path from reverse())."""
    return portal_origin() + path


class RequestOriginMiddleware:
    """Remember, while a request is answered, the origin links made during it start with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # build_absolute_uri calls get_host(), which refuses a host not in ALLOWED_HOSTS.
        token = _origin.set(request.build_absolute_uri("/"))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)
