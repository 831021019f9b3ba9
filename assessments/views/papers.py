"""A paper's page: read it, edit the draft, issue it, approve a late issue; send a meeting's
issued papers to its members (the pack)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments.forms import PaperForm
from assessments.models import Paper
from assessments.selectors import meetings_visible_to, paper_for_page
from assessments.services.common import LatePaper
from assessments.services.packs import issue_pack
from assessments.services.paper_edits import edit_paper
from assessments.services.papers import (
    approve_late_paper,
    classification_problem,
    has_read,
    issue_paper,
    paper_deadline,
)
from triage_portal.classification import statement, watermarked
from triage_portal.permissions import permission_needed
from usecases.errors import ActionRefused


def _paper(request, pk: int) -> Paper:
    try:
        return paper_for_page(request.user, pk)
    except Paper.DoesNotExist as error:
        raise Http404 from error


@login_required
def paper_detail(request, pk: int):
    """Show the paper. Reading it is recorded by a POST (paper_read), never by this GET."""
    paper = _paper(request, pk)
    return render(
        request,
        "assessments/paper/detail.html",
        {
            "paper": paper,
            "meeting": paper.agenda_item.meeting,
            "statement": statement(paper.classification),
            "watermarked": watermarked(paper.classification),
            "problem": classification_problem(paper),
            "read": paper.is_issued and has_read(paper=paper, user=request.user),
            "deadline": paper_deadline(paper.agenda_item.meeting),
            "can_issue": request.user.has_perm("assessments.issue_paper") and not paper.is_issued,
            "can_approve_late": request.user.has_perm("assessments.approve_late_paper")
            and not paper.is_issued,
        },
    )


@permission_needed("assessments.issue_paper")
@require_http_methods(["GET", "POST"])
def paper_edit(request, pk: int):
    paper = _paper(request, pk)
    if paper.is_issued:
        raise Http404
    initial = {
        name: getattr(paper, name)
        for name in (
            "title",
            "author_name",
            "author_role",
            "action",
            "classification",
            "purpose",
            "background",
            "body",
            "next_steps",
        )
    }
    initial["recommendations"] = "\n".join(
        f"{r.verb} {r.text}" for r in paper.recommendations.all()
    )
    form = PaperForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        edit_paper(
            paper_id=paper.pk,
            user=request.user,
            recommendations=data.pop("recommendations"),
            **data,
        )
        messages.success(request, "The paper has been saved.")
        return redirect("assessments:paper-detail", paper.pk)
    return render(request, "assessments/paper/edit.html", {"paper": paper, "form": form})


@permission_needed("assessments.issue_paper")
@require_POST
def paper_issue(request, pk: int):
    paper = _paper(request, pk)
    try:
        issued = issue_paper(
            paper_id=paper.pk,
            user=request.user,
            confirm_late=request.POST.get("confirm_late") == "yes",
        )
    except LatePaper as warning:
        return render(
            request, "assessments/paper/late.html", {"paper": paper, "warning": str(warning)}
        )
    except ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The paper is issued as {issued.reference}.")
    return redirect("assessments:paper-detail", paper.pk)


@permission_needed("assessments.approve_late_paper")
@require_POST
def paper_approve_late(request, pk: int):
    paper = _paper(request, pk)
    try:
        approve_late_paper(
            paper_id=paper.pk, user=request.user, reason=request.POST.get("reason", "")
        )
    except ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You approved a late issue of this paper.")
    return redirect("assessments:paper-detail", paper.pk)


@permission_needed("assessments.issue_paper")
@require_POST
def meeting_pack_issue(request, pk: int):
    """Send the meeting's issued papers to its members now, before the scheduled paper deadline."""
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    try:
        issue_pack(meeting_id=meeting.pk, user=request.user)
    except ActionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The issued papers have been sent to the members.")
    return redirect("assessments:meeting-detail", meeting.pk)
