"""The roster page: each committee's seats, holders, terms and vetting, kept by the secretariat."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from assessments.enums import VettingStatus
from assessments.models import Membership, Seat
from assessments.roster import add_months, committees_with_rosters
from assessments.roster_forms import AlternateForm, AppointForm, RenewForm, VettingForm, as_typed
from assessments.services import roster as services
from triage_portal.permissions import permission_needed
from usecases.errors import ActionRefused


@permission_needed(services.PERMISSION)
@require_GET
def roster(request):
    return render(
        request,
        "assessments/roster/list.html",
        {
            "committees": committees_with_rosters(),
            "reminder_days": settings.PORTAL_ROSTER_REMINDER_DAYS,
        },
    )


def _form_page(request, form, *, title: str, caption: str, button: str):
    return render(
        request,
        "assessments/roster/form.html",
        {"form": form, "title": title, "caption": caption, "button": button},
    )


def _saved(request, message: str):
    messages.success(request, message)
    return redirect("assessments:roster")


@permission_needed(services.PERMISSION)
@require_http_methods(["GET", "POST"])
def appoint(request, seat_pk: int):
    seat = get_object_or_404(Seat.objects.select_related("committee"), pk=seat_pk)
    today = timezone.localdate()
    form = AppointForm(
        request.POST if request.method == "POST" else None,
        initial={
            "term_start": as_typed(today),
            "term_end": as_typed(
                add_months(today, settings.PORTAL_TERM_MONTHS) - datetime.timedelta(days=1)
            ),
            "vetting_status": VettingStatus.PENDING,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.appoint_member(
                user=request.user, seat_id=seat.pk, **form.cleaned_data
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            return _saved(
                request,
                f"{membership.person.full_name} holds {seat} from {membership.term_start:%-d %B %Y}.",
            )
    return _form_page(
        request,
        form,
        title=f"Appoint the holder of {seat}",
        caption=seat.committee.name,
        button="Appoint",
    )


def _membership(pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("seat__committee", "person", "alternate"), pk=pk
    )


@permission_needed(services.PERMISSION)
@require_http_methods(["GET", "POST"])
def alternate(request, pk: int):
    membership = _membership(pk)
    form = AlternateForm(
        request.POST if request.method == "POST" else None,
        initial={"alternate": membership.alternate_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_alternate(user=request.user, membership_id=pk, **form.cleaned_data)
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            chosen = form.cleaned_data["alternate"]
            return _saved(
                request,
                f"{chosen.full_name} is the alternate of {membership.person.full_name}."
                if chosen
                else f"{membership.person.full_name} has no alternate.",
            )
    return _form_page(
        request,
        form,
        title=f"Alternate for {membership.person.full_name}",
        caption=str(membership.seat),
        button="Save the alternate",
    )


@permission_needed(services.PERMISSION)
@require_http_methods(["GET", "POST"])
def renew(request, pk: int):
    membership = _membership(pk)
    form = RenewForm(
        request.POST if request.method == "POST" else None,
        initial={
            "term_end": as_typed(add_months(membership.term_end, settings.PORTAL_TERM_MONTHS))
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.renew_term(user=request.user, membership_id=pk, **form.cleaned_data)
        except ActionRefused as error:
            form.add_error("term_end", str(error))
        else:
            return _saved(
                request,
                f"The term of {membership.person.full_name} now ends on "
                f"{form.cleaned_data['term_end']:%-d %B %Y}.",
            )
    return _form_page(
        request,
        form,
        title=f"Renew the term of {membership.person.full_name}",
        caption=f"{membership.seat} · the term ends on {membership.term_end:%-d %B %Y}",
        button="Renew the term",
    )


@permission_needed(services.PERMISSION)
@require_http_methods(["GET", "POST"])
def vetting(request, pk: int):
    membership = _membership(pk)
    form = VettingForm(
        request.POST if request.method == "POST" else None,
        initial={
            "vetting_status": membership.vetting_status,
            "vetting_expires_on": as_typed(membership.vetting_expires_on),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_vetting(
                user=request.user,
                membership_id=pk,
                status=form.cleaned_data["vetting_status"],
                expires_on=form.cleaned_data["vetting_expires_on"],
            )
        except ActionRefused as error:
            form.add_error(None, str(error))
        else:
            return _saved(request, f"The vetting of {membership.person.full_name} is recorded.")
    return _form_page(
        request,
        form,
        title=f"Record the vetting of {membership.person.full_name}",
        caption=str(membership.seat),
        button="Record the vetting",
    )
