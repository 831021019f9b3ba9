"""HTML to PDF with WeasyPrint, shared by papers, packs, minutes, letters and registers.

WeasyPrint is imported inside the functions so that it stays out of start-up.
"""

import functools
import io
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

from triage_portal.pdf_overlay import lay_pages, stamp


def html_to_pdf(
    html: str,
    attachments: dict[str, bytes] | None = None,
    stylesheet: str = "print/paper.css",
    forms: dict[str, bytes] | None = None,
    tagged: bool = True,
) -> bytes:
    """Render HTML to PDF.

    Attached PDF pages are laid onto their placeholder pages (id attpage-KEY-N), and each of
    `forms` (a one-page PDF by name) is drawn, at its own size, with its top left corner at
    the top left corner of its elements (id pdfform-NAME-N; WeasyPrint's `Page.anchors`
    gives that point). Both are drawn with pikepdf, in one pass over the written PDF.
    `tagged=False` leaves out the PDF variant (PDF/UA tags): for a page that is itself drawn
    inside a tagged document.
    """
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=local_fetcher()
    ).render(stylesheets=[_stylesheet(stylesheet)], font_config=font_config())
    placements, pictures = {}, []
    for index, page in enumerate(document.pages):
        for anchor, (x, y, *_) in page.anchors.items():
            if anchor.startswith("attpage-"):
                placements[index] = anchor
            elif (name := form_name(anchor)) in (forms or {}):
                pictures.append((index, name, x * CSS_PX_TO_PT, y * CSS_PX_TO_PT))
    pdf = document.write_pdf(pdf_variant=(settings.PORTAL_PDF_VARIANT or None) if tagged else None)
    if not placements and not pictures:
        return pdf
    return lay_pages(pdf, placements, attachments or {}, pictures, forms)


FORM_PREFIX = "pdfform-"
CSS_PX_TO_PT = 0.75


def form_name(anchor: str) -> str | None:
    """Return the form an anchor names: `pdfform-process-diagram-12` names `process-diagram`."""
    if not anchor.startswith(FORM_PREFIX):
        return None
    return anchor.removeprefix(FORM_PREFIX).rpartition("-")[0]


_fonts = threading.local()


def font_config():
    """The thread's font configuration, kept from one render to the next.

    WeasyPrint makes a new one for each render unless given one, and with it a new Pango font
    map, whose fonts, glyph coverage and measurements are then loaded afresh: an eighth of the
    seed paper's render. Pango's font map is not safe to share between threads, hence one a
    thread. The papers' stylesheets have no @font-face rules, so nothing accumulates in it.
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _fonts.config = FontConfiguration()
    return config


def local_fetcher():
    """A WeasyPrint URL fetcher for data: URLs and the portal's own files, and nothing else.

    A paper never needs the network, and must not reach it: a URL that slipped into the HTML
    would otherwise be fetched from the server.
    """
    return _fetcher_class()(allowed_protocols=("file", "data"), ssl_context=_no_tls())


@functools.cache
def _no_tls():
    """An SSL context that is never used (https is not allowed) and reads no certificate.

    Without one, WeasyPrint's fetcher builds a default context, reading every CA certificate
    on the machine, for each render.
    """
    import ssl

    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and not _is_local(Path(unquote(parts.path))):
                raise ValueError(f"A PDF may use the portal's own files only, not {url}")
            return super().fetch(url, headers)

    return LocalFetcher


def _is_local(path: Path) -> bool:
    resolved = path.resolve()
    roots = [Path(settings.BASE_DIR), Path(settings.STATIC_ROOT or settings.BASE_DIR)]
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


@functools.lru_cache(maxsize=8)
def _stylesheet(name: str):
    """The parsed stylesheet, kept for the process: parsing it took longer than some pages."""
    from weasyprint import CSS

    return CSS(filename=finders.find(name), url_fetcher=local_fetcher())


def page_count(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as document:
        return len(document.pages)


def stamp_watermark(pdf: bytes, text: str) -> bytes:
    """Return `pdf` (A4 pages) with `text` drawn over every page as the papers' watermark.

    The watermark alone is rendered (a small page, in the papers' watermark style) and laid
    over the PDF, which is rendered once for everyone and kept.
    """
    from django.template.loader import render_to_string

    overlay = html_to_pdf(
        render_to_string("pdf/watermark.html", {"watermark": text}),
        stylesheet="print/stamp.css",
        tagged=False,
    )
    return stamp(pdf, overlay)
