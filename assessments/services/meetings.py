"""Meetings, attendance and agendas."""

import datetime

from django.db import transaction
from django.db.models import Max

from assessments.enums import AttendanceStatus, ItemKind, Session
from assessments.models import AgendaItem, Attendance, Committee, Meeting, Paper
from assessments.papers.references import paper_reference
from triage_portal.classification import Classification, named_only
from usecases.errors import ActionRefused, require

STANDING_ITEMS = (
    (ItemKind.MINUTES, "Minutes and actions"),
    (ItemKind.DECLARATIONS, "Declarations of interest"),
)


@transaction.atomic
def create_meeting(
    *, user, committee: Committee, number: int, date: datetime.date, location: str = ""
) -> Meeting:
    """Create a meeting with its standing agenda: minutes and actions, declarations, AOB."""
    require(user, "assessments.manage_meetings")
    if Meeting.objects.filter(committee=committee, number=number).exists():
        raise ActionRefused(f"{committee.code} meeting {number} already exists.")
    meeting = Meeting.objects.create(
        committee=committee, number=number, date=date, location=location
    )
    for position, (kind, title) in enumerate(STANDING_ITEMS, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            number=position,
            kind=kind,
            title=title,
            classification=Classification.WHITE,
        )
    AgendaItem.objects.create(
        meeting=meeting,
        number=len(STANDING_ITEMS) + 1,
        kind=ItemKind.AOB,
        title="Any other business",
        classification=Classification.WHITE,
    )
    meeting.log_action(
        "assessments.meeting.created",
        actor=user,
        data={"committee": committee.code, "number": number, "date": date},
    )
    return meeting


@transaction.atomic
def record_attendance(
    *, user, meeting: Meeting, person, status: str, represented_by=None
) -> Attendance:
    """Record whether a person was present, sent apologies or was represented by an alternate."""
    require(user, "assessments.manage_meetings")
    if status == AttendanceStatus.REPRESENTED and represented_by is None:
        raise ActionRefused("Select the alternate who represented them.")
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"status": status, "represented_by": represented_by},
    )
    meeting.log_action(
        "assessments.meeting.attendance_recorded",
        actor=user,
        data={
            "person": person.pk,
            "status": status,
            "represented_by": represented_by.pk if represented_by else None,
        },
    )
    return attendance


def _aob(meeting: Meeting) -> AgendaItem | None:
    return meeting.items.filter(kind=ItemKind.AOB).order_by("-number").first()


def slot_before_aob(meeting: Meeting) -> int:
    """Free the number AOB holds (moving AOB to the end) and return it for a new business item."""
    aob = _aob(meeting)
    top = meeting.items.aggregate(top=Max("number"))["top"] or 0
    if aob is None:
        return top + 1
    number = aob.number
    aob.number = top + 1
    aob.save(update_fields=["number"])
    return number


@transaction.atomic
def add_business_item(
    *,
    user,
    meeting: Meeting,
    title: str,
    classification: str,
    submission=None,
    session: str | None = None,
) -> AgendaItem:
    """Add a business item before AOB; RED items always go in the closed session."""
    require(user, "assessments.manage_meetings")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    session = Session.CLOSED if named_only(classification) else (session or Session.OPEN)
    number = slot_before_aob(meeting)
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=number,
        title=title,
        classification=classification,
        submission=submission,
        session=session,
    )
    meeting.log_action(
        "assessments.agenda.item_added",
        actor=user,
        data={
            "item": item.pk,
            "number": number,
            "title": title,
            "session": session,
            "submission": getattr(submission, "pk", None),
        },
    )
    return item


def renumber(items: list[AgendaItem]) -> list[tuple[AgendaItem, int, int]]:
    """Number one meeting's items 1, 2, 3 in the order given; return (item, old, new) for each moved.

    Every number is parked out of the way first, so the unique constraint holds throughout.
    """
    offset = 1000
    for position, agenda_item in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=agenda_item.pk).update(number=offset + position)
    moved = []
    for position, agenda_item in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=agenda_item.pk).update(number=position)
        if agenda_item.number != position:
            moved.append((agenda_item, agenda_item.number, position))
            agenda_item.number = position
    return moved


@transaction.atomic
def move_agenda_item(*, user, item: AgendaItem, number: int) -> AgendaItem:
    """Renumber a business item; an issued paper on any moved item gets its reference reissued."""
    require(user, "assessments.manage_meetings")
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    items = list(meeting.items.order_by("number"))
    moving = next(i for i in items if i.pk == item.pk)
    if not 1 <= number <= len(items):
        raise ActionRefused(f"Enter an item number from 1 to {len(items)}.")
    previous = moving.number
    items.remove(moving)
    items.insert(number - 1, moving)
    moved = renumber(items)
    reissue_references([agenda_item.pk for agenda_item, _, _ in moved], user, why="item moved")
    meeting.log_action(
        "assessments.agenda.item_moved",
        actor=user,
        data={"item": moving.pk, "from": previous, "to": number},
    )
    return moving


def reissue_references(item_ids: list[int], user, *, why: str) -> list[Paper]:
    """Give each listed item's issued paper the reference of its item's meeting and number now.

    Call after the items (or their meeting) changed. Each changed reference is logged on its
    paper with the old and new reference and why; unchanged ones are left alone.
    """
    papers = list(
        Paper.objects.filter(agenda_item__in=item_ids, issued_at__isnull=False).select_related(
            "agenda_item__meeting__committee"
        )
    )
    new = {}
    for paper in papers:
        item = paper.agenda_item
        meeting = item.meeting
        new[paper.pk] = paper_reference(
            meeting.committee.paper_ref_prefix, meeting.number, meeting.date, item.number
        )
    changed = [paper for paper in papers if paper.reference != new[paper.pk]]
    # Cleared first: a reference may pass from one moved paper to another.
    Paper.objects.filter(pk__in=[p.pk for p in changed]).update(reference=None)
    for paper in changed:
        old = paper.reference
        paper.reference = new[paper.pk]
        paper.save(update_fields=["reference"])
        paper.log_action(
            "assessments.paper.reference_reissued",
            actor=user,
            data={
                "old": old,
                "new": paper.reference,
                "meeting": str(paper.agenda_item.meeting),
                "new_item": paper.agenda_item.number,
                "why": why,
            },
        )
    return changed
