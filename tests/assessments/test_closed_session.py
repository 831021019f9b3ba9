"""RED business is for the secretariat and the people named on the item's invitation who hold a
current, vetted seat (domain.md §5; issue 18): attendance is not an invitation, and a RED item's
decisions are withheld like its paper and its vote."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.models import AgendaItem, Minutes
from assessments.selectors import (
    ballots_visible_to,
    decisions_visible_to,
    papers_visible_to,
)
from assessments.services.minutes import draft_minutes, record_item_discussion
from assessments.services.papers import schedule_on_meeting
from tests.factories.closed_session import RED_WORDS, closed_session, lapse_vetting
from tests.factories.states import proposal_in_state
from triage_portal.classification import RESTRICTED
from usecases import workflow

pytestmark = pytest.mark.django_db

NOT_NAMED = ("present", "apologies", "represented", "alternate", "chair")
NAMED_BUT_UNSEATED = ("lapsed", "term_over")


@pytest.fixture
def session(secretariat, proposer):
    return closed_session(secretariat, proposer)


def text_of(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/pdf"):
        return " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
        )
    return data.decode()


def red_words_in(text: str) -> list[str]:
    return [word for word in RED_WORDS if word in text]


@pytest.mark.parametrize("role", [*NOT_NAMED, *NAMED_BUT_UNSEATED])
def test_red_paper_and_vote_are_refused_to_those_not_named_and_seated(client, session, role):
    client.force_login(session.people[role])

    paper = client.get(reverse("assessments:paper-detail", args=[session.red_paper.pk]))
    pdf = client.get(reverse("assessments:paper-pdf", args=[session.red_paper.pk]))
    vote = client.get(reverse("assessments:ballot-detail", args=[session.red_vote.pk]))

    assert (paper.status_code, pdf.status_code, vote.status_code) == (404, 404, 404)


@pytest.mark.parametrize("role", ["invited", "observer", "secretariat"])
def test_red_paper_and_vote_are_open_to_the_named_and_seated(client, session, role):
    client.force_login(session.people[role])

    paper = client.get(reverse("assessments:paper-detail", args=[session.red_paper.pk]))
    vote = client.get(reverse("assessments:ballot-detail", args=[session.red_vote.pk]))

    assert (paper.status_code, vote.status_code) == (200, 200)
    assert "ZEPHYR" in paper.text and "QUASAR" in vote.text


def test_selectors_give_red_business_to_the_named_and_seated_alone(session):
    red_paper, red_vote = session.red_paper.pk, session.red_vote.pk
    readers = {
        role: (
            papers_visible_to(person).filter(pk=red_paper).exists(),
            ballots_visible_to(person).filter(pk=red_vote).exists(),
            decisions_visible_to(person).filter(pk=session.red_decision.pk).exists(),
            decisions_visible_to(person).filter(pk=session.red_decision_without_item.pk).exists(),
            decisions_visible_to(person).filter(pk=session.amber_decision.pk).exists(),
        )
        for role, person in session.people.items()
    }

    assert readers == {
        "invited": (True, True, True, False, True),
        "observer": (True, True, True, False, True),
        "present": (False, False, False, False, True),
        "apologies": (False, False, False, False, True),
        "represented": (False, False, False, False, True),
        "alternate": (False, False, False, False, True),
        "lapsed": (False, False, False, False, False),
        "term_over": (False, False, False, False, False),
        "chair": (False, False, False, False, True),
        "secretariat": (True, True, True, True, True),
    }


def test_a_lapsed_vetting_is_not_served_from_what_was_kept(client, session):
    """The seats are kept until a change, and for the day: the day a vetting lapses, the
    invited member's next request finds the RED paper gone."""
    invited = session.people["invited"]
    client.force_login(invited)
    url = reverse("assessments:paper-detail", args=[session.red_paper.pk])
    assert client.get(url).status_code == 200

    lapse_vetting(invited)

    assert client.get(url).status_code == 404


def test_a_vetting_that_expires_tonight_closes_red_tomorrow(client, session, monkeypatch):
    today = timezone.localdate()
    invited = session.people["invited"]
    invited.memberships.update(vetting_expires_on=today)
    lapse_at_midnight = [today, today + datetime.timedelta(days=1)]
    client.force_login(invited)
    url = reverse("assessments:paper-detail", args=[session.red_paper.pk])
    monkeypatch.setattr(timezone, "localdate", lambda *args: lapse_at_midnight[0])
    assert client.get(url).status_code == 200

    lapse_at_midnight.pop(0)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["present", "chair", "alternate"])
def test_decision_log_lists_a_withheld_red_decision_by_reference_alone(client, session, role):
    client.force_login(session.people[role])

    page = client.get(reverse("assessments:decision-log"))

    assert red_words_in(page.text) == []
    assert session.red_decision.reference in page.text
    assert RESTRICTED in page.text
    assert "MERIDIAN" in page.text


def test_decision_log_shows_the_named_member_the_red_resolution(client, session):
    client.force_login(session.people["invited"])

    page = client.get(reverse("assessments:decision-log"))

    assert "NEBULA" in page.text and "MERIDIAN" in page.text
    assert "PULSAR" not in page.text  # no item to be named on: the secretariat's alone


def test_decision_log_csv_withholds_the_red_decision(client, session):
    client.force_login(session.people["present"])

    rows = text_of(client.get(reverse("assessments:decision-log"), {"format": "csv"}))

    lines = {line.split(",")[0]: line for line in rows.splitlines()[1:]}
    date = session.red_decision.decided_at.date().isoformat()
    assert lines[session.red_decision.reference] == (
        f"{session.red_decision.reference},SSC,{date},Vote in the meeting,,,,,,{RESTRICTED}"
    )
    assert red_words_in(rows) == []
    assert "MERIDIAN" in lines[session.amber_decision.reference]


def test_minutes_page_and_pdf_withhold_red_decisions(client, session, secretariat):
    draft_minutes(meeting_id=session.meeting.pk, user=secretariat)
    record_item_discussion(
        item_id=session.red_item.pk, user=secretariat, discussion="Members weighed the ZEPHYR risk."
    )
    client.force_login(session.people["present"])

    page = client.get(reverse("assessments:meeting-minutes", args=[session.meeting.pk]))
    pdf = text_of(client.get(reverse("assessments:minutes-pdf", args=[session.meeting.pk])))

    assert red_words_in(page.text) == [] and red_words_in(pdf) == []
    assert "MERIDIAN" in page.text and "MERIDIAN" in pdf
    red = [r for r in page.context["shown"].items if r.item.pk == session.red_item.pk]
    assert [(r.withheld, r.title, r.discussion, r.decisions) for r in red] == [
        (True, RESTRICTED, "", [])
    ]
    assert session.red_decision.reference not in page.text  # withheld with its item
    assert "AMBER" in pdf and "RED" not in pdf


def test_minutes_show_the_named_member_the_closed_session_beside_the_text(
    client, session, secretariat
):
    draft_minutes(meeting_id=session.meeting.pk, user=secretariat)
    client.force_login(session.people["invited"])

    page = client.get(reverse("assessments:meeting-minutes", args=[session.meeting.pk]))
    pdf = text_of(client.get(reverse("assessments:minutes-pdf", args=[session.meeting.pk])))

    red = [r for r in page.context["shown"].items if r.item.pk == session.red_item.pk]
    assert [[d.reference for d in r.decisions] for r in red] == [[session.red_decision.reference]]
    for text in (page.text, pdf):
        assert f"{session.red_item.number}. {session.red_item.title}" in text
        assert "NEBULA" in text
        assert "PULSAR" not in text
    assert "RED" in pdf  # marked as the strictest thing it shows


def test_minutes_drafted_before_an_item_was_raised_to_red_are_redacted(
    client, session, secretariat
):
    AgendaItem.objects.filter(pk=session.amber_decision.ballot.agenda_item_id).update(
        classification="RED", session="CLOSED"
    )
    draft_minutes(meeting_id=session.meeting.pk, user=secretariat)
    minutes = Minutes.objects.get(meeting=session.meeting)
    Minutes.objects.filter(pk=minutes.pk).update(
        body=minutes.body + "\nAmber business: Note the MERIDIAN report?\n"
    )
    client.force_login(session.people["present"])

    page = client.get(reverse("assessments:meeting-minutes", args=[session.meeting.pk]))

    assert "MERIDIAN" not in page.text and "Amber business" not in page.text
    assert f"{RESTRICTED}: {RESTRICTED}" in page.text


def test_meeting_page_names_a_red_item_only_to_those_named(client, session):
    url = reverse("assessments:meeting-detail", args=[session.meeting.pk])
    client.force_login(session.people["present"])
    present = client.get(url).text
    client.force_login(session.people["invited"])
    invited = client.get(url).text

    assert red_words_in(present) == [] and session.red_item.title not in present
    closed = present[present.index('id="closed-session"') :]
    assert f'<span class="govuk-hint">{RESTRICTED}</span>' in closed
    assert session.red_item.title in invited and "QUASAR" in invited
    assert "Who is invited" not in invited


@pytest.mark.parametrize("url_name", ["home", "assessments:next-meeting"])
def test_member_home_pages_hold_no_red_vote_for_a_member_not_named(client, session, url_name):
    present = session.people["present"]
    # As if prompted to declare an interest when the vote opened (their organisation supports it).
    session.red_vote.conflicts.create(person=present, agenda_item=session.red_item, prompted=True)
    client.force_login(present)

    page = client.get(reverse(url_name))

    assert page.status_code == 200
    assert red_words_in(page.text) == []


def test_the_chair_cannot_open_a_vote_on_a_red_item_without_an_invitation(client, session):
    url = reverse("assessments:ballot-open", args=[session.red_item.pk])
    client.force_login(session.people["chair"])
    assert client.get(url).status_code == 404

    session.red_item.invitees.add(session.people["chair"])
    page = client.get(url)

    assert page.status_code == 200
    session.red_paper.refresh_from_db()  # issued after it was made: its reference is new
    reference = session.red_paper.reference  # the paper's reference, never the RED title
    assert reference.startswith("SSC_95_")
    assert page.context["form"].initial["question"] == (
        f"Progress the proposal {reference} to assessment?"
    )


def test_a_chair_without_a_current_seat_reads_the_log_with_red_withheld(client, session):
    chair = session.people["chair"]
    lapse_vetting(chair)
    client.force_login(chair)

    page = client.get(reverse("assessments:decision-log"))
    api_rows = client.get(reverse("api:decision-list")).json()["results"]

    assert page.status_code == 200
    assert red_words_in(page.text) == [] and "MERIDIAN" in page.text
    assert [row["reference"] for row in api_rows] == [session.amber_decision.reference]


def test_a_standard_title_an_open_item_shares_is_not_redacted(
    client, session, secretariat, proposer
):
    amber = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    item = schedule_on_meeting(
        submission_id=amber.pk, user=secretariat, meeting=session.meeting
    ).agenda_item
    draft_minutes(meeting_id=session.meeting.pk, user=secretariat)
    client.force_login(session.people["present"])

    page = client.get(reverse("assessments:meeting-minutes", args=[session.meeting.pk]))

    assert item.title == session.red_item.title == "Use Case for Device Refurbishment"
    assert f"{item.number}. Use Case for Device Refurbishment" in page.text
    assert f"{session.red_item.number}. {RESTRICTED}" in page.text


def test_the_vote_service_refuses_a_present_member_not_named_on_the_red_item(session):
    from assessments.services.ballots import cast_vote, declare_interest
    from usecases.errors import ActionRefused

    with pytest.raises(ActionRefused, match="closed-session business"):
        cast_vote(ballot_id=session.red_vote.pk, user=session.people["present"], choice="FOR")
    with pytest.raises(ActionRefused, match="closed-session business"):
        declare_interest(
            ballot_id=session.red_vote.pk, user=session.people["present"], has_interest=False
        )

    vote = cast_vote(ballot_id=session.red_vote.pk, user=session.people["invited"], choice="FOR")
    assert vote.choice == "FOR"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("invited", 200),
        ("observer", 200),
        ("present", 404),
        ("apologies", 404),
        ("represented", 404),
        ("alternate", 404),
        ("lapsed", 404),
        ("term_over", 404),
        ("chair", 404),
    ],
)
def test_the_red_proposal_page_follows_the_red_rule(client, session, role, status):
    client.force_login(session.people[role])

    response = client.get(f"/proposals/{session.red_item.submission_id}/")

    assert response.status_code == status


def test_raising_a_proposal_raises_its_issued_paper_and_item(client, secretariat, proposer):
    """Found by tests/rules: a WHITE paper kept naming a proposal raised to RED."""
    from assessments.services.meetings import create_meeting
    from assessments.services.papers import issue_paper, schedule_on_meeting
    from tests.factories.committee import ssc_with_members
    from tests.factories.people import UserFactory
    from triage_portal.audit.models import ActivityLog

    ssc, _, _ = ssc_with_members(2)
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=timezone.localdate())
    submission = proposal_in_state(
        "REGISTERED", proposer=proposer, secretariat=secretariat, use_case_title="ORION title"
    )
    workflow.change_classification(
        submission_id=submission.pk, user=secretariat, classification="WHITE", reason="public"
    )
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    issue_paper(paper_id=paper.pk, user=secretariat, confirm_late=True)
    outsider = UserFactory()
    client.force_login(outsider)
    assert "ORION" in client.get(f"/committees/papers/{paper.pk}/").text

    workflow.change_classification(
        submission_id=submission.pk, user=secretariat, classification="RED", reason=""
    )

    paper.refresh_from_db()
    item = paper.agenda_item
    assert (paper.classification, item.classification, item.session) == ("RED", "RED", "CLOSED")
    assert {a.classification for a in paper.annexes.filter(kind="PROPOSAL_FORM")} <= {"RED"}
    assert client.get(f"/committees/papers/{paper.pk}/").status_code == 404
    raised = ActivityLog.objects.get(action="assessments.paper.classification_raised")
    assert (raised.data["previous"], raised.data["new"]) == ("WHITE", "RED")


def test_the_red_paper_page_says_the_pdf_carries_the_readers_name(client, session):
    client.force_login(session.people["invited"])

    page = client.get(reverse("assessments:paper-detail", args=[session.red_paper.pk]))

    assert "Download the paper as PDF</button> (marked with your name)" in page.text


@pytest.mark.parametrize(("role", "says"), [("invited", True), ("present", False)])
def test_the_minutes_say_when_they_show_closed_session_business(
    client, session, secretariat, role, says
):
    draft_minutes(meeting_id=session.meeting.pk, user=secretariat)
    client.force_login(session.people[role])

    page = client.get(reverse("assessments:meeting-minutes", args=[session.meeting.pk]))

    assert page.context["shown"].shows_closed_session is says
    assert ("This copy shows closed-session business you are named on." in page.text) is says
