"""HTML to PDF with WeasyPrint, shared by papers, packs, minutes, letters and registers.

WeasyPrint is imported inside the functions so that it stays out of start-up.
"""

import io

from django.conf import settings
from django.contrib.staticfiles import finders

# Where an attached PDF page is laid: the page's content box (A4 less the margins), in points.
CONTENT_BOX = (20 * 72 / 25.4, 26 * 72 / 25.4, (210 - 40) * 72 / 25.4, (297 - 52) * 72 / 25.4)


def html_to_pdf(
    html: str, attachments: dict[str, bytes] | None = None, stylesheet: str = "print/paper.css"
) -> bytes:
    """Render HTML to PDF; lay attached PDF pages onto their placeholder pages (id attpage-KEY-N)."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[CSS(filename=finders.find(stylesheet))]
    )
    placements = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("attpage-"):
                placements[index] = anchor
    pdf = document.write_pdf(pdf_variant=settings.PORTAL_PDF_VARIANT or None)
    if not placements:
        return pdf
    return _overlay(pdf, placements, attachments or {})


def _overlay(pdf: bytes, placements: dict[int, str], attachments: dict[str, bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    sources = {key: PdfReader(io.BytesIO(data)) for key, data in attachments.items()}
    left, bottom, width, height = CONTENT_BOX
    for index, anchor in placements.items():
        key, _, number = anchor.removeprefix("attpage-").rpartition("-")
        source = sources[key].pages[int(number)]
        box = source.mediabox
        scale = min(width / float(box.width), height / float(box.height))
        writer.pages[index].merge_transformed_page(
            source,
            Transformation()
            .scale(scale)
            .translate(left, bottom + height - float(box.height) * scale),
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
