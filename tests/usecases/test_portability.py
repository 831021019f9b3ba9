import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories.proposals import submitted_proposal
from triage_portal.audit.models import ActivityLog

pytestmark = pytest.mark.django_db


def test_a_proposer_downloads_everything_as_json_and_pdf(client, proposer, other_proposer):
    mine = submitted_proposal(proposer, use_case_title="My own proposal")
    submitted_proposal(other_proposer, use_case_title="Someone else's proposal")
    client.force_login(proposer)

    data = json.loads(client.post(reverse("usecases:my-data", args=["json"])).content)
    pdf = client.post(reverse("usecases:my-data", args=["pdf"]))

    assert data["account"]["email"] == proposer.email
    assert [p["id"] for p in data["proposals"]] == [mine.pk]
    assert data["proposals"][0]["answers"]["use_case_title"] == "My own proposal"
    assert data["proposals"][0]["supporters"] and data["proposals"][0]["timeline"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "My own proposal" in text and "Someone else" not in text
    assert "password" not in json.dumps(data).lower()
    assert (
        ActivityLog.objects.filter(action="accounts.data.downloaded", actor=proposer).count() == 2
    )


def test_the_profile_offers_the_download(client, proposer):
    client.force_login(proposer)

    assert "Download as PDF" in client.get(reverse("accounts:profile")).text


def test_the_download_is_a_post_and_a_get_logs_nothing(client, proposer):
    client.force_login(proposer)

    page = client.get(reverse("accounts:profile")).text
    response = client.get(reverse("usecases:my-data", args=["json"]))

    assert f'<form method="post" action="{reverse("usecases:my-data", args=["json"])}">' in page
    assert response.status_code == 405
    assert ActivityLog.objects.filter(action="accounts.data.downloaded").count() == 0
