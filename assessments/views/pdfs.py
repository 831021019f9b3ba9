"""PDF downloads: papers (rendered once per content, a reader's watermark laid over AMBER and RED) and packs.

Every PDF is signed with the portal's key and recorded as issued (services.issuing) last, over
the bytes the reader gets.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assessments.document_check import decision_for_letter
from assessments.minutes_record import minutes_for_reader
from assessments.models import IssuedDocument, Meeting, PackJob, Paper
from assessments.papers.documents import minutes_reference, render_decision_letter, render_minutes
from assessments.papers.render import Reader, paper_for_reader
from assessments.selectors import meetings_visible_to, minutes_visible_to, paper_for_pdf
from assessments.services.issuing import Issue, issue_pdf
from assessments.services.packs import request_pack
from assessments.services.papers import mark_read
from triage_portal.classification import watermarked
from usecases.errors import ActionRefused


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _paper_for_pdf(request, pk: int) -> Paper:
    try:
        return paper_for_pdf(request.user, pk)
    except Paper.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_POST
def paper_read(request, pk: int):
    """Record that the reader has the paper (its first read), then send them to its PDF, or
    back to its page when they marked it read there."""
    paper = _paper_for_pdf(request, pk)
    mark_read(paper=paper, user=request.user)
    back = request.POST.get("then") == "page"
    response = redirect("assessments:paper-detail" if back else "assessments:paper-pdf", paper.pk)
    response.status_code = 303  # See Other: the browser fetches the next page by GET
    return response


@login_required
def paper_pdf(request, pk: int):
    """Return the paper's PDF, signed and, for AMBER and RED, marked with its reader's name.

    Reading is recorded by paper_read (a POST); the writes left here are the register of
    issued documents and the download log of an AMBER or RED paper, which record that these
    bytes went to this reader and so belong with the response that sends them.
    """
    paper = _paper_for_pdf(request, pk)
    data = issue_pdf(
        paper_for_reader(paper, Reader.of(request.user)),
        issue=Issue(
            kind=IssuedDocument.Kind.PAPER,
            reference=paper.reference or "DRAFT",
            title=paper.title,
            classification=paper.classification,
            paper_id=paper.pk,
        ),
        issued_to=request.user,
        shared=not watermarked(paper.classification),
    )
    if watermarked(paper.classification):
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
    shown = minutes_for_reader(request.user, minutes)
    data = issue_pdf(
        render_minutes(shown, Reader.of(request.user)),
        issue=Issue(
            kind=IssuedDocument.Kind.MINUTES,
            reference=minutes_reference(meeting),
            title=f"Minutes of {meeting.committee.code} meeting {meeting.number}, {meeting.date:%-d %B %Y}",
            classification=shown.level,
            meeting_id=meeting.pk,
        ),
        issued_to=request.user,
        shared=not watermarked(shown.level),
    )
    return _pdf_response(data, f"{meeting.committee.code}-{meeting.number}-minutes.pdf")


@login_required
def decision_letter(request, pk: int):
    decision = decision_for_letter(request.user, pk)
    if decision is None:
        raise Http404
    level = decision.submission.classification
    data = issue_pdf(
        render_decision_letter(decision, Reader.of(request.user)),
        issue=Issue(
            kind=IssuedDocument.Kind.DECISION_LETTER,
            reference=decision.reference,
            title=f"Decision on {decision.submission.reference or 'proposal'}",
            classification=level,
            decision_id=decision.pk,
        ),
        issued_to=request.user,
        shared=not watermarked(level),
    )
    return _pdf_response(data, f"{decision.reference.replace('/', '-')}-decision-letter.pdf")
