"""Rate limits on the pages strangers can reach: sign-up, password reset, supporter links.

Limits are "COUNT/PERIOD" strings from the environment (PERIOD: m, h or d), counted per client
address (and per e-mail address where one is typed) in the database, so several app servers
share one count.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from triage_portal.accounts.models import RateLimitHit
from triage_portal.audit.models import log_event

PERIODS = {"m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Limit":
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([mhd])\s*", text or "")
        if not match:
            raise ValueError(f"A rate limit looks like 5/h or 20/15m, not {text!r}")
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * PERIODS[unit])

    @property
    def wait_words(self) -> str:
        minutes = max(1, round(self.seconds / 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''}"


def limit_for(scope: str) -> Limit:
    return Limit.parse(settings.PORTAL_RATE_LIMITS[scope])


def client_address(request) -> str:
    """Return the client's address: behind AXES_PROXY_COUNT trusted proxies, the one the
    outermost of them saw (the proxies append to X-Forwarded-For; earlier entries are the
    client's own claims), else REMOTE_ADDR. The same count django-axes uses for lock-outs."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _digest(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def allow(scope: str, *values: str) -> bool:
    """Count one request for each value (address, e-mail); False once any is over the limit."""
    if not settings.PORTAL_RATE_LIMITS_ENABLED:
        return True
    limit = limit_for(scope)
    since = timezone.now() - timedelta(seconds=limit.seconds)
    keys = [_digest(v) for v in values if v]
    RateLimitHit.objects.filter(scope=scope, key__in=keys, at__lt=since).delete()
    over = any(
        RateLimitHit.objects.filter(scope=scope, key=key, at__gte=since).count() >= limit.count
        for key in keys
    )
    if over:
        log_event("security.rate_limited", data={"scope": scope})
        return False
    RateLimitHit.objects.bulk_create(RateLimitHit(scope=scope, key=key) for key in keys)
    return True


def refusal(scope: str) -> str:
    return (
        "There have been too many attempts from your network. "
        f"Wait {limit_for(scope).wait_words}, then try again"
    )
