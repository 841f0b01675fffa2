"""What the clean stage does to real scraped text: drops and repairs by kind, and its speed.

Cleans every article of ../shared/data/multinews-dev.jsonl and every seed in ../shared/seeds,
prints a table of dropped lines by reason and repairs by kind, the seeds' word-level changes,
and writes bench/results/clean.json. With --show KIND it prints every dropped line or repair of
that kind, for reviewing by eye. Skips with a message when the data is absent.

    .venv/bin/python bench/clean.py [--data ../shared] [--show boilerplate:caption]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.clean import clean_article
from storyline.model import Article, Document
from storyline.settings import CleanSettings

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def multinews_articles(path: Path) -> list[Article]:
    """Every document of every cluster as an Article, ids "cluster-document"."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            for i, doc in enumerate(json.loads(line)["documents"]):
                articles.append(
                    Article(id=f"{n}-{i}", location=f"{path.name}:{n + 1}", text=doc["text"])
                )
    return articles


def seed_articles(folder: Path) -> list[Article]:
    return [
        Article(id=p.name[:3], location=str(p), text=p.read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.txt"))
    ]


def clean_all(articles: list[Article]) -> tuple[list[Document], float]:
    settings = CleanSettings()
    clean_article(articles[0], settings)  # load the language model and word lists once
    start = time.perf_counter()
    documents = [clean_article(a, settings) for a in articles]
    return documents, time.perf_counter() - start


def word_changes(doc: Document) -> dict[str, list[str]]:
    """Words of the raw text not in text+dropped, and words in the text that the raw lacks."""
    raw = Counter(WORD.findall(doc.article.text))
    kept = Counter(WORD.findall(doc.text))
    return {
        "dropped_lines": list(doc.dropped),
        "lost": sorted((raw - kept - Counter(WORD.findall(" ".join(doc.dropped)))).elements()),
        "added": sorted((kept - raw).elements()),
        "repairs": [
            f"{r.before!r} -> {r.after!r}"
            for r in doc.repairs
            if not r.kind.startswith("boilerplate")
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", help="print every change of this kind (e.g. glued-words)")
    args = parser.parse_args()
    corpus = args.data / "data" / "multinews-dev.jsonl"
    seeds = args.data / "seeds"
    if not corpus.is_file() or not seeds.is_dir():
        sys.exit(f"skipped: {corpus} or {seeds} not found")

    articles = multinews_articles(corpus)
    documents, seconds = clean_all(articles)
    kinds = Counter(r.kind for d in documents for r in d.repairs)
    languages = Counter(d.language for d in documents)
    print(
        f"Multi-News dev: {len(documents)} articles, {sum(len(a.text.splitlines()) for a in articles)} lines"
    )
    print(f"{'change':<24}{'count':>7}")
    for kind, count in sorted(kinds.items()):
        print(f"{kind:<24}{count:>7}")
    print(f"languages: {dict(sorted(languages.items()))}")
    print(f"time: {1000 * seconds / len(documents):.1f} ms per article ({seconds:.2f} s total)")
    if args.show:
        for d in documents:
            for r in d.repairs:
                if r.kind == args.show:
                    print(f"  {d.id}: {r.before!r} -> {r.after!r}")

    seed_docs, _ = clean_all(seed_articles(seeds))
    changes = {d.id: word_changes(d) for d in seed_docs}
    for seed, change in changes.items():
        print(
            f"seed {seed}: dropped {len(change['dropped_lines'])} lines, lost {change['lost']}, "
            f"added {change['added']}"
        )
        for repair in change["repairs"]:
            print(f"    {repair}")

    out = ROOT / "bench" / "results" / "clean.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "multinews": {
            "articles": len(documents),
            "changes": dict(sorted(kinds.items())),
            "languages": dict(sorted(languages.items())),
            "ms_per_article": round(1000 * seconds / len(documents), 2),
        },
        "seeds": changes,
    }
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
