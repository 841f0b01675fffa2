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
  one. The older story or event keeps its id; `Assignment.merged` and `.folded` say which ids
  went where, so a store can relabel their articles (or ask `event_of` / `story_of`).
- Second chances. Whenever an event grows, it draws in the single-report events of its story
  that now reach `event_threshold` with it (a stray that came while the event was young), or
  `stray_threshold` once it has passed its first split check. And at the doubling sizes, a
  young event whose members form two camps less alike than `split_threshold` is split in two
  (split.py): an early join of a second happening is undone.
  `Assignment.moved` lists the origins that moved to the new event.
- An undated article is placed by content alone: no window, no decay, and it never moves a clock.
  Stories go inactive (kept out of the index) once the newest dated article is `window_days` past
  their last one.

Ids are stable: a story or event is named after the article that started it (an event split off
also after the clusterer's count of groups, so an id is never reused).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.cluster.features import Features, Vector, featurize
from storyline.cluster.index import Centroid, TermIndex, signature
from storyline.cluster.split import FIRST_CHECK, YOUNG_EVENT, Member, two_camps
from storyline.model import Document, stable_id
from storyline.settings import ClusterSettings


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went, and what its arrival changed for articles placed before it.

    `merged` lists the stories folded into story_id; `folded` pairs each event folded away with
    the event it went into; `moved` pairs each origin moved by a split with its new event. A
    store relabels those articles.
    """

    story_id: str
    event_id: str
    merged: tuple[str, ...] = ()
    folded: tuple[tuple[str, str], ...] = ()
    moved: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class EventState:
    id: str
    seq: int  # creation order: the older event survives a merge
    story: str
    terms: Centroid = field(default_factory=Centroid)
    names: Centroid = field(default_factory=Centroid)
    last: float | None = None
    size: int = 0
    members: list[Member] | None = field(default_factory=list)  # None once the event has settled


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
        if origin_id in self.event_of_origin:
            return self.placement(origin_id)
        features = featurize(document) if features is None else features
        if features.time is not None:
            self._advance(features.time)
        event = self._best_event(features)
        if event is None:
            story = self._best_story(features.terms, features.time, exclude="")
            story = story or self._new_story(document)
            event = self._new_event(story, document.id)
        story = self.stories[event.story]
        self._join(story, event, Member(document.id, origin_id, features))
        story.title = story.title or document.article.title
        self.event_of_origin[origin_id] = event.id
        merged: tuple[str, ...] = ()
        folded: tuple[tuple[str, str], ...] = ()
        checkpoint = _is_checkpoint(event.size)
        if checkpoint:
            terms = event.terms.unit()  # linking stories does not change the event: one unit vector
            merged = self._link(event, terms)
            event, folded = self._fold(event, terms)
        if event.size > 1:  # a report alone has not grown its event: nothing new to offer strays
            folded += self._gather_strays(event)
        moved = self._split(event) if checkpoint else ()
        if not (merged or folded or moved):
            return Assignment(story.id, event.id)
        placed = self.placement(origin_id)
        return Assignment(placed.story_id, placed.event_id, merged, folded, moved)

    def placement(self, origin_id: str) -> Assignment:
        """Where an origin's articles are now (after any merges, folds and splits)."""
        event_id = self.event_of(self.event_of_origin[origin_id])
        return Assignment(self.story_of_event[event_id], event_id)

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

    def _fold(
        self, event: EventState, terms: Vector
    ) -> tuple[EventState, tuple[tuple[str, str], ...]]:
        """Fold the grown event and the closest other event of its story into one, if close enough.

        `terms` is the event's unit word vector. Returns the surviving event and the fold made.
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
        self._absorb(survivor, absorbed)
        return survivor, ((absorbed.id, survivor.id),)

    def _gather_strays(self, event: EventState) -> tuple[tuple[str, str], ...]:
        """Draw the story's single-report events that now reach the stray bar into `event`.

        A report that came while the event was young may have missed it. Against an event of
        two or three reports it is judged as a new report would be (`event_threshold`). An event
        that has passed its first split check is known to be one happening, and a report that
        stayed alone while it grew is more often an oddly worded report of it than a happening
        of its own: its bar is `stray_threshold`, a little lower (settings.py says how it was
        chosen). The grown event keeps its id.
        """
        window = self.settings.event_window_days
        lone = [
            other
            for other in map(self.events.__getitem__, self.stories[event.story].events)
            if other.size == 1 and other is not event and _gap(event.last, other.last) <= window
        ]
        if not lone:
            return ()
        terms, names = event.terms.unit(), event.names.unit()
        settled = event.size >= FIRST_CHECK
        threshold = self.settings.stray_threshold if settled else self.settings.event_threshold
        strays = [s for s in lone if self._event_score(s, terms, names) >= threshold]
        for stray in strays:
            self._absorb(event, stray)
        return tuple((stray.id, event.id) for stray in strays)

    def _absorb(self, survivor: EventState, absorbed: EventState) -> None:
        """Fold one event of a story into another; the absorbed id becomes an alias."""
        self.event_index.absorb(survivor.id, absorbed.id)
        self.event_index.unpost(survivor.id, survivor.terms.add(absorbed.terms.sums))
        survivor.names.add(absorbed.names.sums)
        survivor.size += absorbed.size
        survivor.last = _latest(survivor.last, absorbed.last)
        survivor.members = _young(survivor.members, absorbed.members)
        self.stories[survivor.story].events.remove(absorbed.id)
        del self.events[absorbed.id]
        self.event_alias[absorbed.id] = survivor.id

    def _split(self, event: EventState) -> tuple[tuple[str, str], ...]:
        """Split a young event whose members form two camps (split.py); returns the moved origins."""
        members = event.members
        if members is None:
            return ()
        camps = two_camps(members, self.settings.name_weight, self.settings.split_threshold)
        if camps is None:
            return ()
        kept, leaving = ([members[i] for i in camp] for camp in camps)
        story = self.stories[event.story]
        split = self._new_event(story, f"{leaving[0].article}#{self.created}")
        for group, members_of_group in ((event, kept), (split, leaving)):
            self.event_index.drop(group.id)
            group.terms, group.names, group.size, group.last = Centroid(), Centroid(), 0, None
            group.members = []
            for member in members_of_group:
                self._grow(group, member)
        for member in leaving:
            self.event_of_origin[member.origin] = split.id
        return tuple((member.origin, split.id) for member in leaving)

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

    def _new_event(self, story: StoryState, name: str) -> EventState:
        event = EventState(stable_id(name, prefix="e-"), self.created, story.id)
        self.created += 1
        self.events[event.id] = event
        self.story_of_event[event.id] = story.id
        story.events.append(event.id)
        return event

    def _join(self, story: StoryState, event: EventState, member: Member) -> None:
        """Add the article's vectors to its story and event and keep the indexes in step."""
        features = member.features
        self.story_index.post(story.id, signature(features.terms))
        self.story_index.unpost(story.id, story.terms.add(features.terms))
        story.size += 1
        story.last = _latest(story.last, features.time)
        self._grow(event, member)

    def _grow(self, event: EventState, member: Member) -> None:
        """Add one report to an event: centroids, index postings, clock and young members."""
        features = member.features
        self.event_index.post(event.id, signature(features.terms))
        self.event_index.unpost(event.id, event.terms.add(features.terms))
        event.names.add(features.names)
        event.size += 1
        event.last = _latest(event.last, features.time)
        event.members = _young(event.members, [member])


class _TermsView:
    """Read-only mapping from group id to its terms centroid, without copying."""

    __slots__ = ("_groups",)

    def __init__(self, groups: dict[str, StoryState] | dict[str, EventState]) -> None:
        self._groups = groups

    def __getitem__(self, group_id: str) -> Centroid:
        return self._groups[group_id].terms


def _young(members: list[Member] | None, more: list[Member] | None) -> list[Member] | None:
    """An event's members with `more` added, or None once it has settled (see split.py)."""
    if members is None or more is None or len(members) + len(more) > YOUNG_EVENT:
        return None
    members.extend(more)
    return members


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
