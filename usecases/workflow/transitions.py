"""One service per step of the SSC process (domain research §2.5).

Each follows the house shape: keyword-only arguments; one transaction; the row locked; the
permission (the rules string on the transition, which the button also uses) and the guards
checked with a message that says why not; the transition; save; an ActivityLog row with the
previous state, the reason and the data; e-mail queued on commit.
"""

from django.db import transaction
from django.utils import timezone

from triage_portal.classification import STRICTNESS, Classification
from usecases.enums import SupportStatus
from usecases.errors import ActionRefused
from usecases.models import Submission
from usecases.presentation.completeness import missing_answers
from usecases.workflow.classification import log_classification_change
from usecases.workflow.common import (
    apply_transition,
    check_transition,
    locked,
    refuse_too_many_supporters,
    take_step,
)
from usecases.workflow.decisions import CommitteeDecision
from usecases.workflow.notifications import request_support_confirmation
from usecases.workflow.references import allocate_reference


def _require_complete(submission: Submission, declaration: bool) -> None:
    gaps = missing_answers(submission)
    if gaps:
        raise ActionRefused(f"This proposal is not complete: {gaps[0].message.lower()}.")
    if not declaration:
        raise ActionRefused("Confirm the declaration to submit this proposal.")
    refuse_too_many_supporters(submission.supporters.count(), submitting=True)


def _request_confirmations(submission: Submission, user) -> None:
    for supporter in submission.supporters.exclude(status=SupportStatus.CONFIRMED):
        supporter.status = SupportStatus.PENDING
        supporter.requested_at = timezone.now()
        supporter.save(update_fields=["status", "requested_at"])
        submission.log_action(
            "usecases.supporter.confirmation_requested",
            actor=user,
            data={"supporter": supporter.pk, "name": supporter.name, "email": supporter.email},
        )
        supporter_id = supporter.pk
        transaction.on_commit(lambda pk=supporter_id: request_support_confirmation(pk))


@transaction.atomic
def submit_proposal(*, submission_id: int, user, declaration: bool) -> Submission:
    """Submit a complete draft to the secretariat.

    Side effects: stamps the submission date; logs; e-mails each supporter a link to confirm
    support; tells the secretariat and the proposer.
    """
    submission = locked(submission_id)
    check_transition(submission, "submit", user)
    _require_complete(submission, declaration)
    submission.declaration_accepted_at = timezone.now()
    apply_transition(
        submission,
        "submit",
        user=user,
        event="submitted",
        fields=("submitted_at", "declaration_accepted_at"),
    )
    _request_confirmations(submission, user)
    return submission


@transaction.atomic
def resubmit_proposal(*, submission_id: int, user, declaration: bool) -> Submission:
    """Send a returned proposal back to the secretariat once it is complete."""
    submission = locked(submission_id)
    check_transition(submission, "resubmit", user)
    _require_complete(submission, declaration)
    apply_transition(
        submission, "resubmit", user=user, event="resubmitted", fields=("submitted_at",)
    )
    _request_confirmations(submission, user)
    return submission


@transaction.atomic
def return_proposal(*, submission_id: int, user, reason: str) -> Submission:
    """Return a submitted proposal to its proposer for completion, saying what is needed."""
    return take_step(
        submission_id,
        user,
        "return_for_completion",
        "returned",
        reason=reason,
        what="returning the proposal",
        fields=("return_reason",),
    )


@transaction.atomic
def register_proposal(
    *, submission_id: int, user, classification: str, reason: str = ""
) -> Submission:
    """Accept a proposal: allocate its immutable reference and set its paper classification.

    A level below the proposer's own is an explicit downgrade: it needs a reason, and is
    logged (classification_changed) with the previous and new level before the registration.
    """
    submission = locked(submission_id)
    check_transition(submission, "register", user)
    new = Classification(classification)
    previous = Classification(submission.classification)
    proposer = submission.proposer_classification
    below_proposer = bool(proposer) and STRICTNESS[new] < STRICTNESS[Classification(proposer)]
    if below_proposer and not reason.strip():
        raise ActionRefused(
            f"The proposer classified this proposal {Classification(proposer).label}. "
            "Enter why it may be registered at a lower level."
        )
    if below_proposer:
        log_classification_change(
            submission, user=user, old=previous, new=new, reason=reason.strip(), proposer=proposer
        )
    reference = submission.reference or allocate_reference(submission.kind)
    return apply_transition(
        submission,
        "register",
        user=user,
        event="registered",
        kwargs={"reference": reference, "classification": new},
        fields=("reference", "classification", "registered_at"),
        data={
            "reference": reference,
            "classification": new,
            "previous_classification": previous,
            "proposer_classification": proposer,
            **({"reason": reason.strip()} if below_proposer else {}),
        },
    )


@transaction.atomic
def schedule_proposal(*, submission_id: int, user) -> Submission:
    """Put a registered proposal before the SSC for its initial consideration."""
    return take_step(submission_id, user, "schedule", "scheduled")


@transaction.atomic
def await_views(
    *, submission_id: int, user, decision: CommitteeDecision | None = None
) -> Submission:
    """Wait formally for the mandatory referrals; a decision to refer, if given, is checked and logged."""
    return take_step(
        submission_id,
        user,
        "await_views",
        "awaiting_views",
        decision=decision,
    )


@transaction.atomic
def views_received(*, submission_id: int, user) -> Submission:
    """Continue the assessment now that the mandatory referrals have answered."""
    return take_step(submission_id, user, "views_received", "views_received")


@transaction.atomic
def reconsider_proposal(*, submission_id: int, user) -> Submission:
    """Return the proposal to initial consideration with the views received."""
    return take_step(submission_id, user, "reconsider", "reconsidered")


@transaction.atomic
def table_proposal(*, submission_id: int, user) -> Submission:
    """Table the proposal for the SSC's decision."""
    return take_step(submission_id, user, "table_for_decision", "tabled")


@transaction.atomic
def open_consultation(*, submission_id: int, user, reason: str) -> Submission:
    """Open an industry consultation; the reason says what is consulted on and until when."""
    return take_step(
        submission_id,
        user,
        "open_consultation",
        "consultation_opened",
        reason=reason,
        what="the consultation",
    )


@transaction.atomic
def close_consultation(*, submission_id: int, user, reason: str) -> Submission:
    """Close the consultation; the reason summarises the responses."""
    return take_step(
        submission_id,
        user,
        "close_consultation",
        "consultation_closed",
        reason=reason,
        what="the responses",
    )


@transaction.atomic
def resume_proposal(*, submission_id: int, user) -> Submission:
    """Take the proposal off hold, back to the state it was in."""
    return take_step(submission_id, user, "resume", "resumed")


@transaction.atomic
def send_to_ncsc(*, submission_id: int, user) -> Submission:
    """Send the approved SC change to NCSC for sign-off and publication."""
    return take_step(submission_id, user, "send_to_ncsc", "sent_to_ncsc")


@transaction.atomic
def ncsc_changes_required(*, submission_id: int, user, reason: str) -> Submission:
    """Return the proposal to assessment because NCSC requires changes; the SSC must approve it again."""
    return take_step(
        submission_id,
        user,
        "ncsc_changes_required",
        "ncsc_changes_required",
        reason=reason,
        what="NCSC's changes",
        fields=("decision_reason", "approval_decision_reference"),
    )


@transaction.atomic
def withdraw_proposal(*, submission_id: int, user, reason: str) -> Submission:
    """Withdraw the proposal; the reason is kept and everyone concerned told."""
    return take_step(
        submission_id,
        user,
        "withdraw",
        "withdrawn",
        reason=reason,
        what="withdrawing the proposal",
        fields=("withdrawn_reason",),
    )
