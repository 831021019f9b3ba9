"""Closing votes into decisions with their immutable snapshots, and consensus decisions."""

import datetime

from django.db import transaction
from django.utils import timezone

from assessments import voting
from assessments.enums import AttendanceStatus, BallotMethod, BallotStatus, ConflictRuling, Outcome
from assessments.models import Attendance, Ballot, Committee, ConflictDeclaration, Decision, Meeting
from assessments.papers.references import decision_reference
from assessments.services.ballots import attendance_of, voting_memberships
from assessments.services.common import require
from assessments.services.outcomes import apply_outcome
from usecases.errors import ActionRefused


def committee_rules(committee: Committee) -> voting.CommitteeRules:
    return voting.CommitteeRules(
        quorum_fraction=committee.quorum_fraction,
        chair_required_for_quorum=committee.chair_required,
        majority_rule=committee.majority_rule,
        chair_has_casting_vote=committee.chair_casting_vote,
        correspondence_threshold=committee.correspondence_threshold,
    )


def ballot_members(ballot: Ballot) -> list[voting.Member]:
    attendance = attendance_of(ballot)
    excluded = set(
        ConflictDeclaration.objects.filter(
            ballot=ballot, ruling=ConflictRuling.EXCLUDED
        ).values_list("person_id", flat=True)
    )
    members = []
    for membership in voting_memberships(ballot.committee):
        if membership.seat.is_observer:
            continue
        record = attendance.get(membership.person_id)
        members.append(
            voting.Member(
                id=membership.seat_id,
                is_voting=membership.seat.is_voting,
                is_chair=membership.seat.is_chair,
                present=bool(record and record.status == AttendanceStatus.PRESENT),
                alternate_present=bool(record and record.status == AttendanceStatus.REPRESENTED),
                recused=membership.person_id in excluded,
            )
        )
    return members


def _next_decision_reference(committee: Committee, meeting: Meeting | None) -> str:
    number = meeting.number if meeting else 0
    prefix = decision_reference(committee.code, number, 0)[:-2]
    taken = Decision.objects.filter(reference__startswith=prefix).count()
    return decision_reference(committee.code, number, taken + 1)


def _decision_meeting(ballot: Ballot) -> Meeting | None:
    if ballot.agenda_item_id:
        return ballot.agenda_item.meeting
    return (
        Meeting.objects.filter(committee=ballot.committee, date__lte=timezone.localdate())
        .order_by("-date")
        .first()
        or Meeting.objects.filter(committee=ballot.committee).order_by("date").first()
    )


@transaction.atomic
def close_ballot(*, ballot_id: int, user=None, casting_vote: str | None = None) -> Decision:
    """Close the vote, compute the result, store the decision with its snapshot, and act on it.

    user is None when the scheduler closes a vote by correspondence at its deadline; the
    decision is then recorded for the person who opened the vote.
    """
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("committee", "agenda_item__meeting")
        .get(pk=ballot_id)
    )
    if user is not None:
        require(user, "assessments.run_ballot")
    if ballot.status != BallotStatus.OPEN:
        raise ActionRefused(f"This vote is already {ballot.get_status_display().lower()}.")
    votes = {v.seat_id: voting.Choice(v.choice) for v in ballot.votes.all()}
    members = ballot_members(ballot)
    casting = voting.Choice(casting_vote) if casting_vote else None
    if ballot.method == BallotMethod.CORRESPONDENCE:
        result = voting.tally_correspondence_vote(
            committee_rules(ballot.committee), members, votes, casting_vote=casting
        )
    else:
        result = voting.tally_meeting_vote(
            committee_rules(ballot.committee), members, votes, casting_vote=casting
        )
    ballot.status = BallotStatus.CLOSED
    ballot.closes_at = ballot.closes_at or timezone.now()
    ballot.save(update_fields=["status", "closes_at"])
    meeting = _decision_meeting(ballot)
    actor = user or ballot.created_by
    snapshot = {
        **voting.snapshot(result),
        "votes": [
            {
                "seat": str(v.seat),
                "member": v.membership.person.full_name,
                "cast_by": v.cast_by.full_name,
                "choice": v.choice,
            }
            for v in ballot.votes.select_related("seat", "membership__person", "cast_by")
        ],
        "question": ballot.question,
        "method": ballot.method,
    }
    decision = Decision.objects.create(
        committee=ballot.committee,
        meeting=meeting,
        ballot=ballot,
        submission=ballot.submission,
        reference=_next_decision_reference(ballot.committee, meeting),
        method=ballot.method,
        outcome=ballot.outcome_if_passed if result.passed else Outcome.NOTED,
        passed=result.passed,
        resolution=_resolution(ballot, result),
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
        },
    )
    if result.passed and ballot.submission_id:
        apply_outcome(decision, ballot.outcome_text, actor)
    return decision


def _resolution(ballot: Ballot, result) -> str:
    code = ballot.committee.code
    verdict = "AGREED" if result.passed else "DID NOT AGREE"
    return f"The {code} {verdict}: {ballot.question} ({result.reason})"


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
) -> Decision:
    """Record a decision the committee reached by consensus ("The SSC AGREED…"), with no tally."""
    require(user, "assessments.record_decision")
    if not resolution.strip():
        raise ActionRefused("Enter the resolution.")
    present = list(
        Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values_list(
            "person__full_name", flat=True
        )
    )
    decision = Decision.objects.create(
        committee=committee,
        meeting=meeting,
        submission=submission,
        reference=_next_decision_reference(committee, meeting),
        method=BallotMethod.CONSENSUS,
        outcome=Outcome(outcome),
        passed=True,
        resolution=resolution.strip(),
        snapshot={"method": "consensus", "present": present},
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
        },
    )
    if submission is not None:
        apply_outcome(decision, outcome_text, user)
    return decision


def close_due_ballots(now: datetime.datetime | None = None) -> list[str]:
    """Close every vote by correspondence whose deadline has passed; return the decision references."""
    now = now or timezone.now()
    due = Ballot.objects.filter(
        method=BallotMethod.CORRESPONDENCE, status=BallotStatus.OPEN, closes_at__lte=now
    )
    return [close_ballot(ballot_id=pk).reference for pk in due.values_list("pk", flat=True)]
