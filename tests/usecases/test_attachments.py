import hashlib
import io
import zipfile

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from tests.factories.proposals import draft_proposal, submitted_proposal
from usecases.models import Attachment

pytestmark = pytest.mark.django_db


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def office_bytes(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def upload(client, submission, name, content, content_type="application/octet-stream"):
    url = reverse("usecases:proposal-section", args=[submission.pk, "attachments"])
    return client.post(
        url,
        {"action": "upload", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.parametrize(
    ("name", "content", "stored_name", "content_type"),
    [
        ("paper.pdf", pdf_bytes(), "paper.pdf", "application/pdf"),
        (
            "form.docx",
            office_bytes("word/document.xml"),
            "form.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "sheet.xlsx",
            office_bytes("xl/workbook.xml"),
            "sheet.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("diagram.png", PNG, "diagram.png", "image/png"),
        ("photo.jpeg", JPEG, "photo.jpg", "image/jpeg"),
        ("misnamed.txt", pdf_bytes(), "misnamed.pdf", "application/pdf"),
        ("../../etc/<evil>.pdf", pdf_bytes(), "evil.pdf", "application/pdf"),
    ],
)
def test_allowed_files_are_stored_by_their_real_type(
    client, proposer, name, content, stored_name, content_type
):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    response = upload(client, submission, name, content)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == stored_name
    assert attachment.content_type == content_type
    assert not attachment.file.name.endswith(stored_name)
    with attachment.file.open("rb") as stored:
        data = stored.read()
    assert attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    if content_type == "application/pdf":  # stored as rewritten, with the same page
        assert len(pikepdf.open(io.BytesIO(data)).pages) == 1
    else:
        assert data == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is an executable"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("archive.docx", office_bytes("other/thing.xml")),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_wrong_type_gets_clear_error_and_nothing_stored(client, proposer, name, content):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    response = upload(client, submission, name, content)

    assert response.status_code == 200
    assert "The selected file must be a PDF, DOCX, XLSX, PNG or JPEG" in response.text
    assert not Attachment.objects.exists()


def test_empty_file_gets_clear_error(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)

    response = upload(client, submission, "empty.pdf", b"")

    assert "The selected file is empty" in response.text


def test_oversize_file_gets_clear_error(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    content = b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024)

    response = upload(client, submission, "huge.pdf", content)

    assert response.status_code == 200
    assert "The selected file must be smaller than 20.0\xa0MB" in response.text
    assert not Attachment.objects.exists()


def test_upload_without_file_gets_clear_error(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    url = reverse("usecases:proposal-section", args=[submission.pk, "attachments"])

    response = client.post(url, {"action": "upload"})

    assert "Select a file to upload" in response.text


def test_download_is_an_attachment_never_inline(client, proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    upload(client, submission, "paper.pdf", pdf_bytes())
    attachment = Attachment.objects.get()

    response = client.get(
        reverse("usecases:attachment-download", args=[submission.pk, attachment.pk])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    with attachment.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_other_organisation_cannot_download(client, proposer, other_proposer):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    upload(client, submission, "paper.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    client.force_login(other_proposer)

    response = client.get(
        reverse("usecases:attachment-download", args=[submission.pk, attachment.pk])
    )

    assert response.status_code == 404


def test_remove_attachment_deletes_file(client, proposer, django_capture_on_commit_callbacks):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    upload(client, submission, "paper.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    storage, path = attachment.file.storage, attachment.file.name
    url = reverse("usecases:proposal-section", args=[submission.pk, "attachments"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": f"remove-{attachment.pk}"})

    assert not Attachment.objects.exists()
    assert not storage.exists(path)


def test_attachments_of_submitted_proposal_cannot_be_added(client, proposer):
    submission = submitted_proposal(proposer)
    client.force_login(proposer)

    response = upload(client, submission, "paper.pdf", pdf_bytes())

    assert response.status_code == 404


@pytest.mark.parametrize(
    "value", ["remove-abc", "remove-99999", "remove-", "remove-1e3", "remove-" + "9" * 30]
)
def test_removing_a_file_that_is_not_there_says_so_and_removes_nothing(client, proposer, value):
    submission = draft_proposal(proposer)
    client.force_login(proposer)
    upload(client, submission, "paper.pdf", pdf_bytes())
    url = reverse("usecases:proposal-section", args=[submission.pk, "attachments"])

    response = client.post(url, {"action": value}, follow=True)

    assert response.status_code == 200
    assert "That file is no longer on this proposal: nothing was removed." in response.text
    assert Attachment.objects.count() == 1


def test_removing_another_proposals_file_removes_nothing(client, proposer, other_proposer):
    theirs = draft_proposal(other_proposer)
    client.force_login(other_proposer)
    upload(client, theirs, "theirs.pdf", pdf_bytes())
    attachment = Attachment.objects.get()
    mine = draft_proposal(proposer)
    client.force_login(proposer)
    url = reverse("usecases:proposal-section", args=[mine.pk, "attachments"])

    response = client.post(url, {"action": f"remove-{attachment.pk}"}, follow=True)

    assert response.status_code == 200
    assert "That file is no longer on this proposal: nothing was removed." in response.text
    assert list(Attachment.objects.values_list("pk", flat=True)) == [attachment.pk]
