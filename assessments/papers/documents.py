"""Minutes and decision letters as PDF, marked like papers.

Each is rendered once for its content (keyed on its HTML's hash, in the shared pages cache,
so nothing needs invalidating), and a reader's watermark is laid over the kept copy.
"""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.enums import BallotMethod
from assessments.minutes_record import MinutesForReader
from assessments.models import Decision
from assessments.papers.render import Reader, marking, watermark_text
from assessments.statements import tally_line
from triage_portal.classification import Classification, statement
from triage_portal.pdf import html_to_pdf, stamp_watermark
from usecases.presentation.next_steps import what_happens_next

KEPT_SECONDS = 24 * 3600


def _common(level: str, title: str, reference: str, action: str) -> dict:
    return {
        "title": title,
        "reference": reference,
        "action": action,
        "marking": marking(level),
        "level_name": "White" if level == Classification.WHITE else Classification(level).label,
        "statement": statement(level),
    }


def _for_reader(html: str, level: str, reader: Reader | None) -> bytes:
    """Return the document rendered from `html` (once for each content), watermarked for the reader."""
    key = "document-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    store = caches["pages"]
    data = store.get(key)
    if data is None:
        data = html_to_pdf(html)
        store.set(key, data, timeout=KEPT_SECONDS)
    text = watermark_text(level, reader)
    return stamp_watermark(data, text) if text else data


def minutes_reference(meeting) -> str:
    """Return the minutes' reference, in the papers' form: SSC_94_1711_MINUTES."""
    return f"{meeting.committee.paper_ref_prefix}_{meeting.number}_{meeting.date:%d%m}_MINUTES"


def render_minutes(shown: MinutesForReader, reader: Reader | None = None) -> bytes:
    """Return the minutes as PDF bytes, as `shown` lets the reader see them, marked and
    numbered like the committee's papers, and watermarked for the reader."""
    meeting = shown.meeting
    level = shown.level
    reference = minutes_reference(meeting)
    context = _common(
        level,
        f"Minutes of {meeting.committee.code} meeting {meeting.number}, {meeting.date:%-d %B %Y}",
        reference,
        "Minutes",
    )
    html = render_to_string(
        "pdf/minutes.html",
        {**context, "running_title": f"{reference} – Minutes", "shown": shown},
    )
    return _for_reader(html, level, reader)


def render_decision_letter(decision: Decision, reader: Reader | None = None) -> bytes:
    """Return the letter telling the proposer and supporters the decision, its tally once,
    the reasons recorded with it, and what happens next."""
    submission = decision.submission
    context = _common(
        submission.classification,
        f"Decision on {submission.reference or 'proposal'}",
        decision.reference,
        "Decision letter",
    )
    html = render_to_string(
        "pdf/decision_letter.html",
        {
            **context,
            "decision": decision,
            "submission": submission,
            "today": timezone.localdate(),
            "next_step": what_happens_next(submission),
            "tally": ""
            if decision.method == BallotMethod.CONSENSUS
            else tally_line(decision.snapshot),
        },
    )
    return _for_reader(html, submission.classification, reader)
