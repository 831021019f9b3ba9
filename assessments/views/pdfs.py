"""PDF downloads: papers (rendered once per content, a reader's watermark laid over AMBER and RED) and packs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assessments.minutes_record import minutes_for_reader
from assessments.models import Decision, Meeting, PackJob, Paper
from assessments.papers.documents import render_decision_letter, render_minutes
from assessments.papers.render import Reader, paper_for_reader
from assessments.selectors import meetings_visible_to, minutes_visible_to, paper_for_pdf
from assessments.services.packs import request_pack
from assessments.services.papers import mark_read
from triage_portal.classification import Classification
from usecases.errors import ActionRefused
from usecases.selectors import proposals_visible_to


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def paper_pdf(request, pk: int):
    try:
        paper = paper_for_pdf(request.user, pk)
    except Paper.DoesNotExist as error:
        raise Http404 from error
    mark_read(paper=paper, user=request.user)
    data = paper_for_reader(paper, Reader.of(request.user))
    if paper.classification in (Classification.AMBER, Classification.RED):
        paper.log_action(
            "assessments.paper.downloaded", actor=request.user, data={"reference": paper.reference}
        )
    return _pdf_response(data, f"{paper.reference or 'draft-paper'}.pdf")


@login_required
@require_POST
def pack_request(request, pk: int):
    try:
        job = request_pack(meeting_id=pk, user=request.user)
    except ActionRefused as error:
        raise Http404 from error
    messages.success(request, "Your meeting pack is being prepared.")
    return redirect("assessments:pack-status", job.pk)


def _job(request, pk: int) -> PackJob:
    job = (
        PackJob.objects.select_related("meeting__committee")
        .filter(pk=pk, requested_by=request.user)
        .first()
    )
    if job is None or not meetings_visible_to(request.user).filter(pk=job.meeting_id).exists():
        raise Http404
    return job


@login_required
def pack_status(request, pk: int):
    job = _job(request, pk)
    return render(request, "assessments/meeting/pack.html", {"job": job, "meeting": job.meeting})


@login_required
def pack_status_json(request, pk: int):
    """Return the job's state for static/js/pack-status.js, which polls it while the pack renders."""
    job = _job(request, pk)
    response = JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "finished": job.status in (PackJob.Status.DONE, PackJob.Status.FAILED),
            "pages": job.pages,
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def pack_download(request, pk: int):
    job = _job(request, pk)
    if job.status != PackJob.Status.DONE:
        raise Http404
    meeting: Meeting = job.meeting
    response = FileResponse(
        default_storage.open(job.file, "rb"),
        as_attachment=True,
        filename=f"{meeting.committee.code}-{meeting.number}-pack.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def minutes_pdf(request, pk: int):
    minutes = (
        minutes_visible_to(request.user)
        .select_related("meeting__committee", "approved_at_meeting__committee")
        .filter(meeting=pk)
        .first()
    )
    if minutes is None:
        raise Http404
    meeting = minutes.meeting
    data = render_minutes(minutes_for_reader(request.user, minutes), Reader.of(request.user))
    return _pdf_response(data, f"{meeting.committee.code}-{meeting.number}-minutes.pdf")


@login_required
def decision_letter(request, pk: int):
    decision = (
        Decision.objects.select_related("submission", "committee")
        .filter(pk=pk, submission__isnull=False)
        .first()
    )
    if decision is None:
        raise Http404
    visible = proposals_visible_to(request.user).filter(pk=decision.submission_id).exists()
    entitled = (
        request.user.has_perm("assessments.record_decision")
        or request.user.has_perm("usecases.edit_proposal", decision.submission)
        or decision.submission.created_by_id == request.user.pk
    )
    if not (visible and entitled):
        raise Http404
    data = render_decision_letter(decision, Reader.of(request.user))
    return _pdf_response(data, f"{decision.reference.replace('/', '-')}-decision-letter.pdf")
