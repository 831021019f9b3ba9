"""Votes in meetings and by correspondence, and declarations of interest."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from assessments.enums import (
    AttendanceStatus,
    BallotMethod,
    BallotStatus,
    Choice,
    ConflictRuling,
    Outcome,
)
from assessments.models import (
    Attendance,
    Ballot,
    Committee,
    ConflictDeclaration,
    Interest,
    Membership,
    Vote,
)
from assessments.services.common import require
from triage_portal.mail import queue_email
from usecases.errors import ActionRefused


def voting_memberships(committee: Committee, day: datetime.date | None = None):
    """Return the committee's current memberships (in term and vetted), with seats."""
    return (
        Membership.objects.current(day)
        .filter(seat__committee=committee)
        .select_related("seat", "person", "alternate")
    )


def _interested_organisations(ballot: Ballot) -> set[int]:
    submission = ballot.submission
    if submission is None:
        return set()
    ids = set(submission.supporters.values_list("sec_party_id", flat=True))
    if submission.organisation_id:
        ids.add(submission.organisation_id)
    return ids


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
    """Put a question to the committee; prompt a declaration from members whose organisation is involved.

    Side effects: creates and opens the vote; creates a prompted declaration for each current
    member whose organisation proposed or supports the proposal; logs.
    """
    require(user, "assessments.run_ballot")
    if not question.strip():
        raise ActionRefused("Enter the question to vote on.")
    if method == BallotMethod.CORRESPONDENCE:
        if not committee.allow_correspondence:
            raise ActionRefused(f"{committee.code} does not take decisions by correspondence.")
        if closes_at is None or closes_at <= timezone.now():
            raise ActionRefused("Enter a closing date and time in the future.")
    ballot = Ballot.objects.create(
        committee=committee,
        question=question.strip(),
        outcome_if_passed=Outcome(outcome_if_passed),
        outcome_text=outcome_text.strip(),
        method=method,
        agenda_item=agenda_item,
        submission=submission or (agenda_item.submission if agenda_item else None),
        status=BallotStatus.OPEN,
        opens_at=timezone.now(),
        closes_at=closes_at,
        created_by=user,
    )
    organisations = _interested_organisations(ballot)
    with_interests = set(
        Interest.objects.filter(organisation_id__in=organisations).values_list(
            "person_id", flat=True
        )
    )
    prompted = []
    for membership in voting_memberships(committee):
        involved = (
            membership.person.organisation_id in organisations
            or membership.person_id in with_interests
        )
        if membership.seat.is_voting and involved:
            ConflictDeclaration.objects.create(
                ballot=ballot, agenda_item=agenda_item, person=membership.person, prompted=True
            )
            prompted.append(membership.person.pk)
    ballot.log_action(
        "assessments.ballot.opened",
        actor=user,
        data={
            "question": ballot.question,
            "method": method,
            "closes_at": closes_at,
            "prompted": prompted,
        },
    )
    return ballot


@transaction.atomic
def declare_interest(
    *, ballot_id: int, user, has_interest: bool, nature: str = ""
) -> ConflictDeclaration:
    """Record a member's declaration on a vote; with no interest they may vote at once."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
    if ballot.status != BallotStatus.OPEN:
        raise ActionRefused("This vote is not open.")
    if has_interest and not nature.strip():
        raise ActionRefused("Describe the interest you are declaring.")
    declaration, _ = ConflictDeclaration.objects.get_or_create(
        ballot=ballot, person=user, defaults={"agenda_item": ballot.agenda_item}
    )
    declaration.nature = nature.strip() if has_interest else "No interest to declare"
    declaration.declared_at = timezone.now()
    declaration.ruling = ConflictRuling.PENDING if has_interest else ConflictRuling.MAY_VOTE
    declaration.save(update_fields=["nature", "declared_at", "ruling"])
    ballot.log_action(
        "assessments.conflict.declared",
        actor=user,
        data={
            "declaration": declaration.pk,
            "has_interest": has_interest,
            "nature": declaration.nature,
        },
    )
    return declaration


@transaction.atomic
def rule_on_interest(*, declaration_id: int, user, exclude: bool) -> ConflictDeclaration:
    """Record the Chair's ruling: exclude the member from the vote and quorum, or let them vote."""
    require(user, "assessments.rule_conflict")
    declaration = ConflictDeclaration.objects.select_for_update().get(pk=declaration_id)
    declaration.ruling = ConflictRuling.EXCLUDED if exclude else ConflictRuling.MAY_VOTE
    declaration.ruled_by = user
    declaration.ruled_at = timezone.now()
    declaration.save(update_fields=["ruling", "ruled_by", "ruled_at"])
    (declaration.ballot or declaration.agenda_item).log_action(
        "assessments.conflict.ruled",
        actor=user,
        data={
            "declaration": declaration.pk,
            "person": declaration.person_id,
            "ruling": declaration.ruling,
        },
    )
    return declaration


def attendance_of(ballot: Ballot) -> dict[int, Attendance]:
    if ballot.agenda_item is None:
        return {}
    return {
        a.person_id: a for a in Attendance.objects.filter(meeting=ballot.agenda_item.meeting_id)
    }


def voter_membership(ballot: Ballot, user) -> Membership:
    """Return the membership whose seat this user votes for now; raise ActionRefused if none."""
    # Only the user's own (as member or as alternate), in the same order: not the committee's.
    theirs = voting_memberships(ballot.committee).filter(Q(person=user) | Q(alternate=user))
    memberships = [m for m in theirs if m.seat.is_voting]
    own = next((m for m in memberships if m.person_id == user.pk), None)
    if own:
        return own
    standing_in = next((m for m in memberships if m.alternate_id == user.pk), None)
    if standing_in is None:
        raise ActionRefused(f"You do not hold a voting seat on {ballot.committee.code} today.")
    if ballot.method == BallotMethod.CORRESPONDENCE:
        if not settings.PORTAL_ALTERNATES_VOTE_BY_CORRESPONDENCE:
            raise ActionRefused(
                "Alternates do not vote by correspondence; the member votes themselves."
            )
        return standing_in
    principal = attendance_of(ballot).get(standing_in.person_id)
    if principal is None or principal.status == AttendanceStatus.PRESENT:
        raise ActionRefused(f"You vote only when {standing_in.person.full_name} is absent.")
    return standing_in


def _check_declaration(ballot: Ballot, membership: Membership) -> None:
    declaration = ConflictDeclaration.objects.filter(
        ballot=ballot, person=membership.person
    ).first()
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
def cast_vote(*, ballot_id: int, user, choice: str, reason: str = "") -> Vote:
    """Cast the vote of the user's seat; a repeated identical vote is harmless."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
    if ballot.status != BallotStatus.OPEN:
        raise ActionRefused("This vote is closed.")
    if ballot.method == BallotMethod.CONSENSUS:
        raise ActionRefused("This item is decided by consensus, without a vote.")
    membership = voter_membership(ballot, user)
    _check_declaration(ballot, membership)
    choice = Choice(choice)
    existing = Vote.objects.filter(ballot=ballot, seat=membership.seat).first()
    if existing:
        if existing.choice == choice:
            return existing
        raise ActionRefused(
            f"Your seat already voted at {timezone.localtime(existing.cast_at):%H:%M}; a vote cannot be changed."
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
        raise ActionRefused("Your seat has already voted.") from error
    ballot.log_action(
        "assessments.vote.cast",
        actor=user,
        data={"seat": str(membership.seat), "choice": choice, "reason": vote.reason},
    )
    return vote


@transaction.atomic
def ask_for_meeting(*, ballot_id: int, user, reason: str) -> Ballot:
    """Any member may ask for a correspondence item to go to a meeting instead."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot_id)
    if ballot.method != BallotMethod.CORRESPONDENCE or ballot.status != BallotStatus.OPEN:
        raise ActionRefused("Only an open vote by correspondence can be moved to a meeting.")
    voter_membership(ballot, user)
    ballot.status = BallotStatus.MOVED_TO_MEETING
    ballot.save(update_fields=["status"])
    ballot.log_action(
        "assessments.ballot.moved_to_meeting", actor=user, data={"reason": reason.strip()}
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
        closes_at__lte=now + datetime.timedelta(days=1),
    ).select_related("committee")
    sent = 0
    for ballot in due:
        reminded = set(ballot.reminded_members or [])
        voted = set(ballot.votes.values_list("seat_id", flat=True))
        for membership in voting_memberships(ballot.committee):
            if (
                not membership.seat.is_voting
                or membership.seat_id in voted
                or membership.person_id in reminded
            ):
                continue
            queue_email(
                template="vote_reminder",
                key="assessments.vote_reminder",
                to=[membership.person.email],
                context={
                    "ballot": ballot,
                    "link": settings.PORTAL_BASE_URL
                    + reverse("assessments:ballot-detail", args=[ballot.pk]),
                },
            )
            reminded.add(membership.person_id)
            sent += 1
        Ballot.objects.filter(pk=ballot.pk).update(reminded_members=sorted(reminded))
    return sent
