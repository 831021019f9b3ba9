"""E-mailed links point at the host and port the portal is served on."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.people import UserFactory
from triage_portal.accounts.services import send_email_confirmation

pytestmark = pytest.mark.django_db

# transaction=True: callbacks run on commit as in production, while the request is answered
# (django_capture_on_commit_callbacks would run them after it).
in_request = pytest.mark.django_db(transaction=True)

SIGN_UP = {
    "full_name": "Pat Proposer",
    "email": "pat@example.com",
    "phone": "01632 960 500",
    "organisation_name": "Meters R Us",
    "org_type": "MANUFACTURER",
    "password": "triage-portal-strong-pass",
}


@in_request
def test_a_link_made_in_a_request_uses_its_host_and_port(client, settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"

    client.post(reverse("accounts:signup"), SIGN_UP, HTTP_HOST="127.0.0.1:8802")

    [message] = mail.outbox
    assert "http://127.0.0.1:8802/accounts/confirm-email/" in message.body
    assert "127.0.0.1:8000" not in message.body


@in_request
def test_a_link_made_in_a_secure_request_keeps_https(client):
    client.post(reverse("accounts:signup"), SIGN_UP, HTTP_HOST="localhost", secure=True)

    assert "https://localhost/accounts/confirm-email/" in mail.outbox[0].body


@in_request
def test_a_host_not_allowed_is_refused_and_sends_nothing(client):
    response = client.post(reverse("accounts:signup"), SIGN_UP, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert mail.outbox == []


def test_a_link_made_outside_a_request_uses_the_configured_base(settings):
    settings.PORTAL_BASE_URL = "https://ssc-portal.example.org/"
    user = UserFactory(email="pat@example.com", email_confirmed_at=None)

    send_email_confirmation(user)

    assert "https://ssc-portal.example.org/accounts/confirm-email/" in mail.outbox[0].body
