"""The page a SEC Party supporter reaches from their signed e-mail link, and the secretariat's
page of addresses verified for each SEC Party."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from triage_portal import ratelimit
from triage_portal.permissions import permission_needed
from triage_portal.posted import posted_id
from usecases import workflow
from usecases.errors import ActionRefused
from usecases.forms.questions import SupportResponseForm
from usecases.forms.support import SupportAnswerForm, VerifiedAddressForm
from usecases.models import SupportingParty
from usecases.selectors.proposals import (
    proposal_for_support_link,
    proposals_visible_to,
    verified_supporter_addresses,
)
from usecases.views.proposals import attachment_response
from usecases.workflow.support_links import InvalidSupportLink, pending_supporter, refusal_to_answer


def _cannot_use(request, message: str, status: int):
    return render(request, "usecases/support/invalid.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
def support_respond(request, token: str):
    if not ratelimit.allow("support_link", ratelimit.client_address(request)):
        return _cannot_use(request, ratelimit.refusal("support_link"), 429)
    try:
        supporter = pending_supporter(token)
    except InvalidSupportLink as error:
        return _cannot_use(request, str(error), 400)
    refusal = refusal_to_answer(supporter, request.user)
    if refusal:
        return _cannot_use(request, refusal, 403)
    form = SupportResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            supporter = workflow.respond_to_support_request(
                token=token,
                confirm=form.cleaned_data["response"] == "confirm",
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except InvalidSupportLink as error:
            return _cannot_use(request, str(error), 400)
        except ActionRefused as error:
            return _cannot_use(request, str(error), 403)
        return render(request, "usecases/support/done.html", {"supporter": supporter})
    return render(
        request,
        "usecases/support/respond.html",
        {
            "supporter": supporter,
            # None where the link's holder may not read the proposal at its level.
            "submission": proposal_for_support_link(supporter, request.user),
            "asking": supporter.submission,
            "form": form,
            "support_token": token,
        },
    )


@require_http_methods(["GET"])
def support_attachment(request, token: str, attachment_id: int):
    """Send a supporting document to whoever holds a valid support link, at the level it allows.

    The same checks as the link's page: the link is valid, unused and current, its holder may
    answer for the SEC Party, and may read the proposal at its classification.
    """
    if not ratelimit.allow("support_link", ratelimit.client_address(request)):
        return _cannot_use(request, ratelimit.refusal("support_link"), 429)
    try:
        supporter = pending_supporter(token)
    except InvalidSupportLink as error:
        return _cannot_use(request, str(error), 400)
    refusal = refusal_to_answer(supporter, request.user)
    if refusal:
        return _cannot_use(request, refusal, 403)
    submission = proposal_for_support_link(supporter, request.user)
    shown = submission.attachments.all() if submission is not None else ()
    attachment = next((a for a in shown if a.pk == attachment_id), None)
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


@permission_needed("usecases.verify_supporter_address")
@require_http_methods(["GET", "POST"])
def verified_addresses(request):
    """List, add and remove the e-mail addresses the secretariat has verified per SEC Party."""
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            workflow.remove_verified_supporter_address(
                user=request.user, address_id=posted_id(request, "address") or 0
            )
        except ActionRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The address is no longer verified.")
        return redirect("usecases:supporter-addresses")
    form = VerifiedAddressForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            address = workflow.verify_supporter_address(user=request.user, **form.cleaned_data)
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"{address.email} is now verified for {address.sec_party.name}."
            )
            return redirect("usecases:supporter-addresses")
    return render(
        request,
        "usecases/support/addresses.html",
        {"form": form, "addresses": verified_supporter_addresses()},
        status=400 if form.is_bound and form.errors else 200,
    )


@permission_needed("usecases.verify_supporter_address")
@require_http_methods(["GET", "POST"])
def record_support_answer(request, pk: int, supporter_pk: int):
    """The secretariat records a supporter's answer given by phone, letter or in person."""
    submission = proposals_visible_to(request.user).filter(pk=pk).first()
    supporter = SupportingParty.objects.filter(pk=supporter_pk, submission_id=pk).first()
    if submission is None or supporter is None:
        raise Http404
    form = SupportAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            supporter = workflow.record_support_answer(
                user=request.user,
                supporter_id=supporter.pk,
                confirm=form.cleaned_data["response"] == "confirm",
                how=form.cleaned_data["how"],
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{supporter.name}'s answer is recorded: {supporter.get_status_display().lower()}.",
            )
            return redirect("usecases:proposal-detail", pk=pk)
    return render(
        request,
        "usecases/support/record.html",
        {"form": form, "submission": submission, "supporter": supporter},
        status=400 if form.is_bound and form.errors else 200,
    )
