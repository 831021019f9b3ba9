import io

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.services.decisions import record_consensus_decision
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.minutes import draft_minutes
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from triage_portal.perf.stamp import CACHE_ALIAS
from usecases import workflow
from usecases.models import Submission

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def decided(secretariat, proposer):
    ssc, chair, members = ssc_with_members(3)
    # A consensus decision is taken in a quorate meeting, on or after its date.
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=timezone.localdate())
    for membership in [chair, *members]:
        record_attendance(
            user=secretariat, meeting=meeting, person=membership.person, status="PRESENT"
        )
    submission = proposal_in_state("DECISION_PENDING", proposer=proposer, secretariat=secretariat)
    decision = record_consensus_decision(
        user=secretariat,
        committee=ssc,
        meeting=meeting,
        outcome="APPROVE_WITH_CONDITIONS",
        resolution="The SSC APPROVED the Use Case.",
        submission=submission,
        outcome_text="Only in assured Triage Facilities",
    )
    return {
        "meeting": meeting,
        "decision": decision,
        "submission": submission,
        "member": members[0].person,
    }


def test_decision_letter_for_the_proposer(client, decided, proposer, other_proposer):
    client.force_login(proposer)

    response = client.get(reverse("assessments:decision-letter", args=[decided["decision"].pk]))

    text = text_of(response.content)
    assert "SSC95/D01" in text and "The SSC APPROVED the Use Case." in text
    assert "Only in assured Triage Facilities" in text
    assert "David Lyons" in text and "Supporter 0" in text
    assert "issued to Ann Proposer" in text
    client.force_login(other_proposer)
    assert (
        client.get(
            reverse("assessments:decision-letter", args=[decided["decision"].pk])
        ).status_code
        == 404
    )


def test_minutes_pdf_for_members(client, decided, secretariat, other_proposer):
    draft_minutes(meeting_id=decided["meeting"].pk, user=secretariat)
    client.force_login(decided["member"])

    response = client.get(reverse("assessments:minutes-pdf", args=[decided["meeting"].pk]))

    text = text_of(response.content)
    assert "DRAFT – not yet approved" in text and "SSC95/D01" in text
    assert "AMBER" in text
    client.force_login(other_proposer)
    assert (
        client.get(reverse("assessments:minutes-pdf", args=[decided["meeting"].pk])).status_code
        == 404
    )


def test_public_registers_show_only_white_published_items(client, decided, secretariat, proposer):
    submission = decided["submission"]
    amber_url = reverse("usecases:register-use-cases")
    # Publishing takes the Use Case to the public level (WHITE), so it reaches the register.
    workflow.publish_use_case(submission_id=submission.pk, user=secretariat, guidance_version="2.0")

    page = client.get(amber_url)
    csv_body = b"".join(client.get(amber_url, {"format": "csv"}).streaming_content).decode()
    pdf_text = text_of(client.get(amber_url, {"format": "pdf"}).content)

    assert page.status_code == 200 and "005" in page.text and "Meter Triage" in page.text
    assert "005,Meter Triage" in csv_body
    assert "Meter Triage" in pdf_text and "WHITE" in pdf_text
    status = client.get(reverse("usecases:register-proposals"))
    assert submission.reference in status.text
    assert client.get(reverse("usecases:register-sc-documents")).status_code == 200
    # A published proposal's classification cannot be changed in the portal, so the test
    # changes it behind the services' back, which records nothing: the counts kept until
    # the next recorded change are let go, as after any change made outside the portal.
    Submission.objects.filter(pk=submission.pk).update(classification="AMBER")
    caches[CACHE_ALIAS].clear()
    assert "Meter Triage" not in client.get(amber_url).text


def test_register_page_cuts_long_answers_the_csv_keeps_them(client, decided, secretariat):
    submission = decided["submission"]
    workflow.publish_use_case(submission_id=submission.pk, user=secretariat, guidance_version="2.0")
    long_answer = "Permits <re-use> & more. " + "x" * 700 + " THE END"
    Submission.objects.filter(pk=submission.pk).update(
        classification="WHITE", q3_solution=long_answer
    )
    url = reverse("usecases:register-use-cases")

    page = client.get(url).text
    csv_body = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()

    assert "Permits &lt;re-use&gt; &amp; more." in page and "THE END" not in page
    assert "x" * 574 + "…" in page
    assert "THE END" in csv_body
    published = Submission.objects.get(pk=submission.pk).published_at
    assert f'<td class="govuk-table__cell">{published:%-d %b %Y}</td>' in page
