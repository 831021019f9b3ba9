"""Three journeys with the keyboard alone (no mouse): Tab, Shift+Tab, arrows, Space and Enter.

Every focus stop must be visibly focused, and a failed submit puts focus on the error summary.
Signing in is by keyboard too, the second factor included (set-up for a new committee account).
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.enums import AttendanceStatus
from assessments.models import ConflictDeclaration, Vote
from assessments.services.ballots import open_ballot, rule_on_interest
from assessments.services.meetings import create_meeting, record_attendance
from tests.e2e.keyboard import Keyboard
from tests.factories.committee import ssc_with_members
from tests.factories.people import PASSWORD, UserFactory
from tests.factories.proposals import draft_proposal
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from usecases.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)


def focus_is_on_error_summary(page) -> bool:
    return page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")


def test_a_proposer_submits_a_proposal_by_keyboard(portal, page):
    proposer = UserFactory(full_name="Kim Keys", email="kim@example.com")
    draft = draft_proposal(proposer, q1_issue="Meters are wasted")
    keys = Keyboard(page)

    keys.sign_in(portal.url, proposer.email, PASSWORD)
    portal.go("/proposals/")
    keys.follow(f"main a[href='/proposals/{draft.pk}/tasks/']")
    expect(page.locator("h1")).to_have_text("Finish your proposal")

    keys.follow("main a[href*='/edit/issue/']")
    keys.type_into("#id_q1_issue", "")
    keys.press_button("main button[value='continue']")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert focus_is_on_error_summary(page), "focus should land on the error summary"
    portal.shot("keyboard-error-summary")

    keys.tab_to(".govuk-error-summary a")  # the summary links to the field
    page.keyboard.press("Enter")
    assert keys.matches("#id_q1_issue")
    page.keyboard.insert_text("Refurbished meters keep DNO certificates they cannot use")
    keys.press_button("main button[value='continue']")
    expect(page.locator("h1")).to_have_text("Finish your proposal")
    keys.follow(f"main a[href='/proposals/{draft.pk}/check/']")
    expect(page.locator("h1")).to_contain_text("Check your answers")

    keys.tick("#id_declaration")
    keys.press_button("main form button[type='submit']")
    expect(page.locator(".govuk-panel__title")).to_contain_text("submitted")
    portal.shot("keyboard-submitted")
    assert Submission.objects.get(pk=draft.pk).state == "SUBMITTED"
    assert keys.invisible == []


def test_a_member_declares_an_interest_and_votes_by_keyboard(portal, page):
    office = UserFactory(role=Role.SECRETARIAT)
    proposer = UserFactory(full_name="Alex Proposer")
    ssc, chair, members = ssc_with_members(3)
    member = members[0].person
    member.organisation = proposer.organisation  # the member's organisation proposed the item
    member.save(update_fields=["organisation"])
    # Today: a vote in a meeting is on one of its items, and cast on or after its date.
    meeting = create_meeting(user=office, committee=ssc, number=95, date=timezone.localdate())
    for seat in [chair, *members]:
        record_attendance(
            user=office, meeting=meeting, person=seat.person, status=AttendanceStatus.PRESENT
        )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=office)
    ballot = open_ballot(
        user=office,
        committee=ssc,
        question="Does the SSC agree to progress the item to assessment?",
        outcome_if_passed="PROGRESS",
        agenda_item=meeting.items.get(kind="AOB"),
        submission=submission,
    )
    keys = Keyboard(page)

    keys.sign_in(portal.url, member.email, PASSWORD)
    portal.go(f"/committees/votes/{ballot.pk}/")
    keys.press_button("main form[action$='/declare/'] button")  # nothing chosen yet
    assert focus_is_on_error_summary(page)
    keys.choose_radio("input[name='has_interest']", "yes")
    keys.type_into("#id_nature", "Employed by the proposing organisation")
    keys.press_button("main form[action$='/declare/'] button")
    expect(page.locator("main")).to_contain_text("The Chair will rule whether you may vote")
    declaration = ConflictDeclaration.objects.get(person=member)
    rule_on_interest(declaration_id=declaration.pk, user=chair.person, exclude=False)

    portal.go(f"/committees/votes/{ballot.pk}/")
    keys.choose_radio("input[name='choice']", "FOR")
    keys.press_button("main form[action$='/cast/'] button")
    expect(page.locator("h1")).to_have_text("Check your vote")
    keys.press_button("main form button[type='submit']")
    expect(page.locator(".govuk-panel__title")).to_have_text("Vote cast")
    portal.shot("keyboard-vote-cast")
    assert Vote.objects.get(ballot=ballot).choice == "FOR"
    assert keys.invisible == []


def test_the_secretariat_registers_a_proposal_by_keyboard(portal, page):
    office = UserFactory(role=Role.SECRETARIAT, email="sue@example.com")
    proposer = UserFactory()
    submission = proposal_in_state("SUBMITTED", proposer=proposer, secretariat=office)
    submission.supporters.update(status="CONFIRMED")
    keys = Keyboard(page)

    keys.sign_in(portal.url, office.email, PASSWORD)
    portal.go(f"/proposals/{submission.pk}/")
    keys.follow("#actions a[href$='/act/register/']")
    expect(page.locator("h1")).to_contain_text("Register")
    keys.choose_radio("input[name='classification']", "GREEN")
    keys.press_button("main button[type='submit']")
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    portal.shot("keyboard-registered")
    registered = Submission.objects.get(pk=submission.pk)
    assert (registered.state, registered.classification) == ("REGISTERED", "GREEN")
    assert keys.invisible == []
