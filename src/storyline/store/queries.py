"""The SQL behind the store, one small function per question, so store.py reads as the workflow."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from storyline.errors import UserError
from storyline.store.news import ArticleRef
from storyline.text.datelines import drop_dateline
from storyline.text.titles import TITLE_FROM_TEXT
from storyline.text.tokens import word_tokens

# Story articles in publication order (undated last), then arrival: the first is the earliest report.
_STORY_ARTICLES = (
    "SELECT id, title, outlet, published, origin_id, batch, event_id FROM articles"
    " WHERE story_id = ? ORDER BY published IS NULL, published, seq"
)


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as the list shows it."""

    id: str
    title: str
    articles: int
    origins: int
    outlets: int
    first_published: str | None
    last_published: str | None
    updated_batch: int
    updated_at: str
    stale: bool


_STORY_COLUMNS = (
    "s.id, s.title, s.articles, s.origins, s.outlets, s.first_published, s.last_published,"
    " s.updated_batch, s.updated_at, s.stale"
)


def duplicate_of(conn: sqlite3.Connection, article_id: str, url: str, digest: str) -> str | None:
    """The stored article with the same id, URL or content hash, if any."""
    row = conn.execute(
        "SELECT id FROM articles WHERE id = ? OR content_hash = ? OR (url != '' AND url = ?) LIMIT 1",
        (article_id, digest, url),
    ).fetchone()
    return row[0] if row else None


def update_story(conn: sqlite3.Connection, story_id: str, batch: int | None, when: str) -> None:
    """Recount a story touched by `batch` and mark it stale (its summary is out of date).

    Without a batch (articles regrouped, none added) the story's newest article's batch counts.
    """
    articles, origins, outlets, first, last, newest = conn.execute(
        "SELECT count(*), count(DISTINCT origin_id), count(DISTINCT outlet), min(published),"
        " max(published), max(batch) FROM articles WHERE story_id = ?",
        (story_id,),
    ).fetchone()
    conn.execute(
        "INSERT INTO stories(id, title, articles, origins, outlets, first_published, last_published,"
        " updated_batch, updated_at, stale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
        " ON CONFLICT(id) DO UPDATE SET title = excluded.title, articles = excluded.articles,"
        " origins = excluded.origins, outlets = excluded.outlets,"
        " first_published = excluded.first_published, last_published = excluded.last_published,"
        " updated_batch = excluded.updated_batch, updated_at = excluded.updated_at, stale = 1",
        (
            story_id,
            story_title(conn, story_id),
            articles,
            origins,
            outlets,
            first,
            last,
            newest if batch is None else batch,
            when,
        ),
    )


def merge_stories(conn: sqlite3.Connection, survivor: str, absorbed: Sequence[str]) -> None:
    """Move the articles of `absorbed` stories into `survivor` and forget the absorbed stories.

    A look at an absorbed story carries over when the survivor has none, so its news stay right.
    """
    marks = ",".join("?" * len(absorbed))
    conn.execute(
        f"UPDATE articles SET story_id = ? WHERE story_id IN ({marks})", (survivor, *absorbed)
    )
    forget_stories(conn, survivor, absorbed)


def forget_stories(conn: sqlite3.Connection, heir: str, gone: Sequence[str]) -> None:
    """Delete stories whose articles all went elsewhere; `heir` takes a look it does not have."""
    marks = ",".join("?" * len(gone))
    conn.execute(
        f"UPDATE OR IGNORE looks SET story_id = ? WHERE story_id IN ({marks})", (heir, *gone)
    )
    for table, column in (("looks", "story_id"), ("stories_fts", "story_id"), ("stories", "id")):
        conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", tuple(gone))


def replace_placements(
    conn: sqlite3.Connection, placements: Sequence[tuple[str, str, str, str]]
) -> None:
    """Store new (origin, story, event) for articles: rows of (origin, story, event, article id)."""
    conn.executemany(
        "UPDATE articles SET origin_id = ?, story_id = ?, event_id = ? WHERE id = ?", placements
    )


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def relabel_events(
    conn: sqlite3.Connection,
    story_id: str,
    folded: Sequence[tuple[str, str]],
    moved: Sequence[tuple[str, str]],
) -> None:
    """Give a story's articles their events after folds, then splits.

    `folded` pairs an old event with its new one, `moved` an origin with its new event. Both stay
    inside one story, so the story index bounds each update.
    """
    for column, pairs in (("event_id", folded), ("origin_id", moved)):
        conn.executemany(
            f"UPDATE articles SET event_id = ? WHERE story_id = ? AND {column} = ?",
            [(event, story_id, key) for key, event in pairs],
        )


def story_title(conn: sqlite3.Connection, story_id: str) -> str:
    """The title of the earliest report whose source gave one, else of the earliest report
    titled by its opening (undated reports come last). A story that no source titled takes its
    summary's first sentence when it is summarised (`save_digest`)."""
    row = conn.execute(
        "SELECT title FROM articles WHERE story_id = ? AND title != ''"
        f" ORDER BY json_extract(document, '$.metadata.{TITLE_FROM_TEXT}') IS NOT NULL,"
        " published IS NULL, published, seq LIMIT 1",
        (story_id,),
    ).fetchone()
    return drop_dateline(row[0]) if row else f"Story {story_id}"


def article_story(conn: sqlite3.Connection, article_id: str) -> str:
    return conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def story_articles(conn: sqlite3.Connection, story_id: str) -> list[ArticleRef]:
    return [ArticleRef(*row) for row in conn.execute(_STORY_ARTICLES, (story_id,))]


def group(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """(member, key) pairs grouped by key, groups in order of their first member."""
    groups: dict[str, list[str]] = {}
    for member, key in pairs:
        groups.setdefault(key, []).append(member)
    return [(key, tuple(members)) for key, members in groups.items()]


def stale_stories(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT id FROM stories WHERE stale = 1 ORDER BY id")]


def story_version(conn: sqlite3.Connection, story_id: str) -> int:
    row = conn.execute("SELECT updated_batch FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise UserError(f"no story {story_id}")
    return row[0]


def save_digest(
    conn: sqlite3.Connection,
    story_id: str,
    version: int,
    digest: dict[str, Any],
    view: dict[str, Any],
) -> bool:
    """Store a recomputed story unless a newer batch touched it since `version` was read.

    Search covers the story's summary and the titles of all its articles.
    """
    updated = conn.execute(  # the digest's title: its summary's, when no source gave one
        "UPDATE stories SET stale = 0, digest = ?, view = ?, title = ?"
        " WHERE id = ? AND updated_batch = ?",
        (_dump(digest), _dump(view), digest["title"], story_id, version),
    ).rowcount
    if updated:
        titles = conn.execute("SELECT title FROM articles WHERE story_id = ?", (story_id,))
        body = " ".join([s["text"] for s in digest["summary"]] + [title for (title,) in titles])
        conn.execute("DELETE FROM stories_fts WHERE story_id = ?", (story_id,))
        conn.execute(
            "INSERT INTO stories_fts(story_id, title, body) VALUES (?, ?, ?)",
            (story_id, digest["title"], body),
        )
    return bool(updated)


def save_look(conn: sqlite3.Connection, story_id: str, when: str) -> None:
    """Copy the story's current digest into `looks`: the baseline of the next "what is new"."""
    row = conn.execute(
        "SELECT updated_batch, digest FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if row is None or row[1] is None:
        raise UserError(f"no summarised story {story_id}")
    batch = conn.execute("SELECT coalesce(max(seq), 0) FROM batches").fetchone()[0]
    conn.execute(
        "INSERT OR REPLACE INTO looks(story_id, batch, looked_at, digest) VALUES (?, ?, ?, ?)",
        (story_id, batch, when, row[1]),
    )


def list_stories(
    conn: sqlite3.Connection,
    since: str | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[StoryRow]:
    """Stories updated at or after `since` (ISO), matching `query`, latest update first."""
    sql = f"SELECT {_STORY_COLUMNS} FROM stories s"
    where: list[str] = []
    params: list[Any] = []
    if query:
        match = fts_query(query)
        if not match:
            return []
        sql += " JOIN stories_fts f ON f.story_id = s.id"
        where.append("stories_fts MATCH ?")
        params.append(match)
    if since:
        where.append("s.updated_at >= ?")
        params.append(since)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY s.updated_batch DESC, s.id LIMIT ? OFFSET ?"
    params += [limit, offset]
    return [_story_row(row) for row in conn.execute(sql, params)]


def story_row(conn: sqlite3.Connection, story_id: str) -> StoryRow | None:
    row = conn.execute(
        f"SELECT {_STORY_COLUMNS} FROM stories s WHERE s.id = ?", (story_id,)
    ).fetchone()
    return _story_row(row) if row else None


def story_state(conn: sqlite3.Connection, story_id: str) -> tuple[int, int, int | None, str | None]:
    """What a story page depends on: last batch, stale flag, and the user's last look."""
    return conn.execute(
        "SELECT s.updated_batch, s.stale, l.batch, l.looked_at FROM stories s"
        " LEFT JOIN looks l ON l.story_id = s.id WHERE s.id = ?",
        (story_id,),
    ).fetchone()


def story_json(
    conn: sqlite3.Connection, story_id: str
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The stored digest and view of a story (None while it was never summarised)."""
    row = conn.execute("SELECT digest, view FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None or row[0] is None:
        return None, None
    return json.loads(row[0]), json.loads(row[1])


def look(conn: sqlite3.Connection, story_id: str) -> tuple[str | None, int, dict[str, Any] | None]:
    """When the user last looked at a story, the last batch then, and the digest they saw."""
    row = conn.execute(
        "SELECT looked_at, batch, digest FROM looks WHERE story_id = ?", (story_id,)
    ).fetchone()
    return (row[0], row[1], json.loads(row[2])) if row else (None, 0, None)


def unseen_articles(conn: sqlite3.Connection, story_id: str) -> int:
    """How many of the story's articles arrived after the user last looked at it."""
    return conn.execute(
        "SELECT count(*) FROM articles WHERE story_id = ? AND batch >"
        " coalesce((SELECT batch FROM looks WHERE story_id = ?), 0)",
        (story_id, story_id),
    ).fetchone()[0]


def row_dict(row: StoryRow) -> dict[str, Any]:
    return dataclasses.asdict(row)


def resolve_story(conn: sqlite3.Connection, key: str) -> str:
    """A story id from its id or a unique prefix of it."""
    rows = conn.execute(
        "SELECT id FROM stories WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (key, key + "\uffff")
    ).fetchall()
    if not rows:
        raise UserError(f"no story matches {key!r}: see `storyline stories`")
    if len(rows) > 1 and rows[0][0] != key:
        raise UserError(f"{key!r} matches several stories: give more of the id")
    return rows[0][0]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Articles, stories, stale stories and batches in the store."""
    return {
        name: conn.execute(sql).fetchone()[0]
        for name, sql in (
            ("articles", "SELECT count(*) FROM articles"),
            ("stories", "SELECT count(*) FROM stories"),
            ("stale", "SELECT count(*) FROM stories WHERE stale = 1"),
            ("batches", "SELECT count(*) FROM batches"),
        )
    }


def parse_since(value: str | None) -> str | None:
    """A user's ISO date or datetime as the UTC string `updated_at` is compared with."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f"since={value!r} is not a date: use YYYY-MM-DD") from None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.isoformat()


def fts_query(text: str) -> str:
    """Every word of the user's query as a quoted FTS5 term: no FTS syntax leaks from user input."""
    return " ".join(f'"{token}"' for token in word_tokens(text) if '"' not in token)


def _story_row(row: Sequence[Any]) -> StoryRow:
    return StoryRow(*row[:9], stale=bool(row[9]))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
