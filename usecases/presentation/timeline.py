"""A proposal's timeline: plain-English words for the audit log's dotted action names, the
committee's steps on the proposal (agenda slot, paper issued, decision), repeated draft saves
grouped, and the old and new values of edits made after submission.

The committee app registers a finder for its events when it loads, so this module needs
nothing from it (dependencies run one way).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django import forms

from usecases.enums import ReferralBody, SupportVerification
from usecases.presentation.journey import SECTIONS

REFERRAL_BODIES = dict(ReferralBody.choices)

ACTION_WORDS = {
    "usecases.proposal.started": "Draft started",
    "usecases.proposal.draft_saved": "Draft answers saved",
    "usecases.proposal.submitted": "Submitted to the SSC",
    "usecases.proposal.withdrawn": "Withdrawn",
    "usecases.proposal.resubmitted": "Resubmitted to the SSC",
    "usecases.proposal.returned": "Returned to the proposer for completion",
    "usecases.proposal.registered": "Registered",
    "usecases.proposal.scheduled": "Sent for the SSC's initial consideration",
    "usecases.proposal.clarification_requested": "The SSC asked the proposer questions",
    "usecases.proposal.clarification_answered": "The proposer answered the SSC's questions",
    "usecases.proposal.progressed": "Progressed to assessment",
    "usecases.proposal.awaiting_views": "Waiting for external views",
    "usecases.proposal.views_received": "Views received: assessment continues",
    "usecases.proposal.reconsidered": "Views received: back to initial consideration",
    "usecases.proposal.tabled": "Tabled for the SSC's decision",
    "usecases.proposal.consultation_opened": "Consultation opened",
    "usecases.proposal.consultation_closed": "Consultation closed",
    "usecases.proposal.approved": "Approved by the SSC",
    "usecases.proposal.sent_back": "Sent back for further work",
    "usecases.proposal.rejected": "Rejected by the SSC",
    "usecases.proposal.put_on_hold": "Put on hold",
    "usecases.proposal.resumed": "Taken off hold",
    "usecases.proposal.sent_to_ncsc": "Sent to NCSC for sign-off and publication",
    "usecases.proposal.ncsc_changes_required": "NCSC required changes",
    "usecases.proposal.published": "Published",
    "usecases.proposal.superseded": "Superseded",
    "usecases.proposal.edited": "Answers edited",
    "usecases.proposal.ncsc_advice_recorded": "NCSC's advice recorded",
    "usecases.referral.created": "Referred for views",
    "usecases.referral.paper_drafted": "Referral paper drafted",
    "usecases.proposal.classification_changed": "Classification changed",
    "usecases.referral.outcome_recorded": "Referral outcome recorded",
    "usecases.proposal.draft_deleted": "Draft deleted",
    "usecases.supporter.added": "SEC Party supporter added",
    "usecases.supporter.removed": "SEC Party supporter removed",
    "usecases.supporter.confirmation_requested": "Supporter asked to confirm support",
    "usecases.supporter.confirmed": "Supporter confirmed support",
    "usecases.supporter.declined": "Supporter declined support",
    "usecases.supporter.verified": "Supporter's confirmation verified by the secretariat",
    "usecases.proposal.filed_under_organisation": "Filed under the proposer's verified organisation",
    "usecases.attachment.added": "File attached",
    "usecases.attachment.removed": "File removed",
}


def describe(entry) -> str:
    """Return a short sentence for one ActivityLog entry."""
    words = ACTION_WORDS.get(entry.action, entry.action)
    data = entry.data if isinstance(entry.data, dict) else {}
    if data.get("verification") == SupportVerification.UNVERIFIED:
        words += " (unverified)"
    detail = data.get("name") or data.get("reference") or REFERRAL_BODIES.get(data.get("body", ""))
    return f"{words}: {detail}" if detail else words


@dataclass(frozen=True)
class CommitteeEvent:
    """A step the committee took on the proposal, read from the committee's own records."""

    timestamp: datetime.datetime
    title: str
    detail: str = ""
    kind: str = ""  # "agenda", "paper" or "decision"
    # On the agenda slot of the next planned meeting to consider it: that consideration
    # (a next_steps.Consideration), so "what happens next" needs no query of its own.
    upcoming: object = None


_event_finders: list[Callable[[object], Iterable[CommitteeEvent]]] = []


def register_committee_events(finder: Callable[[object], Iterable[CommitteeEvent]]) -> None:
    if finder not in _event_finders:
        _event_finders.append(finder)


def committee_events(submission) -> list[CommitteeEvent]:
    """Return the committee's steps on this proposal (agenda slots, papers, decisions)."""
    return [event for finder in _event_finders for event in finder(submission)]


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class TimelineEntry:
    title: str
    timestamp: datetime.datetime
    actor: str = ""
    reason: str = ""
    detail: str = ""
    changes: list[Change] = field(default_factory=list)
    times: int = 1
    committee: bool = False


def _answer_fields() -> dict[str, forms.Field]:
    return {
        name: form_field
        for section in SECTIONS
        if section.form_class is not None
        for name, form_field in section.form_class.base_fields.items()
    }


ANSWER_FIELDS = _answer_fields()
# The form's order: PostgreSQL's jsonb keeps a log entry's keys in its own order, not ours.
ANSWER_ORDER = {name: position for position, name in enumerate(ANSWER_FIELDS)}


def _shown(name: str, value) -> str:
    """Return an answer as the proposal's page words it (choices by their labels)."""
    if value in (None, "", []):
        return "(not answered)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    choices = getattr(ANSWER_FIELDS.get(name), "choices", None)
    if choices is not None and not isinstance(ANSWER_FIELDS[name], forms.ModelChoiceField):
        return str(dict(choices).get(value, value))
    return str(value)


def _label(name: str) -> str:
    known = ANSWER_FIELDS.get(name)
    return str(known.label) if known is not None else name.replace("_", " ").capitalize()


def changes_of(entry) -> list[Change]:
    """Return the old and new value of each answer an edit changed."""
    data = entry.data if isinstance(entry.data, dict) else {}
    changed = sorted(
        (data.get("changes") or {}).items(),
        key=lambda item: (ANSWER_ORDER.get(item[0], len(ANSWER_ORDER)), item[0]),
    )
    return [
        Change(_label(name), _shown(name, values.get("old")), _shown(name, values.get("new")))
        for name, values in changed
        if isinstance(values, dict)
    ]


GROUPED = {"usecases.proposal.draft_saved"}


def timeline_entries(log, events: Iterable[CommitteeEvent] = ()) -> list[TimelineEntry]:
    """Return the timeline as shown: log entries and committee events in time order, each
    run of repeated draft saves by one person as one entry."""
    entries: list[TimelineEntry] = []
    last_action = last_actor = None
    for entry in log:
        data = entry.data if isinstance(entry.data, dict) else {}
        actor = entry.actor.full_name if entry.actor else ""
        if entry.action in GROUPED and entry.action == last_action and actor == last_actor:
            entries[-1].times += 1
            entries[-1].timestamp = entry.timestamp
            continue
        entries.append(
            TimelineEntry(
                title=describe(entry),
                timestamp=entry.timestamp,
                actor=actor,
                reason=str(data.get("reason") or ""),
                changes=changes_of(entry),
            )
        )
        last_action, last_actor = entry.action, actor
    entries += [
        TimelineEntry(title=e.title, timestamp=e.timestamp, detail=e.detail, committee=True)
        for e in events
    ]
    entries.sort(key=lambda e: e.timestamp)
    return entries
