"""Lists and pages of proposals, withdrawal, draft deletion and attachment downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from usecases import workflow
from usecases.errors import ActionRefused
from usecases.forms import ReasonForm
from usecases.models import Attachment, Submission
from usecases.selectors import (
    proposal_for_page,
    proposal_timeline,
    proposals_of,
    proposals_visible_to,
)


def _visible(request, pk: int) -> Submission:
    try:
        return proposal_for_page(request.user, pk)
    except Submission.DoesNotExist as error:
        raise Http404 from error


@login_required
def proposal_list(request):
    return render(
        request, "usecases/submission/list.html", {"proposals": proposals_of(request.user)}
    )


@login_required
def proposal_detail(request, pk: int):
    submission = _visible(request, pk)
    return render(
        request,
        "usecases/submission/detail.html",
        {
            "submission": submission,
            "timeline": proposal_timeline(submission),
            "can_withdraw": request.user.has_perm("usecases.withdraw_proposal", submission),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, pk: int):
    submission = _visible(request, pk)
    if not request.user.has_perm("usecases.withdraw_proposal", submission):
        messages.error(request, "This proposal cannot be withdrawn now.")
        return redirect(submission)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.withdraw_proposal(
                submission_id=submission.pk, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ActionRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The proposal has been withdrawn.")
        return redirect(submission)
    return render(
        request, "usecases/submission/withdraw.html", {"submission": submission, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_delete(request, pk: int):
    submission = _visible(request, pk)
    if not request.user.has_perm("usecases.delete_draft", submission):
        raise Http404
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
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
