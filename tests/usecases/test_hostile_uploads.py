"""Uploads tried as an attacker would: active PDFs, broken PDFs, PDF and ZIP bombs, macros, links."""

import io
import tracemalloc

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import hostile_files as hostile
from tests.factories.proposals import draft_proposal
from triage_portal.audit.models import ActivityLog
from usecases.models import Attachment

pytestmark = pytest.mark.django_db

UNREADABLE = "This PDF could not be read. Save it again as a PDF and upload it again."


def upload(client, submission, name, content):
    url = reverse("usecases:proposal-section", args=[submission.pk, "attachments"])
    return client.post(url, {"action": "upload", "file": SimpleUploadedFile(name, content)})


@pytest.fixture
def draft(client, proposer):
    client.force_login(proposer)
    return draft_proposal(proposer)


def stored(attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def test_the_hostile_pdf_is_active_before_the_upload():
    assert hostile.active_content(hostile.pdf_with_everything_active()) == [
        "/AA",
        "/AcroForm",
        "/Annots",
        "/EF",
        "/EmbeddedFiles",
        "/JS",
        "/JavaScript",
        "/Link",
        "/OpenAction",
        "/URI",
        "/Widget",
        "/XFA",
        "the script or the address itself",
    ]


def test_a_pdf_is_stored_without_actions_javascript_links_forms_or_files(
    client, draft, django_capture_on_commit_callbacks
):
    content = hostile.pdf_with_everything_active()

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, draft, "annex.pdf", content)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    data = stored(attachment)
    assert hostile.active_content(data) == []
    assert hostile.ANNEX_TEXT in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    entry = ActivityLog.objects.get(action="usecases.attachment.added")
    assert entry.data["sha256"] == attachment.sha256
    assert entry.data["original_sha256"] != attachment.sha256
    from usecases.files.annexes import READY, preparation_of

    assert preparation_of(attachment).state == READY  # queued on commit, run at once here


def test_a_file_that_only_starts_like_a_pdf_is_refused_at_upload_in_plain_words(client, draft):
    response = upload(client, draft, "annex.pdf", b"%PDF-1.7\nnot really a PDF at all\n")

    assert response.status_code == 200
    assert UNREADABLE in response.text
    assert not Attachment.objects.exists()


def test_a_truncated_pdf_is_refused_at_upload(client, draft):
    content = hostile.pdf_with_operators(30_000)

    response = upload(client, draft, "annex.pdf", content[: len(content) // 2])

    assert UNREADABLE in response.text
    assert not Attachment.objects.exists()


def test_a_pdf_that_needs_a_password_is_refused(client, draft):
    response = upload(client, draft, "annex.pdf", hostile.pdf_with_password())

    assert (
        "This PDF is protected by a password. Save a copy without the password and upload it again."
        in response.text
    )
    assert not Attachment.objects.exists()


def test_a_pdf_with_only_an_owner_password_is_stored_unencrypted(client, draft):
    response = upload(client, draft, "annex.pdf", hostile.pdf_with_owner_password_only())

    assert response.status_code == 302
    with pikepdf.open(io.BytesIO(stored(Attachment.objects.get()))) as pdf:
        assert not pdf.is_encrypted


def test_a_pdf_with_more_pages_than_the_limit_is_refused(client, draft, settings):
    settings.ATTACHMENT_PDF_MAX_PAGES = 3

    response = upload(client, draft, "annex.pdf", hostile.plain_pdf(pages=4))

    assert (
        "This PDF has 4 pages. A PDF can have at most 3 pages: split it into smaller files."
        in response.text
    )
    assert not Attachment.objects.exists()


def test_a_page_inflating_to_hundreds_of_megabytes_is_refused_without_inflating_it(client, draft):
    content = hostile.pdf_inflating_to(300)
    assert len(content) < 400_000

    tracemalloc.start()
    response = upload(client, draft, "annex.pdf", content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert "Page 1 of this PDF has too much drawing in it (more than 10.0\xa0MB)." in response.text
    assert not Attachment.objects.exists()
    assert peak < 50 * 1024 * 1024  # the web process never held the inflated drawing


def test_a_pdf_needing_more_memory_than_the_limit_is_refused(client, draft, settings):
    settings.ATTACHMENT_PDF_MEMORY_MB = 200

    response = upload(client, draft, "annex.pdf", hostile.pdf_needing_memory(400))

    assert (
        "This PDF needs more memory to read than the portal allows. Save it again as a simpler "
        "PDF (for example by printing it to a new PDF) and upload it again."
    ) in response.text
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "macros.docx",
            hostile.office_file(parts={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"}),
        ),
        ("renamed.docx", hostile.office_file(main_type=hostile.DOCM_MAIN)),
        (
            "macros.xlsx",
            hostile.office_file("xlsx", parts={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        ),
    ],
)
def test_office_files_with_macros_are_refused(client, draft, name, content):
    response = upload(client, draft, name, content)

    assert response.status_code == 200
    assert (
        "This file contains macros or other active content. "
        "Save it as a .docx or .xlsx file without macros and upload it again."
    ) in response.text
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "linked.xlsx",
            hostile.office_file(
                "xlsx", parts={"xl/externalLinks/externalLink1.xml": "<externalLink/>"}
            ),
        ),
        (
            "template.docx",
            hostile.office_file(
                parts={
                    "word/_rels/settings.xml.rels": hostile.external_relationship(
                        "attachedTemplate", "https://attacker.example/template.dotm"
                    )
                }
            ),
        ),
        (
            "picture.docx",
            hostile.office_file(
                parts={
                    "word/_rels/document.xml.rels": hostile.external_relationship(
                        "image", "file://attacker.example/share/pixel.png"
                    )
                }
            ),
        ),
    ],
)
def test_office_files_with_external_links_are_refused(client, draft, name, content):
    response = upload(client, draft, name, content)

    assert (
        "This file links to other files or web addresses. "
        "Remove the links (paste in the values or text instead) and upload it again."
    ) in response.text
    assert not Attachment.objects.exists()


def test_a_zip_bomb_is_refused_by_its_declared_size_before_anything_is_expanded(client, draft):
    content = hostile.office_bomb(400)
    assert len(content) < 1024 * 1024

    tracemalloc.start()
    response = upload(client, draft, "bomb.docx", content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert (
        "This file unpacks to 400.0\xa0MB, more than a file may hold (100.0\xa0MB, or 100 times "
        "its size). Make it smaller and upload it again."
    ) in response.text
    assert not Attachment.objects.exists()
    assert peak < 20 * 1024 * 1024


def test_a_dense_file_under_the_size_limit_is_refused_by_its_compression_ratio(client, draft):
    response = upload(client, draft, "dense.docx", hostile.office_bomb(50))

    assert "This file unpacks to 50.0\xa0MB" in response.text
    assert not Attachment.objects.exists()


def test_an_ordinary_docx_and_xlsx_are_still_accepted(client, draft):
    assert upload(client, draft, "form.docx", hostile.office_file()).status_code == 302
    assert upload(client, draft, "sheet.xlsx", hostile.office_file("xlsx")).status_code == 302
    assert Attachment.objects.count() == 2
