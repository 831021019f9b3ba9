"""Schemathesis, against the live OpenAPI schema served by the app: no 500s, and every
documented response conforms to the schema. It runs as a proposer with a token (the writes are
theirs) and covers every operation, with a bounded number of generated cases each."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.api_tokens import create_token
from triage_portal.accounts.enums import Role

# The schema as the running app serves it (fetched through the WSGI app, no database needed).
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def keep_the_test_connection():
    """Calls go straight into the WSGI app, so do what Django's test client does: keep the
    test's database connection (and its transaction) open across requests."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, settings, keep_the_test_connection):
    settings.ALLOWED_HOSTS = ["*"]
    office = UserFactory(role=Role.SECRETARIAT)
    proposer = UserFactory()
    for state in ("DRAFT", "SUBMITTED", "REGISTERED", "CLARIFICATION_REQUESTED"):
        proposal_in_state(state, proposer=proposer, secretariat=office)
    return create_token(user=proposer, name="schemathesis")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_honours_its_schema(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
