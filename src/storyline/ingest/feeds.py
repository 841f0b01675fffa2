"""RSS 0.9x/1.0/2.0 and Atom feeds (feedparser) to entries: title, link, date, summary, content."""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import feedparser

from storyline.ingest.ids import outlet_from_url
from storyline.model import stable_id
from storyline.text.plural import counted

# What servers send a feed as (besides HTML and plain text, which a feed may also come as).
FEED_MEDIA_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
_FEED_LINK = re.compile(
    rb"""<link[^>]+type=["']application/(?:rss|atom)\+xml["'][^>]*>""", re.IGNORECASE
)
_HREF = re.compile(rb"""href=["']([^"']+)["']""", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "tr",
        "table",
        "pre",
        "hr",
    ]
)


class FeedError(Exception):
    """A document that is not a readable feed; the message says what it is instead."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item. `key` is its GUID, else its link, else a hash of its title and text.

    `outlet` is the feed's own: its site's domain, else its title (for an entry with no link).
    """

    key: str
    link: str
    title: str
    published: str | None
    summary: str
    content: str
    outlet: str = ""

    @property
    def text(self) -> str:
        """The fullest text the feed itself carries for the entry."""
        return self.content if len(self.content) >= len(self.summary) else self.summary


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: the newest `max_entries` entries, newest first; `total` counts them all."""

    url: str
    title: str
    entries: tuple[FeedEntry, ...]
    total: int
    problem: str = ""  # a malformed feed read as far as it goes: what was wrong

    @property
    def problem_note(self) -> str:
        """What was wrong and what was read all the same; "" for a sound feed.

        Not "the entries before the break": feedparser's loose parser often reads past it.
        """
        return (
            f"{self.problem}; read as far as it goes: {counted(self.total, 'entry', 'entries')}"
            if self.problem
            else ""
        )


def parse_feed(body: bytes, url: str, content_type: str = "", max_entries: int = 200) -> Feed:
    """Parse a feed document; raises FeedError for HTML pages and anything else unreadable."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    problem = _problem(parsed)
    if not parsed.entries and (not parsed.get("version") or problem):
        raise FeedError(_not_a_feed(body, url, problem))
    title = _plain(parsed.feed.get("title", ""))
    site = _web_address(str(parsed.feed.get("link", "")))
    feed = _FeedContext(url, _web_address(url) or site, outlet_from_url(site) or title)
    entries = [
        e for e in (_entry(raw, feed) for raw in parsed.entries) if e.link or e.text or e.title
    ]
    # Newest first (dates are UTC ISO strings, so they sort as text; the sort is stable), then
    # the undated entries in feed order.
    dated = sorted(
        (e for e in entries if e.published), key=lambda e: e.published or "", reverse=True
    )
    newest = tuple((dated + [e for e in entries if not e.published])[:max_entries])
    return Feed(url, title, newest, len(entries), problem)


def _problem(parsed: Any) -> str:
    """What feedparser found wrong with the document, or ""."""
    if not parsed.get("bozo"):
        return ""
    exc = parsed.get("bozo_exception")
    if exc is None or type(exc).__name__ in ("CharacterEncodingOverride", "NonXMLContentType"):
        return ""  # recoverable oddities in the HTTP headers, not in the feed
    line = getattr(exc, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    return f"malformed XML{where}: {exc.getMessage() if hasattr(exc, 'getMessage') else exc}"


def _not_a_feed(body: bytes, url: str, problem: str) -> str:
    """Why a document with no entries is not a feed, pointing to the real feed when it links one."""
    head = body[:65536].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        link = _FEED_LINK.search(body[:65536])
        href = _HREF.search(link.group(0)) if link else None
        found = (
            _resolved(html.unescape(href.group(1).decode("utf-8", "replace")), url) if href else ""
        )
        hint = f"; it links to a feed at {found}" if found else ""
        return f"this is an HTML page, not an RSS or Atom feed{hint}"
    if not body.strip():
        return "the feed is empty"
    return f"not an RSS or Atom feed ({problem or 'no feed elements found'})"


@dataclass(frozen=True, slots=True)
class _FeedContext:
    """What a feed's entries inherit: its address, the base for their relative links, its outlet."""

    url: str
    base: str
    outlet: str


def _web_address(url: str) -> str:
    """`url` when it is an http(s) address, else "" (a local file's path is no base for links)."""
    return url if url.strip().lower().startswith(("http://", "https://")) else ""


def _entry(raw: Any, feed: _FeedContext) -> FeedEntry:
    """A FeedEntry from a feedparser entry dict.

    A relative link ("/news/123") is resolved against the feed's own address, or, for a feed read
    from a file, against the site the feed names: as feed readers do, so that it can be fetched
    and names its outlet.
    """
    link = _resolved(str(raw.get("link", "")).strip(), feed.base)
    title = _plain(raw.get("title", ""))
    summary = _plain(raw.get("summary", ""))
    content = "\n\n".join(_plain(part.get("value", "")) for part in raw.get("content", []) or [])
    guid = str(raw.get("id", "")).strip()
    key = guid or link or stable_id(feed.url, title, summary, prefix="entry:")
    return FeedEntry(key, link, title, _published(raw), summary, content.strip(), feed.outlet)


def _resolved(link: str, base: str) -> str:
    """`link` made absolute against `base`; a link too malformed to join ("http://[x") as given."""
    if not (link and base):
        return link
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def _published(raw: Any) -> str | None:
    """The entry's date as ISO 8601 UTC, or None: never invented."""
    # dict.get, not feedparser's own lookup: asked for a missing "updated_parsed", it answers
    # with "published_parsed" and a DeprecationWarning.
    keys = ("published_parsed", "updated_parsed", "created_parsed")
    parsed = next(filter(None, (dict.get(raw, key) for key in keys)), None)
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    except (ValueError, OverflowError, OSError):  # "0000-00-00" parses to year -1
        return None


def _plain(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element, entities decoded."""
    parser = _TextParser()
    parser.feed(str(fragment))
    parser.close()
    paragraphs = ("".join(parser.parts)).split("\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


class _TextParser(HTMLParser):
    """Collects text, breaking lines at block elements and dropping scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
