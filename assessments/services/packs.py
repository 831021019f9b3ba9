"""Meeting packs: sent to members at the paper deadline, and built in the background
through Django's tasks framework."""

import datetime
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django_fsm import can_proceed

from assessments.agenda import agenda_for
from assessments.enums import MeetingStatus
from assessments.models import IssuedDocument, Meeting, PackJob, Paper
from assessments.notifications import tell_pack_issued
from assessments.papers.pack import pack_level, pack_papers, pack_reference, render_pack_noting
from assessments.papers.render import Reader
from assessments.selectors import meetings_visible_to, papers_visible_to
from assessments.services.issuing import Issue, issue_pdf
from assessments.services.papers import paper_deadline
from triage_portal.links import portal_url
from triage_portal.mail import queue_email
from triage_portal.taskqueue import retried
from usecases.errors import ActionRefused, require


@transaction.atomic
def issue_pack(*, meeting_id: int, user=None) -> Meeting:
    """Send the meeting's issued papers to its committee's members, once.

    user is None for the scheduled job, which sends each pack on its meeting's paper deadline
    (the meeting less the committee's paper deadline in working days; T-5 by default).
    Side effects: stamps the meeting's pack_issued_at, logged with the papers' references; on
    commit each seat holder is e-mailed the issued papers they may read.
    """
    if user is not None:
        require(user, "assessments.issue_paper")
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    if meeting.pack_issued_at is not None:
        sent = timezone.localtime(meeting.pack_issued_at)
        raise ActionRefused(
            f"The papers for {meeting} were already sent to members at {sent:%H:%M} on"
            f" {sent:%-d %B %Y}."
        )
    if meeting.status != MeetingStatus.PLANNED:
        raise ActionRefused(
            f"{meeting} is {meeting.get_status_display().lower()}: papers are sent to members "
            "before a planned meeting."
        )
    references = list(
        Paper.objects.filter(agenda_item__meeting=meeting, issued_at__isnull=False)
        .order_by("agenda_item__number")
        .values_list("reference", flat=True)
    )
    if not references:
        raise ActionRefused(f"No paper for {meeting} has been issued yet: issue the papers first.")
    meeting.pack_issued_at = timezone.now()
    meeting.save(update_fields=["pack_issued_at"])
    meeting.log_action("assessments.meeting.pack_issued", actor=user, data={"papers": references})
    transaction.on_commit(lambda: tell_pack_issued(meeting_id))
    return meeting


def issue_due_packs(today: datetime.date | None = None) -> list[str]:
    """Send the pack of every planned meeting whose paper deadline has come; return which.

    A meeting with no issued paper yet is left until one is issued.
    """
    today = today or timezone.localdate()
    sent = []
    meetings = Meeting.objects.filter(
        status=MeetingStatus.PLANNED,
        date__gte=today,
        pack_issued_at__isnull=True,
        items__paper__issued_at__isnull=False,
    ).distinct()
    for meeting in meetings.select_related("committee"):
        if paper_deadline(meeting) <= today:
            issue_pack(meeting_id=meeting.pk)
            sent.append(str(meeting))
    return sent


@transaction.atomic
def request_pack(*, meeting_id: int, user) -> PackJob:
    """Queue a pack of the meeting's papers that this user may see."""
    if not meetings_visible_to(user).filter(pk=meeting_id).exists():
        raise ActionRefused("You cannot see this meeting.")
    job = PackJob.objects.create(meeting_id=meeting_id, requested_by=user)
    transaction.on_commit(lambda: build_pack.enqueue(job_id=job.pk))
    return job


def fail_abandoned_packs(now: datetime.datetime | None = None) -> int:
    """Mark failed every pack still queued or rendering after TASK_ABANDONED_MINUTES.

    Its worker stopped (see taskqueue.fail_abandoned_tasks): the reader sees that it failed
    and can ask again, instead of a pack "being prepared" for ever. Return how many.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.TASK_ABANDONED_MINUTES)
    # The one status change made in bulk, not through PackJob.fail: a scheduled sweep over
    # jobs whose worker is gone, so there is no one to race with, and a single UPDATE keeps it
    # cheap. Its filter is the fail transition's source (QUEUED, RUNNING), so it makes no
    # move the state machine would refuse.
    return PackJob.objects.filter(
        status__in=[PackJob.Status.QUEUED, PackJob.Status.RUNNING], created_at__lt=cutoff
    ).update(
        status=PackJob.Status.FAILED,
        error="The pack was not finished: the worker making it stopped. Ask for it again.",
        finished_at=now,
    )


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
    if _move(job.pk, "start") is None:  # already made, by an earlier attempt
        return job.pages
    try:
        reader = job.requested_by
        meeting = job.meeting
        papers = pack_papers(meeting, papers_visible_to(reader))
        data, notes = render_pack_noting(
            meeting, papers, Reader.of(reader), agenda_for(reader, meeting)
        )
        # The pack carries its reader's name on every page: signed and recorded for them alone.
        data = issue_pdf(
            data,
            issue=Issue(
                kind=IssuedDocument.Kind.PACK,
                reference=pack_reference(meeting),
                title=f"{meeting.committee.code} meeting {meeting.number}, "
                f"{meeting.date:%-d %B %Y}: meeting pack",
                classification=pack_level(papers),
                meeting_id=meeting.pk,
            ),
            issued_to=reader,
        )
        path = default_storage.save(f"packs/pack-{job.pk}.pdf", ContentFile(data))
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception as error:
        _move(job.pk, "fail", error=str(error))
        raise
    note = "\n".join(notes)
    told = (
        PackJob.objects.filter(meeting_id=job.meeting_id, status=PackJob.Status.DONE, error=note)
        .exclude(pk=job.pk)
        .exists()
    )
    _move(job.pk, "finish", file=path, pages=pages, notes=note)
    if notes and not told:
        _tell_secretariat(job, notes)
    return pages


def _move(job_id: int, name: str, **kwargs) -> PackJob | None:
    """Lock the job and take one of its transitions; return None if its state forbids it."""
    with transaction.atomic():
        job = PackJob.objects.select_for_update().get(pk=job_id)
        step = getattr(job, name)
        if not can_proceed(step):
            return None
        step(**kwargs)
        job.save(update_fields=["status", "file", "pages", "error", "finished_at"])
        return job


def _tell_secretariat(job: PackJob, notes: list[str]) -> None:
    meeting = job.meeting
    queue_email(
        template="pack_annex_missing",
        key="assessments.pack_annex_missing",
        to=[settings.SECRETARIAT_EMAIL],
        context={
            "meeting": meeting,
            "notes": notes,
            "link": portal_url(reverse("assessments:meeting-detail", args=[meeting.pk])),
        },
    )


def meeting_for_pack(committee_code: str, number: int) -> Meeting:
    return Meeting.objects.select_related("committee").get(
        committee__code=committee_code, number=number
    )
