"""A proposal's page follows it through the committee: agenda slot, paper issued, decision."""

import datetime

import pytest
from django.utils import timezone

from assessments.enums import BallotMethod, Outcome
from assessments.models import Decision
from assessments.services.meetings import create_meeting
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(secretariat, proposer):
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=96,
        date=timezone.localdate() + datetime.timedelta(days=21),
    )
    submission = proposal_in_state(
        "INITIAL_CONSIDERATION", proposer=proposer, secretariat=secretariat
    )
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    return {"ssc": ssc, "meeting": meeting, "submission": submission, "paper": paper}


def titles(page: str) -> list[str]:
    import re

    return re.findall(r'<span class="portal-timeline__title">([^<]+)</span>', page)


def test_the_timeline_shows_the_agenda_slot_then_the_issued_paper(
    client, proposer, secretariat, scheduled
):
    paper = issue_paper(paper_id=scheduled["paper"].pk, user=secretariat, confirm_late=True)
    item = paper.agenda_item
    client.force_login(proposer)

    page = client.get(scheduled["submission"].get_absolute_url()).text

    shown = titles(page)
    assert shown[-2:] == [
        f"On the agenda: SSC meeting 96, item {item.number}",
        f"Paper issued: {paper.reference}",
    ]
    assert f"its paper {paper.reference} has been issued." in page


def test_the_timeline_and_next_step_give_the_decision_and_its_reference(
    client, proposer, secretariat, scheduled
):
    Decision.objects.create(
        committee=scheduled["ssc"],
        meeting=scheduled["meeting"],
        submission=scheduled["submission"],
        reference="SSC96/D01",
        method=BallotMethod.CONSENSUS,
        outcome=Outcome.NOTED,
        passed=True,
        resolution="The SSC NOTED the proposal.",
        recorded_by=secretariat,
    )
    client.force_login(proposer)

    page = client.get(scheduled["submission"].get_absolute_url()).text

    assert titles(page)[-1] == "SSC decision SSC96/D01: Noted (no change) (agreed)"
    assert "Latest decision — SSC decision SSC96/D01: Noted (no change) (agreed)." in page
