"""Attached PDFs are prepared once, in a limited worker: heavy pages drawn as pictures, or refused."""

import hashlib
import io
import time

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from tests.factories import hostile_files as hostile
from tests.factories.proposals import draft_proposal
from triage_portal.audit.models import ActivityLog
from usecases.files.annexes import (
    PENDING,
    READY,
    REFUSED,
    preparation_of,
    prepare,
    prepare_attachment,
    prepared_pdf,
)
from usecases.models import Attachment

pytestmark = pytest.mark.django_db


def stored_as_before_the_checks(proposer, content: bytes) -> Attachment:
    """An attachment stored as uploads were before they were checked: the bytes as they came."""
    attachment = Attachment(
        submission=draft_proposal(proposer),
        original_name="annex.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=proposer,
    )
    attachment.file.save("annex.pdf", SimpleUploadedFile("annex.pdf", content), save=True)
    return attachment


def test_heavy_pages_are_drawn_as_pictures_and_light_ones_kept(proposer, settings):
    settings.ATTACHMENT_PDF_MAX_OPERATORS = 1_000
    attachment = stored_as_before_the_checks(
        proposer, hostile.pdf_with_operators(30_000, light_pages_before=1)
    )
    assert preparation_of(attachment).state == PENDING

    started = time.monotonic()
    result = prepare(attachment)
    elapsed = time.monotonic() - started

    assert (result.state, result.pages, result.rasterised) == (READY, 2, (2,))
    assert elapsed < settings.ATTACHMENT_PDF_PREPARE_SECONDS
    data = prepared_pdf(attachment)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        heavy = pdf.pages[1]
        assert heavy.obj.Contents.read_bytes().startswith(b"q ")
        assert heavy.obj.Contents.read_bytes().endswith(b"cm /Picture Do Q")
        picture = heavy.obj.Resources.XObject.Picture
        assert (picture.Subtype, picture.Filter) == ("/Image", "/DCTDecode")
        assert (int(picture.Width), int(picture.Height)) == (827, 1170)  # 595 x 842 pt at 100 dpi
    assert hostile.ANNEX_TEXT in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    entry = ActivityLog.objects.get(action="usecases.attachment.prepared")
    assert (entry.data["state"], entry.data["rasterised"]) == (READY, [2])


def test_a_page_too_heavy_to_draw_in_time_is_refused_within_the_limit(proposer, settings):
    """The issue's file: a few kilobytes, 630,000 drawing operators on its page."""
    settings.ATTACHMENT_PDF_PREPARE_SECONDS = 3
    content = hostile.pdf_with_operators(630_000)
    assert len(content) < 20_000
    attachment = stored_as_before_the_checks(proposer, content)

    started = time.monotonic()
    result = prepare(attachment)
    elapsed = time.monotonic() - started

    assert result.state == REFUSED
    assert result.reason == (
        "This PDF took too long to prepare. Save it again as a simpler PDF "
        "(for example by printing it to a new PDF) and upload it again."
    )
    assert elapsed < 3 + 5


def test_preparing_runs_once_for_a_content(proposer):
    attachment = stored_as_before_the_checks(proposer, hostile.plain_pdf())

    assert prepare_attachment.enqueue(attachment_id=attachment.pk).return_value == READY
    assert prepare_attachment.enqueue(attachment_id=attachment.pk).return_value == READY

    assert ActivityLog.objects.filter(action="usecases.attachment.prepared").count() == 1


def test_a_file_stored_before_the_checks_is_cleaned_when_prepared(proposer):
    attachment = stored_as_before_the_checks(proposer, hostile.pdf_with_everything_active())

    assert prepare(attachment).state == READY

    assert hostile.active_content(prepared_pdf(attachment)) == []


def test_a_broken_file_stored_before_the_checks_is_refused_when_prepared(proposer):
    attachment = stored_as_before_the_checks(proposer, b"%PDF-1.7\nnot really a PDF\n")

    result = prepare(attachment)

    assert (result.state, result.reason) == (
        REFUSED,
        "This PDF could not be read. Save it again as a PDF and upload it again.",
    )
    assert prepare(attachment) == result  # recorded: not tried again


def test_removing_the_last_attachment_with_a_content_forgets_its_prepared_copy(
    proposer, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from usecases import workflow

    attachment = stored_as_before_the_checks(proposer, hostile.plain_pdf())
    prepare(attachment)
    assert default_storage.exists(f"prepared-annexes/{attachment.sha256}.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        workflow.remove_attachment(
            submission_id=attachment.submission_id, user=proposer, attachment_id=attachment.pk
        )

    assert not default_storage.exists(f"prepared-annexes/{attachment.sha256}.pdf")
    assert not default_storage.exists(f"prepared-annexes/{attachment.sha256}.json")
