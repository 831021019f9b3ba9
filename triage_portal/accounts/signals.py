"""Sign-ins, sign-outs and failed attempts go to the audit log (no passwords, ever); and the
signal the apps above receive when the secretariat verifies someone's organisation."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import Signal, receiver

from triage_portal.audit.models import log_event

# Sent with user= and actor= once the secretariat has verified that user belongs to their
# organisation: usecases files the person's proposals under it (accounts cannot import usecases).
organisation_verified = Signal()


def _client(request) -> dict:
    if request is None:
        return {}
    return {
        "ip": request.META.get("REMOTE_ADDR", ""),
        "agent": request.META.get("HTTP_USER_AGENT", "")[:200],
    }


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from triage_portal.accounts.two_factor import note_enrolment

        note_enrolment(request, user)
    log_event("accounts.user.signed_in", actor=user, data={"user": user.pk, **_client(request)})


@receiver(user_logged_out)
def record_sign_out(sender, request, user, **kwargs):
    if user is not None:
        log_event(
            "accounts.user.signed_out", actor=user, data={"user": user.pk, **_client(request)}
        )


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    log_event(
        "accounts.user.sign_in_failed",
        data={"username": str(credentials.get("username", ""))[:200], **_client(request)},
    )


@receiver(user_locked_out)
def record_lock_out(sender, request=None, username=None, ip_address=None, **kwargs):
    log_event(
        "accounts.user.locked_out",
        data={"username": str(username or "")[:200], **_client(request)},
    )
