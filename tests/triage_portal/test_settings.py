import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL_AUDIT_KEYS = "2026a:" + base64.b64encode(bytes(range(7, 39))).decode()


@pytest.fixture(scope="module")
def signing_env() -> dict:
    """A production signing key and certificate, given as PEM text in the environment."""
    from triage_portal.signing import make_self_signed

    key_pem, cert_pem = make_self_signed("SSC Triage Portal (test production key)")
    return {"PORTAL_SIGNING_KEY": key_pem.decode(), "PORTAL_SIGNING_CERT": cert_pem.decode()}


def load_settings(**env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_ENV", "DATABASE_URL", "AUDIT_HMAC_KEYS"}
        and not k.startswith("PORTAL_SIGNING_")
    }
    return subprocess.run(  # noqa: S603 -- runs this interpreter on a fixed snippet
        [
            sys.executable,
            "-c",
            "import triage_portal.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_development_defaults_use_sqlite_and_debug():
    result = load_settings(PORTAL_VAR_DIR=str(ROOT / "var"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


@pytest.mark.parametrize(
    "key", ["", "short", "development-only-insecure-key-do-not-use-in-production"]
)
def test_production_refuses_to_start_without_real_secret_key(key):
    result = load_settings(DJANGO_ENV="production", SECRET_KEY=key)

    assert result.returncode != 0
    assert "Production mode needs a real SECRET_KEY" in result.stderr


def test_production_starts_with_real_key_and_postgres_url(signing_env):
    result = load_settings(
        DJANGO_ENV="production",
        SECRET_KEY="k7V2pQ9xL4mN8rT1wY6zB3cF5hJ0dG2sA9eU4iO7pK1lM6nB8vC3xZ5qW2eR4tY",
        DATABASE_URL="postgres://user@db.example:5432/portal",
        AUDIT_HMAC_KEYS=REAL_AUDIT_KEYS,
        **signing_env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("", "Production mode needs AUDIT_HMAC_KEYS"),
        (
            "dev:"
            + base64.b64encode(b"development-only-audit-key-do-not-use-in-production").decode(),
            "AUDIT_HMAC_KEYS: 'dev' is the development key",
        ),
        ("short:" + base64.b64encode(b"0123456789").decode(), "must be at least 32 random bytes"),
        ("2026a:not base64!", "the key '2026a' is not base64"),
        ("no-colon", "must be 'key id:base64 key' pairs"),
    ],
)
def test_production_refuses_to_start_without_a_real_audit_key(keys, message):
    result = load_settings(
        DJANGO_ENV="production",
        SECRET_KEY="k7V2pQ9xL4mN8rT1wY6zB3cF5hJ0dG2sA9eU4iO7pK1lM6nB8vC3xZ5qW2eR4tY",
        DATABASE_URL="postgres://user@db.example:5432/portal",
        AUDIT_HMAC_KEYS=keys,
    )

    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize("given", ["nothing", "a key without its certificate"])
def test_production_refuses_to_start_without_a_signing_key(signing_env, given):
    partial = (
        {} if given == "nothing" else {"PORTAL_SIGNING_KEY": signing_env["PORTAL_SIGNING_KEY"]}
    )
    result = load_settings(
        DJANGO_ENV="production",
        SECRET_KEY="k7V2pQ9xL4mN8rT1wY6zB3cF5hJ0dG2sA9eU4iO7pK1lM6nB8vC3xZ5qW2eR4tY",
        DATABASE_URL="postgres://user@db.example:5432/portal",
        AUDIT_HMAC_KEYS=REAL_AUDIT_KEYS,
        **partial,
    )

    assert result.returncode != 0
    assert "Production mode needs the portal's signing key" in result.stderr


def test_the_current_audit_key_must_be_one_of_the_keys():
    result = load_settings(AUDIT_HMAC_KEYS=REAL_AUDIT_KEYS, AUDIT_HMAC_CURRENT_KID="2027a")

    assert "AUDIT_HMAC_CURRENT_KID '2027a' is not one of the key ids" in result.stderr


def test_bad_boolean_is_refused():
    result = load_settings(DJANGO_DEBUG="maybe")

    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_postgres_connections_are_persistent(settings):
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("runs against PostgreSQL in CI (DATABASE_URL)")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 600


def test_production_settings_pass_check_deploy_with_no_warnings(signing_env):
    skip = {"SECRET_KEY", "DJANGO_ENV", "DATABASE_URL", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    env = {
        **clean,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "k7V2pQ9xL4mN8rT1wY6zB3cF5hJ0dG2sA9eU4iO7pK1lM6nB8vC3xZ5qW2eR4tY",
        "ALLOWED_HOSTS": "portal.example.org",
        "PORTAL_VAR_DIR": str(ROOT / "var"),
        "AUDIT_HMAC_KEYS": REAL_AUDIT_KEYS,
        **signing_env,
    }

    result = subprocess.run(  # noqa: S603 -- this interpreter, fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_drop_two_factor_sign_in():
    result = load_settings(
        DJANGO_ENV="production",
        SECRET_KEY="k7V2pQ9xL4mN8rT1wY6zB3cF5hJ0dG2sA9eU4iO7pK1lM6nB8vC3xZ5qW2eR4tY",
        PORTAL_REQUIRE_2FA="false",
    )

    assert result.returncode != 0
    assert "PORTAL_REQUIRE_2FA cannot be turned off in production" in result.stderr


def test_production_refuses_debug():
    result = load_settings(
        DJANGO_ENV="production",
        SECRET_KEY="k7V2pQ9xL4mN8rT1wY6zB3cF5hJ0dG2sA9eU4iO7pK1lM6nB8vC3xZ5qW2eR4tY",
        DATABASE_URL="postgres://user@db.example:5432/portal",
        DJANGO_DEBUG="true",
    )

    assert result.returncode != 0
    assert "DJANGO_DEBUG cannot be true in production" in result.stderr


def test_sqlite_waits_for_a_writer_instead_of_failing_at_once():
    if os.environ.get("DATABASE_URL"):
        pytest.skip("the SQLite settings apply without DATABASE_URL")
    from django.conf import settings

    assert settings.DATABASES["default"]["OPTIONS"]["timeout"] == 20


def test_serve_refuses_to_run_production_on_sqlite(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_ENV"}
    }
    result = subprocess.run(  # noqa: S603 -- bash on the project's own script
        ["bash", str(ROOT / "scripts" / "serve")],
        env={
            **env,
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
            "SECRET_KEY": "k7V2pQ9xL4mN8rT1wY6zB3cF5hJ0dG2sA9eU4iO7pK1lM6nB8vC3xZ5qW2eR4tY",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )

    assert result.returncode == 2
    assert "DATABASE_URL  must be PostgreSQL" in result.stderr
