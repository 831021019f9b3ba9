"""Render committee papers to PDF with WeasyPrint (imported only when a PDF is made).

render_paper(paper) is a pure function of the paper and what it annexes: the same inputs
give the same text and layout, for every reader, so it is rendered once and kept
(papers.cache); a reader's watermark is laid over the kept copy (paper_for_reader). Attached
PDFs are laid in, as prepared in the background (usecases.files.annexes), on pages that carry
the paper's markings and continue its page numbering.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from assessments.enums import AnnexKind
from assessments.models import Paper, PaperDocument
from assessments.papers import paper_documents
from assessments.papers.cache import cached_paper_pdf
from triage_portal.classification import Classification, statement, watermarked
from triage_portal.pdf import html_to_pdf, page_count, stamp_watermark
from usecases.files.annexes import (
    PENDING,
    READY,
    REFUSED,
    Preparation,
    preparation_of,
    prepare,
    prepared_pdf,
    request_preparation,
)
from usecases.presentation.diagram_print import diagram_forms, state_diagram_for_print

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reader:
    """Who a classified copy is made for; their name goes in its watermark."""

    name: str
    organisation: str

    @classmethod
    def of(cls, user) -> "Reader":
        return cls(user.full_name, user.organisation.name if user.organisation else "")


def marking(level: str) -> str:
    return (
        f"TLP:{'CLEAR' if level == Classification.WHITE else level}"
        if settings.PORTAL_TLP2_MARKINGS
        else level
    )


def watermark_text(level: str, reader: Reader | None) -> str:
    if reader is None or not watermarked(level):
        return ""
    stamp = timezone.localtime().strftime("%d %B %Y %H:%M")
    return f"{level} – issued to {reader.name}{', ' + reader.organisation if reader.organisation else ''} – {stamp}"


def paper_context(paper: Paper, reader: Reader | None = None) -> dict:
    """Return the template values for one paper and its annexes."""
    submission = paper.agenda_item.submission
    level = paper.classification
    reference = paper.reference or "DRAFT"
    return {
        "paper": paper,
        "submission": submission,
        "annexes": list(paper.annexes.select_related("attachment").order_by("position")),
        "reference": reference,
        "action": paper.get_action_display(),
        "marking": marking(level),
        "level_name": "White" if level == Classification.WHITE else Classification(level).label,
        "running_title": f"{reference} – {paper.title}",
        "statement": statement(level),
        "form_statement": statement(level, form=True),
        "diagram": mark_safe(state_diagram_for_print(str(paper.pk))),  # noqa: S308 -- from our own enum labels
        "watermark": watermark_text(level, reader),
    }


@dataclass(frozen=True)
class AnnexFiles:
    """The prepared PDFs of a paper's attached annexes, and a note for each one left out."""

    files: dict[str, bytes]
    pages: dict[str, int]
    notes: dict[str, str]


def annex_files(paper: Paper, *, prepare_now: bool = False) -> AnnexFiles:
    """Return the prepared copy of each attached PDF annex, keyed "PAPER.POSITION".

    An annex refused when it was prepared, or that cannot be read, is left out with a note
    ("Annex 3 could not be included: ..."), so one bad file never stops a paper or a pack.
    One not yet prepared is queued for preparing, or prepared here when `prepare_now` (in the
    background already: a pack). The uploaded file itself is never read here.
    """
    files, pages, notes = {}, {}, {}
    annexes = (
        paper.annexes.filter(kind=AnnexKind.ATTACHMENT)
        .filter(
            Q(attachment__content_type="application/pdf")
            | Q(document__content_type="application/pdf")
        )
        .select_related("attachment__submission", "document")
    )
    for annex in annexes:
        key = f"{paper.pk}.{annex.position}"
        try:
            found = _prepared(annex.file, prepare_now)
            if found.state == READY:
                files[key] = prepared_pdf(annex.file)
                pages[key] = page_count(files[key])
            elif found.state == REFUSED:
                notes[key] = f"Annex {annex.position} could not be included: {found.reason}"
            else:
                notes[key] = (
                    f"Annex {annex.position} is still being prepared and is not in this copy. "
                    "Download the paper again in a few minutes; the file is also in the portal."
                )
        except Exception:  # one annex never fails the paper or the pack: it is noted instead
            logger.exception("Annex %s of paper %s could not be included", annex.position, paper.pk)
            files.pop(key, None)
            notes[key] = (
                f"Annex {annex.position} could not be included: the file could not be read."
            )
    return AnnexFiles(files, pages, notes)


def _prepared(attachment, prepare_now: bool) -> Preparation:
    own = isinstance(attachment, PaperDocument)
    if prepare_now:
        return paper_documents.prepare_document(attachment) if own else prepare(attachment)
    found = preparation_of(attachment)
    if found.state == PENDING:
        if own:
            paper_documents.request_document_preparation(attachment)
        else:
            request_preparation(attachment)
        found = preparation_of(attachment)  # done already when tasks run at once
    return found


def render_paper(paper: Paper) -> bytes:
    """Return the paper, with its prepared annexes, as PDF bytes (the same for every reader)."""
    found = annex_files(paper)
    context = paper_context(paper) | {"attachment_pages": found.pages, "annex_notes": found.notes}
    html = render_to_string("assessments/pdf/paper.html", context)
    return html_to_pdf(html, found.files, forms=diagram_forms())


def paper_for_reader(paper: Paper, reader: Reader | None) -> bytes:
    """Return the paper's PDF for a reader: rendered once for its content, then watermarked.

    AMBER and RED copies carry the reader's watermark, laid over the kept rendering.
    """
    data = cached_paper_pdf(paper, render_paper)
    text = watermark_text(paper.classification, reader)
    return stamp_watermark(data, text) if text else data
