import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories.people import PASSWORD, UserFactory
from triage_portal.accounts.demo_two_factor import ensure_demo_authenticator
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_a_demo_committee_account_signs_in_with_the_code_demo_code_prints(client, settings):
    settings.PORTAL_REQUIRE_2FA = True
    chair = UserFactory(role=Role.SSC_CHAIR, email="chair@demo.example.com")
    ensure_demo_authenticator(chair)
    client.post(reverse("accounts:login"), {"username": chair.email, "password": PASSWORD})
    out = io.StringIO()
    call_command("demo_code", chair.email, stdout=out)

    response = client.post(reverse("accounts:two-factor-verify"), {"code": out.getvalue()})

    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_demo_code_refuses_in_production(settings):
    settings.PRODUCTION = True
    UserFactory(email="x@demo.example.com")

    with pytest.raises(CommandError, match="refuses to run in production"):
        call_command("demo_code", "x@demo.example.com")


def test_seed_demo_gives_committee_accounts_an_authenticator_and_proposers_none(settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.PORTAL_DEMO_AUTHENTICATORS = True
    call_command("seed_demo", "--quiet")

    with_device = set(
        TOTPDevice.objects.filter(confirmed=True).values_list("user__email", flat=True)
    )
    assert {"chair@demo.example.com", "secretariat@demo.example.com"} <= with_device
    assert "proposer@demo.example.com" not in with_device
