"""Pieces every workflow service shares: locking, refusals, the transition shape."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from triage_portal.audit.models import ActivityLog
from usecases.errors import ActionRefused
from usecases.models import Submission
from usecases.models import conditions as guards
from usecases.workflow.decisions import decision_reference

GUARD_MESSAGES = {
    guards.has_confirmed_supporter: "At least one SEC Party must confirm its support first, verified as that party (an unverified confirmation does not count).",
    guards.has_open_mandatory_referral: "Refer the proposal to a body for its views first, as a mandatory referral.",
    guards.no_open_mandatory_referral: "A mandatory referral is still open: record its outcome first.",
    guards.clarification_answered: "Answer every question first.",
    guards.has_ncsc_advice_if_use_case: "Record NCSC's advice first: a Use Case is tabled for decision and approved only with NCSC's advice.",
    guards.needs_ncsc_publication: "Only SC modifications, and Use Cases that change SCs, go to NCSC.",
    guards.is_use_case_without_sc_changes: "Only a Use Case that changes no SC is published by the SSC itself.",
    guards.has_ncsc_publication_record: "Record NCSC's publication (SC document, version and date) first.",
    guards.approved_by_decision: "Only a proposal approved by a recorded SSC decision can be published: record the SSC's decision to approve it first.",
}


def locked(submission_id: int) -> Submission:
    """Return the proposal, locked for update until the transaction ends."""
    return Submission.objects.select_for_update().get(pk=submission_id)


def last_actor_words(submission: Submission) -> str:
    entry = (
        ActivityLog.objects.filter(
            content_type__app_label="usecases",
            content_type__model="submission",
            object_id=str(submission.pk),
        )
        .select_related("actor")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return ""
    who = entry.actor.full_name if entry.actor else "the system"
    when = timezone.localtime(entry.timestamp).strftime("%H:%M on %d %B %Y")
    return f" by {who} at {when}"


def refuse_state(submission: Submission) -> ActionRefused:
    """Say that someone else has already moved the proposal, naming who and when."""
    state = submission.get_state_display().lower()
    return ActionRefused(f"This proposal is already {state}{last_actor_words(submission)}.")


def check_transition(submission: Submission, name: str, user) -> None:
    """Raise ActionRefused unless the user may take this transition now, saying why not."""
    method = getattr(submission, name)
    if not can_proceed(method, check_conditions=False):
        raise refuse_state(submission)
    spec = method._django_fsm.get_transition(submission.state)
    if spec.permission and not user.has_perm(spec.permission, submission):
        raise ActionRefused("You cannot do that to this proposal.")
    for condition in spec.conditions:
        if not condition(submission):
            raise ActionRefused(
                GUARD_MESSAGES.get(condition, "This proposal is not ready for that yet.")
            )


def apply_transition(
    submission: Submission,
    name: str,
    *,
    user,
    event: str,
    args: tuple = (),
    kwargs: dict | None = None,
    fields: tuple[str, ...] = (),
    data: dict | None = None,
) -> Submission:
    """Take a checked transition: change state, save, log, and notify on commit."""
    from usecases.workflow.notifications import notify_event

    previous = submission.state
    getattr(submission, name)(*args, **(kwargs or {}))
    submission.state_changed_at = timezone.now()
    submission.save(update_fields=["state", "state_changed_at", "updated_at", *fields])
    submission.log_action(
        f"usecases.proposal.{event}",
        actor=user,
        data={"previous": previous, "state": submission.state, **(data or {})},
    )
    submission_id = submission.pk
    transaction.on_commit(lambda: notify_event(submission_id, event))
    return submission


def refuse_too_many_supporters(count: int, *, submitting: bool = False) -> None:
    """Refuse a proposal that would name more than settings.PORTAL_MAX_SUPPORTERS supporters.

    Each supporter is e-mailed when the proposal is submitted: the limit keeps one submission
    from making the portal e-mail any number of addresses.
    """
    limit = settings.PORTAL_MAX_SUPPORTERS
    if count <= limit:
        return
    parties = "SEC Party" if limit == 1 else "SEC Parties"
    if submitting:
        raise ActionRefused(
            f"A proposal can name at most {limit} supporting {parties} and this one names"
            f" {count}: remove {count - limit} before you submit it."
        )
    raise ActionRefused(
        f"A proposal can name at most {limit} supporting {parties}: remove one before you"
        " add another."
    )


def required_reason(reason: str, what: str) -> str:
    """Return the reason stripped; refuse an empty one, naming what it is the reason for."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(f"Enter the reason for {what}.")
    return reason


def take_step(
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
        reason = required_reason(reason, what)
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
