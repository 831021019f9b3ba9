"""The gaps issue 18 found against domain.md §2.5: hold and supersede after approval, NCSC
advice before tabling, and the public level of a published Use Case."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from tests.factories.states import decided, proposal_in_state
from triage_portal.audit.models import ActivityLog
from triage_portal.perf.stamp import CACHE_ALIAS
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused
from usecases.models import SCDocument, Submission

pytestmark = pytest.mark.django_db


def state_of(submission) -> str:
    return Submission.objects.get(pk=submission.pk).state


@pytest.mark.parametrize("state", [S.APPROVED, S.AWAITING_NCSC_PUBLICATION])
def test_an_approved_proposal_can_be_put_on_hold_and_resumed(state, proposer, secretariat):
    submission = proposal_in_state(state, proposer=proposer, secretariat=secretariat)

    workflow.defer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        reason="Wait for the SEC Modification",
        decision=decided(submission.pk, "DEFER"),
    )
    assert state_of(submission) == S.ON_HOLD
    workflow.resume_proposal(submission_id=submission.pk, user=secretariat)

    assert state_of(submission) == state


@pytest.mark.parametrize("state", [S.APPROVED, S.AWAITING_NCSC_PUBLICATION])
def test_an_approved_proposal_can_be_superseded(state, proposer, secretariat):
    submission = proposal_in_state(state, proposer=proposer, secretariat=secretariat)
    newer = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    workflow.supersede_proposal(
        submission_id=submission.pk,
        user=secretariat,
        superseded_by_reference=newer.reference,
        reason="Merged into the broader proposal",
        decision=decided(submission.pk, "SUPERSEDE"),
    )

    after = Submission.objects.get(pk=submission.pk)
    assert (after.state, after.superseded_by) == (S.SUPERSEDED, newer)


def test_a_use_case_is_tabled_only_with_ncsc_advice(proposer, secretariat):
    use_case = proposal_in_state(S.UNDER_ASSESSMENT, proposer=proposer, secretariat=secretariat)
    sc_mod = proposal_in_state(
        S.UNDER_ASSESSMENT, proposer=proposer, secretariat=secretariat, kind="SC_MODIFICATION"
    )

    with pytest.raises(ActionRefused) as refusal:
        workflow.table_proposal(submission_id=use_case.pk, user=secretariat)
    workflow.table_proposal(submission_id=sc_mod.pk, user=secretariat)

    assert str(refusal.value) == (
        "Record NCSC's advice first: a Use Case is tabled for decision and approved only with "
        "NCSC's advice."
    )
    assert (state_of(use_case), state_of(sc_mod)) == (S.UNDER_ASSESSMENT, S.DECISION_PENDING)
    workflow.record_ncsc_advice(submission_id=use_case.pk, user=secretariat, advice="Content")
    workflow.table_proposal(submission_id=use_case.pk, user=secretariat)
    assert state_of(use_case) == S.DECISION_PENDING


def test_publishing_a_use_case_makes_it_public_with_a_logged_downgrade(
    client, proposer, secretariat
):
    submission = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)
    assert submission.classification == "AMBER"

    workflow.publish_use_case(submission_id=submission.pk, user=secretariat, guidance_version="2")

    after = Submission.objects.get(pk=submission.pk)
    assert (after.state, after.classification) == (S.PUBLISHED, "WHITE")
    change = ActivityLog.objects.get(
        object_id=str(submission.pk), action="usecases.proposal.classification_changed"
    )
    assert change.actor == secretariat
    assert (change.data["old"], change.data["new"], change.data["downgrade"]) == (
        "AMBER",
        "WHITE",
        True,
    )
    assert change.data["reason"] == "Published in SSC Guidance Part 2 version 2."
    published = ActivityLog.objects.get(
        object_id=str(submission.pk), action="usecases.proposal.published"
    )
    assert published.data["classification"] == {"old": "AMBER", "new": "WHITE"}
    caches[CACHE_ALIAS].clear()
    register = client.get(reverse("usecases:register-use-cases"))
    assert "005" in register.text and after.title in register.text


def test_the_public_level_is_a_setting(proposer, secretariat, settings):
    settings.PORTAL_PUBLISHED_CLASSIFICATION = "GREEN"
    submission = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)

    workflow.publish_use_case(submission_id=submission.pk, user=secretariat, guidance_version="2")

    assert Submission.objects.get(pk=submission.pk).classification == "GREEN"


def test_a_use_case_published_by_ncsc_is_public_an_sc_modification_keeps_its_level(
    proposer, secretariat
):
    use_case = proposal_in_state(
        S.AWAITING_NCSC_PUBLICATION, proposer=proposer, secretariat=secretariat
    )
    sc_mod = proposal_in_state(
        S.AWAITING_NCSC_PUBLICATION,
        proposer=proposer,
        secretariat=secretariat,
        kind="SC_MODIFICATION",
    )
    document = SCDocument.objects.create(title="CPA SC – GSME")

    for submission in (use_case, sc_mod):
        workflow.record_ncsc_publication(
            submission_id=submission.pk,
            user=secretariat,
            sc_document=document,
            version="1.5",
            published_on=timezone.localdate(),
        )

    levels = dict(
        Submission.objects.filter(pk__in=[use_case.pk, sc_mod.pk]).values_list(
            "pk", "classification"
        )
    )
    assert levels == {use_case.pk: "WHITE", sc_mod.pk: "AMBER"}
    assert not ActivityLog.objects.filter(
        object_id=str(sc_mod.pk), action="usecases.proposal.classification_changed"
    ).exists()
