"""Attendance for a whole meeting at once: one row per person holding a seat on the day.

A seat's member may be represented only by the alternate registered on that membership:
that is the one stand-in whose vote counts (assessments/services/electorate.py), so the
form offers no one else and the service refuses anyone else.
"""

from dataclasses import dataclass, field

from django.db import transaction

from assessments.enums import AttendanceStatus
from assessments.models import Attendance, Meeting
from assessments.services.electorate import voting_memberships
from usecases.errors import ActionRefused, require


@dataclass
class SeatHolder:
    """A person holding one or more seats on the meeting's committee on its day."""

    person: object
    seats: list[str] = field(default_factory=list)
    alternates: list = field(default_factory=list)  # who may represent them, by name
    attendance: Attendance | None = None


def seat_holders(meeting: Meeting) -> list[SeatHolder]:
    """Return everyone holding a current seat on the meeting's committee on its date, by name,
    with their seats, the alternates registered for those seats and any attendance recorded."""
    holders: dict[int, SeatHolder] = {}
    for membership in voting_memberships(meeting.committee, meeting.date).select_related(
        "person__organisation"
    ):
        holder = holders.setdefault(membership.person_id, SeatHolder(person=membership.person))
        holder.seats.append(f"{membership.seat.get_category_display()} {membership.seat.number}")
        if membership.alternate_id and membership.alternate not in holder.alternates:
            holder.alternates.append(membership.alternate)
    for record in meeting.attendance.filter(person__in=holders.keys()):
        holders[record.person_id].attendance = record
    for holder in holders.values():
        holder.alternates.sort(key=lambda person: person.full_name.casefold())
    return sorted(holders.values(), key=lambda h: (h.person.full_name.casefold(), h.person.pk))


@dataclass(frozen=True)
class AttendanceEntry:
    """What the secretariat records for one seat holder."""

    person_id: int
    status: str
    represented_by_id: int | None = None


def _check(entry: AttendanceEntry, holder: SeatHolder | None) -> str:
    if holder is None:
        return "Someone in the list does not hold a seat on the day of the meeting."
    name = holder.person.full_name
    if entry.status not in AttendanceStatus.values:
        return f"Select how {name} attended."
    if entry.status != AttendanceStatus.REPRESENTED:
        return ""
    if entry.represented_by_id is None:
        return f"Select the alternate who represented {name}."
    if entry.represented_by_id not in {a.pk for a in holder.alternates}:
        return f"Only {name}'s registered alternate can represent them."
    return ""


@transaction.atomic
def record_attendance_for_all(
    *, user, meeting_id: int, entries: list[AttendanceEntry]
) -> list[Attendance]:
    """Record how each seat holder attended the meeting, all at once or not at all.

    Refused, with every problem named, when an entry is for someone without a seat on the day,
    or represented by someone who is not their registered alternate. Side effects: creates or
    updates one attendance row a person; logs assessments.meeting.attendance_recorded once
    with each row changed, old and new.
    """
    require(user, "assessments.manage_meetings")
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting_id)
    holders = {h.person.pk: h for h in seat_holders(meeting)}
    problems = [p for p in (_check(e, holders.get(e.person_id)) for e in entries) if p]
    if problems:
        raise ActionRefused(" ".join(problems))
    rows, changes = [], []
    for entry in entries:
        represented_by = (
            entry.represented_by_id if entry.status == AttendanceStatus.REPRESENTED else None
        )
        before = holders[entry.person_id].attendance
        old = (before.status, before.represented_by_id) if before else (None, None)
        record, _ = Attendance.objects.update_or_create(
            meeting=meeting,
            person_id=entry.person_id,
            defaults={"status": entry.status, "represented_by_id": represented_by},
        )
        rows.append(record)
        if old != (entry.status, represented_by):
            changes.append(
                {
                    "person": entry.person_id,
                    "status": entry.status,
                    "represented_by": represented_by,
                    "previous": old[0],
                    "previous_represented_by": old[1],
                }
            )
    meeting.log_action(
        "assessments.meeting.attendance_recorded_for_all", actor=user, data={"rows": changes}
    )
    return rows
