"""Services for SEC Party support: a supporter's answer, and the addresses the secretariat
has verified for each SEC Party."""

from django.db import transaction
from django.utils import timezone

from usecases.enums import TERMINAL_STATES, SupportStatus, SupportVerification
from usecases.errors import ActionRefused
from usecases.models import SupportingParty, VerifiedSupporterAddress
from usecases.workflow.support_links import (
    pending_supporter,
    refusal_to_answer,
    support_verification,
)


@transaction.atomic
def respond_to_support_request(
    *, token: str, confirm: bool, note: str = "", user=None
) -> SupportingParty:
    """Record a supporter's answer from their signed link; a link works once.

    user is whoever is signed in (or None). Side effects: the supporter's status; for a
    confirmation, how it was tied to the SEC Party (a verified member signed in, an address
    the secretariat verified for the party, or unverified, which does not count towards the
    support the SSC requires); an entry in the proposal's log.
    Raise InvalidSupportLink for a link that no longer works, and ActionRefused when the
    proposer or their organisation tries to answer.
    """
    supporter = pending_supporter(token, lock=True)
    refusal = refusal_to_answer(supporter, user)
    if refusal:
        raise ActionRefused(refusal)
    signed_in = user if user is not None and user.is_authenticated else None
    supporter.status = SupportStatus.CONFIRMED if confirm else SupportStatus.DECLINED
    supporter.responded_at = timezone.now()
    supporter.response_note = note.strip()
    if confirm:
        supporter.verification = support_verification(supporter, signed_in)
        supporter.confirmed_by = signed_in
    supporter.save(
        update_fields=[
            "status",
            "responded_at",
            "response_note",
            "verification",
            "confirmed_by",
        ]
    )
    supporter.submission.log_action(
        "usecases.supporter.confirmed" if confirm else "usecases.supporter.declined",
        actor=signed_in,
        data={
            "supporter": supporter.pk,
            "name": supporter.name,
            "note": supporter.response_note,
            "verification": supporter.verification,
        },
    )
    return supporter


@transaction.atomic
def record_support_answer(*, user, supporter_id: int, confirm: bool, how: str) -> SupportingParty:
    """Record a supporter's answer given to the secretariat (by phone, letter or in person).

    The route for a supporter whose link cannot work, as for a RED proposal, whose content no
    e-mail may carry. It counts as verified support: the secretariat states how it was given.
    Side effects: the supporter's status, logged on the proposal.
    """
    if not user.has_perm("usecases.verify_supporter_address"):
        raise ActionRefused("Only the secretariat can record a supporter's answer.")
    how = how.strip()
    if not how:
        raise ActionRefused("Say how the supporter gave their answer.")
    supporter = (
        SupportingParty.objects.select_for_update(of=("self",))
        .select_related("submission")
        .filter(pk=supporter_id)
        .first()
    )
    if supporter is None:
        raise ActionRefused("That supporter is no longer on the proposal.")
    if supporter.status != SupportStatus.PENDING:
        raise ActionRefused(
            f"{supporter.name} has already answered ({supporter.get_status_display().lower()})."
        )
    if supporter.submission.state in TERMINAL_STATES:
        raise ActionRefused("This proposal is closed, so it no longer needs support.")
    supporter.status = SupportStatus.CONFIRMED if confirm else SupportStatus.DECLINED
    supporter.responded_at = timezone.now()
    supporter.response_note = how
    supporter.verification = (
        SupportVerification.SECRETARIAT if confirm else SupportVerification.UNVERIFIED
    )
    supporter.save(update_fields=["status", "responded_at", "response_note", "verification"])
    supporter.submission.log_action(
        "usecases.supporter.confirmed" if confirm else "usecases.supporter.declined",
        actor=user,
        data={
            "supporter": supporter.pk,
            "name": supporter.name,
            "note": how,
            "verification": supporter.verification,
            "recorded_by_secretariat": True,
        },
    )
    return supporter


@transaction.atomic
def verify_supporter_address(
    *, user, sec_party, email: str, note: str = ""
) -> VerifiedSupporterAddress:
    """Record that an e-mail address belongs to someone at a SEC Party.

    Side effects: the address, logged; earlier unverified confirmations of support for that
    party from that address now count, each logged on its proposal.
    """
    if not user.has_perm("usecases.verify_supporter_address"):
        raise ActionRefused("Only the secretariat can verify supporters' addresses.")
    if not sec_party.is_sec_party:
        raise ActionRefused(f"{sec_party.name} is not a SEC Party.")
    email = email.strip().lower()
    if VerifiedSupporterAddress.objects.filter(sec_party=sec_party, email__iexact=email).exists():
        raise ActionRefused(f"{email} is already verified for {sec_party.name}.")
    address = VerifiedSupporterAddress.objects.create(
        sec_party=sec_party, email=email, note=note.strip(), verified_by=user
    )
    address.log_action(
        "usecases.supporter_address.verified",
        actor=user,
        data={
            "sec_party": sec_party.pk,
            "sec_party_name": sec_party.name,
            "email": email,
            "note": address.note,
        },
    )
    earlier = (
        SupportingParty.objects.select_for_update(of=("self",))
        .select_related("submission", "submission__created_by", "sec_party", "confirmed_by")
        .filter(
            sec_party=sec_party,
            email__iexact=email,
            status=SupportStatus.CONFIRMED,
            verification=SupportVerification.UNVERIFIED,
        )
    )
    for supporter in earlier:
        if refusal_to_answer(supporter, supporter.confirmed_by):
            continue
        supporter.verification = SupportVerification.ADDRESS
        supporter.save(update_fields=["verification"])
        supporter.submission.log_action(
            "usecases.supporter.verified",
            actor=user,
            data={
                "supporter": supporter.pk,
                "name": supporter.name,
                "verification": supporter.verification,
                "address": address.pk,
            },
        )
    return address


@transaction.atomic
def remove_verified_supporter_address(*, user, address_id: int) -> None:
    """Stop treating an address as a SEC Party's; confirmations already counted stay counted."""
    if not user.has_perm("usecases.verify_supporter_address"):
        raise ActionRefused("Only the secretariat can verify supporters' addresses.")
    address = (
        VerifiedSupporterAddress.objects.select_for_update(of=("self",))
        .select_related("sec_party")
        .filter(pk=address_id)
        .first()
    )
    if address is None:
        raise ActionRefused("That address has already been removed.")
    address.log_action(
        "usecases.supporter_address.removed",
        actor=user,
        data={
            "sec_party": address.sec_party_id,
            "sec_party_name": address.sec_party.name,
            "email": address.email,
        },
    )
    address.delete()
