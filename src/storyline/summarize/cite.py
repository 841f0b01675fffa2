"""Citations by alignment: every article sentence that states what a summary sentence states."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from storyline.model import Citation, Document, Sentence
from storyline.summarize.concepts import Unit, content_stems

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
    ]


def _cosine(overlap: int, left: frozenset[str], right: frozenset[str]) -> float:
    """Cosine similarity of two sets given the size of their intersection."""
    return overlap / math.sqrt(len(left) * len(right)) if left and right else 0.0


class Aligner:
    """An inverted index of the story's sentences by content stem, to find restatements quickly."""

    def __init__(self, article_ids: Sequence[str], documents: Mapping[str, Document]) -> None:
        self._documents = documents
        self._stems: dict[tuple[str, int], frozenset[str]] = {}
        self._postings: dict[str, list[tuple[str, int]]] = {}
        for article_id in sorted(article_ids):
            for sentence in documents[article_id].sentences:
                stems = content_stems(sentence.text)
                self._stems[(article_id, sentence.index)] = stems
                for s in stems:  # postings stay in (article, index) order whatever the set order
                    self._postings.setdefault(s, []).append((article_id, sentence.index))

    def citations(self, unit: Unit) -> tuple[Citation, ...]:
        """The unit's own sentence first, then each other article's best restatement, by article id."""
        best: dict[str, tuple[float, int]] = {}
        shared: dict[tuple[str, int], int] = {}
        for s in unit.stems:
            for key in self._postings.get(s, ()):
                shared[key] = shared.get(key, 0) + 1
        for (article_id, index), overlap in sorted(shared.items()):
            if article_id == unit.article:
                continue
            score = _cosine(overlap, unit.stems, self._stems[(article_id, index)])
            if score >= SAME_STATEMENT and score > best.get(article_id, (0.0, 0))[0]:
                best[article_id] = (score, index)
        cited = [(unit.article, unit.sentence)] + [
            (a, self._documents[a].sentences[i]) for a, (_, i) in sorted(best.items())
        ]
        return tuple(self._citation(a, s) for a, s in cited)

    def _citation(self, article_id: str, sentence: Sentence) -> Citation:
        outlet = self._documents[article_id].article.outlet
        return Citation(article_id, outlet, sentence.index, sentence.start, sentence.end)
