"""The compare stage: acceptance checks of issue #5 on ../shared/seeds, and its speed.

Digests the seeds through the whole pipeline and prints one PASS/FAIL row per criterion of the
issue; then times `compare` on stories of 10 to 50 cleaned Multi-News articles (each its own
origin, the worst case for alignment) and prints a table. Writes bench/results/compare.json.
Skips either part with a message when its data is absent.

    .venv/bin/python bench/compare.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from storyline.clean import clean_article
from storyline.compare import compare
from storyline.model import Article, Comparison, Document, Origin, Story
from storyline.pipeline import digest
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def seed_checks(seeds: Path) -> list[tuple[str, bool, str]]:
    """The issue's "done when" list, checked on the digest of the seeds."""
    result = digest([str(seeds)], Settings())
    seed_of = {d.id: Path(d.article.location).name[:3] for d in result.documents}
    (story,) = result.stories
    c: Comparison = story.comparison

    def seeds_of(citations) -> list[str]:
        return sorted({seed_of[x.article] for x in citations})

    rows = []
    dead = [f for f in c.figures if f.value == 5400]
    ok = len(dead) == 1 and seeds_of(m.citation for m in dead[0].members) == [
        "000",
        "001",
        "002",
        "004",
    ]
    ok = ok and dead[0].support == 3 and not dead[0].conflict
    rows.append(("5,400: one agreed figure, 000 001 002 004, support 3", ok, repr(dead)[:300]))
    sorties = [f for f in c.figures if f.value == 26000]
    ok = len(sorties) == 1 and sorties[0].support == 1 and "sorties" in sorties[0].counts
    rows.append(("26,000 sorties: one figure, one origin", ok, repr(sorties)[:300]))
    conflicts = [f.text for f in c.figures if f.conflict]
    rows.append(("no figure conflict", not conflicts, ", ".join(conflicts)))
    lavrov = [q for q in c.quotes if q.text.startswith("couldn't be interpreted to justify")]
    ok = len(lavrov) == 1 and "Lavrov" in lavrov[0].speaker
    ok = ok and seeds_of(lavrov[0].members) == ["000", "001"]
    rows.append(("Lavrov quote: one quote, Lavrov, 000+001", ok, repr(lavrov)[:300]))
    in_004 = [q for q in c.quotes if seeds_of(q.members) == ["004"]]
    ok = len(in_004) >= 4 and all("Gatilov" in q.speaker for q in in_004)
    rows.append(("004 quotes attributed to Gatilov", ok, str([q.speaker for q in in_004])))
    only_003 = [
        cl.text for s in c.single_source for cl in s.claims if seeds_of(cl.members) == ["003"]
    ]
    wanted = ("so-called aid convoys", "arms are being smuggled to the gunmen")
    missing = [w for w in wanted if not any(w in t for t in only_003)]
    rows.append(("003 only: aid convoys, arms smuggled", not missing, f"missing {missing}"))
    contraband = [cl for cl in c.claims if any("arms contraband" in t for t in [cl.text])]
    ok = all(seeds_of(cl.members) == ["004"] for cl in contraband)
    rows.append(("004 arms contraband not merged with 003", ok, repr(contraband)[:300]))
    dated = [(e.date, seeds_of(e.citations), e.text) for e in c.timeline if e.date]
    veto = next((k for k, e in enumerate(dated) if e[0] == "2011-10" and "veto" in e[2]), None)
    wednesday = [e for e in dated if e[0] == "2012-01-25"]
    press = next((k for k, e in enumerate(dated) if e[0] == "2012-01-25"), None)
    ok = veto is not None and press is not None and veto < press
    rows.append(("timeline: 2011-10 veto before 2012-01-25", ok, str(dated)[:300]))
    wed_seeds = sorted({s for e in wednesday for s in e[1]})
    rows.append(
        ("Wednesday in 000 and 002 is 2012-01-25", {"000", "002"} <= set(wed_seeds), str(wed_seeds))
    )
    return rows


def multinews_documents(path: Path, limit: int) -> list[Document]:
    """The first `limit` Multi-News articles, cleaned, each with a fixed publication date."""
    documents: list[Document] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for k, doc in enumerate(json.loads(line)["documents"]):
                article = Article(
                    f"{len(documents)}-{k}", path.name, doc["text"], published="2019-05-01"
                )
                cleaned = clean_article(article, Settings().clean)
                if cleaned.sentences:
                    documents.append(cleaned)
            if len(documents) >= limit:
                return documents[:limit]
    return documents


def timings(documents: list[Document], repeat: int) -> list[dict]:
    """Seconds to compare a story of the first n documents (first run, then median of repeats)."""
    rows = []
    for n in (10, 25, 50):
        chosen = documents[:n]
        story = Story(
            f"s{n}", "", tuple(d.id for d in chosen), tuple(Origin(d.id, (d.id,)) for d in chosen)
        )
        by_id = {d.id: d for d in chosen}
        start = time.perf_counter()
        compare(story, by_id, Settings().compare)  # the first run also fills caches
        first = time.perf_counter() - start
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = compare(story, by_id, Settings().compare)
            runs.append(time.perf_counter() - start)
        sentences = sum(len(d.sentences) for d in chosen)
        rows.append({"articles": n, "sentences": sentences, "first_run_s": round(first, 3),
                     "seconds": round(statistics.median(runs), 3),
                     "claims": len(result.claims), "figures": len(result.figures), "quotes": len(result.quotes),
                     "events": len(result.timeline)})  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report: dict = {}
    seeds = args.shared / "seeds"
    if seeds.is_dir():
        rows = seed_checks(seeds)
        width = max(len(name) for name, _, _ in rows)
        for name, ok, detail in rows:
            print(f"{'PASS' if ok else 'FAIL'}  {name:<{width}}  {'' if ok else detail}")
        report["seeds"] = [{"check": n, "pass": ok, "detail": d} for n, ok, d in rows]
    else:
        print(f"skipped seed checks: no seeds at {seeds}")
    data = args.shared / "data" / "multinews-dev.jsonl"
    if data.is_file():
        report["speed"] = timings(multinews_documents(data, 50), args.repeat)
        print(
            "\n| articles | sentences | first run s | median s | claims | figures | quotes | events |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in report["speed"]:
            print(f"| {r['articles']} | {r['sentences']} | {r['first_run_s']} | {r['seconds']} | {r['claims']} | "
                  f"{r['figures']} | {r['quotes']} | {r['events']} |")  # fmt: skip
    else:
        print(f"skipped speed: no {data}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "compare.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
