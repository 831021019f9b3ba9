"""A whole SSC meeting item in the browser: schedule, issue, declare, recuse, vote, decide."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.enums import AttendanceStatus
from assessments.models import Decision, Meeting
from assessments.services.meetings import create_meeting, record_attendance
from tests.e2e.proposal_page import act
from tests.factories.committee import ssc_with_members
from tests.factories.people import PASSWORD, UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from usecases.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)


def vote(portal, page, person, ballot_url, choice):
    portal.sign_in(person.email, PASSWORD)
    page.goto(ballot_url)
    page.check(f"label:has-text('{choice}')")
    page.click("main button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("Check your vote")
    page.click("main button:has-text('Cast my vote')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Vote cast")
    portal.shot(f"receipt-{person.full_name.split()[0].lower()}")
    portal.sign_out()


def test_schedule_issue_recuse_vote_and_decide(portal, page):
    office = UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com")
    ssc, chair, members = ssc_with_members(4)
    eon_member = members[0].person
    eon_member.organisation = proposer.organisation
    eon_member.full_name = "Jordan Eon"
    eon_member.save(update_fields=["organisation", "full_name"])
    meeting = create_meeting(
        user=office,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    for membership in [chair, *members]:
        record_attendance(
            user=office, meeting=meeting, person=membership.person, status=AttendanceStatus.PRESENT
        )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=office)

    portal.sign_in("sam@example.com", PASSWORD)
    portal.go(f"/proposals/{submission.pk}/")
    act(page, "Put on a meeting agenda")
    portal.shot("schedule")
    page.click("main button:has-text('Put on the agenda')")
    portal.shot("draft-paper")
    page.click("main button:has-text('Issue the paper')")
    reference = f"SSC_95_{meeting.date:%d%m}_03"
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"The paper is issued as {reference}"
    )
    portal.shot("issued-paper")
    portal.go(f"/committees/meetings/{meeting.pk}/")
    portal.shot("agenda")
    page.click("a:has-text('Put a question to the vote')")
    page.check("label:has-text('Progress to assessment')")
    page.click("main button:has-text('Open the vote')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The vote is open.")
    ballot_url = page.url
    portal.sign_out()
    # The day of the meeting comes: its votes are cast on or after its date.
    Meeting.objects.filter(pk=meeting.pk).update(date=timezone.localdate())

    portal.sign_in(eon_member.email, PASSWORD)
    page.goto(ballot_url)
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "Your organisation proposed or supports this item"
    )
    portal.shot("declaration-prompt")
    page.check("label:has-text('Yes')")
    page.fill("#id_nature", "Employed by E.ON, the proposer")
    page.click("main button:has-text('Send declaration')")
    expect(page.locator("main")).to_contain_text("The Chair will rule whether you may vote")
    portal.sign_out()

    portal.sign_in(chair.person.email, PASSWORD)
    page.goto(ballot_url)
    page.click("button:has-text('Exclude')")
    expect(page.locator("#quorum")).to_contain_text("Quorate")
    portal.shot("chair-view")
    portal.sign_out()

    vote(portal, page, members[1].person, ballot_url, "For")
    vote(portal, page, members[2].person, ballot_url, "For")
    vote(portal, page, members[3].person, ballot_url, "Against")

    portal.sign_in(chair.person.email, PASSWORD)
    page.goto(ballot_url)
    expect(page.locator("#quorum")).to_contain_text("3 of 3 eligible members present; 2 needed")
    page.click("main button:has-text('Close the vote and record the decision')")
    expect(page.locator(".govuk-panel__title")).to_have_text("SSC95/D01: passed")
    portal.shot("decision")

    decision = Decision.objects.get()
    assert (decision.snapshot["for_count"], decision.snapshot["against_count"]) == (2, 1)
    assert len(decision.snapshot["recused_ids"]) == 1
    assert Submission.objects.get(pk=submission.pk).state == "UNDER_ASSESSMENT"


def test_vote_by_correspondence_and_minutes_approved_in_the_browser(portal, page):
    office = UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com")
    ssc, chair, members = ssc_with_members(4)
    today = timezone.localdate()
    meeting = create_meeting(
        user=office, committee=ssc, number=95, date=today + datetime.timedelta(days=20)
    )
    later = create_meeting(
        user=office, committee=ssc, number=96, date=today + datetime.timedelta(days=34)
    )
    for membership in [chair, *members]:
        record_attendance(
            user=office, meeting=meeting, person=membership.person, status=AttendanceStatus.PRESENT
        )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=office)

    portal.sign_in("sam@example.com", PASSWORD)
    portal.go(f"/proposals/{submission.pk}/")
    act(page, "Put on a meeting agenda")
    page.click("main button:has-text('Put on the agenda')")
    portal.go(f"/committees/meetings/{meeting.pk}/")
    page.click("a:has-text('Put a question to the vote')")
    page.check("label:has-text('Progress to assessment')")
    page.check("label:has-text('Vote by correspondence')")
    page.fill("#id_closes_on", (today + datetime.timedelta(days=7)).strftime("%d %m %Y"))
    portal.shot("open-correspondence-vote")
    page.click("main button:has-text('Open the vote')")
    ballot_url = page.url
    portal.sign_out()

    for membership in members[1:4]:
        vote(portal, page, membership.person, ballot_url, "For")

    portal.sign_in(chair.person.email, PASSWORD)
    page.goto(ballot_url)
    expect(page.locator("#quorum")).to_contain_text(
        "Votes received: 3 of 4 eligible voting members"
    )
    page.click("main button:has-text('Close the vote and record the decision')")
    # Before its deadline, with a member yet to vote, closing asks first and says who.
    expect(page.locator("h1")).to_have_text("Close the vote before everyone has voted?")
    expect(page.locator("#yet-to-vote")).to_contain_text(members[0].person.full_name)
    expect(page.locator("main")).to_contain_text("at least 3 of 4")
    portal.shot("close-early-warning")
    page.click("main button:has-text('Close the vote now')")
    # No meeting has taken place yet, so the decision has a by-correspondence reference.
    reference = f"SSC-C{today.year}/D01"
    expect(page.locator(".govuk-panel__title")).to_have_text(f"{reference}: passed")
    portal.shot("correspondence-decision")
    portal.sign_out()
    assert Submission.objects.get(pk=submission.pk).state == "UNDER_ASSESSMENT"

    portal.sign_in("sam@example.com", PASSWORD)
    portal.go(f"/committees/meetings/{meeting.pk}/minutes/")
    page.click("main button:has-text('Start the minutes')")
    expect(page.locator("main")).to_contain_text(reference)
    page.fill("#id_body", "The Chair thanked members.")
    page.click("main button:has-text('Save notes')")
    # Minutes are approved at a later meeting, on or after its date: both meetings have now passed.
    Meeting.objects.filter(pk=meeting.pk).update(date=today - datetime.timedelta(days=14))
    Meeting.objects.filter(pk=later.pk).update(date=today)
    later.refresh_from_db()
    portal.go(f"/committees/meetings/{meeting.pk}/minutes/")
    page.select_option("#at_meeting", label=str(later))
    page.click("main button:has-text('Record approval')")
    expect(page.locator("main")).to_contain_text("Approved")
    portal.shot("minutes-approved")
    minutes = meeting.minutes.__class__.objects.get(meeting=meeting)
    assert minutes.approved_at_meeting == later
    assert "The Chair thanked members." in minutes.body
