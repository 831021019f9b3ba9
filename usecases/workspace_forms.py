"""The workspace's filter form (a GET form that keeps its values)."""

from django import forms

from triage_portal.accounts.models import Organisation
from triage_portal.classification import Classification
from usecases.action_forms import date_field
from usecases.enums import SubmissionKind, SubmissionState, YesNo
from usecases.models import DeviceType


def _choices(choices):
    return [("", "Any"), *choices]


class WorkspaceFilterForm(forms.Form):
    q = forms.CharField(label="Search titles and answers", required=False, max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=_choices(SubmissionKind.choices), required=False)
    state = forms.ChoiceField(
        label="State", choices=_choices(SubmissionState.choices[1:]), required=False
    )
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.all(), required=False, empty_label="Any"
    )
    device_type = forms.ModelChoiceField(
        label="Device type", queryset=DeviceType.objects.all(), required=False, empty_label="Any"
    )
    urgent = forms.ChoiceField(label="Urgent", choices=_choices(YesNo.choices), required=False)
    classification = forms.ChoiceField(
        label="Classification", choices=_choices(Classification.choices), required=False
    )
    submitted_from = date_field("Submitted from", required=False)
    submitted_to = date_field("Submitted to", required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and start > end:
            self.add_error(
                "submitted_to", "Submitted to must be the same as or after submitted from"
            )
        return cleaned
