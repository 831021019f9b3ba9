"""Minutes item by item: discussion, decisions stated once with their tally, actions with owner
and due date, carried forward to the next meeting; the PDF in the papers' house style; the
decision letter's reasons."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.models import Action, Decision, ItemMinutes, Meeting, Minutes
from assessments.services.ballots import cast_vote, open_ballot
from assessments.services.decisions import close_ballot
from assessments.services.meetings import add_business_item, create_meeting, record_attendance
from assessments.services.minutes import (
    add_action,
    approve_minutes,
    draft_minutes,
    record_item_discussion,
    set_action_status,
)
from assessments.services.papers import schedule_on_meeting
from tests.factories.closed_session import closed_session
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from triage_portal.audit.models import ActivityLog
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db

REASONS = "The Use Case re-uses devices the triage arrangements already assure."


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def held(secretariat, proposer):
    """SSC 95, today, everyone present; a proposal on item 4 progressed by a vote with reasons;
    SSC 94, four weeks ago, with one action."""
    ssc, chair, members = ssc_with_members(3)
    today = timezone.localdate()
    earlier = create_meeting(
        user=secretariat, committee=ssc, number=94, date=today + datetime.timedelta(days=1)
    )
    Meeting.objects.filter(pk=earlier.pk).update(date=today - datetime.timedelta(days=28))
    earlier.refresh_from_db()
    earlier_action = add_action(
        user=secretariat,
        meeting=earlier,
        agenda_item=earlier.items.get(number=1),
        description="Circulate the checklist.",
        owner="SECAS",
    )
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=today)
    for membership in [chair, *members]:
        record_attendance(
            user=secretariat, meeting=meeting, person=membership.person, status="PRESENT"
        )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    item = schedule_on_meeting(
        submission_id=submission.pk, user=secretariat, meeting=meeting
    ).agenda_item
    ballot = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Progress the Use Case to assessment?",
        outcome_if_passed="PROGRESS",
        agenda_item=item,
    )
    for membership, choice in zip(members, ("FOR", "FOR", "AGAINST"), strict=True):
        cast_vote(ballot_id=ballot.pk, user=membership.person, choice=choice)
    decision = close_ballot(ballot_id=ballot.pk, user=chair.person, reasons=REASONS)
    return {
        "committee": ssc,
        "earlier": earlier,
        "earlier_action": earlier_action,
        "meeting": meeting,
        "item": item,
        "submission": submission,
        "decision": decision,
        "chair": chair.person,
        "member": members[0].person,
    }


def minuted(held, secretariat):
    """Draft the minutes of SSC 95, write up the proposal's item, and capture an action on it."""
    draft_minutes(meeting_id=held["meeting"].pk, user=secretariat)
    record_item_discussion(
        item_id=held["item"].pk, user=secretariat, discussion="The proposer presented it."
    )
    return add_action(
        user=secretariat,
        meeting=held["meeting"],
        agenda_item=held["item"],
        description="Write to the proposer.",
        owner="SECAS",
        due_on=datetime.date(2027, 1, 8),
    )


def test_closing_a_vote_states_the_decision_and_records_its_reasons(held):
    decision, submission = held["decision"], held["submission"]

    assert decision.resolution == (
        f"The SSC AGREED to progress {submission.reference} ‘{submission.title}’ to assessment."
    )
    assert decision.reasons == REASONS
    assert ActivityLog.objects.filter(action="assessments.ballot.closed").get().data["reasons"] == (
        REASONS
    )


def test_the_close_form_sends_the_reasons_with_the_vote(client, secretariat, proposer):
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=timezone.localdate())
    for membership in [chair, *members]:
        record_attendance(
            user=secretariat, meeting=meeting, person=membership.person, status="PRESENT"
        )
    ballot = open_ballot(
        user=secretariat,
        committee=ssc,
        question="Note the audit report?",
        outcome_if_passed="NOTED",
        agenda_item=meeting.items.get(number=1),
    )
    for membership in members:
        cast_vote(ballot_id=ballot.pk, user=membership.person, choice="FOR")
    client.force_login(chair.person)

    page = client.get(reverse("assessments:ballot-detail", args=[ballot.pk]))
    client.post(reverse("assessments:ballot-close", args=[ballot.pk]), {"reasons": "  Sound.  "})

    assert 'name="reasons"' in page.text
    assert (Decision.objects.get().resolution, Decision.objects.get().reasons) == (
        "The SSC AGREED to note the audit report.",
        "Sound.",
    )


def test_the_consensus_form_records_the_reasons(client, held, secretariat):
    client.force_login(secretariat)
    item = held["meeting"].items.get(number=1)

    client.post(
        reverse("assessments:decision-record", args=[item.pk]),
        {
            "outcome": "NOTED",
            "resolution": "The SSC NOTED the action log.",
            "reasons": "Every action is in hand.",
        },
    )

    decision = Decision.objects.get(resolution="The SSC NOTED the action log.")
    assert (decision.reference, decision.reasons) == ("SSC95/D02", "Every action is in hand.")


def test_an_item_discussion_is_logged_and_refused_once_the_minutes_are_approved(held, secretariat):
    minuted(held, secretariat)
    record_item_discussion(
        item_id=held["item"].pk, user=secretariat, discussion="  Members asked questions.  "
    )
    later = create_meeting(
        user=secretariat,
        committee=held["committee"],
        number=96,
        date=timezone.localdate() + datetime.timedelta(days=1),
    )
    Meeting.objects.filter(pk=held["meeting"].pk).update(
        date=timezone.localdate() - datetime.timedelta(days=1)
    )
    Meeting.objects.filter(pk=later.pk).update(date=timezone.localdate())
    later.refresh_from_db()
    held["meeting"].refresh_from_db()
    approve_minutes(minutes_id=held["meeting"].minutes.pk, user=secretariat, at_meeting=later)

    with pytest.raises(ActionRefused) as refused:
        record_item_discussion(item_id=held["item"].pk, user=secretariat, discussion="Changed.")
    with pytest.raises(ActionRefused) as no_action:
        add_action(
            user=secretariat,
            meeting=held["meeting"],
            agenda_item=held["item"],
            description="Late action.",
            owner="SECAS",
        )

    record = ItemMinutes.objects.get(agenda_item=held["item"])
    assert record.discussion == "Members asked questions."
    assert ActivityLog.objects.filter(action="assessments.minutes.item_discussed").order_by(
        "pk"
    ).last().data["changes"] == {
        "discussion": {"old": "The proposer presented it.", "new": "Members asked questions."}
    }
    assert str(refused.value) == (
        f"The minutes of {held['meeting']} are approved and can no longer be changed."
    )
    assert str(no_action.value) == (
        f"The minutes of {held['meeting']} are approved: record the action at a later meeting."
    )


def test_an_action_is_captured_on_an_item_of_its_own_meeting_only(held, secretariat):
    with pytest.raises(ActionRefused) as refused:
        add_action(
            user=secretariat,
            meeting=held["meeting"],
            agenda_item=held["earlier"].items.get(number=1),
            description="Misplaced.",
            owner="SECAS",
        )

    assert str(refused.value) == f"Item 01 is not on the agenda of {held['meeting']}."


def test_closing_an_action_stamps_when_and_reopening_clears_it(held, secretariat):
    action = held["earlier_action"]

    closed = set_action_status(action_id=action.pk, user=secretariat, status="CLOSED")
    stamped = closed.closed_at
    superseded = set_action_status(action_id=action.pk, user=secretariat, status="SUPERSEDED")
    reopened = set_action_status(action_id=action.pk, user=secretariat, status="OPEN")

    assert stamped is not None and superseded.closed_at == stamped
    assert (reopened.status, reopened.closed_at) == ("OPEN", None)


def test_the_minutes_page_gives_each_item_its_discussion_decision_tally_once_and_actions(
    client, held, secretariat
):
    minuted(held, secretariat)
    client.force_login(held["member"])

    page = client.get(reverse("assessments:meeting-minutes", args=[held["meeting"].pk]))

    record = next(r for r in page.context["shown"].items if r.item.pk == held["item"].pk)
    assert record.discussion == "The proposer presented it."
    assert [(d.reference, d.statement, d.tally) for d in record.decisions] == [
        ("SSC95/D01", held["decision"].resolution, "For 2, Against 1, Abstain 0 (passed).")
    ]
    assert [(a.reference, a.owner, a.due_on) for a in record.actions] == [
        ("SSC95/01", "SECAS", datetime.date(2027, 1, 8))
    ]
    assert page.text.count("For 2, Against 1") == 1
    assert "Write up" not in page.text  # a member reads; the secretariat writes


def test_the_next_meetings_minutes_item_lists_the_actions_carried_forward(
    client, held, secretariat
):
    minuted(held, secretariat)
    done = add_action(
        user=secretariat,
        meeting=held["earlier"],
        description="Book the room.",
        owner="SECAS",
    )
    set_action_status(action_id=done.pk, user=secretariat, status="CLOSED")
    Meeting.objects.filter(pk=done.meeting_id).update(date=held["earlier"].date)
    client.force_login(secretariat)

    page = client.get(reverse("assessments:meeting-minutes", args=[held["meeting"].pk]))

    minutes_item = page.context["shown"].items[0]
    # Closed today, on SSC 95's day: still reviewed at it, shown as closed.
    assert [(a.reference, a.status) for a in minutes_item.carried_forward] == [
        ("SSC94/01", "Open"),
        ("SSC94/02", "Closed"),
    ]
    assert "Actions carried forward" in page.text


def test_the_minutes_item_page_keeps_what_was_typed_when_the_owner_is_missing(
    client, held, secretariat
):
    draft_minutes(meeting_id=held["meeting"].pk, user=secretariat)
    client.force_login(secretariat)
    url = reverse("assessments:minutes-item", args=[held["meeting"].pk, held["item"].pk])

    refused = client.post(
        url, {"action": "add-action", "action-description": "Write to the proposer."}
    )
    added = client.post(
        url,
        {
            "action": "add-action",
            "action-description": "Write to the proposer.",
            "action-owner": "SECAS",
            "action-due_on": "8 1 2027",
        },
    )

    assert refused.status_code == 200
    assert "There is a problem" in refused.text and "Enter the owner" in refused.text
    assert refused.context["action_form"]["description"].value() == "Write to the proposer."
    assert ">\nWrite to the proposer.</textarea>" in refused.text
    assert added.status_code == 302
    assert list(
        Action.objects.filter(meeting=held["meeting"]).values_list(
            "reference", "agenda_item", "owner", "due_on"
        )
    ) == [("SSC95/01", held["item"].pk, "SECAS", datetime.date(2027, 1, 8))]


def test_the_minutes_item_page_closes_a_carried_forward_action(client, held, secretariat):
    client.force_login(secretariat)
    url = reverse(
        "assessments:minutes-item",
        args=[held["meeting"].pk, held["meeting"].items.get(number=1).pk],
    )

    page = client.get(url)
    client.post(
        url, {"action": "status", "action_id": held["earlier_action"].pk, "status": "CLOSED"}
    )

    assert "SSC94/01" in page.text
    assert Action.objects.get(pk=held["earlier_action"].pk).status == "CLOSED"


def test_members_cannot_write_up_an_item(client, held):
    client.force_login(held["member"])
    url = reverse("assessments:minutes-item", args=[held["meeting"].pk, held["item"].pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "discussion", "minute-discussion": "x"}).status_code == 404


def test_the_minutes_pdf_is_marked_referenced_and_numbered_like_a_paper(client, held, secretariat):
    minuted(held, secretariat)
    client.force_login(held["member"])

    text = text_of(
        client.get(reverse("assessments:minutes-pdf", args=[held["meeting"].pk])).content
    )

    reference = f"SSC_95_{held['meeting'].date:%d%m}_MINUTES"
    assert f"Reference: {reference} Status: DRAFT – not yet approved" in text
    assert "This document has a Classification of Amber" in text
    assert f"{reference} · Minutes Page 1 of 2 AMBER" in text
    assert held["decision"].resolution in text
    assert text.count("For 2, Against 1, Abstain 0 (passed).") == 1
    assert "ACTION SSC95/01 Write to the proposer. Owner: SECAS, by 8 January 2027" in text
    assert "Summary of actions" in text


def test_the_decision_letter_gives_the_reasons_not_the_resolution_again(client, held, proposer):
    client.force_login(proposer)

    text = text_of(
        client.get(reverse("assessments:decision-letter", args=[held["decision"].pk])).content
    )

    assert f"Reasons {REASONS} Next steps" in text
    assert text.count(held["decision"].resolution) == 1
    assert text.count("For 2, Against 1") == 1


def test_actions_on_a_red_item_are_for_those_named_on_it(client, secretariat, proposer):
    session = closed_session(secretariat, proposer)
    add_action(
        user=secretariat,
        meeting=session.meeting,
        agenda_item=session.red_item,
        description="Brief the ZEPHYR facility.",
        owner="NCSC",
    )
    draft_minutes(meeting_id=session.meeting.pk, user=secretariat)
    pages = {}
    for role in ("present", "invited"):
        client.force_login(session.people[role])
        pages[role] = (
            client.get(reverse("assessments:action-log")).text,
            client.get(reverse("assessments:meeting-minutes", args=[session.meeting.pk])).text,
            text_of(
                client.get(reverse("assessments:minutes-pdf", args=[session.meeting.pk])).content
            ),
        )

    assert ["ZEPHYR" in text for text in pages["present"]] == [False, False, False]
    assert ["Brief the ZEPHYR facility." in text for text in pages["invited"]] == [True] * 3


def test_the_minutes_page_asks_the_same_queries_however_many_items_are_written_up(
    client, held, secretariat
):
    minuted(held, secretariat)
    client.force_login(held["member"])
    url = reverse("assessments:meeting-minutes", args=[held["meeting"].pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get(url)  # seats and kept pages warmed, as on any later request
    few = queries()
    for n in range(3):
        item = add_business_item(
            user=secretariat, meeting=held["meeting"], title=f"Item {n}", classification="AMBER"
        )
        record_item_discussion(item_id=item.pk, user=secretariat, discussion=f"Discussed {n}.")
        add_action(
            user=secretariat,
            meeting=held["meeting"],
            agenda_item=item,
            description=f"Action {n}.",
            owner="SECAS",
        )
    client.get(url)
    many = queries()

    assert many == few


def test_minutes_are_draft_until_approved_and_their_status_moves_only_by_approval(
    held, secretariat
):
    minuted(held, secretariat)
    Meeting.objects.filter(pk=held["meeting"].pk).update(
        date=timezone.localdate() - datetime.timedelta(days=1)
    )
    later = create_meeting(
        user=secretariat, committee=held["committee"], number=96, date=timezone.localdate()
    )
    minutes = Minutes.objects.get(meeting=held["meeting"])
    assert minutes.status == "DRAFT"
    with pytest.raises(AttributeError, match="Direct status modification is not allowed"):
        minutes.status = "APPROVED"

    approve_minutes(minutes_id=minutes.pk, user=secretariat, at_meeting=later)

    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_at_meeting) == ("APPROVED", later)
    assert ActivityLog.objects.get(action="assessments.minutes.approved").data == {
        "at_meeting": str(later),
        "previous": "DRAFT",
    }
    with pytest.raises(ActionRefused, match="^These minutes are already approved.$"):
        approve_minutes(minutes_id=minutes.pk, user=secretariat, at_meeting=later)
