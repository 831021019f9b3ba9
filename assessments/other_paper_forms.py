"""The form for a paper that is not about a proposal. It validates; the service writes."""

from django import forms
from django.conf import settings

from assessments.enums import NON_PROPOSAL_KINDS, PaperAction, PaperKind
from assessments.forms import PaperForm
from usecases.files.uploads import PDF, check_size, made_safe, sniff


class OtherPaperForm(PaperForm):
    kind = forms.ChoiceField(
        label="What kind of paper is it?",
        choices=[(kind.value, kind.label) for kind in NON_PROPOSAL_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of paper it is"},
    )
    document = forms.FileField(
        label="The document, as a PDF (optional)",
        help_text="Annexed to the paper and laid into its PDF, up to 20 MB",
        required=False,
        error_messages={"empty": "The selected file is empty"},
    )

    field_order = [
        "kind",
        "title",
        "action",
        "classification",
        "author_name",
        "author_role",
        "purpose",
        "background",
        "body",
        "next_steps",
        "recommendations",
        "document",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].required = True
        self.fields["purpose"].error_messages["required"] = "Enter the paper's purpose"
        self.fields["purpose"].label = "Purpose"
        self.fields["background"].label = "Background (optional)"
        self.fields["body"].label = "The paper's text (optional)"
        self.fields[
            "body"
        ].help_text = (
            "What the committee is told or asked to discuss; blank lines separate paragraphs"
        )
        self.fields["recommendations"].required = False
        self.fields["recommendations"].label = "Recommendations (optional)"

    def clean_recommendations(self):
        if not self.cleaned_data["recommendations"].strip():
            return []
        return super().clean_recommendations()

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        check_size(upload, settings.ATTACHMENT_MAX_BYTES)
        if sniff(upload) != PDF:
            raise forms.ValidationError("The selected file must be a PDF")
        stored, _ = made_safe(upload, PDF)
        return stored


def initial_for(user) -> dict:
    return {
        "kind": PaperKind.GENERAL,
        "action": PaperAction.FOR_INFORMATION,
        "classification": "AMBER",
        "author_name": user.full_name,
        "author_role": user.get_role_display(),
    }
