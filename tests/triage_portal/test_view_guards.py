"""Every view that is not public is guarded: sign-in, and the permission its action needs.

The expectations below are written from the URL list (what each page is for), not read from
the views: a new URL fails here until it is listed as public or its guard is checked.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Pages anyone may open without signing in (each for a stated reason).
PUBLIC = {
    # Signing in, signing up and resetting a password happen before one is signed in.
    "accounts:login",
    "accounts:logout",
    "accounts:signed-out",
    "accounts:signup",
    "accounts:signup-done",
    "accounts:confirm-email",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    # The home page, the process help and the public registers are for everyone.
    "home",
    "usecases:help-process",
    "usecases:register-proposals",
    "usecases:register-use-cases",
    "usecases:register-sc-documents",
    "api:register-proposals",
    "api:register-use-cases",
    "api:docs",
    "api:schema",
    # Anyone holding a printed copy may check it.
    "document-check",
    # The supporter's signed link and a member's calendar address carry their own token.
    "usecases:support-respond",
    "usecases:support-attachment",
    "assessments:calendar-feed",
    # Load balancer probes.
    "healthz",
    "readyz",
}

# Pages for one job: the permission that job needs (the same string as its button and service).
PERMISSION = {
    "usecases:workspace": "usecases.view_workspace",
    "usecases:workspace-csv": "usecases.view_workspace",
    "usecases:register-csv": "usecases.view_workspace",
    "usecases:supporter-addresses": "usecases.verify_supporter_address",
    "usecases:supporter-answer": "usecases.verify_supporter_address",
    "usecases:proposal-section": "usecases.edit_proposal",
    "usecases:proposal-check": "usecases.edit_proposal",
    "usecases:proposal-tasks": "usecases.edit_proposal",
    "usecases:proposal-delete": "usecases.delete_draft",
    "usecases:clarification-answer": "usecases.answer_clarification",
    "usecases:referral-create": "usecases.manage_referrals",
    "usecases:referral-outcome": "usecases.manage_referrals",
    "usecases:ncsc-advice": "usecases.record_ncsc_advice",
    "usecases:classification-change": "usecases.set_classification",
    "assessments:roster": "assessments.manage_roster",
    "assessments:roster-appoint": "assessments.manage_roster",
    "assessments:roster-renew": "assessments.manage_roster",
    "assessments:roster-vetting": "assessments.manage_roster",
    "assessments:roster-alternate": "assessments.manage_roster",
    "assessments:meeting-create": "assessments.manage_meetings",
    "assessments:meeting-edit": "assessments.manage_meetings",
    "assessments:meeting-cancel": "assessments.manage_meetings",
    "assessments:meeting-attendance": "assessments.manage_meetings",
    "assessments:item-move": "assessments.manage_meetings",
    "assessments:item-move-meeting": "assessments.manage_meetings",
    "assessments:paper-new": "assessments.manage_meetings",
    "assessments:proposal-schedule": "assessments.manage_meetings",
    "assessments:referral-agenda": "assessments.manage_meetings",
    "assessments:item-invitations": "assessments.invite_to_item",
    "assessments:minutes-item": "assessments.manage_minutes",
    "assessments:paper-edit": "assessments.issue_paper",
    "assessments:paper-issue": "assessments.issue_paper",
    "assessments:pack-issue": "assessments.issue_paper",
    "assessments:paper-approve-late": "assessments.approve_late_paper",
    "assessments:ballot-open": "assessments.run_ballot",
    "assessments:ballot-close": "assessments.run_ballot",
    "assessments:decision-record": "assessments.record_decision",
    "assessments:declaration-rule": "assessments.rule_conflict",
    "assessments:vote-strike": "assessments.strike_vote",
    "failed-tasks": "tasks.rerun_task",
    "task-run-again": "tasks.rerun_task",
}

FILL = {"int": "1", "uuid": str(uuid.UUID(int=1)), "str": "x", "slug": "x", "path": "x"}


def routes():
    """Yield (name, path, view) for every URL outside the admin, placeholders filled."""

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if str(entry.pattern).startswith("admin/"):
                    continue
                yield from walk(
                    entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace
                )
            elif isinstance(entry, URLPattern):
                route = str(entry.pattern)
                if route.startswith("^"):  # a REST framework router's regex
                    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route[1:].removesuffix("$"))
                if "format" in route:  # the same view again, as .json
                    continue
                path = re.sub(
                    r"<(?:(\w+):)?\w+>", lambda m: FILL[m[1] or "str"], prefix + route
                ).replace("\\.", ".")
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield name, "/" + path, entry.callback

    return list(walk(get_resolver().url_patterns, "", ""))


def test_the_lists_name_only_urls_that_exist():
    names = {name for name, _, _ in routes()}
    assert PUBLIC - names == set()
    assert set(PERMISSION) - names == set()


def test_every_page_that_is_not_public_asks_a_visitor_to_sign_in():
    unguarded = []
    client = Client()
    for name, path, _ in routes():
        if name in PUBLIC:
            continue
        response = client.get(path)
        if name.startswith("api:"):
            # The API answers a visitor with 401 and no redirect.
            if response.status_code != 401:
                unguarded.append((name, path, response.status_code))
        elif response.status_code != 302 or not response["Location"].startswith(
            "/accounts/sign-in/?next="
        ):
            unguarded.append((name, path, response.status_code))
    assert unguarded == []


def test_each_job_page_is_guarded_by_the_permission_of_its_job():
    guards = {
        name: getattr(view, "permission_needed", None)
        for name, _, view in routes()
        if name in PERMISSION
    }
    assert guards == PERMISSION


def test_a_signed_in_user_without_the_permission_gets_not_found(proposer):
    client = Client()
    client.force_login(proposer)
    answered = {}
    for name, path, _ in routes():
        if (
            name in PERMISSION
            and not PERMISSION[name].startswith("usecases.")
            or name
            in {
                "usecases:workspace",
                "usecases:workspace-csv",
                "usecases:register-csv",
                "usecases:supporter-addresses",
            }
        ):
            answered[name] = client.get(path).status_code
    assert set(answered.values()) == {404}
