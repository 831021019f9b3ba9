"""The secretariat's page naming who is invited to a closed-session (RED) item."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from assessments.closed_session import invitation_list
from assessments.enums import Session
from assessments.selectors import meetings_visible_to
from assessments.services.invitations import INVITE_PERMISSION, set_invitees
from triage_portal.permissions import permission_needed
from usecases.errors import ActionRefused


class InvitationForm(forms.Form):
    invitees = forms.TypedMultipleChoiceField(
        label="Who is invited to this item?",
        help_text=(
            "Select everyone who should read this item's paper and vote. Only people with a "
            "current, vetted seat on the committee are listed; attending the meeting is not "
            "an invitation."
        ),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select people from the list"},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(row.pk, f"{row.name} – {row.seats}") for row in people]
        self.fields["invitees"].choices = choices


@permission_needed(INVITE_PERMISSION)
@require_http_methods(["GET", "POST"])
def item_invitations(request, pk: int, item_pk: int):
    meeting = get_object_or_404(
        meetings_visible_to(request.user).select_related("committee"), pk=pk
    )
    item = get_object_or_404(meeting.items, pk=item_pk, session=Session.CLOSED)
    people = invitation_list(item)
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        people=people,
        initial={"invitees": [row.pk for row in people if row.invited]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_invitees(user=request.user, item_id=item.pk, people=form.cleaned_data["invitees"])
        except ActionRefused as error:
            form.add_error("invitees", str(error))
        else:
            messages.success(request, f"The invitations to item {item.number} have been saved.")
            return redirect("assessments:meeting-detail", meeting.pk)
    return render(
        request,
        "assessments/item/invitations.html",
        {"meeting": meeting, "item": item, "form": form, "people": people},
    )
