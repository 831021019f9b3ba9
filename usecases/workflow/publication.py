"""NCSC advice, Use Case publication and NCSC's publication of SC versions."""

import datetime

from django.db import transaction
from django.utils import timezone

from usecases.errors import ActionRefused
from usecases.models import NcscPublication, SCDocument, Submission
from usecases.workflow.common import apply_transition, check_transition, locked, require
from usecases.workflow.references import allocate_use_case_number


@transaction.atomic
def record_ncsc_advice(*, submission_id: int, user, advice: str) -> Submission:
    """Record NCSC's advice on the proposal (needed before a Use Case is approved)."""
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


@transaction.atomic
def publish_use_case(*, submission_id: int, user, guidance_version: str) -> Submission:
    """Publish an approved Use Case (no SC changes) with the next three-digit number."""
    submission = locked(submission_id)
    check_transition(submission, "publish_use_case", user)
    if not guidance_version.strip():
        raise ActionRefused("Enter the SSC Guidance Part 2 version that includes the Use Case.")
    number = allocate_use_case_number()
    return apply_transition(
        submission,
        "publish_use_case",
        user=user,
        event="published",
        kwargs={"number": number, "guidance_version": guidance_version.strip()},
        fields=("use_case_number", "guidance_version", "published_at"),
        data={"use_case_number": f"{number:03d}", "guidance_version": guidance_version.strip()},
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
    """Record NCSC's publication of the new SC version and close the proposal as published."""
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
    return apply_transition(
        submission,
        "record_ncsc_publication",
        user=user,
        event="published",
        fields=("published_at",),
        data={
            "sc_document": str(sc_document),
            "version": publication.version,
            "published_on": published_on,
            "ncsc_reference": publication.ncsc_reference,
        },
    )
