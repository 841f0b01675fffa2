"""The stores a running app shares between requests."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from fastapi import Request

from storyline.settings import Settings
from storyline.store import Store, queries
from storyline.store.report import StoryReport, story_report


class ResponseCache:
    """Rendered story pages and API answers, least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self._pages: OrderedDict[tuple, str] = OrderedDict()
        self._size = size

    def get(self, key: tuple) -> str | None:
        html = self._pages.get(key)
        if html is not None:
            self._pages.move_to_end(key)
        return html

    def put(self, key: tuple, html: str) -> None:
        self._pages[key] = html
        if len(self._pages) > self._size:
            self._pages.popitem(last=False)


class Stores:
    """One read connection for the event loop, one writer used under a lock by ingest requests.

    WAL lets the reader see each committed batch while a write is in progress, never a partial one.
    """

    def __init__(self, path: Path, settings: Settings) -> None:
        self.reader = Store(path, settings)
        self._path = path
        self._settings = settings
        self._writer: Store | None = None
        self.write_lock = threading.Lock()
        self._responses = ResponseCache(512)

    def story_response(self, key: str, kind: str, render: Callable[[StoryReport], str]) -> str:
        """`render` of the story `key` names, cached until the story or the user's last look changes.

        The cache key holds everything a story answer shows that can change (the story's last
        batch, whether it is stale, the last look), so a cached answer is never out of date. Used
        from the event loop only. Raises UserError when no story matches `key`.
        """
        story_id = queries.resolve_story(self.reader.conn, key)
        cache_key = (kind, story_id, *queries.story_state(self.reader.conn, story_id))
        text = self._responses.get(cache_key)
        if text is None:
            text = render(story_report(self.reader, story_id))
            self._responses.put(cache_key, text)
        return text

    def writer(self) -> Store:
        """The writing store, opened on first ingest (loading the stream state takes a while)."""
        if self._writer is None:
            self._writer = Store(self._path, self._settings)
        return self._writer

    def close(self) -> None:
        self.reader.close()
        if self._writer is not None:
            self._writer.close()


def stores(request: Request) -> Stores:
    return request.app.state.stores
