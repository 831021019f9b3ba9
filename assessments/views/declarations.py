"""Declaring an interest in an agenda item, at any time, and the Chair's rulings on them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from assessments.forms import ItemDeclarationForm
from assessments.models import ConflictDeclaration
from assessments.rules import is_current_member_of
from assessments.selectors import agenda_items_visible_to
from assessments.services.declarations import declare_interest_in_item
from usecases.errors import ActionRefused


@login_required
@require_http_methods(["GET", "POST"])
def item_declare(request, pk: int, item_pk: int):
    item = get_object_or_404(
        agenda_items_visible_to(request.user).select_related("meeting__committee", "submission"),
        pk=item_pk,
        meeting_id=pk,
    )
    committee = item.meeting.committee
    is_member = is_current_member_of(request.user, committee)
    can_rule = request.user.has_perm("assessments.rule_conflict")
    if not (is_member or can_rule or request.user.has_perm("assessments.manage_meetings")):
        raise Http404
    form = ItemDeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not is_member:
            raise Http404
        if form.is_valid():
            try:
                declare_interest_in_item(
                    item_id=item.pk, user=request.user, nature=form.cleaned_data["nature"]
                )
            except ActionRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, "Your interest is declared. The Chair rules whether you may vote."
                )
                return redirect("assessments:item-declare", item.meeting_id, item.pk)
    declarations = ConflictDeclaration.objects.filter(
        agenda_item=item, ballot__isnull=True
    ).select_related("person__organisation")
    return render(
        request,
        "assessments/item/declare.html",
        {
            "item": item,
            "meeting": item.meeting,
            "form": form,
            "is_member": is_member,
            "can_rule": can_rule,
            "mine": declarations.filter(person=request.user).first(),
            "declarations": declarations.order_by("pk")
            if can_rule or request.user.has_perm("assessments.manage_meetings")
            else [],
        },
    )
