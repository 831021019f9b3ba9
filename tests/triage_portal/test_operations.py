"""Health endpoints, one JSON log line per request, and the request id."""

import json
import logging

import pytest
from django.db import connection
from django.db.utils import OperationalError

from triage_portal import health
from triage_portal.observability import JsonFormatter

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_a_session(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_database_migrations_and_tasks(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "tasks": "ok"}


def test_readyz_is_503_with_the_reason_when_the_database_fails(client, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused\nis the server running?")

    monkeypatch.setattr(health, "migrations_applied", False)
    monkeypatch.setattr(connection, "cursor", refused)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "database": "OperationalError: connection refused",
            "migrations": "OperationalError: connection refused",
            "tasks": "ok",
        },
    }


def test_readyz_checks_the_database_task_backend(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    assert client.get("/readyz").json()["checks"]["tasks"] == "ok"


def test_readyz_is_503_when_a_migration_is_waiting(client, monkeypatch):
    monkeypatch.setattr(health, "migrations_applied", False)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = %s AND name = %s",
            ["assessments", "0006_decision_newest_first"],
        )

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 migration(s) not applied"


def test_each_request_logs_one_json_line_with_ids_but_no_names(client, proposer, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client.force_login(proposer)

    response = client.get("/proposals/?secret=query", HTTP_X_REQUEST_ID="abc12345-trace")

    records = [r for r in caplog.records if r.name == "portal.requests"]
    assert len(records) == 1
    line = json.loads(JsonFormatter().format(records[0]))
    assert line | {"time": None, "duration_ms": None} == {
        "time": None,
        "level": "INFO",
        "logger": "portal.requests",
        "message": "request",
        "request_id": "abc12345-trace",
        "user_id": proposer.pk,
        "method": "GET",
        "path": "/proposals/",
        "status": 200,
        "duration_ms": None,
    }
    assert response["X-Request-ID"] == "abc12345-trace"
    assert proposer.email not in json.dumps(line)


def test_a_strange_request_id_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_sentry_is_optional_and_its_absence_is_explained(settings):
    from django.core.exceptions import ImproperlyConfigured

    from triage_portal.observability import start_sentry

    settings.SENTRY_DSN = ""
    start_sentry()  # nothing to do
    settings.SENTRY_DSN = "https://key@sentry.example/1"
    try:
        import sentry_sdk  # noqa: F401
    except ImportError:
        with pytest.raises(ImproperlyConfigured, match="pip install sentry-sdk"):
            start_sentry()
