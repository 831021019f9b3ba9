"""Sign-up, password reset and supporter links are rate limited, without losing what was typed."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from triage_portal.audit.models import ActivityLog
from triage_portal.ratelimit import Limit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tight_limits(settings):
    settings.PORTAL_RATE_LIMITS = {"signup": "2/h", "password_reset": "2/h", "support_link": "3/h"}


def sign_up_data(n: int) -> dict:
    return {
        "full_name": f"Pat Proposer {n}",
        "email": f"pat{n}@example.com",
        "phone": "01632 960 500",
        "organisation_name": "Meters R Us",
        "org_type": "MANUFACTURER",
        "password": "triage-portal-strong-pass",
    }


def test_sign_up_is_limited_per_address_and_keeps_what_was_typed(client):
    for n in range(2):
        assert client.post(reverse("accounts:signup"), sign_up_data(n)).status_code == 302
        client.logout()

    refused = client.post(reverse("accounts:signup"), sign_up_data(3))

    assert refused.status_code == 429
    assert "too many attempts from your network" in refused.text
    assert "Wait 60 minutes" in refused.text
    assert 'value="Pat Proposer 3"' in refused.text
    assert 'value="pat3@example.com"' in refused.text
    assert ActivityLog.objects.filter(action="security.rate_limited").exists()
    other_network = Client(REMOTE_ADDR="192.0.2.44")
    assert other_network.post(reverse("accounts:signup"), sign_up_data(4)).status_code == 302


def test_password_reset_is_limited_per_email_as_well_as_per_address(proposer):
    for n in range(2):
        Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
            reverse("accounts:password-reset"), {"email": proposer.email}
        )
    sent = len(mail.outbox)

    refused = Client(REMOTE_ADDR="192.0.2.9").post(
        reverse("accounts:password-reset"), {"email": proposer.email}
    )

    assert refused.status_code == 429
    assert "too many attempts" in refused.text
    assert len(mail.outbox) == sent


def test_supporter_links_are_limited_per_address(client):
    for _ in range(3):
        assert client.get(reverse("usecases:support-respond", args=["guess"])).status_code == 400

    refused = client.get(reverse("usecases:support-respond", args=["guess"]))

    assert refused.status_code == 429
    assert "too many attempts" in refused.text


@pytest.mark.parametrize(
    ("text", "count", "seconds"), [("5/h", 5, 3600), ("20/15m", 20, 900), (" 3 / d ", 3, 86400)]
)
def test_limits_are_read_from_plain_strings(text, count, seconds):
    assert Limit.parse(text) == Limit(count, seconds)


def test_a_malformed_limit_is_refused_clearly():
    with pytest.raises(ValueError, match="A rate limit looks like 5/h"):
        Limit.parse("lots")
