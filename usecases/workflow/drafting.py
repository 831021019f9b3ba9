"""Services for writing a proposal: drafts, answers, supporters, attachments."""

from django.db import transaction

from usecases.enums import SubmissionKind, SubmissionState
from usecases.errors import ActionRefused, require
from usecases.files.annexes import forget_unused, request_preparation
from usecases.files.uploads import PDF
from usecases.models import Attachment, Submission, SupportingParty
from usecases.workflow.classification import at_least_proposers_level
from usecases.workflow.common import locked, refuse_state, refuse_too_many_supporters

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


@transaction.atomic
def start_proposal(*, user, kind: str) -> Submission:
    """Create a draft of the given kind, with the proposer's details taken from the user."""
    if not user.has_perm("usecases.start_proposal"):
        raise ActionRefused("Sign in to start a proposal.")
    submission = Submission.objects.create(
        kind=SubmissionKind(kind),
        created_by=user,
        # Filed under the organisation only once the secretariat has verified the person's
        # membership: a claim made at sign-up must not share the draft with its people.
        organisation=user.organisation if user.organisation_verified else None,
        proposer_name=user.full_name,
        proposer_organisation_name=user.organisation.name if user.organisation else "",
        proposer_phone=user.phone,
        proposer_email=user.email,
    )
    submission.log_action("usecases.proposal.started", actor=user, data={"kind": submission.kind})
    return submission


def _answer_values(submission: Submission, names) -> dict:
    values = {}
    for name in names:
        if name in M2M_ANSWER_FIELDS:
            values[name] = sorted(str(obj) for obj in getattr(submission, name).all())
        elif name in SCALAR_ANSWER_FIELDS:
            values[name] = getattr(submission, name)
    return values


@transaction.atomic
def save_answers(*, submission_id: int, user, answers: dict, section: str) -> list[str]:
    """Store answers to one section; return the names of fields that changed.

    Edits after submission (by the secretariat, or by the proposer while the proposal is
    returned or awaiting clarification) are logged with each field's old and new value.
    """
    submission = locked(submission_id)
    require(user, "usecases.edit_proposal", submission)
    before = {"state": submission.state, **_answer_values(submission, answers)}
    changed = []
    for name, value in answers.items():
        if name in SCALAR_ANSWER_FIELDS and getattr(submission, name) != value:
            setattr(submission, name, value)
            changed.append(name)
    raised = _raise_to_proposers_level(submission)
    if changed or raised:
        levels = ["classification"] if raised else []
        submission.save(update_fields=[*changed, *levels, "updated_at"])
    for name, values in answers.items():
        if name in M2M_ANSWER_FIELDS:
            manager = getattr(submission, name)
            wanted = {obj.pk for obj in values}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(values)
                changed.append(name)
    if changed:
        submission.save(update_fields=["updated_at"])
        if before["state"] == SubmissionState.DRAFT:
            submission.log_action(
                "usecases.proposal.draft_saved",
                actor=user,
                data={"section": section, "fields": changed, **raised},
            )
        else:
            after = _answer_values(submission, changed)
            submission.log_action(
                "usecases.proposal.edited",
                actor=user,
                data={
                    "section": section,
                    "state": submission.state,
                    "changes": {
                        name: {"old": before[name], "new": after[name]} for name in changed
                    },
                    **raised,
                },
            )
    return changed


def _raise_to_proposers_level(submission: Submission) -> dict:
    """Raise the stored level to the proposer's own, if lower; return the change for the log.

    Until the secretariat registers it, a proposal is read at the stored level, so a proposal
    its proposer marked RED is RED from the save that chose it; nothing here lowers a level.
    """
    level = at_least_proposers_level(submission)
    if level == submission.classification:
        return {}
    change = {"classification": {"old": submission.classification, "new": level}}
    submission.classification = level
    return change


@transaction.atomic
def add_supporter(
    *, submission_id: int, user, name: str, sec_party, phone: str, email: str
) -> SupportingParty:
    """Name a SEC Party that supports the draft; refuse past settings.PORTAL_MAX_SUPPORTERS."""
    submission = locked(submission_id)
    require(user, "usecases.edit_proposal", submission)
    refuse_too_many_supporters(submission.supporters.count() + 1)
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
    submission = locked(submission_id)
    require(user, "usecases.edit_proposal", submission)
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
    *, submission_id: int, user, upload, original_name: str, kind, sha256: str, original_sha256=""
) -> Attachment:
    """Store a checked upload against the draft; a PDF is then prepared for papers in the background.

    `sha256` is the stored file's; `original_sha256`, when the stored file is a rewrite of what
    was uploaded (a PDF), is the uploaded file's, kept in the log entry.
    """
    submission = locked(submission_id)
    require(user, "usecases.edit_proposal", submission)
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
    data = {
        "attachment": attachment.pk,
        "name": original_name,
        "size": upload.size,
        "sha256": sha256,
    }
    if original_sha256 and original_sha256 != sha256:
        data["original_sha256"] = original_sha256
    submission.log_action("usecases.attachment.added", actor=user, data=data)
    if attachment.content_type == PDF.content_type:
        transaction.on_commit(lambda: request_preparation(attachment))
    return attachment


@transaction.atomic
def remove_attachment(*, submission_id: int, user, attachment_id: int | None) -> None:
    """Delete an attachment from the draft, and its file once the transaction commits.

    Refuse an id that is not one of this proposal's files (another proposal's, or none).
    """
    submission = locked(submission_id)
    require(user, "usecases.edit_proposal", submission)
    attachment = submission.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise ActionRefused("That file is no longer on this proposal: nothing was removed.")
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
    transaction.on_commit(lambda: forget_unused([data["sha256"]]))


@transaction.atomic
def delete_draft(*, submission_id: int, user) -> None:
    """Delete a draft for good; the audit log keeps a record that it existed."""
    submission = locked(submission_id)
    if submission.state != SubmissionState.DRAFT:
        raise refuse_state(submission)
    require(user, "usecases.delete_draft", submission)
    files = [(a.file.storage, a.file.name) for a in submission.attachments.all()]
    digests = list(submission.attachments.values_list("sha256", flat=True))
    submission.log_action(
        "usecases.proposal.draft_deleted",
        actor=user,
        data={"title": submission.title, "kind": submission.kind},
    )
    submission.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    transaction.on_commit(lambda: forget_unused(digests))
