"""Forms for creating and changing meetings and recording attendance. They validate; services write."""

from django import forms

from assessments.enums import AttendanceStatus
from assessments.models import Committee, Meeting
from assessments.services.attendance import AttendanceEntry
from usecases.forms.transitions import date_field


class MeetingForm(forms.Form):
    """A new meeting; every answer, the committee too, comes back as typed after an error."""

    committee = forms.ModelChoiceField(
        label="Committee",
        queryset=Committee.objects.all(),
        to_field_name="code",
        empty_label="Select the committee",
        error_messages={
            "required": "Select the committee",
            "invalid_choice": "Select the committee",
        },
    )
    number = forms.IntegerField(
        label="Meeting number", min_value=1, error_messages={"required": "Enter the meeting number"}
    )
    date = date_field("Meeting date")
    location = forms.CharField(label="Location or link (optional)", max_length=300, required=False)


class MeetingEditForm(forms.Form):
    number = forms.IntegerField(
        label="Meeting number", min_value=1, error_messages={"required": "Enter the meeting number"}
    )
    date = date_field("Meeting date")
    location = forms.CharField(label="Location or link (optional)", max_length=300, required=False)
    reason = forms.CharField(
        label="Why is the date or number changing?",
        help_text="Needed when the date or number changes; it is kept in the meeting's log."
        " Issued papers get new references with the new date or number.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        moved = (
            cleaned.get("date", self.meeting.date) != self.meeting.date
            or cleaned.get("number", self.meeting.number) != self.meeting.number
        )
        if moved and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter why the meeting's date or number is changing")
        return cleaned


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} – {obj.location}" if obj.location else str(obj)


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label="Why is the meeting cancelled?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the meeting is cancelled"},
    )
    move_to = MeetingChoiceField(
        label="Which meeting do its business items move to?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
    )

    def __init__(self, *args, meetings, needs_target: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].queryset = meetings
        self.fields["move_to"].required = needs_target
        self.fields["move_to"].error_messages["required"] = "Select the meeting the items move to"


class MoveToMeetingForm(forms.Form):
    meeting = MeetingChoiceField(
        label="Which meeting should this item move to?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the meeting the item moves to"},
    )
    reason = forms.CharField(
        label="Why is it moving? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class AttendanceSheetForm(forms.Form):
    """One row a seat holder: how they attended and, when represented, by which alternate.

    The alternates offered for a row are only those registered for that person's seats; a
    person with none is not offered "Represented".
    """

    def __init__(self, *args, holders, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for holder in holders:
            pk = holder.person.pk
            choices = [
                (value, label)
                for value, label in AttendanceStatus.choices
                if value != AttendanceStatus.REPRESENTED or holder.alternates
            ]
            status = forms.ChoiceField(
                label=f"How {holder.person.full_name} attended",
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select how {holder.person.full_name} attended"},
                initial=holder.attendance.status if holder.attendance else None,
            )
            self.fields[f"status_{pk}"] = status
            if holder.alternates:
                self.fields[f"alternate_{pk}"] = forms.TypedChoiceField(
                    label=f"Alternate representing {holder.person.full_name}",
                    choices=[("", "Select the alternate")]
                    + [(a.pk, a.full_name) for a in holder.alternates],
                    coerce=int,
                    required=False,
                    initial=holder.attendance.represented_by_id if holder.attendance else None,
                )
            self.rows.append(holder)

    def row_fields(self):
        """Yield (holder, status field, alternate field or None) for the template."""
        for holder in self.rows:
            pk = holder.person.pk
            alternate = self[f"alternate_{pk}"] if f"alternate_{pk}" in self.fields else None
            yield holder, self[f"status_{pk}"], alternate

    def clean(self):
        cleaned = super().clean()
        for holder in self.rows:
            pk = holder.person.pk
            if cleaned.get(f"status_{pk}") == AttendanceStatus.REPRESENTED and not cleaned.get(
                f"alternate_{pk}"
            ):
                self.add_error(
                    f"alternate_{pk}",
                    f"Select the alternate who represented {holder.person.full_name}",
                )
        return cleaned

    def entries(self):
        """Return what was entered as the service's AttendanceEntry rows."""
        return [
            AttendanceEntry(
                person_id=holder.person.pk,
                status=self.cleaned_data[f"status_{holder.person.pk}"],
                represented_by_id=self.cleaned_data.get(f"alternate_{holder.person.pk}") or None,
            )
            for holder in self.rows
        ]
