"""Check an uploaded file's real type from its content, never from its name, and make it safe.

A PDF is rewritten without anything active (triage_portal.pdf_sandbox); a DOCX or XLSX with
macros, external links or too much inside is refused (usecases.files.office).
"""

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from triage_portal.pdf_sandbox import PdfRefused, clean_pdf
from usecases.files.office import check_office_file


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extension: str


PDF = FileKind("PDF", "application/pdf", "pdf")
PNG = FileKind("PNG", "image/png", "png")
JPEG = FileKind("JPEG", "image/jpeg", "jpg")
DOCX = FileKind(
    "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"
)
XLSX = FileKind("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")

WRONG_TYPE = "The selected file must be a PDF, DOCX, XLSX, PNG or JPEG"


def sniff(upload) -> FileKind:
    """Return the kind of an uploaded file from its bytes; raise ValidationError if not allowed."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
        upload.seek(0)
        if kind:
            return kind
    raise ValidationError(WRONG_TYPE, code="file_type")


def _office_kind(upload) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def check_size(upload, max_bytes: int) -> None:
    """Refuse an empty file or one larger than max_bytes."""
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            f"The selected file must be smaller than {filesizeformat(max_bytes)}", code="too_big"
        )


def safe_filename(name: str, kind: FileKind) -> str:
    """Return a file name fit to show and download: no paths, controls or odd characters."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\-. ()]+", "_", stem).strip(" ._") or "attachment"
    return f"{stem[:120]}.{kind.extension}"


def made_safe(upload, kind: FileKind):
    """Return (the file to store, the SHA-256 of what was uploaded); raise ValidationError.

    A PDF is stored as rewritten by the worker (no actions, JavaScript, links, forms or
    embedded files); an Office file is stored as it came, once it has passed its checks.
    """
    upload.seek(0)
    original = hashlib.sha256()
    for chunk in upload.chunks():
        original.update(chunk)
    upload.seek(0)
    if kind in (DOCX, XLSX):
        check_office_file(upload)
    if kind != PDF:
        return upload, original.hexdigest()
    try:
        checked = clean_pdf(upload.read())
    except PdfRefused as refusal:
        raise ValidationError(str(refusal), code=f"pdf_{refusal.code}") from None
    finally:
        upload.seek(0)
    return (
        SimpleUploadedFile(upload.name, checked.data, content_type=PDF.content_type),
        original.hexdigest(),
    )
