"""A StreamClusterer's state as plain JSON-serialisable data, and back, for the persistent store.

Centroids are saved column-wise: one list of distinct terms, then each centroid's term numbers and
weights as packed arrays with its running norm, so a 100,000-article store's state loads without
parsing a number at a time. Dicts keep their insertion order and centroids their norms as they
were, not recomputed: ties and float sums come out the same, so a loaded clusterer places the
next articles exactly as the one that was saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count, filterfalse, islice
from typing import Any

import numpy as np

from storyline.cluster.features import Features, Vector
from storyline.cluster.index import Centroid, TermIndex
from storyline.cluster.split import Member
from storyline.cluster.stream import EventState, StoryState, StreamClusterer
from storyline.errors import UserError
from storyline.packing import pack, unpack
from storyline.settings import ClusterSettings

STATE_VERSION = 4  # 3: packed centroids with their running norms; 4: young events' members


_STORY_FIELDS = ("id", "seq", "title", "last", "size")  # saved as they are, one list each
_EVENT_FIELDS = ("id", "seq", "story", "last", "size")


def dump_state(clusterer: StreamClusterer) -> dict[str, Any]:
    """Everything needed to continue the stream later; the same stream gives the same dump."""
    terms = _Terms()
    stories, events = list(clusterer.stories.values()), list(clusterer.events.values())
    return {
        "version": STATE_VERSION,
        "clock": clusterer.clock,
        "created": clusterer.created,
        "story_of_event": dict(clusterer.story_of_event),
        "event_alias": dict(clusterer.event_alias),
        "event_of_origin": dict(clusterer.event_of_origin),
        "stories": {
            **{name: [getattr(s, name) for s in stories] for name in _STORY_FIELDS},
            "events": [list(s.events) for s in stories],
            "terms": terms.pack_centroids(s.terms for s in stories),
            "posted": terms.pack_lists(clusterer.story_index.posted(s.id) for s in stories),
        },
        "events": {
            **{name: [getattr(e, name) for e in events] for name in _EVENT_FIELDS},
            "terms": terms.pack_centroids(e.terms for e in events),
            "names": terms.pack_centroids(e.names for e in events),
            "posted": terms.pack_lists(clusterer.event_index.posted(e.id) for e in events),
            "members": terms.pack_members(e.members for e in events),
        },
        "terms": terms.words,
    }


def load_state(state: dict[str, Any], settings: ClusterSettings) -> StreamClusterer:
    """A clusterer that continues from `dump_state`'s output."""
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        found = state.get("version") if isinstance(state, dict) else None
        raise UserError(
            f"cluster state version {found!r} is not {STATE_VERSION}; recluster the corpus to rebuild it"
        )
    clusterer = StreamClusterer(settings)
    clusterer.clock = state["clock"]
    clusterer.created = state["created"]
    clusterer.story_of_event = dict(state["story_of_event"])
    clusterer.event_of_origin = dict(state["event_of_origin"])
    clusterer.event_alias = dict(state["event_alias"])
    words = np.array(state["terms"], dtype=object)
    stories, events = state["stories"], state["events"]
    clusterer.stories = _groups(
        StoryState,
        {name: stories[name] for name in _STORY_FIELDS},
        terms=_centroids(stories["terms"], words),
        events=map(list, stories["events"]),
    )
    clusterer.events = _groups(
        EventState,
        {name: events[name] for name in _EVENT_FIELDS},
        terms=_centroids(events["terms"], words),
        names=_centroids(events["names"], words),
        members=_members(events["members"], words),
    )
    _post(clusterer.story_index, stories, words)
    _post(clusterer.event_index, events, words)
    return clusterer


class _Terms:
    """Numbers the terms of a dump: each distinct term is written once, in first-use order."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self._number: dict[str, int] = {}

    def numbers(self, keys: Iterable[str]) -> list[int]:
        """The numbers of `keys`; new terms get the next ones (no Python step per term)."""
        keys = list(keys)
        number = self._number
        new = dict.fromkeys(filterfalse(number.__contains__, keys))
        number.update(zip(new, count(len(number))))
        self.words.extend(new)
        return list(map(number.__getitem__, keys))

    def pack_lists(self, lists: Iterable[Iterable[str]]) -> dict[str, str]:
        """Term lists as their lengths and the concatenated term numbers."""
        numbered = [self.numbers(keys) for keys in lists]
        return {
            "sizes": pack([len(n) for n in numbered], "<u4"),
            "terms": pack([n for numbers in numbered for n in numbers], "<u4"),
        }

    def pack_vectors(self, vectors: Iterable[Vector]) -> dict[str, str]:
        """Sparse vectors as term lists (in their own order) and weights."""
        vectors = list(vectors)
        return {
            **self.pack_lists(vectors),
            "weights": pack([w for v in vectors for w in v.values()], "<f8"),
        }

    def pack_centroids(self, centroids: Iterable[Centroid]) -> dict[str, str]:
        """Centroids as their sums (`pack_vectors`), norms and squares."""
        centroids = list(centroids)
        return {
            **self.pack_vectors(c.sums for c in centroids),
            "norm": pack([c.norm for c in centroids], "<f8"),
            "square": pack([c.square for c in centroids], "<f8"),
        }

    def pack_members(self, groups: Iterable[list[Member] | None]) -> dict[str, Any]:
        """Each event's young members, column-wise; a settled event (None) counts 0 members."""
        groups = [group or [] for group in groups]
        members = [m for group in groups for m in group]
        return {
            "count": pack([len(group) for group in groups], "<u4"),
            "article": [m.article for m in members],
            "origin": [m.origin for m in members],
            "time": [m.features.time for m in members],
            "terms": self.pack_vectors(m.features.terms for m in members),
            "names": self.pack_vectors(m.features.names for m in members),
        }


def _lists(packed: dict[str, str], words: np.ndarray) -> list[list[str]]:
    """The term lists `_Terms.pack_lists` packed."""
    terms = iter(words[unpack(packed["terms"], "<u4")].tolist())
    return [list(islice(terms, size)) for size in unpack(packed["sizes"], "<u4").tolist()]


def _vectors(packed: dict[str, str], words: np.ndarray) -> list[Vector]:
    """The vectors `_Terms.pack_vectors` packed, terms in their saved order."""
    terms = iter(words[unpack(packed["terms"], "<u4")].tolist())
    weights = iter(unpack(packed["weights"], "<f8").tolist())
    return [
        dict(zip(islice(terms, size), islice(weights, size)))
        for size in unpack(packed["sizes"], "<u4").tolist()
    ]


def _centroids(packed: dict[str, str], words: np.ndarray) -> list[Centroid]:
    """The centroids `_Terms.pack_centroids` packed, sums in their saved order."""
    sums = _vectors(packed, words)
    norms = unpack(packed["norm"], "<f8").tolist()
    squares = unpack(packed["square"], "<f8").tolist()
    return [Centroid(*fields) for fields in zip(sums, norms, squares, strict=True)]


def _members(packed: dict[str, Any], words: np.ndarray) -> list[list[Member] | None]:
    """Each event's members as `_Terms.pack_members` saved them (None for a settled event)."""
    features = map(
        Features,
        _vectors(packed["terms"], words),
        _vectors(packed["names"], words),
        packed["time"],
    )
    members = map(Member, packed["article"], packed["origin"], features)
    return [
        list(islice(members, count)) or None for count in unpack(packed["count"], "<u4").tolist()
    ]


def _groups(kind: type, saved: dict[str, Any], **built: Iterable[Any]) -> dict[str, Any]:
    """Groups (StoryState, EventState) by id, from their saved and rebuilt fields, column-wise."""
    columns = {**saved, **built}
    rows = zip(*columns.values(), strict=True)
    return {group.id: group for group in (kind(**dict(zip(columns, row))) for row in rows)}


def _post(index: TermIndex, saved: dict[str, Any], words: np.ndarray) -> None:
    """Post each saved group under its saved terms."""
    for group_id, keys in zip(saved["id"], _lists(saved["posted"], words), strict=True):
        index.post(group_id, keys)
