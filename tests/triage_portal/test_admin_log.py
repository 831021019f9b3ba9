import pytest
from django.urls import reverse

from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases.models import BankHoliday

pytestmark = pytest.mark.django_db


def test_a_change_in_the_admin_is_written_to_the_activity_log(client):
    admin_user = UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    holiday = BankHoliday.objects.create(date="2026-12-25", name="Christmas Day")

    response = client.post(
        reverse("admin:usecases_bankholiday_change", args=[holiday.pk]),
        {"date": "2026-12-25", "name": "Christmas Day (England and Wales)"},
    )

    assert response.status_code == 302
    entry = ActivityLog.objects.get(action="admin.usecases.bankholiday.changed")
    assert entry.actor == admin_user
    assert entry.data["object_id"] == str(holiday.pk)
    assert "Name" in entry.data["change"] or "name" in entry.data["change"].lower()


def test_an_admin_change_records_the_names_of_the_changed_fields(client):
    admin_user = UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    holiday = BankHoliday.objects.create(date="2026-12-25", name="Christmas Day")

    client.post(
        reverse("admin:usecases_bankholiday_change", args=[holiday.pk]),
        {"date": "2026-12-28", "name": "Christmas Day (substitute)"},
    )

    entry = ActivityLog.objects.get(action="admin.usecases.bankholiday.changed")
    assert sorted(entry.data["fields"]) == ["date", "name"]


def test_an_admin_addition_is_logged(client):
    admin_user = UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True)
    client.force_login(admin_user)

    client.post(
        reverse("admin:usecases_bankholiday_add"), {"date": "2027-01-01", "name": "New Year's Day"}
    )

    entry = ActivityLog.objects.get(action="admin.usecases.bankholiday.added")
    assert entry.actor == admin_user
    assert entry.data["object"] == str(BankHoliday.objects.get(date="2027-01-01"))


@pytest.mark.parametrize("count", [1, 3])
def test_deleting_rows_in_the_admin_is_logged_once(client, count):
    admin_user = UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    holidays = [
        BankHoliday.objects.create(date=f"2030-05-0{day}", name=f"Day {day}")
        for day in range(1, count + 1)
    ]

    response = client.post(
        reverse("admin:usecases_bankholiday_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(h.pk) for h in holidays],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not BankHoliday.objects.filter(date__year=2030).exists()
    entries = ActivityLog.objects.filter(action="admin.usecases.bankholiday.deleted")
    assert entries.count() == 1
    ids = entries.get().data.get("object_ids") or [entries.get().data["object_id"]]
    assert sorted(ids) == sorted(str(h.pk) for h in holidays)


def test_the_secretariat_cannot_grant_admin_rights_in_the_admin(client):
    from django.contrib.auth.models import Permission

    secretariat = UserFactory(role=Role.SECRETARIAT, is_staff=True)
    secretariat.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_user", "view_user"])
    )
    client.force_login(secretariat)
    member = UserFactory(full_name="Mo Member", email="mo@example.com", role=Role.SSC_MEMBER)
    form = {
        "email": member.email,
        "full_name": member.full_name,
        "role": member.role,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "10:00:00",
    }

    response = client.post(reverse("admin:accounts_user_change", args=[member.pk]), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert (member.is_staff, member.is_superuser) == (False, False)


def test_a_superuser_can_still_grant_admin_rights(client):
    admin_user = UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    member = UserFactory(full_name="Mo Member", email="mo@example.com", role=Role.SSC_MEMBER)

    client.post(
        reverse("admin:accounts_user_change", args=[member.pk]),
        {
            "email": member.email,
            "full_name": member.full_name,
            "role": member.role,
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-12-01",
            "date_joined_1": "10:00:00",
        },
    )

    member.refresh_from_db()
    assert member.is_staff is True
