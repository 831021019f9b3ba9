"""The API's root lists the routes both apps registered (the registers have no list of their own)."""

import pytest
from django.test import Client

from triage_portal.accounts.api_tokens import create_token

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_every_apps_routes(proposer):
    client = Client(HTTP_AUTHORIZATION=f"Token {create_token(user=proposer, name='test')}")

    response = client.get("/api/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert sorted(response.json()) == ["decisions", "meetings", "papers", "submissions"]
