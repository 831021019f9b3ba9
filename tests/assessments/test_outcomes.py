"""A recorded committee decision moves its proposal, with its reference, in one transaction."""

import pytest
from django.utils import timezone

from assessments.enums import AttendanceStatus
from assessments.services.ballots import cast_vote, open_ballot
from assessments.services.decisions import close_ballot, record_consensus_decision
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from triage_portal.audit.models import ActivityLog
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def ssc(secretariat):
    committee, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat, committee=committee, number=95, date=timezone.localdate()
    )
    for membership in (chair, *members):
        record_attendance(
            user=secretariat,
            meeting=meeting,
            person=membership.person,
            status=AttendanceStatus.PRESENT,
        )
    return {
        "committee": committee,
        "meeting": meeting,
        "chair": chair.person,
        "members": [m.person for m in members],
    }


def proposal_log(submission, event: str) -> ActivityLog:
    return ActivityLog.objects.filter(
        object_id=str(submission.pk), action=f"usecases.proposal.{event}"
    ).latest("pk")


def consensus(ssc, secretariat, submission, outcome: str, outcome_text: str = ""):
    return record_consensus_decision(
        user=secretariat,
        committee=ssc["committee"],
        meeting=ssc["meeting"],
        outcome=outcome,
        resolution=f"The SSC AGREED: {outcome.lower()}.",
        submission=submission,
        outcome_text=outcome_text,
    )


def test_an_approval_by_consensus_is_kept_and_publication_names_it(ssc, secretariat, proposer):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)

    decision = consensus(ssc, secretariat, submission, "APPROVE_WITH_CONDITIONS", "Assured only")

    after = Submission.objects.get(pk=submission.pk)
    assert (after.state, after.approval_decision_reference) == (S.APPROVED, decision.reference)
    assert after.approval_conditions == "Assured only"
    assert (
        after.decision_reason == f"{decision.reference}: The SSC AGREED: approve_with_conditions."
    )
    assert proposal_log(submission, "approved").data["decision"] == decision.reference
    workflow.publish_use_case(submission_id=submission.pk, user=secretariat, guidance_version="2")
    published = proposal_log(submission, "published")
    assert published.data["decision"] == decision.reference
    assert Submission.objects.get(pk=submission.pk).classification == "WHITE"


def test_a_decision_to_assess_sends_a_pending_proposal_back(ssc, secretariat, proposer):
    submission = proposal_in_state(S.DECISION_PENDING, proposer=proposer, secretariat=secretariat)

    decision = consensus(ssc, secretariat, submission, "PROGRESS")

    assert Submission.objects.get(pk=submission.pk).state == S.UNDER_ASSESSMENT
    entry = proposal_log(submission, "sent_back")
    assert (entry.data["decision"], entry.data["previous"]) == (
        decision.reference,
        S.DECISION_PENDING,
    )


def test_a_decision_to_defer_holds_an_approved_proposal(ssc, secretariat, proposer):
    submission = proposal_in_state(S.APPROVED, proposer=proposer, secretariat=secretariat)

    decision = consensus(ssc, secretariat, submission, "DEFER")

    assert Submission.objects.get(pk=submission.pk).state == S.ON_HOLD
    assert proposal_log(submission, "put_on_hold").data["decision"] == decision.reference


def test_a_passed_vote_progresses_the_proposal_with_its_reference(ssc, secretariat, proposer):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(
        submission_id=submission.pk, user=secretariat, meeting=ssc["meeting"]
    )
    ballot = open_ballot(
        user=secretariat,
        committee=ssc["committee"],
        question="Progress the Use Case to assessment?",
        outcome_if_passed="PROGRESS",
        agenda_item=paper.agenda_item,
    )
    for member in ssc["members"]:
        cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")

    decision = close_ballot(ballot_id=ballot.pk, user=ssc["chair"])

    assert decision.passed is True
    assert Submission.objects.get(pk=submission.pk).state == S.UNDER_ASSESSMENT
    assert proposal_log(submission, "progressed").data["decision"] == decision.reference


def test_a_send_back_decision_returns_the_proposal_to_assessment(ssc, secretariat, proposer):
    submission = proposal_in_state("DECISION_PENDING", proposer=proposer, secretariat=secretariat)

    decision = consensus(ssc, secretariat, submission, "SEND_BACK")

    submission.refresh_from_db()
    assert submission.state == S.UNDER_ASSESSMENT
    assert proposal_log(submission, "sent_back").data["decision"] == decision.reference
