"""Committee voting maths for the SEC committees: quorum, majority, ties and recusal.

Pure Python, no Django. Every rule left open by the domain research is a CommitteeRules field.
For one item of business (one vote):

* Eligible voting seats ``E``: members with ``is_voting`` who are neither the Chair nor
  recused. Observers (``is_voting=False``) and the independent Chair are never voting seats.
* Present ``P``: eligible seats whose member is present, or whose alternate is present standing
  in for the absent member (the alternate then casts the seat's vote). By correspondence, ``P``
  is the eligible seats that voted.
* Quorum required ``Q = max(1, ceil(q × E))`` (``quorum_rounding="up"``, the default) or
  ``max(1, floor(q × E))`` (``"down"``), ``q = quorum_fraction`` (0 < q ≤ 1), computed exactly.
* Quorate when ``P ≥ Q`` and, if ``chair_required_for_quorum``, the Chair or the Chair's
  alternate is present (a recused Chair does not count). An inquorate meeting never passes.

With ``F``, ``A``, ``B`` the For, Against and Abstain counts:

* ``"votes_cast"``: passed when ``F > A`` (``F > A + B`` if ``abstentions_count_as_cast``);
  tied when ``F`` equals that other side and ``F ≥ 1``.
* ``"all_voting_members"`` and correspondence: passed when ``F > t × E`` and ``F > A``,
  ``t = 1/2`` ("majority_of_all_voting_members") or the correspondence fraction given
  (1/2 ≤ t < 1); tied when ``F == A == t × E ≥ 1``. By correspondence every eligible seat may
  vote; there is no quorum.
* Whatever the rules, a motion never passes on the members' votes with ``A ≥ F``.
* A tie is settled by the Chair's casting vote (For or Against) where
  ``chair_has_casting_vote`` and the Chair takes part in the item: in a meeting the Chair is
  present (or, where ``chair_alternate_may_cast``, represented by the Chair's alternate) and not
  recused; by correspondence the Chair holds a current Chair seat (is among the members) and is
  not recused. Otherwise the tie is not passed. A passed tie therefore has ``F == A`` (or
  ``F == A + B``) with the Chair's casting vote For: counting that vote, For still exceeds
  Against.
"""

import contextlib
import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

type MemberId = int | str
type Ratio = Fraction | Decimal | float | int


class Choice(enum.StrEnum):
    """A vote: For, Against or Abstain."""

    FOR = "FOR"
    AGAINST = "AGAINST"
    ABSTAIN = "ABSTAIN"


class MajorityRule(enum.StrEnum):
    """What a motion in a meeting must win."""

    VOTES_CAST = "votes_cast"
    ALL_VOTING_MEMBERS = "all_voting_members"


class QuorumRounding(enum.StrEnum):
    """How a fractional quorum is rounded to whole seats."""

    UP = "up"
    DOWN = "down"


class CorrespondenceThreshold(enum.StrEnum):
    """The named threshold for votes by correspondence."""

    MAJORITY_OF_ALL_VOTING_MEMBERS = "majority_of_all_voting_members"


def _ratio(value: Ratio | str, name: str) -> Fraction:
    """Return value as an exact Fraction (a float as its nearest simple fraction)."""
    if not isinstance(value, bool):
        with contextlib.suppress(TypeError, ValueError, ArithmeticError):
            exact = Fraction(value)
            return exact.limit_denominator(1_000_000) if isinstance(value, float) else exact
    raise ValueError(f"{name} must be a fraction, not {value!r}")


@dataclass(frozen=True)
class CommitteeRules:
    """A committee's voting rules; strings are accepted for the enum fields."""

    quorum_fraction: Ratio = Fraction(1, 2)
    quorum_rounding: QuorumRounding | str = QuorumRounding.UP
    chair_required_for_quorum: bool = True
    majority_rule: MajorityRule | str = MajorityRule.VOTES_CAST
    chair_has_casting_vote: bool = True
    correspondence_threshold: CorrespondenceThreshold | Ratio | str = (
        CorrespondenceThreshold.MAJORITY_OF_ALL_VOTING_MEMBERS
    )
    abstentions_count_as_cast: bool = False
    chair_alternate_may_cast: bool = True

    def __post_init__(self) -> None:
        """Check the rules and turn known strings into their enums."""
        for name, kind in (("quorum_rounding", QuorumRounding), ("majority_rule", MajorityRule)):
            value = getattr(self, name)
            if value not in set(kind):
                raise ValueError(f"Unknown {name}: {value!r}")
            object.__setattr__(self, name, kind(value))
        if not 0 < self.quorum_ratio <= 1:
            raise ValueError("quorum_fraction must be more than 0 and at most 1")
        if self.correspondence_threshold in set(CorrespondenceThreshold):
            named = CorrespondenceThreshold(self.correspondence_threshold)
            object.__setattr__(self, "correspondence_threshold", named)
        elif not Fraction(1, 2) <= self.correspondence_ratio < 1:
            raise ValueError("correspondence_threshold must be at least one half and less than 1")

    @property
    def quorum_ratio(self) -> Fraction:
        """Return the quorum fraction exactly."""
        return _ratio(self.quorum_fraction, "quorum_fraction")

    @property
    def correspondence_ratio(self) -> Fraction:
        """Return the share of all eligible seats that For must exceed by correspondence."""
        if isinstance(self.correspondence_threshold, CorrespondenceThreshold):
            return Fraction(1, 2)
        return _ratio(self.correspondence_threshold, "correspondence_threshold")


@dataclass(frozen=True)
class Member:
    """One seat on the committee for one item, as the tally sees it."""

    id: MemberId
    is_voting: bool
    is_chair: bool
    present: bool
    alternate_present: bool = False
    recused: bool = False

    @property
    def attending(self) -> bool:
        """Return whether the seat is filled: the member, or their alternate standing in."""
        return self.present or self.alternate_present


@dataclass(frozen=True)
class Result:
    """The outcome of one vote, with the seats it counted."""

    quorate: bool
    passed: bool
    for_count: int
    against_count: int
    abstain_count: int
    recused_ids: tuple[MemberId, ...]
    eligible_ids: tuple[MemberId, ...]
    present_ids: tuple[MemberId, ...]
    quorum_required: int
    casting_vote_used: bool
    reason: str
    tied: bool = False
    casting_vote_needed: bool = False


def quorum_required(rules: CommitteeRules, eligible_seats: int) -> int:
    """Return how many eligible seats must be present: max(1, round(fraction × seats))."""
    rounding = math.ceil if rules.quorum_rounding == QuorumRounding.UP else math.floor
    return max(1, rounding(rules.quorum_ratio * eligible_seats))


def _ids(members: Iterable[Member]) -> tuple[MemberId, ...]:
    return tuple(sorted((m.id for m in members), key=lambda i: (str(type(i)), i)))


def _why_not(member: Member | None, in_meeting: bool) -> str:
    if member is None:
        return "there is no such member on the committee"
    if member.is_chair:
        return "the Chair has no deliberative vote"
    if not member.is_voting:
        return "an observer has no vote"
    if member.recused:
        return "the member is recused from this item"
    return "the member is absent and no alternate is present" if in_meeting else "not eligible"


def _eligible(members: Iterable[Member]) -> list[Member]:
    return [m for m in members if m.is_voting and not m.is_chair and not m.recused]


def _by_id(members: list[Member]) -> dict[MemberId, Member]:
    by_id = {m.id: m for m in members}
    if len(by_id) != len(members):
        raise ValueError("Each member may appear only once")
    return by_id


def uncountable_votes(
    members: Iterable[Member], votes: Mapping[MemberId, Choice | str], *, in_meeting: bool
) -> dict[MemberId, str]:
    """Return why each vote that cannot count cannot, in plain English, by member id.

    A vote counts when it is For, Against or Abstain and comes from an eligible seat: in a
    meeting, one that is present (the member, or their alternate standing in).
    """
    members = list(members)
    by_id = _by_id(members)
    allowed = {m.id for m in _eligible(members) if m.attending or not in_meeting}
    problems = {}
    for member_id, value in votes.items():
        if member_id not in allowed:
            problems[member_id] = _why_not(by_id.get(member_id), in_meeting)
        elif value not in list(Choice):
            problems[member_id] = "a vote must be For, Against or Abstain"
    return problems


def _count(
    members: list[Member], votes: Mapping[MemberId, Choice | str], in_meeting: bool
) -> tuple[int, int, int]:
    """Check every vote comes from an allowed seat and return the For, Against, Abstain counts."""
    for member_id, why in uncountable_votes(members, votes, in_meeting=in_meeting).items():
        if why.startswith("a vote must be"):
            raise ValueError(f"The vote from member {member_id} must be For, Against or Abstain")
        raise ValueError(f"The vote from member {member_id} cannot count: {why}")
    counts = dict.fromkeys(Choice, 0)
    for value in votes.values():
        counts[Choice(value)] += 1
    return counts[Choice.FOR], counts[Choice.AGAINST], counts[Choice.ABSTAIN]


def why_chair_cannot_cast(
    rules: CommitteeRules, members: Iterable[Member], *, in_meeting: bool
) -> str | None:
    """Return why no Chair may give a casting vote on this item, or None if one may.

    In a meeting the Chair must be present, or represented by the Chair's alternate where
    ``chair_alternate_may_cast``; by correspondence the Chair must hold a current Chair seat
    (be among the members). Either way the Chair must not be recused.
    """
    if not rules.chair_has_casting_vote:
        return "this committee's Chair has no casting vote"
    chairs = [m for m in members if m.is_chair]
    if not chairs:
        return "no one holds a current Chair seat"
    reasons = []
    for chair in chairs:
        if chair.recused:
            reasons.append("the Chair is recused from this item")
        elif not in_meeting or chair.present:
            return None
        elif not chair.alternate_present:
            reasons.append("the Chair is not present")
        elif rules.chair_alternate_may_cast:
            return None
        else:
            reasons.append(
                "the Chair is represented by an alternate, who has no casting vote under this"
                " committee's rules"
            )
    return reasons[0]


@dataclass(frozen=True)
class _Decided:
    passed: bool
    tied: bool
    casting_vote_used: bool
    words: str


def _decide(
    rules: CommitteeRules,
    counts: tuple[int, int, int],
    seats: int,
    share: Fraction | None,
    casting_vote: Choice | str | None,
    chair_refusal: str | None,
) -> _Decided:
    """Return the verdict; share None means a majority of votes cast."""
    f, a, b = counts
    words = f"For {f}, Against {a}, Abstain {b}"
    if share is None:
        other = a + b if rules.abstentions_count_as_cast else a
        passed, tied = f > other, f == other >= 1
    else:
        passed, tied = f > share * seats, f == a == share * seats >= 1
        words += f"; {math.floor(share * seats) + 1} of {seats} eligible voting members needed For"
    # Whatever the thresholds, more (or as many) Against than For never carries a motion.
    passed = passed and f > a
    if casting_vote is None:
        if tied:
            words += (
                "; tied, with no casting vote"
                if chair_refusal is None
                else f"; tied, and no casting vote is possible ({chair_refusal})"
            )
        return _Decided(passed, tied, False, words)
    if not rules.chair_has_casting_vote:
        raise ValueError("This committee's Chair has no casting vote")
    if casting_vote not in (Choice.FOR, Choice.AGAINST):
        raise ValueError(f"A casting vote must be For or Against, not {casting_vote!r}")
    if not tied:
        raise ValueError("A casting vote is only used to settle a tie")
    if chair_refusal is not None:
        raise ValueError(f"The Chair cannot give a casting vote: {chair_refusal}")
    words += f"; tied, so the Chair's casting vote ({Choice(casting_vote).title()}) decided"
    return _Decided(casting_vote == Choice.FOR, True, True, words)


def _tally(
    rules: CommitteeRules,
    members: Iterable[Member],
    votes: Mapping[MemberId, Choice | str],
    casting_vote: Choice | str | None,
    in_meeting: bool,
) -> Result:
    """Return the result of a vote in a meeting or, with in_meeting False, by correspondence."""
    members = list(members)
    counts = _count(members, votes, in_meeting)
    eligible = _eligible(members)
    present = [m for m in eligible if (m.attending if in_meeting else m.id in votes)]
    share = rules.correspondence_ratio if not in_meeting else None
    if in_meeting and rules.majority_rule == MajorityRule.ALL_VOTING_MEMBERS:
        share = Fraction(1, 2)
    chair_refusal = why_chair_cannot_cast(rules, members, in_meeting=in_meeting)
    verdict = _decide(rules, counts, len(eligible), share, casting_vote, chair_refusal)
    needed = quorum_required(rules, len(eligible)) if in_meeting else 0
    chair_ok = not (in_meeting and rules.chair_required_for_quorum) or any(
        m.is_chair and m.attending and not m.recused for m in members
    )
    problems = [f"{len(present)} of {len(eligible)} eligible members present; {needed} needed"]
    problems = problems if len(present) < needed else []
    problems += [] if chair_ok else ["the Chair (or the Chair's alternate) is not present"]
    passed, used = verdict.passed, verdict.casting_vote_used
    if problems:
        passed, used, reason = False, False, "Not quorate: " + "; ".join(problems)
    else:
        reason = f"{'Passed' if passed else 'Not passed'}: {verdict.words}"
    return Result(
        quorate=not problems,
        passed=passed,
        for_count=counts[0],
        against_count=counts[1],
        abstain_count=counts[2],
        recused_ids=_ids(m for m in members if m.recused),
        eligible_ids=_ids(eligible),
        present_ids=_ids(present),
        quorum_required=needed,
        casting_vote_used=used,
        reason=reason,
        tied=verdict.tied,
        casting_vote_needed=(
            not problems and verdict.tied and casting_vote is None and chair_refusal is None
        ),
    )


def tally_meeting_vote(
    rules: CommitteeRules,
    members: Iterable[Member],
    votes: Mapping[MemberId, Choice | str],
    casting_vote: Choice | str | None = None,
) -> Result:
    """Return the result of a vote in a meeting, with the quorum for this item.

    Raise ValueError for a vote from a seat that is absent, recused, an observer, the Chair or
    not on the committee, or for a casting vote without a tie, where none is allowed, or from
    a Chair who does not take part in the item (absent, recused or holding no seat).
    """
    return _tally(rules, members, votes, casting_vote, in_meeting=True)


def tally_correspondence_vote(
    rules: CommitteeRules,
    members: Iterable[Member],
    votes: Mapping[MemberId, Choice | str],
    casting_vote: Choice | str | None = None,
) -> Result:
    """Return the result of a vote by correspondence, counted against all eligible seats.

    Presence does not matter and there is no quorum (quorate is True, quorum_required 0, and
    present_ids are the seats that voted). Raise ValueError as tally_meeting_vote does; the
    Chair may give a casting vote when holding a current Chair seat and not recused.
    """
    return _tally(rules, members, votes, casting_vote, in_meeting=False)


def snapshot(result: Result) -> dict[str, Any]:
    """Return the result as JSON-ready data for an immutable decision record."""
    data = asdict(result)
    for key in ("recused_ids", "eligible_ids", "present_ids"):
        data[key] = list(data[key])
    return data
