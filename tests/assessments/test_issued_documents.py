"""Every PDF the portal issues is signed and recorded; the public page checks one."""

import hashlib
import io
import re

import pytest
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from assessments.models import IssuedDocument, PackJob, Paper
from assessments.services.minutes import draft_minutes
from tests.assessments import test_documents, test_pdf_outputs
from triage_portal.pdf import html_to_pdf
from triage_portal.signing import credentials, outside_an_event_loop

pytestmark = pytest.mark.django_db

CHECK = "/check-a-document/"
# The meetings, papers and decisions of the PDF tests.
decided = test_documents.decided
meeting_with_papers = test_pdf_outputs.meeting_with_papers
text_of = test_pdf_outputs.text_of


def assert_signed_by_the_portal(data: bytes) -> None:
    """Validate the PDF's one signature with pyHanko, the portal's certificate the trust root."""
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    context = ValidationContext(trust_roots=[credentials().cert], allow_fetching=False)
    # pyHanko runs asyncio.run(); after the browser tests this thread runs an event loop.
    status = outside_an_event_loop(lambda: validate_pdf_signature(signature, context))
    assert status.bottom_line is True
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE


def record_of(data: bytes) -> IssuedDocument:
    return IssuedDocument.objects.get(sha256=hashlib.sha256(data).hexdigest())


def result_of(response) -> str:
    """The result box of the check page, as one line of text."""
    html = response.content.decode()
    start = html.index('<div id="result"')
    box = html[start : html.index("<form", start)]
    return " ".join(re.sub(r"<[^>]+>", " ", box).split())


def upload(client, data: bytes, name: str = "paper.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        CHECK,
        {"check": "document", "document": SimpleUploadedFile(name, data, "application/pdf")},
    )


# Signed and recorded, from the views, as the reader receives them.


def test_an_amber_paper_is_signed_after_the_readers_watermark(client, meeting_with_papers):
    member = meeting_with_papers["member"]
    paper = meeting_with_papers["paper"]
    client.force_login(member)

    data = client.get(reverse("assessments:paper-pdf", args=[paper.pk])).content

    assert_signed_by_the_portal(data)
    assert f"issued to {member.full_name}" in text_of(data)
    record = record_of(data)
    assert (record.kind, record.reference, record.title, record.classification) == (
        "PAPER",
        paper.reference,
        paper.title,
        "AMBER",
    )
    assert (record.issued_to, record.paper) == (member, paper)


def test_a_shared_copy_is_signed_once_and_served_again(client, meeting_with_papers):
    paper = meeting_with_papers["paper"]
    Paper.objects.filter(pk=paper.pk).update(classification="GREEN")
    client.force_login(meeting_with_papers["member"])
    url = reverse("assessments:paper-pdf", args=[paper.pk])

    first = client.get(url).content
    second = client.get(url).content

    assert first == second
    assert_signed_by_the_portal(first)
    assert IssuedDocument.objects.filter(paper=paper).count() == 1
    assert record_of(first).issued_to is None


def test_minutes_and_decision_letters_are_signed_and_recorded(
    client,
    decided,
    secretariat,
    proposer,
):
    draft_minutes(meeting_id=decided["meeting"].pk, user=secretariat)
    client.force_login(decided["member"])
    minutes = client.get(reverse("assessments:minutes-pdf", args=[decided["meeting"].pk])).content
    client.force_login(proposer)
    letter = client.get(
        reverse("assessments:decision-letter", args=[decided["decision"].pk])
    ).content

    assert_signed_by_the_portal(minutes)
    assert_signed_by_the_portal(letter)
    assert (record_of(minutes).kind, record_of(minutes).reference) == (
        "MINUTES",
        f"SSC_95_{decided['meeting'].date:%d%m}_MINUTES",  # as printed on the minutes
    )
    assert (record_of(letter).kind, record_of(letter).reference) == ("DECISION_LETTER", "SSC95/D01")
    assert record_of(letter).issued_to == proposer


def test_a_pack_is_signed_for_its_reader(
    client, meeting_with_papers, django_capture_on_commit_callbacks
):
    member = meeting_with_papers["member"]
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessments:pack-request", args=[meeting_with_papers["meeting"].pk]))
    job = PackJob.objects.get()

    data = b"".join(
        client.get(reverse("assessments:pack-download", args=[job.pk])).streaming_content
    )

    assert_signed_by_the_portal(data)
    record = record_of(data)
    assert (record.kind, record.reference, record.classification, record.issued_to) == (
        "PACK",
        "SSC meeting 95 pack",
        "AMBER",
        member,
    )


# The "Check a document" page.


@pytest.fixture
def amber_copy(client, meeting_with_papers) -> bytes:
    client.force_login(meeting_with_papers["member"])
    data = client.get(
        reverse("assessments:paper-pdf", args=[meeting_with_papers["paper"].pk])
    ).content
    client.logout()
    return data


def test_a_genuine_document_is_confirmed_without_its_title_to_a_stranger(
    client, amber_copy, meeting_with_papers
):
    response = upload(client, amber_copy)

    text = result_of(response)
    record = record_of(amber_copy)
    assert response.status_code == 200
    assert text.startswith(
        "This is a genuine document The portal issued it on "
        f"{record.issued_at:%-d %B %Y}, and it has not been changed since"
    )
    assert "Classification AMBER" in text
    assert meeting_with_papers["paper"].title not in response.content.decode()
    assert meeting_with_papers["paper"].reference not in response.content.decode()


def test_a_genuine_document_shows_its_title_to_someone_who_may_read_it(
    client, amber_copy, meeting_with_papers
):
    client.force_login(meeting_with_papers["member"])

    text = result_of(upload(client, amber_copy))

    paper = meeting_with_papers["paper"]
    assert f"Reference {paper.reference} Title {paper.title}" in text
    assert "Document Committee paper" in text


def test_one_altered_byte_is_reported_as_altered(client, amber_copy):
    altered = bytearray(amber_copy)
    altered[len(amber_copy) // 3] ^= 0x01

    text = result_of(upload(client, bytes(altered)))

    assert text.startswith("Warning This document has been altered since the portal issued it")


def test_a_pdf_the_portal_never_issued_is_not_recognised(client):
    unknown = html_to_pdf('<html lang="en"><body><p>A paper made elsewhere</p></body></html>')

    text = result_of(upload(client, unknown))

    assert text.startswith("Warning This is not a document issued by this portal")


def test_a_file_that_is_not_a_pdf_is_refused_with_a_clear_error(client):
    response = upload(client, b"PK\x03\x04 a zip, not a PDF", name="paper.docx")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Check a document – SSC Triage Portal</title>" in html
    assert 'href="#id_document">The selected file must be a PDF</a>' in html
    assert 'id="result"' not in html


def test_an_empty_form_and_a_file_over_the_limit_are_refused(client, settings):
    settings.PORTAL_DOCUMENT_CHECK_MAX_MB = 1

    empty = client.post(CHECK, {"check": "document"}).content.decode()
    too_big = upload(client, b"%PDF-1.7\n" + b"0" * (1024 * 1024)).content.decode()

    assert "Select the PDF you want to check" in empty
    assert "The selected file must be smaller than 1.0\xa0MB" in too_big


def test_a_reference_is_confirmed_to_someone_who_may_read_it(
    client, amber_copy, meeting_with_papers
):
    paper = meeting_with_papers["paper"]
    client.force_login(meeting_with_papers["member"])

    text = result_of(
        client.post(CHECK, {"check": "reference", "reference": paper.reference.lower()})
    )

    assert text.startswith(f"Found The portal issued committee paper {paper.reference}")
    assert f"Title {paper.title}" in text


def test_a_red_reference_gets_the_same_answer_as_one_never_issued(
    client, meeting_with_papers, secretariat
):
    red = meeting_with_papers["red"]
    client.force_login(secretariat)
    client.get(reverse("assessments:paper-pdf", args=[red.pk]))  # issued: on the register
    client.force_login(meeting_with_papers["member"])  # a member not named on the RED item

    not_entitled = client.post(CHECK, {"check": "reference", "reference": red.reference})
    unknown = client.post(CHECK, {"check": "reference", "reference": "SSC_999_99"})
    client.logout()
    anonymous = client.post(CHECK, {"check": "reference", "reference": red.reference})

    expected = (
        "We cannot confirm a document with this reference Either the portal has not issued a "
        "document with this reference, or you are not allowed to see it. If you have the "
        "document, upload it to check it."
    )
    assert result_of(not_entitled) == result_of(unknown) == result_of(anonymous) == expected
    assert not_entitled.status_code == unknown.status_code == 200
    assert red.title not in not_entitled.content.decode()


def test_checks_are_rate_limited_per_address(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "document_check": "2/h"}

    answers = [
        client.post(CHECK, {"check": "reference", "reference": f"SSC_{n}"}).status_code
        for n in range(3)
    ]

    assert answers == [200, 200, 429]
    refused = client.post(CHECK, {"check": "reference", "reference": "SSC_4"}).content.decode()
    assert "There have been too many attempts from your network. Wait 60 minutes" in refused


def test_the_footer_links_to_the_check_page(client):
    html = client.get(CHECK).content.decode()

    assert '<a class="govuk-footer__link" href="/check-a-document/">Check a document</a>' in html
    assert '<h1 class="govuk-heading-l">Check a document</h1>' in html


def test_a_digest_written_into_the_register_by_an_insider_makes_nothing_genuine(client):
    forged = html_to_pdf('<html lang="en"><body><p>Decision: APPROVED</p></body></html>')
    IssuedDocument.objects.create(
        sha256=hashlib.sha256(forged).hexdigest(),
        kind="DECISION_LETTER",
        reference="SSC95/D01",
        title="Decision on UC-2026-001",
        classification="WHITE",
    )

    text = result_of(upload(client, forged))

    assert text.startswith("Warning This is not a document issued by this portal")


def test_a_portal_signed_copy_missing_from_the_register_is_flagged(client, amber_copy):
    IssuedDocument.objects.filter(sha256=hashlib.sha256(amber_copy).hexdigest()).delete()

    text = result_of(upload(client, amber_copy))

    assert text.startswith(
        "Important This document carries a valid portal signature, but it is not in the "
        "portal's register of issued documents"
    )
