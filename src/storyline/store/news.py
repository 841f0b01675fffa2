"""What changed in a story since the user last looked: new articles, new claims, changed figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as lists show it."""

    id: str
    title: str
    outlet: str
    published: str | None
    origin_id: str
    batch: int
    event_id: str


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A quantity (what it counts) whose reported values changed between two looks."""

    counts: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class News:
    """The difference between the story the user last saw (`since_batch`) and the story now."""

    looked_at: str | None  # None: never looked, so everything is new
    since_batch: int
    articles: tuple[ArticleRef, ...]
    claims: tuple[str, ...]
    figures: tuple[FigureChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.articles or self.claims or self.figures)


def story_news(
    looked_at: str | None,
    since_batch: int,
    before: Mapping[str, Any] | None,
    now: Mapping[str, Any],
    articles: Sequence[ArticleRef],
) -> News:
    """Compare two story digests (render.json.story_dict records); `articles` are the story's."""
    seen = _claim_texts(before) if before is not None else set()
    claims = tuple(t for t in sorted(_claim_texts(now)) if t not in seen)
    figures = _figure_changes(before, now) if before is not None else ()
    fresh = tuple(a for a in articles if a.batch > since_batch)
    return News(looked_at, since_batch, fresh, claims, figures)


def _claim_texts(digest: Mapping[str, Any]) -> set[str]:
    """Summary sentences and compared claims: the statements a reader would have seen."""
    texts = {s["text"] for s in digest.get("summary", ())}
    texts.update(c["text"] for c in digest.get("claims", ()))
    return texts


def _figure_values(digest: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Each counted thing with the values sources give it, as the sources word them."""
    values: dict[str, set[str]] = {}
    for figure in digest.get("figures", ()):
        mentions = figure.get("members", []) + figure.get("conflicting", [])
        texts = {m["text"] for m in mentions} or {figure["text"]}
        values.setdefault(figure["counts"], set()).update(texts)
    return {counts: tuple(sorted(texts)) for counts, texts in values.items()}


def _figure_changes(before: Mapping[str, Any], now: Mapping[str, Any]) -> tuple[FigureChange, ...]:
    """Quantities whose set of reported values differs; a new quantity is a change from nothing."""
    old, new = _figure_values(before), _figure_values(now)
    return tuple(
        FigureChange(counts, old.get(counts, ()), new[counts])
        for counts in sorted(new)
        if new[counts] != old.get(counts, ())
    )
