"""Issue a PDF: sign it with the portal's key and record its digest in the register.

Signing comes last, over the exact bytes the reader gets (after any watermark), and reads
only the end of the file: a kept rendering is never rendered again to be signed.
"""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from assessments.models import IssuedDocument
from triage_portal.signing import sign_pdf


@dataclass(frozen=True)
class Issue:
    """What a PDF is, for the register: its kind, printed reference, title and level, and
    what it was made from."""

    kind: str
    reference: str
    title: str
    classification: str
    paper_id: int | None = None
    meeting_id: int | None = None
    decision_id: int | None = None


def issue_pdf(data: bytes, *, issue: Issue, issued_to=None, shared: bool = False) -> bytes:
    """Sign `data`, record the signed bytes' digest as issued, and return the signed bytes.

    `shared`: the copy carries no reader's watermark and is the same for everyone, so the
    signed copy is stored (beside the kept renderings, named by the unsigned bytes' digest)
    and served again while its record is in the register, rather than signed and recorded
    for each download. A watermarked copy is signed and recorded once for each reader, with
    `issued_to` the reader.
    """
    path = f"pdf-cache/signed-{_digest(data)}.pdf" if shared else None
    if path and default_storage.exists(path):
        with default_storage.open(path, "rb") as handle:
            kept = handle.read()
        if IssuedDocument.objects.filter(sha256=_digest(kept)).exists():
            return kept
        default_storage.delete(path)
    signed = sign_pdf(data)
    IssuedDocument.objects.create(
        sha256=_digest(signed),
        kind=issue.kind,
        reference=issue.reference[:120],
        title=issue.title[:300],
        classification=issue.classification,
        issued_to=None if shared else issued_to,
        paper_id=issue.paper_id,
        meeting_id=issue.meeting_id,
        decision_id=issue.decision_id,
    )
    if path:
        default_storage.save(path, ContentFile(signed))
    return signed


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
