"""A supporter reads the proposal's files through their signed link, while it is valid and only
at the level the link allows."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.proposals import draft_proposal
from tests.usecases.test_attachments import PNG
from usecases import workflow

pytestmark = pytest.mark.django_db


def proposal_with_a_file(client, proposer, secretariat, classification, capture):
    """Return a proposal with one file, submitted and registered at the classification."""
    submission = draft_proposal(proposer, proposer_classification=classification)
    client.force_login(proposer)
    client.post(
        reverse("usecases:proposal-section", args=[submission.pk, "attachments"]),
        {"action": "upload", "file": SimpleUploadedFile("diagram.png", PNG, "image/png")},
    )
    client.logout()
    with capture(execute=True):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    message = next(m for m in mail.outbox if m.to == ["supporter0@example.com"])
    link = re.search(r"http://testserver(/proposals/support/\S+/)", message.body).group(1)
    workflow.register_proposal(
        submission_id=submission.pk, user=secretariat, classification=classification
    )
    return submission, link, submission.attachments.get()


def test_the_link_page_offers_the_file_through_the_link(
    client, proposer, secretariat, django_capture_on_commit_callbacks
):
    submission, link, attachment = proposal_with_a_file(
        client, proposer, secretariat, "GREEN", django_capture_on_commit_callbacks
    )
    file_url = f"{link}attachments/{attachment.pk}/"

    page = client.get(link).text
    response = client.get(file_url)

    assert f'href="{file_url}" download>diagram.png</a>' in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Disposition"] == 'attachment; filename="diagram.png"'


def test_an_amber_file_is_withheld_from_a_holder_the_portal_cannot_tie_to_the_party(
    client, proposer, secretariat, django_capture_on_commit_callbacks
):
    submission, link, attachment = proposal_with_a_file(
        client, proposer, secretariat, "AMBER", django_capture_on_commit_callbacks
    )
    file_url = f"{link}attachments/{attachment.pk}/"

    withheld = client.get(file_url)
    supporter = submission.supporters.get()
    workflow.verify_supporter_address(
        user=secretariat, sec_party=supporter.sec_party, email=supporter.email
    )
    shown = client.get(file_url)
    shown.close()

    assert withheld.status_code == 404
    assert shown.status_code == 200


def test_a_used_link_no_longer_reads_the_file(
    client, proposer, secretariat, django_capture_on_commit_callbacks
):
    submission, link, attachment = proposal_with_a_file(
        client, proposer, secretariat, "GREEN", django_capture_on_commit_callbacks
    )
    client.post(link, {"response": "confirm"})

    response = client.get(f"{link}attachments/{attachment.pk}/")

    assert response.status_code == 400
    assert "This link has already been used: support was confirmed." in response.text


def test_a_file_of_another_proposal_is_not_read_through_the_link(
    client, proposer, secretariat, django_capture_on_commit_callbacks
):
    _, link, _ = proposal_with_a_file(
        client, proposer, secretariat, "GREEN", django_capture_on_commit_callbacks
    )
    mail.outbox.clear()
    _, _, other = proposal_with_a_file(
        client, proposer, secretariat, "GREEN", django_capture_on_commit_callbacks
    )

    assert client.get(f"{link}attachments/{other.pk}/").status_code == 404
