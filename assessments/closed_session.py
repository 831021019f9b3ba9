"""What a reader sees of RED business they are not named on (assessments.selectors.named_on).

The decision log and its CSV list such a decision by reference and date alone; the meeting page
shows such an item as a closed item; the minutes (assessments.minutes_record) show it as
RESTRICTED.
"""

import datetime
from dataclasses import dataclass

from assessments.models import AgendaItem, Ballot, Decision, Meeting, Membership
from assessments.selectors import (
    agenda_items_visible_to,
    ballots_visible_to,
    decisions_visible_to,
    red_business,
)
from triage_portal.accounts.enums import Role
from triage_portal.accounts.models import User
from triage_portal.classification import NAMED_ONLY, RESTRICTED


@dataclass(frozen=True)
class DecisionLine:
    """A decision as the decision log and its CSV show it to one reader."""

    pk: int
    reference: str
    committee_code: str
    decided_at: datetime.datetime
    method: str
    method_label: str
    withheld: bool
    outcome_label: str = ""
    passed: bool | None = None
    for_count: int | None = None
    against_count: int | None = None
    abstain_count: int | None = None
    resolution: str = RESTRICTED
    submission_pk: int | None = None
    submission_reference: str = ""


def decision_line(decision: Decision) -> DecisionLine:
    """Return what a reader sees of a decision from decision_log_visible_to: a withheld one keeps
    its reference, committee, date and method, never its outcome, tally, question or resolution."""
    shown = {
        "pk": decision.pk,
        "reference": decision.reference,
        "committee_code": decision.committee.code,
        "decided_at": decision.decided_at,
        "method": decision.method,
        "method_label": decision.get_method_display(),
        "withheld": decision.withheld,
    }
    if decision.withheld:
        return DecisionLine(**shown)
    tally = decision.snapshot or {}
    return DecisionLine(
        **shown,
        outcome_label=decision.get_outcome_display(),
        passed=decision.passed,
        for_count=tally.get("for_count"),
        against_count=tally.get("against_count"),
        abstain_count=tally.get("abstain_count"),
        resolution=decision.resolution,
        submission_pk=decision.submission_id,
        submission_reference=decision.submission.reference if decision.submission_id else "",
    )


def withheld_items(user, meeting: Meeting) -> set[int]:
    """Return the ids of the meeting's RED items the user may not read (none for the
    secretariat)."""
    red = meeting.items.filter(classification__in=NAMED_ONLY).order_by()
    readable = agenda_items_visible_to(user).filter(meeting=meeting)
    return set(red.exclude(pk__in=readable.values("pk")).values_list("pk", flat=True))


def withheld_texts(user, meeting: Meeting) -> list[str]:
    """Return what the user may not read of the meeting's RED business, for redact(): the titles
    of its RED items and their proposals, and the questions and resolutions of the committee's
    RED votes and decisions withheld from the user.

    For minutes drafted before an item was raised to RED, or typed by hand: the draft itself
    never writes RED business out. An item title the user also reads on another item (a paper's
    standard title, "Use Case for Device Refurbishment") tells nothing and is left as it is.
    """
    if user.is_authenticated and user.is_active and user.role == Role.SECRETARIAT:
        return []
    hidden = withheld_items(user, meeting)
    items = AgendaItem.objects.filter(pk__in=hidden).select_related("submission")
    readable_titles = set(
        meeting.items.exclude(pk__in=hidden).values_list("title", flat=True).order_by()
    )
    texts = []
    for item in items:
        if item.title not in readable_titles:
            texts.append(item.title)
        if item.submission_id:
            texts.append(item.submission.title)
    ballots = Ballot.objects.filter(committee=meeting.committee_id).filter(
        red_business(item="agenda_item", submission="submission")
    )
    shown_ballots = ballots_visible_to(user).values("pk")
    texts += ballots.exclude(pk__in=shown_ballots).values_list("question", flat=True)
    decisions = Decision.objects.filter(committee=meeting.committee_id).filter(
        red_business(item="ballot__agenda_item", submission="submission")
    )
    for resolution, question in decisions.exclude(
        pk__in=decisions_visible_to(user).values("pk")
    ).values_list("resolution", "snapshot__question"):
        texts += [resolution, question or ""]
    return texts


@dataclass(frozen=True)
class Invitable:
    """A person the secretariat may name on a closed-session item's invitation."""

    pk: int
    name: str
    seats: str  # how they sit on the committee today, or "no current seat"
    seated: bool
    invited: bool


def invitation_list(item: AgendaItem) -> list[Invitable]:
    """Return who may be named on the item's invitation: the current members, alternates and
    observers of its committee, and anyone already named (whose seat may since have lapsed,
    which leaves the invitation idle), each with how they sit and whether they are invited;
    by name."""
    seats: dict[int, list[str]] = {}
    for membership in (
        Membership.objects.current()
        .filter(seat__committee=item.meeting.committee_id)
        .select_related("seat", "person", "alternate")
    ):
        seat = f"{membership.seat.get_category_display()} {membership.seat.number}"
        seats.setdefault(membership.person_id, []).append(seat)
        if membership.alternate_id:
            seats.setdefault(membership.alternate_id, []).append(
                f"alternate for {membership.person.full_name} ({seat})"
            )
    invited = set(item.invitees.values_list("pk", flat=True))
    people = User.objects.filter(pk__in=seats.keys() | invited).only("full_name", "email")
    return sorted(
        (
            Invitable(
                pk=person.pk,
                name=person.full_name or person.email,
                seats="; ".join(seats.get(person.pk, ["no current seat"])),
                seated=person.pk in seats,
                invited=person.pk in invited,
            )
            for person in people
        ),
        key=lambda row: (row.name.casefold(), row.pk),
    )
