"""The roster: appointing seat holders, alternates, renewing terms, recording vetting, reminders.

Every change is a Membership save, so it is logged with its values (assessments.membership_log)
and takes effect at once: who may see what is decided from the memberships on every request,
and the write moves the change stamp, which retires every kept page (triage_portal/perf).
"""

import datetime
import functools

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments.enums import VettingStatus
from assessments.models import Membership, Seat
from triage_portal.accounts.enums import COMMITTEE_ROLES
from triage_portal.mail import queue_email
from usecases.errors import ActionRefused, require

PERMISSION = "assessments.manage_roster"


def _check_vetting(status: str, expires_on: datetime.date | None) -> None:
    if status not in VettingStatus.values:
        raise ActionRefused("Select the vetting status.")
    if status == VettingStatus.VETTED and expires_on is None:
        raise ActionRefused("Enter the date the vetting expires.")


def _check_alternate(person, alternate) -> None:
    if alternate is None:
        return
    if alternate.pk == person.pk:
        raise ActionRefused(f"{person.full_name} cannot be their own alternate.")
    if not alternate.is_active or alternate.role not in COMMITTEE_ROLES:
        raise ActionRefused(
            f"{alternate.full_name} has no committee account: create one for them first."
        )


def _values(membership: Membership) -> dict:
    return {
        "seat": str(membership.seat),
        "person": membership.person_id,
        "alternate": membership.alternate_id,
        "term_start": membership.term_start,
        "term_end": membership.term_end,
        "vetting_status": membership.vetting_status,
        "vetting_expires_on": membership.vetting_expires_on,
    }


@transaction.atomic
def appoint_member(
    *,
    user,
    seat_id: int,
    person,
    term_start: datetime.date,
    term_end: datetime.date,
    vetting_status: str,
    vetting_expires_on: datetime.date | None = None,
    alternate=None,
) -> Membership:
    """Give a seat a holder for a term; the holder before them has their term ended the day before.

    Refuses a person without a committee account, one who already holds another seat on the
    committee in that time, and a term that starts no later than the present holder's.
    """
    require(user, PERMISSION)
    seat = Seat.objects.select_for_update().select_related("committee").get(pk=seat_id)
    if not person.is_active or person.role not in COMMITTEE_ROLES:
        raise ActionRefused(
            f"{person.full_name} has no committee account: create one for them first."
        )
    if term_end < term_start:
        raise ActionRefused("The term must end on or after the day it starts.")
    _check_vetting(vetting_status, vetting_expires_on)
    _check_alternate(person, alternate)
    overlapping = Membership.objects.filter(term_end__gte=term_start, term_start__lte=term_end)
    elsewhere = (
        overlapping.filter(seat__committee=seat.committee, person=person)
        .exclude(seat=seat)
        .select_related("seat")
        .first()
    )
    if elsewhere:
        raise ActionRefused(
            f"{person.full_name} already holds {elsewhere.seat} until {elsewhere.term_end:%-d %B %Y}."
        )
    for before in overlapping.select_for_update().filter(seat=seat).select_related("person"):
        if before.term_start >= term_start:
            raise ActionRefused(
                f"{before.person.full_name} holds this seat from {before.term_start:%-d %B %Y}: "
                "renew or change their term instead, or start the new term later."
            )
        old_end = before.term_end
        before.term_end = term_start - datetime.timedelta(days=1)
        before.save(update_fields=["term_end"])
        before.log_action(
            "assessments.membership.term_ended",
            actor=user,
            data={"old_end": old_end, "new_end": before.term_end, "succeeded_by": person.pk},
        )
    membership = Membership.objects.create(
        seat=seat,
        person=person,
        alternate=alternate,
        term_start=term_start,
        term_end=term_end,
        vetting_status=vetting_status,
        vetting_expires_on=vetting_expires_on,
    )
    membership.log_action("assessments.membership.appointed", actor=user, data=_values(membership))
    return membership


def _locked(membership_id: int) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("seat__committee", "person")
        .get(pk=membership_id)
    )


@transaction.atomic
def set_alternate(*, user, membership_id: int, alternate) -> Membership:
    """Name the member's alternate, or none."""
    require(user, PERMISSION)
    membership = _locked(membership_id)
    _check_alternate(membership.person, alternate)
    old = membership.alternate_id
    new = alternate.pk if alternate else None
    if old == new:
        return membership
    membership.alternate = alternate
    membership.save(update_fields=["alternate"])
    membership.log_action(
        "assessments.membership.alternate_set", actor=user, data={"old": old, "new": new}
    )
    return membership


@transaction.atomic
def renew_term(*, user, membership_id: int, term_end: datetime.date) -> Membership:
    """Extend the member's term to a later end date."""
    require(user, PERMISSION)
    membership = _locked(membership_id)
    if term_end <= membership.term_end:
        raise ActionRefused(
            f"Enter an end date after the present one, {membership.term_end:%-d %B %Y}."
        )
    later = (
        Membership.objects.filter(seat=membership.seat, term_start__gt=membership.term_start)
        .select_related("person")
        .order_by("term_start")
        .first()
    )
    if later and term_end >= later.term_start:
        raise ActionRefused(
            f"{later.person.full_name} holds this seat from {later.term_start:%-d %B %Y}: "
            "the term must end before then."
        )
    old = membership.term_end
    membership.term_end = term_end
    membership.save(update_fields=["term_end"])
    membership.log_action(
        "assessments.membership.term_renewed", actor=user, data={"old": old, "new": term_end}
    )
    return membership


@transaction.atomic
def record_vetting(
    *, user, membership_id: int, status: str, expires_on: datetime.date | None
) -> Membership:
    """Record the member's security vetting: its status and when it expires."""
    require(user, PERMISSION)
    _check_vetting(status, expires_on)
    membership = _locked(membership_id)
    old = {"status": membership.vetting_status, "expires_on": membership.vetting_expires_on}
    membership.vetting_status = status
    membership.vetting_expires_on = expires_on
    membership.save(update_fields=["vetting_status", "vetting_expires_on"])
    membership.log_action(
        "assessments.membership.vetting_recorded",
        actor=user,
        data={"old": old, "new": {"status": status, "expires_on": expires_on}},
    )
    return membership


def _remind(membership: Membership, what: str, lapses_on: datetime.date) -> None:
    link = settings.PORTAL_BASE_URL + reverse("assessments:roster")
    to = [settings.SECRETARIAT_EMAIL]
    if membership.person.email and membership.person.is_active:
        to.append(membership.person.email)
    context = {"membership": membership, "what": what, "lapses_on": lapses_on, "link": link}
    transaction.on_commit(
        functools.partial(
            queue_email,
            template="roster_expiry",
            key="assessments.roster_expiry",
            to=to,
            context=context,
        )
    )
    membership.log_action(
        "assessments.membership.expiry_reminded", data={"what": what, "lapses_on": lapses_on}
    )


@transaction.atomic
def remind_expiries(today: datetime.date | None = None) -> int:
    """E-mail the secretariat and the member before a term ends or vetting expires.

    Sent once PORTAL_ROSTER_REMINDER_DAYS or fewer days before each lapse (once per lapse: a
    renewed term or vetting has a new date and is reminded again). Returns the e-mails sent.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.PORTAL_ROSTER_REMINDER_DAYS)
    sent = 0
    due = (
        Membership.objects.select_for_update(of=("self",))
        .filter(term_start__lte=horizon, term_end__gte=today)
        .select_related("seat__committee", "person")
        .order_by("pk")
    )
    for membership in due:
        if membership.term_end <= horizon and membership.term_reminded_for != membership.term_end:
            _remind(membership, "term", membership.term_end)
            Membership.objects.filter(pk=membership.pk).update(
                term_reminded_for=membership.term_end
            )
            sent += 1
        expires = membership.vetting_expires_on
        if (
            membership.vetting_status == VettingStatus.VETTED
            and expires is not None
            and today <= expires <= horizon
            and membership.vetting_reminded_for != expires
        ):
            _remind(membership, "vetting", expires)
            Membership.objects.filter(pk=membership.pk).update(vetting_reminded_for=expires)
            sent += 1
    return sent
