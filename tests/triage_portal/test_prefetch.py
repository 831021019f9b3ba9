"""Prefetching a page's lists with the empty ones not queried (triage_portal/prefetch.py)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.proposals import device_type, submitted_proposal
from triage_portal.prefetch import lists_with_rows, prefetch_lists
from usecases.models import (
    Attachment,
    ClarificationQuestion,
    ClarificationRequest,
    NcscPublication,
    Referral,
    SCDocument,
    Submission,
)
from usecases.selectors import proposal_for_page

LISTS = (
    "device_types",
    "q4_sc_documents",
    "q5_sc_documents",
    "attachments",
    "ncsc_publications",
    "supporters",
    "clarifications",
    "referrals",
)


def _with_every_list(proposer, secretariat) -> Submission:
    submission = submitted_proposal(proposer, supporters=2)
    submission.device_types.add(device_type("CHF"))
    first = SCDocument.objects.create(title="CPA SC for ESME", version="1.2")
    second = SCDocument.objects.create(title="CPA SC for CHF", version="2.0")
    submission.q4_sc_documents.add(second, first)
    submission.q5_sc_documents.add(first)
    Attachment.objects.create(
        submission=submission,
        file=ContentFile(b"%PDF-1.4 evidence", name="evidence.pdf"),
        original_name="evidence.pdf",
        content_type="application/pdf",
        size=17,
        sha256="0" * 64,
        uploaded_by=proposer,
    )
    NcscPublication.objects.create(
        submission=submission,
        sc_document=first,
        version="1.3",
        published_on=datetime.date(2026, 3, 2),
        recorded_by=secretariat,
    )
    for number in (2, 1):
        request = ClarificationRequest.objects.create(
            submission=submission,
            number=number,
            raised_by=secretariat,
            due_on=datetime.date(2026, 4, number),
            raised_in_state=submission.state,
        )
        for question in (3, 1, 2):
            ClarificationQuestion.objects.create(
                request=request, number=question, text=f"Request {number} question {question}?"
            )
    _refer(submission, secretariat, "Is the certificate profile sound?")
    return submission


def _refer(submission, secretariat, question: str) -> Referral:
    return Referral.objects.create(
        submission=submission,
        body="NCSC",
        question=question,
        due_on=datetime.date(2026, 5, 1),
        created_by=secretariat,
    )


def _as_read_afresh(submission: Submission) -> dict[str, list]:
    fresh = Submission.objects.get(pk=submission.pk)
    return {name: list(getattr(fresh, name).all()) for name in LISTS}


def test_a_proposal_with_no_optional_lists_asks_only_for_those_it_has(proposer):
    submission = submitted_proposal(proposer, supporters=1)

    assert lists_with_rows(submission, LISTS) == {"device_types", "supporters"}
    with CaptureQueriesContext(connection) as read:
        page = proposal_for_page(proposer, submission.pk)
    # The proposal, which lists have rows, device types, supporters.
    assert len(read.captured_queries) == 4

    with CaptureQueriesContext(connection) as shown:
        lists = {name: list(getattr(page, name).all()) for name in LISTS}
        counted = page.attachments.count(), page.referrals.exists()
    assert shown.captured_queries == []
    assert lists == _as_read_afresh(submission)
    assert lists["attachments"] == [] and counted == (0, False)


def test_every_list_is_read_in_the_pages_order(proposer, secretariat):
    submission = _with_every_list(proposer, secretariat)

    assert lists_with_rows(submission, LISTS) == set(LISTS)
    page = proposal_for_page(secretariat, submission.pk)

    with CaptureQueriesContext(connection) as shown:
        lists = {name: list(getattr(page, name).all()) for name in LISTS}
        questions = [
            [q.number for q in request.questions.all()] for request in page.clarifications.all()
        ]
    assert shown.captured_queries == []
    assert lists == _as_read_afresh(submission)
    assert [request.number for request in lists["clarifications"]] == [1, 2]
    assert questions == [[1, 2, 3], [1, 2, 3]]
    assert [d.title for d in lists["q4_sc_documents"]] == ["CPA SC for CHF", "CPA SC for ESME"]


def test_the_page_shows_every_list(client, proposer, secretariat):
    submission = _with_every_list(proposer, secretariat)
    client.force_login(secretariat)

    page = client.get(reverse("usecases:proposal-detail", args=[submission.pk])).text

    for shown in ("evidence.pdf", "CPA SC for CHF", "Request 2 question 3?", "1.3", "CHF device"):
        assert shown in page


def test_a_list_added_after_the_read_is_not_hidden_from_the_next(proposer, secretariat):
    submission = submitted_proposal(proposer)
    assert proposal_for_page(secretariat, submission.pk).referrals.all().count() == 0

    _refer(submission, secretariat, "A view?")

    assert len(proposal_for_page(secretariat, submission.pk).referrals.all()) == 1


def test_only_lists_of_the_object_can_be_asked(proposer):
    submission = submitted_proposal(proposer)

    with pytest.raises(ValueError, match="organisation"):
        lists_with_rows(submission, ("organisation",))


def test_a_prefetch_through_a_list_follows_it(proposer, secretariat):
    submission = _with_every_list(proposer, secretariat)
    fresh = Submission.objects.get(pk=submission.pk)

    prefetch_lists(fresh, "clarifications__questions", "referrals")

    with CaptureQueriesContext(connection) as shown:
        texts = [q.text for r in fresh.clarifications.all() for q in r.questions.all()]
    assert shown.captured_queries == []
    assert len(texts) == 6


def test_a_superseded_proposal_links_to_the_one_that_replaced_it(client, proposer, secretariat):
    from tests.factories.states import proposal_in_state
    from usecases import workflow

    old = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    new = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    workflow.supersede_proposal(
        submission_id=old.pk,
        user=secretariat,
        superseded_by_reference=new.reference,
        reason="Merged",
    )
    client.force_login(secretariat)

    page = client.get(reverse("usecases:proposal-detail", args=[old.pk])).text

    assert "Superseded by" in page
    assert f'href="/proposals/{new.pk}/">{new.reference}</a>' in page
