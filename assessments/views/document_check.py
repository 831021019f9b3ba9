"""The public "Check a document" page: is this PDF, or this reference, one the portal issued?"""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessments.document_check import check_reference, check_upload
from assessments.forms_check import DocumentUploadForm, ReferenceCheckForm
from triage_portal import ratelimit

TEMPLATE = "assessments/issued_document/check.html"
SCOPE = "document_check"


@require_http_methods(["GET", "POST"])
def document_check(request):
    upload_form, reference_form = DocumentUploadForm(), ReferenceCheckForm()
    context = {"result": None, "page_errors": []}
    status = 200
    if request.method == "POST":
        checking_reference = request.POST.get("check") == "reference"
        if checking_reference:
            form = reference_form = ReferenceCheckForm(request.POST)
        else:
            form = upload_form = DocumentUploadForm(request.POST, request.FILES)
        context["form"] = form
        if not ratelimit.allow(SCOPE, ratelimit.client_address(request)):
            anchor = "reference" if checking_reference else "document"
            context["page_errors"] = [(f"id_{anchor}", ratelimit.refusal(SCOPE))]
            status = 429
        elif form.is_valid():
            context["result"] = (
                check_reference(request.user, form.cleaned_data["reference"])
                if checking_reference
                else check_upload(request.user, form.cleaned_data["document"])
            )
            context["checked"] = "reference" if checking_reference else "document"
    context |= {"upload_form": upload_form, "reference_form": reference_form}
    return render(request, TEMPLATE, context, status=status)
