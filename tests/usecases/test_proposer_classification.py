"""A proposal is stored at least at the level its proposer chose, from the first save (issue 18)."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from tests.factories.proposals import draft_proposal
from tests.factories.states import confirm_supporters, decided, proposal_in_state
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused
from usecases.models import Submission
from usecases.selectors.proposals import proposals_visible_to

pytestmark = pytest.mark.django_db
migration = importlib.import_module("usecases.migrations.0006_workflow_rules")


def red_proposal(proposer, django_capture_on_commit_callbacks) -> Submission:
    submission = draft_proposal(proposer, proposer_classification="RED")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)
    confirm_supporters(submission)
    return Submission.objects.get(pk=submission.pk)


def test_the_first_save_stores_the_proposers_level(proposer):
    submission = workflow.start_proposal(user=proposer, kind="USE_CASE")

    workflow.save_answers(
        submission_id=submission.pk,
        user=proposer,
        answers={"proposer_classification": "RED"},
        section="scope",
    )

    assert Submission.objects.get(pk=submission.pk).classification == "RED"
    entry = ActivityLog.objects.filter(action="usecases.proposal.draft_saved").latest("pk")
    assert entry.data["classification"] == {"old": "AMBER", "new": "RED"}


def test_a_lower_choice_never_lowers_the_stored_level(proposer):
    submission = draft_proposal(proposer, proposer_classification="RED")

    workflow.save_answers(
        submission_id=submission.pk,
        user=proposer,
        answers={"proposer_classification": "WHITE"},
        section="scope",
    )

    assert Submission.objects.get(pk=submission.pk).classification == "RED"


def test_a_red_proposal_is_not_read_as_amber_before_registration(
    proposer, member, django_capture_on_commit_callbacks
):
    submission = red_proposal(proposer, django_capture_on_commit_callbacks)

    assert submission.state == S.SUBMITTED
    assert submission.classification == "RED"
    assert not proposals_visible_to(member).filter(pk=submission.pk).exists()


def test_the_acknowledgement_states_the_stored_level(proposer, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    submission = red_proposal(proposer, django_capture_on_commit_callbacks)

    acknowledgement = next(m for m in mail.outbox if m.to == [submission.proposer_email])
    assert acknowledgement.subject == f"[RED] Proposal received by the SSC: #{submission.pk}"
    assert "classified RED under the Panel Information Policy" in acknowledgement.body
    assert "AMBER" not in acknowledgement.body


def test_registration_below_the_proposers_level_needs_a_logged_reason(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    submission = red_proposal(proposer, django_capture_on_commit_callbacks)

    with pytest.raises(ActionRefused) as refusal:
        workflow.register_proposal(
            submission_id=submission.pk, user=secretariat, classification="AMBER"
        )
    assert str(refusal.value) == (
        "The proposer classified this proposal Red. Enter why it may be registered at a "
        "lower level."
    )
    assert Submission.objects.get(pk=submission.pk).state == S.SUBMITTED

    workflow.register_proposal(
        submission_id=submission.pk,
        user=secretariat,
        classification="AMBER",
        reason="Nothing in it is sensitive",
    )

    after = Submission.objects.get(pk=submission.pk)
    assert (after.state, after.classification) == (S.REGISTERED, "AMBER")
    change = ActivityLog.objects.get(action="usecases.proposal.classification_changed")
    assert change.actor == secretariat
    assert change.data == {
        "old": "RED",
        "new": "AMBER",
        "downgrade": True,
        "reason": "Nothing in it is sensitive",
        "proposer": "RED",
    }
    registered = ActivityLog.objects.get(action="usecases.proposal.registered")
    assert registered.data["previous_classification"] == "RED"
    assert registered.data["proposer_classification"] == "RED"
    assert registered.data["reason"] == "Nothing in it is sensitive"


def test_registration_at_or_above_the_proposers_level_needs_no_reason(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    submission = red_proposal(proposer, django_capture_on_commit_callbacks)

    workflow.register_proposal(submission_id=submission.pk, user=secretariat, classification="RED")

    assert Submission.objects.get(pk=submission.pk).classification == "RED"
    assert not ActivityLog.objects.filter(
        action="usecases.proposal.classification_changed"
    ).exists()


def test_register_page_shows_the_proposers_level_and_asks_for_a_reason(
    client, proposer, secretariat, django_capture_on_commit_callbacks
):
    submission = red_proposal(proposer, django_capture_on_commit_callbacks)
    url = reverse("usecases:proposal-action", args=[submission.pk, "register"])
    client.force_login(secretariat)

    page = client.get(url)
    refused = client.post(url, {"classification": "AMBER"})

    assert 'id="proposer-level"' in page.text
    assert "The proposer classified this proposal <strong>Red</strong>" in page.text
    assert 'name="classification" type="radio" value="RED" checked' in page.text
    assert refused.status_code == 200
    assert "Enter why the proposal may be classified below the proposer&#x27;s level (Red)" in (
        refused.text
    )
    assert Submission.objects.get(pk=submission.pk).state == S.SUBMITTED


def test_migration_raises_unregistered_rows_only(
    proposer, secretariat, django_capture_on_commit_callbacks
):
    submitted = red_proposal(proposer, django_capture_on_commit_callbacks)
    registered = red_proposal(proposer, django_capture_on_commit_callbacks)
    workflow.register_proposal(
        submission_id=registered.pk, user=secretariat, classification="GREEN", reason="Public"
    )
    # As rows stood before the migration: stored at the AMBER default whatever was chosen.
    Submission.objects.filter(pk=submitted.pk).update(classification="AMBER")

    migration.raise_to_proposers_level(apps, None)

    levels = dict(
        Submission.objects.filter(pk__in=[submitted.pk, registered.pk]).values_list(
            "pk", "classification"
        )
    )
    assert levels == {submitted.pk: "RED", registered.pk: "GREEN"}


def test_migration_recovers_the_approving_decision_from_the_log(proposer, secretariat):
    by_decision = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)
    by_free_text = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)
    workflow.approve_proposal(
        submission_id=by_decision.pk,
        user=secretariat,
        reason="SSC95/D09: The SSC APPROVED the Use Case.",
        decision=decided(by_decision.pk, "APPROVE", reference="SSC95/D09"),
    )
    # As rows stood before the migration: no reference kept on the proposal.
    Submission.objects.update(approval_decision_reference="")

    migration.recover_approving_decisions(apps, None)

    references = dict(
        Submission.objects.filter(pk__in=[by_decision.pk, by_free_text.pk]).values_list(
            "pk", "approval_decision_reference"
        )
    )
    assert references == {by_decision.pk: "SSC95/D09", by_free_text.pk: ""}
