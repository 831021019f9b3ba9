"""What happens next to a proposal, in plain words, for its page.

The committee app knows when a proposal is on a meeting's agenda; it registers a finder here
when it loads, so this module needs nothing from it (dependencies run one way).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from usecases.enums import SubmissionState as S


@dataclass(frozen=True)
class Consideration:
    committee: str
    meeting_number: int
    meeting_date: datetime.date
    papers_due: datetime.date
    item_number: int | None = None
    paper_reference: str = ""
    paper_issued: bool = False


_finders: list[Callable[[object], Consideration | None]] = []


def register_consideration_finder(finder: Callable[[object], Consideration | None]) -> None:
    if finder not in _finders:
        _finders.append(finder)


def next_consideration(submission) -> Consideration | None:
    return next((found for f in _finders if (found := f(submission)) is not None), None)


def _day(date: datetime.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


GENERAL = {
    S.DRAFT: "Answer the remaining questions, then submit the proposal. The SSC secretariat will check that it is complete.",
    S.SUBMITTED: "The SSC secretariat will check that the proposal is complete. They will register it, or return it to the proposer saying what is missing.",
    S.RETURNED: "The proposer completes or corrects what the secretariat asked for, then submits the proposal again.",
    S.REGISTERED: "The secretariat will put the proposal on the agenda of a coming SSC meeting for initial consideration.",
    S.INITIAL_CONSIDERATION: "The SSC will decide whether to take the proposal forward to assessment, ask for clarification, or reject it.",
    S.CLARIFICATION_REQUESTED: "The proposer answers the SSC's questions by the due date. The working-day clock is stopped until then.",
    S.UNDER_ASSESSMENT: "The SSC assesses the proposal against the security controls and SEC obligations, and may ask others for their views.",
    S.AWAITING_EXTERNAL_VIEWS: "The SSC is waiting for views it asked for (for example from TABASC or NCSC) before it goes on.",
    S.CONSULTATION: "The proposal is out for consultation. The SSC will consider the responses.",
    S.DECISION_PENDING: "The SSC will decide whether to approve or reject the proposal.",
    S.ON_HOLD: "The proposal is on hold. The SSC secretariat will say when it resumes.",
    S.APPROVED: "The approved change goes to NCSC, or the Use Case is published by the SSC.",
    S.AWAITING_NCSC_PUBLICATION: "NCSC will publish the updated CPA Security Characteristic. The portal records the publication.",
    S.PUBLISHED: "Nothing more: the outcome is published.",
    S.REJECTED: "Nothing more: the SSC rejected the proposal. The decision letter gives the reasons.",
    S.WITHDRAWN: "Nothing more: the proposal was withdrawn.",
    S.SUPERSEDED: "Nothing more: a later proposal replaced this one.",
}


def what_happens_next(submission, events=None) -> str:
    """One or two plain sentences; a scheduled meeting is named with its date, item number and
    paper, and the committee's latest decision (from `events`) with its reference.

    With `events` (timeline.committee_events), the next meeting is the one its agenda slots
    name as upcoming; without, the registered finders look for it.
    """
    # Not looked for before registration: no meeting considers a proposal until then.
    unscheduled = submission.state in (S.DRAFT, S.SUBMITTED, S.RETURNED)
    if unscheduled:
        found = None
    elif events is None:
        found = next_consideration(submission)
    else:
        found = next((event.upcoming for event in events if event.upcoming is not None), None)
    events = events or ()
    if found:
        slot = f", item {found.item_number}," if found.item_number else ""
        if found.paper_issued:
            papers = f"its paper {found.paper_reference} has been issued."
        else:
            papers = f"papers are due by {_day(found.papers_due)}."
        words = (
            f"The {found.committee} will consider this at meeting {found.meeting_number}{slot} "
            f"on {_day(found.meeting_date)}; {papers}"
        )
    else:
        words = GENERAL.get(submission.state, "")
    decisions = [event for event in events if event.kind == "decision"]
    if decisions:
        latest = max(decisions, key=lambda event: event.timestamp)
        return f"Latest decision — {latest.title}. {words}"
    return words
