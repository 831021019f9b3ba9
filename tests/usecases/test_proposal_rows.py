"""The rows of the lists of proposals and of a proposal's answers, as the pages draw them.

(These replace tests that compared tags written in Python with frozen copies of old templates:
the rows are templates now, and what matters is what a reader sees on each page.)
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.proposals import draft_proposal
from tests.factories.states import proposal_in_state
from usecases.models import Submission

pytestmark = pytest.mark.django_db


def rows(html: str) -> list[str]:
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr class="govuk-table__row">.*?</tr>', body, re.S)


def test_a_queue_row_links_the_proposal_and_shows_its_state_flags_and_level(
    client, proposer, secretariat
):
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    Submission.objects.filter(pk=submission.pk).update(
        use_case_title="Meters & <modems>", q6_urgent="YES"
    )
    client.force_login(secretariat)

    (row,) = rows(client.get(reverse("usecases:workspace")).text)

    detail = reverse("usecases:proposal-detail", args=[submission.pk])
    assert f'<span class="govuk-caption-s">{submission.reference}</span><br>' in row
    assert f'<a class="govuk-link" href="{detail}">Meters &amp; &lt;modems&gt;</a>' in row
    kind = submission.get_kind_display()
    assert f"{kind} · {submission.proposer_organisation_name}" in row
    assert '<strong class="govuk-tag portal-state govuk-tag--green">Registered</strong>' in row
    assert '<strong class="govuk-tag govuk-tag--pink">Urgent</strong>' in row
    assert "overdue" not in row
    level = submission.get_classification_display().upper()
    assert f'<strong class="govuk-tag govuk-tag--orange">{level}</strong>' in row


def test_a_proposers_draft_row_offers_to_continue_or_delete_it(client, proposer):
    draft = draft_proposal(proposer, use_case_title="My draft")
    client.force_login(proposer)

    (row,) = rows(client.get(reverse("usecases:proposal-list")).text)

    check = reverse("usecases:proposal-tasks", args=[draft.pk])  # the draft's task list
    delete = reverse("usecases:proposal-delete", args=[draft.pk])
    assert '<td class="govuk-table__cell">My draft</td>' in row  # not a link: no page yet
    assert (
        f'<a class="govuk-link" href="{check}">Continue'
        '<span class="govuk-visually-hidden"> My draft</span></a>'
    ) in row
    assert (
        f'<a class="govuk-link" href="{delete}">Delete'
        '<span class="govuk-visually-hidden"> draft My draft</span></a>'
    ) in row
    assert '<strong class="govuk-tag portal-state govuk-tag--grey">Draft</strong>' in row


def test_a_submitted_proposals_row_links_its_page_and_offers_nothing_else(client, proposer):
    submitted = proposal_in_state("SUBMITTED", proposer=proposer)
    client.force_login(proposer)

    (row,) = rows(client.get(reverse("usecases:proposal-list")).text)

    detail = reverse("usecases:proposal-detail", args=[submitted.pk])
    assert f'<a class="govuk-link" href="{detail}">{submitted.title}</a>' in row
    assert "Continue" not in row and "Delete" not in row


def test_the_check_page_offers_a_change_link_for_each_answer_and_marks_the_unanswered(
    client, proposer
):
    draft = draft_proposal(proposer, q4_explanation="")
    client.force_login(proposer)

    html = client.get(reverse("usecases:proposal-check", args=[draft.pk])).text

    section = reverse("usecases:proposal-section", args=[draft.pk, "issue"])
    assert (
        f'<a class="govuk-link" href="{section}?return=check">Change'
        '<span class="govuk-visually-hidden"> 1. what issue are you looking to address?</span>'
        "</a>"
    ) in html
    explanation = html.split('<dt class="govuk-summary-list__key">4. Explanation</dt>', 1)[1]
    assert explanation.lstrip().startswith(
        '<dd class="govuk-summary-list__value">'
        '<span class="govuk-hint govuk-!-margin-0">Not answered</span></dd>'
    )


def test_the_proposal_page_shows_long_answers_as_written_without_change_links(client, proposer):
    submitted = proposal_in_state("SUBMITTED", proposer=proposer)
    Submission.objects.filter(pk=submitted.pk).update(q1_issue="Line one\n<line two>")
    client.force_login(proposer)

    html = client.get(reverse("usecases:proposal-detail", args=[submitted.pk])).text

    assert '<p class="govuk-body portal-pre">Line one\n&lt;line two&gt;</p>' in html
    assert "?return=check" not in html


def test_a_kept_list_shows_a_change_on_the_next_request(client, proposer):
    draft = draft_proposal(proposer, use_case_title="Before")
    client.force_login(proposer)
    url = reverse("usecases:proposal-list")
    assert "Before" in rows(client.get(url).text)[0]
    assert "Before" in rows(client.get(url).text)[0]  # from the kept fragment

    Submission.objects.filter(pk=draft.pk).update(use_case_title="After")  # nothing logged

    assert "After" in rows(client.get(url).text)[0]


def test_another_proposer_never_gets_a_kept_list(client, proposer, other_proposer):
    draft_proposal(proposer, use_case_title="Ann's draft")
    client.force_login(proposer)
    client.get(reverse("usecases:proposal-list"))

    client.force_login(other_proposer)
    assert "Ann" not in client.get(reverse("usecases:proposal-list")).text


def test_a_reference_and_the_title_are_two_words(client, proposer, secretariat):
    """ "UCR-2026-002 Meter Triage", not "UCR-2026-002Meter Triage", when read aloud or copied."""
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    client.force_login(proposer)

    (row,) = rows(client.get(reverse("usecases:proposal-list")).text)

    assert (
        f'<span class="govuk-caption-s">{submission.reference}</span> <a class="govuk-link"' in row
    )


def test_a_proposers_row_escapes_the_title_and_shows_the_last_change_in_local_time(
    client, proposer
):
    submitted = proposal_in_state("SUBMITTED", proposer=proposer)
    changed = datetime.datetime(2026, 7, 1, 12, 30, tzinfo=datetime.UTC)  # 13:30 in London
    Submission.objects.filter(pk=submitted.pk).update(
        use_case_title="Meters & <modems>", updated_at=changed
    )
    client.force_login(proposer)

    (row,) = rows(client.get(reverse("usecases:proposal-list")).text)

    detail = reverse("usecases:proposal-detail", args=[submitted.pk])
    assert f'<a class="govuk-link" href="{detail}">Meters &amp; &lt;modems&gt;</a>' in row
    assert '<td class="govuk-table__cell">1 Jul 2026, 13:30</td>' in row
    assert '<strong class="govuk-tag portal-state govuk-tag--blue">Submitted</strong>' in row


def test_the_proposers_list_reads_only_the_columns_its_rows_show(client, proposer):
    proposal_in_state("SUBMITTED", proposer=proposer)
    client.force_login(proposer)

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("usecases:proposal-list"))

    (sql,) = [q["sql"] for q in queries if 'FROM "usecases_submission"' in q["sql"]]
    columns = sql.split(" FROM ", 1)[0]
    assert columns.count('"usecases_submission".') == 7  # pk, reference, kind, state, ...
    assert "proposer_email" not in columns and "q1_issue" not in columns
    assert "JOIN" not in sql  # not the organisation's row
