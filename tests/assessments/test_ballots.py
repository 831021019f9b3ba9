import datetime

import pytest
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from assessments.enums import AttendanceStatus, BallotMethod, ConflictRuling, SeatCategory
from assessments.models import Ballot, ConflictDeclaration, Decision, Vote
from assessments.services.ballots import (
    ask_for_meeting,
    cast_vote,
    declare_interest,
    open_ballot,
    rule_on_interest,
)
from assessments.services.decisions import (
    close_ballot,
    close_due_ballots,
    record_consensus_decision,
)
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import schedule_on_meeting
from assessments.statements import tally_line
from tests.factories.committee import seat_member, ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused
from usecases.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(secretariat, proposer):
    ssc, chair, members = ssc_with_members(6)
    eon_member = members[0]
    eon_member.person.organisation = proposer.organisation
    eon_member.person.save(update_fields=["organisation"])
    # The meeting is today: votes and decisions on its items are taken on or after its date.
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=timezone.localdate())
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)
    for membership in [chair, *members]:
        record_attendance(
            user=secretariat,
            meeting=meeting,
            person=membership.person,
            status=AttendanceStatus.PRESENT,
        )
    return {
        "ssc": ssc,
        "chair": chair.person,
        "members": [m.person for m in members],
        "meeting": meeting,
        "item": paper.agenda_item,
        "submission": submission,
    }


def open_progress_vote(board, secretariat):
    return open_ballot(
        user=secretariat,
        committee=board["ssc"],
        question="Progress the Use Case to assessment?",
        outcome_if_passed="PROGRESS",
        agenda_item=board["item"],
    )


def test_member_of_proposing_organisation_is_prompted_and_recused(board, secretariat):
    ballot = open_progress_vote(board, secretariat)
    eon = board["members"][0]

    declaration = ConflictDeclaration.objects.get(ballot=ballot)
    assert (declaration.person, declaration.prompted) == (eon, True)
    with pytest.raises(ActionRefused, match="declare whether you have an interest first"):
        cast_vote(ballot_id=ballot.pk, user=eon, choice="FOR")
    declare_interest(
        ballot_id=ballot.pk, user=eon, has_interest=True, nature="Employed by the proposer"
    )
    with pytest.raises(ActionRefused, match="not yet ruled"):
        cast_vote(ballot_id=ballot.pk, user=eon, choice="FOR")
    rule_on_interest(declaration_id=declaration.pk, user=board["chair"], exclude=True)
    with pytest.raises(ActionRefused, match="excluded you"):
        cast_vote(ballot_id=ballot.pk, user=eon, choice="FOR")

    for member in board["members"][1:4]:
        cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")
    cast_vote(ballot_id=ballot.pk, user=board["members"][4], choice="AGAINST")
    decision = close_ballot(ballot_id=ballot.pk, user=board["chair"])

    assert decision.passed is True
    assert decision.reference == "SSC95/D01"
    assert decision.snapshot["for_count"] == 3 and decision.snapshot["against_count"] == 1
    assert len(decision.snapshot["eligible_ids"]) == 5
    assert len(decision.snapshot["recused_ids"]) == 1
    assert Submission.objects.get(pk=board["submission"].pk).state == S.UNDER_ASSESSMENT
    assert ActivityLog.objects.filter(action="assessments.decision.applied").count() == 1


def test_one_vote_per_seat_and_double_submit_is_harmless(board, secretariat):
    ballot = open_progress_vote(board, secretariat)
    member = board["members"][1]

    first = cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")
    again = cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")

    assert first.pk == again.pk
    with pytest.raises(ActionRefused, match="cannot be changed"):
        cast_vote(ballot_id=ballot.pk, user=member, choice="AGAINST")
    assert Vote.objects.filter(ballot=ballot).count() == 1


def test_observer_and_non_member_cannot_vote(board, secretariat):
    ballot = open_progress_vote(board, secretariat)
    observer = seat_member(board["ssc"], SeatCategory.OBSERVER_NCSC).person

    for person in (observer, UserFactory(role=Role.SSC_MEMBER), board["chair"]):
        with pytest.raises(ActionRefused, match="do not hold a voting seat"):
            cast_vote(ballot_id=ballot.pk, user=person, choice="FOR")


def test_alternate_votes_only_when_member_absent(board, secretariat):
    alternate = UserFactory(role=Role.SSC_MEMBER, full_name="Alex Alternate")
    principal = board["members"][2]
    membership = principal.memberships.get()
    membership.alternate = alternate
    membership.save(update_fields=["alternate"])
    ballot = open_progress_vote(board, secretariat)

    with pytest.raises(ActionRefused, match="only when"):
        cast_vote(ballot_id=ballot.pk, user=alternate, choice="FOR")
    record_attendance(
        user=secretariat,
        meeting=board["meeting"],
        person=principal,
        status=AttendanceStatus.REPRESENTED,
        represented_by=alternate,
    )
    vote = cast_vote(ballot_id=ballot.pk, user=alternate, choice="FOR")

    assert (vote.seat, vote.cast_by) == (membership.seat, alternate)


def test_lapsed_vetting_removes_the_vote(board, secretariat):
    member = board["members"][3]
    member.memberships.update(vetting_expires_on=timezone.localdate() - datetime.timedelta(days=1))
    ballot = open_progress_vote(board, secretariat)

    with pytest.raises(ActionRefused, match="do not hold a voting seat"):
        cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")


def test_inquorate_meeting_does_not_decide(board, secretariat):
    for member in board["members"][:5]:
        record_attendance(
            user=secretariat,
            meeting=board["meeting"],
            person=member,
            status=AttendanceStatus.APOLOGIES,
        )
    ballot = open_progress_vote(board, secretariat)
    cast_vote(ballot_id=ballot.pk, user=board["members"][5], choice="FOR")

    decision = close_ballot(ballot_id=ballot.pk, user=board["chair"])

    assert (decision.passed, decision.snapshot["quorate"]) == (False, False)
    assert tally_line(decision.snapshot).startswith("Not quorate: ")
    assert Submission.objects.get(pk=board["submission"].pk).state == S.INITIAL_CONSIDERATION


def test_tie_settled_by_chairs_casting_vote(board, secretariat):
    ballot = open_progress_vote(board, secretariat)
    for member, choice in zip(
        board["members"][1:5], ["FOR", "FOR", "AGAINST", "AGAINST"], strict=True
    ):
        cast_vote(ballot_id=ballot.pk, user=member, choice=choice)

    decision = close_ballot(ballot_id=ballot.pk, user=board["chair"], casting_vote="AGAINST")

    assert (decision.passed, decision.snapshot["casting_vote_used"]) == (False, True)


def test_decision_snapshot_is_immutable(board, secretariat):
    ballot = open_progress_vote(board, secretariat)
    decision = close_ballot(ballot_id=ballot.pk, user=board["chair"])

    decision.resolution = "changed"
    with pytest.raises(ValueError, match="immutable"):
        decision.save()


def test_vote_by_correspondence_closes_at_deadline_against_all_members(
    board, secretariat, monkeypatch
):
    closes = timezone.now() + datetime.timedelta(days=3)
    ballot = open_ballot(
        user=secretariat,
        committee=board["ssc"],
        question="Progress?",
        outcome_if_passed="PROGRESS",
        method=BallotMethod.CORRESPONDENCE,
        submission=board["submission"],
        closes_at=closes,
    )
    for member in board["members"][1:4]:
        cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")

    assert close_due_ballots(now=timezone.now()) == []
    references = close_due_ballots(now=closes + datetime.timedelta(minutes=1))

    decision = Decision.objects.get(reference=references[0])
    # 3 For of 6 eligible voting members is not more than half of all of them.
    assert decision.passed is False
    assert decision.method == BallotMethod.CORRESPONDENCE


def test_member_may_ask_for_a_meeting_instead(board, secretariat):
    ballot = open_ballot(
        user=secretariat,
        committee=board["ssc"],
        question="Reject?",
        outcome_if_passed="REJECT",
        method=BallotMethod.CORRESPONDENCE,
        submission=board["submission"],
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )

    ask_for_meeting(ballot_id=ballot.pk, user=board["members"][1], reason="Needs discussion")

    ballot.refresh_from_db()
    assert ballot.status == "MOVED_TO_MEETING"
    with pytest.raises(ActionRefused, match="closed"):
        cast_vote(ballot_id=ballot.pk, user=board["members"][2], choice="FOR")


def test_consensus_decision_has_no_tally_and_drives_workflow(board, secretariat):
    decision = record_consensus_decision(
        user=board["chair"],
        committee=board["ssc"],
        meeting=board["meeting"],
        outcome="PROGRESS",
        resolution="The SSC AGREED to progress the Use Case.",
        submission=board["submission"],
    )

    assert decision.method == BallotMethod.CONSENSUS
    assert "for_count" not in decision.snapshot
    assert Submission.objects.get(pk=board["submission"].pk).state == S.UNDER_ASSESSMENT


def test_only_chair_rules_on_interests(board, secretariat):
    ballot = open_progress_vote(board, secretariat)
    declaration = ConflictDeclaration.objects.get(ballot=ballot)

    with pytest.raises(ActionRefused):
        rule_on_interest(declaration_id=declaration.pk, user=secretariat, exclude=True)
    assert ConflictDeclaration.objects.get(pk=declaration.pk).ruling == ConflictRuling.PENDING


def test_voters_reminded_once_before_correspondence_vote_closes(board, secretariat):
    from django.core import mail

    from assessments.services.ballots import remind_voters

    closes = timezone.now() + datetime.timedelta(hours=20)
    ballot = open_ballot(
        user=secretariat,
        committee=board["ssc"],
        question="Progress?",
        outcome_if_passed="PROGRESS",
        method=BallotMethod.CORRESPONDENCE,
        submission=board["submission"],
        closes_at=closes,
    )
    cast_vote(ballot_id=ballot.pk, user=board["members"][1], choice="FOR")
    mail.outbox.clear()

    assert remind_voters() == 5
    assert remind_voters() == 0
    assert board["members"][1].email not in [m.to[0] for m in mail.outbox]
    assert "Meter Triage" not in mail.outbox[0].body


def test_verify_audit_catches_a_decision_snapshot_edited_in_the_database(board, secretariat):
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection

    ballot = open_progress_vote(board, secretariat)
    decision = close_ballot(ballot_id=ballot.pk, user=board["chair"])
    call_command("verify_audit")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_decision SET snapshot = %s WHERE id = %s",
            ['{"for_count": 99}', decision.pk],
        )

    with pytest.raises(CommandError, match=f"decision {decision.reference}'s vote snapshot"):
        call_command("verify_audit")


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.WITHDRAWN])
def test_a_vote_by_correspondence_on_a_proposal_not_before_the_committee_is_refused(
    board, secretariat, proposer, state
):
    """Found by the stateful search: a correspondence vote opened on a draft showed its title."""
    submission = proposal_in_state(state, proposer=proposer, secretariat=secretariat)

    with pytest.raises(ActionRefused, match="only a registered proposal that is still live"):
        open_ballot(
            user=secretariat,
            committee=board["ssc"],
            question="Progress it?",
            outcome_if_passed="PROGRESS",
            method=BallotMethod.CORRESPONDENCE,
            submission=submission,
            closes_at=timezone.now() + datetime.timedelta(days=3),
        )

    assert not Ballot.objects.filter(submission=submission).exists()


def test_a_votes_status_moves_only_through_its_transitions(board, secretariat):
    ballot = open_progress_vote(board, secretariat)
    with pytest.raises(AttributeError, match="Direct status modification is not allowed"):
        ballot.status = "CLOSED"

    close_ballot(ballot_id=ballot.pk, user=board["chair"])

    closed = Ballot.objects.get(pk=ballot.pk)
    assert closed.status == "CLOSED"
    with pytest.raises(TransitionNotAllowed):
        closed.move_to_meeting()
    with pytest.raises(ActionRefused, match="^This vote is already closed.$"):
        close_ballot(ballot_id=ballot.pk, user=board["chair"])
