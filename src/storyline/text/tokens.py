"""Word tokens and normalisation shared by every stage that compares or weighs text."""

from __future__ import annotations

import importlib.util
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer  # PyStemmer: Snowball's C Porter stemmer

# Words, numbers with thousands separators or decimals ("5,400", "2.5"), and dotted
# abbreviations ("U.N.") kept whole: the tokens of
#     (?:[A-Za-z]\.){2,} | \d+(?:[.,]\d+)* | \w+(?:['’]\w+)*
# written to start with one \w, which lets the regex engine skip to the next word character in C
# (an alternation cannot), then a lookbehind picks the branch; possessive repeats never backtrack.
# Same tokens, about a quarter faster (tests/test_tokens.py compares the two).
_TOKEN = re.compile(
    r"\w(?:(?<=\d)\d*+(?:[.,]\d+)*+|(?<=[A-Za-z])\.(?:[A-Za-z]\.)++|\w*+(?:['’]\w++)*+)",
    re.UNICODE,
)

# The original Porter algorithm in C, 35x faster than NLTK's pure-Python PorterStemmer (0.3 against
# 11 us a word), which took a fifth of a summary's time. NLTK's variant, which ROUGE uses, differs on
# 2% of news words ("always": "alway" vs "alwai"); storyline only compares its own stems with each
# other, so one consistent stemmer is all it needs (ROUGE-2 15.74 -> 15.68 on Multi-News dev).
_STEMMERS = threading.local()  # a PyStemmer object must not be shared between threads


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from its module file without importing scikit-learn.

    Importing any part of scikit-learn loads its base classes and SciPy's statistics: a second of
    start-up for every command, most of which never fit a model.
    """
    package = importlib.util.find_spec("sklearn")
    if package is None or package.origin is None:
        raise ImportError("scikit-learn is not installed")
    path = Path(package.origin).parent / "feature_extraction" / "_stop_words.py"
    spec = importlib.util.spec_from_file_location("storyline_sklearn_stop_words", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"scikit-learn's stop words are not at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # one assignment: ENGLISH_STOP_WORDS = frozenset([...])
    return frozenset(module.ENGLISH_STOP_WORDS)


STOP_WORDS: frozenset[str] = _english_stop_words() | {"said", "says", "say", "told"}
# Nouns, verbs and adjectives scikit-learn's list holds ("fire", "bill", "system"). Every stage
# keeps the list whole, as its thresholds were chosen with it (summary concepts with these as
# content words: see the README's experiments); a rule that looks for what a sentence is about
# needs them.
CONTENT_IN_STOP_LIST = frozenset({
    "bill", "fire", "system", "interest", "side", "top", "bottom", "front", "cry", "call",
    "describe", "detail", "empty", "fill", "mill", "move", "name", "part", "serious", "show",
    "sincere", "thick", "thin", "amount", "full", "found", "find",
})  # fmt: skip


# Characters that take no room on the page and break a word in two for every tokenizer: zero-width
# space, word joiner, a BOM inside the text, soft hyphen ("the\u200bir", "re\u00adport"). Joiners
# (U+200C, U+200D) shape some scripts and emoji, and stay. A `str.translate` table.
WORD_BREAKING_INVISIBLES = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))


def normalize(text: str) -> str:
    """NFKC, typographic quotes and dashes folded to ASCII, lower case."""
    if text.isascii():  # both steps leave ASCII unchanged: skip them for most news text
        return text.lower()
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_FOLD).lower()


_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


# Marks stripped from a whitespace-split word to ask about the word itself (its case, whether
# it is a lower-case content word).
WORD_EDGE_MARKS = "\"“”‘’'.,;:!?()[]—–-"


def word_tokens(text: str) -> list[str]:
    """Normalised word tokens; dotted abbreviations lose their dots ("U.N." -> "un")."""
    normalized = normalize(text)
    tokens = _TOKEN.findall(normalized)
    if normalized.count(".") < 2:  # a dotted abbreviation has two dots: most sentences have one
        return tokens
    # Only a dotted abbreviation ends on a dot: numbers end on a digit, words on a letter.
    return [tok.replace(".", "") if tok[-1] == "." else tok for tok in tokens]


def content_words(text: str) -> list[str]:
    """Word tokens minus stop words and one-letter tokens (numbers are kept)."""
    return content_only(word_tokens(text))


def content_only(words: list[str]) -> list[str]:
    """The content words among word tokens: no stop words, no one-letter tokens but digits."""
    return [t for t in words if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-case word, cached: news vocabularies repeat a lot."""
    return porter_stem(word)


def porter_stem(word: str) -> str:
    """`stem` without its cache, for a caller that caches a record of its own per token."""
    stemmer = getattr(_STEMMERS, "porter", None)
    if stemmer is None:
        stemmer = _STEMMERS.porter = Stemmer.Stemmer("porter")
    return stemmer.stemWord(word)
