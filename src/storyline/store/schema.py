"""The store's SQLite schema as an ordered list of migrations; `PRAGMA user_version` says how many ran.

A migration is appended, never edited: a store written by an older storyline opens in a newer one
and is brought up to date in one transaction.
"""

from __future__ import annotations

import sqlite3

from storyline.errors import UserError

# Each entry moves the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE batches (
        seq INTEGER PRIMARY KEY,          -- one row per ingest transaction
        created TEXT NOT NULL,            -- UTC time the batch was committed
        label TEXT NOT NULL,              -- what was ingested (paths, "api")
        added INTEGER NOT NULL,
        duplicates INTEGER NOT NULL
    );
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,          -- arrival order: the stream order of the clusterer
        id TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        batch INTEGER NOT NULL REFERENCES batches(seq),
        origin_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        document TEXT NOT NULL            -- JSON: the cleaned Document (render.json.article_dict)
    );
    CREATE INDEX articles_url ON articles(url) WHERE url != '';
    CREATE INDEX articles_story ON articles(story_id, seq);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        articles INTEGER NOT NULL,
        origins INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT,
        updated_batch INTEGER NOT NULL,   -- last batch that added an article to this story
        updated_at TEXT NOT NULL,
        stale INTEGER NOT NULL,           -- 1 until summary and comparison are recomputed
        digest TEXT,                      -- JSON: render.json.story_dict of the StoryDigest
        view TEXT                         -- JSON: render.view.StoryView for the web page
    );
    CREATE INDEX stories_updated ON stories(updated_batch);
    CREATE INDEX stories_stale ON stories(stale) WHERE stale = 1;
    CREATE VIRTUAL TABLE stories_fts USING fts5(story_id UNINDEXED, title, body);
    CREATE TABLE looks (
        story_id TEXT PRIMARY KEY,        -- what the user saw when they last looked at a story
        batch INTEGER NOT NULL,
        looked_at TEXT NOT NULL,
        digest TEXT NOT NULL
    );
    CREATE TABLE stream_state (
        name TEXT PRIMARY KEY,            -- "stream": the incremental origin + story state
        seq INTEGER NOT NULL,             -- articles up to this seq are inside the snapshot
        state TEXT NOT NULL
    );
    """,
    # 2: the story list's order (latest update first, then id) straight from an index, no sort.
    """
    DROP INDEX stories_updated;
    CREATE INDEX stories_recent ON stories(updated_batch DESC, id);
    """,
    # 3: facts about the store as a whole; "rules" says what the stored placements were made with
    # (stream.placement_rules), so a store knows when `storyline recluster` should redo them.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to SCHEMA_VERSION in one transaction; returns the version found."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise UserError(
            f"this store has schema version {found}, newer than this storyline understands "
            f"({SCHEMA_VERSION}): upgrade storyline"
        )
    if found == SCHEMA_VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
        for version in range(current, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    return [s.strip() for s in script.split(";") if s.strip()]
