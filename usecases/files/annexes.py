"""Attached PDFs prepared for committee papers: once, in the background, within limits.

A paper never reads an uploaded PDF itself. It lays in the prepared copy (cleaned again by
triage_portal/pdf_worker.py, with every page heavier than ATTACHMENT_PDF_MAX_OPERATORS drawn as
a picture), or says on the annex's page why the annex is not there. A prepared copy and its
record are stored under the SHA-256 of the attachment's stored file, so the same content is
prepared once and a changed file is a new key: nothing goes stale.

Preparing is queued when a PDF is uploaded; a paper that finds an annex not yet prepared queues
it too (files uploaded before this existed), and a meeting pack, already in the background,
prepares what it needs itself.
"""

import json
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.tasks import task

from triage_portal.pdf_sandbox import PdfRefused, prepare_pdf
from triage_portal.taskqueue import retried
from usecases.models import Attachment

FOLDER = "prepared-annexes"
READY, REFUSED, PENDING = "READY", "REFUSED", "PENDING"


@dataclass(frozen=True)
class Preparation:
    """Where an attachment's preparation stands: READY (with its pages), REFUSED (why), PENDING."""

    state: str
    pages: int = 0
    reason: str = ""
    rasterised: tuple[int, ...] = ()

    @property
    def token(self) -> str:
        """What a paper rendered from this preparation depends on."""
        return f"{self.state}:{self.pages}:{','.join(map(str, self.rasterised))}:{self.reason}"


def _record_path(attachment: Attachment) -> str:
    return f"{FOLDER}/{attachment.sha256}.json"


def _pdf_path(attachment: Attachment) -> str:
    return f"{FOLDER}/{attachment.sha256}.pdf"


def preparation_of(attachment: Attachment) -> Preparation:
    """Return the attachment's preparation as recorded (PENDING when there is none yet)."""
    path = _record_path(attachment)
    if not default_storage.exists(path):
        return Preparation(PENDING)
    with default_storage.open(path, "rb") as handle:
        record = json.load(handle)
    return Preparation(
        record["state"], record["pages"], record["reason"], tuple(record["rasterised"])
    )


def prepared_pdf(attachment: Attachment) -> bytes:
    """Return the prepared copy of a READY attachment."""
    with default_storage.open(_pdf_path(attachment), "rb") as handle:
        return handle.read()


def prepare(attachment: Attachment, *, on_prepared=None) -> Preparation:
    """Prepare the attachment's PDF now, in the worker within its limits, unless done before.

    `attachment` may be any stored file with `file` and `sha256` (a committee's own paper
    document too), when `on_prepared(record)` logs the preparation where it belongs.

    Side effects: stores the prepared copy and its record; logs
    usecases.attachment.prepared on the proposal (which also renews kept paper fingerprints).
    """
    done = preparation_of(attachment)
    if done.state != PENDING:
        return done
    with attachment.file.open("rb") as handle:
        data = handle.read()
    try:
        checked = prepare_pdf(data)
    except PdfRefused as refusal:
        result = Preparation(REFUSED, reason=str(refusal))
    else:
        _store(_pdf_path(attachment), checked.data)
        result = Preparation(READY, pages=checked.pages, rasterised=tuple(checked.rasterised))
    record = {
        "state": result.state,
        "pages": result.pages,
        "reason": result.reason,
        "rasterised": list(result.rasterised),
    }
    _store(_record_path(attachment), json.dumps(record).encode())
    if on_prepared is not None:
        on_prepared(record)
    else:
        attachment.submission.log_action(
            "usecases.attachment.prepared",
            data={"attachment": attachment.pk, "sha256": attachment.sha256, **record},
        )
    return result


def forget_unused(digests: list[str]) -> None:
    """Delete the prepared copies of contents no attachment holds any more (after a removal)."""
    held = set(Attachment.objects.filter(sha256__in=digests).values_list("sha256", flat=True))
    for digest in set(digests) - held:
        for path in (f"{FOLDER}/{digest}.json", f"{FOLDER}/{digest}.pdf"):
            if default_storage.exists(path):
                default_storage.delete(path)


def _store(path: str, data: bytes) -> None:
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(data))


@task(queue_name="annexes")
def prepare_attachment(*, attachment_id: int, attempt: int = 1) -> str:
    """Prepare one attached PDF for papers; return its state. A failure is retried with backoff."""
    with retried(prepare_attachment, {"attachment_id": attachment_id}, attempt):
        attachment = (
            Attachment.objects.select_related("submission").filter(pk=attachment_id).first()
        )
        if attachment is None:  # removed from its draft meanwhile
            return "GONE"
        return prepare(attachment).state


def request_preparation(attachment: Attachment) -> None:
    """Queue the attachment's preparation (the immediate backend runs it at once)."""
    prepare_attachment.enqueue(attachment_id=attachment.pk)
