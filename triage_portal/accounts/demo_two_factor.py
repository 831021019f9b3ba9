"""Demo authenticators: the demo committee accounts get a known TOTP key (development only).

The key is derived from the e-mail address, so anyone trying the demo can add it to an
authenticator app, or ask `python manage.py demo_code EMAIL` for the code it shows now.
"""

import hashlib
import time
from base64 import b32encode

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from triage_portal.accounts.two_factor import AUTHENTICATOR_NAME


def _refuse_in_production() -> None:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo authenticators are for development only.")


def demo_key(email: str) -> bytes:
    return hashlib.sha256(f"ssc-portal-demo:{email.lower()}".encode()).digest()[:20]


def ensure_demo_authenticator(user) -> str:
    """Give the user a confirmed authenticator with the demo key; return the key as base32."""
    _refuse_in_production()
    key = demo_key(user.email)
    TOTPDevice.objects.update_or_create(
        user=user, name=AUTHENTICATOR_NAME, defaults={"key": key.hex(), "confirmed": True}
    )
    return b32encode(key).decode()


def current_code(user) -> str:
    """The code the user's authenticator shows now (never one already used)."""
    _refuse_in_production()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    if device is None:
        raise LookupError(f"{user.email} has no authenticator yet: they set one up at sign-in")
    now = int((time.time() - device.t0) // device.step)
    target = max(now, (device.last_t or -1) + 1)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, target - now):06d}"
