"""E-mails about committee business: who is told, what the subject says, what the body may quote."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.enums import BallotMethod, SeatCategory
from assessments.services.ballots import ask_for_meeting, open_ballot
from assessments.services.invitations import set_invitees
from assessments.services.meetings import create_meeting
from assessments.services.packs import issue_due_packs, issue_pack
from assessments.services.papers import (
    approve_late_paper,
    issue_paper,
    paper_deadline,
    referral_paper,
    schedule_on_meeting,
)
from tests.factories.committee import seat_member, ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import future, proposal_in_state
from triage_portal.accounts.enums import Role
from usecases import workflow
from usecases.enums import SubmissionState as S
from usecases.errors import ActionRefused
from usecases.models import Submission

pytestmark = pytest.mark.django_db

TITLE = "Use Case for Device Refurbishment"
QUESTION = "Progress the Use Case to assessment?"


def addresses() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def emails(*people) -> list[str]:
    return sorted(person.email for person in people)


@pytest.fixture
def ssc(db):
    """The SSC: a Chair, three voting members, an NCSC observer; a lapsed member and a
    stranger who must never be told anything."""
    ssc, chair, members = ssc_with_members(3)
    observer = seat_member(ssc, SeatCategory.OBSERVER_NCSC).person
    seat_member(
        ssc,
        SeatCategory.LARGE_SUPPLIER,
        9,
        term_end=timezone.localdate() - datetime.timedelta(days=1),
    )
    UserFactory(role=Role.SSC_MEMBER)
    return {
        "committee": ssc,
        "chair": chair.person,
        "members": [m.person for m in members],
        "observer": observer,
    }


def scheduled(proposer, secretariat, level: str, *, days: int = 20, number: int = 95):
    """Return the draft paper of a proposal registered at `level` on a meeting `days` ahead."""
    meeting = create_meeting(
        user=secretariat,
        committee=committee_of(),
        number=number,
        date=timezone.localdate() + datetime.timedelta(days=days),
    )
    submission = proposal_in_state(S.SUBMITTED, proposer=proposer, secretariat=secretariat)
    workflow.register_proposal(
        submission_id=submission.pk, user=secretariat, classification=level, reason="Public"
    )
    return schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)


def committee_of():
    from assessments.models import Committee

    return Committee.objects.get(code="SSC")


def issued(paper, secretariat, capture):
    mail.outbox.clear()
    with capture(execute=True):
        return issue_paper(paper_id=paper.pk, user=secretariat)


def test_an_amber_paper_issued_tells_the_committee_without_its_title(
    ssc, proposer, secretariat, django_capture_on_commit_callbacks
):
    paper = issued(
        scheduled(proposer, secretariat, "AMBER"), secretariat, django_capture_on_commit_callbacks
    )

    everyone = [ssc["chair"], *ssc["members"], ssc["observer"]]
    assert addresses() == emails(*everyone)
    message = mail.outbox[0]
    assert message.subject == f"[AMBER] SSC paper issued: {paper.reference}"
    assert message.body.startswith("Classification: AMBER\n\nA paper for SSC committee meeting 95")
    assert TITLE not in message.body
    assert "classified AMBER under the Panel Information Policy" in message.body
    assert f"http://testserver/committees/papers/{paper.pk}/" in message.body


def test_a_green_paper_issued_quotes_its_title(
    ssc, proposer, secretariat, django_capture_on_commit_callbacks
):
    paper = issued(
        scheduled(proposer, secretariat, "GREEN"), secretariat, django_capture_on_commit_callbacks
    )

    assert mail.outbox[0].subject == f"[GREEN] SSC paper issued: {paper.reference}"
    assert f"Title: {TITLE}" in mail.outbox[0].body


def test_a_red_paper_issued_tells_only_people_named_and_seated(
    ssc, proposer, secretariat, django_capture_on_commit_callbacks
):
    paper = scheduled(proposer, secretariat, "RED")
    set_invitees(
        user=secretariat,
        item_id=paper.agenda_item_id,
        people=[ssc["members"][0].pk, ssc["chair"].pk],
    )

    paper = issued(paper, secretariat, django_capture_on_commit_callbacks)

    assert addresses() == emails(ssc["members"][0], ssc["chair"])
    assert mail.outbox[0].subject == f"[RED] SSC paper issued: {paper.reference}"
    assert TITLE not in mail.outbox[0].body


def test_a_late_paper_approved_tells_the_secretariat_and_its_issue_says_late(
    ssc, proposer, secretariat, settings, django_capture_on_commit_callbacks
):
    paper = scheduled(proposer, secretariat, "AMBER", days=2)
    Submission.objects.filter(pk=paper.agenda_item.submission_id).update(q6_urgent="YES")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        approve_late_paper(paper_id=paper.pk, user=ssc["chair"], reason="Urgent: live fault")

    assert addresses() == [settings.SECRETARIAT_EMAIL]
    message = mail.outbox[0]
    assert message.subject == "[AMBER] Late paper approved for SSC meeting 95"
    assert f"{ssc['chair'].full_name} approved a late issue" in message.body
    assert "live fault" not in message.body
    paper = issued(paper, secretariat, django_capture_on_commit_callbacks)
    assert "after the deadline for papers with the Chair's approval" in mail.outbox[0].body


def test_the_pack_goes_at_the_paper_deadline_listing_what_each_member_may_read(
    ssc, proposer, secretariat, django_capture_on_commit_callbacks
):
    green = scheduled(proposer, secretariat, "GREEN")
    meeting = green.agenda_item.meeting
    red = schedule_on_meeting(
        submission_id=registered(proposer, secretariat, "RED").pk,
        user=secretariat,
        meeting=meeting,
    )
    set_invitees(user=secretariat, item_id=red.agenda_item_id, people=[ssc["members"][0].pk])
    for paper in (green, red):
        issue_paper(paper_id=paper.pk, user=secretariat)
    deadline = paper_deadline(meeting)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert issue_due_packs(deadline - datetime.timedelta(days=1)) == []
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert issue_due_packs(deadline) == [str(meeting)]
    assert issue_due_packs(deadline) == []

    everyone = [ssc["chair"], *ssc["members"], ssc["observer"]]
    assert addresses() == emails(*everyone)
    green.refresh_from_db()
    red.refresh_from_db()
    named = next(m for m in mail.outbox if m.to == [ssc["members"][0].email])
    assert named.subject == "[RED] SSC meeting 95: papers issued"
    assert f"- {green.reference}: {TITLE}\n" in named.body
    assert f"- {red.reference} (classified RED: title not included)\n" in named.body
    other = next(m for m in mail.outbox if m.to == [ssc["members"][1].email])
    assert other.subject == "[GREEN] SSC meeting 95: papers issued"
    assert red.reference not in other.body
    with pytest.raises(ActionRefused, match="already sent to members"):
        issue_pack(meeting_id=meeting.pk, user=secretariat)


def registered(proposer, secretariat, level):
    submission = proposal_in_state(S.SUBMITTED, proposer=proposer, secretariat=secretariat)
    return workflow.register_proposal(
        submission_id=submission.pk, user=secretariat, classification=level, reason="Public"
    )


def test_a_vote_opened_tells_those_who_may_vote_and_asks_the_involved_to_declare(
    ssc, proposer, secretariat, django_capture_on_commit_callbacks
):
    paper = scheduled(proposer, secretariat, "AMBER")
    involved = ssc["members"][0]
    involved.organisation = proposer.organisation
    involved.save(update_fields=["organisation"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(
            user=secretariat,
            committee=ssc["committee"],
            question=QUESTION,
            outcome_if_passed="PROGRESS",
            method=BallotMethod.CORRESPONDENCE,
            submission=paper.agenda_item.submission,
            closes_at=timezone.now() + datetime.timedelta(days=5),
        )

    reference = paper.agenda_item.submission.reference
    opened = [m for m in mail.outbox if "vote open" in m.subject]
    assert sorted(m.to[0] for m in opened) == emails(*ssc["members"])
    assert opened[0].subject == f"[AMBER] SSC vote open: {reference}"
    assert QUESTION not in opened[0].body
    assert f"http://testserver/committees/votes/{ballot.pk}/" in opened[0].body
    asked = [m for m in mail.outbox if "declare" in m.subject]
    assert [m.to for m in asked] == [[involved.email]]
    assert asked[0].subject == f"[AMBER] SSC vote: please declare any interest ({reference})"
    assert QUESTION not in asked[0].body


def test_a_vote_moved_to_a_meeting_tells_the_chair_the_secretariat_and_the_voters(
    ssc, proposer, secretariat, settings, django_capture_on_commit_callbacks
):
    submission = registered(proposer, secretariat, "GREEN")
    workflow.schedule_proposal(submission_id=submission.pk, user=secretariat)
    ballot = open_ballot(
        user=secretariat,
        committee=ssc["committee"],
        question=QUESTION,
        outcome_if_passed="PROGRESS",
        method=BallotMethod.CORRESPONDENCE,
        submission=submission,
        closes_at=timezone.now() + datetime.timedelta(days=5),
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        ask_for_meeting(ballot_id=ballot.pk, user=ssc["members"][1], reason="Needs discussion")

    assert addresses() == sorted(
        [settings.SECRETARIAT_EMAIL, *emails(ssc["chair"], *ssc["members"])]
    )
    message = mail.outbox[0]
    assert message.subject == (
        f"[GREEN] SSC vote by correspondence moved to a meeting: {submission.reference}"
    )
    assert f"{ssc['members'][1].full_name} asked for" in message.body
    assert "Reason given: Needs discussion" in message.body


def test_a_referral_paper_tells_the_other_committee_with_the_due_date(
    ssc, proposer, secretariat, django_capture_on_commit_callbacks
):
    tabasc, tabasc_chair, tabasc_members = ssc_with_members(2, code="TABASC")
    create_meeting(user=secretariat, committee=tabasc, number=45, date=future(20))
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    due = future(30)
    referral = workflow.refer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        body="TABASC",
        question="AGREE whether there are any concerns.",
        due_on=due,
        mandatory=True,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        referral_paper(referral_id=referral.pk, user=secretariat)

    told = [tabasc_chair.person, *(m.person for m in tabasc_members)]
    assert addresses() == emails(*told)
    message = mail.outbox[0]
    assert message.subject == f"[AMBER] SSC referral to TABASC: {submission.reference}"
    assert f"The SSC asks for the response by {due:%-d %B %Y}." in message.body
    assert "concerns" not in message.body


def test_the_secretariat_can_send_the_pack_before_the_deadline_once(
    client, ssc, proposer, secretariat, django_capture_on_commit_callbacks
):
    paper = scheduled(proposer, secretariat, "AMBER")
    meeting = paper.agenda_item.meeting
    issue_paper(paper_id=paper.pk, user=secretariat)
    url = reverse("assessments:pack-issue", args=[meeting.pk])
    client.force_login(ssc["members"][0])
    assert client.post(url).status_code == 404
    client.force_login(secretariat)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    assert "The issued papers have been sent to the members." in response.text
    assert "The issued papers were sent to members on" in response.text
    assert addresses() == emails(ssc["chair"], *ssc["members"], ssc["observer"])
    again = client.post(url, follow=True)
    assert "were already sent to members" in again.text
    assert issue_due_packs(paper_deadline(meeting)) == []


def test_a_vote_reminder_carries_its_level_and_reaches_only_the_named_on_red(
    ssc, proposer, secretariat
):
    from assessments.services.ballots import remind_voters

    paper = scheduled(proposer, secretariat, "RED")
    set_invitees(user=secretariat, item_id=paper.agenda_item_id, people=[ssc["members"][0].pk])
    open_ballot(
        user=secretariat,
        committee=ssc["committee"],
        question=QUESTION,
        outcome_if_passed="PROGRESS",
        method=BallotMethod.CORRESPONDENCE,
        agenda_item=paper.agenda_item,
        closes_at=timezone.now() + datetime.timedelta(hours=20),
    )
    mail.outbox.clear()

    assert remind_voters() == 1

    [reminder] = mail.outbox
    assert reminder.to == [ssc["members"][0].email]
    assert reminder.subject == "[RED] Reminder: a SSC vote by correspondence closes soon"
    assert QUESTION not in reminder.body


def test_the_papers_of_a_held_meeting_are_not_sent_as_a_pack(client, ssc, proposer, secretariat):
    """Walking the demo: a held meeting offered "Send the issued papers to members now"."""
    from assessments.models import Meeting
    from assessments.services.packs import issue_pack

    paper = scheduled(proposer, secretariat, "AMBER")
    meeting = paper.agenda_item.meeting
    issue_paper(paper_id=paper.pk, user=secretariat)
    Meeting.objects.filter(pk=meeting.pk).update(status="HELD")
    client.force_login(secretariat)

    page = client.get(reverse("assessments:meeting-detail", args=[meeting.pk]))

    assert "Send the issued papers to members now" not in page.text
    with pytest.raises(ActionRefused, match="papers are sent to members before a planned meeting"):
        issue_pack(meeting_id=meeting.pk, user=secretariat)
