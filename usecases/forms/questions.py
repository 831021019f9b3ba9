"""Forms for the proposer's question pages. They validate; services write.

Fields are optional here, so "Save and come back later" keeps partial answers; what a page
must hold before "Save and continue" is decided by usecases.presentation.completeness.
"""

from django import forms
from django.conf import settings

from triage_portal.accounts.models import Organisation
from triage_portal.classification import Classification
from usecases.enums import SubmissionKind, TriState, YesNo
from usecases.files.uploads import check_size, made_safe, sniff
from usecases.models import DeviceType, SCDocument


class AnswerField(forms.CharField):
    """A long answer, kept exactly as typed apart from browsers' CRLF line endings."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def validate(self, value):
        super().validate(value)
        limit = settings.ANSWER_MAX_CHARS
        if len(value) > limit:
            raise forms.ValidationError(
                f"The answer must be {limit:,} characters or fewer", code="max_length"
            )


def answer_field(label: str, hint: str = "", rows: int = 8) -> forms.CharField:
    return AnswerField(
        label=label,
        help_text=hint,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def line_field(label: str, max_length: int, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=max_length,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
    )


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label="What do you want to propose?",
        choices=SubmissionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want to propose"},
    )


class TitlesForm(forms.Form):
    sc_mod_title = line_field(
        "Proposed SC Modification title",
        300,
        "Complete if you propose a change to a CPA Security Characteristic",
    )
    use_case_title = line_field(
        "Proposed Use Case title",
        300,
        "Complete if you propose a Use Case for Device Refurbishment",
    )


class ProposerForm(forms.Form):
    proposer_name = line_field("Name", 150)
    proposer_organisation_name = line_field("Organisation", 200)
    proposer_phone = line_field("Contact number", 40)
    proposer_email = forms.EmailField(
        label="E-mail address",
        required=False,
        error_messages={
            "invalid": "Enter an e-mail address in the correct format, like name@example.com"
        },
    )


class SupporterForm(forms.Form):
    name = line_field("Name of the supporter's contact", 150)
    sec_party = forms.ModelChoiceField(
        label="SEC Party",
        queryset=Organisation.objects.filter(is_sec_party=True),
        required=False,
        empty_label="Select a SEC Party",
        error_messages={"invalid_choice": "Select a SEC Party from the list"},
    )
    phone = line_field("Contact number", 40)
    email = forms.EmailField(
        label="E-mail address",
        help_text="We will e-mail this person a link to confirm their support when you submit",
        required=False,
        error_messages={
            "invalid": "Enter an e-mail address in the correct format, like name@example.com"
        },
    )

    def has_input(self) -> bool:
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields)

    def clean(self):
        cleaned = super().clean()
        for name, message in (
            ("name", "Enter the name of the supporter's contact"),
            ("sec_party", "Select the SEC Party that supports the proposal"),
            ("email", "Enter the supporter's e-mail address"),
        ):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        return cleaned


class IssueForm(forms.Form):
    q1_issue = answer_field("1. What issue are you looking to address?")
    q2_why_needed = answer_field(
        "2. Why does this issue need to be addressed?",
        "Why is doing nothing not an option?",
        rows=12,
    )


class SolutionForm(forms.Form):
    q3_solution = answer_field("3. What is your proposed solution?", rows=12)


def sc_documents_field(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=SCDocument.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select SC documents from the list"},
    )


class ExistingScForm(forms.Form):
    q4_affects_existing_sc = forms.ChoiceField(
        label="4. Does this affect an existing SC?",
        choices=TriState.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    # Not revealed under "Yes" alone: a "To be determined" is explained too (as the seed paper does).
    q4_explanation = answer_field(
        "Explain which SC is affected, and how",
        "Needed if you answered Yes; you can also explain a To be determined",
        rows=5,
    )
    q4_sc_documents = sc_documents_field("Which SC documents are affected? (optional)")


class NewScForm(forms.Form):
    q5_requires_new_sc = forms.ChoiceField(
        label="5. Does this require a new SC?",
        choices=TriState.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    q5_explanation = answer_field(
        "Explain why a new SC is needed",
        "Needed if you answered Yes; you can also explain a To be determined",
        rows=5,
    )
    q5_sc_documents = sc_documents_field(
        "Which existing SC documents does it relate to? (optional)"
    )


class UrgencyForm(forms.Form):
    q6_urgent = forms.ChoiceField(
        label="6. Is this proposal considered to be an urgent business need?",
        choices=YesNo.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    q6_justification = answer_field("Explain why it is an urgent business need", rows=8)
    revealed_by_yes = {"q6_urgent": "q6_justification"}


class ScopeForm(forms.Form):
    device_types = forms.ModelMultipleChoiceField(
        label="Which device types are affected?",
        queryset=DeviceType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select device types from the list"},
    )
    proposer_classification = forms.ChoiceField(
        label="How do you classify this proposal under the Panel Information Policy?",
        help_text="The secretariat sets the classification of committee papers; it will be at least as strict as yours",
        choices=Classification.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, DOCX, XLSX, PNG or JPEG, up to 20 MB",
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload, settings.ATTACHMENT_MAX_BYTES)
        kind = self.cleaned_data["kind"] = sniff(upload)
        stored, self.cleaned_data["original_sha256"] = made_safe(upload, kind)
        return stored


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label="I confirm that the information in this proposal is accurate, and that the SEC Parties named have agreed to be asked for their support",
        error_messages={"required": "Confirm the declaration to submit your proposal"},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing this proposal?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reason for withdrawing the proposal"},
    )


class SupportResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="Does your organisation support this proposal?",
        choices=[("confirm", "Yes, we support it"), ("decline", "No, we do not support it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you support the proposal"},
    )
    note = forms.CharField(
        label="Comments (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
