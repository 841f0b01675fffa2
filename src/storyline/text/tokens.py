"""Word tokens and normalisation shared by every stage that compares or weighs text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nltk.stem.porter import PorterStemmer  # nltk comes with rouge-score; ROUGE's own stemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Words, numbers with thousands separators or decimals ("5,400", "2.5"), and dotted
# abbreviations ("U.N.") kept whole.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)*|\w+(?:['’]\w+)*", re.UNICODE)

_PORTER = PorterStemmer()

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told"}


def normalize(text: str) -> str:
    """NFKC, typographic quotes and dashes folded to ASCII, lower case."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_FOLD).lower()


_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def word_tokens(text: str) -> list[str]:
    """Normalised word tokens; dotted abbreviations lose their dots ("U.N." -> "un")."""
    normalized = normalize(text)
    tokens = _TOKEN.findall(normalized)
    if "." not in normalized:
        return tokens
    # Only a dotted abbreviation ends on a dot: numbers end on a digit, words on a letter.
    return [tok.replace(".", "") if tok[-1] == "." else tok for tok in tokens]


def content_words(text: str) -> list[str]:
    """Word tokens minus stop words and one-letter tokens (numbers are kept)."""
    return [t for t in word_tokens(text) if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem (the same stemmer ROUGE uses), cached: news vocabularies repeat a lot."""
    return _PORTER.stem(word)
