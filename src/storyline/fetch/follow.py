"""One round of following feeds: read each feed, fetch its new entries' pages, remember them."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.fetch.client import Client, FetchError, Response
from storyline.fetch.pool import run_pool
from storyline.fetch.seen import SeenState, Validators
from storyline.ingest.feeds import FEED_MEDIA_TYPES, Feed, FeedEntry, FeedError, parse_feed
from storyline.ingest.ids import content_id
from storyline.ingest.web import Extractor, Page, Progress, entry_article, fetch_page, with_entry
from storyline.model import Article, Skipped
from storyline.text.plural import counted

# Feeds come with many media types; HTML is let through so it can be reported as "not a feed".
FEED_TYPES = (*FEED_MEDIA_TYPES, "text/html", "text/plain", "application/octet-stream")


@dataclass(frozen=True, slots=True)
class FollowReport:
    """New articles in feed order, what could not be read, and one line per thing worth saying."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...]
    stopped: bool = False


@dataclass(frozen=True, slots=True)
class _FeedRead:
    """A feed fetched and parsed, not modified (feed None, no reason), or why it failed."""

    url: str
    feed: Feed | None = None
    validators: Validators = field(default_factory=Validators)
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Job:
    feed_url: str
    entry: FeedEntry


def follow_feeds(
    feed_urls: Sequence[str],
    client: Client,
    extractor: Extractor,
    state: SeenState,
    *,
    max_entries: int,
    stop: threading.Event,
    progress: Progress,
) -> FollowReport:
    """Read the feeds, then every entry not seen before; the state is updated as items settle."""
    urls = list(dict.fromkeys(feed_urls))
    reads = _read_feeds(urls, client, state, max_entries, stop, progress)
    notes: list[str] = []
    skipped: list[Skipped] = []
    jobs: list[_Job] = []
    for read in reads:
        if read.reason:
            skipped.append(Skipped(read.url, read.reason))
        elif read.feed is None:
            notes.append(f"{read.url}: not modified since the last run")
        else:
            new = _new_entries(read.feed, state, jobs)
            notes.extend(_feed_notes(read.feed, len(new)))
            jobs.extend(_Job(read.url, entry) for entry in new)
    pages = _fetch_entries(jobs, client, extractor, stop, progress)
    articles, incomplete = _settle(jobs, pages, state, notes, skipped)
    for read in reads:
        if read.feed is not None and read.url not in incomplete:
            state.save_validators(read.url, read.validators)
    stopped = len(reads) < len(urls) or len(pages) < len(jobs)
    if stopped:
        notes.append(
            f"stopped: {counted(len(urls) - len(reads), 'feed')} and "
            f"{counted(len(jobs) - len(pages), 'entry', 'entries')} left for the next run"
        )
    return FollowReport(tuple(articles), tuple(skipped), tuple(notes), stopped)


def _read_feeds(
    urls: list[str],
    client: Client,
    state: SeenState,
    max_entries: int,
    stop: threading.Event,
    progress: Progress,
) -> list[_FeedRead]:
    """The feeds conditionally fetched and parsed, in the order given; after a stop, fewer."""
    known = {url: state.validators(url) for url in urls}  # SQLite stays on this thread

    def read(url: str) -> _FeedRead:
        return _read_feed(client, url, known[url], max_entries)

    reads: dict[int, _FeedRead] = {}
    for done, (index, result) in enumerate(run_pool(read, urls, client.workers, stop), start=1):
        reads[index] = result
        progress("feeds", done, len(urls))
    return [reads[i] for i in sorted(reads)]


def _read_feed(client: Client, url: str, known: Validators, max_entries: int) -> _FeedRead:
    """One feed, with a conditional GET when the last read left validators."""
    try:
        response = client.get(url, FEED_TYPES, known.etag, known.last_modified)
    except FetchError as exc:
        return _FeedRead(url, reason=str(exc))
    if response.not_modified:
        return _FeedRead(url)
    try:
        feed = parse_feed(response.body, url, _content_type(response), max_entries)
    except FeedError as exc:
        return _FeedRead(url, reason=str(exc))
    return _FeedRead(url, feed, Validators(response.etag, response.last_modified))


def _content_type(response: Response) -> str:
    """The Content-Type header as the server sent it, for feedparser's charset rules."""
    if not response.media_type:
        return ""
    charset = f"; charset={response.charset}" if response.charset else ""
    return response.media_type + charset


def _new_entries(feed: Feed, state: SeenState, queued: list[_Job]) -> list[FeedEntry]:
    """Entries whose GUID and link were never seen, in this run or before."""
    taken = {job.entry.key for job in queued} | {job.entry.link for job in queued if job.entry.link}
    new = []
    for entry in feed.entries:
        if (
            entry.key in taken
            or entry.link in taken
            or state.seen_any(guid=entry.key, url=entry.link)
        ):
            continue
        taken.update((entry.key, entry.link))
        new.append(entry)
    return new


def _feed_notes(feed: Feed, new: int) -> list[str]:
    """What a user should know about a feed that was read."""
    notes = []
    if feed.problem:
        notes.append(f"{feed.url}: {feed.problem_note}")
    if feed.total > len(feed.entries):
        notes.append(
            f"{feed.url}: {counted(feed.total, 'entry', 'entries')}; only the newest "
            f"{len(feed.entries)} are read "
            "(fetch.max_entries)"
        )
    notes.append(f"{feed.url}: {new} new of {counted(len(feed.entries), 'entry', 'entries')}")
    return notes


def _fetch_entries(
    jobs: list[_Job],
    client: Client,
    extractor: Extractor,
    stop: threading.Event,
    progress: Progress,
) -> dict[int, Page]:
    """Each job's page, keyed by job index; jobs not begun before a stop are absent."""

    def fetch(job: _Job) -> Page:
        if not job.entry.link:
            return Page("", None, "the entry has no link")
        return fetch_page(client, extractor, job.entry.link)

    pages: dict[int, Page] = {}
    for done, (index, page) in enumerate(run_pool(fetch, jobs, client.workers, stop), start=1):
        pages[index] = page
        progress("pages", done, len(jobs))
    return pages


def _settle(
    jobs: list[_Job],
    pages: dict[int, Page],
    state: SeenState,
    notes: list[str],
    skipped: list[Skipped],
) -> tuple[list[Article], set[str]]:
    """Turn pages into articles in job order (so output never depends on timing), remembering each.

    Returns the articles and the feeds with an entry left unread, whose validators must not be
    saved (a 304 next time would hide that entry).
    """
    articles: list[Article] = []
    incomplete: set[str] = set()
    for index, job in enumerate(jobs):
        entry, where = job.entry, job.entry.link or f"{job.feed_url}#{job.entry.key}"
        page = pages.get(index)
        if page is None:
            incomplete.add(job.feed_url)
            continue
        if page.article is not None and len(page.article.text) >= len(entry.text):
            article = with_entry(page.article, entry, job.feed_url)
        elif entry.text:
            problem = page.reason or "the page has less text than the feed entry (a teaser?)"
            article = entry_article(entry, job.feed_url, problem)
            notes.append(f"{where}: page not used ({problem}); used the feed's own text")
        else:
            skipped.append(Skipped(where, f"{page.reason}; the feed entry has no text of its own"))
            incomplete.add(job.feed_url)
            continue
        digest = content_id(article.text)
        if state.seen_any(hash=digest):
            skipped.append(Skipped(where, "same text as an article read before"))
        else:
            articles.append(article)
        state.remember(guid=entry.key, url=entry.link, hash=digest)
    return articles, incomplete
