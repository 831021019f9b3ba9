"""The voting maths, by example and against an independent reference with hypothesis."""

import json
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

RULES = CommitteeRules()


def seats(n, present=True):
    return [Member(id=i, is_voting=True, present=present) for i in range(1, n + 1)]


CHAIR = Member(id=0, is_voting=False, is_chair=True, present=True)


def test_simple_majority_of_votes_cast_passes():
    result = tally_meeting_vote(
        RULES, [CHAIR, *seats(6)], {1: "FOR", 2: "FOR", 3: "AGAINST", 4: "ABSTAIN"}
    )

    assert (result.quorate, result.passed, result.for_count, result.abstain_count) == (
        True,
        True,
        2,
        1,
    )


def test_tie_fails_without_casting_vote_and_follows_it_with_one():
    votes = {1: "FOR", 2: "AGAINST"}
    assert tally_meeting_vote(RULES, [CHAIR, *seats(4)], votes).passed is False
    result = tally_meeting_vote(RULES, [CHAIR, *seats(4)], votes, casting_vote=Choice.FOR)
    assert (result.passed, result.casting_vote_used) == (True, True)


def test_casting_vote_refused_when_not_tied_or_not_allowed():
    with pytest.raises(ValueError, match="only used to settle a tie"):
        tally_meeting_vote(RULES, [CHAIR, *seats(4)], {1: "FOR"}, casting_vote=Choice.FOR)
    with pytest.raises(ValueError, match="no casting vote"):
        tally_meeting_vote(
            CommitteeRules(chair_has_casting_vote=False),
            [CHAIR, *seats(4)],
            {1: "FOR", 2: "AGAINST"},
            casting_vote=Choice.FOR,
        )


def test_recusal_reduces_quorum_and_eligibility():
    members = [CHAIR, Member(1, True, present=True, recused=True), *seats(4)[1:]]

    result = tally_meeting_vote(RULES, members, {2: "FOR"})

    assert (len(result.eligible_ids), result.quorum_required, result.recused_ids) == (3, 2, (1,))
    with pytest.raises(ValueError, match="is recused"):
        tally_meeting_vote(RULES, members, {1: "FOR"})


def test_chair_absent_means_inquorate():
    result = tally_meeting_vote(RULES, [Member(0, False, is_chair=True), *seats(5)], {1: "FOR"})

    assert (result.quorate, result.passed) == (False, False)
    assert "the Chair is not present" in result.reason


def test_alternate_stands_in_for_absent_member():
    members = [
        CHAIR,
        Member(1, True, present=False, alternate_present=True),
        Member(2, True, present=False),
    ]

    result = tally_meeting_vote(RULES, members, {1: "FOR"})

    assert result.present_ids == (1,) and result.quorate and result.passed
    with pytest.raises(ValueError, match="is absent"):
        tally_meeting_vote(RULES, members, {2: "FOR"})


def test_observers_never_count_or_vote():
    members = [CHAIR, *seats(2), Member(9, is_voting=False, present=True)]

    assert len(tally_meeting_vote(RULES, members, {}).eligible_ids) == 2
    with pytest.raises(ValueError, match="has no vote"):
        tally_meeting_vote(RULES, members, {9: "FOR"})


def test_correspondence_threshold_counts_all_voting_members():
    members = [CHAIR, *seats(13, present=False)]

    assert (
        tally_correspondence_vote(RULES, members, {i: "FOR" for i in range(1, 7)}).passed is False
    )
    assert tally_correspondence_vote(RULES, members, {i: "FOR" for i in range(1, 8)}).passed is True


def test_majority_of_all_voting_members_rule():
    rules = CommitteeRules(majority_rule="all_voting_members")

    assert (
        tally_meeting_vote(rules, [CHAIR, *seats(6)], {1: "FOR", 2: "FOR", 3: "FOR"}).passed
        is False
    )
    assert (
        tally_meeting_vote(rules, [CHAIR, *seats(6)], {i: "FOR" for i in range(1, 5)}).passed
        is True
    )


# An independent reference, written with plain loops and integer arithmetic.
def reference(rules, members, votes, correspondence):
    voting = [m for m in members if m.is_voting and not m.is_chair and not m.recused]
    n = len(voting)
    present = [m for m in voting if m.present or m.alternate_present]
    frac = Fraction(rules.quorum_fraction)
    needed = -(-frac.numerator * n // frac.denominator)
    chair_ok = (not rules.chair_required_for_quorum) or any(
        m.is_chair and (m.present or m.alternate_present) for m in members
    )
    f = sum(1 for v in votes.values() if v == "FOR")
    a = sum(1 for v in votes.values() if v == "AGAINST")
    if correspondence:
        t = Fraction(rules.correspondence_threshold)
        return True, f * t.denominator > t.numerator * n, f, a
    quorate = len(present) >= needed and chair_ok and n > 0
    if rules.majority_rule == "all_voting_members":
        passed = 2 * f > n
    else:
        passed = f > a
    return quorate, quorate and passed, f, a


members_strategy = st.lists(
    st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=20
).map(
    lambda rows: (
        [Member(id=0, is_voting=False, is_chair=True, present=rows[0][1])]
        + [
            Member(id=i, is_voting=v, present=p, alternate_present=alt and not p, recused=r)
            for i, (v, p, alt, r) in enumerate(rows[1:], start=1)
        ]
    )
)
rules_strategy = st.builds(
    CommitteeRules,
    quorum_fraction=st.sampled_from(
        [Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(1, 1)]
    ),
    chair_required_for_quorum=st.booleans(),
    majority_rule=st.sampled_from(["votes_cast", "all_voting_members"]),
    chair_has_casting_vote=st.just(False),
    correspondence_threshold=st.sampled_from([Fraction(1, 2), Fraction(2, 3)]),
)


@st.composite
def scenario(draw, correspondence=False):
    members = draw(members_strategy)
    rules = draw(rules_strategy)
    eligible = [
        m
        for m in members
        if m.is_voting
        and not m.is_chair
        and not m.recused
        and (correspondence or m.present or m.alternate_present)
    ]
    chosen = draw(
        st.lists(st.sampled_from(eligible), unique_by=lambda m: m.id) if eligible else st.just([])
    )
    votes = {m.id: draw(st.sampled_from(["FOR", "AGAINST", "ABSTAIN"])) for m in chosen}
    return rules, members, votes


@settings(max_examples=300, deadline=None, derandomize=True)
@given(scenario())
def test_meeting_vote_matches_reference(case):
    rules, members, votes = case

    result = tally_meeting_vote(rules, members, votes)

    quorate, passed, f, a = reference(rules, members, votes, correspondence=False)
    assert (result.quorate, result.passed, result.for_count, result.against_count) == (
        quorate,
        passed,
        f,
        a,
    )
    assert not result.passed or result.quorate
    assert not set(result.recused_ids) & set(result.eligible_ids)
    assert json.loads(json.dumps(snapshot(result))) == snapshot(result)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(scenario(correspondence=True))
def test_correspondence_vote_matches_reference(case):
    rules, members, votes = case

    result = tally_correspondence_vote(rules, members, votes)

    _, passed, f, a = reference(rules, members, votes, correspondence=True)
    assert (result.passed, result.for_count, result.against_count) == (passed, f, a)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(scenario())
def test_an_extra_abstention_never_flips_the_result(case):
    rules, members, votes = case
    present = [
        m
        for m in members
        if m.is_voting and not m.is_chair and not m.recused and (m.present or m.alternate_present)
    ]
    silent = [m for m in present if m.id not in votes]
    if rules.majority_rule != "votes_cast" or not silent:
        return

    before = tally_meeting_vote(rules, members, votes)
    after = tally_meeting_vote(rules, members, {**votes, silent[0].id: "ABSTAIN"})

    assert before.passed == after.passed
