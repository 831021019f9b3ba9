"""The minutes as one reader may read them, item by item, from the meeting's record.

Each agenda item carries its discussion, its decisions stated once with their tally, and the
actions captured on it. A RED item the reader is not named on (selectors.named_on) is shown by
its number as a restricted closed-session item, with nothing of its business; the notes and
discussions are redacted of its words too (closed_session.withheld_texts).
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from assessments.closed_session import withheld_items, withheld_texts
from assessments.enums import ActionStatus, AttendanceStatus, BallotMethod, ItemKind
from assessments.models import (
    Action,
    AgendaItem,
    ConflictDeclaration,
    Decision,
    Meeting,
    Minutes,
)
from assessments.selectors import (
    agenda_items_visible_to,
    decisions_minuted_at,
    decisions_visible_to,
    meetings_visible_to,
    papers_of_meeting_visible_to,
    red_business,
)
from assessments.statements import tally_line
from triage_portal.classification import (
    NAMED_ONLY,
    RESTRICTED,
    Classification,
    named_only,
    redact,
    strictest,
)


def actions_visible_to(user) -> QuerySet[Action]:
    """Return the actions of meetings the user may see, but those captured on a RED item the
    user is not named on."""
    return Action.objects.filter(meeting__in=meetings_visible_to(user)).filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__in=agenda_items_visible_to(user))
    )


def carried_forward(meeting: Meeting) -> QuerySet[Action]:
    """Return the actions of the committee's earlier meetings still open when this one met:
    open now, or closed (or superseded) on or after its date."""
    return (
        Action.objects.filter(
            meeting__committee=meeting.committee_id, meeting__date__lt=meeting.date
        )
        .filter(Q(status=ActionStatus.OPEN) | Q(closed_at__date__gte=meeting.date))
        .select_related("meeting")
        .order_by("meeting__date", "reference")
    )


@dataclass(frozen=True)
class DecisionMinute:
    """A decision as the minutes state it: the statement, and the tally once."""

    reference: str
    statement: str
    tally: str
    reasons: str
    by_correspondence: bool
    decided_at: object
    withheld: bool = False


@dataclass(frozen=True)
class Declaration:
    name: str
    item_number: int
    nature: str
    ruling: str


@dataclass(frozen=True)
class CarriedAction:
    reference: str
    description: str
    owner: str
    due_on: object
    status: str
    withheld: bool


@dataclass(frozen=True)
class ItemRecord:
    """One agenda item as the minutes record it for the reader."""

    item: AgendaItem
    withheld: bool
    title: str
    paper_reference: str = ""
    discussion: str = ""
    decisions: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    declarations: list = field(default_factory=list)
    carried_forward: list = field(default_factory=list)
    approved_here: list = field(default_factory=list)


@dataclass(frozen=True)
class MinutesForReader:
    """The minutes as one reader sees them."""

    minutes: Minutes
    meeting: Meeting
    present: list
    represented: list
    apologies: list
    items: list
    other_actions: list  # captured on no item (from the action log)
    by_correspondence: list
    other_decisions: list
    notes: str
    level: Classification  # RED when anything of the closed session is shown

    @property
    def shows_closed_session(self) -> bool:
        """Whether this copy shows business only the people named on it read (at its level)."""
        return named_only(self.level)

    @property
    def actions(self) -> list:
        """Every action the minutes record, in reference order (the summary at their end)."""
        found = [a for i in self.items for a in i.actions] + self.other_actions
        return sorted(found, key=lambda a: a.reference)


def _decision_minute(decision: Decision, withheld: bool) -> DecisionMinute:
    by_post = decision.method == BallotMethod.CORRESPONDENCE
    if withheld:
        return DecisionMinute(
            decision.reference, RESTRICTED, "", "", by_post, decision.decided_at, True
        )
    tally = "" if decision.method == BallotMethod.CONSENSUS else tally_line(decision.snapshot)
    return DecisionMinute(
        decision.reference,
        decision.resolution,
        tally or ("By consensus." if decision.method == BallotMethod.CONSENSUS else ""),
        decision.reasons,
        by_post,
        decision.decided_at,
    )


def _declarations(meeting: Meeting, hidden: set[int]) -> list[Declaration]:
    rows = (
        ConflictDeclaration.objects.filter(
            Q(agenda_item__meeting=meeting) | Q(ballot__agenda_item__meeting=meeting),
            declared_at__isnull=False,
        )
        .select_related("person", "agenda_item", "ballot__agenda_item")
        .order_by("declared_at", "pk")
    )
    found = []
    for row in rows:
        item = row.agenda_item or row.ballot.agenda_item
        found.append(
            Declaration(
                name=row.person.full_name,
                item_number=item.number,
                nature=RESTRICTED if item.pk in hidden else row.nature,
                ruling=row.get_ruling_display(),
            )
        )
    return found


def minutes_for_reader(user, minutes: Minutes) -> MinutesForReader:
    """Return the minutes as the user may read them (see the module's docstring)."""
    meeting = minutes.meeting
    hidden = withheld_items(user, meeting)
    texts = withheld_texts(user, meeting)
    readable = set(decisions_visible_to(user).values_list("pk", flat=True).order_by())
    at_meeting, by_post = decisions_minuted_at(meeting)
    at_meeting = list(at_meeting.select_related("ballot__agenda_item").order_by("reference"))
    items = list(meeting.items.select_related("submission").order_by("number"))
    papers = {
        p.agenda_item_id: p.reference
        for p in papers_of_meeting_visible_to(user, meeting).only("agenda_item", "reference")
    }
    discussions = dict(minutes.item_minutes.values_list("agenda_item_id", "discussion").order_by())
    actions = {}
    for action in meeting.actions.select_related("agenda_item").order_by("reference"):
        actions.setdefault(action.agenda_item_id, []).append(action)
    visible_actions = set(actions_visible_to(user).values_list("pk", flat=True).order_by())
    shown_red = False
    records = []
    for item in items:
        withheld = item.pk in hidden
        if withheld:
            records.append(ItemRecord(item=item, withheld=True, title=RESTRICTED))
            continue
        shown_red |= named_only(item.classification)
        decisions = [
            _decision_minute(d, d.pk not in readable)
            for d in at_meeting
            if d.ballot_id and d.ballot.agenda_item_id == item.pk
        ]
        title = item.title
        if item.submission_id and item.submission.title not in title:
            title = f"{title}: {item.submission.reference} {item.submission.title}"
        extra = {}
        if item.kind == ItemKind.DECLARATIONS:
            extra["declarations"] = _declarations(meeting, hidden)
        if item.kind == ItemKind.MINUTES:
            extra["carried_forward"] = [
                CarriedAction(
                    a.reference,
                    a.description if a.pk in visible_actions else RESTRICTED,
                    a.owner,
                    a.due_on,
                    a.get_status_display(),
                    a.pk not in visible_actions,
                )
                for a in carried_forward(meeting)
            ]
            extra["approved_here"] = list(
                Minutes.objects.filter(approved_at_meeting=meeting).select_related(
                    "meeting__committee"
                )
            )
        records.append(
            ItemRecord(
                item=item,
                withheld=False,
                title=title,
                paper_reference=papers.get(item.pk, ""),
                discussion=redact(discussions.get(item.pk, ""), texts),
                decisions=decisions,
                actions=[a for a in actions.get(item.pk, []) if a.pk in visible_actions],
                **extra,
            )
        )
    filed = {d.pk for d in at_meeting if d.ballot_id and d.ballot.agenda_item_id}
    other = [_decision_minute(d, d.pk not in readable) for d in at_meeting if d.pk not in filed]
    by_post = [_decision_minute(d, d.pk not in readable) for d in by_post.order_by("reference")]
    red = red_references(meeting)
    shown_red |= any(not d.withheld and d.reference in red for d in by_post + other)
    attendance = list(
        meeting.attendance.select_related("person__organisation", "represented_by").order_by(
            "person__full_name"
        )
    )
    return MinutesForReader(
        minutes=minutes,
        meeting=meeting,
        present=[a for a in attendance if a.status == AttendanceStatus.PRESENT],
        represented=[a for a in attendance if a.status == AttendanceStatus.REPRESENTED],
        apologies=[a for a in attendance if a.status == AttendanceStatus.APOLOGIES],
        items=records,
        other_actions=actions.get(None, []),
        by_correspondence=by_post,
        other_decisions=other,
        notes=redact(minutes.body, texts),
        level=strictest(minutes.classification, *NAMED_ONLY)
        if shown_red
        else Classification(minutes.classification),
    )


def red_references(meeting: Meeting) -> set[str]:
    """Return the references of the RED decisions the meeting's minutes record."""
    at_meeting, by_post = decisions_minuted_at(meeting)
    red = red_business(item="ballot__agenda_item", submission="submission")
    return set((at_meeting | by_post).filter(red).values_list("reference", flat=True))
