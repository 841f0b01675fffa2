"""Pages per second fetched and extracted end to end from a loopback server (per-host limits off).

The server runs in its own process (so it does not share the client's GIL) and serves generated
news pages of a realistic size (about 250 KB): an article of 8-12 paragraphs inside navigation,
related links, styles and scripts. Prints a table and writes bench/results/fetch.json. Only 127.0.0.1 is contacted.

    .venv/bin/python bench/fetch.py [--pages 400] [--workers 8] [--processes 2] [--related 300]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the loopback server the tests use

from feedserver import FeedServer, Reply

from storyline.fetch.client import Client
from storyline.fetch.follow import follow_feeds
from storyline.fetch.seen import SeenState
from storyline.ingest.web import Extractor, fetch_pages
from storyline.settings import FetchSettings

WORDS = [
    "harbour",
    "council",
    "ferry",
    "night",
    "crossing",
    "budget",
    "crew",
    "quay",
    "pier",
    "timber",
    "storm",
    "vote",
    "chair",
    "operator",
    "fare",
    "passengers",
    "route",
    "service",
    "weekend",
    "repair",
    "delay",
    "season",
    "trader",
    "residents",
    "office",
    "minister",
    "report",
    "said",
    "would",
    "could",
    "after",
    "before",
    "during",
    "about",
    "more",
    "than",
    "million",
    "crowns",
    "year",
    "month",
]


def page(i: int, related_links: int = 80) -> bytes:
    """A generated article page: unique text inside navigation, links, styles and scripts."""
    rng = random.Random(i)
    paragraphs = []
    for _ in range(rng.randint(8, 12)):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24))).capitalize() + "."
            for _ in range(rng.randint(2, 4))
        ]
        paragraphs.append(f"<p>{' '.join(sentences)}</p>")
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(120))
    related = "".join(
        f'<li><a href="/p/{k}.html">Related story {k}</a></li>' for k in range(related_links)
    )
    # Real news pages carry far more markup than text: inline styles, scripts, state as JSON.
    style = "<style>" + "".join(f".c{k}{{margin:{k % 9}px}}" for k in range(4000)) + "</style>"
    script = "<script>var data = {" + ",".join(f'"k{k}": {k}' for k in range(12000)) + "};</script>"
    html = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Report {i}</title>"
        f"<meta property='article:published_time' content='2026-03-0{i % 9 + 1}T10:00:00Z'>"
        f"{style}{script}</head><body><header><nav><ul>{nav}</ul></nav></header><main><article>"
        f"<h1>Report {i}: the harbour story</h1>{''.join(paragraphs)}</article>"
        f"<aside><ul>{related}</ul></aside></main><footer><p>All rights reserved.</p></footer>"
        "</body></html>"
    )
    return html.encode("utf-8")


def feed(base: str, pages: int) -> bytes:
    """An RSS feed linking every generated page."""
    items = "".join(
        f"<item><title>Report {i}</title><link>{base}/p/{i}.html</link><guid>r{i}</guid></item>"
        for i in range(pages)
    )
    return f"<rss version='2.0'><channel><title>Bench</title>{items}</channel></rss>".encode()


def serve(
    pages: int, related: int, ready: multiprocessing.Queue, done: multiprocessing.Event
) -> None:
    """The server process: serve the pages and the feed until told to stop."""
    with FeedServer() as server:
        for i in range(pages):
            server.serve(
                f"/p/{i}.html", Reply(body=page(i, related), headers={"Content-Type": "text/html"})
            )
        server.serve(
            "/feed.xml",
            Reply(
                body=feed(server.url(""), pages), headers={"Content-Type": "application/rss+xml"}
            ),
        )
        ready.put(server.url(""))
        done.wait()


def run(pages: int, related: int, workers: int, processes: int, state_dir: Path) -> list[dict]:
    ready: multiprocessing.Queue = multiprocessing.Queue()
    done = multiprocessing.Event()
    process = multiprocessing.Process(target=serve, args=(pages, related, ready, done), daemon=True)
    process.start()
    base = ready.get(timeout=120)
    settings = FetchSettings(workers=workers, per_host=0, host_interval_s=0.0, timeout_s=30.0)
    stop = threading.Event()
    rows = []
    try:
        with Client(settings, stop) as client:
            client.get(f"{base}/p/0.html")  # robots.txt and the first connection: not timed
        urls = [f"{base}/p/{i}.html" for i in range(pages)]
        start, cpu = time.perf_counter(), _cpu_seconds()
        with Extractor(processes) as extractor, Client(settings, stop) as client:
            result = fetch_pages(urls, client, extractor, stop, lambda *_: None)
        rows.append(_row("fetch URL...", len(result.articles), start, cpu))
        start, cpu = time.perf_counter(), _cpu_seconds()
        with (
            Extractor(processes) as extractor,
            Client(settings, stop) as client,
            SeenState(state_dir / "bench-state.db") as state,
        ):
            report = follow_feeds(
                [f"{base}/feed.xml"],
                client,
                extractor,
                state,
                max_entries=pages,
                stop=stop,
                progress=lambda *_: None,
            )
        rows.append(_row("follow FEED", len(report.articles), start, cpu))
    finally:
        done.set()
        process.join(timeout=10)
    for row in rows:
        row.update(
            pages=pages,
            workers=workers,
            processes=processes,
            page_kb=round(len(page(0, related)) / 1024, 1),
        )
    return rows


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the extraction workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _row(mode: str, extracted: int, start: float, cpu_start: float) -> dict:
    """One table row; CPU ms per page shows the cost apart from what other processes take."""
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_start
    return {
        "mode": mode,
        "extracted": extracted,
        "seconds": round(seconds, 2),
        "pages_per_s": round(extracted / seconds, 1),
        "cpu_ms_per_page": round(1000 * cpu / max(extracted, 1), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--workers", type=int, default=8, help="fetching threads")
    parser.add_argument("--processes", type=int, default=2, help="text extraction processes")
    parser.add_argument(
        "--related", type=int, default=300, help="related-story links per page: the page size knob"
    )
    args = parser.parse_args()
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    state_dir = results / "fetch-state"
    state_dir.mkdir(exist_ok=True)
    (state_dir / "bench-state.db").unlink(missing_ok=True)
    load_before = os.getloadavg()[0]
    rows = run(args.pages, args.related, args.workers, args.processes, state_dir)
    load = os.getloadavg()[0]
    print(f"load average before: {load_before:.1f}, after: {load:.1f} (the machine is shared)")
    print(
        "| mode | pages | extracted | seconds | pages/s | CPU ms/page | threads | processes | page KB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['mode']} | {r['pages']} | {r['extracted']} | {r['seconds']} | "
            f"{r['pages_per_s']} | {r['cpu_ms_per_page']} | {r['workers']} | {r['processes']} | "
            f"{r['page_kb']} |"
        )
    (results / "fetch.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
