"""Stories: articles about the same happening over time, with events inside each story.

The batch function feeds the incremental StreamClusterer (stream.py), so a corpus clustered at
once and one grown article by article follow the same rules. Undated articles go in first, in id
order, placed by content alone; then dated ones in publication order (ties by id). Stories list
their articles in reading order: dated ones by time, then undated ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.cluster.features import Features, featurize
from storyline.cluster.stream import Assignment, StreamClusterer
from storyline.dedup import placement_order, publication_order
from storyline.model import Document, Event, Origin, Story
from storyline.settings import ClusterSettings
from storyline.text.datelines import drop_dateline
from storyline.text.titles import source_titled

__all__ = ["Assignment", "Features", "StreamClusterer", "cluster_stories", "featurize"]


def cluster_stories(
    documents: Sequence[Document], origins: Sequence[Origin], settings: ClusterSettings
) -> tuple[Story, ...]:
    """Stories over `documents`, ordered by their first article; each story lists its events."""
    origin_of = {member: origin for origin in origins for member in origin.members}
    clusterer = StreamClusterer(settings)
    placed: dict[str, str] = {}  # document id -> its origin id, as the clusterer knows it
    for document in placement_order(documents):
        origin = origin_of.get(document.id)
        placed[document.id] = origin.id if origin else document.id
        clusterer.add(document, placed[document.id])
    final = [(d, clusterer.placement(placed[d.id])) for d in publication_order(documents)]
    return _stories(final, origin_of)


def story_title(documents: Sequence[Document]) -> str:
    """The first title a source gave, else the first title taken from an article's opening."""
    given = (d.article.title for d in documents if source_titled(d.article))
    return next(given, next((d.article.title for d in documents if d.article.title), ""))


def _stories(
    placed: Sequence[tuple[Document, Assignment]], origin_of: dict[str, Origin]
) -> tuple[Story, ...]:
    """Story records from stream placements, in stream order of each story's first article."""
    members: dict[str, list[Document]] = {}
    events: dict[str, dict[str, list[str]]] = {}
    for document, assignment in placed:
        members.setdefault(assignment.story_id, []).append(document)
        events.setdefault(assignment.story_id, {}).setdefault(assignment.event_id, []).append(
            document.id
        )
    stories = []
    for story_id, documents in members.items():
        ids = tuple(d.id for d in documents)
        story_origins = {origin_of[i].id: origin_of[i] for i in ids if i in origin_of}
        stories.append(
            Story(
                id=story_id,
                title=drop_dateline(story_title(documents)),
                article_ids=ids,
                origins=tuple(story_origins[o] for o in sorted(story_origins)),
                events=tuple(Event(e, tuple(a)) for e, a in events[story_id].items()),
            )
        )
    return tuple(stories)
