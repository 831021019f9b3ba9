"""The signed-in user is read with their organisation, which every page's header shows."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.people import UserFactory
from triage_portal.accounts.backends import PortalModelBackend, model_permissions

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


def test_a_page_reads_no_permission_tables_for_someone_the_rules_refuse(client):
    person = UserFactory()
    client.force_login(person)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/accounts/profile/")

    assert response.status_code == 200
    assert "Workspace" not in response.content.decode()  # the header's permission check: no
    assert not [q for q in queries if "auth_permission" in q["sql"]]


def test_permissions_kept_in_the_database_still_count():
    """The admin's permissions, and a rule that shares a name with one of them."""
    person = UserFactory()
    for codename in ("change_devicetype", "view_committee"):
        person.user_permissions.add(Permission.objects.get(codename=codename))
    person = PortalModelBackend().get_user(person.pk)

    assert person.has_perm("usecases.change_devicetype")
    assert person.has_perm("assessments.view_committee")
    assert not person.has_perm("usecases.view_workspace")
    assert "assessments.view_committee" in model_permissions()
    assert "usecases.view_workspace" not in model_permissions()


def test_the_rules_still_grant_what_they_grant(secretariat):
    assert secretariat.has_perm("usecases.view_workspace")
