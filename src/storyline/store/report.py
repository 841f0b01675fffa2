"""One story as every face shows it: stored digest and view, sources by origin, what is new."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from storyline.store import queries
from storyline.store.news import ArticleRef, News
from storyline.store.queries import StoryRow
from storyline.store.store import Store


@dataclass(frozen=True, slots=True)
class StoryReport:
    """A stored story; `digest` and `view` are None until its first summary is computed."""

    row: StoryRow
    digest: dict[str, Any] | None
    view: dict[str, Any] | None
    news: News
    articles: tuple[ArticleRef, ...]

    @property
    def id(self) -> str:
        return self.row.id

    def origins(self) -> list[tuple[str, tuple[ArticleRef, ...]]]:
        """Sources grouped by origin, each group's canonical (earliest) report first."""
        by_id = {a.id: a for a in self.articles}
        groups = queries.group([(a.id, a.origin_id) for a in self.articles])
        return [(origin, tuple(by_id[m] for m in members)) for origin, members in groups]

    def as_dict(self) -> dict[str, Any]:
        """The API's story: render.json.story_dict plus the list fields, sources and news."""
        return {
            **queries.row_dict(self.row),
            **(self.digest or {}),
            "sources": [
                {"origin": origin, "articles": [asdict(a) for a in members]}
                for origin, members in self.origins()
            ],
            "new_since_last_look": asdict(self.news),
        }


def story_report(store: Store, key: str) -> StoryReport:
    """The story whose id is (or starts with) `key`."""
    story_id = queries.resolve_story(store.conn, key)
    row = queries.story_row(store.conn, story_id)
    assert row is not None  # resolved just above, and stories are never deleted
    digest, view = queries.story_json(store.conn, story_id)
    articles = tuple(queries.story_articles(store.conn, story_id))
    return StoryReport(row, digest, view, store.news(story_id, digest or {}, articles), articles)
