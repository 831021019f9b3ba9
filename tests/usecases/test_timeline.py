"""The proposal's timeline groups repeated draft saves and shows what an edit changed."""

import re

import pytest

from tests.factories.proposals import draft_proposal, submitted_proposal
from usecases import workflow

pytestmark = pytest.mark.django_db


def titles(page: str) -> list[str]:
    return re.findall(r'<span class="portal-timeline__title">([^<]+)</span>', page)


def test_repeated_draft_saves_are_one_entry(client, proposer):
    submission = draft_proposal(proposer, complete=False)
    for answer in ("One", "Two", "Three"):
        workflow.save_answers(
            submission_id=submission.pk,
            user=proposer,
            answers={"q3_solution": answer},
            section="solution",
        )
    client.force_login(proposer)

    page = client.get(submission.get_absolute_url()).text

    assert titles(page) == ["Draft started", "Draft answers saved (3 times)"]


def test_the_proposer_sees_the_old_and_new_value_of_a_secretariat_edit(
    client, proposer, secretariat
):
    submission = submitted_proposal(proposer, q6_urgent="NO", q3_solution="Re-flash firmware.")
    workflow.save_answers(
        submission_id=submission.pk,
        user=secretariat,
        answers={"q3_solution": "Re-flash the firmware & test.", "q6_urgent": "YES"},
        section="solution",
    )
    client.force_login(proposer)

    page = client.get(submission.get_absolute_url()).text

    assert titles(page)[-1] == "Answers edited"
    changes = re.sub(r"\s+", " ", page[page.index('<dl class="portal-timeline__changes">') :])
    assert changes.startswith(
        '<dl class="portal-timeline__changes"> '
        "<dt>3. What is your proposed solution?</dt> "
        '<dd>Was: <del class="portal-pre">Re-flash firmware.</del></dd> '
        '<dd>Now: <ins class="portal-pre">Re-flash the firmware &amp; test.</ins></dd> '
        "<dt>6. Is this proposal considered to be an urgent business need?</dt> "
        '<dd>Was: <del class="portal-pre">No</del></dd> '
        '<dd>Now: <ins class="portal-pre">Yes</ins></dd> </dl>'
    )


def test_the_process_lists_every_state_beside_the_diagram_marking_this_ones(client, proposer):
    submission = submitted_proposal(proposer)
    client.force_login(proposer)

    page = client.get(submission.get_absolute_url()).text

    states = page[page.index('<ol class="govuk-list portal-process__states"') :]
    states = states[: states.index("</ol>")]
    assert [s.strip() for s in re.findall(r"<li[^>]*>([^<]+)", states)][:4] == [
        "Draft",
        "Submitted",
        "Returned for completion",
        "Registered",
    ]
    assert (
        '<li aria-current="step" class="portal-process__current">Submitted '
        '<strong class="govuk-tag govuk-tag--blue">Now</strong></li>'
    ) in states
    assert 'class="portal-diagram-wrapper portal-diagram-wrapper--zoom" tabindex="0"' in page


def test_chart_and_diagram_text_take_the_pages_typeface():
    from pathlib import Path

    scss = (Path(__file__).parents[2] / "static/src/portal.scss").read_text()

    assert (
        ".portal-chart__svg text, .portal-diagram text { @include govuk-typography-common; }"
        in scss
    )
