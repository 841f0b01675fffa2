"""Citations by alignment: every article sentence that states what a summary sentence states."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from storyline.model import Citation, Document, Sentence
from storyline.summarize.concepts import Unit, content_stems
from storyline.text.figures import other_amounts, sentence_figures
from storyline.text.opposites import opposed

# Cosine of content-word sets at or above which two sentences are taken to state the same thing:
# paraphrases of one fact share most names, numbers and verbs; different facts rarely pass half.
SAME_STATEMENT = 0.5


def restatements(stems: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of sentences that state the same thing: a summary needs only one of each."""
    return [
        (i, j)
        for i in range(len(stems))
        for j in range(i + 1, len(stems))
        if _cosine(len(stems[i] & stems[j]), stems[i], stems[j]) >= SAME_STATEMENT
        and not opposed(stems[i], stems[j])
    ]


def _cosine(overlap: int, left: frozenset[str], right: frozenset[str]) -> float:
    """Cosine similarity of two sets given the size of their intersection."""
    return overlap / math.sqrt(len(left) * len(right)) if left and right else 0.0


class Aligner:
    """The story's sentences with their content stems, to find each one's restatements.

    A summary cites only its few chosen sentences: comparing each with every story sentence by
    C-level set operations costs less than building an inverted index of all of them first.
    """

    def __init__(self, article_ids: Sequence[str], documents: Mapping[str, Document]) -> None:
        self._documents = documents
        stems = {
            (article_id, sentence.index): content_stems(sentence.text)
            for article_id in sorted(article_ids)
            for sentence in documents[article_id].sentences
        }
        # in (article, index) order (keys are unique): the first of equally good restatements is cited
        self._sentences = [(a, i, s, len(s)) for (a, i), s in sorted(stems.items())]

    def citations(self, unit: Unit) -> tuple[Citation, ...]:
        """The unit's own sentence first, then each other article's best restatement, by article id."""
        best: dict[str, tuple[float, int]] = {}
        stems, size = unit.stems, len(unit.stems)
        figures = sentence_figures(unit.text)
        for article_id, index, other, other_size in self._sentences:
            if article_id == unit.article or stems.isdisjoint(other):
                continue  # disjoint: cosine 0, and no intersection built
            score = len(stems & other) / math.sqrt(size * other_size)  # _cosine, inlined
            if (
                score >= SAME_STATEMENT
                and score > best.get(article_id, (0.0, 0))[0]
                and not opposed(stems, other)  # "the centre closed" is not "it opened"
                and not other_amounts(figures, self._figures(article_id, index))  # $316m, $341.2m
            ):
                best[article_id] = (score, index)
        cited = [(unit.article, unit.sentence)] + [
            (a, self._documents[a].sentences[i]) for a, (_, i) in sorted(best.items())
        ]
        return tuple(self._citation(a, s) for a, s in cited)

    def _figures(self, article_id: str, index: int) -> frozenset[str]:
        return sentence_figures(self._documents[article_id].sentences[index].text)

    def _citation(self, article_id: str, sentence: Sentence) -> Citation:
        outlet = self._documents[article_id].article.outlet
        return Citation(article_id, outlet, sentence.index, sentence.start, sentence.end)
