"""Concepts a summary should cover: stemmed word bigrams, weighted by the independent origins that state them."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter

from storyline.model import Document, Origin, Sentence
from storyline.settings import SummarizeSettings
from storyline.text.tokens import STOP_WORDS, porter_stem, word_tokens


@dataclass(frozen=True, slots=True)
class Unit:
    """A candidate sentence: where it comes from, its (compressed) text and the concepts it states."""

    article: str
    sentence: Sentence
    text: str
    concepts: frozenset[str]
    stems: frozenset[str]


def sentence_concepts(text: str) -> frozenset[str]:
    """Stemmed bigrams that are not two stop words (Gillick & Favre's concepts), and content stems.

    Bigrams carry who-did-what; single content words add the names and topic words a bigram
    splits differently from one report to the next (+0.4 ROUGE-1 on dev at a third of the weight).
    """
    return _terms(text)[0]


def content_stems(text: str) -> frozenset[str]:
    """Stemmed content words: what alignment compares."""
    return _terms(text)[1]


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Concepts and content stems of a sentence, tokenised once: weighting, selection and citing all ask."""
    infos = list(map(_token, word_tokens(text)))
    words = [info for info in infos if info[2]]
    concepts = {f"{a[0]} {b[0]}" for a, b in pairwise(words) if not (a[1] and b[1])}
    content = set(map(_CONTENT, infos))  # a C-level pass; None stands for "not a content word"
    content.discard(None)
    concepts |= content
    return frozenset(concepts), frozenset(content)


@lru_cache(maxsize=262144)
def _token(token: str) -> tuple[str, bool, bool, str | None]:
    """A token's stem, whether it is a stop word and a word (bigram part), its stem if a content word.

    Cached as one record: a story repeats most tokens, and this halves the cost of `_terms`.
    """
    stop = token in STOP_WORDS
    word = token.isalnum() or token.replace(",", "").isdigit()
    stemmed = porter_stem(token)  # this record is the cache: `stem`'s own would only fill up
    return stemmed, stop, word, None if stop or len(token) < 2 else stemmed


_CONTENT = itemgetter(3)  # a `_token` record's content stem


@dataclass(frozen=True, slots=True)
class StoryConcepts:
    """A story's concept weights, and how much of that weight each article's origin states.

    `prominence` is an origin's stated weight over the top origin's (1.0 for the most central
    report, near 0 for an off-topic page that slipped into the story), keyed by article id.
    """

    weights: dict[str, float]
    prominence: dict[str, float]


def weigh_concepts(
    origins: Sequence[Origin], documents: Mapping[str, Document], settings: SummarizeSettings
) -> StoryConcepts:
    """Weight of each concept: (origins stating it, plus `lead_value - 1` per origin stating it in
    its lead)^`agreement_power`, times `unigram_share` for a single word (settings.py; 1.5, 1.5
    and 0.3, chosen on Multi-News dev and cross-validated by bench/quality_cv.py).

    Counting origins (not articles) makes syndicated copies count once. The early bonus encodes the
    news-writing convention that the lead paragraph carries the story's core facts. When there are
    several origins, a concept only one of them states gets no weight, even in its lead: what one
    report alone says is detail, and dropping it raised ROUGE-2 by one point on the dev data. The
    power favours concepts many origins share over several that few do.
    """
    stated: Counter[str] = Counter()  # origins that state each concept
    early: Counter[str] = Counter()  # origins that state it in a lead sentence
    statements = [
        _origin_concepts(origin, documents, settings.lead_sentences) for origin in origins
    ]
    for lead, anywhere in statements:
        stated.update(anywhere)  # counting whole sets runs in C: the stage's hottest loop
        early.update(lead)
    needed = MIN_ORIGINS if len(origins) > 1 else 1
    lead_bonus = settings.lead_value - 1.0  # read once, not per concept
    power, unigram = settings.agreement_power, settings.unigram_share
    weights = {
        c: (n + lead_bonus * early[c]) ** power * (1.0 if " " in c else unigram)
        for c, n in stated.items()
        if n >= needed
    }
    # fsum: exact whatever the set's (hash-seeded) order; the C-level intersection leaves out the
    # concepts without weight, which add nothing
    keys = weights.keys()
    covered = [math.fsum(map(weights.__getitem__, keys & anywhere)) for _, anywhere in statements]
    top = max(covered, default=0.0)
    prominence = {
        article: share / top if top > 0 else 1.0
        for origin, share in zip(origins, covered, strict=True)
        for article in origin.members
    }
    return StoryConcepts(weights, prominence)


MIN_ORIGINS = 2  # in a story with several origins, what one origin alone states is detail


def _origin_concepts(
    origin: Origin, documents: Mapping[str, Document], lead_sentences: int
) -> tuple[set[str], set[str]]:
    """The concepts one origin states in a lead sentence of any member, and anywhere."""
    lead: set[str] = set()
    anywhere: set[str] = set()
    for article_id in origin.members:
        document = documents.get(article_id)
        if document is None:
            continue
        for sentence in document.sentences:
            concepts = sentence_concepts(sentence.text)
            anywhere.update(concepts)
            if sentence.index < lead_sentences:
                lead.update(concepts)
    return lead, anywhere
