"""Lock-out after repeated failures, sessions that end, and a password-only session held at 2FA."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.people import PASSWORD, UserFactory
from tests.triage_portal.test_access_matrix import urls
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog

pytestmark = pytest.mark.django_db


def attempt(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_five_failures_lock_the_address_out_with_a_clear_message(client, proposer, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        assert attempt(client, proposer.email, "wrong-password").status_code == 200

    locked = attempt(client, proposer.email, "wrong-password")

    assert locked.status_code == 429
    assert "You cannot sign in for now" in locked.text
    assert "locked for 15 minutes" in locked.text
    # Even the right password is refused while locked, and nothing says whether it was right.
    still = attempt(client, proposer.email, PASSWORD)
    assert still.status_code == 429
    assert "_auth_user_id" not in client.session
    logged = list(
        ActivityLog.objects.filter(action__startswith="accounts.user.").values_list(
            "action", flat=True
        )
    )
    assert logged.count("accounts.user.sign_in_failed") >= 5
    assert "accounts.user.locked_out" in logged


def test_a_lock_out_is_per_address_so_others_still_sign_in(client, proposer, other_proposer):
    for _ in range(5):
        attempt(client, proposer.email, "wrong-password")

    assert attempt(client, other_proposer.email, PASSWORD).status_code == 302


def test_success_before_the_limit_resets_the_count(client, proposer):
    for _ in range(4):
        attempt(client, proposer.email, "wrong-password")
    assert attempt(client, proposer.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))

    for _ in range(4):
        attempt(client, proposer.email, "wrong-password")
    assert attempt(client, proposer.email, PASSWORD).status_code == 302


def test_signing_out_ends_the_session_on_the_server(proposer):
    client = Client()
    attempt(client, proposer.email, PASSWORD)
    cookie = client.cookies["sessionid"].value
    assert client.get(reverse("accounts:profile")).status_code == 200

    client.post(reverse("accounts:logout"))
    replay = Client()
    replay.cookies["sessionid"] = cookie

    assert replay.get(reverse("accounts:profile")).status_code == 302


def test_sessions_expire_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_a_password_only_committee_session_reaches_nothing_but_the_second_factor(settings):
    settings.PORTAL_REQUIRE_2FA = True
    member = UserFactory(role=Role.SSC_MEMBER)
    client = Client()
    attempt(client, member.email, PASSWORD)
    objects = {"proposals": [1], "papers": [1], "ballots": [1], "items": [1], "meeting": None}
    open_paths = {
        reverse("accounts:two-factor-setup"),
        reverse("accounts:two-factor-verify"),
        reverse("accounts:logout"),
        "/healthz",  # health checks answer anyone
        "/readyz",
    }

    class Meeting:
        pk = 1

    objects["meeting"] = Meeting()
    reached = []
    for name, path in urls(objects):
        if path in open_paths:
            continue
        response = client.get(path)
        if response.status_code != 302 or not response["Location"].startswith(
            reverse("accounts:two-factor-setup")
        ):
            reached.append((name, path, response.status_code))

    assert reached == []
