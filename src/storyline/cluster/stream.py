"""Incremental story clustering: each new article joins an event (inside a story) or starts one.

How to use it (the store calls this for every new article, in placement order):

    clusterer = StreamClusterer(settings.cluster)            # or StreamClusterer.from_state(saved, ...)
    assignment = clusterer.add(document, origin_id)           # Assignment(story_id, event_id, merged)
    clusterer.add(document, origin_id, featurize(document))  # the same, features computed elsewhere
    clusterer.story_of(event_id)                              # an event's story now
    saved = clusterer.state()                                 # JSON-serialisable; save it anywhere

How an article is placed:
- A syndicated copy (an origin already seen) goes where its origin went: copies are one report.
- Events first: the article is compared with the active events sharing its heaviest terms (an
  inverted index, so the cost per article does not grow with the stream). Event similarity blends
  word cosine with name/figure cosine (`name_weight`): which happening, not only which kind. It
  joins the best event at or above `event_threshold` whose last report is at most
  `event_window_days` before it: a statement days later is a new event.
- Otherwise it starts an event, inside the most similar active story at or above
  `story_threshold` (word cosine with the story centroid, halved every `decay_days` of gap;
  stories last reported more than `window_days` before are not candidates), or a new story.
- Stories grow together: when an event reaches 2, 4, 8, ... articles, its centroid (steadier than
  any one article) is compared with the other stories; at or above `merge_threshold` the two
  stories become one. Then with the other events of its story: at or above `fold_threshold`
  (centroids agree more than single articles do, so this is stricter) the two events become
  one. The older story or event keeps its id and `Assignment.merged` lists the ids folded into
  it, so a store can relabel their articles (or ask `event_of` / `story_of`).
- An undated article is placed by content alone: no window, no decay, and it never moves a clock.
  Stories go inactive (kept out of the index) once the newest dated article is `window_days` past
  their last one.

Ids are stable: a story or event is named after the article that started it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.cluster.features import Features, Vector, featurize
from storyline.cluster.index import Centroid, TermIndex, signature
from storyline.model import Document, stable_id
from storyline.settings import ClusterSettings


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went.

    `merged` lists the story and event ids ("s-..", "e-..") this article's arrival folded into
    story_id and event_id: a store relabels their articles.
    """

    story_id: str
    event_id: str
    merged: tuple[str, ...] = ()


@dataclass(slots=True)
class EventState:
    id: str
    seq: int  # creation order: the older event survives a merge
    story: str
    terms: Centroid = field(default_factory=Centroid)
    names: Centroid = field(default_factory=Centroid)
    last: float | None = None
    size: int = 0


@dataclass(slots=True)
class StoryState:
    id: str
    seq: int  # creation order: the older story survives a merge
    title: str
    terms: Centroid = field(default_factory=Centroid)
    last: float | None = None
    size: int = 0
    events: list[str] = field(default_factory=list)


class StreamClusterer:
    """Stories and events over a stream of articles taken one at a time (see the module doc)."""

    def __init__(self, settings: ClusterSettings) -> None:
        self.settings = settings
        self.stories: dict[str, StoryState] = {}  # active stories
        self.events: dict[str, EventState] = {}  # events of active stories
        self.story_index = TermIndex()
        self.event_index = TermIndex()
        self.story_of_event: dict[str, str] = {}  # every event ever -> its story now
        self.event_of_origin: dict[str, str] = {}
        self.event_alias: dict[str, str] = {}  # folded event -> the event it was folded into
        self.clock: float | None = None  # the newest dated article seen
        self.created = 0  # stories started so far

    def add(
        self, document: Document, origin_id: str, features: Features | None = None
    ) -> Assignment:
        """Place one article; its origin's earlier placement wins for syndicated copies.

        `features` may be `featurize(document)` computed ahead, in another process: it depends on
        the document alone, so a pipeline can spread that work over cores.
        """
        known = self.event_of_origin.get(origin_id)
        if known is not None:
            known = self.event_of(known)
            return Assignment(self.story_of_event[known], known)
        features = featurize(document) if features is None else features
        if features.time is not None:
            self._advance(features.time)
        event = self._best_event(features)
        if event is None:
            story = self._best_story(features.terms, features.time, exclude="")
            story = story or self._new_story(document)
            event = self._new_event(story, document)
        story = self.stories[event.story]
        self._join(story, event, features)
        story.title = story.title or document.article.title
        self.event_of_origin[origin_id] = event.id
        merged: tuple[str, ...] = ()
        if _is_checkpoint(event.size):
            terms = event.terms.unit()  # linking stories does not change the event: one unit vector
            merged = self._link(event, terms)
            event, folded = self._fold(event, terms)
            merged += folded
        return Assignment(self.story_of_event[event.id], event.id, merged)

    def state(self) -> dict[str, Any]:
        """Everything needed to continue later, as plain JSON-serialisable data."""
        from storyline.cluster.state import dump_state  # state.py builds on this module

        return dump_state(self)

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: ClusterSettings) -> StreamClusterer:
        """A clusterer that continues from `state()`'s output."""
        from storyline.cluster.state import load_state

        return load_state(state, settings)

    def event_of(self, event_id: str) -> str:
        """The event an event id stands for now (itself, or the event it was folded into)."""
        while event_id in self.event_alias:
            event_id = self.event_alias[event_id]
        return event_id

    def story_of(self, event_id: str) -> str:
        """The story an event belongs to now (after any merges)."""
        return self.story_of_event[self.event_of(event_id)]

    def _advance(self, time: float) -> None:
        """Move the clock forward and retire stories that fell out of the window."""
        if self.clock is not None and time <= self.clock:
            return
        self.clock = time
        horizon = time - self.settings.window_days
        for story in [s for s in self.stories.values() if s.last is not None and s.last < horizon]:
            self._retire(story)

    def _retire(self, story: StoryState) -> None:
        self.story_index.drop(story.id)
        del self.stories[story.id]
        for event_id in story.events:
            del self.events[event_id]
            self.event_index.drop(event_id)

    def _best_event(self, features: Features) -> EventState | None:
        """The most similar recent event at or above the event threshold, if any."""
        best, best_score = None, self.settings.event_threshold
        for event_id in self.event_index.candidates(features.terms, _TermsView(self.events)):
            event = self.events[event_id]
            if _gap(features.time, event.last) > self.settings.event_window_days:
                continue
            score = self._event_score(event, features.terms, features.names)
            if score >= best_score:
                best, best_score = event, score
        return best

    def _event_score(self, event: EventState, terms: Vector, names: Vector) -> float:
        """Blend of word and name/figure cosine: which happening, not only which kind."""
        words = event.terms.similarity(terms)
        weight = self.settings.name_weight
        return (1.0 - weight) * words + weight * event.names.similarity(names)

    def _best_story(
        self, terms: Vector, time: float | None, exclude: str, threshold: float | None = None
    ) -> StoryState | None:
        """The most similar active story (other than `exclude`) at or above the threshold."""
        best = None
        best_score = self.settings.story_threshold if threshold is None else threshold
        for story_id in self.story_index.candidates(terms, _TermsView(self.stories)):
            story = self.stories[story_id]
            gap = _gap(time, story.last)
            if story_id == exclude or gap > self.settings.window_days:
                continue
            score = story.terms.similarity(terms) * 0.5 ** (gap / self.settings.decay_days)
            if score >= best_score:
                best, best_score = story, score
        return best

    def _link(self, event: EventState, terms: Vector) -> tuple[str, ...]:
        """Merge the event's story with the story its grown centroid (`terms`) matches, if any."""
        own = self.stories[event.story]
        other = self._best_story(terms, event.last, own.id, threshold=self.settings.merge_threshold)
        if other is None:
            return ()
        survivor, absorbed = (own, other) if own.seq < other.seq else (other, own)
        self._merge(survivor, absorbed)
        return (absorbed.id,)

    def _fold(self, event: EventState, terms: Vector) -> tuple[EventState, tuple[str, ...]]:
        """Fold the grown event and the closest other event of its story into one, if close enough.

        `terms` is the event's unit word vector.
        """
        names = event.names.unit()
        best, best_score = None, self.settings.fold_threshold
        for other_id in self.stories[event.story].events:
            other = self.events[other_id]
            if other is event or _gap(event.last, other.last) > self.settings.event_window_days:
                continue
            score = self._event_score(other, terms, names)
            if score >= best_score:
                best, best_score = other, score
        if best is None:
            return event, ()
        survivor, absorbed = (event, best) if event.seq < best.seq else (best, event)
        self.event_index.absorb(survivor.id, absorbed.id)
        self.event_index.unpost(survivor.id, survivor.terms.add(absorbed.terms.sums))
        survivor.names.add(absorbed.names.sums)
        survivor.size += absorbed.size
        survivor.last = _latest(survivor.last, absorbed.last)
        self.stories[event.story].events.remove(absorbed.id)
        del self.events[absorbed.id]
        self.event_alias[absorbed.id] = survivor.id
        return survivor, (absorbed.id,)

    def _merge(self, survivor: StoryState, absorbed: StoryState) -> None:
        self.story_index.absorb(survivor.id, absorbed.id)
        del self.stories[absorbed.id]
        self.story_index.unpost(survivor.id, survivor.terms.add(absorbed.terms.sums))
        for event_id in absorbed.events:
            self.events[event_id].story = survivor.id
            self.story_of_event[event_id] = survivor.id
        survivor.events.extend(absorbed.events)
        survivor.size += absorbed.size
        survivor.last = _latest(survivor.last, absorbed.last)
        survivor.title = survivor.title or absorbed.title

    def _new_story(self, document: Document) -> StoryState:
        story = StoryState(
            stable_id(document.id, prefix="s-"), self.created, document.article.title
        )
        self.created += 1
        self.stories[story.id] = story
        return story

    def _new_event(self, story: StoryState, document: Document) -> EventState:
        event = EventState(stable_id(document.id, prefix="e-"), self.created, story.id)
        self.created += 1
        self.events[event.id] = event
        self.story_of_event[event.id] = story.id
        story.events.append(event.id)
        return event

    def _join(self, story: StoryState, event: EventState, features: Features) -> None:
        """Add the article's vectors to its story and event and keep the indexes in step."""
        heaviest = signature(features.terms)
        self.story_index.post(story.id, heaviest)
        self.story_index.unpost(story.id, story.terms.add(features.terms))
        self.event_index.post(event.id, heaviest)
        self.event_index.unpost(event.id, event.terms.add(features.terms))
        event.names.add(features.names)
        story.size += 1
        event.size += 1
        story.last = _latest(story.last, features.time)
        event.last = _latest(event.last, features.time)


class _TermsView:
    """Read-only mapping from group id to its terms centroid, without copying."""

    __slots__ = ("_groups",)

    def __init__(self, groups: dict[str, StoryState] | dict[str, EventState]) -> None:
        self._groups = groups

    def __getitem__(self, group_id: str) -> Centroid:
        return self._groups[group_id].terms


def _is_checkpoint(size: int) -> bool:
    """2, 4, 8, ...: re-check a growing event's story at doubling sizes (log cost per event)."""
    return size >= 2 and size & (size - 1) == 0


def _gap(time: float | None, last: float | None) -> float:
    """Days between an article and a group's last article; 0 when either is undated."""
    return 0.0 if time is None or last is None else max(0.0, time - last)


def _latest(last: float | None, time: float | None) -> float | None:
    if last is None:
        return time
    return last if time is None else max(last, time)
