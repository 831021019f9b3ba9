"""The committee voting maths, by example (test_voting_reference.py checks them against a
reference written from domain.md §3.4 over generated cases).

Pure: no database, no Django models.
"""

import json
from decimal import Decimal
from fractions import Fraction

import pytest

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
