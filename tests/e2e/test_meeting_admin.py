"""The secretariat's meeting work in the browser: create with a mistake and fix it, reschedule,
move an item to another meeting and up the agenda, record everyone's attendance at once."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.enums import AttendanceStatus
from assessments.models import Attendance, Meeting, Paper
from assessments.services.meetings import create_meeting
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import committee, ssc_with_members
from tests.factories.people import PASSWORD, UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db(transaction=True)


def working_day(days: int) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def test_secretariat_creates_fixes_moves_and_records_attendance(portal, page):
    office = UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com")
    ssc, chair, members = ssc_with_members(3)
    alternate = UserFactory(full_name="Avery Alternate", role=Role.SSC_MEMBER)
    members[0].alternate = alternate
    members[0].save(update_fields=["alternate"])
    committee("TABASC")
    first_date, second_date = working_day(20), working_day(41)
    meeting = create_meeting(user=office, committee=ssc, number=95, date=first_date)
    later = create_meeting(user=office, committee=ssc, number=96, date=second_date)
    papers = []
    for title in ("Refurbished meters in the north", "Hub firmware roll-back"):
        submission = proposal_in_state(
            "REGISTERED", proposer=proposer, secretariat=office, use_case_title=title
        )
        papers.append(
            schedule_on_meeting(submission_id=submission.pk, user=office, meeting=meeting)
        )
    issue_paper(paper_id=papers[0].pk, user=office)

    portal.sign_in("sam@example.com", PASSWORD)

    # Create a TABASC meeting with an impossible date: the error keeps TABASC, not SSC.
    portal.go("/committees/")
    page.click("main a:has-text('Create a meeting')")
    page.select_option("#id_committee", "TABASC")
    page.fill("#id_number", "45")
    page.fill("#id_date", "31 2 2027")
    page.click("main button:has-text('Create meeting')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Meeting date must be a real date, like 27 3 2027"
    )
    expect(page.locator("#id_committee")).to_have_value("TABASC")
    expect(page.locator("#id_number")).to_have_value("45")
    portal.shot("create-error-keeps-committee")
    tabasc_date = working_day(30)
    page.fill("#id_date", tabasc_date.strftime("%d %m %Y"))
    page.click("main button:has-text('Create meeting')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been created")
    expect(page.locator("h1")).to_have_text("TABASC meeting 45")
    created = Meeting.objects.get(committee__code="TABASC")
    assert (created.number, created.date) == (45, tabasc_date)

    # The date was still wrong: reschedule it, with a reason.
    page.click("main a:has-text('Change or reschedule')")
    fixed = working_day(34)
    page.fill("#id_date", fixed.strftime("%d %m %Y"))
    page.click("main button:has-text('Save changes')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the meeting's date or number is changing"
    )
    page.fill("#id_reason", "Typed the wrong week")
    portal.shot("reschedule")
    page.click("main button:has-text('Save changes')")
    expect(page.locator("main")).to_contain_text(fixed.strftime("%A %-d %B %Y"))
    assert Meeting.objects.get(pk=created.pk).date == fixed

    # The agenda of SSC 95: each item by its proposal, with its paper and status.
    portal.go(f"/committees/meetings/{meeting.pk}/")
    agenda = page.locator("#open-session")
    expect(agenda).to_contain_text("Refurbished meters in the north")
    expect(agenda).to_contain_text(f"SSC_95_{first_date:%d%m}_03")
    expect(agenda).to_contain_text("Hub firmware roll-back")
    expect(agenda).to_contain_text("Draft")
    portal.shot("agenda-before")

    # Move the issued item to SSC 96; its reference follows the meeting.
    page.click("#open-session a:has-text('Move to another meeting') >> nth=0")
    page.check(f"label:has-text('{later}')")
    page.fill("#id_reason", "Too much business at SSC 95")
    portal.shot("move-to-meeting")
    page.click("main button:has-text('Move the item')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is now item 3 of")
    assert Paper.objects.get(pk=papers[0].pk).reference == f"SSC_96_{second_date:%d%m}_03"
    assert Paper.objects.get(pk=papers[1].pk).agenda_item.number == 3

    # Reorder: the remaining business item goes up one place, above the declarations.
    page.click("#open-session tr:has-text('Hub firmware roll-back') button:has-text('Up')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("renumbered")
    assert Paper.objects.get(pk=papers[1].pk).agenda_item.number == 2
    portal.shot("agenda-after-moves")

    # Attendance for everyone at SSC 96, in one form.
    portal.go(f"/committees/meetings/{later.pk}/")
    page.click("main a:has-text('Record attendance for everyone')")
    sheet = page.locator("#attendance-sheet")
    expect(sheet.locator(f"select[name='alternate_{members[0].person.pk}'] option")).to_have_text(
        ["Select the alternate", "Avery Alternate"]
    )
    page.check(f"input[name='status_{chair.person.pk}'][value='PRESENT']")
    page.check(f"input[name='status_{members[0].person.pk}'][value='REPRESENTED']")
    page.check(f"input[name='status_{members[1].person.pk}'][value='APOLOGIES']")
    page.check(f"input[name='status_{members[2].person.pk}'][value='PRESENT']")
    page.click("main button:has-text('Save attendance')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"Select the alternate who represented {members[0].person.full_name}"
    )
    expect(
        page.locator(f"input[name='status_{members[1].person.pk}'][value='APOLOGIES']")
    ).to_be_checked()
    portal.shot("attendance-error-keeps-answers")
    page.select_option(f"select[name='alternate_{members[0].person.pk}']", label="Avery Alternate")
    portal.shot("attendance-sheet")
    page.click("main button:has-text('Save attendance')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Attendance recorded for 4 people"
    )
    portal.shot("meeting-with-attendance")
    recorded = dict(Attendance.objects.filter(meeting=later).values_list("person", "status"))
    assert recorded == {
        chair.person.pk: AttendanceStatus.PRESENT,
        members[0].person.pk: AttendanceStatus.REPRESENTED,
        members[1].person.pk: AttendanceStatus.APOLOGIES,
        members[2].person.pk: AttendanceStatus.PRESENT,
    }
    assert Attendance.objects.get(meeting=later, person=members[0].person).represented_by == (
        alternate
    )


def test_member_declares_on_an_item_chair_rules_and_a_vote_is_pulled_to_a_meeting(
    portal, page, settings
):
    from django.core import mail

    from assessments.models import Ballot, ConflictDeclaration
    from assessments.services.ballots import open_ballot

    settings.SECRETARIAT_EMAIL = "secretariat@example.com"
    office = UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com")
    ssc, chair, members = ssc_with_members(3)
    member = members[0].person
    meeting = create_meeting(user=office, committee=ssc, number=95, date=working_day(20))
    submission = proposal_in_state(
        "REGISTERED", proposer=proposer, secretariat=office, use_case_title="Hub firmware roll-back"
    )
    item = schedule_on_meeting(
        submission_id=submission.pk, user=office, meeting=meeting
    ).agenda_item
    ballot = open_ballot(
        user=office,
        committee=ssc,
        question="Progress the Use Case to assessment?",
        outcome_if_passed="PROGRESS",
        method="CORRESPONDENCE",
        agenda_item=item,
        closes_at=timezone.now() + datetime.timedelta(days=5),
    )

    # Unprompted, the member declares an interest in the item from the meeting's agenda.
    portal.sign_in(member.email, PASSWORD)
    portal.go(f"/committees/meetings/{meeting.pk}/")
    page.click("#open-session a:has-text('Declare an interest')")
    page.fill("#id_nature", "My employer advises the proposer")
    portal.shot("declare-on-item")
    page.click("main button:has-text('Declare the interest')")
    expect(page.locator("#my-declaration")).to_contain_text("Awaiting the Chair's ruling")
    portal.sign_out()

    portal.sign_in(chair.person.email, PASSWORD)
    portal.go(f"/committees/meetings/{meeting.pk}/items/{item.pk}/declare/")
    expect(page.locator("#item-declarations")).to_contain_text("My employer advises the proposer")
    portal.shot("chair-rules-on-item")
    page.click("#item-declarations button:has-text('May vote')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("may take part in the vote")
    portal.sign_out()
    assert ConflictDeclaration.objects.get(ballot=ballot, person=member).ruling == "MAY_VOTE"

    # Another member asks for the vote by correspondence to go to a meeting: reason, confirm.
    other = members[1].person
    portal.sign_in(other.email, PASSWORD)
    portal.go(f"/committees/votes/{ballot.pk}/")
    page.click("main a:has-text('Ask for this to go to a meeting instead')")
    page.click("main button:has-text('Move the vote to a meeting')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why this should be decided in a meeting"
    )
    page.fill("#id_reason", "The roll-back plan needs a discussion")
    portal.shot("pull-to-meeting-confirm")
    mail.outbox.clear()
    page.click("main button:has-text('Move the vote to a meeting')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The Chair and the secretariat have been told"
    )
    portal.shot("pulled-to-meeting")
    assert Ballot.objects.get(pk=ballot.pk).status == "MOVED_TO_MEETING"
    # The Chair, the secretariat and those who could vote (assessments.notifications).
    told = sorted(m.to[0] for m in mail.outbox if "moved to a meeting" in m.subject)
    voters = [m.person.email for m in members]
    assert told == sorted([chair.person.email, "secretariat@example.com", *voters])
