"""A supporter's answer given to the secretariat: the route when an e-mailed link cannot work
(a RED proposal, whose content no e-mail may carry)."""

import pytest
from django.urls import reverse

from tests.factories.proposals import draft_proposal
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.enums import VERIFIED_SUPPORT, SupportStatus, SupportVerification
from usecases.errors import ActionRefused
from usecases.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def red_proposal(proposer, django_capture_on_commit_callbacks):
    submission = draft_proposal(proposer)
    Submission.objects.filter(pk=submission.pk).update(classification="RED")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    return Submission.objects.get(pk=submission.pk)


def test_the_secretariat_records_a_confirmation_that_counts_and_is_logged(
    red_proposal, secretariat
):
    supporter = red_proposal.supporters.first()

    workflow.record_support_answer(
        user=secretariat, supporter_id=supporter.pk, confirm=True, how="By phone, 3 December"
    )

    supporter.refresh_from_db()
    assert (supporter.status, supporter.verification, supporter.response_note) == (
        SupportStatus.CONFIRMED,
        SupportVerification.SECRETARIAT,
        "By phone, 3 December",
    )
    assert supporter.verification in VERIFIED_SUPPORT
    entry = ActivityLog.objects.filter(action="usecases.supporter.confirmed").latest("pk")
    assert (entry.actor, entry.data["note"], entry.data["recorded_by_secretariat"]) == (
        secretariat,
        "By phone, 3 December",
        True,
    )


def test_only_the_secretariat_records_an_answer_once_and_with_how_it_was_given(
    red_proposal, secretariat, proposer
):
    supporter = red_proposal.supporters.first()

    with pytest.raises(ActionRefused, match="Only the secretariat"):
        workflow.record_support_answer(
            user=proposer, supporter_id=supporter.pk, confirm=True, how="Trust me"
        )
    with pytest.raises(ActionRefused, match="Say how the supporter gave their answer"):
        workflow.record_support_answer(
            user=secretariat, supporter_id=supporter.pk, confirm=True, how="  "
        )
    workflow.record_support_answer(
        user=secretariat, supporter_id=supporter.pk, confirm=False, how="Letter"
    )
    with pytest.raises(ActionRefused, match="has already answered \\(declined\\)"):
        workflow.record_support_answer(
            user=secretariat, supporter_id=supporter.pk, confirm=True, how="Phone"
        )


def test_the_page_keeps_what_was_typed_after_an_error_and_records_the_answer(
    client, red_proposal, secretariat
):
    supporter = red_proposal.supporters.first()
    url = reverse("usecases:supporter-answer", args=[red_proposal.pk, supporter.pk])
    client.force_login(secretariat)

    page = client.post(url, {"how": "By phone from the SSC member"})

    assert page.status_code == 400
    assert "Select what the supporter answered" in page.text
    assert 'value="By phone from the SSC member"' in page.text
    response = client.post(url, {"response": "confirm", "how": "By phone from the SSC member"})
    assert response.status_code == 302
    supporter.refresh_from_db()
    assert supporter.status == SupportStatus.CONFIRMED


def test_the_page_is_not_there_for_anyone_else(client, red_proposal, proposer):
    supporter = red_proposal.supporters.first()
    client.force_login(proposer)

    url = reverse("usecases:supporter-answer", args=[red_proposal.pk, supporter.pk])
    assert client.get(url).status_code == 404
