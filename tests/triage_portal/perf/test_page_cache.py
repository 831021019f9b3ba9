"""The per-session page cache: fast when nothing changed, never stale when anything did."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.perf.stamp import CACHE_ALIAS
from usecases import workflow
from usecases.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    caches[CACHE_ALIAS].clear()
    yield
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def registered(proposer, secretariat):
    return proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)


def detail(submission):
    return reverse("usecases:proposal-detail", args=[submission.pk])


def warmed(client, user, url):
    """Sign in, pick up the CSRF cookie as a browser does, and have the page stored."""
    client.force_login(user)
    first = client.get(url)
    assert first.status_code == 200
    assert "csrftoken" in client.cookies
    stored = client.get(url)
    return stored


def test_a_second_view_is_served_from_the_cache(
    client, member, registered, django_assert_max_num_queries
):
    first = warmed(client, member, detail(registered))
    with django_assert_max_num_queries(1):  # the freshness check, and nothing else
        again = client.get(detail(registered))
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in again
    assert registered.title.encode() in again.content


def test_a_change_through_a_service_is_shown_at_once(client, secretariat, registered):
    assert b"govuk-tag--red" not in warmed(client, secretariat, detail(registered)).content
    workflow.change_classification(
        submission_id=registered.pk, user=secretariat, classification="RED"
    )
    assert b"govuk-tag--red" in client.get(detail(registered)).content


def test_a_raised_classification_shuts_out_a_member_who_had_the_page(
    client, member, secretariat, registered
):
    warmed(client, member, detail(registered))
    workflow.change_classification(
        submission_id=registered.pk, user=secretariat, classification="RED"
    )
    assert client.get(detail(registered)).status_code == 404


def test_another_session_never_gets_a_stored_page(client, member, registered):
    warmed(client, member, detail(registered))
    outsider = UserFactory(email="eve@example.com", role=Role.PROPOSER)
    client.force_login(outsider)
    assert client.get(detail(registered)).status_code == 404


def test_a_deactivated_user_is_signed_out_despite_a_stored_page(client, member, registered):
    warmed(client, member, detail(registered))
    type(member).objects.filter(pk=member.pk).update(is_active=False)
    response = client.get(detail(registered))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_email_recorded_after_the_change_is_shown(client, secretariat, registered):
    warmed(client, secretariat, detail(registered))
    Notification.objects.create(
        submission=registered, event="x", recipient="late@example.com", subject="Late notice"
    )
    assert b"Late notice" in client.get(detail(registered)).content


def test_a_change_written_without_an_audit_entry_is_shown_at_once(client, secretariat, registered):
    warmed(client, secretariat, detail(registered))
    assert served_from_cache(client.get(detail(registered)))

    type(registered).objects.filter(pk=registered.pk).update(use_case_title="Renamed in bulk")

    response = client.get(detail(registered))
    assert not served_from_cache(response)
    assert b"Renamed in bulk" in response.content


def test_a_page_with_a_message_waiting_is_rendered_afresh(client, secretariat, registered):
    warmed(client, secretariat, detail(registered))
    refused = reverse("usecases:proposal-action", args=[registered.pk, "register"])
    response = client.get(refused, follow=True)
    assert response.redirect_chain[-1][0] == detail(registered)
    assert b"There is a problem" in response.content
    assert b"There is a problem" not in client.get(detail(registered)).content


def test_the_cache_can_be_turned_off(client, member, registered, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    warmed(client, member, detail(registered))
    assert not caches[CACHE_ALIAS]._cache  # noqa: SLF001 -- the locmem store itself


def test_a_browser_without_a_csrf_cookie_is_not_served_from_the_cache(client, member, registered):
    client.force_login(member)
    client.get(detail(registered))  # no CSRF cookie yet: the page sets one and is not kept
    assert not stored_pages()
    client.get(detail(registered))
    assert stored_pages()


def stored_pages() -> list[str]:
    """The pages in the locmem store itself (it also keeps figures, such as a member's seats)."""
    return [key for key in caches[CACHE_ALIAS]._cache if ":page:" in key]  # noqa: SLF001


def served_from_cache(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def test_a_session_ended_elsewhere_gets_no_stored_page(client, member, registered):
    warmed(client, member, detail(registered))
    Session.objects.filter(session_key=client.cookies["sessionid"].value).delete()
    response = client.get(detail(registered))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_changed_password_ends_the_stored_page_too(client, member, registered):
    warmed(client, member, detail(registered))
    member.set_password("a-new-passphrase-2026")
    member.save()
    assert client.get(detail(registered)).status_code == 302


def test_a_removed_second_factor_sends_the_member_back_to_it(client, member, registered, settings):
    settings.PORTAL_REQUIRE_2FA = True
    client.force_login(member)
    device = TOTPDevice.objects.create(user=member, name="Phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(detail(registered)).status_code == 200
    assert client.get(detail(registered)).status_code == 200
    assert served_from_cache(client.get(detail(registered)))
    device.delete()
    response = client.get(detail(registered))
    assert response.status_code == 302
    assert "two-factor" in response["Location"]


def test_a_session_due_for_renewal_goes_the_whole_way_and_is_renewed(
    client, member, registered, settings
):
    warmed(client, member, detail(registered))
    assert served_from_cache(client.get(detail(registered)))
    key = client.cookies["sessionid"].value
    nearly_idle = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 120)
    Session.objects.filter(session_key=key).update(expire_date=nearly_idle)
    response = client.get(detail(registered))
    assert response.status_code == 200 and not served_from_cache(response)
    assert Session.objects.get(session_key=key).expire_date > nearly_idle
    assert served_from_cache(client.get(detail(registered)))


def test_another_browser_of_the_same_session_is_not_served(client, member, registered):
    warmed(client, member, detail(registered))
    assert served_from_cache(client.get(detail(registered)))
    client.cookies["csrftoken"] = "x" * 32
    assert not served_from_cache(client.get(detail(registered)))


def test_a_message_waiting_in_its_cookie_is_not_hidden_by_a_stored_page(client, member, registered):
    warmed(client, member, detail(registered))
    assert served_from_cache(client.get(detail(registered)))
    client.cookies["messages"] = "anything"
    assert not served_from_cache(client.get(detail(registered)))


def test_a_new_day_renders_afresh(client, member, registered, monkeypatch):
    warmed(client, member, detail(registered))
    assert served_from_cache(client.get(detail(registered)))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert not served_from_cache(client.get(detail(registered)))


@pytest.mark.django_db
def test_a_count_of_a_question_with_no_possible_answer_is_nought():
    from triage_portal.perf.stamp import kept_count
    from usecases.models import Submission

    assert kept_count("test", Submission.objects.none()) == 0
    assert kept_count("test", Submission.objects.filter(pk__in=[])) == 0
