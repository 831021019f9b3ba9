"""One service per step of the SSC process (domain research §2.5).

Each follows the house shape: keyword-only arguments; one transaction; the row locked; the
permission (the rules string on the transition, which the button also uses) and the guards
checked with a message that says why not; the transition; save; an ActivityLog row with the
previous state, the reason and the data; e-mail queued on commit.
"""

from django.db import transaction
from django.utils import timezone

from triage_portal.accounts.rules import is_secretariat, is_ssc_chair
from triage_portal.classification import STRICTNESS, Classification
from usecases.completeness import missing_answers
from usecases.enums import SupportStatus
from usecases.errors import ActionRefused
from usecases.models import Submission
from usecases.notifications import request_support_confirmation
from usecases.workflow.classification import log_classification_change
from usecases.workflow.common import apply_transition, check_transition, locked
from usecases.workflow.decisions import CommitteeDecision, decision_reference
from usecases.workflow.references import allocate_reference


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(f"Enter the reason for {what}.")
    return reason


def _step(
    submission_id,
    user,
    name,
    event,
    *,
    reason=None,
    what="",
    fields=(),
    args=(),
    kwargs=None,
    data=None,
    decided=False,
    decision=None,
    alone=None,
):
    """Lock, check and take one transition.

    decided: only with the SSC's decision for it. alone: (who, refusal) for a transition that
    the SSC decides or the person who passes that predicate decides alone (no decision given).
    """
    submission = locked(submission_id)
    check_transition(submission, name, user)
    if decision is None and alone is not None:
        who, refusal = alone
        if not who(user):
            raise ActionRefused(refusal)
    elif decided or decision is not None:
        data = {"decision": decision_reference(decision, submission, name), **(data or {})}
    if reason is not None:
        reason = _reason(reason, what)
        kwargs = {"reason": reason, **(kwargs or {})}
    return apply_transition(
        submission,
        name,
        user=user,
        event=event,
        args=args,
        kwargs=kwargs,
        fields=fields,
        data={**({"reason": reason} if reason else {}), **(data or {})},
    )


def _require_complete(submission: Submission, declaration: bool) -> None:
    gaps = missing_answers(submission)
    if gaps:
        raise ActionRefused(f"This proposal is not complete: {gaps[0].message.lower()}.")
    if not declaration:
        raise ActionRefused("Confirm the declaration to submit this proposal.")


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
    return _step(
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
    return _step(submission_id, user, "schedule", "scheduled")


@transaction.atomic
def progress_proposal(
    *, submission_id: int, user, reason: str, decision: CommitteeDecision | None = None
) -> Submission:
    """Progress the proposal to assessment as the SSC's recorded decision says."""
    return _step(
        submission_id,
        user,
        "progress",
        "progressed",
        reason=reason,
        what="the decision",
        fields=("decision_reason",),
        decided=True,
        decision=decision,
    )


@transaction.atomic
def await_views(
    *, submission_id: int, user, decision: CommitteeDecision | None = None
) -> Submission:
    """Wait formally for the mandatory referrals; a decision to refer, if given, is checked and logged."""
    return _step(
        submission_id,
        user,
        "await_views",
        "awaiting_views",
        decision=decision,
    )


@transaction.atomic
def views_received(*, submission_id: int, user) -> Submission:
    """Continue the assessment now that the mandatory referrals have answered."""
    return _step(submission_id, user, "views_received", "views_received")


@transaction.atomic
def reconsider_proposal(*, submission_id: int, user) -> Submission:
    """Return the proposal to initial consideration with the views received."""
    return _step(submission_id, user, "reconsider", "reconsidered")


@transaction.atomic
def table_proposal(*, submission_id: int, user) -> Submission:
    """Table the proposal for the SSC's decision."""
    return _step(submission_id, user, "table_for_decision", "tabled")


@transaction.atomic
def open_consultation(*, submission_id: int, user, reason: str) -> Submission:
    """Open an industry consultation; the reason says what is consulted on and until when."""
    return _step(
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
    return _step(
        submission_id,
        user,
        "close_consultation",
        "consultation_closed",
        reason=reason,
        what="the responses",
    )


@transaction.atomic
def approve_proposal(
    *,
    submission_id: int,
    user,
    reason: str,
    decision: CommitteeDecision | None = None,
    conditions: str = "",
) -> Submission:
    """Approve the proposal, with any conditions, as the SSC's recorded decision says."""
    submission = locked(submission_id)
    check_transition(submission, "approve", user)
    reference = decision_reference(decision, submission, "approve")
    reason = _reason(reason, "the decision")
    return apply_transition(
        submission,
        "approve",
        user=user,
        event="approved",
        kwargs={
            "reason": reason,
            "decision_reference": reference,
            "conditions_text": conditions.strip(),
        },
        fields=("decision_reason", "approval_decision_reference", "approval_conditions"),
        data={"reason": reason, "decision": reference, "conditions": conditions.strip()},
    )


@transaction.atomic
def send_back_proposal(
    *, submission_id: int, user, reason: str, decision: CommitteeDecision | None = None
) -> Submission:
    """Send the proposal back for further work, as the SSC's recorded decision says."""
    return _step(
        submission_id,
        user,
        "send_back",
        "sent_back",
        reason=reason,
        what="sending it back",
        fields=("decision_reason",),
        decided=True,
        decision=decision,
    )


@transaction.atomic
def reject_proposal(
    *, submission_id: int, user, reason: str, decision: CommitteeDecision | None = None
) -> Submission:
    """Reject the proposal, as the SSC's recorded decision says, with its reason."""
    return _step(
        submission_id,
        user,
        "reject",
        "rejected",
        reason=reason,
        what="the rejection",
        fields=("decision_reason",),
        decided=True,
        decision=decision,
    )


@transaction.atomic
def defer_proposal(
    *,
    submission_id: int,
    user,
    reason: str,
    review_on=None,
    decision: CommitteeDecision | None = None,
) -> Submission:
    """Put the proposal on hold, by the SSC's recorded decision or the Chair's own; it remembers the state to resume."""
    return _step(
        submission_id,
        user,
        "defer",
        "put_on_hold",
        reason=reason,
        what="putting it on hold",
        kwargs={"review_on": review_on},
        fields=("resume_state", "hold_reason", "hold_review_on"),
        data={"review_on": review_on},
        decision=decision,
        alone=(
            is_ssc_chair,
            "Only the SSC Chair may put a proposal on hold without a decision of the SSC. "
            "Record the SSC's decision to defer it on the committee side.",
        ),
    )


@transaction.atomic
def resume_proposal(*, submission_id: int, user) -> Submission:
    """Take the proposal off hold, back to the state it was in."""
    return _step(submission_id, user, "resume", "resumed")


@transaction.atomic
def send_to_ncsc(*, submission_id: int, user) -> Submission:
    """Send the approved SC change to NCSC for sign-off and publication."""
    return _step(submission_id, user, "send_to_ncsc", "sent_to_ncsc")


@transaction.atomic
def ncsc_changes_required(*, submission_id: int, user, reason: str) -> Submission:
    """Return the proposal to assessment because NCSC requires changes."""
    return _step(
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
    return _step(
        submission_id,
        user,
        "withdraw",
        "withdrawn",
        reason=reason,
        what="withdrawing the proposal",
        fields=("withdrawn_reason",),
    )


@transaction.atomic
def supersede_proposal(
    *,
    submission_id: int,
    user,
    superseded_by_reference: str,
    reason: str,
    decision: CommitteeDecision | None = None,
) -> Submission:
    """Close the proposal because another proposal, named by its reference, supersedes it.

    By the SSC's recorded decision, or by the secretariat's own (domain.md §2.5).
    """
    by = Submission.objects.filter(reference__iexact=superseded_by_reference.strip()).first()
    if by is None:
        raise ActionRefused("Enter the reference of a registered proposal, like UCR-2026-001.")
    if by.pk == submission_id:
        raise ActionRefused("A proposal cannot supersede itself.")
    return _step(
        submission_id,
        user,
        "supersede",
        "superseded",
        reason=reason,
        what="superseding it",
        kwargs={"by": by},
        fields=("superseded_by", "decision_reason"),
        data={"superseded_by": by.reference},
        decision=decision,
        alone=(
            is_secretariat,
            "Only the secretariat may close a proposal as superseded without a decision of the "
            "SSC. Record the SSC's decision to supersede it on the committee side.",
        ),
    )
