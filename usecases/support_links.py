"""Signed, expiring, single-use links that let a SEC Party confirm or decline support."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from usecases.enums import SupportStatus
from usecases.models import SupportingParty

SALT = "usecases.support-confirmation"


class InvalidSupportLink(Exception):
    """The link was altered, has expired, or was already used."""


def support_token(supporter: SupportingParty) -> str:
    """Return a token naming this supporter and the request it answers."""
    payload = {"s": supporter.pk, "r": supporter.requested_at.isoformat()}
    return signing.dumps(payload, salt=SALT, compress=True)


def support_link(supporter: SupportingParty) -> str:
    """Return the absolute URL that a supporter follows to respond."""
    path = reverse("usecases:support-respond", args=[support_token(supporter)])
    return f"{settings.PORTAL_BASE_URL}{path}"


def max_age() -> timedelta:
    return timedelta(days=settings.SUPPORT_LINK_MAX_AGE_DAYS)


def read_support_token(token: str) -> dict:
    """Return the token's payload; raise InvalidSupportLink if altered or expired."""
    try:
        return signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as error:
        raise InvalidSupportLink(
            "This link has expired. Ask the proposer to send it again."
        ) from error
    except signing.BadSignature as error:
        raise InvalidSupportLink(
            "This link is not valid. Check you copied the whole link from the e-mail."
        ) from error


def pending_supporter(token: str, *, lock: bool = False) -> SupportingParty:
    """Return the supporter a valid, unused, current link names; raise InvalidSupportLink."""
    payload = read_support_token(token)
    supporters = SupportingParty.objects.select_related("submission", "sec_party")
    if lock:
        supporters = supporters.select_for_update(of=("self",))
    supporter = supporters.filter(pk=payload["s"]).first()
    if supporter is None:
        raise InvalidSupportLink("This link is no longer valid.")
    if supporter.requested_at is None or supporter.requested_at.isoformat() != payload["r"]:
        raise InvalidSupportLink(
            "This link has been replaced by a newer one. Use the latest e-mail."
        )
    if supporter.status != SupportStatus.PENDING:
        status = supporter.get_status_display().lower()
        raise InvalidSupportLink(f"This link has already been used: support was {status}.")
    return supporter
