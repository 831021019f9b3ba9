"""Prose for the bench's answers: real words, drawn as often as the seed paper and brief use them.

`bench/vocabulary.txt` holds the words of the seed paper (TABASC_45_1508_14) and of the portal's
domain brief with their counts there; a sentence draws 8–30 of them by that frequency, so answers
have the lengths, the word shapes and the common/rare mix of real proposals (several thousand
characters for the main questions), not a 30-word loop.
"""

import itertools
import random
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).with_name("vocabulary.txt")


@cache
def vocabulary() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Return the words and their cumulative weights, read once."""
    words, counts = [], []
    for line in VOCABULARY.read_text().splitlines():
        if line and not line.startswith("#"):
            word, count = line.rsplit(" ", 1)
            words.append(word)
            counts.append(int(count))
    return tuple(words), tuple(itertools.accumulate(counts))


def sentence(rng: random.Random, low: int = 8, high: int = 30) -> str:
    """Return one sentence of low to high words, capitalised and closed with a full stop."""
    words, cumulative = vocabulary()
    drawn = rng.choices(words, cum_weights=cumulative, k=rng.randint(low, high))
    text = " ".join(drawn)
    return text[0].upper() + text[1:] + "."


def prose(rng: random.Random, chars: int) -> str:
    """Return paragraphs of sentences, about `chars` characters long (never shorter)."""
    paragraphs, length = [], 0
    while length < chars:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)
