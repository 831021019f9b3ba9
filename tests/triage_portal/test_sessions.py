"""Sessions renew their idle expiry at most once a minute, and never lose a change."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.factories.people import UserFactory
from triage_portal.sessions import RENEW_AFTER, SessionStore

pytestmark = pytest.mark.django_db


def stored_expiry(client: Client) -> datetime.datetime:
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_a_page_view_within_the_minute_writes_nothing():
    client = Client()
    client.force_login(UserFactory())
    client.get("/proposals/")
    before = stored_expiry(client)

    response = client.get("/proposals/")

    assert response.status_code == 200
    assert stored_expiry(client) == before


def test_a_page_view_after_the_minute_renews_the_expiry():
    client = Client()
    client.force_login(UserFactory())
    key = client.cookies["sessionid"].value
    old = timezone.now() + datetime.timedelta(hours=1)
    Session.objects.filter(session_key=key).update(expire_date=old)

    client.get("/proposals/")

    assert stored_expiry(client) > old + datetime.timedelta(minutes=59)


def test_a_changed_session_is_saved_at_once():
    session = SessionStore()
    session["step"] = 1
    session.create()
    again = SessionStore(session.session_key)
    again["step"] = 2

    again.save()

    assert SessionStore(session.session_key)["step"] == 2


def test_renewal_stays_well_inside_the_idle_timeout(settings):
    assert RENEW_AFTER <= datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE) / 60
    assert settings.SESSION_ENGINE == "triage_portal.sessions"
