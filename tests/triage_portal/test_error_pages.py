"""Error pages are clear pages in the portal's own words, never Django's bare ones."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
def test_an_unknown_address_is_a_clear_page_not_found(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.text
    assert "SSC Triage Portal" in response.text


def test_a_server_error_page_needs_no_database():
    # No django_db mark: any query here raises.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "Server Error (500)" not in response.content.decode()
