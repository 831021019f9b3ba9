"""A meeting's agenda as one reader sees it: the open session, then the closed (RED) session.

Each business item shows its proposal's own title and reference, its paper's reference and
the paper's status. A RED item the reader is not named on (assessments.selectors.named_on)
shows as RESTRICTED, with nothing of its proposal or paper; the secretariat reads all.
Used by the meeting page and the meeting pack, so both say the same.
"""

from dataclasses import dataclass

from assessments.closed_session import withheld_items
from assessments.enums import ItemKind, Session
from assessments.models import AgendaItem, Meeting, Paper
from assessments.selectors import papers_of_meeting_visible_to
from triage_portal.classification import RESTRICTED, named_only

# What the agenda reads of each item, proposal and paper: a paper's and a proposal's text are long.
ITEM_COLUMNS = (
    "id",
    "meeting",
    "number",
    "kind",
    "title",
    "session",
    "classification",
    "submission__id",
    "submission__reference",
    "submission__kind",
    "submission__use_case_title",
    "submission__sc_mod_title",
)


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item as one reader sees it."""

    item: AgendaItem
    withheld: bool
    title: str
    proposal_title: str = ""
    proposal_reference: str = ""
    paper: Paper | None = None  # the paper, when the reader may open it
    paper_reference: str = ""
    paper_status: str = ""

    @property
    def number(self) -> int:
        return self.item.number

    @property
    def is_business(self) -> bool:
        return self.item.kind == ItemKind.BUSINESS


@dataclass(frozen=True)
class Agenda:
    open_session: list[AgendaLine]
    closed_session: list[AgendaLine]

    @property
    def lines(self) -> list[AgendaLine]:
        return sorted(self.open_session + self.closed_session, key=lambda line: line.number)


def _paper_status(issued_at, late_approved: bool, readable: bool) -> str:
    if issued_at is None:
        return "Draft" if readable else "Paper not yet issued"
    issued = f"Issued {issued_at:%-d %B %Y}"
    return f"{issued} (late issue approved by the Chair)" if late_approved else issued


def _line(item: AgendaItem, withheld: bool, paper_row, readable: Paper | None) -> AgendaLine:
    if withheld:
        return AgendaLine(item=item, withheld=True, title=RESTRICTED)
    submission = item.submission
    shown = {
        "item": item,
        "withheld": False,
        "title": str(submission) if submission else item.title,
        "proposal_title": item.title if submission else "",
        "proposal_reference": (submission.reference or "") if submission else "",
    }
    if paper_row is None:
        return AgendaLine(
            **shown, paper_status="No paper" if item.kind == ItemKind.BUSINESS else ""
        )
    reference, issued_at, late = paper_row
    return AgendaLine(
        **shown,
        paper=readable,
        paper_reference=reference or "",
        paper_status=_paper_status(issued_at, late, readable is not None),
    )


def build_agenda(meeting: Meeting, *, withheld: set[int], readable: dict[int, Paper]) -> Agenda:
    """Return the meeting's agenda with the given items withheld and papers readable (by item)."""
    items = meeting.items.select_related("submission").only(*ITEM_COLUMNS).order_by("number")
    papers = {
        item_id: (reference, issued_at, late_by is not None)
        for item_id, reference, issued_at, late_by in Paper.objects.filter(
            agenda_item__meeting=meeting
        )
        .order_by()
        .values_list("agenda_item_id", "reference", "issued_at", "late_approved_by")
    }
    open_session, closed_session = [], []
    for item in items:
        line = _line(item, item.pk in withheld, papers.get(item.pk), readable.get(item.pk))
        closed = item.session == Session.CLOSED or named_only(item.classification)
        (closed_session if closed else open_session).append(line)
    return Agenda(open_session=open_session, closed_session=closed_session)


def agenda_for(user, meeting: Meeting) -> Agenda:
    """Return the meeting's agenda as the user may read it (see the module's docstring)."""
    readable = {
        paper.agenda_item_id: paper
        for paper in papers_of_meeting_visible_to(user, meeting)
        .only("id", "agenda_item", "reference", "issued_at")
        .order_by()
    }
    return build_agenda(meeting, withheld=withheld_items(user, meeting), readable=readable)
