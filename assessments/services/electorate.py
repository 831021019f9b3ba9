"""Who may vote for each seat on a vote, which votes count, and the tally so far.

Membership is judged on the vote's day (ballot_day): the meeting's date for a vote in a
meeting, and the day it opened for a vote by correspondence (a member appointed, or whose
vetting lapses, while it is open neither gains nor loses the seat's vote).

In a meeting a seat is voted by its member when the member is recorded present, or by the
member's registered alternate when the member is recorded as represented by that alternate.
Nobody votes for a seat whose member sent apologies, has no attendance record, or is recorded
as represented by someone who is not their registered alternate.

By correspondence the member votes, or, where PORTAL_ALTERNATES_VOTE_BY_CORRESPONDENCE, their
alternate; the first vote takes the seat.

Declarations are matched to the person who votes for the seat: a seat whose voter the Chair
excluded is recused, out of the vote and out of the quorum. By correspondence, before anyone
has voted for a seat, it is recused only when everyone who could vote for it is excluded.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from assessments import voting
from assessments.enums import AttendanceStatus, BallotMethod, ConflictRuling
from assessments.models import (
    Attendance,
    Ballot,
    Committee,
    ConflictDeclaration,
    Meeting,
    Membership,
    Vote,
)
from usecases.errors import ActionRefused


def committee_rules(committee: Committee) -> voting.CommitteeRules:
    """Return the committee's voting rules as the pure tally reads them."""
    return voting.CommitteeRules(
        quorum_fraction=committee.quorum_fraction,
        chair_required_for_quorum=committee.chair_required,
        majority_rule=committee.majority_rule,
        chair_has_casting_vote=committee.chair_casting_vote,
        correspondence_threshold=committee.correspondence_threshold,
        chair_alternate_may_cast=committee.chair_alternate_casting_vote,
    )


def voting_memberships(committee: Committee, day: datetime.date | None = None):
    """Return the committee's memberships current on the day (in term and vetted), with seats."""
    return (
        Membership.objects.current(day)
        .filter(seat__committee=committee)
        .select_related("seat", "person", "alternate")
    )


def in_meeting(ballot: Ballot) -> bool:
    """Return whether the vote is taken in a meeting (not by correspondence)."""
    return ballot.method != BallotMethod.CORRESPONDENCE


def meeting_of(ballot: Ballot) -> Meeting | None:
    """Return the meeting whose agenda item the vote is on, if any."""
    return ballot.agenda_item.meeting if ballot.agenda_item_id else None


def ballot_day(ballot: Ballot) -> datetime.date:
    """Return the day membership is judged: the meeting's date, or the day the vote opened."""
    meeting = meeting_of(ballot)
    if in_meeting(ballot) and meeting is not None:
        return meeting.date
    return timezone.localdate(ballot.opens_at) if ballot.opens_at else timezone.localdate()


def attendance_of(ballot: Ballot) -> dict[int, Attendance]:
    """Return the attendance at the vote's meeting by person id (empty with no meeting)."""
    if ballot.agenda_item_id is None:
        return {}
    rows = Attendance.objects.filter(meeting=ballot.agenda_item.meeting_id)
    return {a.person_id: a for a in rows.select_related("represented_by")}


@dataclass(frozen=True)
class Standing:
    """One seat on one vote: who may vote for it and how the tally sees it."""

    membership: Membership
    voters: tuple[int, ...]
    present: bool = False
    alternate_present: bool = False
    recused: bool = False
    attendance: Attendance | None = None

    @property
    def seat(self):
        return self.membership.seat

    def as_member(self) -> voting.Member:
        return voting.Member(
            id=self.seat.pk,
            is_voting=self.seat.is_voting,
            is_chair=self.seat.is_chair,
            present=self.present,
            alternate_present=self.alternate_present,
            recused=self.recused,
        )


def _meeting_standing(membership: Membership, record: Attendance | None, excluded) -> Standing:
    status = record.status if record else None
    stands_in = (
        status == AttendanceStatus.REPRESENTED
        and membership.alternate_id is not None
        and record.represented_by_id == membership.alternate_id
    )
    if status == AttendanceStatus.PRESENT:
        voters = (membership.person_id,)
    else:
        voters = (membership.alternate_id,) if stands_in else ()
    return Standing(
        membership=membership,
        voters=voters,
        present=status == AttendanceStatus.PRESENT,
        alternate_present=stands_in,
        recused=(voters[0] if voters else membership.person_id) in excluded,
        attendance=record,
    )


def _correspondence_standing(membership: Membership, cast_by: int | None, excluded) -> Standing:
    voters = [membership.person_id]
    if membership.alternate_id and settings.PORTAL_ALTERNATES_VOTE_BY_CORRESPONDENCE:
        voters.append(membership.alternate_id)
    recused = cast_by in excluded if cast_by else all(v in excluded for v in voters)
    return Standing(membership=membership, voters=tuple(voters), recused=recused)


def seat_standings(ballot: Ballot) -> list[Standing]:
    """Return every non-observer seat held on the vote's day, with who may vote for it."""
    memberships = [
        m
        for m in voting_memberships(ballot.committee, ballot_day(ballot))
        if not m.seat.is_observer
    ]
    excluded = set(
        ConflictDeclaration.objects.filter(
            ballot=ballot, ruling=ConflictRuling.EXCLUDED
        ).values_list("person_id", flat=True)
    )
    if in_meeting(ballot):
        attendance = attendance_of(ballot)
        return [_meeting_standing(m, attendance.get(m.person_id), excluded) for m in memberships]
    cast_by = dict(ballot.votes.filter(struck_at__isnull=True).values_list("seat_id", "cast_by_id"))
    return [_correspondence_standing(m, cast_by.get(m.seat_id), excluded) for m in memberships]


def _name(person) -> str:
    return person.full_name if person else "someone"


def why_user_may_not_vote_for(ballot: Ballot, standing: Standing, user) -> str | None:
    """Return why the user may not vote for the standing's seat, in plain English, or None.

    Declarations of interest are checked separately, when the vote is cast.
    """
    if user.pk in standing.voters:
        return None
    membership = standing.membership
    if not in_meeting(ballot):
        return "Alternates do not vote by correspondence; the member votes themselves."
    meeting = meeting_of(ballot)
    if meeting is None:
        return "This vote is not on a meeting's agenda, so nobody can be recorded as present."
    if membership.person_id != user.pk:
        principal = _name(membership.person)
        return (
            f"You vote for {principal}'s seat only when {principal} is recorded at {meeting}"
            " as represented by you."
        )
    record = standing.attendance
    if record is None:
        return (
            f"You have no attendance record for {meeting}: the secretariat records you as"
            " present before you vote."
        )
    if record.status == AttendanceStatus.APOLOGIES:
        return f"You are recorded as having sent apologies to {meeting}, so you cannot vote in it."
    if record.status == AttendanceStatus.ABSENT:
        return f"You are recorded as absent from {meeting}, so you cannot vote in it."
    stand_in = _name(record.represented_by)
    if standing.alternate_present:
        return f"You are recorded as represented by {stand_in} at {meeting}: {stand_in} votes for your seat."
    return (
        f"You are recorded as represented by {stand_in} at {meeting}, who is not your registered"
        " alternate: ask the secretariat to correct the attendance."
    )


def seats_for(
    ballot: Ballot, user, standings: list[Standing] | None = None
) -> list[tuple[Standing, str | None]]:
    """Return the voting seats the user holds or stands in for, each with why they may not vote.

    The user's own seats come first; None means the user may vote for that seat.
    """
    standings = seat_standings(ballot) if standings is None else standings
    theirs = [
        s
        for s in standings
        if s.seat.is_voting and user.pk in (s.membership.person_id, s.membership.alternate_id)
    ]
    theirs.sort(key=lambda s: (s.membership.person_id != user.pk, s.seat.pk))
    return [(s, why_user_may_not_vote_for(ballot, s, user)) for s in theirs]


def _why_not_their_vote(ballot: Ballot, standing: Standing, person) -> str:
    membership, name = standing.membership, person.full_name
    if person.pk not in (membership.person_id, membership.alternate_id):
        return f"{name} is neither the seat's member nor their alternate"
    if not in_meeting(ballot):
        return f"{name} is the alternate, and alternates do not vote by correspondence"
    meeting = meeting_of(ballot) or "the meeting"
    if person.pk != membership.person_id:
        return f"{name} votes for the seat only when its member is recorded as represented by them"
    record = standing.attendance
    if record is None:
        return f"{name} has no attendance record for {meeting}"
    if record.status == AttendanceStatus.APOLOGIES:
        return f"{name} sent apologies to {meeting}"
    if record.status == AttendanceStatus.ABSENT:
        return f"{name} was absent from {meeting}"
    return f"{name} was represented by {_name(record.represented_by)} at {meeting}"


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def why_voting_is_closed(ballot: Ballot) -> str | None:
    """Return why no vote can be cast now, by anyone, or None while voting is open.

    A vote in a meeting is cast on or after the meeting's date; one by correspondence before
    its deadline.
    """
    now = timezone.now()
    if not in_meeting(ballot):
        if ballot.closes_at and now >= ballot.closes_at:
            closed = timezone.localtime(ballot.closes_at)
            return f"Voting closed at {closed:%H:%M} on {_day(closed)}."
        return None
    meeting = meeting_of(ballot)
    if meeting is not None and timezone.localdate(now) < meeting.date:
        return (
            f"{meeting} has not taken place yet: votes are cast at the meeting, on or after"
            f" {_day(meeting.date)}."
        )
    return None


def voter_seat(ballot: Ballot, user, seat_id: int | None = None, standings=None) -> Standing:
    """Return the seat the user votes for on this vote; raise ActionRefused saying why not.

    With no seat_id the user's only seat open to them is taken; a user who may vote for more
    than one seat (their own, and an absent member's as that member's alternate) chooses.
    """
    options = seats_for(ballot, user, standings)
    if not options:
        raise ActionRefused(
            f"You do not hold a voting seat on {ballot.committee.code} on"
            f" {_day(ballot_day(ballot))}."
        )
    if seat_id is not None:
        chosen = [(s, why) for s, why in options if s.seat.pk == int(seat_id)]
        if not chosen:
            raise ActionRefused("You do not vote for that seat.")
        options = chosen
    allowed = [s for s, why in options if why is None]
    if len(allowed) == 1:
        return allowed[0]
    if not allowed:
        raise ActionRefused(options[0][1])
    raise ActionRefused("You vote for more than one seat on this question: choose the seat.")


def stray_votes(ballot: Ballot, standings: list[Standing] | None = None) -> list[tuple[Vote, str]]:
    """Return the votes not struck out that cannot count, each with the reason in plain English.

    A vote cannot count when its seat was not held on the vote's day, has no vote, is recused,
    or was cast by someone who does not vote for the seat (in a meeting, a member recorded as
    sending apologies, represented, or with no attendance record).
    """
    standings = seat_standings(ballot) if standings is None else standings
    by_seat = {s.seat.pk: s for s in standings}
    members = [s.as_member() for s in standings]
    votes = list(
        ballot.votes.filter(struck_at__isnull=True).select_related("seat", "cast_by", "membership")
    )
    uncountable = voting.uncountable_votes(
        members,
        {v.seat_id: v.choice for v in votes if v.seat_id in by_seat},
        in_meeting=in_meeting(ballot),
    )
    strays = []
    for vote in votes:
        standing = by_seat.get(vote.seat_id)
        if standing is None and vote.seat.is_observer:
            why = "an observer has no vote"
        elif standing is None:
            why = f"the seat was not held by a current member on {_day(ballot_day(ballot))}"
        elif vote.seat_id in uncountable and standing.recused:
            why = "the Chair excluded the person who votes for the seat because of an interest"
        elif vote.cast_by_id not in standing.voters:
            why = _why_not_their_vote(ballot, standing, vote.cast_by)
        elif vote.seat_id in uncountable:
            why = uncountable[vote.seat_id]
        else:
            continue
        strays.append((vote, why))
    return strays


def counted_votes(ballot: Ballot, standings: list[Standing]) -> dict[int, voting.Choice]:
    """Return the votes that count, by seat id: not struck out and not stray."""
    strays = {vote.pk for vote, _ in stray_votes(ballot, standings)}
    return {
        seat_id: voting.Choice(choice)
        for pk, seat_id, choice in ballot.votes.filter(struck_at__isnull=True).values_list(
            "pk", "seat_id", "choice"
        )
        if pk not in strays
    }


def tally(
    ballot: Ballot,
    standings: list[Standing],
    votes: dict[int, voting.Choice],
    casting_vote: str | None = None,
) -> voting.Result:
    """Return the result of the vote for these seats and votes (raise ValueError as voting does)."""
    count = voting.tally_meeting_vote if in_meeting(ballot) else voting.tally_correspondence_vote
    casting = voting.Choice(casting_vote) if casting_vote else None
    members = [s.as_member() for s in standings]
    return count(committee_rules(ballot.committee), members, votes, casting_vote=casting)


def preview_ballot(ballot: Ballot) -> voting.Result:
    """Return the result the vote would have if closed now without a casting vote.

    Votes struck out or that cannot count are left out (stray_votes lists them); nothing is
    written. result.casting_vote_needed says the Chair must give a casting vote to close it.
    """
    standings = seat_standings(ballot)
    return tally(ballot, standings, counted_votes(ballot, standings))


def seats_yet_to_vote(standings: list[Standing], votes: dict[int, voting.Choice]) -> list[Standing]:
    """Return the voting seats that may still vote and have not: the Chair's "not voted yet" list.

    A seat counts here when it is a voting seat, is not recused, and someone may vote for it
    now (in a meeting: its member present, or its alternate standing in).
    """
    return [
        s
        for s in standings
        if s.seat.is_voting and not s.recused and s.voters and s.seat.pk not in votes
    ]
