"""What `follow` has already read, kept between runs in a small SQLite file.

Entries are known by GUID, URL and content hash; feeds keep their ETag and Last-Modified for
conditional GETs. Every write is one transaction, so an interrupted run loses at most one item.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from storyline.errors import UserError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    kind TEXT NOT NULL,          -- 'guid', 'url' or 'hash'
    key TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    checked TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Validators:
    """A feed's cache validators from its last complete read, for a conditional GET."""

    etag: str = ""
    last_modified: str = ""


class SeenState:
    """The seen-set and feed validators; used from one thread (the one collecting results)."""

    def __init__(self, path: Path | str) -> None:
        try:
            self._db = sqlite3.connect(str(path))
            self._db.execute("PRAGMA journal_mode=WAL")  # a commit per item must stay cheap
            self._db.execute("PRAGMA synchronous=NORMAL")  # a killed process still loses no commit
            with self._db:
                self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise UserError(f"cannot open the follow state file {path}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def seen_any(self, **keys: str) -> str:
        """The first of kind=key pairs (guid=..., url=..., hash=...) already seen, as "kind", or ""."""
        for kind in sorted(keys):
            key = keys[kind]
            if (
                key
                and self._db.execute(
                    "SELECT 1 FROM seen WHERE kind = ? AND key = ?", (kind, key)
                ).fetchone()
            ):
                return kind
        return ""

    def remember(self, **keys: str) -> None:
        """Record kind=key pairs as seen, in one transaction; empty keys are ignored."""
        now = _now()
        rows = [(kind, key, now) for kind, key in sorted(keys.items()) if key]
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", rows)

    def validators(self, feed_url: str) -> Validators:
        """The ETag / Last-Modified stored for a feed (empty when never read completely)."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (feed_url,)
        ).fetchone()
        return Validators(*row) if row else Validators()

    def save_validators(self, feed_url: str, validators: Validators) -> None:
        """Store a feed's validators once all its new entries have been read."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?)",
                (feed_url, validators.etag, validators.last_modified, _now()),
            )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
