"""Putting a paper that is not about a proposal on a meeting's agenda."""

import hashlib

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments.other_paper_forms import OtherPaperForm, initial_for
from assessments.selectors import meetings_visible_to
from assessments.services.other_papers import add_paper_item
from triage_portal.permissions import permission_needed
from usecases.errors import ActionRefused
from usecases.files.uploads import PDF, safe_filename


def _stored_sha256(stored) -> str:
    stored.seek(0)
    digest = hashlib.sha256()
    for chunk in stored.chunks():
        digest.update(chunk)
    stored.seek(0)
    return digest.hexdigest()


@permission_needed("assessments.manage_meetings")
@require_http_methods(["GET", "POST"])
def paper_new(request, pk: int):
    meeting = meetings_visible_to(request.user).select_related("committee").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    posted = request.method == "POST"
    form = OtherPaperForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=initial_for(request.user),
    )
    if posted and form.is_valid():
        data = dict(form.cleaned_data)
        stored = data.pop("document")
        document = None
        if stored is not None:
            name = safe_filename(request.FILES["document"].name, PDF)
            document = (stored, name, _stored_sha256(stored))
        try:
            paper = add_paper_item(
                user=request.user, meeting_id=meeting.pk, document=document, **data
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"The paper is item {paper.agenda_item.number} of {meeting}, as a draft: "
                "check it, then issue it.",
            )
            return redirect("assessments:paper-detail", paper.pk)
    return render(request, "assessments/paper/new.html", {"meeting": meeting, "form": form})
