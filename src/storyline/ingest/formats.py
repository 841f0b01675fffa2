"""Which kind of document a source holds (by extension, else by content) and its reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from storyline.ingest.decode import decode_bytes
from storyline.ingest.html import NoMainText, article_from_html
from storyline.ingest.jsonl import read_json, read_jsonl
from storyline.ingest.textfile import article_from_text
from storyline.model import Article, Skipped

TEXT, HTML, JSON, JSONL, FEED = "text", "html", "json", "jsonl", "feed"

_BY_SUFFIX = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT, ".markdown": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".json": JSON, ".jsonl": JSONL, ".ndjson": JSONL,
    ".rss": FEED, ".atom": FEED,
}  # fmt: skip
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|meta|title)\b", re.IGNORECASE
)


def sniff_kind(suffix: str, text: str) -> str:
    """The document kind: from a known extension, else from the first characters of the text.

    A file without extension is sniffed too, since stdin and downloads rarely have one.
    """
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    if suffix in _BY_SUFFIX:
        # A JSON array saved as .jsonl is common; the JSON reader reads JSON Lines too.
        return JSON if _BY_SUFFIX[suffix] == JSONL and head.startswith("[") else _BY_SUFFIX[suffix]
    if head.startswith("{"):
        return JSONL
    if head.startswith("["):
        return JSON
    if head.startswith("<"):
        return FEED if _FEED_ROOT.search(head) else HTML if _HTML_START.search(head) else TEXT
    return TEXT


def parse_document(data: bytes, location: str, suffix: str) -> Iterator[Article | Skipped]:
    """The articles in one source's bytes: decoded, its kind told, then read by its reader."""
    text, encoding = decode_bytes(data)
    metadata = {} if encoding in ("utf-8", "utf-8-sig") else {"decoded_as": encoding}
    kind = sniff_kind(suffix, text)
    if kind == JSONL:
        yield from read_jsonl(text, location)
    elif kind == JSON:
        yield from read_json(text, location)
    elif kind == FEED:
        # Feeds bring in the HTTP client stack (ingest.web); load it only when a feed is read.
        from storyline.ingest.feedfile import read_feed_file

        yield from read_feed_file(data, location)  # bytes: feedparser honours the declared charset
    elif kind == HTML:
        try:
            article = article_from_html(text, location)
        except NoMainText as exc:
            yield Skipped(location, str(exc).removeprefix(f"{location}: "))
            return
        yield _with_metadata(article, metadata)
    else:
        yield article_from_text(text, location, metadata)


def _with_metadata(article: Article, extra: dict) -> Article:
    """The article with `extra` added to its metadata (how its bytes were decoded)."""
    if not extra:
        return article
    return replace(article, metadata=dict(sorted({**article.metadata, **extra}.items())))
