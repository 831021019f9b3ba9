"""DOCX and XLSX uploads: no macros, no links to other files or addresses, no ZIP bombs.

Everything is judged from the ZIP's directory (the sizes each part declares) before any part
is expanded; then only the small parts that say what the file holds ([Content_Types].xml and
the relationship parts) are read, each at most PART_MAX_BYTES.
"""

import re
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PART_MAX_BYTES = 2 * 1024 * 1024
# Below this, a file cannot be a bomb, however well it compresses.
RATIO_FROM_BYTES = 1024 * 1024
MACRO_PART = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml|vbaProjectSignature\.bin)$|(^|/)activeX/", re.I
)
LINK_PART = re.compile(r"(^|/)externalLinks?/", re.I)
MACRO_TYPES = ("macroenabled", "vbaproject", "activex", "ms-office.vba")

UNREADABLE = "This file could not be read. Save it again and upload it again."
MACROS = (
    "This file contains macros or other active content. "
    "Save it as a .docx or .xlsx file without macros and upload it again."
)
LINKS = (
    "This file links to other files or web addresses. "
    "Remove the links (paste in the values or text instead) and upload it again."
)


def check_office_file(upload) -> None:
    """Refuse a DOCX or XLSX with macros, external links, or too much inside; raise ValidationError."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_sizes(archive.infolist())
            _check_parts(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ValidationError(UNREADABLE, code="office_unreadable") from None
    finally:
        upload.seek(0)


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > settings.ATTACHMENT_OFFICE_MAX_PARTS:
        raise ValidationError(UNREADABLE, code="office_parts")
    declared = sum(part.file_size for part in parts)
    packed = sum(part.compress_size for part in parts)
    limit = settings.ATTACHMENT_OFFICE_MAX_UNCOMPRESSED_BYTES
    too_dense = (
        declared > RATIO_FROM_BYTES
        and declared > settings.ATTACHMENT_OFFICE_MAX_RATIO * max(packed, 1)
    )
    if declared > limit or too_dense:
        raise ValidationError(
            f"This file unpacks to {filesizeformat(declared)}, more than a file may hold "
            f"({filesizeformat(limit)}, or {settings.ATTACHMENT_OFFICE_MAX_RATIO} times its size). "
            "Make it smaller and upload it again.",
            code="office_bomb",
        )


def _check_parts(archive: zipfile.ZipFile) -> None:
    names = archive.namelist()
    if any(MACRO_PART.search(name) for name in names):
        raise ValidationError(MACROS, code="office_macros")
    if any(LINK_PART.search(name) for name in names):
        raise ValidationError(LINKS, code="office_links")
    for element in _elements(archive, "[Content_Types].xml"):
        kind = (element.get("ContentType") or "").lower()
        if any(word in kind for word in MACRO_TYPES):
            raise ValidationError(MACROS, code="office_macros")
        if "externallink" in kind:
            raise ValidationError(LINKS, code="office_links")
    for name in names:
        if not name.lower().endswith(".rels"):
            continue
        for element in _elements(archive, name):
            if (element.get("TargetMode") or "").strip().lower() == "external":
                raise ValidationError(LINKS, code="office_links")


def _elements(archive: zipfile.ZipFile, name: str):
    """Every element of a small XML part; a DTD (never in these files) is refused."""
    with archive.open(name) as part:
        data = part.read(PART_MAX_BYTES + 1)
    if len(data) > PART_MAX_BYTES:
        raise ValueError(name)
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding).upper()
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(name)
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ValueError(name)
    try:
        return list(ElementTree.fromstring(data).iter())  # noqa: S314 -- no DTD, so no entities
    except ElementTree.ParseError:
        raise ValueError(name) from None
