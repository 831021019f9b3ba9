"""Two-factor sign-in: TOTP authenticator apps (django-otp) with single-use backup codes.

Committee roles (secretariat, Chair, members, observers) must use it; proposers may opt in.
Every change and every failed code is written to the audit log.
"""

import secrets
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from triage_portal.accounts.enums import COMMITTEE_ROLES
from triage_portal.audit.models import log_event

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"


TOO_MANY = "You have entered wrong codes too quickly. Wait a few seconds, then enter a new code"


class TwoFactorError(Exception):
    """A code was wrong or an action is not allowed; the message is shown to the user."""


@dataclass(frozen=True)
class Enrolment:
    """What the set-up page shows: the secret as text and as a QR code."""

    device: TOTPDevice
    secret: str
    qr_svg: str


def must_use_two_factor(user) -> bool:
    return bool(
        settings.PORTAL_REQUIRE_2FA
        and user.is_authenticated
        and (user.role in COMMITTEE_ROLES or user.is_superuser)
    )


def has_two_factor(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


# Whether a proposer (who may opt in) has two-factor sign-in on, noted in the session at sign-in
# so that ordinary requests need no query for it.
ENROLLED_SESSION_KEY = "two_factor_enrolled"


def note_enrolment(request, user) -> None:
    request.session[ENROLLED_SESSION_KEY] = has_two_factor(user)


def needs_verification(request) -> bool:
    """Signed in with a password, but the second factor is still owed."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return must_use_two_factor(user) or bool(request.session.get(ENROLLED_SESSION_KEY))


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def start_enrolment(user) -> Enrolment:
    """An unconfirmed authenticator for the user (the same one until it is confirmed)."""
    device = _pending_device(user)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return Enrolment(
        device=device, secret=_base32(device), qr_svg=image.to_string(encoding="unicode")
    )


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def confirm_enrolment(request, code: str) -> list[str]:
    """Check the first code from the app, switch the authenticator on and issue backup codes."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is not None and not device.verify_is_allowed()[0]:
            raise TwoFactorError(TOO_MANY)
        if device is not None and device.verify_token(_digits(code)):
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _replace_backup_codes(user)
            otp_login(request, device)
            request.session[ENROLLED_SESSION_KEY] = True
            log_event("accounts.two_factor.enabled", actor=user, data={"user": user.pk})
            return codes
    log_event("accounts.two_factor.setup_failed", actor=user, data={"user": user.pk})
    raise TwoFactorError("Enter the 6-digit code your authenticator app shows now")


def verify(request, code: str) -> None:
    """Accept a code from the authenticator app or an unused backup code."""
    user = request.user
    if any(not d.verify_is_allowed()[0] for d in devices_for_user(user)):
        log_event("accounts.two_factor.throttled", actor=user, data={"user": user.pk})
        raise TwoFactorError(TOO_MANY)
    device = match_token(user, _digits(code).lower())
    if device is None:
        log_event("accounts.two_factor.failed", actor=user, data={"user": user.pk})
        raise TwoFactorError(
            "The code is not right. Enter the 6-digit code from your authenticator app, "
            "or one of your backup codes"
        )
    otp_login(request, device)
    used_backup = isinstance(device, StaticDevice)
    log_event(
        "accounts.two_factor.verified",
        actor=user,
        data={"user": user.pk, "backup_code": used_backup},
    )


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    codes = _replace_backup_codes(user)
    log_event("accounts.two_factor.backup_codes_replaced", actor=user, data={"user": user.pk})
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def turn_off(user, *, by=None) -> None:
    """Remove every device. A user who must use two-factor sign-in cannot do this themselves."""
    by = by or user
    if by == user and must_use_two_factor(user):
        raise TwoFactorError(
            "Your role needs two-factor sign-in, so it cannot be turned off. "
            "You can set up a new authenticator app instead"
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    log_event("accounts.two_factor.removed", actor=by, data={"user": user.pk})


def _replace_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [_backup_code() for _ in range(settings.PORTAL_2FA_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _backup_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def _digits(code: str) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace() and ch != "-")
