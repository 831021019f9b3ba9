"""The home page is composed in triage_portal.web from the parts the apps register."""

import pytest
from django.urls import reverse

from tests.factories.committee import ssc_with_members
from triage_portal.web import home

pytestmark = pytest.mark.django_db


def test_the_secretariat_home_has_the_proposals_and_the_committees_parts(secretariat):
    context = home.home_context(home.SECRETARIAT, secretariat)

    assert sorted(context) == ["ages", "attention", "meetings", "pipeline"]


def test_a_members_home_has_the_committees_part_and_the_last_proposals(db):
    _ssc, _chair, members = ssc_with_members(1)

    context = home.home_context(home.COMMITTEE, members[0].person)

    assert {"meeting", "papers", "ballots", "declarations", "proposals"} <= context.keys()


def test_two_parts_giving_the_same_name_are_refused(secretariat):
    def clashing(user):
        return {"meetings": []}

    home.register_home_part(home.SECRETARIAT, clashing)
    try:
        with pytest.raises(ValueError, match=r"two home page parts both give \['meetings'\]"):
            home.home_context(home.SECRETARIAT, secretariat)
    finally:
        home._parts[home.SECRETARIAT].remove(clashing)


def test_an_unknown_audience_is_refused():
    with pytest.raises(ValueError, match="unknown home page audience 'visitors'"):
        home.register_home_part("visitors", lambda user: {})


def test_a_proposer_is_sent_to_the_landing_page_the_proposals_app_registered(client, proposer):
    client.force_login(proposer)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("usecases:proposal-list")


def test_the_page_names_stay_where_they_were():
    assert reverse("home") == "/"
    assert reverse("document-check") == "/check-a-document/"
    assert reverse("api:api-root") == "/api/"
    assert reverse("api:docs") == "/api/docs/"
    assert reverse("api:schema") == "/api/schema/"
