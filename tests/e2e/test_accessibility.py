"""axe-core at WCAG 2.2 AA on every page of every role's journey, and 320 px without scrolling."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Meeting, PackJob, Paper
from assessments.services.ballots import open_ballot
from assessments.services.meetings import create_meeting
from tests.e2e.a11y import axe_violations, describe
from tests.factories.committee import ssc_with_members
from tests.factories.people import PASSWORD, UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User
from usecases.demo.load import DEMO_PASSWORD
from usecases.models import Submission
from usecases.presentation.journey import SECTIONS

pytestmark = pytest.mark.django_db(transaction=True)

ANONYMOUS = [
    "/",
    "/accounts/sign-in/",
    "/accounts/sign-up/",
    "/accounts/password-reset/",
    "/proposals/help/process/",
    "/proposals/registers/use-cases/",
    "/proposals/registers/sc-documents/",
    "/proposals/registers/proposals/",
]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--quiet")
    office = User.objects.get(email="secretariat@demo.example.com")
    eon = Submission.objects.filter(use_case_title__icontains="Vanilla").order_by("pk").first()
    draft = Submission.objects.filter(state="DRAFT").first()
    meeting = Meeting.objects.filter(committee__code="SSC", date__gte=timezone.localdate()).first()
    item = meeting.items.filter(kind="BUSINESS").first() or meeting.items.first()
    ballot = open_ballot(
        user=office,
        committee=meeting.committee,
        question="Does the SSC approve the DEMO item?",
        outcome_if_passed="NOTED",
        agenda_item=item,
        closes_at=timezone.now() + datetime.timedelta(days=3),
    )
    paper = Paper.objects.filter(agenda_item__meeting__committee__code="SSC").first()
    return {"eon": eon, "draft": draft, "meeting": meeting, "ballot": ballot, "paper": paper}


def journeys(demo) -> dict[str, list[str]]:
    eon, meeting, ballot = demo["eon"].pk, demo["meeting"].pk, demo["ballot"].pk
    return {
        "proposer@demo.example.com": [
            "/",
            "/proposals/",
            f"/proposals/{eon}/",
            "/proposals/new/",
            *(
                [f"/proposals/{demo['draft'].pk}/edit/{section.slug}/" for section in SECTIONS]
                + [f"/proposals/{demo['draft'].pk}/check/"]
                if demo["draft"]
                else []
            ),
            "/accounts/profile/",
        ],
        "secretariat@demo.example.com": [
            "/",
            "/proposals/workspace/",
            f"/proposals/{eon}/",
            f"/proposals/{eon}/classification/",
            "/committees/",
            f"/committees/meetings/{meeting}/",
            f"/committees/meetings/{meeting}/minutes/",
            f"/committees/papers/{demo['paper'].pk}/" if demo["paper"] else "/committees/",
            f"/committees/votes/{ballot}/",
            "/committees/decisions/",
            "/committees/actions/",
            "/accounts/committee-accounts/",
            "/admin/",
            "/admin/assessments/committee/",
        ],
        "member@demo.example.com": [
            "/",
            "/committees/next/",
            f"/committees/meetings/{meeting}/",
            f"/committees/votes/{ballot}/",
            f"/proposals/{eon}/",
        ],
        "chair@demo.example.com": ["/", f"/committees/votes/{ballot}/"],
        "observer@demo.example.com": ["/", f"/committees/meetings/{meeting}/"],
    }


def test_every_page_of_every_journey_has_no_wcag_22_aa_violations(portal, page, demo):
    found = []
    for url in ANONYMOUS:
        portal.go(url)
        found.append(describe(url, axe_violations(page)))
    for email, urls in journeys(demo).items():
        portal.sign_in(email, DEMO_PASSWORD)
        for url in urls:
            portal.go(url)
            assert "/accounts/sign-in/" not in page.url, f"{email} was sent to sign in from {url}"
            found.append(describe(url, axe_violations(page)))
            if url == "/":
                portal.shot(f"home-{email.split('@')[0]}")
            elif url == f"/proposals/{demo['eon'].pk}/":
                portal.shot(f"proposal-{email.split('@')[0]}")
        portal.sign_out()
    problems = "\n".join(line for line in found if line)
    assert problems == ""


def test_nothing_scrolls_sideways_at_400_percent_zoom_and_axe_still_passes(portal, page, demo):
    page.set_viewport_size({"width": 320, "height": 640})
    wide = []
    checks = [(None, url) for url in ANONYMOUS]
    for email, urls in journeys(demo).items():
        checks += [(email, url) for url in urls if not url.startswith("/admin/")]
    signed_in = None
    for email, url in checks:
        if email != signed_in:
            if signed_in:
                page.set_viewport_size({"width": 1280, "height": 900})
                portal.sign_out()
                page.set_viewport_size({"width": 320, "height": 640})
            if email:
                portal.sign_in(email, DEMO_PASSWORD)
            signed_in = email
        portal.go(url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if url == "/" or url.startswith(("/proposals/registers/", "/committees/votes/")):
            portal.shot(
                f"narrow-{(email or 'anonymous').split('@')[0]}-{url.strip('/').replace('/', '-') or 'home'}"
            )
        if width > 320:
            wide.append(f"{url} ({email or 'anonymous'}): {width}px")
        problems = describe(url, axe_violations(page))  # axe again, on the narrow layout
        if problems:
            wide.append(problems)
    assert wide == [], "\n".join(wide)


def test_the_axe_check_itself_finds_a_known_violation(page):
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>x</h1>'
        '<img src="data:image/png;base64,iVBORw0KGgo="><a href="#"></a></main></body></html>'
    )

    ids = {v["id"] for v in axe_violations(page)}

    assert {"image-alt", "link-name"} <= ids


def test_pack_page_shows_progress_and_turns_ready_by_itself(portal, page):
    office = UserFactory(role=Role.SECRETARIAT)
    ssc, chair, members = ssc_with_members(2)
    meeting = create_meeting(
        user=office, committee=ssc, number=95, date=timezone.localdate() + datetime.timedelta(20)
    )
    member = members[0].person
    job = PackJob.objects.create(meeting=meeting, requested_by=member)

    portal.sign_in(member.email, PASSWORD)
    portal.go(f"/committees/packs/{job.pk}/")
    assert "updates by itself" in page.locator("[data-pack-hint]").inner_text()  # JS took over
    assert describe(page.url, axe_violations(page)) == ""

    PackJob.objects.filter(pk=job.pk).update(status=PackJob.Status.RUNNING)
    page.locator("[data-pack-label]", has_text="rendering").wait_for(timeout=6000)
    portal.shot("pack-rendering")
    PackJob.objects.filter(pk=job.pk).update(status=PackJob.Status.DONE, pages=14)
    page.locator(".govuk-panel__title", has_text="Your pack is ready").wait_for(timeout=6000)
    assert "14 pages" in page.locator(".govuk-panel__body").inner_text()
    assert describe(page.url, axe_violations(page)) == ""
    portal.shot("pack-ready")
