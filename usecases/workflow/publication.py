"""NCSC advice, Use Case publication and NCSC's publication of SC versions."""

import datetime

from django.db import transaction
from django.utils import timezone

from usecases.enums import SubmissionKind
from usecases.errors import ActionRefused, require
from usecases.models import NcscPublication, SCDocument, Submission
from usecases.workflow.classification import log_classification_change, published_level
from usecases.workflow.common import apply_transition, check_transition, locked
from usecases.workflow.references import allocate_use_case_number


@transaction.atomic
def record_ncsc_advice(*, submission_id: int, user, advice: str) -> Submission:
    """Record NCSC's advice on the proposal (a Use Case needs it to be tabled and approved)."""
    submission = locked(submission_id)
    require(user, "usecases.record_ncsc_advice", submission)
    if not advice.strip():
        raise ActionRefused("Enter NCSC's advice.")
    old = submission.ncsc_advice
    submission.ncsc_advice = advice.strip()
    submission.ncsc_advice_recorded_at = timezone.now()
    submission.save(update_fields=["ncsc_advice", "ncsc_advice_recorded_at", "updated_at"])
    submission.log_action(
        "usecases.proposal.ncsc_advice_recorded",
        actor=user,
        data={"changes": {"ncsc_advice": {"old": old, "new": submission.ncsc_advice}}},
    )
    return submission


def _public_level(submission: Submission, user, *, reason: str) -> tuple[str, dict]:
    """Return the level a published proposal takes, logging the change, and the log's data.

    A Use Case takes the public level (PORTAL_PUBLISHED_CLASSIFICATION) so that it reaches the
    public register; an SC modification keeps its own, as NCSC publishes the SC, not the paper.
    """
    old = submission.classification
    if submission.kind != SubmissionKind.USE_CASE:
        return old, {}
    new = published_level()
    if new != old:
        log_classification_change(submission, user=user, old=old, new=new, reason=reason)
    return new, {"classification": {"old": old, "new": new}}


@transaction.atomic
def publish_use_case(*, submission_id: int, user, guidance_version: str) -> Submission:
    """Publish an approved Use Case (no SC changes) with the next three-digit number.

    Only a Use Case approved by a recorded SSC decision is published; it takes the public
    level (a logged downgrade when it was higher), and the log names the approving decision.
    """
    submission = locked(submission_id)
    check_transition(submission, "publish_use_case", user)
    if not guidance_version.strip():
        raise ActionRefused("Enter the SSC Guidance Part 2 version that includes the Use Case.")
    number = allocate_use_case_number()
    level, change = _public_level(
        submission,
        user,
        reason=f"Published in SSC Guidance Part 2 version {guidance_version.strip()}.",
    )
    return apply_transition(
        submission,
        "publish_use_case",
        user=user,
        event="published",
        kwargs={
            "number": number,
            "guidance_version": guidance_version.strip(),
            "classification": level,
        },
        fields=("use_case_number", "guidance_version", "classification", "published_at"),
        data={
            "use_case_number": f"{number:03d}",
            "guidance_version": guidance_version.strip(),
            "decision": submission.approval_decision_reference,
            **change,
        },
    )


@transaction.atomic
def record_ncsc_publication(
    *,
    submission_id: int,
    user,
    sc_document: SCDocument,
    version: str,
    published_on: datetime.date,
    ncsc_reference: str = "",
) -> Submission:
    """Record NCSC's publication of the new SC version and close the proposal as published.

    Only a proposal approved by a recorded SSC decision is published; a Use Case takes the
    public level (logged), and the log names the approving decision.
    """
    submission = locked(submission_id)
    if not version.strip():
        raise ActionRefused("Enter the new SC version.")
    publication = NcscPublication.objects.create(
        submission=submission,
        sc_document=sc_document,
        version=version.strip(),
        published_on=published_on,
        ncsc_reference=ncsc_reference.strip(),
        recorded_by=user,
    )
    check_transition(submission, "record_ncsc_publication", user)
    level, change = _public_level(
        submission, user, reason=f"Published with {sc_document} version {publication.version}."
    )
    return apply_transition(
        submission,
        "record_ncsc_publication",
        user=user,
        event="published",
        kwargs={"classification": level},
        fields=("classification", "published_at"),
        data={
            "sc_document": str(sc_document),
            "version": publication.version,
            "published_on": published_on,
            "ncsc_reference": publication.ncsc_reference,
            "decision": submission.approval_decision_reference,
            **change,
        },
    )
