import pytest
from django.core import mail
from django_fsm import TransitionNotAllowed

from tests.factories.proposals import draft_proposal, submitted_proposal
from triage_portal.audit.models import ActivityLog, AppendOnlyError
from usecases import workflow
from usecases.enums import SubmissionState, SupportStatus
from usecases.errors import ActionRefused
from usecases.models import Submission

pytestmark = pytest.mark.django_db


def actions(submission):
    return list(
        ActivityLog.objects.filter(content_type__model="submission", object_id=str(submission.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_start_proposal_prefills_proposer_from_user(proposer):
    submission = workflow.start_proposal(user=proposer, kind="USE_CASE")

    assert submission.state == SubmissionState.DRAFT
    assert submission.proposer_name == "Ann Proposer"
    assert submission.proposer_email == "ann@example.com"
    assert submission.organisation == proposer.organisation
    assert actions(submission) == ["usecases.proposal.started"]


def test_save_answers_logs_changed_fields_only(proposer):
    submission = workflow.start_proposal(user=proposer, kind="USE_CASE")

    changed = workflow.save_answers(
        submission_id=submission.pk,
        user=proposer,
        answers={"q1_issue": "An issue", "q2_why_needed": ""},
        section="issue",
    )

    assert changed == ["q1_issue"]
    entry = ActivityLog.objects.get(action="usecases.proposal.draft_saved")
    assert entry.data == {"section": "issue", "fields": ["q1_issue"]}
    assert entry.actor == proposer


def test_save_answers_with_no_change_writes_no_log(proposer):
    submission = workflow.start_proposal(user=proposer, kind="USE_CASE")

    workflow.save_answers(
        submission_id=submission.pk, user=proposer, answers={"q1_issue": ""}, section="issue"
    )

    assert actions(submission) == ["usecases.proposal.started"]


def test_save_answers_by_another_organisation_is_refused(proposer, other_proposer):
    submission = workflow.start_proposal(user=proposer, kind="USE_CASE")

    with pytest.raises(ActionRefused):
        workflow.save_answers(
            submission_id=submission.pk,
            user=other_proposer,
            answers={"q1_issue": "x"},
            section="issue",
        )

    submission.refresh_from_db()
    assert submission.q1_issue == ""


def test_submit_complete_draft_stamps_date_logs_and_emails_supporters(
    proposer, django_capture_on_commit_callbacks
):
    submission = draft_proposal(proposer, supporters=2)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)

    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.submitted_at is not None
    assert submission.declaration_accepted_at is not None
    assert actions(submission)[-3:] == [
        "usecases.proposal.submitted",
        "usecases.supporter.confirmation_requested",
        "usecases.supporter.confirmation_requested",
    ]
    submitted = ActivityLog.objects.get(action="usecases.proposal.submitted")
    assert submitted.data == {"previous": "DRAFT", "state": "SUBMITTED"}
    assert sorted(s.status for s in submission.supporters.all()) == [
        SupportStatus.PENDING,
        SupportStatus.PENDING,
    ]
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(
        [
            "supporter0@example.com",
            "supporter1@example.com",
            "ssc-secretariat@ssc-portal.invalid",
            "david.lyons@example.com",
        ]
    )


def test_submit_incomplete_draft_is_refused_and_state_unchanged(proposer):
    submission = draft_proposal(proposer, complete=False, use_case_title="Only a title")

    with pytest.raises(ActionRefused, match="not complete: enter a contact number"):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)

    submission.refresh_from_db()
    assert submission.state == SubmissionState.DRAFT


def test_submit_without_supporter_is_refused(proposer):
    submission = draft_proposal(proposer, supporters=0)

    with pytest.raises(ActionRefused, match="add at least one sec party"):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)


def test_submit_without_declaration_is_refused(proposer):
    submission = draft_proposal(proposer)

    with pytest.raises(ActionRefused, match="Confirm the declaration"):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=False)


def test_submit_twice_names_who_acted_first(proposer):
    submission = submitted_proposal(proposer)

    with pytest.raises(ActionRefused) as refusal:
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)

    assert "already submitted" in str(refusal.value)
    assert "Ann Proposer" in str(refusal.value)


def test_submit_by_other_organisation_is_refused(proposer, other_proposer):
    submission = draft_proposal(proposer)

    with pytest.raises(ActionRefused, match="You cannot do that to this proposal"):
        workflow.submit_proposal(submission_id=submission.pk, user=other_proposer, declaration=True)


def test_withdraw_records_reason_and_previous_state(proposer):
    submission = submitted_proposal(proposer)

    workflow.withdraw_proposal(submission_id=submission.pk, user=proposer, reason="  Superseded  ")

    submission.refresh_from_db()
    assert submission.state == SubmissionState.WITHDRAWN
    assert submission.withdrawn_reason == "Superseded"
    entry = ActivityLog.objects.get(action="usecases.proposal.withdrawn")
    assert entry.data == {"previous": "SUBMITTED", "state": "WITHDRAWN", "reason": "Superseded"}


def test_withdraw_needs_a_reason(proposer):
    submission = submitted_proposal(proposer)

    with pytest.raises(ActionRefused, match="Enter the reason"):
        workflow.withdraw_proposal(submission_id=submission.pk, user=proposer, reason="   ")

    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED


def test_secretariat_may_withdraw_on_request(proposer, secretariat):
    submission = submitted_proposal(proposer)

    workflow.withdraw_proposal(
        submission_id=submission.pk, user=secretariat, reason="Proposer's letter"
    )

    assert Submission.objects.get(pk=submission.pk).state == SubmissionState.WITHDRAWN


def test_draft_cannot_be_withdrawn_only_deleted(proposer):
    submission = draft_proposal(proposer)

    with pytest.raises(ActionRefused, match="already draft"):
        workflow.withdraw_proposal(submission_id=submission.pk, user=proposer, reason="x")

    workflow.delete_draft(submission_id=submission.pk, user=proposer)

    assert not Submission.objects.filter(pk=submission.pk).exists()
    deleted = ActivityLog.objects.get(action="usecases.proposal.draft_deleted")
    assert deleted.data["title"] == "Meter Triage – Deployment of Vanilla DNO Certificates"


def test_submitted_proposal_cannot_be_deleted(proposer):
    submission = submitted_proposal(proposer)

    with pytest.raises(ActionRefused):
        workflow.delete_draft(submission_id=submission.pk, user=proposer)

    assert Submission.objects.filter(pk=submission.pk).exists()


def test_state_field_is_protected(proposer):
    submission = draft_proposal(proposer)

    with pytest.raises(AttributeError):
        submission.state = SubmissionState.SUBMITTED


def test_transition_from_wrong_state_raises(proposer):
    submission = submitted_proposal(proposer)

    with pytest.raises(TransitionNotAllowed):
        submission.submit()


def test_activity_log_rows_are_append_only(proposer):
    submission = draft_proposal(proposer)
    entry = ActivityLog.objects.filter(object_id=str(submission.pk)).first()

    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
