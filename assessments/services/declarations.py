"""Declarations of interest: on a vote, or on an agenda item before or without a vote.

Any member or alternate of the committee may declare an interest at any time, prompted or not;
the Chair rules on it (exclude from the vote and quorum, or may vote). A declaration on an
item is carried onto each vote on that item: those open when it is made, and those opened
later (open_ballot calls carry_item_declarations), with the Chair's ruling once made.
"""

from django.db import transaction
from django.utils import timezone

from assessments.enums import BallotStatus, ConflictRuling, ItemKind
from assessments.models import AgendaItem, Ballot, ConflictDeclaration
from assessments.rules import is_current_member_of
from assessments.selectors import agenda_items_visible_to, ballots_visible_to
from usecases.errors import ActionRefused, require

NO_INTEREST = "No interest to declare"


def check_may_read(ballot: Ballot, user) -> None:
    """Refuse anyone the visibility rules do not let read the vote (RED: named and seated)."""
    if not ballots_visible_to(user).filter(pk=ballot.pk).exists():
        raise ActionRefused(
            "This vote is on closed-session business: only people named on the item's "
            "invitation, with a current seat, take part."
        )


def _check_member(user, committee) -> None:
    if not is_current_member_of(user, committee):
        raise ActionRefused(
            f"Only members of {committee.code} and their alternates declare interests here."
        )


def _record(declaration: ConflictDeclaration, *, has_interest: bool, nature: str) -> None:
    if not has_interest and declaration.declared_at and declaration.nature != NO_INTEREST:
        raise ActionRefused(
            "You have declared an interest in this item: the Chair rules on it, and it stands."
        )
    if declaration.ruling == ConflictRuling.EXCLUDED and declaration.declared_at:
        raise ActionRefused(
            "The Chair has excluded you from this vote because of a declared interest."
        )
    declaration.nature = nature.strip() if has_interest else NO_INTEREST
    declaration.declared_at = timezone.now()
    declaration.ruling = ConflictRuling.PENDING if has_interest else ConflictRuling.MAY_VOTE
    declaration.save(update_fields=["nature", "declared_at", "ruling"])


@transaction.atomic
def declare_interest(
    *, ballot_id: int, user, has_interest: bool, nature: str = ""
) -> ConflictDeclaration:
    """Record a member's declaration on a vote, prompted or not, at any time while it is open.

    With no interest they may vote at once; an interest waits for the Chair's ruling. Refused
    from someone who may not read the vote or holds no seat (as member or alternate) on its
    committee, and when it would take back an interest already declared.
    """
    ballot = Ballot.objects.select_for_update().select_related("committee").get(pk=ballot_id)
    if ballot.status != BallotStatus.OPEN:
        raise ActionRefused("This vote is not open.")
    check_may_read(ballot, user)
    _check_member(user, ballot.committee)
    if has_interest and not nature.strip():
        raise ActionRefused("Describe the interest you are declaring.")
    declaration, _ = ConflictDeclaration.objects.get_or_create(
        ballot=ballot, person=user, defaults={"agenda_item": ballot.agenda_item}
    )
    _record(declaration, has_interest=has_interest, nature=nature)
    ballot.log_action(
        "assessments.conflict.declared",
        actor=user,
        data={
            "declaration": declaration.pk,
            "has_interest": has_interest,
            "nature": declaration.nature,
            "prompted": declaration.prompted,
        },
    )
    return declaration


@transaction.atomic
def declare_interest_in_item(*, item_id: int, user, nature: str) -> ConflictDeclaration:
    """Record a member's interest in an agenda item, for the Chair to rule on.

    Side effects: creates or updates the item's declaration for the member; records the same
    interest on each open vote on the item (not where the Chair already excluded them); logs
    assessments.conflict.declared on the item.
    """
    item = (
        AgendaItem.objects.select_for_update().select_related("meeting__committee").get(pk=item_id)
    )
    _check_member(user, item.meeting.committee)
    if not agenda_items_visible_to(user).filter(pk=item.pk).exists():
        raise ActionRefused(
            "This item is closed-session business: only people named on its invitation, with a"
            " current seat, take part."
        )
    if item.kind != ItemKind.BUSINESS:
        raise ActionRefused("Declare an interest in a business item.")
    if not nature.strip():
        raise ActionRefused("Describe the interest you are declaring.")
    declaration = ConflictDeclaration.objects.filter(
        agenda_item=item, ballot__isnull=True, person=user
    ).first() or ConflictDeclaration(agenda_item=item, person=user)
    declaration.nature = nature.strip()
    declaration.declared_at = timezone.now()
    declaration.ruling = ConflictRuling.PENDING
    declaration.ruled_by = None
    declaration.ruled_at = None
    declaration.save()
    on_votes = []
    for ballot in item.ballots.filter(status=BallotStatus.OPEN):
        on_vote, _ = ConflictDeclaration.objects.get_or_create(
            ballot=ballot, person=user, defaults={"agenda_item": item}
        )
        if on_vote.ruling != ConflictRuling.EXCLUDED or not on_vote.declared_at:
            _copy(declaration, on_vote)
            on_votes.append(ballot.pk)
    item.log_action(
        "assessments.conflict.declared",
        actor=user,
        data={"declaration": declaration.pk, "nature": declaration.nature, "votes": on_votes},
    )
    return declaration


def _copy(source: ConflictDeclaration, target: ConflictDeclaration) -> None:
    fields = ["nature", "declared_at", "ruling", "ruled_by", "ruled_at"]
    for name in fields:
        setattr(target, name, getattr(source, name))
    target.save(update_fields=fields)


def carry_item_declarations(ballot: Ballot) -> list[int]:
    """Carry the declarations made on the vote's item onto the vote; return the people's ids."""
    if ballot.agenda_item_id is None:
        return []
    carried = []
    for declaration in ConflictDeclaration.objects.filter(
        agenda_item=ballot.agenda_item_id, ballot__isnull=True, declared_at__isnull=False
    ):
        on_vote, _ = ConflictDeclaration.objects.get_or_create(
            ballot=ballot, person=declaration.person, defaults={"agenda_item": ballot.agenda_item}
        )
        _copy(declaration, on_vote)
        carried.append(declaration.person_id)
    return carried


@transaction.atomic
def rule_on_interest(*, declaration_id: int, user, exclude: bool) -> ConflictDeclaration:
    """Record the Chair's ruling: exclude the member from the vote and quorum, or let them vote.

    A ruling on an item's declaration applies too to that member's declarations awaiting a
    ruling on the item's open votes.
    """
    require(user, "assessments.rule_conflict")
    declaration = ConflictDeclaration.objects.select_for_update().get(pk=declaration_id)
    declaration.ruling = ConflictRuling.EXCLUDED if exclude else ConflictRuling.MAY_VOTE
    declaration.ruled_by = user
    declaration.ruled_at = timezone.now()
    declaration.save(update_fields=["ruling", "ruled_by", "ruled_at"])
    applied = []
    if declaration.ballot_id is None:
        for on_vote in ConflictDeclaration.objects.filter(
            agenda_item=declaration.agenda_item_id,
            ballot__status=BallotStatus.OPEN,
            person=declaration.person_id,
            ruling=ConflictRuling.PENDING,
        ):
            _copy(declaration, on_vote)
            applied.append(on_vote.ballot_id)
    (declaration.ballot or declaration.agenda_item).log_action(
        "assessments.conflict.ruled",
        actor=user,
        data={
            "declaration": declaration.pk,
            "person": declaration.person_id,
            "ruling": declaration.ruling,
            "votes": applied,
        },
    )
    return declaration
