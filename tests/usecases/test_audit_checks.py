"""verify_audit replays the log against each proposal's kind, state and classification."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories.states import proposal_in_state
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.models import Submission
from usecases.selectors.audit_checks import proposals_differing_from_log

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "state",
    [S.DRAFT, S.RETURNED, S.CLARIFICATION_REQUESTED, S.ON_HOLD, S.PUBLISHED, S.SUPERSEDED],
)
def test_proposals_moved_by_the_services_agree_with_the_log(proposer, secretariat, state):
    proposal_in_state(state, proposer=proposer, secretariat=secretariat)

    assert proposals_differing_from_log() == []


def test_a_classification_changed_by_the_service_agrees_with_the_log(proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    workflow.change_classification(
        submission_id=submission.pk, user=secretariat, classification="RED"
    )

    assert proposals_differing_from_log() == []


def test_a_state_changed_in_the_database_is_named(proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE usecases_submission SET state = %s WHERE id = %s", ["APPROVED", submission.pk]
        )

    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")

    assert (
        f"proposal {submission.reference} (#{submission.pk})'s state is APPROVED, but the "
        "activity log last recorded REGISTERED"
    ) in str(caught.value)


def test_a_classification_lowered_in_the_database_is_named(proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    workflow.change_classification(
        submission_id=submission.pk, user=secretariat, classification="RED"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE usecases_submission SET classification = %s WHERE id = %s",
            ["WHITE", submission.pk],
        )

    assert proposals_differing_from_log() == [
        f"proposal {submission.reference} (#{submission.pk})'s classification is WHITE, but the "
        "activity log last recorded RED"
    ]


def test_a_proposal_inserted_in_the_database_is_named(proposer):
    draft = proposal_in_state(S.DRAFT, proposer=proposer)
    columns = [
        connection.ops.quote_name(field.column)
        for field in Submission._meta.concrete_fields
        if not field.primary_key
    ]
    copied = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO usecases_submission ({copied}) "  # noqa: S608 -- the model's own columns
            f"SELECT {copied} FROM usecases_submission WHERE id = %s",
            [draft.pk],
        )
        cursor.execute("SELECT MAX(id) FROM usecases_submission")
        (inserted,) = cursor.fetchone()

    assert proposals_differing_from_log() == [
        f"proposal #{inserted} has no entry in the activity log"
    ]
