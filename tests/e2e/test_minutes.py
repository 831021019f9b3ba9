"""Minutes with actions, drafted for a held meeting and approved at the next one, in the browser."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from assessments.enums import AttendanceStatus, Choice, Outcome
from assessments.models import Action, Decision, Meeting, Minutes
from assessments.services.ballots import cast_vote, open_ballot
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.minutes import add_action
from assessments.services.papers import schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.people import PASSWORD, UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db(transaction=True)

REASONS = "The Use Case re-uses devices the triage arrangements already assure."


def pdf_text(portal, page, path: str) -> str:
    response = page.request.get(portal.url + path)
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return "\n".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_minutes_with_actions_drafted_and_approved_at_the_next_meeting(portal, page, tmp_path):
    office = UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com")
    ssc, chair, members = ssc_with_members(4)
    today = timezone.localdate()
    earlier, held, next_one = (
        create_meeting(
            user=office, committee=ssc, number=n, date=today + datetime.timedelta(days=d)
        )
        for n, d in ((94, 10), (95, 20), (96, 30))
    )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=office)
    item = schedule_on_meeting(submission_id=submission.pk, user=office, meeting=held).agenda_item
    add_action(
        user=office,
        meeting=earlier,
        agenda_item=earlier.items.get(number=1),
        description="Circulate the assurance checklist.",
        owner="SECAS",
    )
    # SSC 94 met six weeks ago, SSC 95 a fortnight ago; SSC 96 meets today.
    for meeting, days in ((earlier, 42), (held, 14), (next_one, 0)):
        Meeting.objects.filter(pk=meeting.pk).update(date=today - datetime.timedelta(days=days))
    for meeting in (earlier, held, next_one):
        meeting.refresh_from_db()
    for membership in [chair, *members]:
        record_attendance(
            user=office, meeting=held, person=membership.person, status=AttendanceStatus.PRESENT
        )
    ballot = open_ballot(
        user=office,
        committee=ssc,
        question="Progress the Use Case to assessment?",
        outcome_if_passed=Outcome.PROGRESS,
        agenda_item=item,
    )
    for membership, choice in zip(
        members, (Choice.FOR, Choice.FOR, Choice.FOR, Choice.AGAINST), strict=True
    ):
        cast_vote(ballot_id=ballot.pk, user=membership.person, choice=choice)

    # The Chair closes the vote with the committee's reasons.
    portal.sign_in(chair.person.email, PASSWORD)
    portal.go(f"/committees/votes/{ballot.pk}/")
    page.fill("#id_reasons", REASONS)
    portal.shot("close-with-reasons")
    page.click("main button:has-text('Close the vote and record the decision')")
    expect(page.locator(".govuk-panel__title")).to_have_text("SSC95/D01: passed")
    portal.sign_out()
    decision = Decision.objects.get()
    assert decision.reasons == REASONS
    assert decision.resolution == (
        f"The SSC AGREED to progress {submission.reference} ‘{submission.title}’ to assessment."
    )

    # The secretariat starts the minutes and writes up the item, capturing an action.
    portal.sign_in("sam@example.com", PASSWORD)
    portal.go(f"/committees/meetings/{held.pk}/minutes/")
    page.click("main button:has-text('Start the minutes')")
    page.click(f"#item-{item.number} a:has-text('Write up')")
    page.fill("#id_minute-discussion", "The proposer presented the Use Case.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.fill("#id_action-description", "Write to the proposer with the decision.")
    page.fill("#id_action-due_on", (today + datetime.timedelta(days=7)).strftime("%d %m %Y"))
    page.click("main button:has-text('Add the action')")
    # A mistake: no owner. The error says what to do and keeps what was typed.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the owner")
    expect(page.locator("#id_action-description")).to_have_value(
        "Write to the proposer with the decision."
    )
    portal.shot("action-without-owner")
    page.fill("#id_action-owner", "SECAS")
    page.click("main button:has-text('Add the action')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action SSC95/01 added")
    portal.shot("item-written-up")
    page.click("main button:has-text('Save and return to the minutes')")
    card = page.locator(f"#item-{item.number}")
    expect(card).to_contain_text("The proposer presented the Use Case.")
    expect(card).to_contain_text(decision.resolution)
    expect(card).to_contain_text("For 3, Against 1, Abstain 0 (passed).")
    expect(card).to_contain_text("ACTION SSC95/01 Write to the proposer with the decision.")
    # The tally once, not twice.
    assert page.locator("main").inner_text().count("For 3, Against 1") == 1
    # SSC 94's action is carried forward to SSC 95's minutes item.
    expect(page.locator("#item-1")).to_contain_text("SSC94/01")
    portal.shot("minutes-drafted")

    minutes_pdf = pdf_text(portal, page, f"/committees/meetings/{held.pk}/minutes.pdf")
    reference = f"SSC_95_{held.date:%d%m}_MINUTES"
    assert f"Reference: {reference}" in minutes_pdf
    assert "Page 1 of" in minutes_pdf and "AMBER" in minutes_pdf
    assert decision.resolution in minutes_pdf.replace("\n", " ")
    assert "ACTION SSC95/01 Write to the proposer with the decision." in minutes_pdf
    assert minutes_pdf.count("For 3, Against 1") == 1
    letter = pdf_text(portal, page, f"/committees/decisions/{decision.pk}/letter.pdf")
    assert f"Reasons {REASONS}" in letter
    assert letter.count(decision.resolution) == 1

    # SSC 96, today: the minutes of SSC 95 are approved, and its open action is carried forward.
    page.select_option("#at_meeting", label=str(next_one))
    page.click("main button:has-text('Record approval')")
    expect(page.locator("main")).to_contain_text(f"Approved at {next_one}")
    expect(page.locator(f"#item-{item.number} a:has-text('Write up')")).to_have_count(0)
    portal.shot("minutes-approved")
    portal.go(f"/committees/meetings/{next_one.pk}/minutes/")
    page.click("main button:has-text('Start the minutes')")
    minutes_item = page.locator("#item-1")
    expect(minutes_item).to_contain_text(f"The minutes of {held} were approved as a true record.")
    expect(minutes_item).to_contain_text("SSC95/01")
    expect(minutes_item).to_contain_text("Write to the proposer with the decision.")
    # Closing SSC 94's action under the minutes item at SSC 96.
    page.click("#item-1 a:has-text('Write up')")
    page.select_option("#status-" + str(Action.objects.get(reference="SSC94/01").pk), "CLOSED")
    page.click("main button:has-text('Update SSC94/01')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Action SSC94/01 is now closed"
    )
    portal.shot("actions-reviewed")
    portal.go(f"/committees/meetings/{next_one.pk}/minutes/")
    portal.shot("next-minutes")

    assert Minutes.objects.get(meeting=held).approved_at_meeting == next_one
    assert list(Action.objects.values_list("reference", "status")) == [
        ("SSC94/01", "CLOSED"),
        ("SSC95/01", "OPEN"),
    ]
    next_pdf = page.request.get(
        f"{portal.url}/committees/meetings/{next_one.pk}/minutes.pdf"
    ).body()
    (tmp_path / "next.pdf").write_bytes(next_pdf)
