"""The committee voting maths, by example and against an independent reference (hypothesis).

Pure: no database, no Django models.
"""

import json
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.voting import (
    Choice,
    CommitteeRules,
    Member,
    Result,
    quorum_required,
    snapshot,
    tally_correspondence_vote,
    tally_meeting_vote,
)

RULES = CommitteeRules()
CHAIR = Member(id=0, is_voting=False, is_chair=True, present=True)
FOR, AGAINST, ABSTAIN = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN


def seats(n: int, present: bool = True, start: int = 1) -> list[Member]:
    return [
        Member(id=i, is_voting=True, is_chair=False, present=present)
        for i in range(start, start + n)
    ]


def votes(**counts: int) -> dict[int, Choice]:
    """Votes from seats 1, 2, 3… in the order For, Against, Abstain."""
    ballot, seat = {}, 1
    for name in ("FOR", "AGAINST", "ABSTAIN"):
        for _ in range(counts.get(name.lower(), 0)):
            ballot[seat] = Choice(name)
            seat += 1
    return ballot


# --- Examples: majority of votes cast ---------------------------------------------------


def test_simple_majority_of_votes_cast_passes():
    result = tally_meeting_vote(RULES, [CHAIR, *seats(6)], votes(**{"for": 3, "against": 2}))

    assert (result.quorate, result.passed) == (True, True)
    assert (result.for_count, result.against_count, result.abstain_count) == (3, 2, 0)
    assert (result.quorum_required, result.casting_vote_used) == (3, False)
    assert result.reason == "Passed: For 3, Against 2, Abstain 0"


def test_more_against_than_for_fails():
    result = tally_meeting_vote(RULES, [CHAIR, *seats(6)], votes(**{"for": 2, "against": 3}))

    assert (result.quorate, result.passed) == (True, False)
    assert result.reason.startswith("Not passed:")


def test_plain_strings_are_accepted_as_votes():
    result = tally_meeting_vote(RULES, [CHAIR, *seats(3)], {1: "FOR", 2: "ABSTAIN"})

    assert (result.passed, result.for_count, result.abstain_count) == (True, 1, 1)


def test_abstentions_are_not_votes_cast_by_default():
    ballot = votes(**{"for": 1, "abstain": 4})

    assert tally_meeting_vote(RULES, [CHAIR, *seats(5)], ballot).passed is True
    counted = CommitteeRules(abstentions_count_as_cast=True)
    assert tally_meeting_vote(counted, [CHAIR, *seats(5)], ballot).passed is False


def test_nobody_for_or_against_is_not_passed_and_not_a_tie():
    result = tally_meeting_vote(RULES, [CHAIR, *seats(4)], votes(abstain=4))

    assert (result.quorate, result.passed) == (True, False)
    with pytest.raises(ValueError, match="only used to settle a tie"):
        tally_meeting_vote(RULES, [CHAIR, *seats(4)], votes(abstain=4), casting_vote=FOR)


# --- Examples: ties and the casting vote --------------------------------------------------


def test_tie_fails_without_a_casting_vote():
    result = tally_meeting_vote(RULES, [CHAIR, *seats(4)], votes(**{"for": 2, "against": 2}))

    assert (result.passed, result.casting_vote_used) == (False, False)
    assert "tied, with no casting vote" in result.reason


@pytest.mark.parametrize(("casting", "passed"), [(FOR, True), (AGAINST, False), ("FOR", True)])
def test_tie_follows_the_chairs_casting_vote(casting, passed):
    ballot = votes(**{"for": 2, "against": 2, "abstain": 1})

    result = tally_meeting_vote(RULES, [CHAIR, *seats(5)], ballot, casting_vote=casting)

    assert (result.passed, result.casting_vote_used) == (passed, True)
    assert "the Chair's casting vote" in result.reason


def test_tie_counting_abstentions_as_cast_can_take_a_casting_vote():
    rules = CommitteeRules(abstentions_count_as_cast=True)
    ballot = votes(**{"for": 2, "against": 1, "abstain": 1})

    assert tally_meeting_vote(rules, [CHAIR, *seats(4)], ballot).passed is False
    assert tally_meeting_vote(rules, [CHAIR, *seats(4)], ballot, casting_vote=FOR).passed is True


def test_casting_vote_refused_when_not_tied_not_allowed_or_an_abstention():
    tied = votes(**{"for": 1, "against": 1})
    with pytest.raises(ValueError, match="only used to settle a tie"):
        tally_meeting_vote(RULES, [CHAIR, *seats(4)], votes(**{"for": 1}), casting_vote=FOR)
    with pytest.raises(ValueError, match="has no casting vote"):
        tally_meeting_vote(
            CommitteeRules(chair_has_casting_vote=False),
            [CHAIR, *seats(4)],
            tied,
            casting_vote=FOR,
        )
    with pytest.raises(ValueError, match="must be For or Against"):
        tally_meeting_vote(RULES, [CHAIR, *seats(4)], tied, casting_vote=ABSTAIN)


def test_tie_is_not_passed_when_the_chair_has_no_casting_vote():
    rules = CommitteeRules(chair_has_casting_vote=False)

    result = tally_meeting_vote(rules, [CHAIR, *seats(4)], votes(**{"for": 2, "against": 2}))

    assert (result.passed, result.casting_vote_used) == (False, False)


# --- Examples: quorum, recusal, alternates, the Chair and observers ------------------------


def test_inquorate_reason_in_plain_english_and_never_passes():
    members = [CHAIR, *seats(4), *seats(7, present=False, start=5)]

    result = tally_meeting_vote(RULES, members, votes(**{"for": 4}))

    assert (result.quorate, result.passed, result.quorum_required) == (False, False, 6)
    assert result.reason == "Not quorate: 4 of 11 eligible members present; 6 needed"


def test_recusal_reduces_quorum_and_eligibility():
    recused = [
        Member(id=i, is_voting=True, is_chair=False, present=True, recused=True)
        for i in range(1, 6)
    ]
    members = [CHAIR, *recused, *seats(3, start=6), *seats(3, present=False, start=9)]

    result = tally_meeting_vote(RULES, members, {6: FOR, 7: FOR, 8: AGAINST})

    assert result.recused_ids == (1, 2, 3, 4, 5)
    assert result.eligible_ids == (6, 7, 8, 9, 10, 11)
    assert result.present_ids == (6, 7, 8)
    assert (result.quorum_required, result.quorate, result.passed) == (3, True, True)
    with pytest.raises(ValueError, match="member 1 cannot count: the member is recused"):
        tally_meeting_vote(RULES, members, {1: FOR})


def test_alternate_stands_in_only_when_the_principal_is_absent():
    members = [
        CHAIR,
        Member(id=1, is_voting=True, is_chair=False, present=False, alternate_present=True),
        Member(id=2, is_voting=True, is_chair=False, present=True, alternate_present=True),
        Member(id=3, is_voting=True, is_chair=False, present=False),
        Member(id=4, is_voting=True, is_chair=False, present=False),
    ]

    result = tally_meeting_vote(RULES, members, {1: FOR, 2: AGAINST}, casting_vote=FOR)

    assert result.present_ids == (1, 2)  # seat 2 counts once, though both are in the room
    assert (result.quorate, result.passed, result.quorum_required) == (True, True, 2)
    with pytest.raises(ValueError, match="member 3 cannot count: the member is absent"):
        tally_meeting_vote(RULES, members, {3: FOR})


def test_chair_missing_means_inquorate_and_the_chairs_alternate_will_do():
    absent_chair = Member(id=0, is_voting=False, is_chair=True, present=False)
    alternate_chair = Member(
        id=0, is_voting=False, is_chair=True, present=False, alternate_present=True
    )

    result = tally_meeting_vote(RULES, [absent_chair, *seats(5)], votes(**{"for": 5}))
    assert (result.quorate, result.passed) == (False, False)
    assert result.reason == "Not quorate: the Chair (or the Chair's alternate) is not present"
    assert tally_meeting_vote(RULES, [alternate_chair, *seats(5)], votes(**{"for": 5})).passed
    relaxed = CommitteeRules(chair_required_for_quorum=False)
    assert tally_meeting_vote(relaxed, [absent_chair, *seats(5)], votes(**{"for": 5})).passed


def test_chair_has_no_deliberative_vote_and_is_not_a_voting_seat():
    chair_flagged_voting = Member(id=0, is_voting=True, is_chair=True, present=True)

    result = tally_meeting_vote(RULES, [chair_flagged_voting, *seats(2)], {})

    assert result.eligible_ids == (1, 2)
    with pytest.raises(ValueError, match="member 0 cannot count: the Chair has no"):
        tally_meeting_vote(RULES, [chair_flagged_voting, *seats(2)], {0: FOR})


def test_observers_never_count_or_vote():
    observers = [Member(id=i, is_voting=False, is_chair=False, present=True) for i in range(90, 95)]
    members = [CHAIR, *seats(2), *seats(2, present=False, start=3), *observers]

    result = tally_meeting_vote(RULES, members, {1: FOR})

    assert (result.eligible_ids, result.present_ids) == ((1, 2, 3, 4), (1, 2))
    assert (result.quorum_required, result.quorate) == (2, True)
    with pytest.raises(ValueError, match="member 90 cannot count: an observer has no vote"):
        tally_meeting_vote(RULES, members, {90: FOR})


def test_no_eligible_seat_is_never_quorate():
    result = tally_meeting_vote(RULES, [CHAIR], {})

    assert (result.quorate, result.quorum_required) == (False, 1)


@pytest.mark.parametrize(
    ("fraction", "rounding", "seats_filled", "needed"),
    [
        (Fraction(1, 2), "up", 11, 6),
        (Fraction(1, 2), "down", 11, 5),
        (Decimal("0.5"), "up", 10, 5),
        (0.5, "up", 7, 4),
        (2 / 3, "down", 3, 2),  # the float 2/3 is read as the fraction 2/3
        (Decimal("0.667"), "up", 12, 9),
        (1, "up", 4, 4),
        (Fraction(1, 3), "down", 2, 1),  # never less than one
    ],
)
def test_quorum_formula(fraction, rounding, seats_filled, needed):
    rules = CommitteeRules(quorum_fraction=fraction, quorum_rounding=rounding)

    assert quorum_required(rules, seats_filled) == needed


def test_majority_of_all_voting_members_rule():
    rules = CommitteeRules(majority_rule="all_voting_members")
    members = [CHAIR, *seats(6)]

    assert tally_meeting_vote(rules, members, votes(**{"for": 3})).passed is False
    assert tally_meeting_vote(rules, members, votes(**{"for": 4})).passed is True
    split = votes(**{"for": 3, "against": 3})
    assert tally_meeting_vote(rules, members, split, casting_vote=FOR).passed is True
    with pytest.raises(ValueError, match="only used to settle a tie"):
        tally_meeting_vote(rules, members, votes(**{"for": 3, "against": 2}), casting_vote=FOR)


# --- Examples: votes by correspondence ---------------------------------------------------


def test_correspondence_threshold_counts_all_voting_members():
    members = [CHAIR, *seats(13, present=False)]

    six = tally_correspondence_vote(RULES, members, votes(**{"for": 6}))
    seven = tally_correspondence_vote(RULES, members, votes(**{"for": 7}))

    assert (six.passed, six.against_count, seven.passed) == (False, 0, True)
    assert (
        six.reason
        == "Not passed: For 6, Against 0, Abstain 0; 7 of 13 eligible voting members needed For"
    )
    assert (six.quorate, six.quorum_required, six.present_ids) == (True, 0, (1, 2, 3, 4, 5, 6))


def test_correspondence_tie_needs_an_allowed_casting_vote():
    members = [CHAIR, *seats(8, present=False)]
    split = votes(**{"for": 4, "against": 4})

    assert tally_correspondence_vote(RULES, members, split).passed is False
    result = tally_correspondence_vote(RULES, members, split, casting_vote=FOR)
    assert (result.passed, result.casting_vote_used) == (True, True)
    with pytest.raises(ValueError, match="has no casting vote"):
        tally_correspondence_vote(
            CommitteeRules(chair_has_casting_vote=False), members, split, casting_vote=FOR
        )
    with pytest.raises(ValueError, match="only used to settle a tie"):
        tally_correspondence_vote(
            RULES, members, votes(**{"for": 4, "against": 3}), casting_vote=FOR
        )


def test_correspondence_with_a_fractional_threshold_and_recusal():
    rules = CommitteeRules(correspondence_threshold=Decimal("0.667"))
    recused = Member(id=10, is_voting=True, is_chair=False, present=False, recused=True)
    members = [CHAIR, *seats(9, present=False), recused]

    assert tally_correspondence_vote(rules, members, votes(**{"for": 6})).passed is False
    assert tally_correspondence_vote(rules, members, votes(**{"for": 7})).passed is True
    with pytest.raises(ValueError, match="member 10 cannot count: the member is recused"):
        tally_correspondence_vote(rules, members, {10: FOR})


# --- Examples: invalid input ------------------------------------------------------------


def test_invalid_votes_and_members_raise_value_error():
    with pytest.raises(ValueError, match="member 99 cannot count: there is no such member"):
        tally_meeting_vote(RULES, [CHAIR, *seats(3)], {99: FOR})
    with pytest.raises(ValueError, match="member 1 must be For, Against or Abstain"):
        tally_meeting_vote(RULES, [CHAIR, *seats(3)], {1: "YES"})
    with pytest.raises(ValueError, match="only once"):
        tally_meeting_vote(RULES, [CHAIR, *seats(3), *seats(1)], {})


@pytest.mark.parametrize(
    "bad",
    [
        {"quorum_fraction": 0},
        {"quorum_fraction": Fraction(3, 2)},
        {"quorum_fraction": "half"},
        {"quorum_fraction": True},
        {"quorum_rounding": "nearest"},
        {"majority_rule": "unanimous"},
        {"correspondence_threshold": 1},
        {"correspondence_threshold": "most"},
    ],
)
def test_invalid_rules_raise_value_error(bad):
    with pytest.raises(ValueError):
        CommitteeRules(**bad)


def test_snapshot_is_plain_json():
    result = tally_meeting_vote(RULES, [CHAIR, *seats(3)], {1: FOR, 2: AGAINST}, casting_vote=FOR)

    data = snapshot(result)

    assert json.loads(json.dumps(data)) == data
    assert data["eligible_ids"] == [1, 2, 3] and data["casting_vote_used"] is True
    assert Result(**{k: tuple(v) if k.endswith("_ids") else v for k, v in data.items()}) == result


# --- Properties against an independent reference ------------------------------------------

PROPERTY = settings(max_examples=300, deadline=None, derandomize=True, database=None)


def ratio(value):
    """Return (numerator, denominator) of a rule value, with integers only."""
    if value == "majority_of_all_voting_members":
        return 1, 2
    return value.as_integer_ratio()


def reference(rules, members, ballot, casting, meeting):
    """Count the vote the slow way; return the expected fields, or "error" for a bad casting vote."""
    n = present = 0
    chair_here = False
    for m in members:
        here = m.present or m.alternate_present
        if m.is_chair:
            chair_here = chair_here or (here and not m.recused)
        elif m.is_voting and not m.recused:
            n += 1
            present += 1 if here else 0
    f = a = b = 0
    for choice in ballot.values():
        if choice == "FOR":
            f += 1
        elif choice == "AGAINST":
            a += 1
        else:
            b += 1
    if meeting:
        num, den = ratio(rules.quorum_fraction)
        q = -(-num * n // den) if rules.quorum_rounding == "up" else num * n // den
        q = max(q, 1)
        quorate = present >= q and (chair_here or not rules.chair_required_for_quorum)
    else:
        q, quorate = 0, True
    if meeting and rules.majority_rule == "votes_cast":
        other = a + b if rules.abstentions_count_as_cast else a
        passed, tie = f > other, f == other and f > 0
    else:
        num, den = (1, 2) if meeting else ratio(rules.correspondence_threshold)
        passed = f * den > num * n
        tie = f == a and f > 0 and f * den == num * n
    used = False
    if casting is not None:
        if not rules.chair_has_casting_vote or casting == "ABSTAIN" or not tie:
            return "error"
        passed, used = casting == "FOR", True
    return {
        "quorate": quorate,
        "passed": quorate and passed,
        "for_count": f,
        "against_count": a,
        "abstain_count": b,
        "quorum_required": q,
        "casting_vote_used": quorate and used,
    }


rules_strategy = st.builds(
    CommitteeRules,
    quorum_fraction=st.sampled_from(
        [Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(1), Decimal("0.6"), 0.75]
    ),
    quorum_rounding=st.sampled_from(["up", "down"]),
    chair_required_for_quorum=st.booleans(),
    majority_rule=st.sampled_from(["votes_cast", "all_voting_members"]),
    chair_has_casting_vote=st.booleans(),
    correspondence_threshold=st.sampled_from(
        ["majority_of_all_voting_members", Fraction(1, 3), Decimal("0.5"), Fraction(2, 3)]
    ),
    abstentions_count_as_cast=st.booleans(),
)


def one_in(n):
    return st.integers(1, n).map(lambda roll: roll == 1)


member_strategy = st.fixed_dictionaries(
    {
        "is_voting": one_in(5).map(lambda observer: not observer),
        "is_chair": one_in(15),
        "present": one_in(4).map(lambda absent: not absent),
        "alternate_present": st.booleans(),
        "recused": one_in(6),
    }
)
chair_strategy = st.builds(
    Member,
    id=st.just(0),
    is_voting=st.booleans(),
    is_chair=st.just(True),
    present=one_in(4).map(lambda absent: not absent),
    alternate_present=st.booleans(),
    recused=one_in(10),
)


def can_vote(member, meeting):
    eligible = member.is_voting and not member.is_chair and not member.recused
    return eligible and (not meeting or member.present or member.alternate_present)


@st.composite
def scenarios(draw, meeting=True, tie=False):
    """Draw rules, a committee of 1-20 seats, valid votes and a casting vote.

    With tie, the Chair may cast a vote and the ballot is split evenly For and Against (a tie,
    unless quorum, an abstention counted as cast or the all-members threshold says otherwise).
    """
    rules = draw(rules_strategy)
    chair = draw(st.none() | chair_strategy | chair_strategy | chair_strategy)
    size = draw(st.integers(0 if chair else 1, 19))
    flags = draw(st.lists(member_strategy, min_size=size, max_size=size))
    members = [Member(id=i, **row) for i, row in enumerate(flags, start=1)]
    members = [chair, *members] if chair else members
    voters = [m for m in members if can_vote(m, meeting)]
    chosen = draw(st.lists(st.sampled_from(voters), unique=True)) if voters else []
    modes = ["some split", "everyone split"] if tie else ["some", "everyone", "some split"]
    mode = draw(st.sampled_from(modes))
    chosen = voters if mode.startswith("everyone") else chosen
    if mode.endswith("split"):
        half = len(chosen) // 2
        ballot = {m.id: FOR for m in chosen[:half]} | {m.id: AGAINST for m in chosen[half:]}
        ballot |= {m.id: ABSTAIN for m in chosen[2 * half :]}
    else:
        ballot = {m.id: draw(st.sampled_from([FOR, FOR, AGAINST, ABSTAIN])) for m in chosen}
    if tie:
        return (
            replace(rules, chair_has_casting_vote=True),
            members,
            ballot,
            draw(st.sampled_from([FOR, AGAINST])),
        )
    return rules, members, ballot, draw(st.sampled_from([None, None, FOR, AGAINST, ABSTAIN]))


def check_against_reference(tally, case, meeting):
    """Compare the tally with the reference, without and then with the drawn casting vote."""
    rules, members, ballot, casting = case
    for casting_vote in dict.fromkeys([None, casting]):
        expected = reference(rules, members, ballot, casting_vote, meeting)
        if expected == "error":
            with pytest.raises(ValueError, match="casting vote"):
                tally(rules, members, ballot, casting_vote=casting_vote)
            continue
        result = tally(rules, members, ballot, casting_vote=casting_vote)
        assert {key: getattr(result, key) for key in expected} == expected
        assert not result.passed or result.quorate
        data = snapshot(result)
        assert json.loads(json.dumps(data)) == data
    return result


@PROPERTY
@given(scenarios())
def test_meeting_vote_matches_reference(case):
    result = check_against_reference(tally_meeting_vote, case, meeting=True)

    assert result.quorate == (not result.reason.startswith("Not quorate"))


@PROPERTY
@given(scenarios(meeting=False))
def test_correspondence_vote_matches_reference(case):
    result = check_against_reference(tally_correspondence_vote, case, meeting=False)

    assert result.quorate and result.quorum_required == 0


@PROPERTY
@given(st.booleans(), st.data())
def test_ties_and_casting_votes_match_reference(meeting, data):
    case = data.draw(scenarios(meeting, tie=True))

    check_against_reference(
        tally_meeting_vote if meeting else tally_correspondence_vote, case, meeting
    )


@PROPERTY
@given(scenarios(), st.booleans())
def test_recused_members_are_never_counted(case, meeting):
    rules, members, ballot, _ = case
    tally = tally_meeting_vote if meeting else tally_correspondence_vote

    result = tally(rules, members, ballot)
    without = tally(rules, [m for m in members if not m.recused], ballot)

    recused = {m.id for m in members if m.recused}
    assert set(result.recused_ids) == recused
    assert not recused & (set(result.eligible_ids) | set(result.present_ids) | set(ballot))
    counted = (
        "quorate",
        "passed",
        "for_count",
        "against_count",
        "abstain_count",
        "quorum_required",
    )
    assert [getattr(result, k) for k in counted] == [getattr(without, k) for k in counted]


@PROPERTY
@given(scenarios(), st.data())
def test_an_extra_abstention_never_flips_a_votes_cast_result(case, data):
    rules, members, ballot, _ = case
    silent = [m for m in members if can_vote(m, True) and m.id not in ballot]
    if rules.majority_rule != "votes_cast" or rules.abstentions_count_as_cast or not silent:
        return
    abstainer = data.draw(st.sampled_from(silent))

    before = tally_meeting_vote(rules, members, ballot)
    after = tally_meeting_vote(rules, members, {**ballot, abstainer.id: ABSTAIN})

    assert (after.passed, after.abstain_count) == (before.passed, before.abstain_count + 1)


@PROPERTY
@given(scenarios(), st.booleans(), st.data())
def test_a_vote_from_a_seat_that_cannot_vote_is_refused_by_name(case, meeting, data):
    rules, members, _, _ = case
    tally = tally_meeting_vote if meeting else tally_correspondence_vote
    outsiders = [m.id for m in members if not can_vote(m, meeting)] + [999]
    outsider = data.draw(st.sampled_from(outsiders))

    with pytest.raises(ValueError, match=rf"member {outsider} cannot count"):
        tally(rules, members, {outsider: data.draw(st.sampled_from(list(Choice)))})
