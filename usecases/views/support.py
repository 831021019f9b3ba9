"""The page a SEC Party supporter reaches from their signed e-mail link."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from triage_portal import ratelimit
from usecases import workflow
from usecases.forms import SupportResponseForm
from usecases.support_links import InvalidSupportLink, pending_supporter


@require_http_methods(["GET", "POST"])
def support_respond(request, token: str):
    if not ratelimit.allow("support_link", ratelimit.client_address(request)):
        return render(
            request,
            "usecases/support/invalid.html",
            {"message": ratelimit.refusal("support_link")},
            status=429,
        )
    try:
        supporter = pending_supporter(token)
    except InvalidSupportLink as error:
        return render(request, "usecases/support/invalid.html", {"message": str(error)}, status=400)
    form = SupportResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            supporter = workflow.respond_to_support_request(
                token=token,
                confirm=form.cleaned_data["response"] == "confirm",
                note=form.cleaned_data["note"],
            )
        except InvalidSupportLink as error:
            return render(
                request, "usecases/support/invalid.html", {"message": str(error)}, status=400
            )
        return render(request, "usecases/support/done.html", {"supporter": supporter})
    return render(
        request,
        "usecases/support/respond.html",
        {"supporter": supporter, "submission": supporter.submission, "form": form},
    )
