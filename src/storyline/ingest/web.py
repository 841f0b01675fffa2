"""Article pages fetched over HTTP, extracted by ingest.html; feed entries fill what pages lack."""

from __future__ import annotations

import dataclasses
import multiprocessing
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Self

from storyline.fetch.charset import decode
from storyline.fetch.client import Client, FetchError, Response, WrongMediaType
from storyline.fetch.pool import run_pool
from storyline.ingest.feeds import FEED_MEDIA_TYPES, FeedEntry
from storyline.ingest.html import NoMainText, article_from_html
from storyline.ingest.ids import content_id, outlet_from_url
from storyline.ingest.textfile import article_from_text
from storyline.model import Article, Skipped

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

# Called as progress(stage, done, total), like the pipeline's progress callback.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Page:
    """The article read from a URL, or the reason there is none."""

    url: str
    article: Article | None
    reason: str = ""


class Extractor:
    """Turns fetched pages into Articles, on worker processes when `processes` > 1.

    Extraction is CPU-bound and holds the GIL, so threads cannot use a second core. Make the
    Extractor before starting any thread: its workers are forked at once, while that is safe.
    """

    def __init__(self, processes: int = 1) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if processes > 1:
            context = multiprocessing.get_context("fork")  # workers inherit the loaded modules
            self._pool = ProcessPoolExecutor(processes, context, initializer=_ignore_ctrl_c)
            list(self._pool.map(_ready, range(processes)))  # fork every worker now

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def article(self, response: Response) -> Article:
        """The page's article; raises NoMainText when it has no main text."""
        args = (response.final_url, response.media_type, response.body, response.charset)
        if self._pool is None:
            return _article(*args)
        return self._pool.submit(_article, *args).result()


def fetch_page(client: Client, extractor: Extractor, url: str) -> Page:
    """Fetch and extract one page; every failure becomes the Page's reason, never an exception."""
    try:
        response = client.get(url, accept=PAGE_TYPES)
    except WrongMediaType as exc:
        feed = exc.media_type in FEED_MEDIA_TYPES
        return Page(
            url, None, f"{exc}: a feed, which `storyline follow URL` reads" if feed else str(exc)
        )
    except FetchError as exc:
        return Page(url, None, str(exc))
    try:
        return Page(url, extractor.article(response))
    except NoMainText:
        return Page(url, None, "no article text found on the page")
    except BrokenProcessPool:
        return Page(url, None, "the text extraction process died (out of memory?)")


def pages_by_url(
    urls: Sequence[str],
    client: Client,
    extractor: Extractor,
    stop: threading.Event,
    progress: Progress,
) -> dict[str, Article | Skipped]:
    """Each URL's article, or why there is none, in the order of `urls` (each fetched once)."""
    unique = list(dict.fromkeys(urls))
    pages: dict[int, Page] = {}
    for done, (index, page) in enumerate(
        run_pool(lambda url: fetch_page(client, extractor, url), unique, client.workers, stop),
        start=1,
    ):
        pages[index] = page
        progress("pages", done, len(unique))
    found: dict[str, Article | Skipped] = {}
    for index, url in enumerate(unique):
        page = pages.get(index, Page(url, None, "not fetched: stopped"))
        found[url] = page.article if page.article is not None else Skipped(url, page.reason)
    return found


def with_entry(article: Article, entry: FeedEntry, feed_url: str) -> Article:
    """The page's article with the feed entry's title and date where the page has none."""
    return dataclasses.replace(
        article,
        title=article.title or entry.title,
        published=article.published or entry.published,
        metadata={**article.metadata, **_entry_metadata(entry, feed_url)},
    )


def entry_article(entry: FeedEntry, feed_url: str, page_problem: str) -> Article:
    """An article from the feed entry's own text, saying in its metadata why the page was not used."""
    text = entry.text
    return Article(
        id=content_id(text),
        location=entry.link or f"{feed_url}#{entry.key}",
        text=text,
        title=entry.title,
        url=entry.link,
        outlet=outlet_from_url(entry.link or feed_url) or entry.outlet,
        published=entry.published,
        metadata={
            **_entry_metadata(entry, feed_url),
            "text_source": "feed entry",
            "page_problem": page_problem,
        },
    )


def _entry_metadata(entry: FeedEntry, feed_url: str) -> dict[str, str]:
    """Where an article came from in a feed, and what the feed said of it, for provenance."""
    found = {"feed": feed_url, "feed_entry": entry.key, "feed_summary": entry.summary}
    return {key: value for key, value in found.items() if value}


def _article(url: str, media_type: str, body: bytes, charset: str) -> Article:
    """The article in a fetched page (HTML through ingest.html, plain text through textfile).

    Decoding happens here, in the extraction worker, to keep the fetching process free.
    """
    text = decode(body, charset)[0]
    if media_type == "text/plain":
        return dataclasses.replace(article_from_text(text, url), url=url)
    return article_from_html(text, url, url)


def _ignore_ctrl_c() -> None:
    """Extraction workers leave Ctrl-C to the main process, which stops cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ready(_: int) -> bool:
    return True
