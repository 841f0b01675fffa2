"""Local RSS/Atom feed files: one article per entry, from the text the feed itself carries.

Pages are not fetched here (ingest stays offline); `storyline follow` fetches them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from storyline.ingest.feeds import FeedError, parse_feed
from storyline.ingest.web import entry_article
from storyline.model import Article, Skipped

_ALL_ENTRIES = 1_000_000  # a file on disk is read whole; max_bytes already bounds its size
_NOT_FETCHED = "read from a local feed file: the page was not fetched"


def read_feed_file(data: bytes, location: str) -> Iterator[Article | Skipped]:
    """Articles (as `location#N`) from a feed's entries, or one Skipped when it is no feed."""
    try:
        feed = parse_feed(data, location, max_entries=_ALL_ENTRIES)
    except FeedError as exc:
        yield Skipped(location, f"not a readable feed: {exc}")
        return
    if not feed.entries:
        yield Skipped(location, "feed has no entries")
    elif feed.problem:  # entries after the break may be lost: say so
        yield Skipped(location, feed.problem_note)
    for index, entry in enumerate(feed.entries):
        article = entry_article(entry, location, _NOT_FETCHED)
        yield dataclasses.replace(article, location=f"{location}#{index}")
