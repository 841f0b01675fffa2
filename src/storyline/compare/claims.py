"""Claims: sentences from different origins that state the same thing.

Similarity is TF-IDF cosine over stemmed content words, raised when two sentences share a
figure or a name, so "5,400 dead" in two wordings still meets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from storyline.compare.grouping import group_pairs
from storyline.compare.units import (
    Unit,
    first_published,
    shown,
    statement_words,
    support,
    without_repeats,
)
from storyline.memo import Memo
from storyline.model import Claim
from storyline.settings import CompareSettings
from storyline.text.context import leans_on_context
from storyline.text.datelines import drop_dateline
from storyline.text.figures import other_amounts, sentence_figures
from storyline.text.furniture import is_page_furniture
from storyline.text.opposites import opposed
from storyline.text.tokens import content_words, stem

_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b")
# A statement ends as a sentence does. A line without a full stop is a heading, a caption, a list
# item or page furniture ("(AP Photo/...)", "Stars: Saoirse Ronan, ..."); one that trails off
# ("...", "…") was cut short by the page; a question asks rather than states.
_SENTENCE_END = re.compile(r"(?:(?<!\.)\.|!)[\s\"”’')\]]*$")  # spaces: '... clear. "'
FIGURE_BONUS = 0.1  # a shared figure is strong evidence of one statement
NAME_BONUS = 0.1  # scaled by the share of names in common


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Indices into the story's units that state one thing; `wording` is the clearest of them."""

    members: tuple[int, ...]
    wording: int


def claim_groups(units: Sequence[Unit], settings: CompareSettings) -> list[ClaimGroup]:
    """Groups of statement sentences, from different articles, that state the same thing."""
    eligible = [
        i
        for i, u in enumerate(units)
        if u.sentence.index < settings.max_claim_sentences
        and len(statement_words(u.sentence.text)) >= settings.min_claim_words
        and (u.sentence.index == 0 or _SENTENCE_END.search(u.sentence.text))
        and not is_page_furniture(u.sentence.text)
    ]
    eligible = without_repeats(units, eligible)
    if not eligible:
        return []
    texts = [units[i].sentence.text for i in eligible]
    similarity = _similarity(texts)
    floor = settings.claim_threshold - FIGURE_BONUS - NAME_BONUS
    scores = sparse.triu(similarity, k=1).tocoo()
    close = scores.data >= floor  # filtered in numpy: most pairs of a story share a word or two
    near = list(zip(scores.row[close].tolist(), scores.col[close].tolist()))
    # a sentence's anchors and stems are found when a pair first asks: most sentences are in none
    anchors = Memo(lambda k: _anchors(texts[k]), len(texts) + 1)
    stems = Memo(lambda k: frozenset(_stems(texts[k])), len(texts) + 1)
    pairs = []
    for (a, b), cosine in zip(near, scores.data[close].tolist()):
        if units[eligible[a]].article == units[eligible[b]].article:
            continue
        score = cosine + _bonus(anchors[a], anchors[b])
        # "the centre closed" does not agree with "it opened", nor "$316 million" with "$341.2m"
        if (
            score >= settings.claim_threshold
            and not opposed(stems[a], stems[b])
            and not other_amounts(anchors[a][0], anchors[b][0])
        ):
            pairs.append((score, a, b))
    # Every member must be at least loosely like every other (the floor a bonus can lift to a
    # pair): in a chain, a ferry timetable joined a bridge's opening year through a sentence
    # naming both banks of the river. (A set of the close pairs: indexing the sparse matrix
    # element by element had taken a quarter of the claims' time.)
    loosely_alike = set(near)
    origins = [units[i].origin for i in eligible]
    groups = group_pairs(
        [units[i].article for i in eligible],
        pairs,
        lambda a, b: (min(a, b), max(a, b)) in loosely_alike,
    )
    return [
        ClaimGroup(
            tuple(eligible[k] for k in group),
            eligible[_wording(similarity, group, texts, origins, anchors)],
        )
        for group in groups
    ]


def build_claims(units: Sequence[Unit], groups: Sequence[ClaimGroup]) -> list[Claim]:
    """One Claim per group, worded by its most central sentence; most supported first, then the
    earliest stated in any article (news puts its main facts first, and a digest lists only the
    first few), then in story order.

    A wording that leaves its speaker to the article ("..., she said", a quote that goes on from
    the sentence before) names them, as summary sentences do: listed on its own, it would not.
    """
    claims = []
    for group in groups:
        members = [units[i] for i in group.members]
        text, speaker = shown(units[group.wording])
        claims.append(
            Claim(
                text,
                tuple(u.citation for u in members),
                support(members),
                tuple(dict.fromkeys(u.origin for u in members)),
                first_published(members),
                speaker,
            )
        )
    earliest = [min(units[i].sentence.index for i in group.members) for group in groups]
    order = sorted(
        range(len(claims)),
        key=lambda k: (-claims[k].support, earliest[k], groups[k].members[0]),
    )
    return [claims[k] for k in order]


def _similarity(texts: Sequence[str]) -> sparse.csr_matrix:
    """Sparse cosine similarity of stemmed content-word TF-IDF vectors."""
    # Imported here: scikit-learn loads SciPy's statistics, most of a second that the store's
    # listing commands, which import this module but compare nothing, would wait for.
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(analyzer=_stems, sublinear_tf=True).fit_transform(texts)
    return (matrix @ matrix.T).tocsr()


def _stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def _anchors(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The sentence's figures and capitalised names inside it."""
    names = frozenset(m.group(0).lower() for m in _NAME.finditer(text))
    return sentence_figures(text), names


def _bonus(
    a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]
) -> float:
    figures = FIGURE_BONUS if a[0] & b[0] else 0.0
    union = a[1] | b[1]
    names = NAME_BONUS * len(a[1] & b[1]) / len(union) if union else 0.0
    return figures + names


def _wording(
    similarity: sparse.csr_matrix,
    group: Sequence[int],
    texts: Sequence[str],
    origins: Sequence[str],
    anchors: Memo[int, tuple[frozenset[str], frozenset[str]]],
) -> int:
    """The member that words the claim best: one that stands on its own and ends as a sentence
    does, and of those the one the others state most of (then the most similar to them; then the
    first). Shown alone, "He was bleeding profusely and died at the scene" says less than "Fabio
    Sementilli, 49, died at the scene", and a headline ("Man charged with arson over Waitrose
    fire") less than the report's sentence (in Multi-News dev and ECB+, 72 of 2,589 agreed claims
    had been worded by a line without a full stop while a member had one).

    A claim is shown as what its origins agree on, so its wording should say no more than they
    do: a lead that adds "for at least three months" or a figure of its own to what the others
    report is not what they all state (see `_agreed_share`)."""
    standalone = [k for k in group if not leans_on_context(texts[k])] or list(group)
    standalone = [k for k in standalone if _SENTENCE_END.search(texts[k])] or standalone
    if len(standalone) < 2:
        return standalone[0]
    # the words it is shown with: where a report was filed is not what it states
    words = {k: frozenset(_stems(drop_dateline(texts[k]))) for k in group}
    figures = {k: anchors[k][0] for k in group}
    centrality = np.asarray(similarity[standalone][:, group].sum(axis=1)).ravel().tolist()
    ranks = {
        k: (_agreed_share(k, words, figures, origins), score, -position)
        for position, (k, score) in enumerate(zip(standalone, centrality, strict=True))
    }
    return max(standalone, key=ranks.__getitem__)


def _agreed_share(
    member: int,
    words: Mapping[int, frozenset[str]],
    figures: Mapping[int, frozenset[str]],
    origins: Sequence[str],
) -> tuple[bool, float]:
    """Whether other origins' members state every figure of `member`, and the mean share of its
    content words each of them states (`words` and `figures` hold every member of the group). A
    syndicated copy restates its origin word for word: it is no second voice agreeing.

    Of the 2,588 agreed claims of Multi-News dev and ECB+, 294 had been worded by a sentence
    holding a figure no other member states; 136 are left, in groups where every standalone
    member holds one (bench/comparison_counts.py).
    """
    others = [k for k in words if origins[k] != origins[member]]
    others = others or [k for k in words if k != member]  # a group of one origin's copies
    every_figure_shared = figures[member] <= frozenset().union(*map(figures.__getitem__, others))
    own = words[member]
    if not own:
        return every_figure_shared, 1.0
    shares = (len(own & words[k]) / len(own) for k in others)
    return every_figure_shared, math.fsum(shares) / len(others)
