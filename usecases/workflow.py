"""Services that change proposals. Each one locks, checks, acts, logs and notifies.

Every state change follows one shape: keyword-only arguments, one transaction, the row
re-read with select_for_update(), the permission (the same rules string the button uses)
and can_proceed checked, the transition, save(update_fields=...), log_action(), and
notifications queued with transaction.on_commit.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm

from triage_portal.audit.models import ActivityLog
from triage_portal.mail import queue_email
from usecases.completeness import missing_answers
from usecases.enums import SubmissionKind, SubmissionState, SupportStatus
from usecases.errors import ActionRefused
from usecases.models import Attachment, Submission, SupportingParty
from usecases.notifications import notify_submitted, request_support_confirmation
from usecases.support_links import pending_supporter

SCALAR_ANSWER_FIELDS = (
    "sc_mod_title",
    "use_case_title",
    "proposer_name",
    "proposer_organisation_name",
    "proposer_phone",
    "proposer_email",
    "q1_issue",
    "q2_why_needed",
    "q3_solution",
    "q4_affects_existing_sc",
    "q4_explanation",
    "q5_requires_new_sc",
    "q5_explanation",
    "q6_urgent",
    "q6_justification",
    "proposer_classification",
)
M2M_ANSWER_FIELDS = ("q4_sc_documents", "q5_sc_documents", "device_types")


def _locked(submission_id: int) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission_id)


def _last_actor_words(submission: Submission) -> str:
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


def _refuse_state(submission: Submission) -> ActionRefused:
    state = submission.get_state_display().lower()
    return ActionRefused(f"This proposal is already {state}{_last_actor_words(submission)}.")


def _require(user, permission: str, submission: Submission) -> None:
    if not user.has_perm(permission, submission):
        raise ActionRefused("You cannot do that to this proposal.")


@transaction.atomic
def start_proposal(*, user, kind: str) -> Submission:
    """Create a draft of the given kind, with the proposer's details taken from the user."""
    if not user.has_perm("usecases.start_proposal"):
        raise ActionRefused("Sign in to start a proposal.")
    submission = Submission.objects.create(
        kind=SubmissionKind(kind),
        created_by=user,
        organisation=user.organisation,
        proposer_name=user.full_name,
        proposer_organisation_name=user.organisation.name if user.organisation else "",
        proposer_phone=user.phone,
        proposer_email=user.email,
    )
    submission.log_action("usecases.proposal.started", actor=user, data={"kind": submission.kind})
    return submission


@transaction.atomic
def save_answers(*, submission_id: int, user, answers: dict, section: str) -> list[str]:
    """Store the answers of one section of a draft; return the names of fields that changed."""
    submission = _locked(submission_id)
    _require(user, "usecases.edit_proposal", submission)
    changed = []
    for name, value in answers.items():
        if name in SCALAR_ANSWER_FIELDS and getattr(submission, name) != value:
            setattr(submission, name, value)
            changed.append(name)
    if changed:
        submission.save(update_fields=[*changed, "updated_at"])
    for name, values in answers.items():
        if name in M2M_ANSWER_FIELDS:
            manager = getattr(submission, name)
            wanted = {obj.pk for obj in values}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(values)
                changed.append(name)
    if changed:
        submission.save(update_fields=["updated_at"])
        submission.log_action(
            "usecases.proposal.draft_saved",
            actor=user,
            data={"section": section, "fields": changed},
        )
    return changed


@transaction.atomic
def add_supporter(
    *, submission_id: int, user, name: str, sec_party, phone: str, email: str
) -> SupportingParty:
    """Name a SEC Party that supports the draft."""
    submission = _locked(submission_id)
    _require(user, "usecases.edit_proposal", submission)
    supporter = SupportingParty.objects.create(
        submission=submission, name=name, sec_party=sec_party, phone=phone, email=email
    )
    submission.save(update_fields=["updated_at"])
    submission.log_action(
        "usecases.supporter.added",
        actor=user,
        data={"supporter": supporter.pk, "name": name, "sec_party": sec_party.name, "email": email},
    )
    return supporter


@transaction.atomic
def remove_supporter(*, submission_id: int, user, supporter_id: int) -> None:
    """Remove a supporter from the draft."""
    submission = _locked(submission_id)
    _require(user, "usecases.edit_proposal", submission)
    supporter = submission.supporters.get(pk=supporter_id)
    data = {
        "supporter": supporter.pk,
        "name": supporter.name,
        "sec_party": supporter.sec_party.name,
    }
    supporter.delete()
    submission.save(update_fields=["updated_at"])
    submission.log_action("usecases.supporter.removed", actor=user, data=data)


@transaction.atomic
def add_attachment(
    *, submission_id: int, user, upload, original_name: str, kind, sha256: str
) -> Attachment:
    """Store a checked upload against the draft."""
    submission = _locked(submission_id)
    _require(user, "usecases.edit_proposal", submission)
    attachment = Attachment(
        submission=submission,
        original_name=original_name,
        content_type=kind.content_type,
        size=upload.size,
        sha256=sha256,
        uploaded_by=user,
    )
    attachment.file.save(original_name, upload, save=False)
    attachment.save()
    submission.save(update_fields=["updated_at"])
    submission.log_action(
        "usecases.attachment.added",
        actor=user,
        data={
            "attachment": attachment.pk,
            "name": original_name,
            "size": upload.size,
            "sha256": sha256,
        },
    )
    return attachment


@transaction.atomic
def remove_attachment(*, submission_id: int, user, attachment_id: int) -> None:
    """Delete an attachment from the draft, and its file once the transaction commits."""
    submission = _locked(submission_id)
    _require(user, "usecases.edit_proposal", submission)
    attachment = submission.attachments.get(pk=attachment_id)
    data = {
        "attachment": attachment.pk,
        "name": attachment.original_name,
        "sha256": attachment.sha256,
    }
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    submission.save(update_fields=["updated_at"])
    submission.log_action("usecases.attachment.removed", actor=user, data=data)
    transaction.on_commit(lambda: storage.delete(path))


@transaction.atomic
def submit_proposal(*, submission_id: int, user, declaration: bool) -> Submission:
    """Submit a complete draft to the secretariat.

    Side effects: stamps the submission date; logs the change; e-mails each supporter a link
    to confirm support; tells the secretariat.
    """
    submission = _locked(submission_id)
    if not can_proceed(submission.submit):
        raise _refuse_state(submission)
    if not has_transition_perm(submission.submit, user):
        raise ActionRefused("You cannot submit this proposal.")
    gaps = missing_answers(submission)
    if gaps:
        raise ActionRefused(f"This proposal is not complete: {gaps[0].message.lower()}.")
    if not declaration:
        raise ActionRefused("Confirm the declaration to submit this proposal.")
    previous = submission.state
    submission.submit()
    submission.declaration_accepted_at = timezone.now()
    submission.save(
        update_fields=["state", "submitted_at", "declaration_accepted_at", "updated_at"]
    )
    submission.log_action(
        "usecases.proposal.submitted",
        actor=user,
        data={"previous": previous, "state": submission.state},
    )
    for supporter in submission.supporters.select_related("sec_party"):
        _request_confirmation(supporter, user)
    transaction.on_commit(lambda: notify_submitted(submission.pk))
    return submission


def _request_confirmation(supporter: SupportingParty, user) -> None:
    supporter.status = SupportStatus.PENDING
    supporter.requested_at = timezone.now()
    supporter.save(update_fields=["status", "requested_at"])
    supporter.submission.log_action(
        "usecases.supporter.confirmation_requested",
        actor=user,
        data={"supporter": supporter.pk, "name": supporter.name, "email": supporter.email},
    )
    supporter_id = supporter.pk
    transaction.on_commit(lambda: request_support_confirmation(supporter_id))


@transaction.atomic
def withdraw_proposal(*, submission_id: int, user, reason: str) -> Submission:
    """Withdraw a submitted proposal; the reason is kept and the secretariat told."""
    submission = _locked(submission_id)
    if not can_proceed(submission.withdraw):
        raise _refuse_state(submission)
    if not has_transition_perm(submission.withdraw, user):
        raise ActionRefused("You cannot withdraw this proposal.")
    if not reason.strip():
        raise ActionRefused("Enter the reason for withdrawing the proposal.")
    previous = submission.state
    submission.withdraw(reason=reason.strip())
    submission.save(update_fields=["state", "withdrawn_reason", "updated_at"])
    submission.log_action(
        "usecases.proposal.withdrawn",
        actor=user,
        data={"previous": previous, "state": submission.state, "reason": reason.strip()},
    )
    transaction.on_commit(
        lambda: queue_email(
            template="proposal_withdrawn",
            to=[settings.SECRETARIAT_EMAIL],
            context={"submission": submission},
        )
    )
    return submission


@transaction.atomic
def delete_draft(*, submission_id: int, user) -> None:
    """Delete a draft for good; the audit log keeps a record that it existed."""
    submission = _locked(submission_id)
    if submission.state != SubmissionState.DRAFT:
        raise _refuse_state(submission)
    _require(user, "usecases.delete_draft", submission)
    files = [(a.file.storage, a.file.name) for a in submission.attachments.all()]
    submission.log_action(
        "usecases.proposal.draft_deleted",
        actor=user,
        data={"title": submission.title, "kind": submission.kind},
    )
    submission.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


@transaction.atomic
def respond_to_support_request(*, token: str, confirm: bool, note: str = "") -> SupportingParty:
    """Record a supporter's answer from their signed link; a link works once."""
    supporter = pending_supporter(token, lock=True)
    supporter.status = SupportStatus.CONFIRMED if confirm else SupportStatus.DECLINED
    supporter.responded_at = timezone.now()
    supporter.response_note = note.strip()
    supporter.save(update_fields=["status", "responded_at", "response_note"])
    supporter.submission.log_action(
        "usecases.supporter.confirmed" if confirm else "usecases.supporter.declined",
        data={"supporter": supporter.pk, "name": supporter.name, "note": supporter.response_note},
    )
    return supporter
