"""Reading a page changes nothing: every page of the demo data, opened by GET as each role,
leaves every table as it was, except the registers named below (docs/security.md says why).

The pages are found by following the links each role is shown, from the home page and every
URL that takes no argument; the tables are every model the change stamp watches, plus the
stamp itself.
"""

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from triage_portal.audit.models import ActivityLog
from triage_portal.perf.models import ChangeStamp
from triage_portal.perf.triggers import watched_models

pytestmark = pytest.mark.django_db(transaction=False)

# Records that are part of serving a response, not a change of state (docs/security.md,
# "Reading is not writing"): the register of issued documents, so that a signed copy handed to
# a reader can be checked later; the audit entry (and its chain head) naming who took an AMBER
# or RED paper; and the one pending authenticator whose secret the set-up page shows.
REGISTERS = {
    "assessments.IssuedDocument",
    "audit.ActivityLog",
    "audit.ChainHead",
    "otp_totp.TOTPDevice",
}
REGISTER_ENTRIES = {"assessments.paper.downloaded"}
PAGES_PER_VIEW = 3  # distinct URLs of one view; more only repeat the same code path
HREF = re.compile(r'href="([^"#]+)')


def snapshot() -> dict[str, tuple]:
    """Return each watched table's rows, as text, by model label."""
    tables = {
        model._meta.label: tuple(
            repr(row) for row in model._base_manager.order_by("pk").values_list()
        )
        for model in watched_models()
        if model._meta.pk is not None
        and model._meta.pk.name in {f.name for f in model._meta.fields}
    }
    tables["perf.ChangeStamp"] = tuple(ChangeStamp.objects.values_list())
    return tables


def starting_points() -> list[str]:
    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if not str(entry.pattern).startswith("admin/"):
                    yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and "<" not in str(entry.pattern):
                route = prefix + str(entry.pattern)
                if not route.startswith("^") and "^" not in route:
                    yield "/" + route

    return ["/", *sorted(set(walk(get_resolver().url_patterns, "")))]


def crawl(client) -> list[str]:
    """GET every page reachable by links from the starting points; return the paths opened."""
    queue, seen, per_view, opened = starting_points(), set(), Counter(), []
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            view = resolve(path).view_name
        except Resolver404:
            continue
        if view in {"accounts:logout"} or per_view[view] >= PAGES_PER_VIEW:
            continue
        per_view[view] += 1
        response = client.get(path)
        opened.append(path)
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            for href in HREF.findall(response.content.decode()):
                target = urlsplit(urljoin(path, href.replace("&amp;", "&")))
                if not target.netloc or target.netloc == "testserver":
                    queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return opened


def people():
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    by_role = {}
    for user in users:
        by_role.setdefault(user.role, user)
    return {"anonymous": None, **by_role}


def test_no_page_of_the_demo_writes_when_read_by_any_role():
    call_command("seed_demo", "--quiet")
    changed = {}
    opened = 0
    for role, user in people().items():
        client = Client()
        if user is not None:
            client.force_login(user)
        client.get("/")  # the session's first save is the sign-in's, not a page's
        before = snapshot()
        log_before = ActivityLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        opened += len(crawl(client))
        after = snapshot()
        tables = {label for label in before if before[label] != after[label]}
        entries = set(
            ActivityLog.objects.filter(pk__gt=log_before).values_list("action", flat=True)
        )
        unexplained = tables - REGISTERS - {"perf.ChangeStamp"}
        if (
            unexplained
            or entries - REGISTER_ENTRIES
            or ("perf.ChangeStamp" in tables and not tables & REGISTERS)
        ):
            changed[role] = (sorted(tables), sorted(entries))
    assert opened > 100
    assert changed == {}
