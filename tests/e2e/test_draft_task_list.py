"""A proposer comes back to a half-written draft, finishes it from the task list and submits it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.people import PASSWORD, UserFactory
from tests.factories.proposals import draft_proposal
from usecases.demo.load import load_reference_data
from usecases.enums import SubmissionState
from usecases.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def both_widths(portal, page, name):
    page.set_viewport_size(DESKTOP)
    portal.shot(f"{name}-1280")
    page.set_viewport_size(PHONE)
    portal.shot(f"{name}-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


def status_of(page, task):
    return page.locator(f"#task-{task}-status")


def save_and_continue(page):
    page.click("button:has-text('Save and continue')")


def test_proposer_resumes_a_draft_from_the_task_list_and_submits_it(portal, page):
    load_reference_data()
    proposer = UserFactory(full_name="Alex Proposer", email="alex@example.com", phone="")
    draft_proposal(
        proposer,
        complete=False,
        use_case_title="Re-use of triaged ESME across DNO regions",
        q1_issue="Triaged meters cannot move between DNO regions.",
        q2_why_needed="Scrapping compliant meters wastes them.",
    )
    portal.sign_in("alex@example.com", PASSWORD)

    page.click("text=Your proposals")
    page.click("a:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("Finish your proposal")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(status_of(page, "titles")).to_have_text("Completed")
    expect(status_of(page, "issue")).to_have_text("Completed")
    expect(status_of(page, "solution")).to_have_text("Incomplete")
    expect(page.locator("#task-summary + p")).to_have_text(
        "You have completed 2 of 9 required sections."
    )
    both_widths(portal, page, "task-list")

    page.click("#tasks a:has-text('Proposer details')")
    page.fill("#id_proposer_phone", "01632 960 001")
    save_and_continue(page)
    expect(status_of(page, "proposer")).to_have_text("Completed")

    page.click("#tasks a:has-text('SEC Party support')")
    page.fill("#id_name", "Pat Supporter")
    page.select_option("#id_sec_party", index=1)
    page.fill("#id_email", "pat@example.com")
    page.click("button:has-text('Add supporter')")
    expect(page.locator(".govuk-summary-card__title")).to_contain_text("Pat Supporter")
    save_and_continue(page)
    expect(status_of(page, "supporters")).to_have_text("Completed")

    page.click("#tasks a:has-text('Proposed solution')")
    page.fill("#id_q3_solution", "Re-key the DNO certificates at the triage facility.")
    save_and_continue(page)

    page.click("#tasks a:has-text('Effect on existing SCs')")
    page.check("label:has-text('No')")
    save_and_continue(page)
    page.click("#tasks a:has-text('Need for a new SC')")
    page.check("label:has-text('No')")
    save_and_continue(page)

    page.click("#tasks a:has-text('Urgency')")
    expect(page.locator("#id_q6_justification")).to_be_hidden()
    page.check("label:has-text('Yes')")
    expect(page.locator("#id_q6_justification")).to_be_visible()
    portal.shot("urgency-revealed")
    page.fill("#id_q6_justification", "Meters are being scrapped every week.")
    save_and_continue(page)

    page.click("#tasks a:has-text('Device types and classification')")
    page.check("label:has-text('ESME')")
    page.check("label:has-text('Amber')")
    save_and_continue(page)

    expect(page.locator("#task-summary + p")).to_have_text(
        "You have completed 9 of 9 required sections."
    )
    portal.shot("task-list-complete")
    page.click("a:has-text('Check your answers and submit')")
    expect(page.locator("h1")).to_contain_text("Check your answers")
    page.check("#id_declaration")
    page.click("button:has-text('Accept and submit')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Proposal submitted")

    submission = Submission.objects.get()
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.q6_justification == "Meters are being scrapped every week."
    portal.go(submission.get_absolute_url())
    expect(page.locator(".portal-timeline__title").first).to_have_text("Draft started")
    both_widths(portal, page, "proposal-page")

    # On a phone the list of proposals reads as one card per row, each value under its heading.
    page.set_viewport_size(PHONE)
    portal.go("/proposals/")
    expect(page.locator("table.govuk-table")).to_have_class(re.compile("portal-table--stacks"))
    expect(page.locator("td[data-label='State']")).to_be_visible()
    expect(page.locator("thead")).to_have_css("position", "absolute")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    portal.shot("your-proposals-375")
