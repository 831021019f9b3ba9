import pytest

from triage_portal.classification import Classification, parse_classification, statement, strictest


@pytest.mark.parametrize(
    ("word", "level"),
    [("clear", "WHITE"), ("TLP:CLEAR", "WHITE"), ("White", "WHITE"), (" amber ", "AMBER")],
)
def test_parse_accepts_tlp2_alias(word, level):
    assert parse_classification(word) == level


def test_parse_refuses_unknown_level():
    with pytest.raises(ValueError):
        parse_classification("PURPLE")


def test_strictest_picks_most_restrictive():
    assert strictest("WHITE", "AMBER", "GREEN") == Classification.AMBER
    assert strictest("RED", "WHITE") == Classification.RED


def test_statement_matches_seed_wording_for_white():
    assert statement("WHITE") == (
        "This document is classified as White in accordance with the Panel Information Policy. "
        "Information can be shared with the public and any members may publish the information, "
        "subject to copyright."
    )


# The policy's named rules, each pinned level by level (triage_portal.classification).
@pytest.mark.parametrize(
    ("level", "rule", "expected"),
    [
        ("WHITE", "watermarked", False),
        ("GREEN", "watermarked", False),
        ("AMBER", "watermarked", True),
        ("RED", "watermarked", True),
        ("WHITE", "may_quote", True),
        ("GREEN", "may_quote", True),
        ("AMBER", "may_quote", False),
        ("RED", "may_quote", False),
        ("WHITE", "named_only", False),
        ("GREEN", "named_only", False),
        ("AMBER", "named_only", False),
        ("RED", "named_only", True),
    ],
)
def test_each_named_rule_answers_for_each_level(level, rule, expected):
    from triage_portal import classification

    assert getattr(classification, rule)(level) is expected


def test_the_policy_tables_are_exactly_these():
    from triage_portal.classification import NAMED_ONLY, QUOTABLE, WATERMARKED

    assert (WATERMARKED, QUOTABLE, NAMED_ONLY) == (("AMBER", "RED"), ("WHITE", "GREEN"), ("RED",))


@pytest.mark.parametrize(
    ("audience", "levels"),
    [
        ("public", ("WHITE",)),
        ("signed_in", ("WHITE", "GREEN")),
        ("own_item", ("WHITE", "GREEN", "AMBER")),
        ("supporter", ("WHITE", "GREEN", "AMBER")),
        ("committee", ("WHITE", "GREEN", "AMBER")),
        ("named", ("RED", "AMBER", "GREEN", "WHITE")),
        ("secretariat", ("RED", "AMBER", "GREEN", "WHITE")),
    ],
)
def test_each_audience_reads_exactly_these_levels(audience, levels):
    from triage_portal.classification import Audience, readable_by

    assert readable_by(Audience(audience)) == levels
