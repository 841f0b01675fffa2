"""Model replies kept on disk, keyed by the exact request: a rerun asks the model nothing again.

A model's answer is not guaranteed to repeat even at temperature 0, and every request costs time
or money; with a cache the same input gives the same summary, byte for byte. SQLite because it
is in the standard library and several forked workers may write at once (each write is one
transaction; a busy database is waited for).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

_BUSY_TIMEOUT_S = 30.0
_SCHEMA = "CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, url TEXT, reply TEXT NOT NULL)"


def request_key(url: str, body: dict[str, Any]) -> str:
    """The same endpoint and the same request body give the same key (the API key is no part)."""
    canonical = json.dumps({"url": url, "body": body}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class CacheError(Exception):
    """The cache file cannot be opened, created or read; the message names it."""


def cached_reply(path: str, key: str) -> str | None:
    """The reply stored under `key`, or None."""
    with _transaction(path) as conn:
        row = conn.execute("SELECT reply FROM replies WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def keep_reply(path: str, key: str, url: str, reply: str) -> None:
    """Store a reply; a concurrent writer of the same key stored the same request's answer."""
    with _transaction(path) as conn:
        conn.execute("INSERT OR REPLACE INTO replies VALUES (?, ?, ?)", (key, url, reply))


@contextmanager
def _transaction(path: str) -> Iterator[sqlite3.Connection]:
    """The cache (created on first use) in one transaction, closed afterwards."""
    try:
        with closing(sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S)) as conn, conn:
            conn.execute(_SCHEMA)
            yield conn
    except sqlite3.Error as exc:
        raise CacheError(f"cannot use the llm reply cache {path}: {exc}") from None
