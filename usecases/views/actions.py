"""Confirmation pages for every action on a proposal, and the clarification and referral pages."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from triage_portal.permissions import permission_needed
from usecases import workflow
from usecases.errors import ActionRefused
from usecases.forms.questions import AnswerField
from usecases.forms.transitions import (
    ClassificationForm,
    NcscAdviceForm,
    ReferralForm,
    ReferralOutcomeForm,
)
from usecases.models import Submission
from usecases.presentation.transition_pages import ACTION_BY_SLUG
from usecases.selectors.proposals import proposal_for_page
from usecases.workflow.clarifications import open_request
from usecases.workflow.common import check_transition


def _visible(request, pk: int, **_url) -> Submission:
    try:
        return proposal_for_page(request.user, pk)
    except Submission.DoesNotExist as error:
        raise Http404 from error


def _form_page(
    request, submission, form, *, heading, button, explanation="", warning=False, extra=None
):
    return render(
        request,
        "usecases/submission/action.html",
        {
            "submission": submission,
            "form": form,
            "heading": heading,
            "button": button,
            "explanation": explanation,
            "warning": warning,
            **(extra or {}),
        },
    )


def _run(request, submission, form, service, done: str):
    """Call the service with the form's data; on refusal show why, keeping the input."""
    try:
        service(form.cleaned_data)
    except ActionRefused as error:
        form.add_error(None, str(error))
        return None
    messages.success(request, done)
    return redirect(submission)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_action(request, pk: int, slug: str):
    submission = _visible(request, pk)
    action = ACTION_BY_SLUG.get(slug)
    if action is None:
        raise Http404
    permission = next(
        (
            t.permission
            for t in type(submission)._meta.get_field("state").get_all_transitions(type(submission))
            if t.name == action.transition
        ),
        None,
    )
    if permission and not request.user.has_perm(permission, submission):
        raise Http404
    if not action.only.test(request.user):
        raise Http404
    if request.method == "GET":
        try:
            check_transition(submission, action.transition, request.user)
        except ActionRefused as error:
            messages.error(request, str(error))
            return redirect(submission)
    form = action.form_class(
        request.POST if request.method == "POST" else None, submission=submission
    )
    if request.method == "POST" and form.is_valid():
        response = _run(
            request,
            submission,
            form,
            lambda data: action.run(submission, request.user, data),
            action.done,
        )
        if response:
            return response
    return _form_page(
        request,
        submission,
        form,
        heading=action.heading,
        button=action.label,
        explanation=action.explanation,
        warning=action.warning,
    )


def clarification_form_class(request_obj) -> type[forms.Form]:
    fields = {
        f"answer_{q.number}": AnswerField(
            label=f"{request_obj.number}.{q.number} {q.text}",
            required=True,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 6}),
            error_messages={"required": f"Answer question {request_obj.number}.{q.number}"},
        )
        for q in request_obj.questions.all()
    }
    return type("ClarificationAnswerForm", (forms.Form,), fields)


@permission_needed("usecases.answer_clarification", load=_visible)
@require_http_methods(["GET", "POST"])
def clarification_answer(request, submission, pk: int):
    try:
        request_obj = open_request(submission)
    except ActionRefused as error:
        messages.error(request, str(error))
        return redirect(submission)
    form = clarification_form_class(request_obj)(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answers = {
            int(name.removeprefix("answer_")): value for name, value in form.cleaned_data.items()
        }
        response = _run(
            request,
            submission,
            form,
            lambda data: workflow.answer_clarification(
                submission_id=submission.pk, user=request.user, answers=answers
            ),
            "Your answers have been sent to the SSC.",
        )
        if response:
            return response
    return _form_page(
        request,
        submission,
        form,
        heading="Answer the SSC's questions",
        button="Send your answers",
        explanation=f"Please answer by {request_obj.due_on:%-d %B %Y}.",
    )


@permission_needed("usecases.manage_referrals", load=_visible)
@require_http_methods(["GET", "POST"])
def referral_create(request, submission, pk: int):
    form = ReferralForm(
        request.POST if request.method == "POST" else None, initial={"mandatory": True}
    )
    if request.method == "POST" and form.is_valid():
        response = _run(
            request,
            submission,
            form,
            lambda data: workflow.refer_proposal(
                submission_id=submission.pk, user=request.user, **data
            ),
            "The referral has been recorded.",
        )
        if response:
            return response
    return _form_page(
        request, submission, form, heading="Refer the proposal for views", button="Refer proposal"
    )


@permission_needed("usecases.manage_referrals", load=_visible)
@require_http_methods(["GET", "POST"])
def referral_outcome(request, submission, pk: int, referral_id: int):
    referral = submission.referrals.filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    form = ReferralOutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        response = _run(
            request,
            submission,
            form,
            lambda data: workflow.record_referral_outcome(
                referral_id=referral.pk, user=request.user, **data
            ),
            f"The outcome of the referral to {referral.get_body_display()} has been recorded.",
        )
        if response:
            return response
    return _form_page(
        request,
        submission,
        form,
        heading=f"Record {referral.get_body_display()}'s response",
        button="Record outcome",
        explanation=referral.question,
    )


@permission_needed("usecases.record_ncsc_advice", load=_visible)
@require_http_methods(["GET", "POST"])
def ncsc_advice(request, submission, pk: int):
    form = NcscAdviceForm(
        request.POST if request.method == "POST" else None,
        initial={"advice": submission.ncsc_advice},
    )
    if request.method == "POST" and form.is_valid():
        response = _run(
            request,
            submission,
            form,
            lambda data: workflow.record_ncsc_advice(
                submission_id=submission.pk, user=request.user, advice=data["advice"]
            ),
            "NCSC's advice has been recorded.",
        )
        if response:
            return response
    return _form_page(
        request, submission, form, heading="Record NCSC's advice", button="Record advice"
    )


@permission_needed("usecases.set_classification", load=_visible)
@require_http_methods(["GET", "POST"])
def classification_change(request, submission, pk: int):
    form = ClassificationForm(
        request.POST if request.method == "POST" else None,
        initial={"classification": submission.classification},
    )
    if request.method == "POST" and form.is_valid():
        response = _run(
            request,
            submission,
            form,
            lambda data: workflow.change_classification(
                submission_id=submission.pk, user=request.user, **data
            ),
            "The classification has been changed.",
        )
        if response:
            return response
    return _form_page(
        request,
        submission,
        form,
        heading="Change the classification",
        button="Change classification",
        explanation="Lowering a classification is recorded as a downgrade, with your name and reason.",
    )
