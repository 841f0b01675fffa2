"""What a story and an event are recognised by: weighted words, name-like spans and figures.

Weights need no corpus statistics, so the first article of a stream is weighed exactly like the
millionth: a word's weight is its rarity in general English (wordfreq's Zipf scale), so "the" or
"said" weigh almost nothing and "earthquake" or "Lavrov" a lot. The title and the lead count more
than the body, because news puts what the story is about first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import mul, truediv

from storyline.dedup import published_days
from storyline.memo import Memo, memo
from storyline.model import Document
from storyline.text.calendar import CALENDAR_NAMES
from storyline.text.document_words import sentence_words
from storyline.text.rarity import zipf  # general-English word rarity: an IDF that needs no corpus
from storyline.text.tokens import content_only, normalize, stem, word_tokens

Vector = dict[str, float]

TITLE_REPEAT = 3  # the title counts three times, the lead twice: news puts what it is about first
LEAD_REPEAT = 2
LEAD_SENTENCES = 2
MAX_TERMS = 150  # the heaviest terms of a document; the long tail only adds noise and time
_MAX_ZIPF = 8.0  # just above the most common English word ("the" is 7.7)
_FIGURE_RARITY = _MAX_ZIPF / 2  # a figure is as telling as a fairly rare word
_COMMON_ZIPF = 5.0  # capitalised words more common than this at a sentence start are not names

_CAPITALISED_WORD = r"[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*"  # with inner apostrophes or hyphens
# One scan finds both name-like spans (runs of capitalised words) and figures (\d+(?:[.,]\d+)*):
# neither holds a character of the other, so one scan finds what two would. It starts with one
# character class, which lets the regex engine skip to the next candidate in C; a lookbehind
# then tells a figure's first digit from a name's first capital.
_NAME_OR_FIGURE = re.compile(
    rf"[A-Z\d](?:(?<=\d)\d*(?:[.,]\d+)*|[A-Za-z]*(?:['’-][A-Za-z]+)*(?:\s+{_CAPITALISED_WORD})*)"
)
_POSSESSIVE = re.compile(r"'s?$")
# Capitalised but not names: they say when, never which happening.


@dataclass(frozen=True, slots=True)
class Features:
    """A document as the clusterer sees it: unit vectors and its time (None when undated).

    `terms` (stemmed content words) says what kind of happening an article reports; `names`
    (name-like spans and figures) says which one: who, where, how many.
    """

    terms: Vector
    names: Vector
    time: float | None


def featurize(document: Document) -> Features:
    """The clustering features of a cleaned document."""
    title, sentences = document.article.title, document.sentences
    lead = " ".join(s.text for s in sentences[:LEAD_SENTENCES]) if sentences else document.text
    body = " ".join(s.text for s in sentences[LEAD_SENTENCES:])
    parts = (  # (text, its word tokens, repeat); sentence_words gives word_tokens(lead) and (body)
        (title, word_tokens(title), TITLE_REPEAT),
        (
            lead,
            sentence_words(document, 0, LEAD_SENTENCES) if sentences else word_tokens(lead),
            LEAD_REPEAT,
        ),
        (body, sentence_words(document, LEAD_SENTENCES), 1),
    )
    terms: list[str] = []
    names: list[str] = []
    for text, words, times in parts:
        terms += content_only(words) * times
        if not (text is title and _headline_case(title)):
            names += _name_words(text) * times
    time = published_days(document.article.published)
    return Features(_weigh(Counter(terms), _term), _weigh(Counter(names), _name_key), time)


def cosine(a: Vector, b: Vector) -> float:
    """Dot product of two vectors over their shared keys.

    Summed over the shorter vector's shared keys in its insertion order (deterministic, unlike a
    set intersection's hash order), so the same input gives the same bits. Keys the other vector
    lacks would add 0.0 (weights are positive), so they are left out of the sum.
    """
    if len(b) < len(a):
        a, b = b, a
    shared = list(compress(a, map(b.__contains__, a)))
    return sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)), 0.0)


def _name_words(text: str) -> list[str]:
    """Capitalised words that may be names (people, places, organisations), then figures ("#")."""
    found: list[str] = []
    figures: list[str] = []
    for match in _NAME_OR_FIGURE.finditer(text):
        span = match.group()
        if not span[0].isupper():  # a figure
            if len(span) > 1:  # "2": a count, not a fact
                figures.append(f"#{span}")
            continue
        words = span.split()
        if _common(words[0]) and _starts_sentence(text, match.start()):
            words = words[1:]
        found.extend(words)
    return found + figures


@memo(262144)  # called for every word: a dict lookup per call
def _name_key(word: str) -> tuple[str, float] | None:
    """The feature key and rarity of a name-like word or figure; None for common words, dates."""
    if word.startswith("#"):
        return word, _FIGURE_RARITY
    name = _POSSESSIVE.sub("", normalize(word))
    if _common(word) or name in CALENDAR_NAMES:
        return None
    return f"n:{name}", _rarity(name)


def _headline_case(title: str) -> bool:
    """A Title In Headline Case capitalises every word, so its capitals do not mark names."""
    words = [w for w in title.split() if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) > len(words) / 2


def _starts_sentence(text: str, position: int) -> bool:
    """Whether `position` opens a sentence, where any word is capitalised."""
    before = text[max(0, position - 16) : position].rstrip(" \"'“‘(")  # a few characters suffice
    return not before or before[-1] in ".!?:\n"


@memo(65536)  # called for every word: a dict lookup per call
def _common(word: str) -> bool:
    """A frequent lower-case English word ("The", "Police"), not a name."""
    return zipf(word.lower()) >= _COMMON_ZIPF


@lru_cache(maxsize=262144)
def _rarity(word: str) -> float:
    """How rare a (lower-case) word is in general English: an IDF that needs no corpus."""
    return max(0.5, _MAX_ZIPF - zipf(word))


@memo(262144)  # called for every word: a dict lookup per call
def _term(word: str) -> tuple[str, float]:
    """A content word's feature key (its stem) and its rarity (of the word as written)."""
    return stem(word), _rarity(word)


def _weigh(counts: Counter[str], key_of: Callable[[str], tuple[str, float] | None]) -> Vector:
    """Sublinear counts times rarity, the heaviest MAX_TERMS kept, scaled to unit length.

    Words sharing a key (a stem) add up, and the key keeps the lowest rarity of its forms.
    """
    found = list(map(key_of, counts))
    pairs: Iterable = zip(found, counts.values())
    if None in found:  # common words and dates among the name candidates
        pairs = compress(pairs, found)
    occurrences: dict[str, int] = {}
    rarest: dict[str, float] = {}  # two flat dicts, filled in step: keys in the same order
    for (key, rarity), n in pairs:
        if key in occurrences:
            occurrences[key] += n
            rarest[key] = min(rarest[key], rarity)
        else:
            occurrences[key] = n
            rarest[key] = rarity
    sublinear = map(_SUBLINEAR.__getitem__, occurrences.values())
    weights = dict(zip(occurrences, map(mul, sublinear, rarest.values())))
    top = heaviest_first(weights)[:MAX_TERMS]
    heaviest = list(map(weights.__getitem__, top))
    norm = math.sqrt(sum(map(mul, heaviest, heaviest)))
    return dict(zip(top, map(truediv, heaviest, repeat(norm)))) if norm else {}


def _sublinear(n: int) -> float:
    """1 + log n: a word said twice is not twice as telling."""
    return 1.0 + math.log(n)


_SUBLINEAR: Memo[int, float] = Memo(_sublinear, 4096)  # a dict lookup, not a call, per key


def heaviest_first(vector: Vector) -> list[str]:
    """Keys by descending weight; ties keep insertion order, which is deterministic."""
    return sorted(vector, key=vector.__getitem__, reverse=True)
