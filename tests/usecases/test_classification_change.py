import pytest
from django.urls import reverse

from tests.factories.states import proposal_in_state
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.errors import ActionRefused
from usecases.models import Submission

pytestmark = pytest.mark.django_db


def test_downgrade_needs_a_reason_and_is_logged(proposer, secretariat):
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)

    with pytest.raises(ActionRefused, match="Enter why the classification may be lowered"):
        workflow.change_classification(
            submission_id=submission.pk, user=secretariat, classification="WHITE"
        )
    workflow.change_classification(
        submission_id=submission.pk,
        user=secretariat,
        classification="WHITE",
        reason="Redacted version agreed",
    )

    entry = ActivityLog.objects.get(action="usecases.proposal.classification_changed")
    assert entry.data == {
        "old": "AMBER",
        "new": "WHITE",
        "downgrade": True,
        "reason": "Redacted version agreed",
    }
    assert entry.actor == secretariat


def test_raising_needs_no_reason_and_only_secretariat_may(client, proposer, secretariat, member):
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    url = reverse("usecases:classification-change", args=[submission.pk])

    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    client.post(url, {"classification": "RED", "reason": ""})

    assert Submission.objects.get(pk=submission.pk).classification == "RED"
    assert (
        ActivityLog.objects.get(action="usecases.proposal.classification_changed").data["downgrade"]
        is False
    )
