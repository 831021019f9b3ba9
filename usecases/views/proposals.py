"""Lists and pages of proposals, draft deletion and attachment downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from triage_portal.perf.page_cache import cached_per_session
from triage_portal.permissions import permission_needed
from usecases import workflow
from usecases.enums import SubmissionState
from usecases.errors import ActionRefused
from usecases.models import Attachment, Submission
from usecases.presentation.next_steps import what_happens_next
from usecases.presentation.page_buttons import proposal_page_actions
from usecases.presentation.timeline import committee_events, timeline_entries
from usecases.selectors.proposals import (
    proposal_clock,
    proposal_for_page,
    proposal_notifications,
    proposal_rows_of,
    proposal_timeline,
    proposals_visible_to,
)


def _visible(request, pk: int, **_url) -> Submission:
    try:
        return proposal_for_page(request.user, pk)
    except Submission.DoesNotExist as error:
        raise Http404 from error


@login_required
def proposal_list(request):
    return render(
        request, "usecases/submission/list.html", {"proposals": proposal_rows_of(request.user)}
    )


@login_required
# E-mails are recorded after the change that sent them commits, with no audit entry.
@cached_per_session
def proposal_detail(request, pk: int):
    submission = _visible(request, pk)
    timeline = list(proposal_timeline(submission))
    events = committee_events(submission)
    primary, more = proposal_page_actions(submission, request.user)
    return render(
        request,
        "usecases/submission/detail.html",
        {
            "submission": submission,
            "timeline": timeline_entries(timeline, events),
            "process_states": SubmissionState.choices,
            "clock": proposal_clock(timeline),
            "primary_action": primary,
            "more_actions": more,
            "can_refer": request.user.has_perm("usecases.manage_referrals", submission)
            and not submission.is_terminal
            and submission.registered_at is not None,
            "can_schedule_referral": request.user.has_perm("assessments.manage_meetings"),
            "next_step": what_happens_next(submission, events),
            "notifications": proposal_notifications(request.user, submission),
        },
    )


@permission_needed("usecases.delete_draft", load=_visible)
@require_http_methods(["GET", "POST"])
def draft_delete(request, submission, pk: int):
    if request.method == "POST":
        try:
            workflow.delete_draft(submission_id=submission.pk, user=request.user)
        except ActionRefused as error:
            messages.error(request, str(error))
            return redirect(submission)
        messages.success(request, "The draft has been deleted.")
        return redirect("usecases:proposal-list")
    return render(request, "usecases/submission/delete.html", {"submission": submission})


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    try:
        attachment = Attachment.objects.get(
            pk=attachment_id, submission__in=proposals_visible_to(request.user), submission_id=pk
        )
    except Attachment.DoesNotExist as error:
        raise Http404 from error
    return attachment_response(attachment)


def attachment_response(attachment: Attachment) -> FileResponse:
    """Return the file as a download that no browser renders inline and no cache keeps."""
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
