"""Running centroids and the inverted index that finds the groups an article could join.

The index maps a term to the groups (events or stories) posted under it. A group is posted under
the heaviest terms of each article that joins it (its "signature"), not under every term of its
centroid: an article looks up only its own heaviest terms, so the two meet on what matters, and a
join costs QUERY_TERMS postings instead of one per centroid term. The cost of placing an article
depends on how many groups share its heaviest terms, not on how long the stream has run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from operator import mul

from storyline.cluster.features import Vector, cosine, heaviest_first

QUERY_TERMS = 20  # an article looks up, and a group is posted under, its heaviest terms
CANDIDATES = 5  # groups scored in full after the index lookup
CENTROID_TERMS = 300  # a centroid keeps its heaviest terms; the tail is noise and memory


@dataclass(slots=True)
class Centroid:
    """A running sum of unit vectors with its length, pruned to its heaviest terms.

    The squared length is kept up to date from the terms an addition touches, so adding a
    150-term article to a 600-term centroid costs 150 steps, not 600.
    """

    sums: Vector = field(default_factory=dict)
    norm: float = 0.0
    square: float = 0.0

    @classmethod
    def of(cls, sums: Mapping[str, float]) -> Centroid:
        centroid = cls(dict(sums))
        centroid._measure()
        return centroid

    def similarity(self, vector: Vector) -> float:
        """Cosine of a unit vector with this centroid."""
        return cosine(vector, self.sums) / self.norm if self.norm else 0.0

    def unit(self) -> Vector:
        """This centroid scaled to unit length, heaviest terms first."""
        if not self.norm:
            return {}
        sums, norm = self.sums, self.norm
        return {k: sums[k] / norm for k in heaviest_first(sums)}

    def add(self, vector: Mapping[str, float]) -> list[str]:
        """Add a vector; returns the terms dropped by pruning."""
        sums, square = self.sums, self.square
        if sums:
            for key, weight in vector.items():
                old = sums.get(key, 0.0)
                new = old + weight
                sums[key] = new
                square += new * new - old * old
        else:  # a new group's first report (two adds in five): the loop's result, without a loop
            sums.update(vector)
            weights = list(vector.values())
            square = sum(map(mul, weights, weights), square)  # w*w - 0*0 is w*w: the same bits
        if len(sums) <= 2 * CENTROID_TERMS:  # prune in batches: one sort per CENTROID_TERMS terms
            self.square = square
            self.norm = math.sqrt(max(square, 0.0))
            return []
        ranked = heaviest_first(sums)
        kept = ranked[:CENTROID_TERMS]
        self.sums = dict(zip(kept, map(sums.__getitem__, kept)))
        self._measure()  # exact again after pruning: no drift accumulates
        return ranked[CENTROID_TERMS:]

    def _measure(self) -> None:
        weights = list(self.sums.values())
        self.square = math.fsum(map(mul, weights, weights))
        self.norm = math.sqrt(self.square)


class TermIndex:
    """term -> ids of the groups posted under it, and each group's posted terms."""

    def __init__(self) -> None:
        self._postings: dict[str, set[str]] = {}
        self._posted: dict[str, set[str]] = {}

    def post(self, group_id: str, keys: Iterable[str]) -> None:
        """Post a group under `keys` (it may already be under some)."""
        posted = self._posted.setdefault(group_id, set())
        for key in keys:
            if key not in posted:
                posted.add(key)
                self._postings.setdefault(key, set()).add(group_id)

    def unpost(self, group_id: str, keys: Iterable[str]) -> None:
        """Take a group off `keys` (those it is not under are ignored)."""
        posted = self._posted.get(group_id)
        if not posted:
            return
        for key in keys:
            if key in posted:
                posted.discard(key)
                self._off(key, group_id)

    def drop(self, group_id: str) -> None:
        """Take a group out of the index altogether."""
        for key in self._posted.pop(group_id, ()):
            self._off(key, group_id)

    def absorb(self, survivor_id: str, absorbed_id: str) -> None:
        """Move a merged group's postings to the group it merged into."""
        keys = self._posted.get(absorbed_id, set())
        self.drop(absorbed_id)
        self.post(survivor_id, sorted(keys))

    def posted(self, group_id: str) -> list[str]:
        """The terms a group is posted under, sorted (for saved state)."""
        return sorted(self._posted.get(group_id, ()))

    def candidates(self, vector: Vector, centroids: Mapping[str, Centroid]) -> list[str]:
        """Ids of the groups likeliest to match `vector` (heaviest terms first), best first."""
        partial: dict[str, float] = {}
        for key in signature(vector):
            for group_id in self._postings.get(key, ()):
                centroid = centroids[group_id]
                share = centroid.sums.get(key, 0.0) / centroid.norm
                partial[group_id] = partial.get(group_id, 0.0) + share
        ranked = sorted(partial.items(), key=lambda kv: (-kv[1], kv[0]))
        return [group_id for group_id, _ in ranked[:CANDIDATES]]

    def _off(self, key: str, group_id: str) -> None:
        holders = self._postings.get(key)
        if holders is not None:
            holders.discard(group_id)
            if not holders:
                del self._postings[key]


def signature(vector: Vector) -> list[str]:
    """The heaviest terms of a unit vector (its keys come heaviest first): what it is posted under."""
    return list(islice(vector, QUERY_TERMS))
