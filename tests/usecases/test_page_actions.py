"""A proposal's page has one primary action that follows the state; the rest are explained."""

import re

import pytest
from django.urls import reverse

from tests.factories.proposals import draft_proposal, submitted_proposal
from tests.factories.states import proposal_in_state
from usecases import workflow
from usecases.errors import ActionRefused
from usecases.presentation.page_buttons import PURPOSES, proposal_page_actions

pytestmark = pytest.mark.django_db


def keys(actions):
    return [action.key for action in actions]


def test_a_submitted_proposal_offers_the_secretariat_register_first(proposer, secretariat):
    submission = submitted_proposal(proposer)

    primary, more = proposal_page_actions(submission, secretariat)

    assert primary.key == "register"
    assert primary.label == "Register"
    assert keys(more) == ["classify", "ncsc-advice", "edit", "return", "withdraw"]
    assert more[-1].warning


def test_a_draft_offers_its_proposer_the_task_list_first(proposer):
    submission = draft_proposal(proposer, complete=False)

    primary, more = proposal_page_actions(submission, proposer)

    assert primary.key == "continue"
    assert primary.url == reverse("usecases:proposal-tasks", args=[submission.pk])
    assert keys(more) == ["delete"]


def test_a_registered_proposal_goes_on_an_agenda_first(proposer, secretariat):
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)

    primary, more = proposal_page_actions(submission, secretariat)

    assert primary.key == "agenda"
    assert primary.url == reverse("assessments:proposal-schedule", args=[submission.pk])
    assert "schedule" in keys(more)


def test_the_page_shows_the_primary_button_and_explains_the_rest(client, proposer, secretariat):
    submission = submitted_proposal(proposer)
    client.force_login(secretariat)

    page = client.get(submission.get_absolute_url()).text

    register = reverse("usecases:proposal-action", args=[submission.pk, "register"])
    assert (
        f'<a class="govuk-button" id="primary-action" href="{register}" '
        'aria-describedby="primary-action-purpose">Register</a>'
    ) in page
    assert "More actions (5)" in page
    assert re.search(
        r"Return to proposer</a><br><span [^>]*>" + re.escape(PURPOSES["return"]), page
    )
    assert page.count('<a class="govuk-button') == 1


def test_every_action_is_explained():
    from usecases.presentation.transition_pages import ACTIONS

    assert all(PURPOSES.get(action.slug) for action in ACTIONS)


def test_the_proposer_is_not_offered_what_the_service_refuses(proposer, secretariat):
    submission = submitted_proposal(proposer)

    primary, more = proposal_page_actions(submission, proposer)

    assert "classify" not in keys([primary, *more] if primary else more)
    with pytest.raises(ActionRefused):
        workflow.change_classification(
            submission_id=submission.pk, user=proposer, classification="RED", reason="x"
        )
