"""A StreamClusterer's state as plain JSON-serialisable data, and back, for the persistent store."""

from __future__ import annotations

from typing import Any

from storyline.cluster.index import Centroid, TermIndex
from storyline.cluster.stream import EventState, StoryState, StreamClusterer
from storyline.errors import UserError
from storyline.settings import ClusterSettings

STATE_VERSION = 2  # 2: groups carry the terms they are posted under in the index


def dump_state(clusterer: StreamClusterer) -> dict[str, Any]:
    """Everything needed to continue the stream later; keys sorted so dumps are reproducible."""
    return {
        "version": STATE_VERSION,
        "clock": clusterer.clock,
        "created": clusterer.created,
        "story_of_event": dict(sorted(clusterer.story_of_event.items())),
        "event_alias": dict(sorted(clusterer.event_alias.items())),
        "event_of_origin": dict(sorted(clusterer.event_of_origin.items())),
        "stories": [_story(s, clusterer.story_index) for _, s in sorted(clusterer.stories.items())],
        "events": [_event(e, clusterer.event_index) for _, e in sorted(clusterer.events.items())],
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
    for record in state["stories"]:
        story = StoryState(
            record["id"],
            record["seq"],
            record["title"],
            Centroid.of(record["terms"]),
            record["last"],
            record["size"],
            list(record["events"]),
        )
        clusterer.stories[story.id] = story
        clusterer.story_index.post(story.id, record["posted"])
    for record in state["events"]:
        event = EventState(
            record["id"],
            record["seq"],
            record["story"],
            Centroid.of(record["terms"]),
            Centroid.of(record["names"]),
            record["last"],
            record["size"],
        )
        clusterer.events[event.id] = event
        clusterer.event_index.post(event.id, record["posted"])
    return clusterer


def _story(story: StoryState, index: TermIndex) -> dict[str, Any]:
    return {
        "id": story.id,
        "seq": story.seq,
        "title": story.title,
        "last": story.last,
        "size": story.size,
        "events": list(story.events),
        "terms": dict(story.terms.sums),
        "posted": index.posted(story.id),
    }


def _event(event: EventState, index: TermIndex) -> dict[str, Any]:
    return {
        "id": event.id,
        "seq": event.seq,
        "story": event.story,
        "last": event.last,
        "size": event.size,
        "terms": dict(event.terms.sums),
        "names": dict(event.names.sums),
        "posted": index.posted(event.id),
    }
