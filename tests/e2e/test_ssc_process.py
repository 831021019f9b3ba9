"""The SSC process in the browser: register, clarify, answer, refer to TABASC, decide."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.proposal_page import act
from tests.factories.people import PASSWORD, UserFactory
from tests.factories.proposals import submitted_proposal
from tests.factories.states import confirm_supporters
from triage_portal.accounts.enums import Role
from usecases.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_clarify_refer_and_table(portal, page):
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com")
    UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    submission = submitted_proposal(proposer)
    confirm_supporters(submission)
    due = timezone.localdate() + datetime.timedelta(days=14)

    portal.sign_in("sam@example.com", PASSWORD)
    portal.go(f"/proposals/{submission.pk}/")
    portal.shot("submitted")
    act(page, "Register")
    page.check("label:has-text('White (Clear)')")
    portal.shot("register")
    page.click("main button:has-text('Register')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The proposal has been registered."
    )
    reference = Submission.objects.get(pk=submission.pk).reference
    expect(page.locator(".govuk-caption-l")).to_contain_text(reference)
    act(page, "Send for SSC consideration")
    page.click("main button:has-text('Send for SSC consideration')")
    act(page, "Ask the proposer questions")
    page.fill(
        "#id_questions",
        "Which DNO certificates would the vanilla key replace?\n\nWho holds the vanilla key material?",
    )
    page.fill("#id_due_on", due.strftime("%d %m %Y"))
    portal.shot("clarification-questions")
    page.click("main button:has-text('Ask the proposer questions')")
    expect(page.locator("#clarifications")).to_be_visible()
    portal.shot("clarification-requested")
    portal.sign_out()

    portal.sign_in("alex@example.com", PASSWORD)
    portal.go(f"/proposals/{submission.pk}/")
    page.click('a:has-text("Answer the SSC\'s questions")')
    page.fill("#id_answer_1", "All fourteen DNO areas' Network Operator certificates.")
    page.fill("#id_answer_2", "Only the Meter Manufacturer or Energy Supplier's secure facility.")
    portal.shot("clarification-answers")
    page.click("main button:has-text('Send your answers')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your answers have been sent to the SSC."
    )
    portal.sign_out()

    portal.sign_in("sam@example.com", PASSWORD)
    portal.go(f"/proposals/{submission.pk}/")
    act(page, "Refer for views")
    page.check("label:has-text('TABASC')")
    page.fill(
        "#id_question",
        "AGREE whether there are any Technical or Business Architectural concerns to be raised to the SSC.",
    )
    page.fill("#id_due_on", due.strftime("%d %m %Y"))
    portal.shot("referral")
    page.click("main button:has-text('Refer proposal')")
    act(page, "Wait for external views")
    page.click("main button:has-text('Wait for external views')")
    expect(page.locator("main .govuk-tag").first).to_have_text("Awaiting external views")
    page.click("a:has-text('Record outcome')")
    page.check("label:has-text('No concerns')")
    page.fill("#id_response", "TABASC raised no architectural concerns at meeting 45.")
    portal.shot("referral-outcome")
    page.click("main button:has-text('Record outcome')")
    # A Use Case is tabled for decision only with NCSC's advice (domain.md §2.5).
    act(page, "Record NCSC advice")
    page.fill("#id_advice", "NCSC has no objection to the vanilla DNO key.")
    page.click("main button:has-text('Record advice')")
    act(page, "Table for decision")
    page.click("main button:has-text('Table for decision')")
    expect(page.locator("main .govuk-tag").first).to_have_text("Decision pending")
    portal.shot("decision-pending")

    submission.refresh_from_db()
    assert submission.state == "DECISION_PENDING"
    request = submission.clarifications.get()
    assert [q.answer for q in request.questions.all()] == [
        "All fourteen DNO areas' Network Operator certificates.",
        "Only the Meter Manufacturer or Energy Supplier's secure facility.",
    ]
    referral = submission.referrals.get()
    assert (referral.body, referral.outcome) == ("TABASC", "NO_CONCERNS")
    timeline = page.locator(".portal-timeline").inner_text()
    for words in (
        "Registered",
        "The SSC asked the proposer questions",
        "The proposer answered",
        "Referred for views: TABASC",
        "Referral outcome recorded",
        "Tabled for the SSC's decision",
    ):
        assert words in timeline
