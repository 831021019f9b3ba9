"""Votes in meetings and by correspondence, and declarations of interest.

Who may vote for which seat, and on which day membership is judged, is set out in
assessments/services/electorate.py.
"""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_fsm import can_proceed

from assessments.enums import BallotMethod, BallotStatus, Choice, ConflictRuling, Outcome
from assessments.models import Ballot, Committee, ConflictDeclaration, Interest, Vote
from assessments.notifications import (
    ballot_level,
    may_read_ballot,
    tell_declarations_asked,
    tell_vote_moved_to_meeting,
    tell_vote_opened,
)
from assessments.services.common import require_committee_business
from assessments.services.declarations import (
    carry_item_declarations,
    check_may_read,
    declare_interest,
    declare_interest_in_item,
    rule_on_interest,
)
from assessments.services.electorate import (
    attendance_of,
    ballot_day,
    seat_standings,
    seats_for,
    stray_votes,
    voter_seat,
    voting_memberships,
    why_voting_is_closed,
)
from triage_portal.links import portal_url
from triage_portal.mail import queue_email
from usecases.errors import ActionRefused, require
from usecases.models import Submission

__all__ = [
    "ask_for_meeting",
    "attendance_of",
    "cast_vote",
    "declare_interest",
    "declare_interest_in_item",
    "open_ballot",
    "remind_voters",
    "rule_on_interest",
    "strike_vote",
    "voter_seat",
    "voting_memberships",
]


def _interested_organisations(ballot: Ballot) -> set[int]:
    submission = ballot.submission
    if submission is None:
        return set()
    ids = set(submission.supporters.values_list("sec_party_id", flat=True))
    if submission.organisation_id:
        ids.add(submission.organisation_id)
    return ids


def _prompt_declarations(ballot: Ballot) -> list[int]:
    """Ask each member or alternate of a voting seat whose organisation is involved to declare."""
    organisations = _interested_organisations(ballot)
    with_interests = set(
        Interest.objects.filter(organisation_id__in=organisations).values_list(
            "person_id", flat=True
        )
    )
    prompted = []
    for membership in voting_memberships(ballot.committee, ballot_day(ballot)):
        if not membership.seat.is_voting:
            continue
        for person in (membership.person, membership.alternate):
            involved = person is not None and (
                person.organisation_id in organisations or person.pk in with_interests
            )
            if involved and person.pk not in prompted:
                ConflictDeclaration.objects.get_or_create(
                    ballot=ballot,
                    person=person,
                    defaults={"agenda_item": ballot.agenda_item, "prompted": True},
                )
                prompted.append(person.pk)
    return prompted


@transaction.atomic
def open_ballot(
    *,
    user,
    committee: Committee,
    question: str,
    outcome_if_passed: str,
    outcome_text: str = "",
    method: str = BallotMethod.MEETING,
    agenda_item=None,
    submission=None,
    closes_at: datetime.datetime | None = None,
) -> Ballot:
    """Put a question to the committee; prompt a declaration from those whose organisation is involved.

    A vote in a meeting is on one of the meeting's agenda items; it may be opened before the
    meeting, but votes are cast, and it is closed, on or after the meeting's date.

    Side effects: creates and opens the vote; creates a prompted declaration for each member,
    and each member's alternate, of a voting seat held on the vote's day whose organisation
    proposed or supports the proposal (or who registered an interest in one that does); logs;
    on commit, e-mails those who may vote, and each person prompted to declare.
    """
    require(user, "assessments.run_ballot")
    if not question.strip():
        raise ActionRefused("Enter the question to vote on.")
    if method == BallotMethod.CORRESPONDENCE:
        if not committee.allow_correspondence:
            raise ActionRefused(f"{committee.code} does not take decisions by correspondence.")
        if closes_at is None or closes_at <= timezone.now():
            raise ActionRefused("Enter a closing date and time in the future.")
    elif agenda_item is None:
        raise ActionRefused("A vote in a meeting is put on one of the meeting's agenda items.")
    if agenda_item is not None and agenda_item.meeting.committee_id != committee.pk:
        raise ActionRefused(f"That agenda item is not on a {committee.code} meeting.")
    submission = submission or (agenda_item.submission if agenda_item else None)
    if submission is not None:
        # The proposal's state as it is now, not as the caller last read it.
        submission = Submission.objects.get(pk=submission.pk)
    require_committee_business(submission)
    ballot = Ballot(
        committee=committee,
        question=question.strip(),
        outcome_if_passed=Outcome(outcome_if_passed),
        outcome_text=outcome_text.strip(),
        method=method,
        agenda_item=agenda_item,
        submission=submission,
        closes_at=closes_at,
        created_by=user,
    )
    ballot.open()
    ballot.save()
    prompted = _prompt_declarations(ballot)
    carried = carry_item_declarations(ballot)
    ballot.log_action(
        "assessments.ballot.opened",
        actor=user,
        data={
            "question": ballot.question,
            "method": method,
            "closes_at": closes_at,
            "prompted": prompted,
            "carried_from_item": carried,
        },
    )
    ballot_id = ballot.pk
    transaction.on_commit(lambda: tell_vote_opened(ballot_id))
    if prompted:
        transaction.on_commit(lambda: tell_declarations_asked(ballot_id, prompted))
    return ballot


def _check_declaration(ballot: Ballot, user) -> None:
    """Refuse a vote from someone whose own declaration bars it (the voter's, not the principal's)."""
    declaration = ConflictDeclaration.objects.filter(ballot=ballot, person=user).first()
    if declaration is None or declaration.ruling == ConflictRuling.MAY_VOTE:
        return
    if declaration.ruling == ConflictRuling.EXCLUDED:
        raise ActionRefused(
            "The Chair has excluded you from this vote because of a declared interest."
        )
    if declaration.declared_at is None:
        raise ActionRefused(
            "Your organisation is involved in this item: declare whether you have an interest first."
        )
    raise ActionRefused("The Chair has not yet ruled on your declaration of interest.")


@transaction.atomic
def cast_vote(
    *, ballot_id: int, user, choice: str, reason: str = "", seat_id: int | None = None
) -> Vote:
    """Cast the vote of a seat the user votes for; a repeated identical vote is harmless.

    In a meeting the vote is cast on or after the meeting's date by a member recorded present,
    or by the registered alternate of a member recorded as represented by them; by
    correspondence before its deadline. seat_id picks the seat when the user may vote for
    more than one. The voter's own declaration of interest must allow the vote.
    """
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("committee", "agenda_item__meeting")
        .get(pk=ballot_id)
    )
    if ballot.status != BallotStatus.OPEN:
        raise ActionRefused("This vote is closed.")
    if ballot.method == BallotMethod.CONSENSUS:
        raise ActionRefused("This item is decided by consensus, without a vote.")
    closed = why_voting_is_closed(ballot)
    if closed:
        raise ActionRefused(closed)
    standing = voter_seat(ballot, user, seat_id)
    check_may_read(ballot, user)
    _check_declaration(ballot, user)
    choice = Choice(choice)
    membership = standing.membership
    existing = Vote.objects.filter(
        ballot=ballot, seat=membership.seat, struck_at__isnull=True
    ).first()
    if existing:
        if existing.choice == choice and existing.cast_by_id == user.pk:
            return existing
        raise ActionRefused(
            f"The seat ({membership.seat}) already voted at"
            f" {timezone.localtime(existing.cast_at):%H:%M}; a vote cannot be changed."
        )
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                ballot=ballot,
                seat=membership.seat,
                membership=membership,
                cast_by=user,
                choice=choice,
                reason=reason.strip(),
            )
    except IntegrityError as error:
        raise ActionRefused("That seat has already voted.") from error
    ballot.log_action(
        "assessments.vote.cast",
        actor=user,
        data={
            "seat": str(membership.seat),
            "choice": choice,
            "reason": vote.reason,
            "for_member": membership.person_id,
        },
    )
    return vote


@transaction.atomic
def strike_vote(*, vote_id: int, user, reason: str) -> Vote:
    """Strike out, while the vote is open, a vote that cannot count; keep it, shown as struck.

    Only the Chair may, giving the reason. Only a vote that cannot count (stray_votes: cast by
    someone absent, recused or not voting for the seat) can be struck; a vote that counts
    cannot be changed. Side effects: sets struck_at, struck_by and struck_reason (the seat may
    then vote again, by whoever votes for it); logs on the vote.
    """
    require(user, "assessments.strike_vote")
    ballot_id = Vote.objects.values_list("ballot_id", flat=True).get(pk=vote_id)
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("committee", "agenda_item__meeting")
        .get(pk=ballot_id)
    )
    vote = (
        Vote.objects.select_for_update(of=("self",))
        .select_related("seat", "cast_by")
        .get(pk=vote_id)
    )
    if ballot.status != BallotStatus.OPEN:
        raise ActionRefused("Votes can be struck out only while the vote is open.")
    if vote.struck_at:
        raise ActionRefused("This vote is already struck out.")
    if not reason.strip():
        raise ActionRefused("Enter why the vote is struck out.")
    stray = dict((v.pk, why) for v, why in stray_votes(ballot))
    if vote.pk not in stray:
        raise ActionRefused(
            f"The vote for {vote.seat} counts: only a vote that cannot count can be struck out."
        )
    vote.struck_at = timezone.now()
    vote.struck_by = user
    vote.struck_reason = reason.strip()
    vote.save(update_fields=["struck_at", "struck_by", "struck_reason"])
    ballot.log_action(
        "assessments.vote.struck",
        actor=user,
        data={
            "vote": vote.pk,
            "seat": str(vote.seat),
            "cast_by": vote.cast_by_id,
            "choice": vote.choice,
            "why_it_cannot_count": stray[vote.pk],
            "reason": vote.struck_reason,
        },
    )
    return vote


@transaction.atomic
def ask_for_meeting(*, ballot_id: int, user, reason: str) -> Ballot:
    """Move an open vote by correspondence to a meeting, at the request of anyone who may vote on it.

    Refused without a reason, and from anyone who may not vote on it. Side effects: the vote
    stops (no more votes count), logged with the reason; on commit the committee's Chair, the
    secretariat and those who could vote are e-mailed.
    """
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("committee", "agenda_item__meeting", "submission")
        .get(pk=ballot_id)
    )
    if ballot.method != BallotMethod.CORRESPONDENCE or not can_proceed(ballot.move_to_meeting):
        raise ActionRefused("Only an open vote by correspondence can be moved to a meeting.")
    options = seats_for(ballot, user)
    if not any(why is None for _, why in options):
        voter_seat(ballot, user)  # raises, saying why
    if not reason.strip():
        raise ActionRefused("Enter why this question should be decided in a meeting.")
    ballot.move_to_meeting()
    ballot.save(update_fields=["status"])
    reason = reason.strip()
    ballot.log_action(
        "assessments.ballot.moved_to_meeting",
        actor=user,
        data={"reason": reason, "previous": BallotStatus.OPEN},
    )
    transaction.on_commit(
        lambda: tell_vote_moved_to_meeting(ballot_id, moved_by_id=user.pk, reason=reason)
    )
    return ballot


def remind_voters(now: datetime.datetime | None = None) -> int:
    """E-mail members who have not voted on a vote by correspondence that closes within a day.

    Each member is reminded once per vote; the e-mail carries the question's link only.
    """
    now = now or timezone.now()
    due = Ballot.objects.filter(
        method=BallotMethod.CORRESPONDENCE,
        status=BallotStatus.OPEN,
        closes_at__gt=now,
        closes_at__lte=now + datetime.timedelta(days=1),
    ).select_related("committee", "agenda_item__meeting")
    sent = 0
    for ballot in due:
        reminded = set(ballot.reminded_members or [])
        voted = set(ballot.votes.filter(struck_at__isnull=True).values_list("seat_id", flat=True))
        for standing in seat_standings(ballot):
            membership = standing.membership
            if (
                not membership.seat.is_voting
                or membership.seat_id in voted
                or membership.person_id in reminded
                or not may_read_ballot(membership.person, ballot)
            ):
                continue
            queue_email(
                template="vote_reminder",
                key="assessments.vote_reminder",
                to=[membership.person.email],
                context={
                    "ballot": ballot,
                    "link": portal_url(reverse("assessments:ballot-detail", args=[ballot.pk])),
                },
                classification=ballot_level(ballot),
            )
            reminded.add(membership.person_id)
            sent += 1
        Ballot.objects.filter(pk=ballot.pk).update(reminded_members=sorted(reminded))
    return sent
