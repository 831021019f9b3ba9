"""seed_demo's committee business: every case a reviewer looks for, made through the services."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.demo_business import ALTERNATE_EMAIL, AMBER_REASONS, RED_TITLE
from assessments.enums import (
    ActionStatus,
    AttendanceStatus,
    BallotMethod,
    BallotStatus,
    ConflictRuling,
    MeetingStatus,
    Session,
)
from assessments.minutes_record import carried_forward
from assessments.models import (
    Action,
    Attendance,
    Ballot,
    ConflictDeclaration,
    Decision,
    Meeting,
    Membership,
    Minutes,
    Vote,
)
from assessments.selectors import decision_log_visible_to
from assessments.services.decisions import preview_ballot
from assessments.services.electorate import seat_standings
from triage_portal.accounts.models import User
from triage_portal.audit.models import ActivityLog
from triage_portal.classification import Classification
from triage_portal.workdays import is_working_day, working_days_between
from usecases.enums import SubmissionState
from usecases.models import Submission
from usecases.selectors.proposals import bank_holidays

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", "--quiet")
    return {
        number: Meeting.objects.get(committee__code="SSC", number=number)
        for number in (93, 94, 95, 96)
    }


def _user(email: str) -> User:
    return User.objects.get(email=email)


def test_meetings_fall_on_working_days_with_ssc94_twelve_working_days_ago(demo):
    holidays = bank_holidays()
    today = timezone.localdate()

    assert all(is_working_day(m.date, holidays) for m in demo.values())
    assert working_days_between(demo[94].date, today, holidays) == 12
    assert working_days_between(demo[93].date, demo[94].date, holidays) == 20
    assert [demo[n].status for n in (93, 94, 95, 96)] == [
        MeetingStatus.HELD,
        MeetingStatus.HELD,
        MeetingStatus.PLANNED,
        MeetingStatus.PLANNED,
    ]
    assert demo[95].date > today


def test_ssc94_attendance_has_apologies_and_a_seat_represented_by_its_alternate(demo):
    alternate = _user(ALTERNATE_EMAIL)
    represented = Attendance.objects.get(meeting=demo[94], status=AttendanceStatus.REPRESENTED)
    membership = Membership.objects.get(person=represented.person, seat__committee__code="SSC")

    assert (represented.person.email, represented.represented_by) == (
        "ls6@demo.example.com",
        alternate,
    )
    assert membership.alternate == alternate
    assert alternate.check_password("demo-password-2026")
    assert list(
        Attendance.objects.filter(meeting=demo[94], status=AttendanceStatus.APOLOGIES).values_list(
            "person__email", flat=True
        )
    ) == ["ls4@demo.example.com"]
    present = set(
        Attendance.objects.filter(meeting=demo[94], status=AttendanceStatus.PRESENT).values_list(
            "person__email", flat=True
        )
    )
    assert {"chair@demo.example.com", "observer@demo.example.com"} <= present
    assert len(present) == 9


def test_ssc94_decisions_amber_vote_red_vote_casting_vote_and_consensus(demo):
    decisions = {d.reference: d for d in Decision.objects.filter(meeting=demo[94])}

    assert sorted(decisions) == ["SSC94/D01", "SSC94/D02", "SSC94/D03", "SSC94/D04"]
    amber, red, tie, consensus = (decisions[f"SSC94/D0{n}"] for n in range(1, 5))
    assert (amber.outcome, amber.passed, amber.method) == ("PROGRESS", True, BallotMethod.MEETING)
    assert (
        amber.snapshot["for_count"],
        amber.snapshot["against_count"],
        amber.snapshot["abstain_count"],
    ) == (5, 1, 1)
    assert amber.submission.state == SubmissionState.UNDER_ASSESSMENT
    assert amber.submission.classification == Classification.AMBER
    # The E.ON member declared an interest and the Chair excluded them; the alternate voted.
    declaration = ConflictDeclaration.objects.get(ballot=amber.ballot)
    assert (declaration.person.email, declaration.ruling, declaration.ruled_by.email) == (
        "member@demo.example.com",
        ConflictRuling.EXCLUDED,
        "chair@demo.example.com",
    )
    assert amber.ballot.votes.filter(cast_by__email=ALTERNATE_EMAIL).count() == 1

    assert red.submission.title == RED_TITLE
    assert red.submission.classification == Classification.RED
    assert red.submission.state == SubmissionState.UNDER_ASSESSMENT
    item = red.ballot.agenda_item
    assert (item.classification, item.session) == (Classification.RED, Session.CLOSED)
    assert set(item.invitees.values_list("email", flat=True)) == {
        "chair@demo.example.com",
        "member@demo.example.com",
        "observer@demo.example.com",
        "ls3@demo.example.com",
        "ls5@demo.example.com",
    }
    assert item.paper.is_issued and item.paper.reference.startswith("SSC_94_")

    assert (tie.passed, tie.snapshot["casting_vote_used"]) == (True, True)
    assert tie.snapshot["for_count"] == tie.snapshot["against_count"] == 2
    assert (consensus.method, consensus.ballot.agenda_item.number) == (BallotMethod.CONSENSUS, 1)


def test_red_decision_is_withheld_from_member2_and_shown_to_member(demo, client):
    red = Decision.objects.get(reference="SSC94/D02")
    withheld = {
        email: decision_log_visible_to(_user(email)).get(pk=red.pk).withheld
        for email in ("member@demo.example.com", "member2@demo.example.com")
    }
    assert withheld == {"member@demo.example.com": False, "member2@demo.example.com": True}

    red_reference = red.ballot.agenda_item.paper.reference
    client.force_login(_user("member2@demo.example.com"))
    page = client.get(f"/committees/meetings/{demo[94].pk}/").content.decode()
    assert "Closed session item — restricted" in page
    assert red_reference not in page
    assert "Progress the proposal to assessment" not in page  # the RED vote's question
    client.force_login(_user("member@demo.example.com"))
    page = client.get(f"/committees/meetings/{demo[94].pk}/").content.decode()
    assert "Closed session item — restricted" not in page
    assert red_reference in page
    assert "Progress the proposal to assessment" in page


def test_a_vote_by_correspondence_is_open_with_some_votes_in(demo):
    ballot = Ballot.objects.get(method=BallotMethod.CORRESPONDENCE)
    voted = set(ballot.votes.values_list("seat_id", flat=True))
    not_voted = [s for s in seat_standings(ballot) if s.seat.is_voting and s.seat.pk not in voted]

    assert ballot.status == BallotStatus.OPEN
    assert ballot.submission.state == SubmissionState.INITIAL_CONSIDERATION
    closes = timezone.localdate(ballot.closes_at)
    assert working_days_between(timezone.localdate(), closes, bank_holidays()) == 3
    assert ballot.votes.count() == 3
    assert len(not_voted) == 6
    assert preview_ballot(ballot).for_count == 2


def test_minutes_actions_drafted_and_approved(demo):
    earlier, held = Minutes.objects.get(meeting=demo[93]), Minutes.objects.get(meeting=demo[94])

    assert (earlier.approved_at_meeting, held.approved_at) == (demo[94], None)
    assert list(
        Action.objects.values_list("reference", "agenda_item__meeting__number", "status")
    ) == [
        ("SSC93/01", 93, ActionStatus.CLOSED),
        ("SSC93/02", 93, ActionStatus.OPEN),
        ("SSC94/01", 94, ActionStatus.OPEN),
        ("SSC94/02", 94, ActionStatus.OPEN),
    ]
    assert list(
        held.item_minutes.exclude(discussion="").values_list("agenda_item__number", flat=True)
    ) == [1, 3, 4, 5, 6]
    assert [a.reference for a in carried_forward(demo[94])] == ["SSC93/01", "SSC93/02"]
    assert Decision.objects.get(reference="SSC94/D01").reasons == AMBER_REASONS


def test_seed_demo_twice_changes_nothing_and_the_audit_log_replays(demo):
    def counts():
        return [
            model.objects.count()
            for model in (
                ActivityLog,
                Submission,
                Meeting,
                Attendance,
                Ballot,
                Vote,
                Decision,
                Minutes,
                Action,
                User,
            )
        ]

    before = counts()
    call_command("seed_demo", "--quiet")

    assert counts() == before
    call_command("verify_audit")  # raises CommandError if the log and the records disagree
