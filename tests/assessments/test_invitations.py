"""The secretariat names who is invited to a closed-session item; nobody else can."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.enums import SeatCategory
from assessments.services.invitations import set_invitees
from assessments.services.meetings import add_business_item, create_meeting
from tests.factories.committee import seat_member, ssc_with_members
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def red_item(secretariat):
    ssc, chair, members = ssc_with_members(2)
    alternate = UserFactory(role=Role.SSC_MEMBER, full_name="Alex Alternate")
    members[1].alternate = alternate
    members[1].save(update_fields=["alternate"])
    observer = seat_member(ssc, SeatCategory.OBSERVER_NCSC).person
    lapsed = seat_member(
        ssc,
        SeatCategory.SMALL_SUPPLIER,
        vetting_expires_on=timezone.localdate() - datetime.timedelta(days=1),
    ).person
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    item = add_business_item(
        user=secretariat, meeting=meeting, title="Key compromise", classification="RED"
    )
    people = {
        "chair": chair.person,
        "member": members[0].person,
        "represented": members[1].person,
        "alternate": alternate,
        "observer": observer,
        "lapsed": lapsed,
    }
    return item, people


def test_secretariat_names_and_removes_invitees_and_it_is_logged(secretariat, red_item):
    item, people = red_item
    set_invitees(
        user=secretariat, item_id=item.pk, people=[people["member"].pk, people["observer"].pk]
    )

    set_invitees(
        user=secretariat, item_id=item.pk, people=[people["observer"].pk, people["alternate"].pk]
    )

    assert set(item.invitees.all()) == {people["observer"], people["alternate"]}
    entry = ActivityLog.objects.filter(action="assessments.item.invitations_changed").last()
    assert entry.actor == secretariat
    assert entry.data == {
        "changes": {
            "invitees": {
                "old": sorted([people["member"].pk, people["observer"].pk]),
                "new": sorted([people["observer"].pk, people["alternate"].pk]),
            }
        },
        "added": ["Alex Alternate"],
        "removed": [people["member"].full_name],
    }


def test_someone_without_a_current_seat_cannot_be_named(secretariat, red_item):
    item, people = red_item
    stranger = UserFactory(full_name="Stan Stranger")

    with pytest.raises(ActionRefused) as refusal:
        set_invitees(user=secretariat, item_id=item.pk, people=[people["lapsed"].pk, stranger.pk])

    assert str(refusal.value) == (
        f"{people['lapsed'].full_name}, Stan Stranger cannot be invited: only people with a "
        "current, vetted seat on SSC can be named on a closed-session item."
    )
    assert not item.invitees.exists()


def test_someone_named_before_their_seat_lapsed_may_stay_named(secretariat, red_item):
    item, people = red_item
    item.invitees.add(people["lapsed"])

    set_invitees(
        user=secretariat, item_id=item.pk, people=[people["lapsed"].pk, people["member"].pk]
    )

    assert set(item.invitees.all()) == {people["lapsed"], people["member"]}


def test_only_the_secretariat_may_name_invitees(red_item):
    item, people = red_item

    with pytest.raises(ActionRefused):
        set_invitees(user=people["chair"], item_id=item.pk, people=[people["chair"].pk])

    assert not item.invitees.exists()


def test_an_open_item_has_no_invitations(secretariat, red_item):
    item, people = red_item
    open_item = add_business_item(
        user=secretariat, meeting=item.meeting, title="Open business", classification="AMBER"
    )

    with pytest.raises(ActionRefused) as refusal:
        set_invitees(user=secretariat, item_id=open_item.pk, people=[people["member"].pk])

    assert str(refusal.value) == (
        "Only closed-session items have invitations: an open item is read by the whole committee."
    )


def test_invitation_page_lists_the_seated_and_saves_the_ticked(client, secretariat, red_item):
    item, people = red_item
    url = reverse("assessments:item-invitations", args=[item.meeting_id, item.pk])
    client.force_login(secretariat)

    page = client.get(url)
    choices = dict(page.context["form"].fields["invitees"].choices)
    response = client.post(url, {"invitees": [people["member"].pk, people["alternate"].pk]})

    assert choices == {
        people["chair"].pk: f"{people['chair'].full_name} – Chair 1",
        people["member"].pk: f"{people['member'].full_name} – Large Supplier 1",
        people["represented"].pk: f"{people['represented'].full_name} – Large Supplier 2",
        people["alternate"].pk: (
            f"Alex Alternate – alternate for {people['represented'].full_name} (Large Supplier 2)"
        ),
        people["observer"].pk: f"{people['observer'].full_name} – Observer (NCSC) 1",
    }
    assert "Who is invited to this item?" in page.text
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:meeting-detail", args=[item.meeting_id])
    assert set(item.invitees.all()) == {people["member"], people["alternate"]}


def test_invitation_page_refuses_a_forged_choice_with_a_message(client, secretariat, red_item):
    item, people = red_item
    url = reverse("assessments:item-invitations", args=[item.meeting_id, item.pk])
    client.force_login(secretariat)

    page = client.post(url, {"invitees": [people["lapsed"].pk]})

    assert page.status_code == 200
    assert page.context["form"].errors == {"invitees": ["Select people from the list"]}
    assert "There is a problem" in page.text and "Error:" in page.text
    assert not item.invitees.exists()


@pytest.mark.parametrize("role", ["chair", "member", "observer"])
def test_invitation_page_is_the_secretariats_alone(client, red_item, role):
    item, people = red_item
    client.force_login(people[role])

    page = client.get(reverse("assessments:item-invitations", args=[item.meeting_id, item.pk]))

    assert page.status_code == 404


def test_meeting_page_links_the_secretariat_to_a_closed_items_invitations(
    client, secretariat, red_item
):
    item, people = red_item
    url = reverse("assessments:item-invitations", args=[item.meeting_id, item.pk])
    meeting_page = reverse("assessments:meeting-detail", args=[item.meeting_id])
    client.force_login(secretariat)
    assert url in client.get(meeting_page).text

    client.force_login(people["chair"])

    assert url not in client.get(meeting_page).text
