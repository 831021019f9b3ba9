import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Paper, PaperRead
from assessments.services.meetings import create_meeting
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from usecases.presentation.next_steps import what_happens_next

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
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat, meeting=meeting)
    issue_paper(paper_id=paper.pk, user=secretariat, confirm_late=True)
    return {
        "meeting": meeting,
        "submission": submission,
        "paper": Paper.objects.get(pk=paper.pk),
        "member": members[0].person,
    }


def test_what_happens_next_names_the_meeting_item_and_issued_paper(scheduled):
    meeting, paper = scheduled["meeting"], scheduled["paper"]
    words = what_happens_next(scheduled["submission"])

    assert words == (
        f"The SSC will consider this at meeting 96, item {paper.agenda_item.number}, on "
        f"{meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y}; "
        f"its paper {paper.reference} has been issued."
    )


def test_a_members_home_shows_unread_then_read_papers(client, scheduled):
    member, paper = scheduled["member"], scheduled["paper"]
    client.force_login(member)

    home = client.get(reverse("home")).text
    assert "Your next meeting" in home and "SSC meeting 96" in home
    assert "(1 unread)" in home and ">Unread<" in home

    # Opening the page records nothing; "Mark as read" on it does, once.
    client.get(reverse("assessments:paper-detail", args=[paper.pk]))
    assert "(1 unread)" in client.get(reverse("home")).text
    read = reverse("assessments:paper-read", args=[paper.pk])
    client.post(read, {"then": "page"})
    client.post(read, {"then": "page"})

    assert PaperRead.objects.filter(paper=paper, reader=member).count() == 1
    assert "(0 unread)" in client.get(reverse("home")).text


def test_the_secretariat_home_lists_coming_meetings_with_deadlines(client, secretariat, scheduled):
    client.force_login(secretariat)

    page = client.get(reverse("home")).text

    assert "Coming meetings and paper deadlines" in page
    assert "1 of 1" in page  # papers issued of papers on the agenda


def test_the_proposal_page_names_the_same_next_meeting_from_its_events(
    client, scheduled, proposer, settings
):
    from usecases.presentation.timeline import committee_events

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    submission, paper = scheduled["submission"], scheduled["paper"]
    meeting = scheduled["meeting"]
    client.force_login(proposer)

    words = what_happens_next(submission, committee_events(submission))
    page = client.get(reverse("usecases:proposal-detail", args=[submission.pk])).text

    assert words == what_happens_next(submission)
    assert words == (
        f"The SSC will consider this at meeting 96, item {paper.agenda_item.number}, on "
        f"{meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y}; "
        f"its paper {paper.reference} has been issued."
    )
    assert words in page


def test_a_members_home_draws_each_paper_and_recent_proposal_line_in_full(client, scheduled):
    member, paper, submission = scheduled["member"], scheduled["paper"], scheduled["submission"]
    Paper.objects.filter(pk=paper.pk).update(title="Meters & <modems>")
    client.force_login(member)

    home = client.get(reverse("home")).text

    link = reverse("assessments:paper-detail", args=[paper.pk])
    level = paper.get_classification_display().upper()
    colour = {"AMBER": "orange", "GREEN": "green", "RED": "red"}.get(paper.classification, "grey")
    assert (
        f'<li><a class="govuk-link" href="{link}">{paper.agenda_item.number:02d}. '
        f'Meters &amp; &lt;modems&gt;</a> <span class="govuk-body-s">{paper.reference}</span> '
        f'<strong class="govuk-tag govuk-tag--{colour}">{level}</strong> '
        '<strong class="govuk-tag govuk-tag--blue">Unread</strong></li>'
    ) in home
    detail = reverse("usecases:proposal-detail", args=[submission.pk])
    submitted = timezone.localtime(submission.submitted_at)
    assert f'<a class="govuk-link" href="{detail}">{submission.title}</a>' in home
    submission.refresh_from_db()
    state = submission.get_state_display()
    assert f'<strong class="govuk-tag portal-state govuk-tag--green">{state}</strong>' in home
    assert f'<td class="govuk-table__cell">{submitted.day} {submitted:%b %Y}</td>' in home
