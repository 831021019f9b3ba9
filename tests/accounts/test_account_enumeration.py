"""Sign-up and password reset do not tell a stranger whether an address has an account."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.people import PASSWORD, UserFactory
from triage_portal.accounts.models import User

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Pat Proposer",
    "email": "pat@example.com",
    "phone": "",
    "organisation_name": "Meters R Us",
    "org_type": "MANUFACTURER",
    "password": "a-long-Unusual-passphrase-42",
}


def sign_up(client, email):
    return client.post(reverse("accounts:signup"), {**SIGN_UP, "email": email})


def test_sign_up_with_a_known_address_looks_the_same_as_a_new_one(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.com", full_name="Kim Known")

    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(client, "new@example.com")
        known = sign_up(client, "known@example.com")

    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"] == reverse("accounts:signup-done")
    assert "already" not in client.get(reverse("accounts:signup-done")).text
    assert User.objects.filter(email__iexact="known@example.com").count() == 1
    to_known = [m for m in mail.outbox if m.to == ["known@example.com"]]
    assert [m.subject for m in to_known] == [
        "Someone tried to create an SSC Triage Portal account with your e-mail address"
    ]
    assert "Dear Kim Known" in to_known[0].body


def test_the_owner_of_a_known_address_is_told_a_few_times_an_hour_at_most(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "signup": "100/h",
        "existing_account_notice": "2/h",
    }
    UserFactory(email="known@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            sign_up(client, "known@example.com")

    assert len([m for m in mail.outbox if m.to == ["known@example.com"]]) == 2


def test_password_reset_does_the_same_work_in_the_request_for_any_address(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    UserFactory(email="known@example.com")
    url = reverse("accounts:password-reset")
    client.post(url, {"email": "warm-up@example.com"})

    with CaptureQueriesContext(connection) as unknown:
        unknown_response = client.post(url, {"email": "nobody@example.com"})
    with CaptureQueriesContext(connection) as known:
        known_response = client.post(url, {"email": "known@example.com"})

    assert unknown_response.status_code == known_response.status_code == 302
    assert unknown_response["Location"] == known_response["Location"]
    assert len(unknown.captured_queries) == len(known.captured_queries)
    assert not any("accounts_user" in q["sql"] for q in known.captured_queries)
    assert mail.outbox == []


def test_the_password_reset_task_e_mails_a_known_address_and_no_one_else(client):
    UserFactory(email="known@example.com")

    client.post(reverse("accounts:password-reset"), {"email": "nobody@example.com"})
    client.post(reverse("accounts:password-reset"), {"email": "known@example.com"})

    assert [m.to for m in mail.outbox] == [["known@example.com"]]
    assert "://testserver/accounts/password-reset/" in mail.outbox[0].body


def test_repeated_sign_ins_to_an_unconfirmed_account_send_few_links(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "confirmation_resend": "3/h"}
    user = UserFactory(email="new@example.com", email_confirmed_at=None)

    for _ in range(12):
        response = client.post(
            reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
        )

    assert "Confirm your e-mail address first" in response.text
    assert len(mail.outbox) == 3
