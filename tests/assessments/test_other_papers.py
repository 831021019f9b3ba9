"""Papers that are not about a proposal: For Information / Discussion, security documents, SCIRS."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.enums import MeetingStatus, PaperKind, Session
from assessments.models import Meeting, Paper
from assessments.papers.render import render_paper
from assessments.services.meetings import create_meeting
from assessments.services.other_papers import add_paper_item
from assessments.services.papers import issue_paper
from tests.factories import hostile_files
from tests.factories.committee import ssc_with_members
from triage_portal.audit.models import ActivityLog
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db
PURPOSE = "To inform the SSC of the annual review of the Security Controls Framework."
BODY = "The review found no controls that need to change.\n\nTwo clarifications are proposed."


def text_of(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


@pytest.fixture
def meeting(secretariat):
    ssc, _, _ = ssc_with_members(3)
    return create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )


def add(secretariat, meeting, **changes) -> Paper:
    values = {
        "kind": PaperKind.SECURITY_DOCUMENT,
        "title": "Security Controls Framework annual review",
        "action": "FOR_INFORMATION",
        "classification": "AMBER",
        "author_name": "Sue Secretariat",
        "author_role": "SECAS Analyst, SECAS",
        "purpose": PURPOSE,
        "body": BODY,
    }
    values.update(changes)
    return add_paper_item(user=secretariat, meeting_id=meeting.pk, **values)


def test_a_paper_without_a_proposal_goes_on_the_agenda_and_is_issued_with_a_reference(
    secretariat, meeting
):
    paper = add(secretariat, meeting)
    item = paper.agenda_item
    assert (item.number, item.submission, item.session) == (3, None, Session.OPEN)
    assert list(meeting.items.order_by("number").values_list("number", "title")) == [
        (1, "Minutes and actions"),
        (2, "Declarations of interest"),
        (3, "Security Controls Framework annual review"),
        (4, "Any other business"),
    ]
    entry = ActivityLog.objects.get(action="assessments.paper.drafted")
    assert entry.actor == secretariat
    assert entry.data["kind"] == "SECURITY_DOCUMENT"
    issued = issue_paper(paper_id=paper.pk, user=secretariat)
    assert issued.reference == f"SSC_95_{meeting.date:%d%m}_03"


def test_a_red_scirs_item_sits_in_the_closed_session(secretariat, meeting):
    paper = add(secretariat, meeting, kind=PaperKind.SCIRS, classification="RED")
    assert paper.agenda_item.session == Session.CLOSED


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"kind": PaperKind.PROPOSAL},
            "A paper on a proposal is put on the agenda from the proposal's page.",
        ),
        ({"classification": "PURPLE"}, "Select the paper's classification."),
        ({"title": "  "}, "Enter the paper's title."),
    ],
)
def test_refusals(secretariat, meeting, changes, message):
    with pytest.raises(ActionRefused) as refused:
        add(secretariat, meeting, **changes)
    assert str(refused.value) == message
    assert not Paper.objects.exists()


def test_only_the_secretariat_and_only_on_a_planned_meeting(secretariat, meeting, member):
    with pytest.raises(ActionRefused) as refused:
        add(member, meeting)
    assert str(refused.value) == "You cannot do that."
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    with pytest.raises(ActionRefused) as refused:
        add(secretariat, meeting)
    assert str(refused.value) == (f"{meeting} is held: papers go on a planned meeting's agenda.")


def test_the_pdf_is_in_the_house_style_with_its_own_sections(secretariat, meeting):
    paper = issue_paper(paper_id=add(secretariat, meeting).pk, user=secretariat)
    text = text_of(render_paper(Paper.objects.get(pk=paper.pk)))
    reference = paper.reference
    assert f"Paper Reference: {reference} Action: For Information" in text
    assert f"{reference} – Security Controls Framework annual review" in text
    assert f"1. Purpose {PURPOSE}" in text
    assert "2. The document The review found no controls that need to change." in text
    assert "Recommendation" not in text
    assert "Background" not in text
    assert "This document is classified as Amber" in text
    assert "Page 1 of 1" in text
    assert "Sue Secretariat SECAS Analyst, SECAS" in text


def test_a_for_discussion_paper_with_recommendations(secretariat, meeting):
    paper = add(
        secretariat,
        meeting,
        kind=PaperKind.GENERAL,
        action="FOR_DISCUSSION",
        background="The SSC asked for this at meeting 94.",
        recommendations=[("DISCUSS", "the options in section 3; and"), ("NOTE", "the timetable.")],
    )
    text = text_of(render_paper(paper))
    assert "Action: For Discussion" in text
    assert "2. Background The SSC asked for this at meeting 94." in text
    assert "3. Discussion The review found" in text
    assert "4. Recommendation The SSC is requested to: DISCUSS the options in section 3; and" in (
        text
    )


def test_the_form_adds_the_paper_with_its_pdf_laid_in(client, secretariat, meeting):
    client.force_login(secretariat)
    url = reverse("assessments:paper-new", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Add a paper that is not about a proposal" in page
    response = client.post(
        url,
        {
            "kind": "SECURITY_DOCUMENT",
            "title": "Risk Treatment Plan v3",
            "action": "FOR_INFORMATION",
            "classification": "AMBER",
            "author_name": "Sue Secretariat",
            "author_role": "SECAS",
            "purpose": PURPOSE,
            "body": BODY,
            "recommendations": "",
            "document": SimpleUploadedFile(
                "Risk Treatment Plan v3.pdf", hostile_files.plain_pdf(2), "application/pdf"
            ),
        },
    )
    paper = Paper.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:paper-detail", args=[paper.pk])
    detail = client.get(response["Location"]).content.decode()
    assert '<h2 class="paper-section govuk-heading-m">2. The document</h2>' in detail
    assert "Recommendation</h2>" not in detail
    annex = paper.annexes.get()
    assert (annex.position, annex.title, annex.document.original_name) == (
        1,
        "Risk Treatment Plan v3",
        "Risk Treatment Plan v3.pdf",
    )
    data = render_paper(paper)
    assert len(PdfReader(io.BytesIO(data)).pages) == 4
    text = text_of(data)
    assert "Annex 1 - Risk Treatment Plan v3" in text
    assert text.count(hostile_files.ANNEX_TEXT) == 2
    assert "Page 4 of 4" in text


def test_the_form_keeps_what_was_typed_and_refuses_a_file_that_is_not_a_pdf(
    client, secretariat, meeting, member
):
    client.force_login(member)
    assert client.get(reverse("assessments:paper-new", args=[meeting.pk])).status_code == 404
    client.force_login(secretariat)
    response = client.post(
        reverse("assessments:paper-new", args=[meeting.pk]),
        {
            "kind": "SCIRS",
            "title": "SCIRS issue 42",
            "action": "FOR_INFORMATION",
            "classification": "AMBER",
            "author_name": "Sue Secretariat",
            "author_role": "SECAS",
            "purpose": "",
            "body": BODY,
            "document": SimpleUploadedFile("notes.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the paper&#x27;s purpose" in page
    assert "The selected file must be a PDF" in page
    assert 'value="SCIRS issue 42"' in page
    assert 'value="SCIRS" checked' in page
    assert not Paper.objects.exists()
