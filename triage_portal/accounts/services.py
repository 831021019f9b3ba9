"""Services that create and change accounts."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from triage_portal import ratelimit
from triage_portal.accounts.enums import OrganisationType, Role
from triage_portal.accounts.models import Organisation, User
from triage_portal.accounts.signals import organisation_verified
from triage_portal.audit.models import log_event
from triage_portal.links import portal_url
from triage_portal.mail import queue_email

CONFIRM_SALT = "accounts.confirm-email"


class AccountError(Exception):
    """A message for the user about why the account action failed."""


def _organisation_for_sign_up(name: str, org_type: str) -> tuple[Organisation, bool]:
    existing = Organisation.objects.filter(name__iexact=name.strip()).first()
    if existing:
        # Naming an existing organisation must not grant access to its items: the
        # secretariat verifies the link before the organisation's proposals are shared.
        return existing, False
    return Organisation.objects.create(
        name=name.strip(), org_type=org_type or OrganisationType.OTHER
    ), True


@transaction.atomic
def sign_up_proposer(
    *,
    full_name: str,
    email: str,
    password: str,
    organisation_name: str,
    org_type: str,
    phone: str = "",
) -> User:
    """Create a proposer account and e-mail a link to confirm the address."""
    organisation, verified = _organisation_for_sign_up(organisation_name, org_type)
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        phone=phone.strip(),
        organisation=organisation,
        organisation_verified=verified,
        role=Role.PROPOSER,
    )
    log_event(
        "accounts.user.signed_up",
        actor=user,
        data={"user": user.pk, "organisation": organisation.pk, "organisation_verified": verified},
    )
    transaction.on_commit(lambda: send_email_confirmation(user))
    return user


def sign_up_or_notify(*, email: str, **details) -> None:
    """Sign a proposer up, or e-mail the owner of an address that already has an account.

    Both end on the same page: the page must not tell a stranger who has an account.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        sign_up_proposer(email=email, **details)
        return
    log_event("accounts.user.sign_up_for_existing_address", data={"user": existing.pk})
    if ratelimit.allow("existing_account_notice", existing.email):
        link = portal_url(reverse("accounts:login"))
        reset = portal_url(reverse("accounts:password-reset"))
        transaction.on_commit(
            lambda: queue_email(
                template="existing_account",
                to=[existing.email],
                context={"user": existing, "link": link, "reset": reset},
            )
        )


def resend_email_confirmation(user: User) -> bool:
    """E-mail a new confirmation link unless the address had its few for the hour; say which."""
    if not ratelimit.allow("confirmation_resend", user.email):
        return False
    send_email_confirmation(user)
    return True


def email_confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


def send_email_confirmation(user: User) -> None:
    """E-mail the user a signed link that confirms their address."""
    link = portal_url(reverse("accounts:confirm-email", args=[email_confirmation_token(user)]))
    queue_email(
        template="confirm_email",
        to=[user.email],
        context={"user": user, "link": link, "hours": settings.SIGNUP_LINK_MAX_AGE_HOURS},
    )


@transaction.atomic
def confirm_email(*, token: str) -> User:
    """Mark the address in the token as confirmed; each link works once."""
    try:
        payload = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.SIGNUP_LINK_MAX_AGE_HOURS * 3600
        )
    except signing.SignatureExpired as error:
        raise AccountError("This link has expired. Sign in to be sent a new one.") from error
    except signing.BadSignature as error:
        raise AccountError(
            "This link is not valid. Check you copied the whole link from the e-mail."
        ) from error
    user = User.objects.select_for_update().filter(pk=payload["u"], email=payload["e"]).first()
    if user is None:
        raise AccountError("This link is not valid.")
    if user.email_confirmed_at is not None:
        raise AccountError("Your e-mail address is already confirmed. Sign in to continue.")
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    log_event("accounts.user.email_confirmed", actor=user, data={"user": user.pk})
    return user


@transaction.atomic
def create_committee_account(
    *,
    actor: User,
    full_name: str,
    email: str,
    role: str,
    organisation: Organisation | None,
    phone: str = "",
) -> User:
    """Create a committee account and e-mail its owner a link to set a password."""
    if not actor.has_perm("accounts.create_committee_account"):
        raise AccountError("Only the secretariat can create committee accounts.")
    if role == Role.PROPOSER:
        raise AccountError("Proposers create their own accounts.")
    user = User.objects.create_user(
        email=email,
        password=None,
        full_name=full_name.strip(),
        phone=phone.strip(),
        organisation=organisation,
        organisation_verified=organisation is not None,
        role=role,
        email_confirmed_at=timezone.now(),
    )
    log_event(
        "accounts.user.committee_account_created",
        actor=actor,
        data={
            "user": user.pk,
            "role": role,
            "organisation": organisation.pk if organisation else None,
        },
    )
    transaction.on_commit(lambda: send_password_setup(user))
    return user


def send_password_setup(user: User) -> None:
    """E-mail the account's owner a link to set their password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = portal_url(reverse("accounts:password-reset-confirm", args=[uid, token]))
    queue_email(template="committee_account", to=[user.email], context={"user": user, "link": link})


@transaction.atomic
def record_organisation_verified(*, actor: User, user: User) -> None:
    """Log that the secretariat verified the person's organisation, and tell the apps that
    share work with an organisation's people (usecases files the person's proposals under it)."""
    if not (user.organisation_verified and user.organisation_id):
        return
    log_event(
        "accounts.user.organisation_verified",
        actor=actor,
        data={"user": user.pk, "organisation": user.organisation_id},
    )
    organisation_verified.send(sender=User, user=user, actor=actor)


@transaction.atomic
def update_profile(*, user: User, full_name: str, phone: str, job_title: str) -> list[str]:
    """Change the user's own details; return the fields that changed."""
    changes = {}
    for name, value in (
        ("full_name", full_name.strip()),
        ("phone", phone.strip()),
        ("job_title", job_title.strip()),
    ):
        if getattr(user, name) != value:
            changes[name] = {"old": getattr(user, name), "new": value}
            setattr(user, name, value)
    if changes:
        user.save(update_fields=list(changes))
        log_event(
            "accounts.user.profile_updated", actor=user, data={"user": user.pk, "changes": changes}
        )
    return list(changes)
