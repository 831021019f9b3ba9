import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.proposals import draft_proposal
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.enums import SupportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(proposer, django_capture_on_commit_callbacks):
    submission = draft_proposal(proposer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    message = next(m for m in mail.outbox if m.to == ["supporter0@example.com"])
    return re.search(r"http://testserver(/proposals/support/\S+/)", message.body).group(1)


def test_supporter_email_holds_a_link_and_no_substance_for_amber(link):
    message = next(m for m in mail.outbox if m.to == ["supporter0@example.com"])

    assert message.subject == "[AMBER] Please confirm your support for a proposal to the SSC"
    assert "classified AMBER" in message.body
    assert "Meter Triage" not in message.body
    assert "DNO" not in message.body


def test_link_confirms_support_once(client, link):
    page = client.get(link)
    assert page.status_code == 200
    assert "Do you support this proposal?" in page.text

    response = client.post(link, {"response": "confirm", "note": "Happy to support"})

    assert response.status_code == 200
    assert "Support confirmed" in response.text
    # No one the portal can tie to the SEC Party answered: recorded, but unverified.
    assert "Your confirmation is recorded as unverified" in response.text
    entry = ActivityLog.objects.get(action="usecases.supporter.confirmed")
    assert (entry.data["note"], entry.data["verification"]) == ("Happy to support", "UNVERIFIED")
    again = client.post(link, {"response": "decline"})
    assert again.status_code == 400
    assert "This link has already been used: support was confirmed." in again.text


def test_link_can_decline(client, link, proposer):
    client.post(link, {"response": "decline"})

    supporter = proposer.submissions.get().supporters.get(name="Supporter 0")
    assert supporter.status == SupportStatus.DECLINED


def test_response_needs_a_choice(client, link):
    response = client.post(link, {"note": "kept"})

    assert "Select whether you support the proposal" in response.text
    assert "kept" in response.text


def test_tampered_link_is_rejected(client, link):
    tampered = link.replace(link.split(":")[-1][:3], "AAA", 1)

    response = client.get(tampered)

    assert response.status_code == 400
    assert "This link is not valid" in response.text


def test_forged_payload_is_rejected(client):
    response = client.get(
        reverse("usecases:support-respond", args=["eyJzIjoxLCJyIjoieCJ9:abc:def"])
    )

    assert response.status_code == 400


def test_expired_link_is_rejected(client, link, monkeypatch, settings):
    later = time.time() + (settings.SUPPORT_LINK_MAX_AGE_DAYS + 1) * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.post(link, {"response": "confirm"})

    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert not ActivityLog.objects.filter(action="usecases.supporter.confirmed").exists()
