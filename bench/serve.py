"""Store and server benchmark: page and API throughput on a 10,000-article store, and the time to
ingest one article into a 100,000-article store.

The stores are built from generated articles (deterministic seed) through a bulk path: cleaned
Documents made directly, added with Store.ingest_documents in large batches (the same placement code,
without the cleaning). Each measured article then goes through the whole incremental path,
Store.ingest([article]): clean, origin, story, one transaction. Built stores are kept under
bench/results/ and reused. Prints a table and writes bench/results/serve.json.

    .venv/bin/python bench/serve.py [--serve-articles 10000] [--ingest-articles 100000]
        [--requests 2000] [--concurrency 4] [--samples 200] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import httpx
from wordfreq import top_n_list

from storyline.model import Article, Document, Sentence
from storyline.settings import Settings
from storyline.store import Store

RESULTS = Path(__file__).resolve().parent / "results"
WORDS = [w for w in top_n_list("en", 3000) if w.isalpha() and len(w) > 3]
SEED = 20311
T = TypeVar("T")


# ------------------------------------------------------------------ generated corpus


class Corpus:
    """A stream of stories: each has its own rare names and theme words; articles mix them with
    common words, so stories separate the way real ones do. Dates spread over a year."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)

    def _story_words(self, story: int) -> list[str]:
        rng = random.Random(story * 7919 + SEED)
        names = [
            "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()
            for _ in range(5)
        ]
        return names + rng.sample(WORDS, 12)

    def text(self, story: int, number: int, sentences: int) -> list[str]:
        own = self._story_words(story)
        out = []
        for _ in range(sentences):
            words = (
                self.rng.sample(own, 4)
                + self.rng.sample(WORDS, 12)
                + [f"{self.rng.randrange(10, 10**5):,}"]
            )
            self.rng.shuffle(words)
            out.append(" ".join(words).capitalize() + ".")
        out.append(f"Report number {number} was filed by desk {number % 97}.")  # no two texts alike
        return out

    def article(self, number: int, stories: int, sentences: int) -> tuple[str, str, list[str]]:
        """(id, published, sentences) of article `number`; stories run in a 20-day window each."""
        story = (number // 10) % stories
        day = 1 + (story * 365 // stories) + self.rng.randrange(0, 20)
        published = f"{2030 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + (day % 365) % 28:02d}"
        return f"gen-{number:06d}", published, self.text(story, number, sentences)


def document(article_id: str, published: str, sentences: list[str], story_hint: int) -> Document:
    """A cleaned Document built directly (the bulk path): offsets come from the join."""
    text = " ".join(sentences)
    spans, start = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(index, start, start + len(sentence), sentence))
        start += len(sentence) + 1
    title = " ".join(sentences[0].split()[:8])
    article = Article(
        article_id,
        f"generated:{article_id}",
        text,
        title=title,
        outlet=f"Outlet {story_hint % 40}",
        published=published,
    )
    return Document(article, text, tuple(spans), "en")


def build_store(path: Path, count: int, sentences: int, refresh: bool) -> float:
    """Fill a store with `count` generated articles in batches of 2,000; returns seconds taken."""
    started = time.perf_counter()
    corpus = Corpus()
    stories = max(1, count // 10)
    with Store(path, Settings()) as store:
        for first in range(0, count, 2000):
            batch = [
                document(*corpus.article(n, stories, sentences), n)
                for n in range(first, min(count, first + 2000))
            ]
            store.ingest_documents(batch, f"bulk {first}")
            print(
                f"  built {first + len(batch):,} / {count:,} articles", file=sys.stderr, flush=True
            )
        if refresh:
            failed = store.refresh().failed
            if failed:
                print(f"  {len(failed)} stories could not be summarised", file=sys.stderr)
    return time.perf_counter() - started


def ready_store(
    name: str, count: int, sentences: int, refresh: bool, rebuild: bool
) -> tuple[Path, float | None]:
    path = RESULTS / f"store-{name}.db"
    if rebuild:
        for stale in RESULTS.glob(f"store-{name}.db*"):
            stale.unlink()
    if path.exists():
        return path, None
    print(f"building the {count:,}-article store (once; kept in {path})", file=sys.stderr)
    return path, build_store(path, count, sentences, refresh)


# ------------------------------------------------------------------ serving


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("storyline serve did not start")


def load(base: str, paths: list[str], requests: int, concurrency: int, time_limit: float) -> dict:
    """Send `requests` GETs (cycling through `paths`) from `concurrency` threads; latency in ms."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.perf_counter() + time_limit

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=10) as client:
            for number in counter:
                if time.perf_counter() > deadline:
                    return
                start = time.perf_counter()
                ok = client.get(paths[number % len(paths)]).status_code == 200
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += not ok

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))] if ordered else 0.0


def bench_serving(db: Path, requests: int, concurrency: int) -> dict[str, dict]:
    with Store(db, Settings(), create=False) as store:
        rows = store.conn.execute(
            "SELECT id, title FROM stories ORDER BY articles DESC, id LIMIT 200"
        ).fetchall()
    ids = [story_id for story_id, _ in rows]
    # Searches a user would type: a word of a story's title (each matches a few stories).
    searches = [f"/api/stories?query={title.split()[-1]}" for _, title in rows[:20]]
    process, base = serve(db)
    try:
        httpx.get(base + "/", timeout=10)  # warm up the process, not the page cache
        pages = [f"/stories/{i}" for i in ids]
        return {
            "story page, cold": load(base, pages, len(pages), concurrency, 60),  # first render each
            "story page": load(base, pages, requests, concurrency, 60),
            "API story": load(base, [f"/api/stories/{i}" for i in ids], requests, concurrency, 60),
            "API list+search": load(base, ["/api/stories", *searches], requests, concurrency, 60),
        }
    finally:
        process.terminate()
        process.wait(timeout=10)


# ------------------------------------------------------------------ incremental ingest


def timed(action: Callable[..., T], *args: object) -> tuple[float, T]:
    """(milliseconds, result) of one call."""
    start = time.perf_counter()
    result = action(*args)
    return (time.perf_counter() - start) * 1000, result


def new_articles(count: int, existing: int) -> Iterator[Article]:
    """Realistic-length articles (about 400 words) for stories already in the store."""
    corpus = Corpus(seed=SEED + existing)  # a rerun draws other words: no copies of the last run
    stories = max(1, existing // 10)
    for offset in range(count):
        _, published, sentences = corpus.article(existing - 5000 + offset * 17, stories, 22)
        text = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
        yield Article(
            f"new-{existing}-{offset:04d}",  # unique per run: a rerun adds new articles
            f"bench:{offset}",
            text,
            title=" ".join(sentences[0].split()[:8]),
            outlet="Bench Daily",
            published=published,
        )


def bench_ingest(db: Path, samples: int) -> dict:
    """Median/p99 of one-article ingests (full path), its parts, and the story refresh after it."""
    from storyline.pipeline import clean_all

    with Store(db, Settings(), create=False) as store:
        size = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        open_ms, _ = timed(store.ingest_documents, [], "warm-up: load the stream state")
        full, clean, place, refresh = [], [], [], []
        for number, article in enumerate(new_articles(samples, size)):
            if number % 2 == 0:  # whole path: clean + place + commit
                ms, report = timed(store.ingest, [article], "bench")
                full.append(ms)
            else:  # the same path in its two parts
                ms, (documents, _) = timed(clean_all, [article], store.settings)
                clean.append(ms)
                ms, report = timed(store.ingest_documents, documents, "bench")
                place.append(ms)
            for story_id in report.stories:  # only the touched story, as `storyline ingest` does
                refresh.append(timed(store.refresh_story, story_id)[0])
        touched = store.conn.execute(
            "SELECT count(DISTINCT story_id) FROM articles WHERE id LIKE ?", (f"new-{size}-%",)
        ).fetchone()[0]
    return {
        "store_articles": size,
        "open_stream_ms": open_ms,
        "samples": samples,
        "stories_touched": touched,
        "ingest_one_ms": summary(full),
        "clean_ms": summary(clean),
        "place_and_commit_ms": summary(place),
        "refresh_story_ms": summary(refresh),
    }


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "p99": percentile(values, 99),
        "mean": statistics.fmean(values),
    }


# ------------------------------------------------------------------ main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve-articles", type=int, default=10_000)
    parser.add_argument("--ingest-articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the stores even if kept.")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    result: dict = {"command": " ".join(sys.argv)}
    if not args.skip_serve:
        db, built = ready_store(
            f"{args.serve_articles}", args.serve_articles, 8, True, args.rebuild
        )
        result["serve"] = {
            "store_articles": args.serve_articles,
            "build_s": built,
            **bench_serving(db, args.requests, args.concurrency),
        }
    if not args.skip_ingest:
        db, built = ready_store(
            f"{args.ingest_articles}", args.ingest_articles, 8, False, args.rebuild
        )
        result["ingest"] = {"build_s": built, **bench_ingest(db, args.samples)}
    print_tables(result)
    (RESULTS / "serve.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


def print_tables(result: dict) -> None:
    if "serve" in result:
        serve_result = result["serve"]
        print(
            f"\nServing a {serve_result['store_articles']:,}-article store (127.0.0.1, one uvicorn process)"
        )
        print(
            f"| {'endpoint':<16} | {'requests':>8} | {'errors':>6} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} |"
        )
        print(f"|{'-' * 18}|{'-' * 10}|{'-' * 8}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
        for name, row in serve_result.items():
            if isinstance(row, dict):
                print(
                    f"| {name:<16} | {row['requests']:>8} | {row['errors']:>6} | {row['rps']:>7.0f} "
                    f"| {row['p50_ms']:>7.1f} | {row['p99_ms']:>7.1f} |"
                )
    if "ingest" in result:
        ingest = result["ingest"]
        print(
            f"\nIncremental ingest into a {ingest['store_articles']:,}-article store "
            f"({ingest['samples']} articles of ~400 words; stream state loaded in {ingest['open_stream_ms'] / 1000:.1f} s)"
        )
        print(f"| {'step':<34} | {'median ms':>9} | {'p99 ms':>7} | {'mean ms':>7} |")
        print(f"|{'-' * 36}|{'-' * 11}|{'-' * 9}|{'-' * 9}|")
        for key, name in (
            ("ingest_one_ms", "ingest one article (whole path)"),
            ("clean_ms", "  of which: clean"),
            ("place_and_commit_ms", "  of which: place + commit"),
            ("refresh_story_ms", "re-summarise its story (after)"),
        ):
            row = ingest[key]
            print(
                f"| {name:<34} | {row['median']:>9.1f} | {row['p99']:>7.1f} | {row['mean']:>7.1f} |"
            )


if __name__ == "__main__":
    sys.exit(main())
