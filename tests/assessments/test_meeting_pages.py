"""The secretariat's meeting pages: create, attendance, the agenda, and no meeting to go to."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.enums import AttendanceStatus
from assessments.models import Attendance, Meeting
from assessments.services.meetings import create_meeting
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import committee, ssc_with_members
from tests.factories.people import UserFactory
from tests.factories.states import future, proposal_in_state
from triage_portal.accounts.enums import Role
from usecases import workflow
from usecases.enums import SubmissionState as S

pytestmark = pytest.mark.django_db

IN_20 = timezone.localdate() + datetime.timedelta(days=20)


def test_the_create_form_keeps_the_committee_after_an_error_and_creates_that_one(
    client, secretariat
):
    ssc_with_members(2)
    tabasc = committee("TABASC")
    client.force_login(secretariat)
    url = reverse("assessments:meeting-create")

    page = client.post(url, {"committee": "TABASC", "number": "45", "date": "31 2 2027"})

    assert page.status_code == 200
    assert '<option value="TABASC" selected>' in page.text
    assert 'value="45"' in page.text
    assert "Meeting date must be a real date, like 27 3 2027" in page.text
    assert not Meeting.objects.exists()

    client.post(url, {"committee": "TABASC", "number": "45", "date": IN_20.strftime("%d %m %Y")})

    assert list(Meeting.objects.values_list("committee__code", "number")) == [("TABASC", 45)]
    assert Meeting.objects.get().committee == tabasc


def test_the_create_form_is_prefilled_from_the_link_and_goes_back(client, secretariat):
    tabasc = committee("TABASC")
    create_meeting(user=secretariat, committee=tabasc, number=44, date=IN_20)
    client.force_login(secretariat)
    url = reverse("assessments:meeting-create")

    page = client.get(url, {"committee": "TABASC", "next": "/proposals/7/"})

    assert '<option value="TABASC" selected>' in page.text
    assert 'value="45"' in page.text  # the committee's next number
    done = client.post(
        url,
        {
            "committee": "TABASC",
            "number": "45",
            "date": IN_20.strftime("%d %m %Y"),
            "next": "/proposals/7/",
        },
    )
    assert done.status_code == 302 and done["Location"] == "/proposals/7/"


def test_the_create_form_ignores_a_next_page_on_another_site(client, secretariat):
    committee("SSC")
    client.force_login(secretariat)
    done = client.post(
        reverse("assessments:meeting-create"),
        {
            "committee": "SSC",
            "number": "95",
            "date": IN_20.strftime("%d %m %Y"),
            "next": "https://evil.example/",
        },
    )
    assert done["Location"] == reverse(
        "assessments:meeting-detail", args=[Meeting.objects.get().pk]
    )


def test_a_member_cannot_open_the_create_form(client):
    client.force_login(UserFactory(role=Role.SSC_MEMBER))
    assert client.get(reverse("assessments:meeting-create")).status_code == 404


@pytest.fixture
def sitting(secretariat):
    ssc, chair, members = ssc_with_members(2)
    alternate = UserFactory(full_name="Alex Alternate", role=Role.SSC_MEMBER)
    other = UserFactory(full_name="Olly Other", role=Role.SSC_MEMBER)
    members[1].alternate = other
    members[1].save(update_fields=["alternate"])
    members[0].alternate = alternate
    members[0].save(update_fields=["alternate"])
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=IN_20)
    return {"meeting": meeting, "chair": chair.person, "members": [m.person for m in members]}


def test_the_attendance_sheet_offers_each_member_only_their_own_alternate(
    client, secretariat, sitting
):
    first, second = sitting["members"]
    client.force_login(secretariat)

    page = client.get(reverse("assessments:meeting-attendance", args=[sitting["meeting"].pk])).text

    first_select = page[page.index(f'name="alternate_{first.pk}"') :].split("</select>")[0]
    assert "Alex Alternate" in first_select and "Olly Other" not in first_select
    chair_row = page[page.index(f'id="name-{sitting["chair"].pk}"') :].split("</tr>")[0]
    assert "No alternate registered" in chair_row and "Represented" not in chair_row


def test_attendance_for_everyone_is_saved_in_one_post(client, secretariat, sitting):
    first, second = sitting["members"]
    chair = sitting["chair"]
    client.force_login(secretariat)
    url = reverse("assessments:meeting-attendance", args=[sitting["meeting"].pk])
    alex = type(chair).objects.get(full_name="Alex Alternate")

    done = client.post(
        url,
        {
            f"status_{chair.pk}": "PRESENT",
            f"status_{first.pk}": "REPRESENTED",
            f"alternate_{first.pk}": str(alex.pk),
            f"status_{second.pk}": "ABSENT",
            f"alternate_{second.pk}": "",
        },
    )

    assert done.status_code == 302
    assert dict(
        Attendance.objects.filter(meeting=sitting["meeting"]).values_list("person", "status")
    ) == {
        chair.pk: AttendanceStatus.PRESENT,
        first.pk: AttendanceStatus.REPRESENTED,
        second.pk: AttendanceStatus.ABSENT,
    }


def test_represented_without_an_alternate_comes_back_with_every_answer(
    client, secretariat, sitting
):
    first, second = sitting["members"]
    chair = sitting["chair"]
    client.force_login(secretariat)
    url = reverse("assessments:meeting-attendance", args=[sitting["meeting"].pk])

    page = client.post(
        url,
        {
            f"status_{chair.pk}": "PRESENT",
            f"status_{first.pk}": "REPRESENTED",
            f"status_{second.pk}": "APOLOGIES",
        },
    ).text

    assert f"Select the alternate who represented {first.full_name}" in page
    assert f"Select how {second.full_name} attended" not in page
    assert f'name="status_{second.pk}" type="radio" value="APOLOGIES" checked' in page
    assert not Attendance.objects.exists()


def test_the_agenda_shows_each_proposal_with_its_paper_and_status(client, secretariat, proposer):
    ssc, chair, members = ssc_with_members(2)
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=IN_20)
    first = proposal_in_state(
        S.REGISTERED, proposer=proposer, secretariat=secretariat, use_case_title="Meter swap"
    )
    second = proposal_in_state(
        S.REGISTERED, proposer=proposer, secretariat=secretariat, use_case_title="Hub reset"
    )
    issued = schedule_on_meeting(submission_id=first.pk, user=secretariat)
    issued = issue_paper(paper_id=issued.pk, user=secretariat, confirm_late=True)
    schedule_on_meeting(submission_id=second.pk, user=secretariat)
    client.force_login(members[0].person)

    page = client.get(reverse("assessments:meeting-detail", args=[meeting.pk])).text

    open_session = page[page.index('id="open-session"') :].split("</table>")[0]
    rows = open_session.split('<tr class="govuk-table__row">')
    assert "<strong>Meter swap</strong>" in rows[4] and issued.reference in rows[4]
    assert f"Issued {timezone.localdate():%-d %B %Y}" in rows[4]
    assert "<strong>Hub reset</strong>" in rows[5] and "Paper not yet issued" in rows[5]
    assert 'id="closed-session"' not in page


def test_a_referral_with_no_planned_meeting_offers_to_create_one(client, secretariat, proposer):
    committee("SSC")
    committee("TABASC")
    submission = proposal_in_state(
        S.INITIAL_CONSIDERATION, proposer=proposer, secretariat=secretariat
    )
    referral = workflow.refer_proposal(
        submission_id=submission.pk,
        user=secretariat,
        body="TABASC",
        question="PROVIDE views",
        due_on=future(),
        mandatory=True,
    )
    client.force_login(secretariat)

    page = client.post(reverse("assessments:referral-agenda", args=[referral.pk])).text

    assert "There is no planned TABASC meeting with room on its agenda" in page
    back = reverse("usecases:proposal-detail", args=[submission.pk]).replace("/", "%2F")
    assert f"/committees/meetings/new/?committee=TABASC&amp;next={back}" in page


def test_changing_the_date_without_a_reason_shows_the_error_and_keeps_the_date(
    client, secretariat, sitting
):
    meeting = sitting["meeting"]
    client.force_login(secretariat)
    new = (meeting.date + datetime.timedelta(days=7)).strftime("%d %m %Y")

    page = client.post(
        reverse("assessments:meeting-edit", args=[meeting.pk]),
        {"number": "95", "date": new, "location": "", "reason": ""},
    ).text

    assert "Enter why the meeting&#x27;s date or number is changing" in page
    assert f'value="{new}"' in page
    assert Meeting.objects.get(pk=meeting.pk).date == meeting.date


def test_cancelling_from_its_page_moves_the_business_and_goes_to_the_new_meeting(
    client, secretariat, proposer
):
    ssc, _, _ = ssc_with_members(2)
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=IN_20)
    later = create_meeting(
        user=secretariat, committee=ssc, number=96, date=IN_20 + datetime.timedelta(days=14)
    )
    submission = proposal_in_state(S.REGISTERED, proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    client.force_login(secretariat)
    url = reverse("assessments:meeting-cancel", args=[meeting.pk])

    page = client.post(url, {"reason": "Not quorate"}).text
    assert "Select the meeting the items move to" in page
    assert Meeting.objects.get(pk=meeting.pk).status == "PLANNED"

    done = client.post(url, {"reason": "Not quorate", "move_to": str(later.pk)})

    assert done["Location"] == reverse("assessments:meeting-detail", args=[later.pk])
    assert Meeting.objects.get(pk=meeting.pk).status == "CANCELLED"
    paper.agenda_item.refresh_from_db()
    assert (paper.agenda_item.meeting_id, paper.agenda_item.number) == (later.pk, 3)


def test_the_next_meeting_page_names_each_paper_by_its_proposal(client, secretariat, proposer):
    ssc, chair, members = ssc_with_members(2)
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=IN_20)
    submission = proposal_in_state(
        S.REGISTERED, proposer=proposer, secretariat=secretariat, use_case_title="Meter swap"
    )
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    paper = issue_paper(paper_id=paper.pk, user=secretariat, confirm_late=True)
    client.force_login(members[0].person)

    page = client.get(reverse("assessments:next-meeting")).text

    assert f"03. {paper.reference} – Meter swap (Use Case for Device Refurbishment)" in page


def test_the_next_meeting_page_draws_each_paper_line_in_full(client, secretariat, proposer):
    ssc, chair, members = ssc_with_members(2)
    meeting = create_meeting(user=secretariat, committee=ssc, number=95, date=IN_20)
    submission = proposal_in_state(
        S.REGISTERED, proposer=proposer, secretariat=secretariat, use_case_title="Meters & <m>"
    )
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    paper = issue_paper(paper_id=paper.pk, user=secretariat, confirm_late=True)
    client.force_login(members[0].person)

    page = client.get(reverse("assessments:next-meeting")).text

    link = reverse("assessments:paper-detail", args=[paper.pk])
    level = paper.get_classification_display().upper()
    colour = {"AMBER": "orange", "GREEN": "green", "RED": "red"}.get(paper.classification, "grey")
    assert (
        f'<li><a class="govuk-link" href="{link}">03. {paper.reference} – Meters &amp; &lt;m&gt; '
        f"({paper.title})</a> "
        f'<strong class="govuk-tag govuk-tag--{colour}">{level}</strong></li>'
    ) in page
