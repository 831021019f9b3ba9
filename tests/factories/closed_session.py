"""A meeting with RED business in closed session, and a person standing each way towards it.

Made through the real services. Words only RED business carries, so a test can look for them
in any page, CSV, PDF or API response:
- ZEPHYR: the RED proposal's title, and so its agenda item's and paper's;
- QUASAR: the question of the open vote on the RED item;
- NEBULA: the question, and so the resolution, of the decision taken on the RED item;
- PULSAR: the question of a decision on the RED proposal with no agenda item.
The meeting's AMBER item carries MERIDIAN in its decision, which every member reads.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import caches
from django.utils import timezone

from assessments.enums import AttendanceStatus, SeatCategory, VettingStatus
from assessments.models import AgendaItem, Ballot, Decision, Meeting, Membership, Paper
from assessments.services.ballots import open_ballot
from assessments.services.decisions import close_ballot
from assessments.services.invitations import set_invitees
from assessments.services.meetings import add_business_item, create_meeting, record_attendance
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import seat_member, ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from triage_portal.perf.stamp import CACHE_ALIAS
from usecases import workflow

RED_WORDS = ("ZEPHYR", "QUASAR", "NEBULA", "PULSAR")


@dataclass
class ClosedSession:
    meeting: Meeting
    red_item: AgendaItem
    red_paper: Paper
    red_vote: Ballot
    red_decision: Decision
    red_decision_without_item: Decision
    amber_decision: Decision
    people: dict  # role name: user


def lapse_vetting(person) -> None:
    """Let the person's vetting lapse yesterday, as a change made outside the portal would."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(person=person).update(
        vetting_status=VettingStatus.LAPSED, vetting_expires_on=yesterday
    )
    # Written behind the services' back, so nothing recorded lets go of the seats kept
    # until the next change: let them go, as after any change made outside the portal.
    caches[CACHE_ALIAS].clear()


def closed_session(secretariat, proposer) -> ClosedSession:
    ssc, chair, members = ssc_with_members(6)
    invited, present, apologies, represented, lapsed, term_over = (m.person for m in members)
    alternate = UserFactory(role=Role.SSC_MEMBER, full_name="Alex Alternate")
    Membership.objects.filter(pk=members[3].pk).update(alternate=alternate)
    observer = seat_member(ssc, SeatCategory.OBSERVER_NCSC).person
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate(),  # held today: its votes are closed on or after its date
    )
    for person in (invited, present, lapsed, term_over, chair.person):
        record_attendance(
            user=secretariat, meeting=meeting, person=person, status=AttendanceStatus.PRESENT
        )
    record_attendance(
        user=secretariat, meeting=meeting, person=apologies, status=AttendanceStatus.APOLOGIES
    )
    record_attendance(
        user=secretariat,
        meeting=meeting,
        person=represented,
        status=AttendanceStatus.REPRESENTED,
        represented_by=alternate,
    )
    submission = proposal_in_state(
        "REGISTERED",
        proposer=proposer,
        secretariat=secretariat,
        use_case_title="ZEPHYR key compromise",
    )
    workflow.change_classification(
        submission_id=submission.pk, user=secretariat, classification="RED", reason="live flaw"
    )
    red_paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    issue_paper(paper_id=red_paper.pk, user=secretariat, confirm_late=True)
    red_item = red_paper.agenda_item
    set_invitees(
        user=secretariat,
        item_id=red_item.pk,
        people=[invited.pk, observer.pk, lapsed.pk, term_over.pk],
    )
    lapse_vetting(lapsed)
    Membership.objects.filter(person=term_over).update(
        term_end=timezone.localdate() - datetime.timedelta(days=1)
    )
    caches[CACHE_ALIAS].clear()
    red_vote = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Refer QUASAR to the NCSC?",
        outcome_if_passed="NOTED",
        agenda_item=red_item,
    )
    decided = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Withdraw the NEBULA devices?",
        outcome_if_passed="NOTED",
        agenda_item=red_item,
    )
    red_decision = close_ballot(ballot_id=decided.pk, user=secretariat)
    without_item = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Note the PULSAR advice?",
        outcome_if_passed="NOTED",
        submission=submission,
        method="CORRESPONDENCE",
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    red_decision_without_item = close_ballot(ballot_id=without_item.pk, user=secretariat)
    amber_item = add_business_item(
        user=secretariat, meeting=meeting, title="Amber business", classification="AMBER"
    )
    amber = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Note the MERIDIAN report?",
        outcome_if_passed="NOTED",
        agenda_item=amber_item,
    )
    amber_decision = close_ballot(ballot_id=amber.pk, user=secretariat)
    return ClosedSession(
        meeting=meeting,
        red_item=red_item,
        red_paper=red_paper,
        red_vote=red_vote,
        red_decision=red_decision,
        red_decision_without_item=red_decision_without_item,
        amber_decision=amber_decision,
        people={
            "invited": invited,
            "observer": observer,
            "present": present,
            "apologies": apologies,
            "represented": represented,
            "alternate": alternate,
            "lapsed": lapsed,
            "term_over": term_over,
            "chair": chair.person,
            "secretariat": secretariat,
        },
    )
