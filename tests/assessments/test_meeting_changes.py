"""Editing, rescheduling and cancelling meetings, and moving items between them."""

import datetime

import pytest
from django.utils import timezone

from assessments.enums import BallotMethod, ItemKind, MeetingStatus
from assessments.models import AgendaItem, Ballot, Meeting, Paper
from assessments.services.ballots import open_ballot
from assessments.services.meeting_changes import (
    cancel_meeting,
    edit_meeting,
    move_item_to_meeting,
)
from assessments.services.meetings import create_meeting
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import committee, ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db

IN_20 = datetime.timedelta(days=20)


@pytest.fixture
def ssc(db):
    return ssc_with_members(4)[0]


@pytest.fixture
def meeting(ssc, secretariat):
    return create_meeting(
        user=secretariat, committee=ssc, number=95, date=timezone.localdate() + IN_20
    )


@pytest.fixture
def later(ssc, secretariat):
    return create_meeting(
        user=secretariat,
        committee=ssc,
        number=96,
        date=timezone.localdate() + datetime.timedelta(days=48),
    )


def scheduled(secretariat, proposer, meeting, *, issue=False) -> Paper:
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    if issue:
        paper = issue_paper(paper_id=paper.pk, user=secretariat)
    return paper


def agenda(meeting) -> list[tuple[int, str]]:
    return list(meeting.items.order_by("number").values_list("number", "kind"))


def test_rescheduling_reissues_issued_references_and_logs_the_reason(
    meeting, secretariat, proposer
):
    paper = scheduled(secretariat, proposer, meeting, issue=True)
    old_reference = paper.reference
    new_date = meeting.date + datetime.timedelta(days=7)

    edit_meeting(
        user=secretariat,
        meeting_id=meeting.pk,
        number=95,
        date=new_date,
        location="Room 2",
        reason="The Chair is away",
    )

    paper.refresh_from_db()
    assert paper.reference == f"SSC_95_{new_date:%d%m}_03"
    rescheduled = ActivityLog.objects.get(action="assessments.meeting.rescheduled")
    assert rescheduled.data == {
        "old": meeting.date.isoformat(),
        "new": new_date.isoformat(),
        "reason": "The Chair is away",
    }
    edited = ActivityLog.objects.get(action="assessments.meeting.edited")
    assert edited.data["changed"] == ["date", "location"]
    assert edited.data["reissued"] == [paper.reference]
    reissued = ActivityLog.objects.get(action="assessments.paper.reference_reissued")
    assert (reissued.data["old"], reissued.data["new"], reissued.data["why"]) == (
        old_reference,
        paper.reference,
        "meeting changed",
    )


def test_a_new_date_without_a_reason_is_refused_and_nothing_changes(meeting, secretariat):
    with pytest.raises(ActionRefused, match="Enter why the meeting's date or number is changing"):
        edit_meeting(
            user=secretariat,
            meeting_id=meeting.pk,
            number=95,
            date=meeting.date + datetime.timedelta(days=1),
            reason=" ",
        )
    assert Meeting.objects.get(pk=meeting.pk).date == meeting.date


def test_the_location_alone_changes_without_a_reason(meeting, secretariat):
    edit_meeting(
        user=secretariat, meeting_id=meeting.pk, number=95, date=meeting.date, location="Teams"
    )
    assert Meeting.objects.get(pk=meeting.pk).location == "Teams"
    assert not ActivityLog.objects.filter(action="assessments.meeting.rescheduled").exists()


def test_a_number_already_used_is_refused(meeting, later, secretariat):
    with pytest.raises(ActionRefused, match="SSC meeting 96 already exists"):
        edit_meeting(
            user=secretariat, meeting_id=meeting.pk, number=96, date=meeting.date, reason="Typo"
        )


def test_only_the_secretariat_edits_a_meeting(meeting):
    member = UserFactory(role=Role.SSC_MEMBER)
    with pytest.raises(ActionRefused, match="You cannot do that"):
        edit_meeting(user=member, meeting_id=meeting.pk, number=95, date=meeting.date, location="X")


def test_moving_an_item_to_another_meeting_renumbers_both_and_reissues(
    meeting, later, secretariat, proposer
):
    first = scheduled(secretariat, proposer, meeting, issue=True)
    second = scheduled(secretariat, proposer, meeting, issue=True)

    move_item_to_meeting(
        user=secretariat, item_id=first.agenda_item_id, meeting_id=later.pk, reason="Too full"
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.agenda_item.meeting == later
    assert first.reference == f"SSC_96_{later.date:%d%m}_03"
    assert second.reference == f"SSC_95_{meeting.date:%d%m}_03"
    assert agenda(meeting) == [
        (1, ItemKind.MINUTES),
        (2, ItemKind.DECLARATIONS),
        (3, ItemKind.BUSINESS),
        (4, ItemKind.AOB),
    ]
    assert agenda(later) == [
        (1, ItemKind.MINUTES),
        (2, ItemKind.DECLARATIONS),
        (3, ItemKind.BUSINESS),
        (4, ItemKind.AOB),
    ]
    out = ActivityLog.objects.get(action="assessments.agenda.item_moved_out")
    assert (out.data["from_number"], out.data["to_number"], out.data["reason"]) == (
        3,
        3,
        "Too full",
    )


def test_a_standing_item_does_not_move(meeting, later, secretariat):
    minutes = meeting.items.get(kind=ItemKind.MINUTES)
    with pytest.raises(ActionRefused, match="Item 1 is a standing item"):
        move_item_to_meeting(user=secretariat, item_id=minutes.pk, meeting_id=later.pk)


def test_an_item_does_not_move_to_another_committee(meeting, secretariat, proposer):
    tabasc = committee("TABASC")
    other = create_meeting(
        user=secretariat, committee=tabasc, number=45, date=timezone.localdate() + IN_20
    )
    paper = scheduled(secretariat, proposer, meeting)
    with pytest.raises(ActionRefused, match="is not a SSC meeting"):
        move_item_to_meeting(user=secretariat, item_id=paper.agenda_item_id, meeting_id=other.pk)


def test_an_item_with_a_closed_vote_does_not_move(meeting, later, secretariat, proposer, ssc):
    paper = scheduled(secretariat, proposer, meeting)
    ballot = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Progress?",
        outcome_if_passed="NOTED",
        method=BallotMethod.MEETING,
        agenda_item=paper.agenda_item,
    )
    Ballot.objects.filter(pk=ballot.pk).update(
        status="CLOSED"
    )  # a closed vote, without its decision
    with pytest.raises(ActionRefused, match="Item 3 has a vote with votes cast or a decision"):
        move_item_to_meeting(user=secretariat, item_id=paper.agenda_item_id, meeting_id=later.pk)


def test_cancelling_moves_the_business_to_the_chosen_meeting(meeting, later, secretariat, proposer):
    first = scheduled(secretariat, proposer, meeting, issue=True)
    second = scheduled(secretariat, proposer, meeting)

    cancel_meeting(
        user=secretariat, meeting_id=meeting.pk, reason="Not quorate", move_to_id=later.pk
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert list(
        AgendaItem.objects.filter(kind=ItemKind.BUSINESS)
        .order_by("number")
        .values_list("pk", "meeting_id", "number")
    ) == [(first.agenda_item_id, later.pk, 3), (second.agenda_item_id, later.pk, 4)]
    assert Paper.objects.get(pk=first.pk).reference == f"SSC_96_{later.date:%d%m}_03"
    assert agenda(meeting) == [(1, ItemKind.MINUTES), (2, ItemKind.DECLARATIONS), (3, ItemKind.AOB)]
    log = ActivityLog.objects.get(action="assessments.meeting.cancelled")
    assert log.data["reason"] == "Not quorate"
    assert log.data["items_moved_to"] == str(later)
    assert [m["to_number"] for m in log.data["moves"]] == [3, 4]


def test_cancelling_with_business_needs_a_meeting_to_move_it_to(meeting, secretariat, proposer):
    scheduled(secretariat, proposer, meeting)
    with pytest.raises(ActionRefused, match="has 1 business item: choose the planned meeting"):
        cancel_meeting(user=secretariat, meeting_id=meeting.pk, reason="Strike")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED


def test_cancelling_needs_a_reason(meeting, secretariat):
    with pytest.raises(ActionRefused, match="Enter why the meeting is cancelled"):
        cancel_meeting(user=secretariat, meeting_id=meeting.pk, reason="")


def test_a_cancelled_meeting_cannot_be_changed_again(meeting, secretariat):
    cancel_meeting(user=secretariat, meeting_id=meeting.pk, reason="No business")
    with pytest.raises(ActionRefused, match="is cancelled: only a planned meeting can be changed"):
        cancel_meeting(user=secretariat, meeting_id=meeting.pk, reason="Again")
