"""The roster as the secretariat reads it: each committee's seats, who holds them, and their status.

A membership is current while its term runs and its vetting is valid (Membership.is_current);
"expiring" when either ends within PORTAL_ROSTER_REMINDER_DAYS; "lapsed" when either has ended.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from assessments.enums import SeatCategory, VettingStatus
from assessments.models import Committee, Membership, Seat

CURRENT, EXPIRING, LAPSED, PENDING, UPCOMING, VACANT = (
    "CURRENT",
    "EXPIRING",
    "LAPSED",
    "PENDING",
    "UPCOMING",
    "VACANT",
)
TAGS = {
    CURRENT: "govuk-tag--green",
    EXPIRING: "govuk-tag--yellow",
    LAPSED: "govuk-tag--red",
    PENDING: "govuk-tag--blue",
    UPCOMING: "govuk-tag--grey",
    VACANT: "govuk-tag--grey",
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the same day so many months later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


@dataclass(frozen=True)
class Status:
    code: str
    label: str

    @property
    def tag(self) -> str:
        return TAGS[self.code]


def membership_status(membership: Membership, today: datetime.date | None = None) -> Status:
    """Return whether the membership is current, expiring, lapsed, pending vetting or upcoming."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=settings.PORTAL_ROSTER_REMINDER_DAYS)
    if membership.term_start > today:
        return Status(UPCOMING, f"Starts {membership.term_start:%-d %b %Y}")
    if membership.term_end < today:
        return Status(LAPSED, f"Term ended {membership.term_end:%-d %b %Y}")
    if membership.vetting_status == VettingStatus.PENDING:
        return Status(PENDING, "Vetting pending")
    expires = membership.vetting_expires_on
    if membership.vetting_status == VettingStatus.LAPSED or expires is None or expires < today:
        return Status(LAPSED, "Vetting lapsed")
    if membership.term_end <= soon and membership.term_end <= expires:
        return Status(EXPIRING, f"Term ends {membership.term_end:%-d %b %Y}")
    if expires <= soon:
        return Status(EXPIRING, f"Vetting expires {expires:%-d %b %Y}")
    return Status(CURRENT, "Current")


@dataclass(frozen=True)
class SeatRow:
    seat: Seat
    membership: Membership | None
    status: Status
    next_membership: Membership | None

    @property
    def kind(self) -> str:
        if self.seat.is_chair:
            return "Chair"
        return "Observer" if self.seat.is_observer else "Voting"


def _holder(memberships: list[Membership], today: datetime.date) -> Membership | None:
    """The membership in term today, else the latest past one, else the first to come."""
    in_term = [m for m in memberships if m.term_start <= today <= m.term_end]
    if in_term:
        return max(in_term, key=lambda m: m.term_start)
    past = [m for m in memberships if m.term_end < today]
    if past:
        return max(past, key=lambda m: m.term_end)
    return min(memberships, key=lambda m: m.term_start) if memberships else None


def roster_of(committee: Committee, today: datetime.date | None = None) -> list[SeatRow]:
    """Return one row per seat of the committee, in seat order, with its holder and status."""
    today = today or timezone.localdate()
    by_seat: dict[int, list[Membership]] = {}
    for membership in Membership.objects.filter(seat__committee=committee).select_related(
        "person__organisation", "alternate"
    ):
        by_seat.setdefault(membership.seat_id, []).append(membership)
    rows = []
    order = {category: index for index, category in enumerate(SeatCategory.values)}
    seats = sorted(committee.seats.all(), key=lambda s: (order.get(s.category, 99), s.number))
    for seat in seats:
        memberships = by_seat.get(seat.pk, [])
        holder = _holder(memberships, today)
        later = sorted(
            (m for m in memberships if m.term_start > today and m is not holder),
            key=lambda m: m.term_start,
        )
        status = membership_status(holder, today) if holder else Status(VACANT, "Vacant")
        rows.append(SeatRow(seat, holder, status, later[0] if later else None))
    return rows


@dataclass(frozen=True)
class CommitteeRoster:
    committee: Committee
    rows: list[SeatRow]

    def count(self, code: str) -> int:
        return sum(1 for row in self.rows if row.status.code == code)

    @property
    def summary(self) -> list[tuple[str, int]]:
        """(what, how many) for each status some seat has, in a fixed order."""
        names = (
            (CURRENT, "current"),
            (EXPIRING, "expiring"),
            (LAPSED, "lapsed"),
            (PENDING, "vetting pending"),
            (UPCOMING, "starting later"),
            (VACANT, "vacant"),
        )
        return [(name, self.count(code)) for code, name in names if self.count(code)]


def committees_with_rosters(today: datetime.date | None = None) -> list[CommitteeRoster]:
    """Return every committee with its roster rows, the home committee (the SSC) first."""
    committees = sorted(
        Committee.objects.all(), key=lambda c: (c.code != settings.PORTAL_HOME_COMMITTEE, c.code)
    )
    return [CommitteeRoster(committee, roster_of(committee, today)) for committee in committees]
