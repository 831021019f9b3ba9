"""Download your data: JSON for machines, PDF for people."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from triage_portal.audit.models import log_event
from triage_portal.pdf import html_to_pdf
from usecases.selectors.portability import personal_data


@login_required
@require_POST
def my_data(request, fmt: str):
    """Send the user everything held about them; a POST, since each download is logged."""
    if fmt not in ("json", "pdf"):
        raise Http404
    data = personal_data(request.user)
    log_event("accounts.data.downloaded", actor=request.user, data={"format": fmt})
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
    else:
        html = render_to_string(
            "pdf/my_data.html", {"data": data, "title": "Your data in the SSC Triage Portal"}
        )
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ssc-portal-my-data-{stamp}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
