"""Signed, expiring, single-use links that let a SEC Party confirm or decline support, and who
the portal can tell is answering one."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse

from triage_portal.accounts.models import User
from triage_portal.classification import Audience, Classification, named_only, readable_by
from triage_portal.links import portal_url
from usecases.enums import (
    TERMINAL_STATES,
    VERIFIED_SUPPORT,
    SubmissionState,
    SupportStatus,
    SupportVerification,
)
from usecases.models import Submission, SupportingParty, VerifiedSupporterAddress

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
    return portal_url(path)


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


def closed_reason(submission: Submission) -> str:
    """Return why the proposal no longer takes answers to its support requests, or ""."""
    if submission.state == SubmissionState.WITHDRAWN:
        return "This proposal has been withdrawn, so it no longer needs support."
    if submission.state == SubmissionState.REJECTED:
        return "The SSC has rejected this proposal, so it no longer needs support."
    if submission.state in TERMINAL_STATES:
        state = submission.get_state_display().lower()
        return f"This proposal is closed ({state}), so it no longer needs support."
    if named_only(submission.classification):
        return (
            "This proposal is now classified RED: only the people the SSC names may read it, "
            "so this link no longer works. If you need to answer, contact the SSC secretariat."
        )
    return ""


def pending_supporter(token: str, *, lock: bool = False) -> SupportingParty:
    """Return the supporter a valid, unused, current link names; raise InvalidSupportLink.

    A link also stops working once its proposal is closed or raised to RED.
    """
    payload = read_support_token(token)
    supporters = SupportingParty.objects.select_related(
        "submission", "submission__created_by", "sec_party"
    )
    if lock:
        supporters = supporters.select_for_update(of=("self",))
    supporter = supporters.filter(pk=payload["s"]).first()
    if supporter is None:
        raise InvalidSupportLink("This link is no longer valid.")
    if supporter.requested_at is None or supporter.requested_at.isoformat() != payload["r"]:
        raise InvalidSupportLink(
            "This link has been replaced by a newer one. Use the latest e-mail."
        )
    closed = closed_reason(supporter.submission)
    if closed:
        raise InvalidSupportLink(closed)
    if supporter.status != SupportStatus.PENDING:
        status = supporter.get_status_display().lower()
        raise InvalidSupportLink(f"This link has already been used: support was {status}.")
    return supporter


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def proposers_organisations(submission: Submission) -> set[int]:
    """Return the organisations the proposal speaks for: the one it is filed under, and the one
    its creator names (verified or only claimed)."""
    return {pk for pk in (submission.organisation_id, submission.created_by.organisation_id) if pk}


def refusal_to_answer(supporter: SupportingParty, user) -> str:
    """Return why this person (or whoever holds the link) cannot answer for the SEC Party, or "".

    The proposer never answers their own request. Nor does anyone from the proposer's
    organisation, unless SUPPORT_FROM_PROPOSERS_ORGANISATION lets a SEC Party support its own
    proposal, and then only for that party.
    """
    submission = supporter.submission
    if _signed_in(user) and user.pk == submission.created_by_id:
        return "You made this proposal, so you cannot answer for a SEC Party that supports it."
    email = supporter.email.strip().lower()
    if email in {submission.proposer_email.strip().lower(), submission.created_by.email.lower()}:
        return (
            "This request was sent to the proposer's own address, so it cannot record support. "
            "Ask the proposer to name the SEC Party's own contact."
        )
    organisations = proposers_organisations(submission)
    if supporter.sec_party_id in organisations:
        if settings.SUPPORT_FROM_PROPOSERS_ORGANISATION:
            return ""
        return (
            f"{supporter.sec_party.name} made this proposal, so its support cannot be counted: "
            "support must come from another SEC Party."
        )
    if _signed_in(user) and user.organisation_id in organisations:
        return (
            "You are from the proposer's organisation, so you cannot answer for a SEC Party "
            "that supports its proposal."
        )
    if User.objects.filter(email__iexact=email, organisation_id__in=organisations).exists():
        return (
            "This request was sent to someone at the proposer's organisation, so it cannot "
            "record support. Ask the proposer to name the SEC Party's own contact."
        )
    return ""


def support_verification(supporter: SupportingParty, user) -> SupportVerification:
    """Return how the portal can tie an answer from this link to the SEC Party it names.

    A signed-in person the secretariat has verified as a member of that party, or an address
    the secretariat has verified for it (the link's, or the signed-in person's); else unverified.
    """
    if (
        _signed_in(user)
        and user.organisation_verified
        and user.organisation_id == supporter.sec_party_id
    ):
        return SupportVerification.MEMBER
    addresses = Q(email__iexact=supporter.email.strip())
    if _signed_in(user):
        addresses |= Q(email__iexact=user.email)
    verified = VerifiedSupporterAddress.objects.filter(addresses, sec_party=supporter.sec_party_id)
    if verified.exists():
        return SupportVerification.ADDRESS
    return SupportVerification.UNVERIFIED


def levels_shown_on_link(verification: str) -> tuple[Classification, ...]:
    """Return the levels at which a support link may show the proposal's answers, to a holder
    tied to the SEC Party in this way (support_verification).

    Someone the portal ties to the SEC Party reads as a supporter does (up to AMBER); anyone
    else holding the link, at most what the smart-metering community may (WHITE and GREEN).
    RED never: the link stops working.
    """
    if verification in VERIFIED_SUPPORT:
        return readable_by(Audience.SUPPORTER)
    return readable_by(Audience.SIGNED_IN)
