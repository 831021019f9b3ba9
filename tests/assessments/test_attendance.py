"""Recording a whole meeting's attendance in one go."""

import datetime

import pytest
from django.utils import timezone

from assessments.enums import AttendanceStatus as A
from assessments.enums import SeatCategory
from assessments.models import Attendance
from assessments.services.attendance import (
    AttendanceEntry,
    record_attendance_for_all,
    seat_holders,
)
from assessments.services.meetings import create_meeting
from tests.factories.committee import seat_member, ssc_with_members
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role
from triage_portal.audit.models import ActivityLog
from usecases.errors import ActionRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(secretariat):
    ssc, chair, members = ssc_with_members(3)
    alternate = UserFactory(full_name="Alex Alternate", role=Role.SSC_MEMBER)
    members[0].alternate = alternate
    members[0].save(update_fields=["alternate"])
    observer = seat_member(ssc, SeatCategory.OBSERVER_NCSC)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    return {
        "meeting": meeting,
        "chair": chair.person,
        "members": [m.person for m in members],
        "alternate": alternate,
        "observer": observer.person,
    }


def test_seat_holders_list_every_current_seat_with_only_its_own_alternate(setting):
    holders = {h.person.pk: h for h in seat_holders(setting["meeting"])}
    first, second = setting["members"][0], setting["members"][1]

    assert set(holders) == {
        setting["chair"].pk,
        setting["observer"].pk,
        *(m.pk for m in setting["members"]),
    }
    assert holders[first.pk].alternates == [setting["alternate"]]
    assert holders[second.pk].alternates == []
    assert holders[first.pk].seats == ["Large Supplier 1"]


def test_everyone_is_recorded_at_once_and_logged_once(setting, secretariat):
    first, second, third = setting["members"]
    entries = [
        AttendanceEntry(setting["chair"].pk, A.PRESENT),
        AttendanceEntry(first.pk, A.REPRESENTED, setting["alternate"].pk),
        AttendanceEntry(second.pk, A.APOLOGIES),
        AttendanceEntry(third.pk, A.ABSENT),
        AttendanceEntry(setting["observer"].pk, A.PRESENT),
    ]

    record_attendance_for_all(user=secretariat, meeting_id=setting["meeting"].pk, entries=entries)

    recorded = dict(
        Attendance.objects.filter(meeting=setting["meeting"]).values_list("person_id", "status")
    )
    assert recorded == {
        setting["chair"].pk: A.PRESENT,
        first.pk: A.REPRESENTED,
        second.pk: A.APOLOGIES,
        third.pk: A.ABSENT,
        setting["observer"].pk: A.PRESENT,
    }
    assert Attendance.objects.get(person=first).represented_by == setting["alternate"]
    log = ActivityLog.objects.get(action="assessments.meeting.attendance_recorded_for_all")
    assert len(log.data["rows"]) == 5
    assert log.data["rows"][1] == {
        "person": first.pk,
        "status": A.REPRESENTED,
        "represented_by": setting["alternate"].pk,
        "previous": None,
        "previous_represented_by": None,
    }


def test_a_second_recording_logs_only_what_changed(setting, secretariat):
    first = setting["members"][0]
    meeting_id = setting["meeting"].pk
    record_attendance_for_all(
        user=secretariat, meeting_id=meeting_id, entries=[AttendanceEntry(first.pk, A.PRESENT)]
    )
    record_attendance_for_all(
        user=secretariat,
        meeting_id=meeting_id,
        entries=[
            AttendanceEntry(first.pk, A.APOLOGIES),
            AttendanceEntry(setting["chair"].pk, A.PRESENT),
        ],
    )
    last = ActivityLog.objects.filter(
        action="assessments.meeting.attendance_recorded_for_all"
    ).latest("pk")
    assert [(r["person"], r["status"], r["previous"]) for r in last.data["rows"]] == [
        (first.pk, A.APOLOGIES, A.PRESENT),
        (setting["chair"].pk, A.PRESENT, None),
    ]


def test_someone_not_the_registered_alternate_cannot_represent_and_nothing_is_saved(
    setting, secretariat
):
    first, second = setting["members"][0], setting["members"][1]
    with pytest.raises(ActionRefused) as refusal:
        record_attendance_for_all(
            user=secretariat,
            meeting_id=setting["meeting"].pk,
            entries=[
                AttendanceEntry(first.pk, A.PRESENT),
                AttendanceEntry(second.pk, A.REPRESENTED, setting["alternate"].pk),
            ],
        )
    assert str(refusal.value) == (
        f"Only {second.full_name}'s registered alternate can represent them."
    )
    assert not Attendance.objects.exists()


def test_represented_needs_the_alternate(setting, secretariat):
    first = setting["members"][0]
    with pytest.raises(
        ActionRefused, match=f"Select the alternate who represented {first.full_name}"
    ):
        record_attendance_for_all(
            user=secretariat,
            meeting_id=setting["meeting"].pk,
            entries=[AttendanceEntry(first.pk, A.REPRESENTED)],
        )


def test_someone_without_a_seat_is_refused(setting, secretariat):
    stranger = UserFactory(role=Role.SSC_MEMBER)
    with pytest.raises(ActionRefused, match="does not hold a seat on the day"):
        record_attendance_for_all(
            user=secretariat,
            meeting_id=setting["meeting"].pk,
            entries=[AttendanceEntry(stranger.pk, A.PRESENT)],
        )


def test_a_member_cannot_record_attendance(setting):
    with pytest.raises(ActionRefused, match="You cannot do that"):
        record_attendance_for_all(
            user=setting["members"][0],
            meeting_id=setting["meeting"].pk,
            entries=[AttendanceEntry(setting["members"][0].pk, A.PRESENT)],
        )
