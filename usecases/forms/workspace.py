"""The workspace's filter form (a GET form that keeps its values)."""

from django import forms
from django.forms.renderers import Jinja2

from triage_portal.accounts.models import Organisation
from triage_portal.classification import Classification
from usecases.enums import SubmissionKind, SubmissionState, YesNo
from usecases.forms.transitions import date_field
from usecases.models import DeviceType


def _choices(choices):
    return [("", "Any"), *choices]


def _organisations():
    return _choices(Organisation.objects.values_list("pk", "name"))


def _device_types():
    return _choices(
        (pk, f"{code} – {name}")
        for pk, code, name in DeviceType.objects.values_list("pk", "code", "name")
    )


class WorkspaceFilterForm(forms.Form):
    # Django's own Jinja2 form renderer: the select boxes' 130-odd options, each a widget
    # template, draw in half the time of the Django-template renderer (one renderer, made once).
    default_renderer = Jinja2()

    q = forms.CharField(label="Search titles and answers", required=False, max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=_choices(SubmissionKind.choices), required=False)
    state = forms.ChoiceField(
        label="State", choices=_choices(SubmissionState.choices[1:]), required=False
    )
    # Ids and names only: the filter form is on every page of the queue, and a hundred
    # organisations built as model instances cost more than the rest of the form.
    organisation = forms.TypedChoiceField(
        label="Organisation", coerce=int, required=False, empty_value=None
    )
    device_type = forms.TypedChoiceField(
        label="Device type", coerce=int, required=False, empty_value=None
    )
    urgent = forms.ChoiceField(label="Urgent", choices=_choices(YesNo.choices), required=False)
    classification = forms.ChoiceField(
        label="Classification", choices=_choices(Classification.choices), required=False
    )
    submitted_from = date_field("Submitted from", required=False)
    submitted_to = date_field("Submitted to", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once: a callable's choices are read again to check the value chosen.
        self.fields["organisation"].choices = _organisations()
        self.fields["device_type"].choices = _device_types()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_to")
        if start and end and start > end:
            self.add_error(
                "submitted_to", "Submitted to must be the same as or after submitted from"
            )
        return cleaned
