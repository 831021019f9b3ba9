"""The tallies against a reference written from the voting rules in domain.md §3.4, not from
assessments/voting.py, over generated committees, rules and votes (Hypothesis).

The reference, rule by rule (§3.4, with the app's configurable defaults):

* Who votes: each member, or their alternate standing in, has one vote. Observers (DCC,
  DESNZ, Ofgem, NCSC) and the independent Chair have none. A member excluded for a declared
  interest is out of the vote and out of the quorum.
* Quorum (meetings only): ceil (or, if so configured, floor) of the quorum fraction times the
  eligible voting seats, never less than one, counting seats whose member or alternate is in
  the room; and, where the committee requires it, the Chair or the Chair's alternate present
  and not excluded. An inquorate meeting decides nothing.
* Majority in a meeting: a simple majority of those present and voting, For beating Against,
  abstentions not being votes (unless the committee counts them as cast); or, if configured,
  For beating half of all the eligible voting seats.
* By correspondence: For beats the threshold share of all eligible voting seats (at least half,
  below all of them); everyone eligible may vote, there is no quorum.
* Never: a motion carried with as many or more Against as For.
* Ties: For and Against level (with abstentions on Against's side where they count as cast),
  and, under an "all voting members" threshold, level exactly at that threshold; a split that
  leaves both sides short of the threshold fails for want of support, not by a tie. The Chair
  settles a tie with a casting vote where the committee gives one and the Chair takes part in
  the item: in a meeting present, or represented by the Chair's alternate where the committee
  allows that alternate to cast; by correspondence holding the Chair's seat; never when
  excluded. Otherwise a tie is not passed, and a casting vote is refused.
"""

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.voting import (
    Choice,
    CommitteeRules,
    Member,
    snapshot,
    tally_correspondence_vote,
    tally_meeting_vote,
)

FOR, AGAINST, ABSTAIN = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN
PROPERTY = settings(max_examples=400, deadline=None, derandomize=True, database=None)


# --- The reference --------------------------------------------------------------------------


def as_fraction(value) -> Fraction:
    if value == "majority_of_all_voting_members":
        return Fraction(1, 2)
    return Fraction(str(value)) if isinstance(value, Decimal | float) else Fraction(value)


def seat_can_vote(seat: Member, meeting: bool) -> bool:
    """A member's seat votes when it is a voting seat, not the Chair's, not excluded and, in a
    meeting, filled by the member or their alternate."""
    if seat.is_chair or not seat.is_voting or seat.recused:
        return False
    return not meeting or seat.present or seat.alternate_present


def chair_takes_part(rules, seats, meeting: bool) -> bool:
    for seat in seats:
        if not seat.is_chair or seat.recused:
            continue
        if not meeting or seat.present:
            return True
        if seat.alternate_present and rules.chair_alternate_may_cast:
            return True
    return False


def reference(rules, seats, ballot, casting, meeting):
    """Return the expected result, or "refused" where the casting vote must be refused."""
    eligible = [s for s in seats if s.is_voting and not s.is_chair and not s.recused]
    e = len(eligible)
    tally = {FOR: 0, AGAINST: 0, ABSTAIN: 0}
    for choice in ballot.values():
        tally[Choice(choice)] += 1
    f, a, b = tally[FOR], tally[AGAINST], tally[ABSTAIN]

    if meeting:
        in_room = sum(1 for s in eligible if s.present or s.alternate_present)
        share = as_fraction(rules.quorum_fraction) * e
        whole = share.numerator // share.denominator
        if rules.quorum_rounding == "up" and share != whole:
            whole += 1
        needed = max(1, whole)
        chair_in_room = any(
            s.is_chair and not s.recused and (s.present or s.alternate_present) for s in seats
        )
        quorate = in_room >= needed and (chair_in_room or not rules.chair_required_for_quorum)
    else:
        needed, quorate = 0, True

    if meeting and rules.majority_rule == "votes_cast":
        against_side = a + b if rules.abstentions_count_as_cast else a
        carried = f > against_side
        level = f >= 1 and f == against_side
    else:
        t = Fraction(1, 2) if meeting else as_fraction(rules.correspondence_threshold)
        carried = f > t * e
        level = f >= 1 and f == a and Fraction(f) == t * e
    carried = carried and f > a

    may_cast = rules.chair_has_casting_vote and chair_takes_part(rules, seats, meeting)
    used = False
    if casting is not None:
        if not (rules.chair_has_casting_vote and level and may_cast) or casting == ABSTAIN:
            return "refused"
        carried, used = casting == FOR, True
    return {
        "quorate": quorate,
        "passed": quorate and carried,
        "for_count": f,
        "against_count": a,
        "abstain_count": b,
        "quorum_required": needed,
        "casting_vote_used": quorate and used,
        "tied": level,
        "casting_vote_needed": quorate and level and casting is None and may_cast,
        "eligible_ids": tuple(sorted(s.id for s in eligible)),
        "present_ids": tuple(
            sorted(
                s.id
                for s in eligible
                if (s.present or s.alternate_present if meeting else s.id in ballot)
            )
        ),
        "recused_ids": tuple(sorted(s.id for s in seats if s.recused)),
    }


# --- Generated committees, rules and votes ------------------------------------------------


def sometimes(n):
    """True about one time in n (the common case first, where Hypothesis shrinks to)."""
    return st.sampled_from([False] * (n - 1) + [True])


rules_strategy = st.builds(
    CommitteeRules,
    quorum_fraction=st.sampled_from(
        [Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(1), Decimal("0.6"), 0.75]
    ),
    quorum_rounding=st.sampled_from(["up", "down"]),
    chair_required_for_quorum=st.booleans(),
    majority_rule=st.sampled_from(["votes_cast", "votes_cast", "all_voting_members"]),
    chair_has_casting_vote=sometimes(4).map(lambda none: not none),
    correspondence_threshold=st.sampled_from(
        [
            "majority_of_all_voting_members",
            Fraction(1, 2),
            Decimal("0.5"),
            Decimal("0.667"),
            Fraction(2, 3),
            Decimal("0.999"),
        ]
    ),
    abstentions_count_as_cast=st.booleans(),
    chair_alternate_may_cast=st.booleans(),
)


seat_strategy = st.fixed_dictionaries(
    {
        "is_voting": sometimes(8).map(lambda observer: not observer),
        "present": sometimes(6).map(lambda absent: not absent),
        "alternate_present": sometimes(3),
        "recused": sometimes(8),
    }
)
chair_strategy = st.builds(
    Member,
    id=st.just(0),
    is_voting=st.just(False),
    is_chair=st.just(True),
    present=sometimes(4).map(lambda absent: not absent),
    alternate_present=st.booleans(),
    recused=sometimes(8),
)


@st.composite
def committees(draw, meeting=True, ties=False):
    """Draw rules, up to 16 seats with or without a Chair, and votes from seats that may vote.

    Half the time (with ties, always) the votes split evenly For and Against among some or all
    of the seats, so that ties, and ties exactly at an "all voting members" threshold, are
    common; with ties the casting vote drawn is For or Against.
    """
    rules = draw(rules_strategy)
    chair = draw(st.none() | chair_strategy | chair_strategy | chair_strategy)
    size = draw(st.integers(0 if chair else 1, 16))
    rows = draw(st.lists(seat_strategy, min_size=size, max_size=size))
    seats = [Member(id=i, is_chair=False, **row) for i, row in enumerate(rows, start=1)]
    seats = [chair, *seats] if chair else seats
    voters = [s for s in seats if seat_can_vote(s, meeting)]
    if voters and not draw(sometimes(3)):
        chosen = draw(st.lists(st.sampled_from(voters), unique=True))
    else:
        chosen = voters
    if ties or draw(st.booleans()):
        half = len(chosen) // 2
        ballot = {s.id: FOR for s in chosen[:half]}
        ballot |= {s.id: AGAINST for s in chosen[half : 2 * half]}
        ballot |= {s.id: ABSTAIN for s in chosen[2 * half :]}
    else:
        ballot = {s.id: draw(st.sampled_from([FOR, FOR, FOR, AGAINST, ABSTAIN])) for s in chosen}
    castings = [FOR, AGAINST] if ties else [None, FOR, AGAINST, FOR, AGAINST, ABSTAIN]
    return rules, seats, ballot, draw(st.sampled_from(castings))


def compare(tally, case, meeting):
    """Check the tally against the reference without, then with, the drawn casting vote."""
    rules, seats, ballot, casting = case
    results = []
    for casting_vote in dict.fromkeys([None, casting]):
        expected = reference(rules, seats, ballot, casting_vote, meeting)
        if expected == "refused":
            with pytest.raises(ValueError, match="casting vote"):
                tally(rules, seats, ballot, casting_vote=casting_vote)
            continue
        result = tally(rules, seats, ballot, casting_vote=casting_vote)
        assert {key: getattr(result, key) for key in expected} == expected
        data = snapshot(result)
        assert json.loads(json.dumps(data)) == data
        results.append((casting_vote, result))
    return results


def check_invariants(results):
    """A motion never passes inquorate, nor on the members' votes with Against ≥ For; a tie
    carried by the casting vote has For level with Against and the casting vote For."""
    for casting_vote, result in results:
        f, a = result.for_count, result.against_count
        if result.passed:
            assert result.quorate
            if result.casting_vote_used:
                assert casting_vote == FOR and result.tied and f >= a
            else:
                assert f > a
        assert not (result.casting_vote_needed and result.passed)


# --- Properties -------------------------------------------------------------------------------


@PROPERTY
@given(committees(meeting=True))
def test_meeting_vote_matches_the_reference(case):
    check_invariants(compare(tally_meeting_vote, case, meeting=True))


@PROPERTY
@given(committees(meeting=False))
def test_correspondence_vote_matches_the_reference(case):
    results = compare(tally_correspondence_vote, case, meeting=False)

    check_invariants(results)
    assert all(r.quorate and r.quorum_required == 0 for _, r in results)


@PROPERTY
@given(st.booleans(), st.data())
def test_ties_and_casting_votes_match_the_reference(meeting, data):
    case = data.draw(committees(meeting, ties=True))

    check_invariants(
        compare(tally_meeting_vote if meeting else tally_correspondence_vote, case, meeting)
    )


@PROPERTY
@given(st.booleans(), st.data())
def test_against_at_least_for_never_passes_without_a_casting_vote(meeting, data):
    rules, seats, ballot, _ = data.draw(committees(meeting))
    tally = tally_meeting_vote if meeting else tally_correspondence_vote

    result = tally(rules, seats, ballot)

    if result.against_count >= result.for_count:
        assert result.passed is False


@PROPERTY
@given(st.booleans(), st.data())
def test_a_chair_not_taking_part_never_gives_a_casting_vote(meeting, data):
    rules, seats, ballot, _ = data.draw(committees(meeting))
    tally = tally_meeting_vote if meeting else tally_correspondence_vote
    if chair_takes_part(rules, seats, meeting):
        seats = [s for s in seats if not s.is_chair]  # the Chair holds no seat today

    result = tally(rules, seats, ballot)

    assert result.casting_vote_needed is False
    for casting in (FOR, AGAINST):
        with pytest.raises(ValueError, match="casting vote"):
            tally(rules, seats, ballot, casting_vote=casting)


@PROPERTY
@given(st.booleans(), st.data())
def test_recused_members_are_never_counted(meeting, data):
    rules, seats, ballot, _ = data.draw(committees(meeting))
    tally = tally_meeting_vote if meeting else tally_correspondence_vote

    result = tally(rules, seats, ballot)
    without = tally(rules, [s for s in seats if not s.recused], ballot)

    recused = {s.id for s in seats if s.recused}
    assert set(result.recused_ids) == recused
    assert not recused & (set(result.eligible_ids) | set(result.present_ids) | set(ballot))
    counted = ("quorate", "passed", "for_count", "against_count", "quorum_required", "tied")
    assert [getattr(result, k) for k in counted] == [getattr(without, k) for k in counted]


@PROPERTY
@given(st.booleans(), st.data())
def test_a_vote_from_a_seat_that_cannot_vote_is_refused_by_name(meeting, data):
    rules, seats, _, _ = data.draw(committees(meeting))
    tally = tally_meeting_vote if meeting else tally_correspondence_vote
    outsiders = [s.id for s in seats if not seat_can_vote(s, meeting)] + [999]
    outsider = data.draw(st.sampled_from(outsiders))

    with pytest.raises(ValueError, match=rf"member {outsider} cannot count"):
        tally(rules, seats, {outsider: data.draw(st.sampled_from(list(Choice)))})


@PROPERTY
@given(committees(meeting=True), st.data())
def test_an_extra_abstention_never_flips_a_votes_cast_result(case, data):
    rules, seats, ballot, _ = case
    silent = [s for s in seats if seat_can_vote(s, True) and s.id not in ballot]
    if rules.majority_rule != "votes_cast" or rules.abstentions_count_as_cast or not silent:
        return
    abstainer = data.draw(st.sampled_from(silent))

    before = tally_meeting_vote(rules, seats, ballot)
    after = tally_meeting_vote(rules, seats, {**ballot, abstainer.id: ABSTAIN})

    assert (after.passed, after.abstain_count) == (before.passed, before.abstain_count + 1)
