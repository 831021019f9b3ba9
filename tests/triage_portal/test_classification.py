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
