"""'Sits on a committee' is defined once (MembershipQuerySet.held_by) and every rule asks it."""

import datetime

import pytest
from django.utils import timezone

from assessments.enums import SeatCategory, VettingStatus
from assessments.models import Membership
from assessments.selectors import seats_of
from tests.factories.committee import committee, seat_member
from tests.factories.people import UserFactory
from triage_portal.access import sits_on_a_committee
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("how", "sits"),
    [
        ("member", True),
        ("alternate", True),
        ("vetting_lapsed", False),
        ("vetting_pending", False),
        ("term_ended", False),
        ("term_not_started", False),
    ],
)
def test_every_rule_agrees_on_who_sits_on_the_committee(settings, how, sits):
    ssc = committee(settings.PORTAL_HOME_COMMITTEE)
    person = UserFactory(role=Role.SSC_MEMBER)
    changes = {
        "vetting_lapsed": {"vetting_expires_on": days(-1)},
        "vetting_pending": {"vetting_status": VettingStatus.PENDING},
        "term_ended": {"term_end": days(-1)},
        "term_not_started": {"term_start": days(1)},
    }.get(how, {})
    if how == "alternate":
        seat_member(ssc, SeatCategory.LARGE_SUPPLIER, alternate=person)
    else:
        seat_member(ssc, SeatCategory.LARGE_SUPPLIER, user=person, **changes)

    assert Membership.objects.held_by(person).exists() is sits
    assert (seats_of(person).committees == (ssc.pk,)) is sits
    assert person.has_perm("assessments.view_committee", ssc) is sits
    assert sits_on_a_committee(person) is sits
