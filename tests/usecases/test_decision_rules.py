"""The SSC's decisions move a proposal only from a recorded decision (issue 18).

The workflow reads a decision through its attributes (usecases.workflow.decisions); these
tests hand it the walker's RecordedDecision. tests/assessments/test_outcomes.py drives the
same services from the committee's real decisions.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.people import UserFactory
from tests.factories.states import decided, future, proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused
from usecases.models import SCDocument, Submission
from usecases.presentation.transition_pages import available_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(db):
    return UserFactory(role=Role.SSC_CHAIR, full_name="Chris Chair")


def state_of(submission) -> str:
    return Submission.objects.get(pk=submission.pk).state


def proposal_log(submission, event: str) -> ActivityLog:
    return ActivityLog.objects.filter(
        object_id=str(submission.pk), action=f"usecases.proposal.{event}"
    ).latest("pk")


@pytest.mark.parametrize(
    ("service", "state", "words"),
    [
        (
            workflow.progress_proposal,
            S.INITIAL_CONSIDERATION,
            "Progressing a proposal to assessment",
        ),
        (workflow.approve_proposal, S.DECISION_PENDING, "Approving a proposal"),
        (
            workflow.send_back_proposal,
            S.DECISION_PENDING,
            "Sending a proposal back for further work",
        ),
        (workflow.reject_proposal, S.DECISION_PENDING, "Rejecting a proposal"),
    ],
)
def test_the_chair_and_the_secretariat_cannot_decide_alone(
    service, state, words, proposer, secretariat, chair
):
    submission = proposal_in_state(state, proposer=proposer, secretariat=secretariat)

    for user in (chair, secretariat):
        with pytest.raises(ActionRefused) as refusal:
            service(submission_id=submission.pk, user=user, reason="We decided")
        assert str(refusal.value) == (
            f"{words} is a decision of the SSC. Record it on the committee side, from a vote "
            "or a consensus decision in a quorate meeting."
        )

    assert state_of(submission) == state


def test_a_decision_must_be_about_this_proposal_passed_and_matching(proposer, secretariat):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)
    other = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)
    pk = submission.pk

    cases = [
        (decided(other.pk, "APPROVE", reference="SSC95/D01"), "SSC95/D01 is not about this"),
        (decided(pk, "APPROVE", reference="SSC95/D02", passed=False), "SSC95/D02 did not pass"),
        (decided(pk, "REJECT", reference="SSC95/D03"), "SSC95/D03 does not decide this"),
        (decided(pk, "APPROVE", reference=" "), "has no reference"),
    ]
    for decision, message in cases:
        with pytest.raises(ActionRefused, match=message):
            workflow.approve_proposal(
                submission_id=pk, user=secretariat, reason="Approved", decision=decision
            )

    assert state_of(submission) == S.DECISION_PENDING
    assert not ActivityLog.objects.filter(action="usecases.proposal.approved").exists()


def test_the_transition_is_logged_with_the_decision_reference(proposer, secretariat):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)

    workflow.approve_proposal(
        submission_id=submission.pk,
        user=secretariat,
        reason="SSC95/D04: The SSC APPROVED the Use Case.",
        decision=decided(submission.pk, "APPROVE_WITH_CONDITIONS", reference="SSC95/D04"),
        conditions="Assured facilities only",
    )

    after = Submission.objects.get(pk=submission.pk)
    assert (after.state, after.approval_decision_reference) == (S.APPROVED, "SSC95/D04")
    assert after.approval_conditions == "Assured facilities only"
    entry = proposal_log(submission, "approved")
    assert entry.data["decision"] == "SSC95/D04"
    assert entry.data["previous"] == S.DECISION_PENDING


def test_a_decision_moves_a_proposal_once(proposer, secretariat):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)
    back = decided(submission.pk, "PROGRESS", reference="SSC95/D05")
    workflow.send_back_proposal(
        submission_id=submission.pk, user=secretariat, reason="More work", decision=back
    )
    workflow.record_ncsc_advice(submission_id=submission.pk, user=secretariat, advice="Fine")
    workflow.table_proposal(submission_id=submission.pk, user=secretariat)

    with pytest.raises(ActionRefused, match="Decision SSC95/D05 has already moved this proposal"):
        workflow.send_back_proposal(
            submission_id=submission.pk, user=secretariat, reason="Again", decision=back
        )
    assert state_of(submission) == S.DECISION_PENDING


def test_send_back_accepts_a_send_back_outcome_too(proposer, secretariat):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)

    workflow.send_back_proposal(
        submission_id=submission.pk,
        user=secretariat,
        reason="More work",
        decision=decided(submission.pk, "SEND_BACK", reference="SSC95/D06"),
    )

    assert state_of(submission) == S.UNDER_ASSESSMENT
    assert proposal_log(submission, "sent_back").data["decision"] == "SSC95/D06"


def test_only_the_chair_defers_and_only_the_secretariat_supersedes_without_a_decision(
    proposer, secretariat, chair
):
    submission = proposal_in_state(S.UNDER_ASSESSMENT, proposer=proposer, secretariat=secretariat)
    newer = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    with pytest.raises(ActionRefused, match="Only the SSC Chair may put a proposal on hold"):
        workflow.defer_proposal(submission_id=submission.pk, user=secretariat, reason="Wait")
    with pytest.raises(ActionRefused, match="Only the secretariat may close a proposal"):
        workflow.supersede_proposal(
            submission_id=submission.pk,
            user=chair,
            superseded_by_reference=newer.reference,
            reason="Merged",
        )
    workflow.defer_proposal(submission_id=submission.pk, user=chair, reason="Wait for MP")

    assert state_of(submission) == S.ON_HOLD
    assert "decision" not in proposal_log(submission, "put_on_hold").data


def test_clarification_and_referral_decisions_are_checked_and_logged(proposer, secretariat):
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )

    with pytest.raises(ActionRefused, match="SSC95/D07 does not decide this"):
        workflow.request_clarification(
            submission_id=submission.pk,
            user=secretariat,
            questions=["Why?"],
            due_on=future(),
            decision=decided(submission.pk, "REFER", reference="SSC95/D07"),
        )
    workflow.request_clarification(
        submission_id=submission.pk,
        user=secretariat,
        questions=["Why?"],
        due_on=future(),
        decision=decided(submission.pk, "CLARIFY", reference="SSC95/D08"),
    )

    assert proposal_log(submission, "clarification_requested").data["decision"] == "SSC95/D08"


def test_publication_needs_an_approval_from_a_decision(proposer, secretariat):
    use_case = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)
    sc_mod = proposal_in_state(
        S.AWAITING_NCSC_PUBLICATION,
        proposer=proposer,
        secretariat=secretariat,
        kind="SC_MODIFICATION",
    )
    # As a proposal approved from free text before decisions were required is stored.
    Submission.objects.filter(pk__in=[use_case.pk, sc_mod.pk]).update(
        approval_decision_reference=""
    )

    with pytest.raises(ActionRefused, match="Only a proposal approved by a recorded SSC decision"):
        workflow.publish_use_case(
            submission_id=use_case.pk, user=secretariat, guidance_version="2.1"
        )
    with pytest.raises(ActionRefused, match="Only a proposal approved by a recorded SSC decision"):
        workflow.record_ncsc_publication(
            submission_id=sc_mod.pk,
            user=secretariat,
            sc_document=SCDocument.objects.create(title="SC GSME"),
            version="2.0",
            published_on=timezone.localdate(),
        )

    assert (state_of(use_case), state_of(sc_mod)) == (S.APPROVED, S.AWAITING_NCSC_PUBLICATION)


def test_publication_logs_the_approving_decision(proposer, secretariat):
    submission = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)
    approval = Submission.objects.get(pk=submission.pk).approval_decision_reference

    workflow.publish_use_case(submission_id=submission.pk, user=secretariat, guidance_version="2")

    assert approval.startswith("SSC90/D")
    assert proposal_log(submission, "published").data["decision"] == approval


def test_ncsc_changes_need_a_new_approval(proposer, secretariat):
    submission = proposal_in_state(
        S.AWAITING_NCSC_PUBLICATION, proposer=proposer, secretariat=secretariat
    )

    workflow.ncsc_changes_required(submission_id=submission.pk, user=secretariat, reason="Redo")

    after = Submission.objects.get(pk=submission.pk)
    assert (after.state, after.approval_decision_reference) == (S.UNDER_ASSESSMENT, "")


def test_proposal_page_offers_no_decision_without_a_vote(client, proposer, secretariat, chair):
    pending = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)

    for user in (chair, secretariat):
        slugs = [action.slug for action in available_actions(pending, user)]
        assert not {"approve", "reject", "send-back", "progress"} & set(slugs), slugs
        client.force_login(user)
        page = client.get(pending.get_absolute_url())
        assert 'id="committee-decision"' in page.text
        assert "/act/approve/" not in page.text and "/act/reject/" not in page.text
        for slug in ("approve", "reject", "send-back", "progress"):
            url = reverse("usecases:proposal-action", args=[pending.pk, slug])
            assert client.get(url).status_code == 404
            assert client.post(url, {"reason": "Agreed"}).status_code == 404
    assert state_of(pending) == S.DECISION_PENDING


def test_proposal_page_offers_defer_to_the_chair_and_supersede_to_the_secretariat(
    client, proposer, secretariat, chair
):
    submission = proposal_in_state(S.UNDER_ASSESSMENT, proposer=proposer, secretariat=secretariat)
    defer = reverse("usecases:proposal-action", args=[submission.pk, "defer"])
    supersede = reverse("usecases:proposal-action", args=[submission.pk, "supersede"])

    assert [
        a.slug for a in available_actions(submission, chair) if a.slug in ("defer", "supersede")
    ] == ["defer"]
    assert [
        a.slug
        for a in available_actions(submission, secretariat)
        if a.slug in ("defer", "supersede")
    ] == ["supersede"]
    client.force_login(secretariat)
    assert client.get(defer).status_code == 404
    client.force_login(chair)
    assert client.get(supersede).status_code == 404
    response = client.post(defer, {"reason": "Waiting for MP"})
    assert response.status_code == 302
    assert state_of(submission) == S.ON_HOLD
