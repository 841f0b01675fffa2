"""Running centroids and the inverted index that finds the groups an article could join.

The index maps a term to the groups (events or stories) whose centroid holds it; an article looks
up only its heaviest terms, so the cost of placing one article depends on how many groups share
those terms, not on how long the stream has run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from storyline.cluster.features import Vector, cosine

QUERY_TERMS = 20  # an article looks up the groups sharing its heaviest terms
CANDIDATES = 5  # groups scored in full after the index lookup
CENTROID_TERMS = 300  # a centroid keeps its heaviest terms; the tail is noise and memory


@dataclass(slots=True)
class Centroid:
    """A running sum of unit vectors with its length, pruned to its heaviest terms."""

    sums: Vector = field(default_factory=dict)
    norm: float = 0.0

    @classmethod
    def of(cls, sums: Mapping[str, float]) -> Centroid:
        centroid = cls(dict(sums))
        centroid.norm = math.sqrt(sum(w * w for w in centroid.sums.values()))
        return centroid

    def similarity(self, vector: Vector) -> float:
        """Cosine of a unit vector with this centroid."""
        return cosine(vector, self.sums) / self.norm if self.norm else 0.0

    def unit(self) -> Vector:
        """This centroid scaled to unit length, heaviest terms first."""
        if not self.norm:
            return {}
        ranked = sorted(self.sums.items(), key=lambda kw: (-kw[1], kw[0]))
        return {k: w / self.norm for k, w in ranked}

    def add(self, vector: Mapping[str, float]) -> tuple[list[str], list[str]]:
        """Add a vector; returns (terms new to the centroid, terms dropped by pruning)."""
        added = [key for key in vector if key not in self.sums]
        for key, weight in vector.items():
            self.sums[key] = self.sums.get(key, 0.0) + weight
        dropped: list[str] = []
        if len(self.sums) > 2 * CENTROID_TERMS:
            ranked = sorted(self.sums.items(), key=lambda kw: (-kw[1], kw[0]))
            self.sums = dict(ranked[:CENTROID_TERMS])
            dropped = [key for key, _ in ranked[CENTROID_TERMS:]]
        self.norm = math.sqrt(sum(w * w for w in self.sums.values()))
        return added, dropped


class TermIndex:
    """term -> ids of the groups whose centroid holds it."""

    def __init__(self) -> None:
        self._postings: dict[str, set[str]] = {}

    def update(self, group_id: str, added: Iterable[str], dropped: Iterable[str]) -> None:
        for key in added:
            self._postings.setdefault(key, set()).add(group_id)
        self.remove(group_id, dropped)

    def remove(self, group_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            holders = self._postings.get(key)
            if holders is not None:
                holders.discard(group_id)
                if not holders:
                    del self._postings[key]

    def candidates(self, vector: Vector, centroids: Mapping[str, Centroid]) -> list[str]:
        """Ids of the groups likeliest to match `vector` (heaviest terms first), best first."""
        partial: dict[str, float] = {}
        for key in list(vector)[:QUERY_TERMS]:
            for group_id in self._postings.get(key, ()):
                centroid = centroids[group_id]
                partial[group_id] = partial.get(group_id, 0.0) + centroid.sums[key] / centroid.norm
        ranked = sorted(partial.items(), key=lambda kv: (-kv[1], kv[0]))
        return [group_id for group_id, _ in ranked[:CANDIDATES]]
