"""Public registers (no sign-in): published Use Cases, SC document versions, White proposals.

Each register is an HTML page, a CSV export (?format=csv) and a PDF (?format=pdf).
"""

import datetime
import hashlib

from django.core.cache import caches
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import Truncator

from triage_portal import ratelimit
from triage_portal.classification import Classification, statement
from triage_portal.csvexport import csv_response
from triage_portal.pagination import KeptCountPaginator
from triage_portal.pdf import html_to_pdf
from usecases.models import NcscPublication, SCDocument
from usecases.selectors.proposals import public_proposals, published_use_cases

CELL_CHARS = 600  # a page shows this much of a long answer; the CSV and the PDF hold all of it


def _on_the_page(cell) -> str:
    """A cell as the page shows it: a date as "7 Aug 2019", long text cut short.

    Done here rather than with template filters: Django's truncatechars walks every character
    of every cell, a third of the register page's time.
    """
    if isinstance(cell, datetime.date):
        return date_format(cell, "j M Y")
    text = str(cell)
    return Truncator(text).chars(CELL_CHARS) if len(text) > CELL_CHARS else text


def _respond(request, name: str, title: str, header: list[str], items, to_row, context: dict):
    """The register as CSV (streamed), PDF (whole) or an HTML page of 50 rows."""
    fmt = request.GET.get("format")
    if fmt == "csv":
        return csv_response(f"{name}.csv", header, (to_row(item) for item in items))
    if fmt != "pdf":
        # The count of the whole register (a scan of every proposal) kept until a change.
        listing = KeptCountPaginator(items, 50).get_page(request.GET.get("page"))
        rows = [[_on_the_page(cell) for cell in to_row(item)] for item in listing.object_list]
        return render(
            request,
            "usecases/registers/register.html",
            {"title": title, "header": header, "rows": rows, "page": listing, **context},
        )
    if not ratelimit.allow("register_pdf", ratelimit.client_address(request)):
        return render(
            request,
            "usecases/registers/too_many.html",
            {"message": ratelimit.refusal("register_pdf"), "title": title},
            status=429,
        )
    html = render_to_string(
        "pdf/register.html",
        {
            "title": title,
            "header": header,
            "rows": [to_row(item) for item in items],
            **context,
            "reference": title,
            "action": "Public register",
            "marking": "WHITE",
            "level_name": "White",
            "statement": statement(Classification.WHITE),
        },
    )
    response = HttpResponse(_pdf_of(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def _pdf_of(html: str) -> bytes:
    """Return the register's PDF, rendered once for each distinct content.

    Keyed on a hash of the HTML itself, so a changed register is a new key and nothing
    needs to be invalidated; the shared "pages" cache serves every app server.
    """
    key = "register-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    store = caches["pages"]
    pdf = store.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        store.set(key, pdf, timeout=24 * 3600)
    return pdf


def use_case_register(request):
    return _respond(
        request,
        "published-use-cases",
        "Published Use Cases (SSC Guidance Part 2)",
        ["Number", "Title", "Published", "Guidance version", "What it permits"],
        published_use_cases(),
        lambda s: [
            f"{s.use_case_number:03d}",
            s.title,
            s.published_at.date() if s.published_at else "",
            s.guidance_version,
            s.q3_solution,
        ],
        {"long_column": 4},
    )


def sc_document_register(request):
    rows = [
        [d.title, d.version or "—", d.published_on or ""]
        for d in SCDocument.objects.order_by("title", "version")
    ]
    rows += [
        [p.sc_document.title, p.version, p.published_on]
        for p in NcscPublication.objects.select_related("sc_document").filter(
            submission__classification=Classification.WHITE
        )
    ]
    return _respond(
        request,
        "sc-documents",
        "CPA Security Characteristic documents",
        ["Document", "Version", "Published"],
        rows,
        list,
        {},
    )


def proposal_register(request):
    return _respond(
        request,
        "proposal-status",
        "Status of public proposals",
        ["Reference", "Title", "Kind", "Status", "Last changed"],
        public_proposals(),
        lambda s: [
            s.reference,
            s.title,
            s.get_kind_display(),
            s.get_state_display(),
            s.updated_at.date(),
        ],
        {},
    )
