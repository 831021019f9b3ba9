"""Render committee papers to PDF with WeasyPrint (imported only when a PDF is made).

render_paper(paper) is a pure function of the paper and what it annexes: the same inputs
give the same text and layout. Attached PDFs are merged in on pages that carry the paper's
markings and continue its page numbering.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from assessments.enums import AnnexKind
from assessments.models import Paper
from triage_portal.classification import Classification, statement
from triage_portal.pdf import html_to_pdf, page_count
from usecases.diagram_print import diagram_forms, state_diagram_for_print


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
    if reader is None or level not in (Classification.AMBER, Classification.RED):
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


def attachment_pages(paper: Paper) -> dict[str, bytes]:
    """Return the bytes of each attached PDF annex, keyed by annex."""
    found = {}
    for annex in paper.annexes.filter(
        kind=AnnexKind.ATTACHMENT, attachment__content_type="application/pdf"
    ):
        with annex.attachment.file.open("rb") as handle:
            found[f"{paper.pk}.{annex.position}"] = handle.read()
    return found


def page_counts(files: dict[str, bytes]) -> dict[str, int]:
    return {key: page_count(data) for key, data in files.items()}


def render_paper(paper: Paper, reader: Reader | None = None) -> bytes:
    """Return the paper, with its annexes, as PDF bytes."""
    files = attachment_pages(paper)
    context = paper_context(paper, reader) | {"attachment_pages": page_counts(files)}
    html = render_to_string("assessments/pdf/paper.html", context)
    return html_to_pdf(html, files, forms=diagram_forms())
