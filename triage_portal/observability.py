"""One structured log line per request, with a request id; optional Sentry.

Each line holds the request id (from X-Request-ID when a proxy sends a sane one, otherwise
new), the user's id (never a name or an e-mail address), the method, the path without its query
string, the status and the duration. The id is echoed back in the X-Request-ID header.
"""

import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger("portal.requests")
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get("X-Request-ID", "")
        request.request_id = supplied if SANE_ID.match(supplied) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "request_id": request.request_id,
                "user_id": user.pk
                if user is not None and user.is_authenticated
                else getattr(request, "served_user_id", None),  # a page from the page cache
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        response["X-Request-ID"] = request.request_id
        return response


FIELDS = ("request_id", "user_id", "method", "path", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    """A JSON object per line: time, level, logger, message, and the request fields if any."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line |= {name: getattr(record, name) for name in FIELDS if hasattr(record, name)}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def start_sentry() -> None:
    """Report errors to Sentry when SENTRY_DSN is set (pip install sentry-sdk)."""
    dsn = settings.SENTRY_DSN
    if not dsn:
        return
    try:
        import sentry_sdk
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install sentry-sdk"
        ) from error
    sentry_sdk.init(dsn=dsn, send_default_pii=False, environment=settings.DJANGO_ENV)
