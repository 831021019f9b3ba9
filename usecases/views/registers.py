"""Public registers (no sign-in): published Use Cases, SC document versions, White proposals.

Each register is an HTML page, a CSV export (?format=csv) and a PDF (?format=pdf).
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from triage_portal.classification import Classification, statement
from triage_portal.csvexport import csv_response
from triage_portal.pdf import html_to_pdf
from usecases.models import NcscPublication, SCDocument
from usecases.selectors import public_proposals, published_use_cases


def _respond(request, name: str, title: str, header: list[str], rows: list[list], context: dict):
    fmt = request.GET.get("format")
    if fmt == "csv":
        return csv_response(f"{name}.csv", header, rows)
    page = {"title": title, "header": header, "rows": rows, "name": name, **context}
    if fmt == "pdf":
        html = render_to_string(
            "pdf/register.html",
            {
                **page,
                "reference": title,
                "action": "Public register",
                "marking": "WHITE",
                "level_name": "White",
                "statement": statement(Classification.WHITE),
            },
        )
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return render(request, "usecases/registers/register.html", page)


def use_case_register(request):
    rows = [
        [
            f"{s.use_case_number:03d}",
            s.title,
            s.published_at.date() if s.published_at else "",
            s.guidance_version,
            s.q3_solution,
        ]
        for s in published_use_cases()
    ]
    return _respond(
        request,
        "published-use-cases",
        "Published Use Cases (SSC Guidance Part 2)",
        ["Number", "Title", "Published", "Guidance version", "What it permits"],
        rows,
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
        {},
    )


def proposal_register(request):
    rows = [
        [s.reference, s.title, s.get_kind_display(), s.get_state_display(), s.updated_at.date()]
        for s in public_proposals()
    ]
    return _respond(
        request,
        "proposal-status",
        "Status of public proposals",
        ["Reference", "Title", "Kind", "Status", "Last changed"],
        rows,
        {},
    )
