"""`storyline fetch URL...` and `storyline follow FEED...`: read the web politely, then digest or store."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from storyline.cli.common import (
    ConfigOption,
    FormatOption,
    OutputOption,
    check_output,
    digest_progress,
    report_skipped,
    show_digest,
)
from storyline.errors import UserError
from storyline.model import Article, IngestResult, Skipped
from storyline.render import renderer
from storyline.render.controls import one_line
from storyline.settings import Settings, load_settings
from storyline.text.plural import counted

DEFAULT_STATE = Path(".storyline-follow.db")
_PAGES_FOR_PROCESSES = 8  # fewer pages do not repay starting extraction processes

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Add what was fetched to this store instead of printing a digest."),
]
TimeoutOption = Annotated[
    float | None, typer.Option(help="Seconds to wait for a server (fetch.timeout_s).")
]
WorkersOption = Annotated[
    int | None, typer.Option(help="Requests in flight at once (fetch.workers).")
]
PerHostOption = Annotated[
    int | None,
    typer.Option(help="Requests in flight per host; 0 turns per-host limits off (fetch.per_host)."),
]


def fetch_command(
    urls: Annotated[list[str], typer.Argument(help="Article pages (http or https URLs).")],
    output_format: FormatOption = "terminal",
    output: OutputOption = None,
    db: DbOption = None,
    timeout: TimeoutOption = None,
    workers: WorkersOption = None,
    per_host: PerHostOption = None,
    config: ConfigOption = None,
) -> None:
    """Fetch article pages, extract their text, and digest them (or add them to a store)."""
    renderer(output_format)  # an unknown format fails before any request is made
    check_output(output)
    pages, unusable = web_urls(urls, "fetch")
    report_skipped(unusable)
    if not pages:
        raise UserError("no http or https URL to fetch")
    settings = _settings(config, timeout_s=timeout, workers=workers, per_host=per_host)
    found = fetch_web(pages, settings).values()
    skipped = [item for item in found if isinstance(item, Skipped)]
    report_skipped(skipped)
    articles = [item for item in found if isinstance(item, Article)]
    ingested = _admitted(articles, (*unusable, *skipped), settings)
    _deliver(ingested, settings, output_format, output, db, "fetch")
    if not ingested.articles:
        print("storyline: error: no page could be read", file=sys.stderr)
        raise typer.Exit(1)


def read_articles(
    sources: Sequence[str], settings: Settings, exclude: Sequence[Path] = ()
) -> IngestResult:
    """What the commands that read sources (digest, ingest, cluster) read: files as
    `read_sources` does, and the http(s) URLs among them fetched as `fetch` does, in the order
    given. Nothing goes over the network unless a URL is given."""
    from storyline.ingest import read_sources  # the stages pull heavy libraries: import on use
    from storyline.ingest.sources import is_web_url

    urls = [source for source in sources if is_web_url(source)]
    pages = fetch_web(urls, settings) if urls else None
    return read_sources(sources, settings.ingest, exclude, pages)


def fetch_web(urls: Sequence[str], settings: Settings) -> dict[str, Article | Skipped]:
    """Each of `urls` fetched (politely, under `[fetch]`) and extracted: its article, or why
    there is none. Ctrl-C stops after the pages in flight."""
    from storyline.fetch.client import Client
    from storyline.ingest.web import Extractor, pages_by_url

    processes = settings.fetch.extract_processes if len(urls) >= _PAGES_FOR_PROCESSES else 1
    with (
        stop_on_interrupt() as stop,
        Extractor(processes) as extractor,  # before any thread starts: it forks
        digest_progress() as progress,
        Client(settings.fetch, stop) as client,
    ):
        return pages_by_url(urls, client, extractor, stop, progress)


def follow_command(
    feeds: Annotated[
        list[str] | None, typer.Argument(help="RSS or Atom feed URLs (http or https).")
    ] = None,
    opml: Annotated[
        Path | None, typer.Option(help="Also follow every feed listed in this OPML file.")
    ] = None,
    every: Annotated[
        float | None, typer.Option(help="Keep following: check again every this many minutes.")
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(
            help="What was already read (SQLite); default next to --db, else ./.storyline-follow.db."
        ),
    ] = None,
    max_entries: Annotated[
        int | None, typer.Option(help="Newest entries read per feed (fetch.max_entries).")
    ] = None,
    output_format: FormatOption = "terminal",
    output: OutputOption = None,
    db: DbOption = None,
    timeout: TimeoutOption = None,
    workers: WorkersOption = None,
    per_host: PerHostOption = None,
    config: ConfigOption = None,
) -> None:
    """Read feeds and fetch their new entries' pages; Ctrl-C stops after the current item."""
    from storyline.fetch.client import Client
    from storyline.fetch.follow import follow_feeds
    from storyline.fetch.opml import feed_urls
    from storyline.fetch.seen import SeenState
    from storyline.ingest.web import Extractor

    renderer(output_format)
    check_output(output)
    given, unusable = web_urls(feeds or [], "follow")
    report_skipped(unusable)
    urls = [*given, *(feed_urls(opml) if opml else ())]
    if not urls:
        raise UserError("give at least one feed URL or --opml FILE")
    if every is not None and every <= 0:
        raise typer.BadParameter("must be more than 0 minutes", param_hint="--every")
    settings = _settings(
        config, timeout_s=timeout, workers=workers, per_host=per_host, max_entries=max_entries
    )
    state_path = state or (db.with_name(db.name + ".follow") if db else DEFAULT_STATE)
    with (
        stop_on_interrupt() as stop,
        SeenState(state_path) as seen,
        Extractor(settings.fetch.extract_processes) as extractor,  # before any thread: it forks
    ):
        while True:
            with digest_progress() as progress, Client(settings.fetch, stop) as client:
                report = follow_feeds(
                    urls,
                    client,
                    extractor,
                    seen,
                    max_entries=settings.fetch.max_entries,
                    stop=stop,
                    progress=progress,
                )
            for note in report.notes:
                print(f"storyline: {one_line(note)}", file=sys.stderr)
            report_skipped(report.skipped)
            ingested = _admitted(report.articles, (*unusable, *report.skipped), settings)
            unusable = []  # arguments that are no URLs are listed in the first round only
            if ingested.articles:
                _deliver(ingested, settings, output_format, output, db, "follow")
            else:
                print("storyline: no new articles", file=sys.stderr)
            if every is None and not _any_feed_read(urls, report.skipped):
                print("storyline: error: no feed could be read", file=sys.stderr)
                raise typer.Exit(1)
            if every is None or stop.is_set() or stop.wait(every * 60):
                return


def _any_feed_read(urls: Sequence[str], skipped: Sequence[Skipped]) -> bool:
    """Whether a feed of `urls` was read (a run with nothing new is still a success)."""
    return not set(urls) <= {item.source for item in skipped}


def web_urls(arguments: Sequence[str], command: str) -> tuple[list[str], list[Skipped]]:
    """The http(s) URLs among `arguments`, and a hint for each of the others.

    A local file given to `fetch` or `follow` is the likeliest mistake: say what reads it.
    """
    urls: list[str] = []
    skipped: list[Skipped] = []
    for argument in arguments:
        try:
            scheme = urlsplit(argument).scheme.lower()
        except ValueError as exc:  # "http://[x"
            skipped.append(Skipped(argument, f"not a valid URL ({exc})"))
            continue
        if scheme in ("http", "https"):
            urls.append(argument)
        else:
            skipped.append(Skipped(argument, _not_a_url(argument, command)))
    return urls, skipped


def _not_a_url(argument: str, command: str) -> str:
    """Why `argument` is not fetched, and what the user probably meant."""
    from storyline.fetch.opml import is_opml

    path = Path(argument)
    if is_opml(path):
        return (
            f"an OPML feed list, not a URL: `storyline follow --opml {argument}` follows its feeds"
        )
    if path.exists():
        return (
            f"a local file, not a URL: `storyline digest {argument}` reads it "
            f"({command} reads the web over http or https)"
        )
    host, slash, _ = argument.partition("/")
    if "." in host and (slash or host.startswith("www.")) and ":" not in host:
        return f"not an http(s) URL (did you mean https://{argument} ?)"
    return "not an http(s) URL, and no such file"


def _settings(config: Path | None, **fetch: Any) -> Settings:
    """Settings from the config file with the command's fetch flags on top."""
    return load_settings(config).with_overrides({"fetch": fetch})


def _admitted(
    articles: Sequence[Article], skipped: Sequence[Skipped], settings: Settings
) -> IngestResult:
    """The articles ingest's `admit` keeps (as from files), and `skipped` with the ones it did
    not, which are reported on stderr here (the others were as they happened)."""
    from storyline.ingest.admit import admit_all

    kept, unusable = admit_all(articles, settings.ingest.min_chars)
    report_skipped(unusable)
    return IngestResult(tuple(kept), (*skipped, *unusable))


def _deliver(
    ingested: IngestResult,
    settings: Settings,
    output_format: str,
    output: Path | None,
    db: Path | None,
    label: str,
) -> None:
    """Add the articles to the store at `db`, or print a digest of them and of what was skipped."""
    if db is not None:
        from storyline.parallel import Engine
        from storyline.store.store import Store

        engine = Engine.configured(settings.pipeline)  # as `storyline ingest`
        with Store(db, settings) as store:
            batch = store.ingest(list(ingested.articles), label, engine)
            store.refresh(engine)
        print(
            f"storyline: added {counted(len(batch.added), 'article')} to {db} "
            f"({counted(len(batch.stories), 'story', 'stories')} touched)",
            file=sys.stderr,
        )
        return
    from storyline.pipeline import digest_articles  # the stages pull heavy libraries: import on use

    with digest_progress() as progress:
        result = digest_articles(ingested.articles, settings, ingested.skipped, progress)
    show_digest(result, output_format, output)


@contextmanager
def stop_on_interrupt() -> Iterator[threading.Event]:
    """An event set by the first Ctrl-C (work stops after the current item); a second one aborts."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals can only be caught on the main thread
        return

    def on_interrupt(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        print("storyline: stopping after the current item (Ctrl-C again to abort)", file=sys.stderr)
        stop.set()

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch_command)
    app.command("follow")(follow_command)
