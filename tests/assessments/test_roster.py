"""The roster: seats, terms, alternates and vetting kept by the secretariat, and reminders."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.audit_checks import memberships_differing_from_log
from assessments.enums import SeatCategory, VettingStatus
from assessments.models import Membership, Paper, Seat
from assessments.roster import add_months, membership_status, roster_of
from assessments.services import roster
from assessments.services.invitations import set_invitees
from assessments.services.meetings import add_business_item, create_meeting
from tests.factories.committee import committee, seat_member
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from triage_portal.classification import Classification
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def ssc():
    return committee("SSC")


@pytest.fixture
def seat(ssc):
    return Seat.objects.create(committee=ssc, category=SeatCategory.LARGE_SUPPLIER, number=1)


@pytest.fixture
def person():
    return UserFactory(full_name="Lee Holder", role=Role.SSC_MEMBER)


def appoint(secretariat, seat, person, **changes):
    values = {
        "term_start": days(-10),
        "term_end": days(700),
        "vetting_status": VettingStatus.VETTED,
        "vetting_expires_on": days(900),
    }
    values.update(changes)
    return roster.appoint_member(user=secretariat, seat_id=seat.pk, person=person, **values)


def test_appointing_a_holder_is_logged_with_the_secretariat_as_actor(secretariat, seat, person):
    membership = appoint(secretariat, seat, person)
    assert membership.is_current()
    entry = ActivityLog.objects.get(action="assessments.membership.appointed")
    assert entry.actor == secretariat
    assert entry.data["seat"] == "SSC Large Supplier 1"
    assert entry.data["term_end"] == days(700).isoformat()


def test_a_new_holder_ends_the_present_holders_term_the_day_before(secretariat, seat, person):
    before = appoint(secretariat, seat, person)
    successor = UserFactory(full_name="Nat Next", role=Role.SSC_MEMBER)
    appoint(secretariat, seat, successor, term_start=days(30), term_end=days(760))
    before.refresh_from_db()
    assert before.term_end == days(29)
    entry = ActivityLog.objects.get(action="assessments.membership.term_ended")
    assert entry.data == {
        "old_end": days(700).isoformat(),
        "new_end": days(29).isoformat(),
        "succeeded_by": successor.pk,
    }
    assert memberships_differing_from_log() == []
    rows = roster_of(seat.committee)
    assert rows[0].membership == before
    assert rows[0].next_membership.person == successor


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("member", "You cannot do that."),
        ("chair", "You cannot do that."),
    ],
)
def test_only_the_secretariat_keeps_the_roster(who, message, seat, person):
    user = UserFactory(role=Role.SSC_MEMBER if who == "member" else Role.SSC_CHAIR)
    with pytest.raises(ActionRefused) as refused:
        appoint(user, seat, person)
    assert str(refused.value) == message
    assert not Membership.objects.exists()


def test_refusals_say_what_is_wrong(secretariat, seat, person, proposer, ssc):
    with pytest.raises(ActionRefused) as refused:
        appoint(secretariat, seat, proposer)
    assert str(refused.value) == "Ann Proposer has no committee account: create one for them first."
    with pytest.raises(ActionRefused) as refused:
        appoint(secretariat, seat, person, vetting_expires_on=None)
    assert str(refused.value) == "Enter the date the vetting expires."
    with pytest.raises(ActionRefused) as refused:
        appoint(secretariat, seat, person, alternate=person)
    assert str(refused.value) == "Lee Holder cannot be their own alternate."
    appoint(secretariat, seat, person)
    other_seat = Seat.objects.create(committee=ssc, category=SeatCategory.LARGE_SUPPLIER, number=2)
    with pytest.raises(ActionRefused) as refused:
        appoint(secretariat, other_seat, person)
    assert str(refused.value) == (
        f"Lee Holder already holds SSC Large Supplier 1 until {days(700):%-d %B %Y}."
    )
    with pytest.raises(ActionRefused) as refused:
        appoint(secretariat, seat, UserFactory(role=Role.SSC_MEMBER), term_start=days(-10))
    assert str(refused.value) == (
        f"Lee Holder holds this seat from {days(-10):%-d %B %Y}: renew or change their term "
        "instead, or start the new term later."
    )
    assert Membership.objects.count() == 1


def test_alternate_renewal_and_vetting_are_logged_old_and_new(secretariat, seat, person):
    membership = appoint(secretariat, seat, person)
    stand_in = UserFactory(full_name="Alex Alternate", role=Role.SSC_MEMBER)
    roster.set_alternate(user=secretariat, membership_id=membership.pk, alternate=stand_in)
    roster.renew_term(user=secretariat, membership_id=membership.pk, term_end=days(1400))
    roster.record_vetting(
        user=secretariat,
        membership_id=membership.pk,
        status=VettingStatus.VETTED,
        expires_on=days(1500),
    )
    membership.refresh_from_db()
    assert (membership.alternate, membership.term_end, membership.vetting_expires_on) == (
        stand_in,
        days(1400),
        days(1500),
    )
    logged = {
        e.action: e.data
        for e in ActivityLog.objects.filter(action__startswith="assessments.membership.")
    }
    assert logged["assessments.membership.alternate_set"] == {"old": None, "new": stand_in.pk}
    assert logged["assessments.membership.term_renewed"] == {
        "old": days(700).isoformat(),
        "new": days(1400).isoformat(),
    }
    assert logged["assessments.membership.vetting_recorded"]["new"] == {
        "status": "VETTED",
        "expires_on": days(1500).isoformat(),
    }
    with pytest.raises(ActionRefused) as refused:
        roster.renew_term(user=secretariat, membership_id=membership.pk, term_end=days(1000))
    assert str(refused.value) == (
        f"Enter an end date after the present one, {days(1400):%-d %B %Y}."
    )


def test_statuses(secretariat, seat, person, settings):
    settings.PORTAL_ROSTER_REMINDER_DAYS = 30
    membership = appoint(secretariat, seat, person)
    assert membership_status(membership).label == "Current"
    membership.term_end = days(20)
    assert membership_status(membership).label == f"Term ends {days(20):%-d %b %Y}"
    membership.term_end, membership.vetting_expires_on = days(700), days(10)
    assert membership_status(membership).label == f"Vetting expires {days(10):%-d %b %Y}"
    membership.vetting_expires_on = days(-1)
    assert membership_status(membership).label == "Vetting lapsed"
    membership.vetting_status = VettingStatus.PENDING
    assert membership_status(membership).label == "Vetting pending"
    membership.term_end = days(-1)
    assert membership_status(membership).label == f"Term ended {days(-1):%-d %b %Y}"
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2025, 4, 1), 24) == datetime.date(2027, 4, 1)


def test_lapsed_vetting_takes_effect_at_once_even_on_a_red_paper(client, secretariat, ssc):
    membership = seat_member(ssc, SeatCategory.LARGE_SUPPLIER)
    member = membership.person
    meeting = create_meeting(user=secretariat, committee=ssc, number=7, date=days(20))
    item = add_business_item(
        user=secretariat, meeting=meeting, title="Incident review", classification="RED"
    )
    paper = Paper.objects.create(
        agenda_item=item,
        title="Incident review",
        author_name="Sue",
        author_role="Secretariat",
        classification=Classification.RED,
        reference="SSC_7_0101_03",
        issued_at=timezone.now(),
    )
    set_invitees(user=secretariat, item_id=item.pk, people=[member.pk])
    client.force_login(member)
    paper_page = reverse("assessments:paper-detail", args=[paper.pk])
    meeting_page = reverse("assessments:meeting-detail", args=[meeting.pk])
    assert client.get(paper_page).status_code == 200
    assert client.get(meeting_page).status_code == 200
    roster.record_vetting(
        user=secretariat,
        membership_id=membership.pk,
        status=VettingStatus.LAPSED,
        expires_on=None,
    )
    assert client.get(paper_page).status_code == 404
    assert client.get(meeting_page).status_code == 404
    roster.record_vetting(
        user=secretariat,
        membership_id=membership.pk,
        status=VettingStatus.VETTED,
        expires_on=days(300),
    )
    assert client.get(paper_page).status_code == 200


def test_reminders_go_once_per_lapse_to_the_secretariat_and_the_member(
    secretariat, seat, person, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_ROSTER_REMINDER_DAYS = 30
    settings.SECRETARIAT_EMAIL = "secas@example.org"
    membership = appoint(secretariat, seat, person, term_end=days(30), vetting_expires_on=days(200))
    far = appoint(
        secretariat,
        Seat.objects.create(committee=seat.committee, category="CHAIR", number=1),
        UserFactory(role=Role.SSC_CHAIR),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert roster.remind_expiries() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert roster.remind_expiries() == 0
        assert roster.remind_expiries(today=days(5)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["secas@example.org", person.email]
    assert message.subject == f"A SSC term ends on {days(30):%-d %B %Y}"
    assert "http://testserver/committees/roster/" in message.body
    assert "The term of Lee Holder in the SSC Large Supplier 1 seat" in message.body
    roster.renew_term(user=secretariat, membership_id=membership.pk, term_end=days(60))
    with django_capture_on_commit_callbacks(execute=True):
        assert roster.remind_expiries(today=days(30)) == 1
    assert mail.outbox[1].subject == f"A SSC term ends on {days(60):%-d %B %Y}"
    roster.renew_term(user=secretariat, membership_id=membership.pk, term_end=days(400))
    with django_capture_on_commit_callbacks(execute=True):
        assert roster.remind_expiries(today=days(175)) == 1
    assert mail.outbox[2].subject == f"SSC security vetting expires on {days(200):%-d %B %Y}"
    assert far.pk not in [
        e.object_id
        for e in ActivityLog.objects.filter(action="assessments.membership.expiry_reminded")
    ]
    assert ActivityLog.objects.filter(action="assessments.membership.expiry_reminded").count() == 3


def test_the_roster_page_lists_seats_with_status_and_only_for_the_secretariat(
    client, secretariat, seat, person, member
):
    membership = appoint(secretariat, seat, person, vetting_expires_on=days(10))
    Seat.objects.create(committee=seat.committee, category="OBSERVER_NCSC", number=1)
    client.force_login(member)
    assert client.get(reverse("assessments:roster")).status_code == 404
    assert client.get(reverse("assessments:roster-renew", args=[membership.pk])).status_code == 404
    client.force_login(secretariat)
    page = client.get(reverse("assessments:roster")).content.decode()
    assert "Lee Holder" in page
    assert f"Vetting expires {days(10):%-d %b %Y}" in page
    assert "Observer (NCSC) 1" in page
    assert "Vacant" in page
    assert (
        '<a class="govuk-link" href="#committee-SSC">SSC</a>: 1 current, 1 expiring, 1 vacant</li>'
        in page
    )
    assert reverse("assessments:roster-renew", args=[membership.pk]) in page


def test_the_appoint_form_keeps_what_was_typed_after_an_error(client, secretariat, seat, person):
    client.force_login(secretariat)
    url = reverse("assessments:roster-appoint", args=[seat.pk])
    response = client.post(
        url,
        {
            "person": person.pk,
            "term_start": "1 4 2026",
            "term_end": "31 3 2026",
            "vetting_status": "VETTED",
            "vetting_expires_on": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The term must end on or after the day it starts" in page
    assert "Enter the date the vetting expires" in page
    assert 'value="1 4 2026"' in page
    assert f'<option value="{person.pk}" selected>' in page
    assert not Membership.objects.exists()
    response = client.post(
        url,
        {
            "person": person.pk,
            "term_start": "1 4 2026",
            "term_end": "31 3 2028",
            "vetting_status": "VETTED",
            "vetting_expires_on": "31 3 2029",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get()
    assert (membership.person, membership.term_end) == (person, datetime.date(2028, 3, 31))


def test_renewing_too_early_a_date_shows_the_reason(client, secretariat, seat, person):
    membership = appoint(secretariat, seat, person)
    client.force_login(secretariat)
    url = reverse("assessments:roster-renew", args=[membership.pk])
    renewed = add_months(days(700), 24)
    expected = f"{renewed.day} {renewed.month} {renewed.year}"
    assert f'value="{expected}"' in client.get(url).content.decode()
    response = client.post(url, {"term_end": days(5).strftime("%d %m %Y")})
    assert f"Enter an end date after the present one, {days(700):%-d %B %Y}." in (
        response.content.decode()
    )
    response = client.post(url, {"term_end": days(800).strftime("%d %m %Y")})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.term_end == days(800)
