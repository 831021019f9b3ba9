"""The secretariat sends the pack; the Chair sees a tie's tally, then gives the casting vote."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from assessments.enums import AttendanceStatus
from assessments.models import Decision
from assessments.services.ballots import open_ballot
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.e2e.test_meeting import vote
from tests.factories.committee import ssc_with_members
from tests.factories.people import PASSWORD, UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_pack_sent_then_a_tie_settled_by_the_chairs_casting_vote(portal, page):
    office = UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com")
    ssc, chair, members = ssc_with_members(4)
    # Today: the meeting's papers go out now, and its votes may be cast today.
    meeting = create_meeting(user=office, committee=ssc, number=95, date=timezone.localdate())
    for membership in [chair, *members]:
        record_attendance(
            user=office, meeting=meeting, person=membership.person, status=AttendanceStatus.PRESENT
        )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=office)
    paper = schedule_on_meeting(submission_id=submission.pk, user=office)
    issue_paper(paper_id=paper.pk, user=office, confirm_late=True)
    mail.outbox.clear()

    portal.sign_in("sam@example.com", PASSWORD)
    portal.go(f"/committees/meetings/{meeting.pk}/")
    page.click("main button:has-text('Send the issued papers to members now')")
    expect(page.locator("main")).to_contain_text("The issued papers were sent to members on")
    portal.shot("pack-sent")
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted(m.person.email for m in [chair, *members])
    portal.sign_out()

    ballot = open_ballot(
        user=office,
        committee=ssc,
        question="Progress the Use Case to assessment?",
        outcome_if_passed="PROGRESS",
        agenda_item=paper.agenda_item,
    )
    ballot_url = f"{portal.url}/committees/votes/{ballot.pk}/"
    vote(portal, page, members[0].person, ballot_url, "For")
    vote(portal, page, members[1].person, ballot_url, "Against")
    vote(portal, page, members[2].person, ballot_url, "Abstain")
    vote(portal, page, members[3].person, ballot_url, "Abstain")

    portal.sign_in(chair.person.email, PASSWORD)
    page.goto(ballot_url)
    page.click("main button:has-text('Close the vote and record the decision')")
    # The tally first; the casting vote is asked for only now, and only because of the tie.
    expect(page.locator("#tie")).to_contain_text("The vote is tied. For 1 · Against 1 · Abstain 2")
    # Expected, not an error: the banner says what to do next.
    expect(page.locator(".govuk-notification-banner__title")).to_have_text("Important")
    portal.shot("tie")
    page.check("label:has-text('For') >> nth=0")
    page.fill("#id_reasons", "The Chair favours assessing the device types in full.")
    page.click("main button:has-text('Record the casting vote and close the vote')")
    expect(page.locator(".govuk-panel__title")).to_have_text("SSC95/D01: passed")
    portal.shot("decided-by-casting-vote")

    decision = Decision.objects.get()
    assert (decision.snapshot["for_count"], decision.snapshot["against_count"]) == (1, 1)
    assert (decision.snapshot["casting_vote_used"], decision.snapshot["passed"]) == (True, True)
    assert decision.reasons == "The Chair favours assessing the device types in full."
