import datetime

import pytest
from django.utils import timezone

from assessments.enums import ItemKind, Session
from assessments.models import AgendaItem, Paper
from assessments.papers.references import paper_reference
from assessments.services.common import LatePaper
from assessments.services.meetings import add_business_item, create_meeting, move_agenda_item
from assessments.services.papers import approve_late_paper, issue_paper, schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from triage_portal.audit.models import ActivityLog
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused
from usecases.models import Submission

pytestmark = pytest.mark.django_db


def test_reference_format_matches_the_seed():
    assert paper_reference("TABASC", 45, datetime.date(2019, 8, 15), 14) == "TABASC_45_1508_14"
    assert paper_reference("SSC", 95, datetime.date(2026, 6, 27), 6) == "SSC_95_2706_06"


@pytest.fixture
def ssc(db):
    return ssc_with_members(6)[0]


@pytest.fixture
def meeting(ssc, secretariat):
    return create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )


def test_new_meeting_has_standing_agenda(meeting):
    assert [(i.number, i.kind) for i in meeting.items.all()] == [
        (1, ItemKind.MINUTES),
        (2, ItemKind.DECLARATIONS),
        (3, ItemKind.AOB),
    ]


def test_scheduling_drafts_paper_and_moves_proposal(meeting, proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)

    assert paper.agenda_item.meeting == meeting
    assert paper.agenda_item.number == 3
    assert AgendaItem.objects.get(meeting=meeting, kind=ItemKind.AOB).number == 4
    assert paper.title == "Use Case for Device Refurbishment"
    assert paper.purpose.startswith(
        "E.ON Energy Solutions Limited have submitted a use case for Device Refurbishment"
    )
    assert [r.verb for r in paper.recommendations.all()] == ["NOTE", "CONFIRM", "AGREE"]
    assert [a.kind for a in paper.annexes.all()] == ["PROPOSAL_FORM"]
    assert paper.reference is None
    assert Submission.objects.get(pk=submission.pk).state == S.INITIAL_CONSIDERATION


def test_red_item_goes_to_closed_session(meeting, secretariat):
    item = add_business_item(
        user=secretariat, meeting=meeting, title="Live vulnerability", classification="RED"
    )

    assert item.session == Session.CLOSED


def test_red_item_in_open_session_is_refused_by_the_database(meeting):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        AgendaItem.objects.create(
            meeting=meeting, number=50, title="x", classification="RED", session=Session.OPEN
        )


def test_issue_allocates_reference_once(meeting, proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)

    issued = issue_paper(paper_id=paper.pk, user=secretariat)

    assert issued.reference == f"SSC_95_{meeting.date:%d%m}_03"
    with pytest.raises(ActionRefused, match="already issued"):
        issue_paper(paper_id=paper.pk, user=secretariat)


def test_moving_an_item_reissues_reference_with_audit(meeting, proposer, secretariat):
    first = schedule_on_meeting(
        submission_id=proposal_in_state(
            S.REGISTERED, proposer=proposer, secretariat=secretariat
        ).pk,
        user=secretariat,
    )
    second = schedule_on_meeting(
        submission_id=proposal_in_state(
            S.REGISTERED, proposer=proposer, secretariat=secretariat
        ).pk,
        user=secretariat,
    )
    issue_paper(paper_id=first.pk, user=secretariat)
    issue_paper(paper_id=second.pk, user=secretariat)

    move_agenda_item(user=secretariat, item=second.agenda_item, number=3)

    ddmm = f"{meeting.date:%d%m}"
    assert Paper.objects.get(pk=second.pk).reference == f"SSC_95_{ddmm}_03"
    assert Paper.objects.get(pk=first.pk).reference == f"SSC_95_{ddmm}_04"
    reissued = ActivityLog.objects.filter(action="assessments.paper.reference_reissued").order_by(
        "pk"
    )
    assert sorted((e.data["old"], e.data["new"]) for e in reissued) == [
        (f"SSC_95_{ddmm}_03", f"SSC_95_{ddmm}_04"),
        (f"SSC_95_{ddmm}_04", f"SSC_95_{ddmm}_03"),
    ]


def test_paper_weaker_than_its_annex_is_refused(meeting, proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)
    Paper.objects.filter(pk=paper.pk).update(classification="WHITE")

    with pytest.raises(ActionRefused, match="classified White .* an annex is Amber"):
        issue_paper(paper_id=paper.pk, user=secretariat)


def test_late_paper_warns_and_chair_may_approve(ssc, secretariat, proposer):
    chair = ssc.seats.get(category="CHAIR").memberships.get().person
    soon = create_meeting(
        user=secretariat,
        committee=ssc,
        number=96,
        date=timezone.localdate() + datetime.timedelta(days=2),
    )
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=soon)

    with pytest.raises(LatePaper, match="The deadline for papers"):
        issue_paper(paper_id=paper.pk, user=secretariat)
    approve_late_paper(paper_id=paper.pk, user=chair, reason="Urgent business need")
    issued = issue_paper(paper_id=paper.pk, user=secretariat)

    entry = ActivityLog.objects.get(action="assessments.paper.issued", object_id=str(issued.pk))
    assert entry.data["late"] is True and entry.data["chair_approved_late"] is True
    assert ActivityLog.objects.filter(action="assessments.paper.late_issue_approved").count() == 1


def test_only_chair_approves_late_papers(meeting, proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)

    with pytest.raises(ActionRefused):
        approve_late_paper(paper_id=paper.pk, user=secretariat, reason="x")


def test_no_meeting_with_a_slot_gives_clear_error(ssc, proposer, secretariat):
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)

    with pytest.raises(ActionRefused, match="no planned SSC meeting with a free paper slot"):
        schedule_on_meeting(submission_id=submission.pk, user=secretariat)


def test_referral_to_tabasc_produces_a_paper_on_its_agenda(proposer, secretariat):
    from tests.factories.committee import committee
    from tests.factories.states import future
    from usecases import workflow

    tabasc = committee("TABASC")
    meeting = create_meeting(
        user=secretariat,
        committee=tabasc,
        number=45,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    referral = workflow.refer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        body="TABASC",
        question="AGREE whether there are any Technical or Business Architectural concerns to be raised to the SSC.",
        due_on=future(),
        mandatory=True,
    )
    from assessments.services.papers import referral_paper

    paper = referral_paper(referral_id=referral.pk, user=secretariat)
    issued = issue_paper(paper_id=paper.pk, user=secretariat)

    assert issued.reference == f"TABASC_45_{meeting.date:%d%m}_03"
    assert [(r.verb, r.text) for r in paper.recommendations.all()][-1] == (
        "AGREE",
        "whether there are any Technical or Business Architectural concerns to be raised to the SSC.",
    )
    nccs = workflow.refer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        body="NCSC",
        question="Advice?",
        due_on=future(),
        mandatory=False,
    )
    with pytest.raises(ActionRefused, match="does not meet as a committee"):
        referral_paper(referral_id=nccs.pk, user=secretariat)


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.WITHDRAWN, S.REJECTED])
def test_a_proposal_not_before_the_committee_cannot_be_scheduled(
    meeting, proposer, secretariat, state
):
    submission = proposal_in_state(state, proposer=proposer, secretariat=secretariat)

    with pytest.raises(ActionRefused, match="only a registered proposal that is still live"):
        schedule_on_meeting(submission_id=submission.pk, user=secretariat)

    assert not AgendaItem.objects.filter(submission=submission).exists()
