"""Questions from the SSC to a proposer, their answers, and reminders."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from usecases.enums import SubmissionState
from usecases.errors import ActionRefused, require
from usecases.models import ClarificationQuestion, ClarificationRequest, Submission
from usecases.workflow.common import (
    apply_transition,
    check_transition,
    locked,
    refuse_state,
)
from usecases.workflow.decisions import CommitteeDecision, decision_reference


@transaction.atomic
def request_clarification(
    *,
    submission_id: int,
    user,
    questions: list[str],
    due_on: datetime.date,
    decision: CommitteeDecision | None = None,
) -> ClarificationRequest:
    """Ask the proposer numbered questions with a due date; the item's clock pauses.

    Side effects: creates the request and its questions; moves the proposal to
    CLARIFICATION_REQUESTED, remembering the state to return to; logs (with the reference of
    the SSC's decision to ask, when one is given, after checking it); e-mails the proposer.
    """
    submission = locked(submission_id)
    check_transition(submission, "request_clarification", user)
    decided = (
        {"decision": decision_reference(decision, submission, "request_clarification")}
        if decision is not None
        else {}
    )
    questions = [text.strip() for text in questions if text.strip()]
    if not questions:
        raise ActionRefused("Enter at least one question.")
    if due_on <= timezone.localdate():
        raise ActionRefused("The due date must be in the future.")
    number = (submission.clarifications.aggregate(top=Max("number"))["top"] or 0) + 1
    request = ClarificationRequest.objects.create(
        submission=submission,
        number=number,
        raised_by=user,
        due_on=due_on,
        raised_in_state=submission.state,
    )
    ClarificationQuestion.objects.bulk_create(
        ClarificationQuestion(request=request, number=n, text=text)
        for n, text in enumerate(questions, start=1)
    )
    apply_transition(
        submission,
        "request_clarification",
        user=user,
        event="clarification_requested",
        fields=("return_state",),
        data={"request": number, "questions": questions, "due_on": due_on, **decided},
    )
    return request


def open_request(submission: Submission) -> ClarificationRequest:
    request = submission.clarifications.filter(answered_at__isnull=True).order_by("-number").first()
    if request is None:
        raise ActionRefused("There is no open clarification request.")
    return request


@transaction.atomic
def answer_clarification(
    *, submission_id: int, user, answers: dict[int, str]
) -> ClarificationRequest:
    """Record the proposer's answers and return the proposal to the state that asked.

    answers maps each question's number to its answer; every question needs one.
    """
    submission = locked(submission_id)
    if submission.state != SubmissionState.CLARIFICATION_REQUESTED:
        raise refuse_state(submission)
    require(user, "usecases.answer_clarification", submission)
    request = open_request(submission)
    questions = list(request.questions.all())
    missing = [q.number for q in questions if not (answers.get(q.number) or "").strip()]
    if missing:
        raise ActionRefused(f"Answer question {request.number}.{missing[0]}.")
    for question in questions:
        question.answer = answers[question.number].strip()
    ClarificationQuestion.objects.bulk_update(questions, ["answer"])
    check_transition(submission, "answer_clarification", user)
    request.answered_at = timezone.now()
    request.answered_by = user
    request.save(update_fields=["answered_at", "answered_by"])
    apply_transition(
        submission,
        "answer_clarification",
        user=user,
        event="clarification_answered",
        data={"request": request.number, "answers": {q.number: q.answer for q in questions}},
    )
    return request
