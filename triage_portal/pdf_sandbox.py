"""Run triage_portal/pdf_worker.py on an untrusted PDF, with a time and a memory limit.

The worker is a separate Python process that caps its own address space and CPU time
(resource.setrlimit) before it reads the file; it is also killed, with anything it started,
when the wall-clock limit passes. Nothing it reads can make the web or task process slow or
large: at worst the file is refused. The limits are settings (ATTACHMENT_PDF_*).
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat

WORKER = Path(__file__).with_name("pdf_worker.py")

UNREADABLE = "This PDF could not be read. Save it again as a PDF and upload it again."
REASONS = {
    "unreadable": UNREADABLE,
    "password": "This PDF is protected by a password. Save a copy without the password and upload it again.",
    "too_many_pages": "This PDF has {pages} pages. A PDF can have at most {limit} pages: split it into smaller files.",
    "too_much_content": "Page {page} of this PDF has too much drawing in it (more than {size}). Save the page as a picture, or print it to a new PDF, and upload it again.",
    "too_big": "This PDF needs more memory to read than the portal allows. Save it again as a simpler PDF (for example by printing it to a new PDF) and upload it again.",
    "too_slow": "This PDF took too long to prepare. Save it again as a simpler PDF (for example by printing it to a new PDF) and upload it again.",
}


class PdfRefused(Exception):
    """The file was refused; str(error) is a plain-English reason to show to a person."""

    def __init__(self, code: str, **details):
        details.setdefault("size", filesizeformat(details.get("limit", 0)))
        super().__init__(REASONS.get(code, UNREADABLE).format(**details))
        self.code = code


@dataclass(frozen=True)
class CheckedPdf:
    """A PDF rewritten by the worker, and what it found."""

    data: bytes
    pages: int
    operators: int
    heavy: list[int] = field(default_factory=list)
    rasterised: list[int] = field(default_factory=list)


def clean_pdf(data: bytes) -> CheckedPdf:
    """Return the PDF rewritten without anything active; raise PdfRefused if it is refused.

    Used at upload, within the request: the upload limits apply.
    """
    return _run("clean", data, seconds=settings.ATTACHMENT_PDF_CHECK_SECONDS)


def prepare_pdf(data: bytes) -> CheckedPdf:
    """Return the PDF cleaned, with every heavy page drawn as a picture; raise PdfRefused."""
    return _run("prepare", data, seconds=settings.ATTACHMENT_PDF_PREPARE_SECONDS)


def _run(command: str, data: bytes, *, seconds: int) -> CheckedPdf:
    options = {
        "seconds": seconds,
        "memory_mb": settings.ATTACHMENT_PDF_MEMORY_MB,
        "max_pages": settings.ATTACHMENT_PDF_MAX_PAGES,
        "max_content_bytes": settings.ATTACHMENT_PDF_MAX_CONTENT_BYTES,
        "max_operators": settings.ATTACHMENT_PDF_MAX_OPERATORS,
        "dpi": settings.ATTACHMENT_PDF_RASTER_DPI,
    }
    with tempfile.TemporaryDirectory(prefix="pdf-") as folder:
        (Path(folder) / "in.pdf").write_bytes(data)
        report = _worker(command, folder, options, seconds)
        if "refused" in report:
            code = report.pop("refused")
            raise PdfRefused(code, **report)
        return CheckedPdf(data=(Path(folder) / "out.pdf").read_bytes(), **report)


def _worker(command: str, folder: str, options: dict, seconds: int) -> dict:
    process = subprocess.Popen(  # noqa: S603 -- our own script, arguments we made
        [sys.executable, "-I", str(WORKER), command, folder, json.dumps(options)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so pdftoppm goes with it
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"},
    )
    try:
        output, _ = process.communicate(timeout=seconds + 2)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfRefused("too_slow") from None
    if process.returncode == -signal.SIGXCPU or process.returncode == -signal.SIGKILL:
        raise PdfRefused("too_slow")
    try:
        return json.loads(output.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise PdfRefused("unreadable") from None
