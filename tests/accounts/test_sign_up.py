import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.people import OrganisationFactory, UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User
from triage_portal.audit.models import ActivityLog

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Pat Proposer",
    "email": "Pat@Example.com",
    "phone": "01632 960 500",
    "organisation_name": "Meters R Us",
    "org_type": "MANUFACTURER",
    "password": "triage-portal-strong-pass",
}


def confirmation_link() -> str:
    return re.search(
        r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    ).group(1)


def test_sign_up_creates_unconfirmed_proposer_and_emails_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), SIGN_UP)

    assert response["Location"] == reverse("accounts:signup-done")
    user = User.objects.get()
    assert user.email == "pat@example.com"
    assert user.role == Role.PROPOSER
    assert user.email_confirmed_at is None
    assert user.organisation.name == "Meters R Us"
    assert user.organisation_verified is True
    assert mail.outbox[-1].subject == "Confirm your e-mail address for the SSC Triage Portal"
    assert ActivityLog.objects.filter(action="accounts.user.signed_up").count() == 1


def test_sign_in_is_refused_until_email_confirmed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), SIGN_UP)

    refused = client.post(
        reverse("accounts:login"), {"username": "pat@example.com", "password": SIGN_UP["password"]}
    )
    assert "Confirm your e-mail address first" in refused.text

    confirmed = client.get(confirmation_link())
    assert confirmed["Location"] == reverse("accounts:login")
    signed_in = client.post(
        reverse("accounts:login"), {"username": "PAT@example.com", "password": SIGN_UP["password"]}
    )
    assert signed_in.status_code == 302


def test_confirmation_link_works_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), SIGN_UP)
    link = confirmation_link()

    client.get(link)
    again = client.get(link)

    assert again.status_code == 400
    assert "already confirmed" in again.text


def test_tampered_confirmation_link_is_rejected(client):
    response = client.get(reverse("accounts:confirm-email", args=["eyJ1IjoxfQ:forged:sig"]))

    assert response.status_code == 400
    assert "This link is not valid" in response.text


def test_joining_an_existing_organisation_is_unverified(client, django_capture_on_commit_callbacks):
    OrganisationFactory(name="Meters R Us")

    client.post(reverse("accounts:signup"), {**SIGN_UP, "organisation_name": "meters r us"})

    user = User.objects.get()
    assert user.organisation.name == "Meters R Us"
    assert user.organisation_verified is False


def test_sign_up_errors_keep_what_was_typed(client):
    response = client.post(reverse("accounts:signup"), {**SIGN_UP, "password": "password"})

    assert "This password is too common." in response.text
    assert 'value="Pat Proposer"' in response.text
    assert 'value="Meters R Us"' in response.text
    assert User.objects.count() == 0


def test_password_reset_sends_link(client):
    UserFactory(email="reset@example.com")

    response = client.post(reverse("accounts:password-reset"), {"email": "reset@example.com"})

    assert response["Location"] == reverse("accounts:password-reset-done")
    assert "/accounts/password-reset/" in mail.outbox[-1].body


def test_profile_update_is_logged_with_old_and_new(client, proposer):
    client.force_login(proposer)

    client.post(
        reverse("accounts:profile"),
        {"full_name": "Ann P. Proposer", "phone": "0123", "job_title": ""},
    )

    proposer.refresh_from_db()
    assert proposer.full_name == "Ann P. Proposer"
    entry = ActivityLog.objects.get(action="accounts.user.profile_updated")
    assert entry.data["changes"]["full_name"] == {"old": "Ann Proposer", "new": "Ann P. Proposer"}


def test_sign_out_needs_post_and_ends_session(client, proposer):
    client.force_login(proposer)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert client.get(reverse("usecases:proposal-list")).status_code == 302


def test_sign_ins_and_failures_are_audited(client, proposer):
    from tests.factories.people import PASSWORD

    client.post(
        reverse("accounts:login"), {"username": proposer.email, "password": "wrong-password"}
    )
    client.post(reverse("accounts:login"), {"username": proposer.email, "password": PASSWORD})

    failed = ActivityLog.objects.get(action="accounts.user.sign_in_failed")
    assert failed.data["username"] == proposer.email and "wrong-password" not in str(failed.data)
    assert ActivityLog.objects.filter(action="accounts.user.signed_in", actor=proposer).count() == 1
