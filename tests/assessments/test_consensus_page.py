"""The Chair or the secretariat records a committee decision by consensus on an agenda item."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.enums import AttendanceStatus, BallotMethod
from assessments.forms import BallotForm
from assessments.models import Decision
from assessments.selectors import decisions_visible_to
from assessments.services.invitations import set_invitees
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from usecases import workflow
from usecases.enums import SubmissionState as S

pytestmark = pytest.mark.django_db

RESOLUTION = "The SSC AGREED to progress the Use Case to assessment."


@pytest.fixture
def meeting(secretariat):
    committee, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat, committee=committee, number=95, date=timezone.localdate()
    )
    meeting.people = {"chair": chair.person, "members": [m.person for m in members]}
    return meeting


def attend(meeting, secretariat, people):
    for person in people:
        record_attendance(
            user=secretariat, meeting=meeting, person=person, status=AttendanceStatus.PRESENT
        )


def item_for(meeting, secretariat, proposer, classification="AMBER"):
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    if classification != "AMBER":
        workflow.change_classification(
            submission_id=submission.pk,
            user=secretariat,
            classification=classification,
            reason="for the test",
        )
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    return paper.agenda_item


def test_a_decision_by_consensus_moves_the_proposal_and_files_it_on_the_item(
    client, meeting, secretariat, proposer
):
    attend(meeting, secretariat, [meeting.people["chair"], *meeting.people["members"]])
    item = item_for(meeting, secretariat, proposer)
    client.force_login(secretariat)

    response = client.post(
        reverse("assessments:decision-record", args=[item.pk]),
        {"outcome": "PROGRESS", "resolution": RESOLUTION, "outcome_text": ""},
    )

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.reference, decision.method, decision.passed) == (
        "SSC95/D01",
        "CONSENSUS",
        True,
    )
    assert decision.ballot.agenda_item == item and decision.ballot.status == "CLOSED"
    item.submission.refresh_from_db()
    assert item.submission.state == S.UNDER_ASSESSMENT


def test_an_inquorate_meeting_is_refused_and_keeps_what_was_typed(
    client, meeting, secretariat, proposer
):
    attend(meeting, secretariat, [meeting.people["chair"]])
    item = item_for(meeting, secretariat, proposer)
    client.force_login(secretariat)

    response = client.post(
        reverse("assessments:decision-record", args=[item.pk]),
        {"outcome": "PROGRESS", "resolution": RESOLUTION, "outcome_text": ""},
    )

    assert response.status_code == 200
    assert "is not quorate, so it cannot decide by consensus" in response.text
    assert RESOLUTION in response.text
    assert not Decision.objects.exists()


def test_a_member_cannot_record_a_decision(client, meeting, secretariat, proposer):
    item = item_for(meeting, secretariat, proposer)
    client.force_login(meeting.people["members"][0])

    response = client.get(reverse("assessments:decision-record", args=[item.pk]))

    assert response.status_code == 404


def test_a_red_consensus_decision_is_read_by_those_named_on_its_item(
    meeting, secretariat, proposer
):
    from assessments.services.decisions import record_consensus_decision

    named, other = meeting.people["members"][:2]
    attend(meeting, secretariat, [meeting.people["chair"], *meeting.people["members"]])
    item = item_for(meeting, secretariat, proposer, classification="RED")
    set_invitees(user=secretariat, item_id=item.pk, people=[named.pk])

    decision = record_consensus_decision(
        user=secretariat,
        committee=meeting.committee,
        meeting=meeting,
        agenda_item=item,
        outcome="NOTED",
        resolution="The SSC NOTED the RED briefing.",
    )

    assert list(decisions_visible_to(named)) == [decision]
    assert list(decisions_visible_to(other)) == []


def test_a_vote_cannot_be_opened_as_consensus():
    offered = [value for value, _ in BallotForm().fields["method"].choices]

    assert BallotMethod.CONSENSUS not in offered
