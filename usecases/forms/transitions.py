"""Forms for the actions on a proposal's page. They validate; a service does the work."""

from django import forms
from django.conf import settings
from django.utils import timezone

from triage_portal.classification import STRICTNESS, Classification
from usecases.enums import ReferralBody, ReferralOutcome
from usecases.models import SCDocument


def reason_field(
    label: str, hint: str = "", required_message: str = "Enter the reason"
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": required_message},
    )


def date_field(
    label: str, hint: str = "For example, 27 3 2027", required: bool = True
) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=hint,
        required=required,
        input_formats=["%d %m %Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"],
        error_messages={
            "required": f"Enter {label[0].lower()}{label[1:]}",
            "invalid": f"{label} must be a real date, like 27 3 2027",
        },
    )


class ActionForm(forms.Form):
    """A form on an action's page; it is given the proposal the action is taken on."""

    def __init__(self, *args, submission=None, **kwargs):
        self.submission = submission
        super().__init__(*args, **kwargs)


class ConfirmForm(ActionForm):
    """An action with nothing to enter: the page asks for confirmation only."""


class ReasonForm(ActionForm):
    reason = reason_field("Reason")


def reason_form(label: str, hint: str = "", message: str = "Enter the reason") -> type[forms.Form]:
    return type("ReasonForm", (ActionForm,), {"reason": reason_field(label, hint, message)})


class RegisterForm(ActionForm):
    """The level to register at: offered at the stricter of the default and the proposer's own.

    Going below the proposer's level is a downgrade: it needs a reason, which is logged.
    """

    classification = forms.ChoiceField(
        label="Paper classification",
        help_text="Under the Panel Information Policy. It decides who may see the proposal from now on",
        choices=Classification.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the paper classification"},
    )
    reason = forms.CharField(
        label="Reason for classifying it below the proposer's level (only then)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, submission=None, **kwargs):
        self.proposer_level = (
            Classification(submission.proposer_classification)
            if submission is not None and submission.proposer_classification
            else None
        )
        default = Classification(settings.PORTAL_DEFAULT_CLASSIFICATION)
        offered = max(
            (default, self.proposer_level or default), key=lambda level: STRICTNESS[level]
        )
        kwargs.setdefault("initial", {"classification": offered})
        super().__init__(*args, submission=submission, **kwargs)

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("classification")
        if (
            chosen
            and self.proposer_level
            and STRICTNESS[Classification(chosen)] < STRICTNESS[self.proposer_level]
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error(
                "reason",
                f"Enter why the proposal may be classified below the proposer's level "
                f"({self.proposer_level.label})",
            )
        return cleaned


class ClarificationForm(ActionForm):
    questions = forms.CharField(
        label="Questions for the proposer",
        help_text="One question per paragraph: leave a blank line between questions",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50_000,
        error_messages={"required": "Enter at least one question"},
    )
    due_on = date_field("Answer due on")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise forms.ValidationError("Answer due on must be in the future")
        return due_on

    def clean_questions(self):
        text = self.cleaned_data["questions"].replace("\r\n", "\n")
        questions = [q.strip() for q in text.split("\n\n") if q.strip()]
        if not questions:
            raise forms.ValidationError("Enter at least one question")
        return questions


class DeferForm(ActionForm):
    reason = reason_field("Why is the proposal being put on hold?")
    review_on = date_field("Review on (optional)", required=False)


class SupersedeForm(ActionForm):
    superseded_by_reference = forms.CharField(
        label="Reference of the proposal that supersedes this one",
        help_text="For example, UCR-2026-004",
        max_length=30,
        error_messages={"required": "Enter the reference of the superseding proposal"},
    )
    reason = reason_field("Reason")


class PublishUseCaseForm(ActionForm):
    guidance_version = forms.CharField(
        label="SSC Guidance Part 2 version that includes the Use Case",
        max_length=20,
        error_messages={"required": "Enter the SSC Guidance Part 2 version"},
    )


class NcscPublicationForm(ActionForm):
    sc_document = forms.ModelChoiceField(
        label="SC document",
        queryset=SCDocument.objects.all(),
        empty_label="Select the SC document",
        error_messages={
            "required": "Select the SC document",
            "invalid_choice": "Select an SC document from the list",
        },
    )
    version = forms.CharField(
        label="New version", max_length=20, error_messages={"required": "Enter the new version"}
    )
    published_on = date_field("NCSC publication date")
    ncsc_reference = forms.CharField(
        label="NCSC reference (optional)", max_length=100, required=False
    )

    def clean_published_on(self):
        published_on = self.cleaned_data["published_on"]
        if published_on > timezone.localdate():
            raise forms.ValidationError("NCSC publication date must be today or in the past")
        return published_on


class ReferralForm(forms.Form):
    body = forms.ChoiceField(
        label="Refer to",
        choices=ReferralBody.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the body to refer the proposal to"},
    )
    question = reason_field(
        "Question for the body",
        "For example: AGREE whether there are any Technical or Business Architectural concerns",
        "Enter the question for the body",
    )
    due_on = date_field("Response due on")
    mandatory = forms.BooleanField(
        label="The SSC must have this view before it decides", required=False, initial=True
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("Response due on must be today or in the future")
        return due_on


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=ReferralOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    response = forms.CharField(
        label="Response (optional)",
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NcscAdviceForm(forms.Form):
    advice = reason_field("NCSC's advice", "", "Enter NCSC's advice")


class ClassificationForm(forms.Form):
    classification = forms.ChoiceField(
        label="New classification",
        choices=Classification.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new classification"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Needed when the classification is lowered, for example to publish a redacted White version",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
