"""The iCalendar feed: valid RFC 5545 text, only what the person may see, revocable."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.calendar import feed_token, new_feed_address
from assessments.services.ballots import open_ballot
from assessments.services.meetings import add_business_item, create_meeting
from tests.conftest import seated
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db


def unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", "")  # every line ends CRLF
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    return re.sub(r"\r\n ", "", text).split("\r\n")


@pytest.fixture
def business(secretariat):
    ssc, chair, members = ssc_with_members(3)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=96,
        date=timezone.localdate() + datetime.timedelta(days=10),
        location="Online; room 4, Gemserv",
    )
    red = add_business_item(user=secretariat, meeting=meeting, title="Vuln", classification="RED")
    amber = add_business_item(
        user=secretariat, meeting=meeting, title="Item", classification="AMBER"
    )
    green = add_business_item(
        user=secretariat, meeting=meeting, title="Open", classification="GREEN"
    )
    closes = timezone.now() + datetime.timedelta(days=5)
    for item, question in (
        (red, "RED-SECRET question?"),
        (amber, "AMBER-SECRET question?"),
        (green, "Publish the GREEN register update? " + "long words " * 10),
    ):
        open_ballot(
            user=secretariat,
            committee=ssc,
            question=question,
            outcome_if_passed="NOTED",
            method="CORRESPONDENCE",
            agenda_item=item,
            closes_at=closes,
        )
    return {"member": members[0].person, "meeting": meeting}


def test_the_feed_lists_meetings_and_vote_deadlines_without_classified_words(client, business):
    member = business["member"]

    response = client.get(reverse("assessments:calendar-feed", args=[feed_token(member)]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = unfold(response.content.decode())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "SUMMARY:SSC meeting 96" in lines
    assert "LOCATION:Online\\; room 4\\, Gemserv" in lines
    day = business["meeting"].date
    assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in lines
    summaries = [line for line in lines if line.startswith("SUMMARY:SSC vote closes")]
    assert len(summaries) == 2  # the RED vote is not theirs to see
    assert any("Publish the GREEN register update?" in s for s in summaries)
    assert "SECRET" not in response.content.decode()


def test_a_new_address_revokes_the_old_one(client, business):
    member = business["member"]
    old = feed_token(member)

    new = new_feed_address(member)

    assert client.get(reverse("assessments:calendar-feed", args=[old])).status_code == 404
    assert client.get(reverse("assessments:calendar-feed", args=[new])).status_code == 200
    assert (
        client.get(reverse("assessments:calendar-feed", args=["forged.1:abc"])).status_code == 404
    )


def test_the_profile_shows_the_address_to_committee_people_only(client, proposer):
    member = seated(UserFactory(role=Role.SSC_MEMBER))
    client.force_login(member)
    page = client.get(reverse("accounts:profile")).text
    assert "Your calendar" in page and "/committees/calendar/" in page

    client.force_login(proposer)
    assert "Your calendar" not in client.get(reverse("accounts:profile")).text


def test_showing_the_address_writes_nothing_and_a_new_one_revokes_it(client, secretariat):
    from assessments import calendar
    from assessments.models import CalendarFeed

    first = calendar.feed_token(secretariat)

    assert CalendarFeed.objects.count() == 0
    assert calendar.person_for(first) == secretariat
    second = calendar.new_feed_address(secretariat)
    assert calendar.person_for(first) is None
    assert calendar.person_for(second) == secretariat
