"""Declaring an interest at any time, on a vote or an item; pulling a vote to a meeting."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.enums import AttendanceStatus, BallotMethod, ConflictRuling
from assessments.models import Ballot, ConflictDeclaration
from assessments.services.ballots import (
    ask_for_meeting,
    cast_vote,
    declare_interest,
    declare_interest_in_item,
    open_ballot,
    rule_on_interest,
)
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(secretariat, proposer, settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.com"
    ssc, chair, members = ssc_with_members(4)
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
        "item": paper.agenda_item,
        "submission": submission,
    }


def vote_on(board, secretariat, **extra) -> Ballot:
    return open_ballot(
        user=secretariat,
        committee=board["ssc"],
        question="Progress the Use Case to assessment?",
        outcome_if_passed="PROGRESS",
        agenda_item=board["item"],
        **extra,
    )


def test_an_unprompted_member_declares_on_a_vote_even_after_voting(board, secretariat):
    ballot = vote_on(board, secretariat)
    member = board["members"][1]
    cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")

    declaration = declare_interest(
        ballot_id=ballot.pk, user=member, has_interest=True, nature="Shareholder"
    )

    assert (declaration.prompted, declaration.ruling, declaration.nature) == (
        False,
        ConflictRuling.PENDING,
        "Shareholder",
    )
    log = ActivityLog.objects.get(action="assessments.conflict.declared")
    assert log.data["prompted"] is False and log.data["nature"] == "Shareholder"


def test_someone_without_a_seat_cannot_declare(board, secretariat):
    ballot = vote_on(board, secretariat)
    with pytest.raises(ActionRefused, match="Only members of SSC and their alternates"):
        declare_interest(ballot_id=ballot.pk, user=secretariat, has_interest=True, nature="x")


def test_an_interest_once_declared_is_not_taken_back(board, secretariat):
    ballot = vote_on(board, secretariat)
    member = board["members"][1]
    declare_interest(ballot_id=ballot.pk, user=member, has_interest=True, nature="Employer")
    with pytest.raises(ActionRefused, match="You have declared an interest in this item"):
        declare_interest(ballot_id=ballot.pk, user=member, has_interest=False)
    assert ConflictDeclaration.objects.get(ballot=ballot, person=member).ruling == "PENDING"


def test_an_item_declaration_reaches_the_open_vote_and_the_chair_rules_once(board, secretariat):
    ballot = vote_on(board, secretariat)
    member = board["members"][2]

    on_item = declare_interest_in_item(item_id=board["item"].pk, user=member, nature="Adviser")
    on_vote = ConflictDeclaration.objects.get(ballot=ballot, person=member)
    assert (on_vote.nature, on_vote.ruling) == ("Adviser", ConflictRuling.PENDING)
    with pytest.raises(ActionRefused, match="The Chair has not yet ruled"):
        cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")

    rule_on_interest(declaration_id=on_item.pk, user=board["chair"], exclude=True)

    on_vote.refresh_from_db()
    assert (on_vote.ruling, on_vote.ruled_by) == (ConflictRuling.EXCLUDED, board["chair"])
    ruled = ActivityLog.objects.get(action="assessments.conflict.ruled")
    assert ruled.data["votes"] == [ballot.pk]
    with pytest.raises(ActionRefused, match="excluded you from this vote"):
        cast_vote(ballot_id=ballot.pk, user=member, choice="FOR")


def test_a_vote_opened_after_an_item_declaration_carries_it(board, secretariat):
    member = board["members"][3]
    on_item = declare_interest_in_item(item_id=board["item"].pk, user=member, nature="Adviser")
    rule_on_interest(declaration_id=on_item.pk, user=board["chair"], exclude=False)

    ballot = vote_on(board, secretariat)

    carried = ConflictDeclaration.objects.get(ballot=ballot, person=member)
    assert (carried.nature, carried.ruling) == ("Adviser", ConflictRuling.MAY_VOTE)
    opened = ActivityLog.objects.get(action="assessments.ballot.opened")
    assert opened.data["carried_from_item"] == [member.pk]
    assert cast_vote(ballot_id=ballot.pk, user=member, choice="FOR").choice == "FOR"


def test_an_item_declaration_needs_the_interest_and_a_seat(board):
    with pytest.raises(ActionRefused, match="Describe the interest"):
        declare_interest_in_item(item_id=board["item"].pk, user=board["members"][0], nature=" ")
    with pytest.raises(ActionRefused, match="Only members of SSC"):
        declare_interest_in_item(
            item_id=board["item"].pk, user=UserFactory(role=Role.SSC_MEMBER), nature="x"
        )


def correspondence_vote(board, secretariat) -> Ballot:
    return vote_on(
        board,
        secretariat,
        method=BallotMethod.CORRESPONDENCE,
        closes_at=timezone.now() + datetime.timedelta(days=3),
    )


def test_pulling_a_vote_to_a_meeting_needs_a_reason(board, secretariat):
    ballot = correspondence_vote(board, secretariat)
    with pytest.raises(ActionRefused, match="Enter why this question should be decided"):
        ask_for_meeting(ballot_id=ballot.pk, user=board["members"][0], reason="  ")
    assert Ballot.objects.get(pk=ballot.pk).status == "OPEN"


def test_pulling_a_vote_tells_the_chair_and_secretariat_without_amber_substance(
    board, secretariat, django_capture_on_commit_callbacks
):
    ballot = correspondence_vote(board, secretariat)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        ask_for_meeting(
            ballot_id=ballot.pk, user=board["members"][0], reason="The tariff figures need a debate"
        )

    # The Chair, the secretariat and everyone who could vote (assessments.notifications).
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [board["chair"].email, "secretariat@example.com", *(m.email for m in board["members"])]
    )
    message = mail.outbox[0]
    reference = board["submission"].reference
    assert message.subject == (
        f"[AMBER] SSC vote by correspondence moved to a meeting: {reference}"
    )
    assert "tariff" not in message.body and "Progress the Use Case" not in message.body
    assert f"http://testserver{reverse('assessments:ballot-detail', args=[ballot.pk])}" in (
        message.body
    )
    log = ActivityLog.objects.get(action="assessments.ballot.moved_to_meeting")
    assert log.data == {"reason": "The tariff figures need a debate", "previous": "OPEN"}


def test_a_green_vote_pulled_to_a_meeting_quotes_the_question_and_reason(
    board, secretariat, django_capture_on_commit_callbacks
):
    type(board["submission"]).objects.filter(pk=board["submission"].pk).update(
        classification="GREEN"
    )
    type(board["item"]).objects.filter(pk=board["item"].pk).update(classification="GREEN")
    ballot = correspondence_vote(board, secretariat)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        ask_for_meeting(ballot_id=ballot.pk, user=board["members"][0], reason="Needs a debate")

    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[GREEN] ")
    assert "Question: Progress the Use Case to assessment?" in body
    assert "Reason given: Needs a debate" in body


def test_the_ballot_page_offers_an_unprompted_member_a_declaration(client, board, secretariat):
    ballot = vote_on(board, secretariat)
    member = board["members"][1]
    client.force_login(member)
    url = reverse("assessments:ballot-detail", args=[ballot.pk])
    assert "Declare an interest in this item" in client.get(url).text

    client.post(
        reverse("assessments:ballot-declare", args=[ballot.pk]),
        {"has_interest": "yes", "nature": "Board member of a supporter"},
    )

    declaration = ConflictDeclaration.objects.get(ballot=ballot, person=member)
    assert (declaration.nature, declaration.ruling) == ("Board member of a supporter", "PENDING")
    assert "Declare an interest in this item" not in client.get(url).text


def test_the_item_page_records_a_declaration_and_the_chair_rules_there(client, board):
    item, member = board["item"], board["members"][2]
    url = reverse("assessments:item-declare", args=[item.meeting_id, item.pk])
    client.force_login(member)

    client.post(url, {"nature": "Consultant to the proposer"})

    declaration = ConflictDeclaration.objects.get(agenda_item=item, ballot__isnull=True)
    client.force_login(board["chair"])
    page = client.get(url).text
    assert "Consultant to the proposer" in page
    client.post(
        reverse("assessments:declaration-rule", args=[declaration.pk]), {"ruling": "EXCLUDED"}
    )
    declaration.refresh_from_db()
    assert declaration.ruling == ConflictRuling.EXCLUDED


def test_the_move_to_a_meeting_page_asks_the_reason_before_anything_changes(
    client, board, secretariat
):
    ballot = correspondence_vote(board, secretariat)
    client.force_login(board["members"][0])
    url = reverse("assessments:ballot-to-meeting", args=[ballot.pk])

    assert "Ask for this question to be decided in a meeting?" in client.get(url).text
    page = client.post(url, {"reason": ""}).text

    assert "Enter why this should be decided in a meeting" in page
    assert Ballot.objects.get(pk=ballot.pk).status == "OPEN"
    done = client.post(url, {"reason": "Needs a debate"})
    assert done.status_code == 302
    assert Ballot.objects.get(pk=ballot.pk).status == "MOVED_TO_MEETING"
