"""Closing votes into decisions with their immutable snapshots, and consensus decisions."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_fsm import can_proceed

from assessments import voting
from assessments.enums import AttendanceStatus, BallotMethod, BallotStatus, Outcome
from assessments.models import Attendance, Ballot, Committee, Decision, Meeting
from assessments.notifications import ballot_level
from assessments.papers.references import (
    correspondence_decision_reference,
    decision_reference,
    decision_sequence,
)
from assessments.services.electorate import (
    Standing,
    ballot_day,
    committee_rules,
    counted_votes,
    in_meeting,
    meeting_of,
    preview_ballot,
    seat_standings,
    stray_votes,
    tally,
    voting_memberships,
)
from assessments.services.outcomes import apply_outcome
from assessments.statements import decision_statement, subject_of
from triage_portal.links import portal_url
from triage_portal.mail import queue_email
from usecases.errors import ActionRefused, require

__all__ = [
    "CastingVoteNeeded",
    "ballot_members",
    "close_ballot",
    "close_due_ballots",
    "committee_rules",
    "preview_ballot",
    "record_consensus_decision",
]

logger = logging.getLogger(__name__)


class CastingVoteNeeded(ActionRefused):
    """The vote is tied and the Chair, who takes part in it, must give a casting vote."""

    def __init__(self, result: voting.Result):
        counts = f"For {result.for_count}, Against {result.against_count}"
        super().__init__(f"The vote is tied ({counts}): the Chair must give a casting vote.")
        self.result = result


def ballot_members(ballot: Ballot) -> list[voting.Member]:
    """Return the seats as the tally sees them (see electorate.seat_standings)."""
    return [s.as_member() for s in seat_standings(ballot)]


def _on_or_after(meeting: Meeting, what: str) -> None:
    if timezone.localdate() < meeting.date:
        raise ActionRefused(
            f"{meeting} has not taken place yet: {what} on or after {meeting.date:%-d %B %Y}."
        )


def _decision_meeting(ballot: Ballot, day: datetime.date) -> Meeting | None:
    """Return the meeting a decision is filed under.

    A vote in a meeting: that meeting. By correspondence: the meeting of its agenda item if
    that meeting has taken place, else the committee's latest meeting on or before the day;
    None if it has held none (the decision then has a by-correspondence reference).
    """
    meeting = meeting_of(ballot)
    if in_meeting(ballot) or (meeting is not None and meeting.date <= day):
        return meeting
    return (
        Meeting.objects.filter(committee=ballot.committee, date__lte=day)
        .order_by("-date", "-number")
        .first()
    )


def _create_decision(committee: Committee, meeting: Meeting | None, **fields) -> Decision:
    """Create the decision with the committee's next reference for the meeting (or year).

    The committee's row is locked, so two decisions closing at once are numbered one after the
    other; should a reference still be taken (a database that does not lock rows), the next
    number is tried, inside a savepoint.
    """
    Committee.objects.select_for_update().get(pk=committee.pk)
    decided = timezone.localtime()
    if meeting is not None:
        stem = decision_reference(committee.code, meeting.number, 0)[:-2]
    else:
        stem = correspondence_decision_reference(committee.code, decided.year, 0)[:-2]
    taken = Decision.objects.filter(reference__startswith=stem).values_list("reference", flat=True)
    sequence = max((decision_sequence(r, stem) or 0 for r in taken), default=0)
    for attempt in range(5):
        reference = f"{stem}{sequence + 1 + attempt:02d}"
        try:
            with transaction.atomic():
                return Decision.objects.create(
                    committee=committee, meeting=meeting, reference=reference, **fields
                )
        except IntegrityError:
            if not Decision.objects.filter(reference=reference).exists():
                raise
    raise ActionRefused("Decisions are being recorded at the same moment: try again.")


def _snapshot(ballot: Ballot, result: voting.Result) -> dict:
    votes = []
    for v in ballot.votes.select_related("seat", "membership__person", "cast_by"):
        row = {
            "seat": str(v.seat),
            "member": v.membership.person.full_name,
            "cast_by": v.cast_by.full_name,
            "choice": v.choice,
        }
        if v.struck_at:
            row |= {"struck": True, "struck_reason": v.struck_reason}
        votes.append(row)
    return {
        **voting.snapshot(result),
        "votes": votes,
        "question": ballot.question,
        "method": ballot.method,
        "judged_on": ballot_day(ballot).isoformat(),
    }


def _refuse_stray_votes(ballot: Ballot, standings: list[Standing]) -> None:
    strays = stray_votes(ballot, standings)
    if strays:
        named = "; ".join(
            f"the vote for {vote.seat} cast by {vote.cast_by.full_name} at"
            f" {timezone.localtime(vote.cast_at):%H:%M} ({why})"
            for vote, why in strays
        )
        raise ActionRefused(
            f"Some votes cannot count: {named}. The Chair strikes them out before the vote is"
            " closed."
        )


@transaction.atomic
def close_ballot(
    *, ballot_id: int, user=None, casting_vote: str | None = None, reasons: str = ""
) -> Decision:
    """Close the vote, compute the result, store the decision with its snapshot, and act on it.

    The decision's resolution states what was decided ("The SSC AGREED to progress …"); the
    tally is kept once, in its snapshot; `reasons` are recorded with it for the decision letter.

    user is None when the scheduler closes a vote by correspondence at its deadline; the
    decision is then recorded for the person who opened the vote. Refused (ActionRefused) before
    the meeting's date for a vote in a meeting; while a vote that cannot count is not struck out
    (stray_votes); with a casting vote that the rules or the Chair's part in the item do not
    allow; and, raising CastingVoteNeeded, when the vote is tied and the Chair, taking part,
    must give a casting vote (preview_ballot shows the tally first).
    """
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("committee", "agenda_item__meeting", "submission")
        .get(pk=ballot_id)
    )
    if user is not None:
        require(user, "assessments.run_ballot")
    if not can_proceed(ballot.close):
        raise ActionRefused(f"This vote is already {ballot.get_status_display().lower()}.")
    meeting = meeting_of(ballot)
    if in_meeting(ballot):
        if meeting is None:
            raise ActionRefused("This vote is not on a meeting's agenda item, so it cannot close.")
        _on_or_after(meeting, "its votes are closed")
    standings = seat_standings(ballot)
    _refuse_stray_votes(ballot, standings)
    try:
        result = tally(ballot, standings, counted_votes(ballot, standings), casting_vote)
    except ValueError as error:
        raise ActionRefused(f"{error}.") from error
    if result.casting_vote_needed:
        raise CastingVoteNeeded(result)
    ballot.close()
    ballot.save(update_fields=["status", "closes_at"])
    actor = user or ballot.created_by
    snapshot = _snapshot(ballot, result)
    decision = _create_decision(
        ballot.committee,
        _decision_meeting(ballot, timezone.localdate()),
        ballot=ballot,
        submission=ballot.submission,
        method=ballot.method,
        outcome=ballot.outcome_if_passed if result.passed else Outcome.NOTED,
        passed=result.passed,
        resolution=_resolution(ballot, result),
        reasons=reasons.strip(),
        snapshot=snapshot,
        recorded_by=actor,
    )
    ballot.log_action(
        "assessments.ballot.closed",
        actor=user,
        data={
            "decision": decision.reference,
            "passed": result.passed,
            "snapshot": snapshot,
            "outcome": decision.outcome,
            "resolution": decision.resolution,
            "reasons": decision.reasons,
        },
    )
    if result.passed and ballot.submission_id:
        apply_outcome(decision, ballot.outcome_text, actor)
    return decision


def _resolution(ballot: Ballot, result) -> str:
    """Return what the vote decided, as a statement (the tally is in the snapshot)."""
    return decision_statement(
        code=ballot.committee.code,
        outcome=ballot.outcome_if_passed,
        passed=result.passed,
        subject=subject_of(
            submission=ballot.submission,
            item_title=ballot.agenda_item.title if ballot.agenda_item_id else "",
        ),
        question=ballot.question,
        proposal=ballot.submission_id is not None,
    )


def meeting_quorum(meeting: Meeting) -> voting.Result:
    """Return whether the meeting is quorate for business with no vote (no one recused).

    Seats are those held on the meeting's date; a seat counts when its member is recorded
    present or represented by their registered alternate; the committee's Chair rule applies.
    """
    present = dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status"))
    alternates = dict(
        Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.REPRESENTED).values_list(
            "person_id", "represented_by_id"
        )
    )
    members = [
        voting.Member(
            id=m.seat_id,
            is_voting=m.seat.is_voting,
            is_chair=m.seat.is_chair,
            present=present.get(m.person_id) == AttendanceStatus.PRESENT,
            alternate_present=m.alternate_id is not None
            and alternates.get(m.person_id) == m.alternate_id,
        )
        for m in voting_memberships(meeting.committee, meeting.date)
        if not m.seat.is_observer
    ]
    return voting.tally_meeting_vote(committee_rules(meeting.committee), members, {})


@transaction.atomic
def record_consensus_decision(
    *,
    user,
    committee: Committee,
    meeting: Meeting,
    outcome: str,
    resolution: str,
    submission=None,
    outcome_text: str = "",
    agenda_item=None,
    reasons: str = "",
) -> Decision:
    """Record a decision the committee reached by consensus ("The SSC AGREED…"), with no tally.

    `reasons`, why the committee decided so, are recorded with it for the decision letter.

    Only in a quorate meeting of the committee (meeting_quorum), on or after its date. On an
    agenda item the decision is filed under a closed consensus question on that item, so it is
    read by whoever may read the item's business (a RED item's by those named on it).
    Side effects: the decision with the next reference (and its closed question); logged; the
    proposal moved as decided.
    """
    require(user, "assessments.record_decision")
    if not resolution.strip():
        raise ActionRefused("Enter the resolution.")
    if meeting.committee_id != committee.pk:
        raise ActionRefused(f"{meeting} is not a {committee.code} meeting.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ActionRefused(f"Item {agenda_item.number:02d} is not on the agenda of {meeting}.")
    if agenda_item is not None and submission is None:
        submission = agenda_item.submission
    _on_or_after(meeting, "its decisions are recorded")
    quorum = meeting_quorum(meeting)
    if not quorum.quorate:
        raise ActionRefused(
            f"{meeting} is not quorate, so it cannot decide by consensus"
            f" ({quorum.reason.removeprefix('Not quorate: ')})."
        )
    present = list(
        Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values_list(
            "person__full_name", flat=True
        )
    )
    snapshot = {
        "method": "consensus",
        "present": present,
        "quorate": True,
        "quorum_required": quorum.quorum_required,
        "present_ids": list(quorum.present_ids),
        "eligible_ids": list(quorum.eligible_ids),
    }
    ballot = None
    if agenda_item is not None:
        ballot = Ballot(
            committee=committee,
            agenda_item=agenda_item,
            submission=submission,
            question=resolution.strip(),
            outcome_if_passed=Outcome(outcome),
            outcome_text=outcome_text.strip(),
            method=BallotMethod.CONSENSUS,
            created_by=user,
        )
        ballot.decide_by_consensus()
        ballot.save()
    decision = _create_decision(
        committee,
        meeting,
        ballot=ballot,
        submission=submission,
        method=BallotMethod.CONSENSUS,
        outcome=Outcome(outcome),
        passed=True,
        resolution=resolution.strip(),
        reasons=reasons.strip(),
        snapshot=snapshot,
        recorded_by=user,
    )
    decision.log_action(
        "assessments.decision.recorded",
        actor=user,
        data={
            "reference": decision.reference,
            "outcome": outcome,
            "snapshot": decision.snapshot,
            "resolution": decision.resolution,
            "reasons": decision.reasons,
            "agenda_item": agenda_item.pk if agenda_item else None,
        },
    )
    if submission is not None:
        apply_outcome(decision, outcome_text, user)
    return decision


def _chairs_of(ballot: Ballot) -> list:
    return [
        m.person
        for m in voting_memberships(ballot.committee, ballot_day(ballot))
        if m.seat.is_chair
    ]


@transaction.atomic
def _ask_chair_for_casting_vote(ballot_id: int, result: voting.Result, now) -> None:
    """Mark the tied vote as awaiting the Chair's casting vote; e-mail the Chair once."""
    ballot = (
        Ballot.objects.select_for_update(of=("self",)).select_related("committee").get(pk=ballot_id)
    )
    if ballot.casting_vote_requested_at or ballot.status != BallotStatus.OPEN:
        return
    ballot.casting_vote_requested_at = now
    ballot.save(update_fields=["casting_vote_requested_at"])
    chairs = _chairs_of(ballot)
    ballot.log_action(
        "assessments.ballot.casting_vote_requested",
        actor=None,
        data={
            "for": result.for_count,
            "against": result.against_count,
            "abstain": result.abstain_count,
            "chairs": [c.pk for c in chairs],
        },
    )
    link = portal_url(reverse("assessments:ballot-detail", args=[ballot.pk]))
    level = ballot_level(ballot)
    for chair in chairs:
        transaction.on_commit(
            lambda chair=chair: queue_email(
                template="casting_vote_needed",
                key="assessments.casting_vote_needed",
                to=[chair.email],
                context={"ballot": ballot, "link": link},
                classification=level,
            )
        )


def close_due_ballots(now: datetime.datetime | None = None) -> list[str]:
    """Close every vote by correspondence whose deadline has passed; return the decision references.

    A tie the Chair can settle is not closed as "not passed": the vote stays open (no more
    votes can be cast after its deadline), marked casting_vote_requested_at, and the Chair is
    e-mailed once; the Chair, or the secretariat for them, then closes it from its page with the
    casting vote. A vote that cannot be closed for another reason (a vote to strike out) is
    left open, and logged as a warning, for the Chair to resolve from its page.
    """
    now = now or timezone.now()
    due = Ballot.objects.filter(
        method=BallotMethod.CORRESPONDENCE,
        status=BallotStatus.OPEN,
        closes_at__lte=now,
        casting_vote_requested_at__isnull=True,
    )
    references = []
    for pk in due.values_list("pk", flat=True):
        try:
            references.append(close_ballot(ballot_id=pk).reference)
        except CastingVoteNeeded as tie:
            _ask_chair_for_casting_vote(pk, tie.result, now)
        except ActionRefused as error:
            logger.warning("Vote %s was not closed at its deadline: %s", pk, error)
    return references
