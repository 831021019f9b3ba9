"""A proposer signs up, fills in the E.ON form from the seed paper, and submits it."""

import io

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfWriter

from usecases.demo import eon
from usecases.demo.load import load_reference_data
from usecases.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Tr1age-portal-e2e-pass"


def continue_(page):
    page.click("button:has-text('Save and continue')")


def test_proposer_submits_the_eon_form(portal, page, tmp_path):
    load_reference_data()

    portal.go("/accounts/sign-up/")
    page.fill("#id_full_name", "Alex Proposer")
    page.fill("#id_email", "alex.proposer@example.com")
    page.fill("#id_organisation_name", eon.EON_ORGANISATION)
    page.check("label:has-text('Energy supplier')")
    page.fill("#id_password", PASSWORD)
    portal.shot("sign-up")
    page.click("main button:has-text('Create account')")
    expect(page.locator("h1")).to_have_text("Check your e-mail")
    portal.shot("check-email")
    page.goto(portal.link_in_last_email(r"http://\S+/accounts/confirm-email/\S+/"))
    portal.sign_in("alex.proposer@example.com", PASSWORD)

    page.click("text=Start a new proposal")
    page.check("label:has-text('Use Case for Device Refurbishment')")
    portal.shot("kind")
    page.click("button:has-text('Continue')")
    page.fill("#id_sc_mod_title", eon.EON_SC_MOD_TITLE)
    page.fill("#id_use_case_title", eon.EON_USE_CASE_TITLE)
    portal.shot("titles")
    continue_(page)

    for name, value in eon.EON_PROPOSER.items():
        page.fill(f"#id_{name}", value)
    portal.shot("proposer")
    continue_(page)

    page.fill("#id_name", eon.EON_SUPPORTER["name"])
    page.select_option("#id_sec_party", label=eon.EON_SUPPORTER["sec_party"])
    page.fill("#id_phone", eon.EON_SUPPORTER["phone"])
    page.fill("#id_email", eon.EON_SUPPORTER["email"])
    page.click("button:has-text('Add supporter')")
    expect(page.locator(".govuk-summary-card__title")).to_contain_text("Martin Christie")
    portal.shot("supporters")
    continue_(page)

    page.fill("#id_q1_issue", eon.EON_ANSWERS["q1_issue"])
    page.fill("#id_q2_why_needed", eon.EON_ANSWERS["q2_why_needed"])
    portal.shot("issue")
    continue_(page)
    page.fill("#id_q3_solution", eon.EON_ANSWERS["q3_solution"])
    continue_(page)

    page.check("label:has-text('To be determined')")
    page.fill("#id_q4_explanation", eon.EON_ANSWERS["q4_explanation"])
    portal.shot("existing-sc-halfway")
    page.click("button:has-text('Save and come back later')")
    expect(page.locator("h1")).to_have_text("Your proposals")

    portal.sign_out()
    portal.sign_in("alex.proposer@example.com", PASSWORD)
    page.click("text=Your proposals")
    page.click("a:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("Finish your proposal")
    portal.shot("resume-task-list")
    page.click("#tasks a:has-text('Effect on existing SCs')")
    expect(page.locator("#id_q4_explanation")).to_have_value(eon.EON_ANSWERS["q4_explanation"])
    expect(page.locator("#id_q4_affects_existing_sc_2")).to_be_checked()
    continue_(page)

    page.click("#tasks a:has-text('Need for a new SC')")
    page.check("label:has-text('To be determined')")
    page.fill("#id_q5_explanation", eon.EON_ANSWERS["q5_explanation"])
    continue_(page)

    page.click("#tasks a:has-text('Urgency')")
    page.check("label:has-text('Yes')")
    continue_(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Explain why this is an urgent business need"
    )
    portal.shot("urgency-error")
    page.fill("#id_q6_justification", eon.EON_ANSWERS["q6_justification"])
    continue_(page)

    page.click("#tasks a:has-text('Device types and classification')")
    page.check("label:has-text('ESME')")
    page.check("label:has-text('White (Clear)')")
    continue_(page)
    page.click("#tasks a:has-text('Supporting documents')")

    pdf = tmp_path / "supporting-evidence.pdf"
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf.write_bytes(buffer.getvalue())
    page.set_input_files("#id_file", str(pdf))
    page.click("button:has-text('Upload file')")
    expect(page.locator("main")).to_contain_text("supporting-evidence.pdf")
    portal.shot("attachments")
    continue_(page)

    # A validation error on a page full of answers keeps every keystroke.
    page.click("#tasks a:has-text('Proposer details')")
    page.fill("#id_proposer_email", "not-an-email")
    continue_(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter an e-mail address in the correct format"
    )
    expect(page.locator("#id_proposer_name")).to_have_value(eon.EON_PROPOSER["proposer_name"])
    expect(page.locator("#id_proposer_phone")).to_have_value(eon.EON_PROPOSER["proposer_phone"])
    expect(page.locator("#id_proposer_email")).to_have_value("not-an-email")
    portal.shot("proposer-error")
    page.fill("#id_proposer_email", eon.EON_PROPOSER["proposer_email"])
    continue_(page)
    page.click("a:has-text('Check your answers and submit')")

    expect(page.locator("h1")).to_contain_text("Check your answers")
    portal.shot("check-answers")
    page.check("#id_declaration")
    page.click("button:has-text('Accept and submit')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Proposal submitted")
    portal.shot("submitted")

    submission = Submission.objects.get()
    assert submission.state == "SUBMITTED"
    assert submission.use_case_title == eon.EON_USE_CASE_TITLE
    assert submission.sc_mod_title == eon.EON_SC_MOD_TITLE
    for name, value in eon.EON_PROPOSER.items():
        assert getattr(submission, name) == value, name
    for name, value in eon.EON_ANSWERS.items():
        assert getattr(submission, name) == value, name
    assert (
        submission.q4_affects_existing_sc,
        submission.q5_requires_new_sc,
        submission.q6_urgent,
    ) == ("TBD", "TBD", "YES")
    assert list(submission.device_types.values_list("code", flat=True)) == ["ESME"]
    supporter = submission.supporters.get()
    assert (supporter.name, supporter.sec_party.name, supporter.phone, supporter.email) == (
        eon.EON_SUPPORTER["name"],
        eon.EON_SUPPORTER["sec_party"],
        eon.EON_SUPPORTER["phone"],
        eon.EON_SUPPORTER["email"],
    )
    attachment = submission.attachments.get()
    assert (attachment.original_name, attachment.content_type) == (
        "supporting-evidence.pdf",
        "application/pdf",
    )
    assert submission.submitted_at is not None
    assert any(m.to == [eon.EON_SUPPORTER["email"]] for m in mail.outbox)
