"""One permission check, shared by the proposal workflow and the committee services."""

import pytest

import assessments.services.common
import usecases.workflow.common
from tests.factories.people import UserFactory
from tests.factories.proposals import draft_proposal
from usecases.errors import ActionRefused, require

pytestmark = pytest.mark.django_db


def test_require_refuses_in_plain_english_naming_the_thing_when_given(proposer):
    submission = draft_proposal(proposer)
    stranger = UserFactory()

    with pytest.raises(ActionRefused, match="^You cannot do that.$"):
        require(stranger, "assessments.run_ballot")
    with pytest.raises(ActionRefused, match="^You cannot do that to this proposal.$"):
        require(stranger, "usecases.edit_proposal", submission)
    require(proposer, "usecases.edit_proposal", submission)  # allowed: no refusal


def test_there_is_one_require_not_one_per_layer():
    assert not hasattr(assessments.services.common, "require")
    assert not hasattr(usecases.workflow.common, "require")
