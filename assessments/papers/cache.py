"""Rendered PDFs stored under a hash of everything they were rendered from.

Any change to the paper, its recommendations or annexes, the proposal it annexes, an
attachment or its preparation, the classification, or a template or stylesheet gives a new
hash, so a stale PDF is never served. The same PDF serves every reader: a reader's watermark
is laid over it (render.paper_for_reader).
"""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict

from assessments.models import Paper
from triage_portal.perf.stamp import kept_until_a_change
from usecases.files.annexes import preparation_of

TEMPLATES = (
    "paper.html",
    "_paper.html",
    "_annex_form.html",
    "_annex_clarifications.html",
    "_strings.html",
)


@lru_cache(maxsize=1)
def _layout_fingerprint() -> str:
    digest = hashlib.sha256()
    folder = Path(settings.BASE_DIR) / "templates" / "assessments" / "pdf"
    for name in TEMPLATES:
        digest.update((folder / name).read_bytes())
    digest.update(Path(finders.find("print/paper.css")).read_bytes())
    return digest.hexdigest()


def paper_inputs(paper: Paper) -> dict:
    """Return everything a paper's PDF depends on, as plain data."""
    submission = paper.agenda_item.submission
    return {
        "paper": model_to_dict(paper),
        "item": [paper.agenda_item.number, str(paper.agenda_item.meeting)],
        # Read from what the page's query prefetched, when it did (one query fewer each).
        "recommendations": sorted(
            [r.position, r.verb, r.text] for r in paper.recommendations.all()
        ),
        "annexes": sorted(
            [
                a.position,
                a.kind,
                a.title,
                a.classification,
                a.file.sha256 if a.file else None,
                _preparation(a.file) if a.file else None,
            ]
            for a in paper.annexes.all()
        ),
        "submission": None
        if submission is None
        else {
            "updated_at": submission.updated_at,
            "state": submission.state,
            "classification": submission.classification,
            "supporters": list(
                submission.supporters.values_list(
                    "name", "phone", "email", "status", "sec_party__name"
                )
            ),
            "clarifications": list(
                submission.clarifications.values_list(
                    "number", "questions__text", "questions__answer"
                )
            ),
        },
        "layout": _layout_fingerprint(),
        "tlp2": settings.PORTAL_TLP2_MARKINGS,
    }


def _preparation(attachment) -> str | None:
    """Where an attached PDF's preparation stands: a paper lays in the prepared copy."""
    if attachment.content_type != "application/pdf":
        return None
    return preparation_of(attachment).token


def fingerprint(paper: Paper) -> str:
    data = json.dumps(paper_inputs(paper), cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def cached_paper_pdf(paper: Paper, render) -> bytes:
    """Return the paper's PDF from the cache, rendering and storing it on a miss.

    The fingerprint itself (two more queries and a hash of everything) is kept until the change
    stamp moves: every write to what it covers moves it (triage_portal/perf/README.md).
    """
    digest = kept_until_a_change(("paper_pdf", paper.pk), lambda: fingerprint(paper))
    path = f"pdf-cache/paper-{paper.pk}-{digest}.pdf"
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as handle:
            return handle.read()
    data = render(paper)
    default_storage.save(path, ContentFile(data))
    return data
