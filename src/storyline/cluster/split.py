"""Two camps inside a young event: undoing an early join the stream could not judge at the time.

The first report of a second happening (the same team's next offer, the same agency's next rule)
often meets an event of one to five reports about the first and joins it, because at that size
the two look alike. Once the event has grown, its members can show two camps that are less alike
than reports of one happening are. Such an event is split in two: the camp holding its oldest
member keeps the event.

The camps come from 2-means over the members' blended word and name vectors, computed from two
small Gram matrices (an event is young for at most YOUNG_EVENT members), so a check costs a
fraction of a millisecond and happens only at the doubling sizes where the stream re-checks an
event anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from storyline.cluster.features import Features, Vector

YOUNG_EVENT = 32  # members kept up to this size; a larger event has settled and is never split
MIN_CAMP = 2  # a camp of one is a stray report, not a second happening
FIRST_CHECK = 2 * MIN_CAMP  # the smallest event that can hold two camps: its first split check
_ROUNDS = 10  # 2-means settles in two or three rounds on a few dozen members


@dataclass(frozen=True, slots=True)
class Member:
    """One origin's report in a young event, as the clusterer saw it."""

    article: str  # the document that brought this origin in
    origin: str
    features: Features


def two_camps(
    members: Sequence[Member], name_weight: float, threshold: float
) -> tuple[list[int], list[int]] | None:
    """Member indices of two camps less alike than `threshold`, the oldest member's first; or None.

    Likeness is the blended cosine the stream joins by: (1 - name_weight) x word cosine +
    name_weight x name cosine, here between the two camps' centroids.
    """
    if len(members) < FIRST_CHECK:
        return None
    grams = (_gram([m.features.terms for m in members]), _gram([m.features.names for m in members]))
    weights = (1.0 - name_weight, name_weight)
    camp = _two_means(grams, weights)
    if camp is None:
        return None
    first, second = np.flatnonzero(~camp), np.flatnonzero(camp)
    if min(len(first), len(second)) < MIN_CAMP:
        return None
    likeness = sum(
        weight * _centroid_cosine(gram, first, second)
        for gram, weight in zip(grams, weights, strict=True)
    )
    return (first.tolist(), second.tolist()) if likeness < threshold else None


def _gram(vectors: Sequence[Vector]) -> np.ndarray:
    """Dot products of every pair of sparse vectors, through one small dense matrix."""
    keys = list(chain.from_iterable(vectors))
    columns = {key: n for n, key in enumerate(dict.fromkeys(keys))}
    dense = np.zeros((len(vectors), max(1, len(columns))))
    rows = np.repeat(np.arange(len(vectors)), [len(v) for v in vectors])
    dense[rows, list(map(columns.__getitem__, keys))] = list(
        chain.from_iterable(v.values() for v in vectors)
    )
    return dense @ dense.T


def _two_means(grams: tuple[np.ndarray, ...], weights: tuple[float, ...]) -> np.ndarray | None:
    """A boolean mask of the second camp, or None when every member falls in one camp.

    Seeds: the oldest member, and the member least like it. Ties go to the oldest member's camp,
    so the result does not depend on anything but the members and their order.
    """
    likeness = sum(w * g for g, w in zip(grams, weights, strict=True))
    far = int(np.argmin(likeness[0, 1:])) + 1
    camp = likeness[far] > likeness[0]
    for _ in range(_ROUNDS):
        if camp.all() or not camp.any():
            return None
        pulls = [
            sum(w * _pull(g, mask) for g, w in zip(grams, weights, strict=True))
            for mask in (~camp, camp)
        ]
        moved = pulls[1] > pulls[0]
        if (moved == camp).all() or moved.all() or not moved.any():
            break
        camp = moved
    return camp


def _pull(gram: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Cosine of every member with the centroid of the masked members (0 for an empty centroid)."""
    sums = gram[:, mask].sum(axis=1)
    norm = np.sqrt(max(float(sums[mask].sum()), 0.0))
    return sums / norm if norm else np.zeros(len(sums))


def _centroid_cosine(gram: np.ndarray, first: np.ndarray, second: np.ndarray) -> float:
    """Cosine of the two camps' centroids (0 when either has no weight)."""
    cross = float(gram[np.ix_(first, second)].sum())
    norms = float(gram[np.ix_(first, first)].sum()) * float(gram[np.ix_(second, second)].sum())
    return cross / np.sqrt(norms) if norms > 0 else 0.0
