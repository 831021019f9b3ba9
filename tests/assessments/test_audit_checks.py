"""verify_audit replays the log against decisions, votes and memberships changed in the database."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from assessments.audit_checks import (
    decisions_differing_from_log,
    memberships_differing_from_log,
    votes_differing_from_log,
)
from assessments.enums import AttendanceStatus, SeatCategory
from assessments.models import Membership
from assessments.services.ballots import cast_vote, open_ballot
from assessments.services.decisions import close_ballot, record_consensus_decision
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import schedule_on_meeting
from tests.factories.committee import seat_member, ssc_with_members
from tests.factories.states import proposal_in_state
from usecases.enums import SubmissionState as S

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(secretariat, proposer):
    """A vote at a meeting, cast by three members and closed: (decision, ballot, chair, members)."""
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate(),  # held today: votes are cast on or after its date
    )
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)
    for membership in [chair, *members]:
        record_attendance(
            user=secretariat,
            meeting=meeting,
            person=membership.person,
            status=AttendanceStatus.PRESENT,
        )
    ballot = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Progress the Use Case to assessment?",
        outcome_if_passed="PROGRESS",
        agenda_item=paper.agenda_item,
    )
    for membership in members:
        cast_vote(ballot_id=ballot.pk, user=membership.person, choice="FOR")
    decision = close_ballot(ballot_id=ballot.pk, user=chair.person)
    return decision, ballot, chair, members


def test_decisions_and_votes_made_by_the_services_agree_with_the_log(decided, capsys):
    call_command("verify_audit")

    assert "The activity log is intact" in capsys.readouterr().out


def test_a_consensus_decision_agrees_with_the_log(decided):
    decision, ballot, chair, _ = decided
    record_consensus_decision(
        user=chair.person,
        committee=ballot.committee,
        meeting=decision.meeting,
        outcome="NOTED",
        resolution="The SSC NOTED the update.",
    )

    assert decisions_differing_from_log() == []


def test_a_resolution_rewritten_in_the_database_is_named(decided):
    decision = decided[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_decision SET resolution = %s WHERE id = %s",
            ["The SSC DID NOT AGREE.", decision.pk],
        )

    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")

    assert (
        f"decision {decision.reference}'s resolution is 'The SSC DID NOT AGREE.', but the "
        f"activity log recorded {decision.resolution!r}"
    ) in str(caught.value)


def test_an_outcome_and_result_changed_in_the_database_are_named(decided):
    decision = decided[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_decision SET outcome = %s, passed = %s WHERE id = %s",
            ["REJECT", False, decision.pk],
        )

    assert decisions_differing_from_log() == [
        f"decision {decision.reference}'s outcome is 'REJECT', but the activity log recorded "
        "'PROGRESS'",
        f"decision {decision.reference}'s passed is False, but the activity log recorded True",
    ]


def test_a_vote_changed_in_the_database_is_named(decided):
    _, ballot, _, members = decided
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_vote SET choice = %s WHERE ballot_id = %s AND seat_id = %s",
            ["AGAINST", ballot.pk, members[0].seat_id],
        )

    assert votes_differing_from_log() == [
        f"the vote of {members[0].seat} on ballot #{ballot.pk} is AGAINST, but the activity log "
        "recorded FOR"
    ]


def test_a_vote_removed_in_the_database_is_named(decided):
    _, ballot, _, members = decided
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM assessments_vote WHERE ballot_id = %s AND seat_id = %s",
            [ballot.pk, members[1].seat_id],
        )

    assert votes_differing_from_log() == [
        f"the vote of {members[1].seat} on ballot #{ballot.pk} is in the activity log but "
        "missing from the database"
    ]


def test_memberships_changed_through_django_agree_with_the_log(decided):
    membership = decided[3][0]
    membership.term_end = membership.term_end + datetime.timedelta(days=365)
    membership.save()
    extra = seat_member(membership.seat.committee, SeatCategory.LARGE_SUPPLIER, 9)
    extra.delete()

    assert memberships_differing_from_log() == []


def test_a_term_and_vetting_changed_in_the_database_are_named(decided):
    membership = Membership.objects.get(pk=decided[3][0].pk)
    later = membership.vetting_expires_on + datetime.timedelta(days=900)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_membership SET term_end = %s, vetting_expires_on = %s, "
            "vetting_status = %s WHERE id = %s",
            [later, later, "LAPSED", membership.pk],
        )

    with pytest.raises(CommandError) as caught:
        call_command("verify_audit")

    name = f"membership #{membership.pk} ({membership})"
    assert f"{name}'s term_end is {later.isoformat()}, but the activity log last recorded " in str(
        caught.value
    )
    assert memberships_differing_from_log() == [
        f"{name}'s term_end is {later.isoformat()}, but the activity log last recorded "
        f"{membership.term_end.isoformat()}",
        f"{name}'s vetting_expires_on is {later.isoformat()}, but the activity log last recorded "
        f"{membership.vetting_expires_on.isoformat()}",
        f"{name}'s vetting_status is LAPSED, but the activity log last recorded VETTED",
    ]


def test_a_membership_inserted_in_the_database_is_named(decided, secretariat):
    membership = decided[3][0]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO assessments_membership (seat_id, person_id, term_start, term_end, "
            "vetting_status, vetting_expires_on) SELECT seat_id, %s, term_start, term_end, "
            "vetting_status, vetting_expires_on FROM assessments_membership WHERE id = %s",
            [secretariat.pk, membership.pk],
        )
    inserted = Membership.objects.get(person=secretariat)

    assert memberships_differing_from_log() == [
        f"membership #{inserted.pk} ({inserted}) has no entry in the activity log"
    ]


def test_memberships_from_before_the_log_kept_values_are_recorded_once(decided, secretariat):
    membership = decided[3][0]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO assessments_membership (seat_id, person_id, term_start, term_end, "
            "vetting_status, vetting_expires_on) SELECT seat_id, %s, term_start, term_end, "
            "vetting_status, vetting_expires_on FROM assessments_membership WHERE id = %s",
            [secretariat.pk, membership.pk],
        )

    call_command("audit_log_memberships")
    call_command("audit_log_memberships")

    assert memberships_differing_from_log() == []
