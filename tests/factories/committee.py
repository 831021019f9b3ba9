"""Committees with seats and members, built as the admin and services would."""

import datetime

from django.utils import timezone

from assessments.enums import SeatCategory, VettingStatus
from assessments.models import Committee, Membership, Seat
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role


def committee(code: str = "SSC", **rules) -> Committee:
    return Committee.objects.create(
        code=code, name=f"{code} committee", paper_ref_prefix=code, **rules
    )


def seat_member(
    committee_obj: Committee, category: str, number: int = 1, *, user=None, **membership
) -> Membership:
    seat, _ = Seat.objects.get_or_create(committee=committee_obj, category=category, number=number)
    role = (
        Role.SSC_CHAIR
        if category == SeatCategory.CHAIR
        else (Role.OBSERVER if category.startswith("OBSERVER") else Role.SSC_MEMBER)
    )
    today = timezone.localdate()
    defaults = {
        "term_start": today - datetime.timedelta(days=30),
        "term_end": today + datetime.timedelta(days=300),
        "vetting_status": VettingStatus.VETTED,
        "vetting_expires_on": today + datetime.timedelta(days=400),
    }
    defaults.update(membership)
    return Membership.objects.create(seat=seat, person=user or UserFactory(role=role), **defaults)


def ssc_with_members(voting: int = 6, code: str = "SSC", **rules):
    """Return (committee, chair membership, [voting memberships])."""
    ssc = committee(code, **rules)
    chair = seat_member(ssc, SeatCategory.CHAIR)
    members = [seat_member(ssc, SeatCategory.LARGE_SUPPLIER, n) for n in range(1, voting + 1)]
    return ssc, chair, members
