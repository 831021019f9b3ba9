"""One proposal names a limited number of supporters: each is e-mailed on submission."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.people import SecPartyFactory
from tests.factories.proposals import draft_proposal
from usecases import workflow
from usecases.errors import ActionRefused
from usecases.models import SupportingParty

pytestmark = pytest.mark.django_db


def test_a_supporter_past_the_limit_is_refused_keeping_what_was_typed(client, proposer, settings):
    settings.PORTAL_MAX_SUPPORTERS = 2
    submission = draft_proposal(proposer, supporters=2)
    party = SecPartyFactory()
    client.force_login(proposer)

    response = client.post(
        reverse("usecases:proposal-section", args=[submission.pk, "supporters"]),
        {
            "action": "add",
            "name": "Third Supporter",
            "sec_party": party.pk,
            "phone": "01632 960 999",
            "email": "third@example.com",
        },
    )

    assert response.status_code == 200
    assert (
        response.text.count(
            "A proposal can name at most 2 supporting SEC Parties: remove one before you add another."
        )
        == 1
    )
    assert "<title>Error: " in response.text
    assert 'value="Third Supporter"' in response.text
    assert 'value="third@example.com"' in response.text
    assert 'value="01632 960 999"' in response.text
    assert f'<option value="{party.pk}" selected>' in response.text
    assert submission.supporters.count() == 2


def test_the_limit_defaults_to_ten(proposer):
    submission = draft_proposal(proposer, supporters=10)

    with pytest.raises(ActionRefused, match="at most 10 supporting SEC Parties"):
        workflow.add_supporter(
            submission_id=submission.pk,
            user=proposer,
            name="Eleventh",
            sec_party=SecPartyFactory(),
            phone="",
            email="eleventh@example.com",
        )


def test_a_proposal_over_the_limit_is_not_submitted_and_nobody_is_e_mailed(
    proposer, settings, django_capture_on_commit_callbacks
):
    submission = draft_proposal(proposer, supporters=3)
    settings.PORTAL_MAX_SUPPORTERS = 2  # lowered after the supporters were named
    mail.outbox.clear()

    with (
        pytest.raises(ActionRefused, match="this one names 3: remove 1 before you submit it"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        workflow.submit_proposal(submission_id=submission.pk, user=proposer, declaration=True)

    assert mail.outbox == []
    assert not SupportingParty.objects.exclude(requested_at=None).exists()
