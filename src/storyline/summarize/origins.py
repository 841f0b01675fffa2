"""A story's independent origins among the articles at hand: support counts these, not copies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyline.model import Document, Origin, Story, stable_id


def story_origins(story: Story, documents: Mapping[str, Document]) -> tuple[Origin, ...]:
    """The story's origins among the articles at hand; an article in none is its own origin."""
    article_ids = [a for a in story.article_ids if a in documents]
    present = set(article_ids)
    origins = [Origin(o.id, tuple(m for m in o.members if m in present)) for o in story.origins]
    origins = [o for o in origins if o.members]
    covered = {m for o in origins for m in o.members}
    origins += [Origin(stable_id(a, prefix="o-"), (a,)) for a in article_ids if a not in covered]
    return tuple(origins)


def origin_index(origins: Sequence[Origin], article_id: str) -> int:
    """Which of `origins` the article belongs to."""
    return next(k for k, o in enumerate(origins) if article_id in o.members)


def articles_of(origins: Sequence[Origin]) -> list[str]:
    """Every article of the origins, canonical members and copies."""
    return [article_id for origin in origins for article_id in origin.members]
