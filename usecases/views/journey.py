"""The question pages: start, one page per group of questions, check answers, submit."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from triage_portal.permissions import permission_needed
from usecases import workflow
from usecases.enums import SubmissionState
from usecases.errors import ActionRefused
from usecases.files.uploads import safe_filename
from usecases.forms.questions import AttachmentForm, DeclarationForm, KindForm, SupporterForm
from usecases.models import Submission, SupportingParty
from usecases.presentation.completeness import missing_answers, section_statuses
from usecases.presentation.journey import (
    SECTION_BY_SLUG,
    SECTIONS,
    initial_answers,
    next_section,
    previous_section,
)
from usecases.selectors.proposals import proposal_for_page


def _visible(request, pk: int, **_url) -> Submission:
    try:
        return proposal_for_page(request.user, pk)
    except Submission.DoesNotExist as error:
        raise Http404 from error


EDIT = "usecases.edit_proposal"


def _drafting(submission) -> bool:
    """Whether the proposer is still writing the proposal (rather than it being corrected)."""
    return submission.state in (SubmissionState.DRAFT, SubmissionState.RETURNED)


RETURN_PAGES = {"check": "usecases:proposal-check", "tasks": "usecases:proposal-tasks"}


def _return_to(request) -> str:
    """Return the page the proposer came from ("check" or "tasks"), or "" for the next page."""
    wanted = request.GET.get("return", "")
    return wanted if wanted in RETURN_PAGES else ""


def _same_page(request, submission, slug: str):
    """Redirect back to this question page, keeping where "Save and continue" returns to."""
    url = reverse("usecases:proposal-section", args=[submission.pk, slug])
    back = _return_to(request)
    return redirect(f"{url}?return={back}" if back else url)


def _after_save(request, submission, slug: str):
    if request.POST.get("action") == "save":
        if not _drafting(submission):
            messages.success(request, "Your changes have been saved.")
            return redirect(submission)
        messages.success(
            request, "Your answers have been saved. You can come back to this proposal at any time."
        )
        return redirect("usecases:proposal-list")
    if back := _return_to(request):
        return redirect(RETURN_PAGES[back], submission.pk)
    following = next_section(slug)
    if following is None:
        return redirect("usecases:proposal-check", submission.pk)
    return redirect("usecases:proposal-section", submission.pk, following.slug)


def _layout(form) -> list[tuple]:
    """Return (field, field revealed under its "Yes") pairs, in the form's order."""
    reveals = getattr(form, "revealed_by_yes", {})
    hidden = set(reveals.values())
    return [
        (field, form[reveals[field.name]] if field.name in reveals else None)
        for field in form
        if field.name not in hidden
    ]


def _page_context(submission, section, form, **extra):
    back = previous_section(section.slug)
    return {
        "fields": _layout(form),
        "submission": submission,
        "section": section,
        "form": form,
        "sections": SECTIONS,
        "step": [s.slug for s in SECTIONS].index(section.slug) + 1,
        "drafting": _drafting(submission),
        "back_url": reverse("usecases:proposal-section", args=[submission.pk, back.slug])
        if back
        else None,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    form = KindForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        submission = workflow.start_proposal(user=request.user, kind=form.cleaned_data["kind"])
        return redirect("usecases:proposal-section", submission.pk, SECTIONS[0].slug)
    return render(request, "usecases/submission/start.html", {"form": form})


@permission_needed(EDIT, load=_visible)
@require_http_methods(["GET", "POST"])
def section(request, submission, pk: int, slug: str):
    if slug not in SECTION_BY_SLUG:
        raise Http404
    if slug == "supporters":
        return supporters(request, submission)
    if slug == "attachments":
        return attachments(request, submission)
    current = SECTION_BY_SLUG[slug]
    if request.method == "POST":
        form = current.form_class(request.POST)
        if form.is_valid():
            answers = {name: form.cleaned_data[name] for name in form.fields}
            workflow.save_answers(
                submission_id=submission.pk, user=request.user, answers=answers, section=slug
            )
            submission.refresh_from_db()
            gaps = [gap for gap in missing_answers(submission) if gap.section == slug]
            if request.POST.get("action") == "save" or not gaps:
                return _after_save(request, submission, slug)
            for gap in gaps:
                form.add_error(gap.field if gap.field in form.fields else None, gap.message)
    else:
        form = current.form_class(initial=initial_answers(submission, current.form_class))
    return render(
        request, "usecases/submission/section.html", _page_context(submission, current, form)
    )


def _removed_id(action: str) -> int | None:
    """Return the id in a "remove-<id>" button's value, or None when it is not a row id."""
    value = action.removeprefix("remove-")
    # A bound on the digits too: a longer number overflows the database's integer.
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def supporters(request, submission):
    current = SECTION_BY_SLUG["supporters"]
    form = SupporterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action.startswith("remove-"):
            try:
                workflow.remove_supporter(
                    submission_id=submission.pk,
                    user=request.user,
                    supporter_id=_removed_id(action),
                )
            except SupportingParty.DoesNotExist:
                messages.error(request, "That supporter is no longer on this proposal.")
            else:
                messages.success(request, "The supporter has been removed.")
            return _same_page(request, submission, "supporters")
        if action == "add" or form.has_input():
            if not form.is_valid():
                return render(
                    request,
                    "usecases/submission/supporters.html",
                    _page_context(submission, current, form),
                )
            try:
                workflow.add_supporter(
                    submission_id=submission.pk, user=request.user, **form.cleaned_data
                )
            except ActionRefused as refusal:
                # The form stays bound, so what was typed is shown again.
                context = _page_context(
                    submission, current, form, page_errors=[("id_name", str(refusal))]
                )
                return render(request, "usecases/submission/supporters.html", context)
            if action == "add":
                messages.success(
                    request, f"{form.cleaned_data['name']} has been added as a supporter."
                )
                return _same_page(request, submission, "supporters")
        if action == "continue" and not submission.supporters.exists():
            context = _page_context(
                submission,
                current,
                SupporterForm(),
                page_errors=[("id_name", "Add at least one SEC Party that supports this proposal")],
            )
            return render(request, "usecases/submission/supporters.html", context)
        return _after_save(request, submission, "supporters")
    return render(
        request, "usecases/submission/supporters.html", _page_context(submission, current, form)
    )


def attachments(request, submission):
    current = SECTION_BY_SLUG["attachments"]
    form = AttachmentForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action.startswith("remove-"):
            try:
                workflow.remove_attachment(
                    submission_id=submission.pk,
                    user=request.user,
                    attachment_id=_removed_id(action),
                )
            except ActionRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, "The file has been removed.")
            return _same_page(request, submission, "attachments")
        if action == "upload" or request.FILES.get("file"):
            form = AttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                return render(
                    request,
                    "usecases/submission/attachments.html",
                    _page_context(submission, current, form),
                )
            upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            name = safe_filename(upload.name, kind)
            workflow.add_attachment(
                submission_id=submission.pk,
                user=request.user,
                upload=upload,
                original_name=name,
                kind=kind,
                sha256=digest.hexdigest(),
                original_sha256=form.cleaned_data["original_sha256"],
            )
            if action == "upload":
                messages.success(request, f"{name} has been uploaded.")
                return _same_page(request, submission, "attachments")
        return _after_save(request, submission, "attachments")
    return render(
        request, "usecases/submission/attachments.html", _page_context(submission, current, form)
    )


@permission_needed(EDIT, load=_visible)
@require_http_methods(["GET", "POST"])
def check_answers(request, submission, pk: int):
    sending = submission.state in (
        SubmissionState.DRAFT,
        SubmissionState.RETURNED,
    ) and request.user.has_perm("usecases.submit_proposal", submission)
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    gaps = missing_answers(submission)
    if request.method == "POST" and not sending:
        return redirect(submission)
    if request.method == "GET" and sending and gaps:
        # A half-written proposal resumes at its task list, not at a list of errors.
        return redirect("usecases:proposal-tasks", submission.pk)
    if request.method == "POST" and form.is_valid() and not gaps:
        send = (
            workflow.resubmit_proposal
            if submission.state == SubmissionState.RETURNED
            else workflow.submit_proposal
        )
        try:
            send(submission_id=submission.pk, user=request.user, declaration=True)
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            return redirect("usecases:proposal-submitted", submission.pk)
    return render(
        request,
        "usecases/submission/check.html",
        {
            "submission": submission,
            "form": form,
            "gaps": gaps,
            "sections": SECTIONS,
            "sending": sending,
        },
    )


@permission_needed(EDIT, load=_visible)
def task_list(request, submission, pk: int):
    if not _drafting(submission):
        return redirect("usecases:proposal-check", submission.pk)
    tasks = section_statuses(submission)
    required = [task for task in tasks if not task.optional]
    return render(
        request,
        "usecases/submission/tasks.html",
        {
            "submission": submission,
            "tasks": tasks,
            "required": len(required),
            "completed": sum(task.completed for task in required),
            "ready": all(task.completed for task in required),
        },
    )


@login_required
def submitted(request, pk: int):
    submission = _visible(request, pk)
    return render(request, "usecases/submission/submitted.html", {"submission": submission})
