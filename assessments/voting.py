"""Committee voting maths: quorum, majority, casting vote and recusal. Pure Python, no ORM.

Quorum for an item: the eligible voting seats are the voting members who are not recused
(the Chair is not a voting seat, observers never count). The quorum needed is
ceil(quorum_fraction × eligible seats). It is met when at least that many eligible seats are
present (the member, or their alternate standing in), and, where the rules require it, the
Chair (or the Chair's alternate) is present.

Majority: with "votes_cast", For must exceed Against (abstentions are not votes cast); with
"all_voting_members", For must exceed half of the eligible seats. A tie under "votes_cast" is
settled by the Chair's casting vote where the committee allows one; otherwise it fails.

By correspondence presence does not matter: every eligible seat may vote, and For must exceed
correspondence_threshold × all eligible seats.
"""

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from fractions import Fraction


class Choice(enum.StrEnum):
    FOR = "FOR"
    AGAINST = "AGAINST"
    ABSTAIN = "ABSTAIN"


@dataclass(frozen=True)
class CommitteeRules:
    quorum_fraction: Fraction | Decimal | float = Fraction(1, 2)
    chair_required_for_quorum: bool = True
    majority_rule: str = "votes_cast"
    chair_has_casting_vote: bool = True
    correspondence_threshold: Fraction | Decimal | float = Fraction(1, 2)


@dataclass(frozen=True)
class Member:
    id: int
    is_voting: bool
    is_chair: bool = False
    present: bool = False
    alternate_present: bool = False
    recused: bool = False

    @property
    def attending(self) -> bool:
        return self.present or self.alternate_present


@dataclass(frozen=True)
class Result:
    quorate: bool
    passed: bool
    for_count: int
    against_count: int
    abstain_count: int
    eligible_ids: tuple = field(default_factory=tuple)
    present_ids: tuple = field(default_factory=tuple)
    recused_ids: tuple = field(default_factory=tuple)
    quorum_required: int = 0
    casting_vote_used: bool = False
    reason: str = ""


def _fraction(value) -> Fraction:
    return Fraction(str(value)) if isinstance(value, Decimal | float) else Fraction(value)


def quorum_needed(rules: CommitteeRules, eligible_seats: int) -> int:
    """Return how many eligible seats must be present: ceil(fraction × seats)."""
    return math.ceil(_fraction(rules.quorum_fraction) * eligible_seats)


def _eligible(members: Iterable[Member]) -> list[Member]:
    return [m for m in members if m.is_voting and not m.is_chair and not m.recused]


def _check_votes(votes: Mapping, allowed: set, members: list[Member]) -> None:
    known = {m.id: m for m in members}
    for member_id in votes:
        if member_id not in allowed:
            member = known.get(member_id)
            why = (
                "is not a member"
                if member is None
                else (
                    "is recused"
                    if member.recused
                    else "has no vote"
                    if not member.is_voting or member.is_chair
                    else "is absent"
                )
            )
            raise ValueError(f"The vote from seat {member_id} cannot count: it {why}")


def _count(votes: Mapping) -> tuple[int, int, int]:
    values = [Choice(v) for v in votes.values()]
    return values.count(Choice.FOR), values.count(Choice.AGAINST), values.count(Choice.ABSTAIN)


def _decide(rules, for_count, against_count, eligible, casting_vote, threshold=None):
    """Return (passed, casting_vote_used, words)."""
    if threshold is not None:
        needed = _fraction(threshold) * eligible
        passed = for_count > needed
        return (
            _with_casting(passed, casting_vote, False, rules),
            False,
            f"For {for_count} of {eligible} voting members",
        )
    if rules.majority_rule == "all_voting_members":
        passed = for_count > Fraction(eligible, 2)
        return (
            _with_casting(passed, casting_vote, False, rules),
            False,
            f"For {for_count} of {eligible} voting members",
        )
    tied = for_count == against_count
    if tied and casting_vote is not None:
        _with_casting(False, casting_vote, True, rules)
        return (
            Choice(casting_vote) == Choice.FOR,
            True,
            f"tied {for_count}–{against_count}; Chair's casting vote {Choice(casting_vote).value}",
        )
    _with_casting(False, casting_vote, tied, rules)
    return for_count > against_count, False, f"For {for_count}, Against {against_count}"


def _with_casting(passed: bool, casting_vote, tied: bool, rules: CommitteeRules) -> bool:
    if casting_vote is None:
        return passed
    if not rules.chair_has_casting_vote:
        raise ValueError("This committee's Chair has no casting vote")
    if not tied:
        raise ValueError("A casting vote is only used to settle a tie")
    if Choice(casting_vote) == Choice.ABSTAIN:
        raise ValueError("A casting vote is For or Against")
    return passed


def tally_meeting_vote(
    rules: CommitteeRules,
    members: Iterable[Member],
    votes: Mapping,
    casting_vote: Choice | None = None,
) -> Result:
    """Return the result of a vote in a meeting."""
    members = list(members)
    eligible = _eligible(members)
    present = [m for m in eligible if m.attending]
    _check_votes(votes, {m.id for m in present}, members)
    needed = quorum_needed(rules, len(eligible))
    chair_ok = not rules.chair_required_for_quorum or any(
        m.is_chair and m.attending for m in members
    )
    quorate = len(present) >= needed and chair_ok and len(eligible) > 0
    for_count, against_count, abstain_count = _count(votes)
    passed, used, words = _decide(rules, for_count, against_count, len(eligible), casting_vote)
    if not quorate:
        why = (
            "the Chair is not present"
            if not chair_ok
            else f"{len(present)} of {len(eligible)} eligible members present; {needed} needed"
        )
        return Result(
            False,
            False,
            for_count,
            against_count,
            abstain_count,
            _ids(eligible),
            _ids(present),
            _ids(m for m in members if m.recused),
            needed,
            False,
            f"Not quorate: {why}",
        )
    return Result(
        True,
        passed,
        for_count,
        against_count,
        abstain_count,
        _ids(eligible),
        _ids(present),
        _ids(m for m in members if m.recused),
        needed,
        used,
        f"{'Passed' if passed else 'Not passed'}: {words}",
    )


def tally_correspondence_vote(
    rules: CommitteeRules,
    members: Iterable[Member],
    votes: Mapping,
    casting_vote: Choice | None = None,
) -> Result:
    """Return the result of a vote by correspondence, counted against all eligible seats."""
    members = list(members)
    eligible = _eligible(members)
    _check_votes(votes, {m.id for m in eligible}, members)
    for_count, against_count, abstain_count = _count(votes)
    passed, used, words = _decide(
        rules, for_count, against_count, len(eligible), casting_vote, rules.correspondence_threshold
    )
    return Result(
        True,
        passed,
        for_count,
        against_count,
        abstain_count,
        _ids(eligible),
        _ids(m for m in eligible if m.id in votes),
        _ids(m for m in members if m.recused),
        0,
        used,
        f"{'Passed' if passed else 'Not passed'}: {words}",
    )


def _ids(members: Iterable[Member]) -> tuple:
    return tuple(sorted(m.id for m in members))


def snapshot(result: Result) -> dict:
    """Return the result as plain JSON-ready data, for an immutable decision record."""
    data = asdict(result)
    for key in ("eligible_ids", "present_ids", "recused_ids"):
        data[key] = list(data[key])
    return data
