"""Meeting packs, built in the background through Django's tasks framework."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from assessments.agenda import agenda_for
from assessments.models import Meeting, PackJob
from assessments.papers.pack import pack_papers, render_pack_noting
from assessments.papers.render import Reader
from assessments.selectors import meetings_visible_to, papers_visible_to
from triage_portal.mail import queue_email
from triage_portal.taskqueue import retried
from usecases.errors import ActionRefused


@transaction.atomic
def request_pack(*, meeting_id: int, user) -> PackJob:
    """Queue a pack of the meeting's papers that this user may see."""
    if not meetings_visible_to(user).filter(pk=meeting_id).exists():
        raise ActionRefused("You cannot see this meeting.")
    job = PackJob.objects.create(meeting_id=meeting_id, requested_by=user)
    transaction.on_commit(lambda: build_pack.enqueue(job_id=job.pk))
    return job


@task
def build_pack(*, job_id: int, attempt: int = 1) -> int:
    """Render the pack for the job's reader and store it; return its page count.

    An annex that cannot be included has a page saying so; the job keeps a note of each (shown
    on its page) and the secretariat is e-mailed, once for the same notes on the same meeting.
    A failure marks the job failed and queues another attempt later (see taskqueue).
    """
    with retried(build_pack, {"job_id": job_id}, attempt):
        return _build_pack(job_id)


def _build_pack(job_id: int) -> int:
    from pypdf import PdfReader

    job = PackJob.objects.select_related("requested_by__organisation", "meeting__committee").get(
        pk=job_id
    )
    PackJob.objects.filter(pk=job.pk).update(status=PackJob.Status.RUNNING)
    try:
        reader = job.requested_by
        data, notes = render_pack_noting(
            job.meeting,
            pack_papers(job.meeting, papers_visible_to(reader)),
            Reader.of(reader),
            agenda_for(reader, job.meeting),
        )
        path = default_storage.save(f"packs/pack-{job.pk}.pdf", ContentFile(data))
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception as error:
        PackJob.objects.filter(pk=job.pk).update(
            status=PackJob.Status.FAILED, error=str(error), finished_at=timezone.now()
        )
        raise
    note = "\n".join(notes)
    told = (
        PackJob.objects.filter(meeting_id=job.meeting_id, status=PackJob.Status.DONE, error=note)
        .exclude(pk=job.pk)
        .exists()
    )
    PackJob.objects.filter(pk=job.pk).update(
        status=PackJob.Status.DONE, file=path, pages=pages, error=note, finished_at=timezone.now()
    )
    if notes and not told:
        _tell_secretariat(job, notes)
    return pages


def _tell_secretariat(job: PackJob, notes: list[str]) -> None:
    meeting = job.meeting
    queue_email(
        template="pack_annex_missing",
        key="assessments.pack_annex_missing",
        to=[settings.SECRETARIAT_EMAIL],
        context={
            "meeting": meeting,
            "notes": notes,
            "link": settings.PORTAL_BASE_URL
            + reverse("assessments:meeting-detail", args=[meeting.pk]),
        },
    )


def meeting_for_pack(committee_code: str, number: int) -> Meeting:
    return Meeting.objects.select_related("committee").get(
        committee__code=committee_code, number=number
    )
