"""Ingest benchmark: articles per second for each source kind, and metadata found on the seeds.

Writes a synthetic corpus (generated here, fixed seed) as text files, HTML pages, one JSONL file
and an RSS file in a temporary directory, times `read_sources` on each, and reads ECB+ from
../shared/data when present. On ../shared/seeds it checks the title, URL, outlet and date that
ingest lifts against the values stated in the foundation issue. Prints a table and writes
bench/results/ingest.json.

    .venv/bin/python bench/ingest.py [--articles 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from storyline.ingest import read_sources
from storyline.settings import IngestSettings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "bench" / "results" / "ingest.json"
WORDS = [
    "council",
    "harbour",
    "minister",
    "said",
    "on",
    "Monday",
    "that",
    "the",
    "new",
    "plan",
    "would",
    "cost",
    "million",
    "euros",
    "and",
    "critics",
    "argued",
    "it",
    "was",
    "rushed",
    "while",
    "residents",
    "welcomed",
    "the",
    "decision",
    "after",
    "months",
    "of",
    "talks",
    "with",
    "unions",
    "over",
    "pay",
    "and",
    "the",
    "budget",
    "for",
    "roads",
    "schools",
    "and",
    "hospitals",
    "in",
    "the",
    "region",
]
# What the foundation issue says ingest must find in the seeds (None: no date may be invented).
SEED_EXPECTED = {
    "000": {
        "title": "Lavrov Balks at UN Sanctions on Syria",
        "url": "https://www.themoscowtimes.com/2012/01/25/lavrov-balks-at-un-sanctions-on-syria-a12139",
        "outlet": "themoscowtimes.com",
        "published": "2012-01-25",
    },
    "001": {"published": None},
    "002": {"outlet": "AFP", "published": "2012-01-25"},
    "003": {"published": None},
    "004": {"published": None},
}


def synthetic_articles(count: int) -> list[dict[str, str]]:
    """`count` articles of 300 to 600 words, the same every run."""
    rng = random.Random(7)
    articles = []
    for index in range(count):
        paragraphs = []
        for _ in range(rng.randint(6, 10)):
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
                for _ in range(rng.randint(2, 5))
            ]
            paragraphs.append(" ".join(sentences))
        title = f"Story {index}: " + " ".join(rng.choice(WORDS) for _ in range(6))
        day = 1 + index % 28
        articles.append({"id": f"s{index}", "title": title, "date": f"2020-03-{day:02d}",
                         "text": "\n\n".join(paragraphs)})  # fmt: skip
    return articles


def write_corpus(root: Path, articles: list[dict[str, str]]) -> dict[str, list[str]]:
    """The corpus in each source kind; returns the source arguments per kind."""
    (root / "txt").mkdir()
    (root / "html").mkdir()
    for a in articles:
        date = a["date"]
        (root / "txt" / f"{a['id']}.txt").write_text(
            f"{a['title']}\n\n{date}\n\nBy Jane Doe\n\n{a['text']}\n", encoding="utf-8"
        )
        body = "".join(f"<p>{html.escape(p)}</p>" for p in a["text"].split("\n\n"))
        (root / "html" / f"{a['id']}.html").write_text(
            f"<html><head><title>{html.escape(a['title'])}</title>"
            f'<meta property="article:published_time" content="{date}"></head><body>'
            f"<nav>Home | World | Sport</nav><article><h1>{html.escape(a['title'])}</h1>{body}"
            "</article><footer>Copyright</footer></body></html>",
            encoding="utf-8",
        )
    with (root / "all.jsonl").open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({**a, "source": "bench.example"}) + "\n")
    items = "".join(
        f"<item><title>{html.escape(a['title'])}</title><link>https://bench.example/{a['id']}</link>"
        f"<description>{html.escape(a['text'])}</description></item>"
        for a in articles
    )
    (root / "all.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    return {
        "text files": [str(root / "txt")],
        "HTML pages": [str(root / "html")],
        "JSONL records": [str(root / "all.jsonl")],
        "RSS entries": [str(root / "all.rss")],
    }


def timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def throughput(sources: dict[str, list[str]], repeat: int) -> list[dict]:
    """Articles per second and megabytes per second for each kind of source."""
    settings = IngestSettings()
    rows = []
    for kind, args in sources.items():
        seconds, result = timed(lambda args=args: read_sources(args, settings), repeat)
        size = sum(p.stat().st_size for a in args for p in _files(Path(a)))
        rows.append({"source": kind, "articles": len(result.articles),
                     "skipped": len(result.skipped), "seconds": round(seconds, 3),
                     "articles_per_s": round(len(result.articles) / seconds, 1),
                     "mb_per_s": round(size / seconds / 1e6, 2)})  # fmt: skip
    return rows


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def seed_check() -> list[dict]:
    """Each expected field of each seed, and whether ingest found exactly it."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        return []
    result = read_sources([str(seeds)], IngestSettings())
    by_prefix = {Path(a.location).name[:3]: a for a in result.articles}
    rows = []
    for prefix, fields in SEED_EXPECTED.items():
        article = by_prefix.get(prefix)
        for name, expected in fields.items():
            found = getattr(article, name) if article else "(not read)"
            rows.append({"seed": prefix, "field": name, "expected": expected, "found": found,
                         "ok": found == expected})  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles per kind")
    parser.add_argument("--repeat", type=int, default=3, help="runs per kind; the median is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sources = write_corpus(Path(tmp), synthetic_articles(args.articles))
        ecb = SHARED / "data" / "ecbplus-clusters.jsonl"
        if ecb.is_file():
            sources["ECB+ JSONL (real)"] = [str(ecb)]
        else:
            print(f"(ECB+ not found at {ecb}: skipped)")
        rows = throughput(sources, args.repeat)
    print(f"{'source':<20} {'articles':>8} {'skipped':>7} {'seconds':>8} {'art/s':>8} {'MB/s':>6}")
    for r in rows:
        print(f"{r['source']:<20} {r['articles']:>8} {r['skipped']:>7} {r['seconds']:>8} "
              f"{r['articles_per_s']:>8} {r['mb_per_s']:>6}")  # fmt: skip
    seeds = seed_check()
    if seeds:
        ok = sum(r["ok"] for r in seeds)
        print(f"\nseed metadata: {ok}/{len(seeds)} expected fields found exactly")
        for r in seeds:
            if not r["ok"]:
                wanted, got = r["expected"], r["found"]
                print(f"  MISS {r['seed']} {r['field']}: expected {wanted!r}, got {got!r}")
    else:
        print("\n(seeds not found: metadata check skipped)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"throughput": rows, "seeds": seeds}, indent=2) + "\n")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
