"""Forms for the roster page. They validate; assessments.services.roster writes."""

from django import forms

from assessments.enums import VettingStatus
from triage_portal.accounts.enums import COMMITTEE_ROLES
from triage_portal.accounts.models import User
from usecases.forms.transitions import date_field


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        organisation = f", {obj.organisation.name}" if obj.organisation_id else ""
        return f"{obj.full_name} ({obj.email}{organisation})"


def as_typed(day) -> str:
    """Return a date as the hints ask for it to be typed ("27 3 2027"), or an empty string."""
    return f"{day.day} {day.month} {day.year}" if day else ""


def committee_people():
    return (
        User.objects.filter(is_active=True, role__in=COMMITTEE_ROLES)
        .select_related("organisation")
        .order_by("full_name")
    )


def _alternate_field() -> PersonChoiceField:
    return PersonChoiceField(
        label="Alternate (optional)",
        queryset=committee_people(),
        required=False,
        empty_label="No alternate",
        help_text="Who may stand in for them at meetings",
    )


class VettingFields(forms.Form):
    vetting_status = forms.ChoiceField(
        label="Security vetting",
        choices=VettingStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the vetting status"},
    )
    vetting_expires_on = date_field(
        "Vetting expires on", hint="Needed when vetted. For example, 31 3 2028", required=False
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("vetting_status") == VettingStatus.VETTED
            and not cleaned.get("vetting_expires_on")
            and "vetting_expires_on" not in self.errors
        ):
            self.add_error("vetting_expires_on", "Enter the date the vetting expires")
        return cleaned


class AppointForm(VettingFields):
    person = PersonChoiceField(
        label="Seat holder",
        queryset=User.objects.none(),
        empty_label="Select a person",
        help_text="Only committee accounts are listed: create the account first if it is missing",
        error_messages={"required": "Select the seat holder"},
    )
    term_start = date_field("Term starts")
    term_end = date_field("Term ends")
    alternate = _alternate_field()

    field_order = [
        "person",
        "term_start",
        "term_end",
        "vetting_status",
        "vetting_expires_on",
        "alternate",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = committee_people()
        self.fields["alternate"].queryset = committee_people()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", "The term must end on or after the day it starts")
        return cleaned


class AlternateForm(forms.Form):
    alternate = _alternate_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alternate"].queryset = committee_people()


class RenewForm(forms.Form):
    term_end = date_field("New end of term")


class VettingForm(VettingFields):
    pass
