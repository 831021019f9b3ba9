"""The forms of the public "Check a document" page."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF_MAGIC = b"%PDF-"


def max_upload_bytes() -> int:
    return settings.PORTAL_DOCUMENT_CHECK_MAX_MB * 1024 * 1024


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label="Upload the document",
        error_messages={
            "required": "Select the PDF you want to check",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "document"
        ].help_text = (
            f"The PDF exactly as you received it, up to {filesizeformat(max_upload_bytes())}"
        )

    def clean_document(self) -> bytes:
        """Return the file's bytes: a PDF within the size limit."""
        upload = self.cleaned_data["document"]
        if upload.size == 0:
            raise ValidationError("The selected file is empty", code="empty")
        if upload.size > max_upload_bytes():
            raise ValidationError(
                f"The selected file must be smaller than {filesizeformat(max_upload_bytes())}",
                code="too_big",
            )
        data = upload.read()
        # PDF readers accept the header anywhere in the first kilobyte.
        if PDF_MAGIC not in data[:1024]:
            raise ValidationError("The selected file must be a PDF", code="not_pdf")
        return data


class ReferenceCheckForm(forms.Form):
    reference = forms.CharField(
        label="Or enter the document's reference",
        help_text="As printed on the document, for example SSC_352_04",
        max_length=120,
        error_messages={
            "required": "Enter the reference printed on the document",
            "max_length": "A reference must be 120 characters or fewer",
        },
    )
