"""Meeting packs: a cover, the agenda, a table of contents, then every paper the reader may see."""

from django.template.loader import render_to_string

from assessments.agenda import Agenda, build_agenda
from assessments.models import Meeting
from assessments.papers.render import Reader, annex_files, html_to_pdf, marking, paper_context
from triage_portal.classification import NAMED_ONLY, Classification, statement, strictest
from usecases.presentation.diagram_print import diagram_forms


def pack_papers(meeting: Meeting, visible_papers) -> list:
    """Return the issued papers of the meeting the reader may see, in agenda order."""
    return list(
        visible_papers.filter(agenda_item__meeting=meeting, issued_at__isnull=False)
        .select_related("agenda_item__submission", "agenda_item__meeting__committee")
        .order_by("agenda_item__number")
    )


def pack_level(papers: list) -> Classification:
    """Return the pack's classification: the highest of its papers and their annexes."""
    levels = [Classification.WHITE]
    for paper in papers:
        levels.append(paper.classification)
        levels.extend(paper.annexes.values_list("classification", flat=True))
    return strictest(*levels)


def pack_reference(meeting: Meeting) -> str:
    return f"{meeting.committee.code} meeting {meeting.number} pack"


def render_pack(
    meeting: Meeting, papers: list, reader: Reader | None = None, agenda: Agenda | None = None
) -> bytes:
    """Return the pack as PDF bytes; its classification is the highest of its papers and annexes."""
    return render_pack_noting(meeting, papers, reader, agenda)[0]


def _default_agenda(meeting: Meeting, papers: list) -> Agenda:
    """Return the agenda as a reader of just these papers sees it: the RED items among them
    shown, every other RED item restricted (assessments.agenda.agenda_for is the reader's own)."""
    shown = {paper.agenda_item_id for paper in papers}
    red = meeting.items.filter(classification__in=NAMED_ONLY).values_list("pk", flat=True)
    return build_agenda(
        meeting,
        withheld={pk for pk in red if pk not in shown},
        readable={paper.agenda_item_id: paper for paper in papers},
    )


def render_pack_noting(
    meeting: Meeting, papers: list, reader: Reader | None = None, agenda: Agenda | None = None
) -> tuple[bytes, list[str]]:
    """Return the pack as PDF bytes, and a note for each annex it could not include.

    The cover lists the agenda, open then closed session, as the reader may read it (agenda,
    from assessments.agenda.agenda_for). Annexes not yet prepared are prepared here (a pack is
    made in the background); an annex that cannot be included has a page saying so, and the
    pack is made all the same.
    """
    agenda = agenda or _default_agenda(meeting, papers)
    level = pack_level(papers)
    files, contexts, notes = {}, [], []
    for paper in papers:
        found = annex_files(paper, prepare_now=True)
        files |= found.files
        notes.extend(f"{paper.reference or paper.title}: {note}" for note in found.notes.values())
        context = paper_context(paper, reader)
        context |= {
            "attachment_pages": found.pages,
            "annex_notes": found.notes,
            "marking": marking(level),
        }
        contexts.append(context)
    pack_reader = reader
    html = render_to_string(
        "assessments/pdf/pack.html",
        {
            "meeting": meeting,
            "papers": contexts,
            "agenda_sections": [
                ("Open session", agenda.open_session),
                ("Closed session (RED)", agenda.closed_session),
            ],
            "level": Classification(level),
            "level_name": "White" if level == Classification.WHITE else Classification(level).label,
            "marking": marking(level),
            "statement": statement(level),
            "reader": pack_reader,
            "reference": pack_reference(meeting),
            "running_title": f"{meeting.committee.code} meeting {meeting.number} – {meeting.date:%-d %B %Y}",
        },
    )
    return html_to_pdf(html, files, forms=diagram_forms()), notes
