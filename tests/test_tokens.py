"""Word tokens: the fast token pattern finds exactly what the plain alternation finds."""

import random
import re

from storyline.text.tokens import _TOKEN, word_tokens

# The readable form of the token pattern (tokens.py explains the faster spelling).
PLAIN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*", re.UNICODE)

# Characters and pieces where the branches meet: dots and commas between digits and letters,
# apostrophes, underscores, non-ASCII letters and digits (Arabic-Indic three, superscript two).
PIECES = [*"ab.,'’ _1203Z\u0663\u00b2é\n", "U.S.", "a.b", "5,400", "2.5.", "1,", ".5", "e.g."]


def test_fast_pattern_finds_the_plain_tokens() -> None:
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        assert _TOKEN.findall(text) == PLAIN.findall(text), text


def test_word_tokens_keep_numbers_and_abbreviations_whole() -> None:
    assert word_tokens("The U.N. said 5,400 (2.5%) don't.") == [
        "the",
        "un",
        "said",
        "5,400",
        "2.5",
        "don't",
    ]
