"""Two-factor sign-in: committee roles must use it, proposers may; every step is audited."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.people import PASSWORD, UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.PORTAL_REQUIRE_2FA = True


def sign_in(client, user, follow=False):
    return client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}, follow=follow
    )


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, steps_ahead):06d}"


def enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    page = client.get(reverse("accounts:two-factor-setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two-factor-setup"), {"code": code_for(device)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z0-9]{10})</code></li>", codes_page.text)
    return TOTPDevice.objects.get(pk=device.pk), codes


def let_throttle_lapse(user):
    """django-otp makes each wrong code double the wait; move the last failure into the past."""
    from datetime import timedelta

    from django.utils import timezone
    from django_otp import devices_for_user

    for device in devices_for_user(user):
        if device.throttling_failure_timestamp:
            device.throttling_failure_timestamp = timezone.now() - timedelta(minutes=10)
            device.save(update_fields=["throttling_failure_timestamp"])


def actions(user) -> list[str]:
    return list(
        ActivityLog.objects.filter(action__startswith="accounts.two_factor", actor=user)
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.SSC_CHAIR, Role.SSC_MEMBER, Role.OBSERVER])
def test_committee_roles_are_sent_to_set_up_before_anything_else(client, role):
    user = UserFactory(role=role)

    response = sign_in(client, user, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-setup"))
    assert "Set up two-factor sign-in" in response.text
    for path in ["/", "/proposals/", "/committees/meetings/", reverse("accounts:profile")]:
        held = client.get(path)
        assert held.status_code == 302
        assert held["Location"].startswith(reverse("accounts:two-factor-setup"))


def test_set_up_shows_a_qr_code_and_key_then_backup_codes_once(client):
    user = UserFactory(role=Role.SSC_MEMBER)
    sign_in(client, user)

    page = client.get(reverse("accounts:two-factor-setup"))
    assert "<svg" in page.text and "Setup key" in page.text
    device, codes = enrol(client, user)

    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/").status_code == 200
    again = client.get(reverse("accounts:two-factor-backup-codes"))
    assert again.status_code == 302  # shown once only
    assert actions(user) == ["accounts.two_factor.enabled"]


def test_a_wrong_first_code_is_refused_with_a_clear_message(client):
    user = UserFactory(role=Role.SSC_CHAIR)
    sign_in(client, user)
    client.get(reverse("accounts:two-factor-setup"))

    response = client.post(reverse("accounts:two-factor-setup"), {"code": "000000x"})

    assert response.status_code == 200
    assert "Enter the 6-digit code your authenticator app shows now" in response.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert actions(user) == ["accounts.two_factor.setup_failed"]


def test_next_sign_in_asks_for_a_code_and_accepts_the_app_or_a_backup_code(client):
    user = UserFactory(role=Role.SSC_MEMBER)
    sign_in(client, user)
    device, codes = enrol(client, user)
    client.post(reverse("accounts:logout"))

    response = sign_in(client, user, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-verify"))
    assert client.get("/proposals/").status_code == 302

    wrong = client.post(reverse("accounts:two-factor-verify"), {"code": "123456"})
    assert "The code is not right" in wrong.text
    let_throttle_lapse(user)
    ok = client.post(
        reverse("accounts:two-factor-verify"),
        {"code": code_for(device, steps_ahead=1), "next": "/proposals/"},
    )
    assert ok["Location"] == "/proposals/"
    assert client.get("/proposals/").status_code == 200

    client.post(reverse("accounts:logout"))
    sign_in(client, user)
    let_throttle_lapse(user)
    backup = client.post(reverse("accounts:two-factor-verify"), {"code": codes[0].upper()})
    assert backup.status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in(client, user)
    let_throttle_lapse(user)
    reused = client.post(reverse("accounts:two-factor-verify"), {"code": codes[0]})
    assert "The code is not right" in reused.text
    assert actions(user) == [
        "accounts.two_factor.enabled",
        "accounts.two_factor.failed",
        "accounts.two_factor.verified",
        "accounts.two_factor.verified",
        "accounts.two_factor.failed",
    ]


def test_an_offsite_next_is_ignored(client):
    user = UserFactory(role=Role.SSC_MEMBER)
    sign_in(client, user)
    device, _ = enrol(client, user)
    client.post(reverse("accounts:logout"))
    sign_in(client, user)

    response = client.post(
        reverse("accounts:two-factor-verify"),
        {"code": code_for(device, steps_ahead=1), "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("home")


def test_proposers_may_opt_in_and_out(client, proposer):
    assert sign_in(client, proposer)["Location"] == reverse("home")
    assert client.get(reverse("accounts:profile")).status_code == 200
    enrol(client, proposer)
    client.post(reverse("accounts:logout"))

    sign_in(client, proposer)
    assert client.get("/proposals/")["Location"].startswith(reverse("accounts:two-factor-verify"))
    device = TOTPDevice.objects.get(user=proposer)
    client.post(reverse("accounts:two-factor-verify"), {"code": code_for(device, steps_ahead=1)})
    client.post(reverse("accounts:two-factor-turn-off"))

    assert not TOTPDevice.objects.filter(user=proposer).exists()
    assert actions(proposer)[-1] == "accounts.two_factor.removed"


def test_committee_roles_cannot_turn_it_off(client):
    user = UserFactory(role=Role.OBSERVER)
    sign_in(client, user)
    enrol(client, user)

    response = client.post(reverse("accounts:two-factor-turn-off"), follow=True)

    assert "cannot be turned off" in response.text
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_new_backup_codes_replace_the_old_ones(client):
    user = UserFactory(role=Role.SECRETARIAT)
    sign_in(client, user)
    _, old = enrol(client, user)

    page = client.post(reverse("accounts:two-factor-backup-codes"), follow=True)
    new = re.findall(r"<li><code>([a-z0-9]{10})</code></li>", page.text)

    assert len(new) == 10 and not set(new) & set(old)
    assert actions(user)[-1] == "accounts.two_factor.backup_codes_replaced"


def test_codes_are_throttled_after_failures(client):
    user = UserFactory(role=Role.SSC_MEMBER)
    sign_in(client, user)
    device, _ = enrol(client, user)
    client.post(reverse("accounts:logout"))
    sign_in(client, user)

    client.post(reverse("accounts:two-factor-verify"), {"code": "000000"})
    response = client.post(
        reverse("accounts:two-factor-verify"), {"code": code_for(device, steps_ahead=1)}
    )

    assert response.status_code == 200  # even the right code waits
    assert "wrong codes too quickly" in response.text
    assert actions(user)[-1] == "accounts.two_factor.throttled"
    let_throttle_lapse(user)
    response = client.post(
        reverse("accounts:two-factor-verify"), {"code": code_for(device, steps_ahead=1)}
    )
    assert response.status_code == 302
