"""Whether the story's sentences state a written sentence: the check on a model's summary.

A model's citations are claims to check, not provenance. A written sentence stands when the
sentences it cites (or, failing those, the one or two story sentences that hold most of its
words: models misnumber, and a summary sentence often joins two facts) hold most of its content
words and every figure it gives, and when every name it uses is one the model was shown.
`bench/grounding.py` measures the rules on human summaries and on altered copies of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.model import Sentence
from storyline.summarize.concepts import content_stems
from storyline.text.tokens import word_tokens

# Share of a written sentence's content words that its sources must hold. A faithful paraphrase
# keeps the names, figures and most nouns and verbs of what it restates; a sentence most of whose
# words its sources lack is saying something else.
GROUNDED = 0.5
# Source sentences one written sentence may rest on when its own citations fall short. Two keep
# 41% of the sentences of Multi-News's human summaries against 27% for one, and let through
# about one altered sentence in a hundred either way; three keep 43% and let more through.
MAX_FUSED = 2
MIN_ADDED = 2  # content words a second sentence must add to count as a source of it
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")
# Numbers a writer spells out or puts in digits ("four people", "4 people"): one figure either
# way. "One" is left out of what a written sentence is asked for: "one of", "no one".
_SPELT = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
_SPELT += "fifteen sixteen seventeen eighteen nineteen twenty"
NUMBER_WORDS = {word: str(value) for value, word in enumerate(_SPELT.split())}
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(NUMBER_WORDS)})\b", re.IGNORECASE)
# A capitalised word inside a sentence: not its first word, nor one opening a quotation or a
# clause after a colon. (The text is one sentence, so a full stop inside it ends an abbreviation:
# the name after "Gov. " is checked.)
_NAME = re.compile(r"(?<!^)(?<!:\s)(?<![\"“‘(])\b[A-Z][\w'’-]+")
# Honorifics a writer adds to a name the sources give bare ("Mr. Whitlock" for "Whitlock").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})


@dataclass(frozen=True, slots=True)
class Source:
    """A story sentence as the model sees it: `number` is what its citations name."""

    number: int
    article: str
    sentence: Sentence
    stems: frozenset[str]


class Grounding:
    """The sentences a model was shown, to check each sentence it wrote against them.

    `labels` are the outlets the prompt named; the other arguments turn the rules (for the
    benchmark's comparisons).
    """

    def __init__(
        self,
        sources: Sequence[Source],
        labels: Iterable[str] = (),
        *,
        share: float = GROUNDED,
        fused: int = MAX_FUSED,
        figures: bool = True,
        names: bool = True,
    ) -> None:
        self._sources = tuple(sources)
        self._by_number = {s.number: s for s in sources}
        shown = [*(s.sentence.text for s in sources), *labels]
        self._known = set(word_tokens(" ".join(shown))) if names else None
        self._share, self._fused, self._figures = share, fused, figures

    def rests_on(self, text: str, claimed: Sequence[int] = ()) -> list[Source] | None:
        """The sentences that state `text` (those it claims when they do), or None."""
        stems = content_stems(text)
        if not stems or not self._sources or not self._names_shown(text):
            return None
        cited = [self._by_number[n] for n in dict.fromkeys(claimed) if n in self._by_number]
        cited = [s for s in cited if stems & s.stems]
        if self._states(text, stems, cited):
            return cited
        cited = self._best_cover(stems)
        return cited if self._states(text, stems, cited) else None

    def _names_shown(self, text: str) -> bool:
        """Whether every name the text uses was in what the model read: a person or place the
        story never mentions did not come from it."""
        if self._known is None:
            return True
        return all(
            token in self._known or token in HONORIFICS
            for name in _NAME.findall(text)
            for token in word_tokens(name)
        )

    def _best_cover(self, stems: frozenset[str]) -> list[Source]:
        """Up to `fused` sentences that hold most of the stems, greedily; ties: the earliest."""
        chosen: list[Source] = []
        covered: frozenset[str] = frozenset()
        for _ in range(self._fused):
            best = max(self._sources, key=lambda s: (len((stems & s.stems) - covered), -s.number))
            added = (stems & best.stems) - covered
            if len(added) < (MIN_ADDED if chosen else 1):
                break
            chosen.append(best)
            covered |= added
        return chosen

    def _states(self, text: str, stems: frozenset[str], cited: Sequence[Source]) -> bool:
        """Whether the cited sentences hold most of the text's content words and all its figures."""
        if not cited:
            return False
        held = frozenset().union(*(s.stems for s in cited))
        if len(stems & held) < self._share * len(stems):
            return False
        if not self._figures:
            return True
        stated = set().union(*(_figures(s.sentence.text) for s in cited))
        return _figures(text, spelt_one=False) <= stated


def _figures(text: str, *, spelt_one: bool = True) -> set[str]:
    """The figures of a text in digits, spelt-out numbers up to twenty included."""
    spelt = (NUMBER_WORDS[w.lower()] for w in _NUMBER_WORD.findall(text))
    return {_figure(f) for f in _FIGURE.findall(text)} | {n for n in spelt if spelt_one or n != "1"}


def _figure(digits: str) -> str:
    """One spelling of a figure: "5,400" and "5400" are one; a full stop after it is not part."""
    return digits.replace(",", "").rstrip(".")
