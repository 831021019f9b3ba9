"""Reading a paper is recorded by a POST; its PDF, fetched by GET, records no read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import PaperRead
from assessments.services.meetings import create_meeting
from assessments.services.papers import issue_paper, schedule_on_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.states import proposal_in_state
from triage_portal.audit.models import ActivityLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(secretariat, proposer):
    ssc, chair, members = ssc_with_members(2)
    create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    submission = proposal_in_state("REGISTERED", proposer=proposer, secretariat=secretariat)
    paper = schedule_on_meeting(submission_id=submission.pk, user=secretariat)
    issue_paper(paper_id=paper.pk, user=secretariat)
    return {"paper": paper, "member": members[0].person}


def first_reads(paper):
    return ActivityLog.objects.filter(
        action="assessments.paper.first_read", object_id=str(paper.pk)
    ).count()


def test_fetching_the_pdf_by_get_records_no_read(client, issued):
    paper, member = issued["paper"], issued["member"]
    client.force_login(member)

    response = client.get(reverse("assessments:paper-pdf", args=[paper.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert PaperRead.objects.filter(paper=paper, reader=member).count() == 0
    assert first_reads(paper) == 0


def test_download_posts_the_read_once_and_sends_the_reader_to_the_pdf(client, issued):
    paper, member = issued["paper"], issued["member"]
    client.force_login(member)
    page = client.get(reverse("assessments:paper-detail", args=[paper.pk])).text
    read_url = reverse("assessments:paper-read", args=[paper.pk])

    first = client.post(read_url)
    again = client.post(read_url)

    assert f'<form method="post" action="{read_url}">' in page
    assert (first.status_code, first["Location"]) == (
        303,
        reverse("assessments:paper-pdf", args=[paper.pk]),
    )
    assert again.status_code == 303
    assert PaperRead.objects.filter(paper=paper, reader=member).count() == 1
    assert first_reads(paper) == 1
    assert client.get(read_url).status_code == 405


def test_a_reader_who_may_not_see_the_paper_cannot_record_reading_it(
    client, issued, other_proposer
):
    client.force_login(other_proposer)

    response = client.post(reverse("assessments:paper-read", args=[issued["paper"].pk]))

    assert response.status_code == 404
    assert PaperRead.objects.count() == 0


def test_opening_the_page_records_no_read_and_mark_as_read_comes_back_to_it(client, issued):
    paper, member = issued["paper"], issued["member"]
    client.force_login(member)
    url = reverse("assessments:paper-detail", args=[paper.pk])

    before = client.get(url).text
    response = client.post(reverse("assessments:paper-read", args=[paper.pk]), {"then": "page"})
    after = client.get(url).text

    assert '<input type="hidden" name="then" value="page">' in before
    assert ">Mark as read</button>" in before
    assert (response.status_code, response["Location"]) == (303, url)
    assert PaperRead.objects.filter(paper=paper, reader=member).count() == 1
    assert first_reads(paper) == 1
    assert "You have marked this paper as read." in after
    assert ">Mark as read</button>" not in after
