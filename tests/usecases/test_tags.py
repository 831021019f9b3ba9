"""The coloured tags drawn on every row of the lists: state and classification."""

import pytest
from django.template import engines

from usecases.enums import SubmissionState
from usecases.models import Submission


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load govuk proposals %}" + source).render(context)


@pytest.mark.parametrize(
    ("level", "colour"),
    [("RED", "red"), ("AMBER", "orange"), ("GREEN", "green"), ("WHITE", "grey")],
)
def test_classification_tag_is_coloured_by_level_and_in_capitals(level, colour):
    assert render("{% classification_tag level label %}", level=level, label=level.title()) == (
        f'<strong class="govuk-tag govuk-tag--{colour}">{level}</strong>'
    )


def test_tag_text_is_escaped():
    assert render("{% classification_tag 'RED' label %}", label="<b>x</b>") == (
        '<strong class="govuk-tag govuk-tag--red">&lt;B&gt;X&lt;/B&gt;</strong>'
    )


@pytest.mark.parametrize(
    ("state", "colour"),
    [("DRAFT", "grey"), ("SUBMITTED", "blue"), ("WITHDRAWN", "red"), ("REGISTERED", "green")],
)
def test_state_tag_names_the_state(state, colour):
    submission = Submission(state=state)

    assert render("{% state_tag submission %}", submission=submission) == (
        f'<strong class="govuk-tag portal-state govuk-tag--{colour}">'
        f"{SubmissionState(state).label}</strong>"
    )
