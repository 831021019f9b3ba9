import os

import pytest

from tests.factories.people import SecPartyFactory, UserFactory
from triage_portal.accounts.enums import Role

# Django's live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def _signing_dir(tmp_path_factory):
    """One demo signing key for the whole run, outside the working tree."""
    return tmp_path_factory.mktemp("signing")


@pytest.fixture(autouse=True)
def _isolated_storage_and_fast_hashing(settings, tmp_path, _signing_dir):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_SIGNING_DIR = _signing_dir
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PORTAL_BASE_URL = "http://testserver"
    # Most tests sign people in with force_login; tests/accounts/test_two_factor.py and the
    # browser tests switch the two-factor requirement back on and go through it.
    settings.PORTAL_REQUIRE_2FA = False
    settings.PORTAL_DEMO_AUTHENTICATORS = False


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test's database starts again from the same change stamp: nothing kept carries over."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture
def proposer(db):
    return UserFactory(full_name="Ann Proposer", email="ann@example.com")


@pytest.fixture
def other_proposer(db):
    return UserFactory(full_name="Bob Other", email="bob@example.com")


@pytest.fixture
def secretariat(db):
    return UserFactory(full_name="Sue Secretariat", role=Role.SECRETARIAT)


def seated(user):
    """Give the user a current, vetted seat on a committee, as a real member has."""
    from assessments.models import Committee
    from tests.factories.committee import seat_member

    committee, _ = Committee.objects.get_or_create(
        code="SSC", defaults={"name": "SSC committee", "paper_ref_prefix": "SSC"}
    )
    seat_member(
        committee, "MEMBER" if user.role != Role.OBSERVER else "OBSERVER_NCSC", user.pk, user=user
    )
    return user


@pytest.fixture
def member(db):
    return seated(UserFactory(full_name="Mo Member", role=Role.SSC_MEMBER))


@pytest.fixture
def sec_party(db):
    return SecPartyFactory(name="E.ON Energy Solutions Limited")
