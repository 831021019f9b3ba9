"""Proposers' PDFs inside official papers: no scripts or links, no slow papers, no failed packs."""

import datetime
import hashlib
import io
import time

import pikepdf
import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.models import PackJob, Paper
from assessments.papers import render
from assessments.papers.render import render_paper
from assessments.services.meetings import create_meeting
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories import hostile_files as hostile
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from usecases.models import Attachment

pytestmark = pytest.mark.django_db

COULD_NOT_READ = (
    "Annex 2 could not be included: This PDF could not be read. "
    "Save it again as a PDF and upload it again."
)


def text_of(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.fixture
def meeting(secretariat):
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    meeting.members = [membership.person for membership in members]
    return meeting


def issued_paper(meeting, secretariat, proposer, *files: bytes) -> Paper:
    """An AMBER paper whose proposal has these PDFs attached, stored as uploads were before
    they were checked (the bytes as they came), as annexes 2, 3 ..."""
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    for number, content in enumerate(files, start=1):
        attachment = Attachment(
            submission=submission,
            original_name=f"annex-{number}.pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=proposer,
        )
        attachment.file.save("annex.pdf", SimpleUploadedFile("annex.pdf", content), save=True)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    issue_paper(paper_id=paper.pk, user=secretariat)
    return Paper.objects.get(pk=paper.pk)


def drawings(data: bytes) -> bytes:
    """Every stream of the PDF, decoded: what any page draws, directly or through forms."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return b"".join(
            obj.read_bytes()
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") != "/Image"
        )


def test_javascript_and_links_of_an_annex_never_reach_the_paper(meeting, secretariat, proposer):
    paper = issued_paper(meeting, secretariat, proposer, hostile.pdf_with_everything_active())

    data = render_paper(paper)

    assert hostile.active_content(data) == []
    assert hostile.ANNEX_TEXT in text_of(data)


def test_a_heavy_annex_is_laid_in_as_a_picture(meeting, secretariat, proposer, settings):
    settings.ATTACHMENT_PDF_MAX_OPERATORS = 5_000
    paper = issued_paper(meeting, secretariat, proposer, hostile.pdf_with_operators(60_000))

    started = time.monotonic()
    data = render_paper(paper)
    elapsed = time.monotonic() - started

    assert b"0 0 m 100 100 l S" not in drawings(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pictures = [
            obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and "/Width" in obj
        ]
        assert [(int(p.Width), int(p.Height)) for p in pictures] == [(827, 1170)]
    assert elapsed < 30


def test_an_annex_too_heavy_to_prepare_in_time_is_a_page_saying_so(
    meeting, secretariat, proposer, settings
):
    """The issue's 6 KB file with 630,000 operators on its page made an AMBER paper take 142 s."""
    settings.ATTACHMENT_PDF_PREPARE_SECONDS = 3
    paper = issued_paper(meeting, secretariat, proposer, hostile.pdf_with_operators(630_000))

    started = time.monotonic()
    data = render_paper(paper)
    elapsed = time.monotonic() - started

    assert (
        "Annex 2 could not be included: This PDF took too long to prepare. Save it again as a "
        "simpler PDF (for example by printing it to a new PDF) and upload it again."
    ) in text_of(data)
    assert elapsed < 30


def test_a_pack_with_a_bad_annex_is_made_with_a_page_in_its_place_and_the_secretariat_told(
    client, meeting, secretariat, proposer, django_capture_on_commit_callbacks
):
    bad = issued_paper(meeting, secretariat, proposer, b"%PDF-1.7\nonly the first bytes of a PDF\n")
    good = issued_paper(meeting, secretariat, proposer, hostile.plain_pdf())
    first, second = meeting.members[:2]

    for reader in (first, second):
        client.force_login(reader)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("assessments:pack-request", args=[meeting.pk]))

    jobs = list(PackJob.objects.order_by("pk"))
    assert [job.status for job in jobs] == ["DONE", "DONE"]
    assert [job.error for job in jobs] == [f"{bad.reference}: {COULD_NOT_READ}"] * 2
    text = text_of(
        b"".join(
            client.get(reverse("assessments:pack-download", args=[jobs[1].pk])).streaming_content
        )
    )
    assert COULD_NOT_READ in text
    assert good.reference in text and hostile.ANNEX_TEXT in text
    page = client.get(reverse("assessments:pack-status", args=[jobs[1].pk])).text
    assert "Some annexes could not be included" in page and COULD_NOT_READ in page
    told = [m for m in mail.outbox if m.to == [django_settings.SECRETARIAT_EMAIL]]
    assert len(told) == 1  # once for the same annexes of the same meeting
    assert told[0].subject == "SSC meeting 95 pack: annexes left out"
    assert f"- {bad.reference}: {COULD_NOT_READ}" in told[0].body


def test_each_reader_gets_their_own_watermark_on_one_kept_rendering(
    client, meeting, secretariat, proposer, monkeypatch
):
    paper = issued_paper(meeting, secretariat, proposer)
    assert paper.classification == "AMBER"
    renders = []
    html_to_pdf = render.html_to_pdf

    def counted(html, *args, **kwargs):  # the paper's own render, not a watermark's page
        renders.append(len(html))
        return html_to_pdf(html, *args, **kwargs)

    monkeypatch.setattr(render, "html_to_pdf", counted)
    first, second = meeting.members[:2]
    texts = {}
    for reader in (first, second):
        client.force_login(reader)
        texts[reader] = text_of(
            client.get(reverse("assessments:paper-pdf", args=[paper.pk])).content
        )

    assert len(renders) == 1
    assert f"issued to {first.full_name}" in texts[first]
    assert f"issued to {second.full_name}" in texts[second]
    assert first.full_name not in texts[second] and second.full_name not in texts[first]
