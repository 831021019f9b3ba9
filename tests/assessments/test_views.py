import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.enums import AttendanceStatus
from assessments.models import Decision, Meeting, Paper, Vote
from assessments.services.ballots import open_ballot
from assessments.services.meetings import create_meeting, record_attendance
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import proposal_in_state
from triage_portal.accounts.enums import Role
from usecases.enums import SubmissionState as S

pytestmark = pytest.mark.django_db


def the_day_comes(meeting) -> None:
    """Move the meeting to today: votes and decisions on it are taken on or after its date."""
    Meeting.objects.filter(pk=meeting.pk).update(date=timezone.localdate())
    meeting.refresh_from_db()


@pytest.fixture
def setting(secretariat, proposer):
    ssc, chair, members = ssc_with_members(4)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
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
        "meeting": meeting,
        "paper": paper,
    }


def test_member_votes_through_confirmation_and_receipt(client, setting, secretariat):
    the_day_comes(setting["meeting"])
    ballot = open_ballot(
        user=secretariat,
        committee=setting["ssc"],
        question="Progress?",
        outcome_if_passed="PROGRESS",
        agenda_item=setting["paper"].agenda_item,
    )
    member = setting["members"][1]
    client.force_login(member)
    url = reverse("assessments:ballot-vote", args=[ballot.pk])

    confirm = client.post(url, {"choice": "FOR", "reason": "Clear need"})
    assert "Check your vote" in confirm.text and not Vote.objects.exists()
    receipt = client.post(url, {"choice": "FOR", "reason": "Clear need", "confirmed": "yes"})

    assert "Vote cast" in receipt.text
    assert Vote.objects.get().choice == "FOR"
    page = client.get(reverse("assessments:ballot-detail", args=[ballot.pk]))
    assert "Results are shown when the vote closes" in page.text
    assert "For 1" not in page.text


def test_chair_sees_live_quorum_and_closes(client, setting, secretariat):
    the_day_comes(setting["meeting"])
    ballot = open_ballot(
        user=secretariat,
        committee=setting["ssc"],
        question="Progress?",
        outcome_if_passed="PROGRESS",
        agenda_item=setting["paper"].agenda_item,
    )
    client.force_login(setting["chair"])

    page = client.get(reverse("assessments:ballot-detail", args=[ballot.pk]))
    assert "Quorate" in page.text and "4 of 4 eligible members present; 2 needed" in page.text
    warning = client.post(reverse("assessments:ballot-close", args=[ballot.pk]))
    assert "Close the vote before everyone has voted?" in warning.text
    assert sorted(s.membership.person.pk for s in warning.context["yet_to_vote"]) == sorted(
        m.pk for m in setting["members"]
    )
    assert not Decision.objects.exists()
    client.post(reverse("assessments:ballot-close", args=[ballot.pk]), {"confirmed": "yes"})

    decision = Decision.objects.get()
    closed = client.get(reverse("assessments:ballot-detail", args=[ballot.pk]))
    assert decision.reference in closed.text


def test_secretariat_issues_paper_from_page(client, setting, secretariat):
    client.force_login(secretariat)

    client.post(reverse("assessments:paper-issue", args=[setting["paper"].pk]))

    assert Paper.objects.get(pk=setting["paper"].pk).reference.startswith("SSC_95_")


def test_pages_render_for_committee_member(client, setting):
    client.force_login(setting["members"][0])

    for url in (
        reverse("assessments:meeting-list"),
        reverse("assessments:meeting-detail", args=[setting["meeting"].pk]),
        reverse("assessments:next-meeting"),
        reverse("assessments:decision-log"),
        reverse("assessments:action-log"),
        reverse("assessments:meeting-minutes", args=[setting["meeting"].pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_draft_paper_is_not_visible_to_members_and_proposers(client, setting, proposer):
    for user in (setting["members"][0], proposer, UserFactory(role=Role.OBSERVER)):
        client.force_login(user)
        assert (
            client.get(reverse("assessments:paper-detail", args=[setting["paper"].pk])).status_code
            == 404
        )


def test_issued_amber_paper_visible_to_members_not_to_other_proposers(
    client, setting, secretariat, other_proposer, proposer
):
    issue_paper(paper_id=setting["paper"].pk, user=secretariat)
    url = reverse("assessments:paper-detail", args=[setting["paper"].pk])

    client.force_login(setting["members"][0])
    assert client.get(url).status_code == 200
    client.force_login(proposer)
    assert client.get(url).status_code == 200
    client.force_login(other_proposer)
    assert client.get(url).status_code == 404


def test_decision_log_csv_escapes_formulas(client, setting, secretariat):
    from assessments.services.decisions import record_consensus_decision

    the_day_comes(setting["meeting"])
    record_consensus_decision(
        user=secretariat,
        committee=setting["ssc"],
        meeting=setting["meeting"],
        outcome="NOTED",
        resolution='=HYPERLINK("x")',
    )
    client.force_login(secretariat)

    response = client.get(reverse("assessments:decision-log") + "?format=csv")

    assert response["Content-Disposition"] == 'attachment; filename="decision-log.csv"'
    assert "'=HYPERLINK" in b"".join(response.streaming_content).decode()


def test_minutes_drafted_from_record_and_approved_at_later_meeting(client, setting, secretariat):
    # The minutes of the meeting a fortnight ago are approved at today's (meeting 95).
    the_day_comes(setting["meeting"])
    earlier = create_meeting(
        user=secretariat,
        committee=setting["ssc"],
        number=94,
        date=setting["meeting"].date - datetime.timedelta(days=14),
    )
    later = setting["meeting"]
    client.force_login(secretariat)
    url = reverse("assessments:meeting-minutes", args=[earlier.pk])

    client.post(url, {"action": "draft"})
    page = client.get(url)
    assert "Attendees" in page.text and "2. Declarations of interest" in page.text
    client.post(url, {"action": "approve", "at_meeting": later.pk})

    earlier.refresh_from_db()
    assert earlier.minutes.approved_at_meeting == later


def test_secretariat_configures_committee_rules_in_the_admin(client):
    from django.core.management import call_command

    from triage_portal.accounts.models import User

    call_command("seed_demo", "--quiet")
    office = User.objects.get(email="secretariat@demo.example.com")
    client.force_login(office)

    for url in (
        "/admin/assessments/committee/",
        "/admin/assessments/membership/",
        "/admin/usecases/bankholiday/",
        "/admin/notices/emailtemplate/",
        "/admin/accounts/organisation/",
    ):
        assert client.get(url).status_code == 200, url
    ssc = client.get("/admin/assessments/committee/").content.decode()
    assert "TABASC" in ssc
    assert not office.is_superuser


@pytest.mark.parametrize("extra", [0, 5])
def test_the_attendance_table_shows_each_person_without_a_query_a_row(
    client, setting, secretariat, extra, django_assert_max_num_queries
):
    meeting, member = setting["meeting"], setting["members"][0]
    alternate = UserFactory(role=Role.SSC_MEMBER, full_name="Alex Alternate")
    record_attendance(
        user=secretariat,
        meeting=meeting,
        person=member,
        status=AttendanceStatus.REPRESENTED,
        represented_by=alternate,
    )
    for _ in range(extra):
        record_attendance(
            user=secretariat,
            meeting=meeting,
            person=UserFactory(role=Role.SSC_MEMBER),
            status=AttendanceStatus.APOLOGIES,
        )
    client.force_login(setting["members"][1])
    url = reverse("assessments:meeting-detail", args=[meeting.pk])
    client.get(url)

    with django_assert_max_num_queries(14):
        page = client.get(url).text

    row = page[page.index(member.full_name) :].split("</tr>")[0]
    assert member.organisation.name in row
    assert "Represented" in row and "(Alex Alternate)" in row


def test_the_agenda_reads_the_columns_it_shows_not_the_papers_and_proposals_text(
    client, setting, secretariat
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    paper = setting["paper"]
    issue_paper(paper_id=paper.pk, user=secretariat, confirm_late=True)
    open_ballot(
        user=secretariat,
        committee=setting["ssc"],
        question="Progress the use case?",
        outcome_if_passed="NOTED",
        agenda_item=paper.agenda_item,
    )
    client.force_login(setting["members"][0])
    url = reverse("assessments:meeting-detail", args=[setting["meeting"].pk])

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).text

    sql = " ".join(query["sql"] for query in queries)
    assert '"q1_issue"' not in sql and '"purpose"' not in sql and '"outcome_if_passed"' not in sql
    submission = paper.agenda_item.submission
    assert Paper.objects.get(pk=paper.pk).reference in page and submission.reference in page
    assert "Progress the use case?" in page and "Minutes (not yet drafted)" in page
    assert "Record attendance" not in page


def test_the_minutes_page_offers_only_later_meetings_that_have_taken_place(
    client, setting, secretariat
):
    earlier = create_meeting(
        user=secretariat,
        committee=setting["ssc"],
        number=94,
        date=timezone.localdate() - datetime.timedelta(days=14),
    )
    held = create_meeting(
        user=secretariat, committee=setting["ssc"], number=96, date=timezone.localdate()
    )
    client.force_login(secretariat)

    page = client.get(reverse("assessments:meeting-minutes", args=[earlier.pk]))

    assert list(page.context["later"]) == [held]
