"""Referrals of a proposal to other bodies (TABASC, NCSC, SMKI PMA, DCC, SCIRS, Panel)."""

import datetime

from django.db import transaction
from django.utils import timezone

from usecases.enums import TERMINAL_STATES, ReferralBody, ReferralOutcome, SubmissionState
from usecases.errors import ActionRefused, require
from usecases.models import Referral
from usecases.workflow.common import locked


@transaction.atomic
def refer_proposal(
    *, submission_id: int, user, body: str, question: str, due_on: datetime.date, mandatory: bool
) -> Referral:
    """Ask another body for its views on a registered proposal."""
    submission = locked(submission_id)
    require(user, "usecases.manage_referrals", submission)
    if submission.state in (
        SubmissionState.DRAFT,
        SubmissionState.SUBMITTED,
        SubmissionState.RETURNED,
        *TERMINAL_STATES,
    ):
        raise ActionRefused("Only a registered, open proposal can be referred.")
    if not question.strip():
        raise ActionRefused("Enter the question for the body.")
    referral = Referral.objects.create(
        submission=submission,
        body=ReferralBody(body),
        question=question.strip(),
        due_on=due_on,
        mandatory=mandatory,
        created_by=user,
    )
    submission.log_action(
        "usecases.referral.created",
        actor=user,
        data={
            "referral": referral.pk,
            "body": body,
            "question": referral.question,
            "due_on": due_on,
            "mandatory": mandatory,
        },
    )
    return referral


@transaction.atomic
def record_referral_outcome(*, referral_id: int, user, outcome: str, response: str) -> Referral:
    """Record a body's answer to a referral."""
    referral = Referral.objects.select_for_update().get(pk=referral_id)
    submission = locked(referral.submission_id)
    require(user, "usecases.manage_referrals", submission)
    if referral.outcome:
        raise ActionRefused(
            f"The outcome of this referral was already recorded: {referral.get_outcome_display()}."
        )
    referral.outcome = ReferralOutcome(outcome)
    referral.response = response.strip()
    referral.recorded_by = user
    referral.recorded_at = timezone.now()
    referral.save(update_fields=["outcome", "response", "recorded_by", "recorded_at"])
    submission.log_action(
        "usecases.referral.outcome_recorded",
        actor=user,
        data={
            "referral": referral.pk,
            "body": referral.body,
            "outcome": outcome,
            "response": referral.response,
        },
    )
    return referral
