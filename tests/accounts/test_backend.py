"""The signed-in user is read with their organisation, which every page's header shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.people import UserFactory
from triage_portal.accounts.backends import PortalModelBackend

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_organisation(django_assert_num_queries):
    person = UserFactory()

    with django_assert_num_queries(1):
        user = PortalModelBackend().get_user(person.pk)
        assert user.organisation.name == person.organisation.name


def test_an_inactive_or_unknown_user_is_nobody():
    inactive = UserFactory(is_active=False)

    assert PortalModelBackend().get_user(inactive.pk) is None
    assert PortalModelBackend().get_user(inactive.pk + 1000) is None


def test_a_page_header_costs_no_query_for_the_organisation(client):
    person = UserFactory()
    client.force_login(person)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/accounts/profile/")

    assert person.organisation.name in response.content.decode()
    assert not [q for q in queries if q["sql"].startswith('SELECT "accounts_organisation"')]
