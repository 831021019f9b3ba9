"""The bench's prose: real words, as long as asked."""

import random

from bench.text import prose, sentence, vocabulary


def test_the_vocabulary_holds_the_seed_papers_words():
    words, cumulative = vocabulary()
    assert len(words) == 1989
    assert {"refurbishment", "DNO", "SSC", "triage"} <= set(words)
    assert cumulative[-1] == 10135


def test_prose_is_at_least_as_long_as_asked_and_in_paragraphs():
    text = prose(random.Random(1), 4_000)
    assert 4_000 <= len(text) < 4_000 + 2_000
    assert "\n\n" in text


def test_a_sentence_is_capitalised_and_closed():
    text = sentence(random.Random(2), 8, 8)
    assert len(text.split()) == 8
    assert text[0].isupper() or not text[0].isalpha()
    assert text.endswith(".")


def test_the_same_seed_gives_the_same_prose():
    assert prose(random.Random(3), 500) == prose(random.Random(3), 500)
