"""Every URL refuses a POST without a CSRF token, so no state can change by a forged request."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.triage_portal.test_access_matrix import drf_route

pytestmark = pytest.mark.django_db

SAMPLE = {
    "int": "1",
    "slug": "titles",
    "str": "token",
    "uidb64": "MQ",
    "token": "token",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def every_url(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue
            yield from every_url(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            route = prefix + drf_route(str(entry.pattern))
            if "format>" in route:  # REST framework's .json suffix variants
                continue
            for converter, value in SAMPLE.items():
                route = re.sub(rf"<{converter}:\w+>", value, route)
            route = re.sub(r"<\w+>", "x", route)
            yield "/" + route


def test_post_without_csrf_token_is_refused_everywhere(secretariat):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)

    urls = sorted(set(every_url()))
    statuses = {url: client.post(url, {"action": "continue"}).status_code for url in urls}

    assert len(urls) > 40
    assert {url: code for url, code in statuses.items() if code != 403} == {}
