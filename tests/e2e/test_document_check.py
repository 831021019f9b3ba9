"""Check a document in the browser: a genuine copy, an altered one, and a reference."""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.assessments import test_pdf_outputs

pytestmark = pytest.mark.django_db(transaction=True)

meeting_with_papers = test_pdf_outputs.meeting_with_papers


def test_a_stranger_checks_a_genuine_and_an_altered_copy(
    portal, page, meeting_with_papers, tmp_path, settings
):
    settings.PORTAL_REQUIRE_2FA = False  # the member downloads a copy outside the browser
    reader = Client()
    reader.force_login(meeting_with_papers["member"])
    paper = meeting_with_papers["paper"]
    genuine = reader.get(reverse("assessments:paper-pdf", args=[paper.pk])).content
    (tmp_path / "paper.pdf").write_bytes(genuine)
    altered = bytearray(genuine)
    altered[len(genuine) // 3] ^= 0x01
    (tmp_path / "altered.pdf").write_bytes(bytes(altered))
    settings.PORTAL_REQUIRE_2FA = True

    portal.go("/")
    page.click("footer a:has-text('Check a document')")
    expect(page.locator("h1")).to_have_text("Check a document")
    page.set_input_files("#id_document", str(tmp_path / "paper.pdf"))
    page.click("main button:has-text('Check the document')")
    expect(page.locator(".govuk-panel__title")).to_have_text("This is a genuine document")
    expect(page.locator("#result")).not_to_contain_text(paper.title)
    portal.shot("genuine")

    page.set_input_files("#id_document", str(tmp_path / "altered.pdf"))
    page.click("main button:has-text('Check the document')")
    expect(page.locator(".govuk-notification-banner__heading")).to_have_text(
        "This document has been altered since the portal issued it"
    )
    portal.shot("altered")

    page.fill("#id_reference", paper.reference)
    page.click("main button:has-text('Check the reference')")
    expect(page.locator("#result h2")).to_have_text(
        "We cannot confirm a document with this reference"
    )
    portal.shot("reference-not-confirmed")

    (tmp_path / "notes.txt").write_text("not a PDF")
    page.set_input_files("#id_document", str(tmp_path / "notes.txt"))
    page.click("main button:has-text('Check the document')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The selected file must be a PDF")
    portal.shot("not-a-pdf")
