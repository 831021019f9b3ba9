"""A meeting's papers, read through the shortcut the meeting pages take, are exactly the ones the
whole Panel Information Policy shows: for every level, issued or draft, and every kind of reader."""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from assessments.enums import AttendanceStatus, SeatCategory, VettingStatus
from assessments.models import Annex, Paper
from assessments.selectors import papers_of_meeting_visible_to, papers_visible_to
from assessments.services.meetings import add_business_item, create_meeting, record_attendance
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import committee, seat_member, ssc_with_members
from tests.factories.people import SecPartyFactory, UserFactory
from tests.factories.states import proposal_in_state
from triage_portal import classification
from triage_portal.classification import Audience, Classification
from usecases.enums import SupportStatus
from usecases.models import SupportingParty

pytestmark = pytest.mark.django_db

LEVELS = [level.value for level in Classification]


@pytest.fixture
def meeting_of_every_level(secretariat, proposer):
    """A meeting with a proposal's paper and a business item's paper at each level, issued or
    not; and a reader of each kind."""
    ssc, chair, members = ssc_with_members(4)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=70,
        date=timezone.localdate() + datetime.timedelta(days=30),
    )
    party = SecPartyFactory()
    supporter = UserFactory(organisation=party, organisation_verified=True)
    for level, issued in itertools.product(LEVELS, (True, False)):
        submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
        SupportingParty.objects.create(
            submission=submission,
            name="Supporter",
            sec_party=party,
            email="someone.else@example.com",
            status=SupportStatus.CONFIRMED,
        )
        paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
        item = add_business_item(
            user=secretariat, meeting=meeting, title=f"{level} business", classification=level
        )
        other = Paper.objects.create(
            agenda_item=item, title=f"{level} report", classification=level, author_name="SECAS"
        )
        Annex.objects.filter(paper=paper).update(classification=level)
        for each in (paper, other):
            Paper.objects.filter(pk=each.pk).update(classification=level)
            if issued:
                issue_paper(paper_id=each.pk, user=secretariat)
        if level == Classification.RED:
            item.invitees.add(members[1].person)
    record_attendance(
        user=secretariat,
        meeting=meeting,
        person=members[2].person,
        status=AttendanceStatus.PRESENT,
    )
    observer = seat_member(ssc, SeatCategory.OBSERVER_NCSC).person
    lapsed = seat_member(
        ssc,
        SeatCategory.LARGE_SUPPLIER,
        9,
        vetting_status=VettingStatus.LAPSED,
        vetting_expires_on=timezone.localdate() - datetime.timedelta(days=1),
    ).person
    elsewhere = seat_member(committee("TABASC"), SeatCategory.LARGE_SUPPLIER).person
    readers = {
        "anonymous": AnonymousUser(),
        "inactive": UserFactory(is_active=False),
        "stranger": UserFactory(),
        "proposer": proposer,
        "supporter": supporter,
        "member": members[0].person,
        "invited member": members[1].person,
        "member present": members[2].person,
        "observer": observer,
        "lapsed member": lapsed,
        "member elsewhere": elsewhere,
        "chair": chair.person,
        "secretariat": secretariat,
    }
    return meeting, readers


def _same_papers(meeting, readers):
    assert Paper.objects.filter(agenda_item__meeting=meeting).count() == 16
    for name, reader in readers.items():
        whole_policy = set(
            papers_visible_to(reader)
            .filter(agenda_item__meeting=meeting)
            .values_list("pk", flat=True)
        )
        shortcut = set(papers_of_meeting_visible_to(reader, meeting).values_list("pk", flat=True))
        assert shortcut == whole_policy, name


def test_a_meetings_papers_are_those_the_whole_policy_shows(meeting_of_every_level):
    meeting, readers = meeting_of_every_level
    _same_papers(meeting, readers)
    red = list(
        papers_of_meeting_visible_to(readers["invited member"], meeting)
        .filter(classification="RED")
        .values_list("agenda_item__submission", flat=True)
    )
    assert red == [None]  # the issued red item they were invited to, not the red proposal's
    assert not papers_of_meeting_visible_to(readers["member"], meeting).filter(classification="RED")
    # Attending is not an invitation (issue 18): recorded present, not named, reads no Red.
    assert not papers_of_meeting_visible_to(readers["member present"], meeting).filter(
        classification="RED"
    )


def test_a_changed_policy_is_followed_by_the_shortcut_too(meeting_of_every_level, monkeypatch):
    """The levels each audience reads are configurable: a policy where the committee reads only
    Green and White, and the proposer and supporters read their own items at every level."""
    meeting, readers = meeting_of_every_level
    policy = dict(classification.READABLE)
    policy[Audience.COMMITTEE] = (Classification.WHITE, Classification.GREEN)
    policy[Audience.OWN_ITEM] = tuple(Classification)
    policy[Audience.SUPPORTER] = tuple(Classification)
    monkeypatch.setattr(classification, "READABLE", policy)
    _same_papers(meeting, readers)
    amber = papers_of_meeting_visible_to(readers["member"], meeting).filter(classification="AMBER")
    assert not amber.exists()


def test_the_chair_reads_draft_papers_and_a_member_does_not(meeting_of_every_level):
    meeting, readers = meeting_of_every_level
    drafts = Paper.objects.filter(agenda_item__meeting=meeting, issued_at__isnull=True)
    chair_reads = set(
        papers_visible_to(readers["chair"]).filter(pk__in=drafts).values_list("classification")
    )
    assert chair_reads == {("WHITE",), ("GREEN",), ("AMBER",)}  # Red: only if invited
    assert not papers_visible_to(readers["member"]).filter(pk__in=drafts).exists()
