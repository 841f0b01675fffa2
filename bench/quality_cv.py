"""Summary settings on clusters they were not chosen on: two-fold cross-validation on Multi-News.

The summary settings (lead window, position prior, ILP candidates; with `--grid concepts`, the
weights of concept weighting) were chosen on all 100 Multi-News dev clusters, at 230 words. Here the clusters are split into even and odd positions in
the file. For each half, the grid point with the best mean ROUGE-2 on it is scored on the other
half, beside the shipped defaults. Settings fitted to the dev set's quirks would score well on the
half they were chosen on and worse on the other.

Prints a table and writes bench/results/quality_cv_<grid>.json.

    .venv/bin/python bench/quality_cv.py [--max-words 230] [--grid selection|concepts]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import statistics
import sys
from pathlib import Path

from storyline.dedup import find_origins
from storyline.evaluate.summaries import cluster_articles, cut_to_words, load_clusters, rouge_each
from storyline.settings import Settings, SummarizeSettings
from storyline.summarize.batch import clean_articles, summarize_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "multinews-dev.jsonl"
RESULTS = ROOT / "bench" / "results"  # quality_cv_<grid>.json
# Two grids, one run each (`--grid`): the selection settings, and the constants of concept
# weighting (a lead's extra count, the power on origins, a single word's share).
GRIDS = {
    "selection": {
        "lead_sentences": (2, 3, 4),
        "position_weight": (10.0, 15.0, 20.0, 25.0, 30.0),
        "max_candidates": (20, 25, 30),
    },
    "concepts": {
        "lead_value": (1.25, 1.5, 1.75),
        "agreement_power": (1.25, 1.5, 1.75),
        "unigram_share": (0.2, 0.3, 0.4),
    },
}
HALVES = {"even": 0, "odd": 1}  # cluster position modulo 2


def grid_settings(defaults: SummarizeSettings, grid: dict) -> list[SummarizeSettings]:
    """Every combination of the grid's values, the defaults' other settings unchanged."""
    return [
        dataclasses.replace(defaults, **dict(zip(grid, values, strict=True)))
        for values in itertools.product(*grid.values())
    ]


def rouge2_each(settings: Settings, stories: list, references: list) -> list[float]:
    """ROUGE-2 F1 of every cluster's summary under `settings` (stories: documents and origins)."""
    summaries = [
        cut_to_words(
            summarize_documents(docs, settings, origins).text, settings.summarize.max_words
        )
        for docs, origins in stories
    ]
    return [s["rouge2"] for s in rouge_each(summaries, references, "f1") if s is not None]


def described(settings: SummarizeSettings, grid: dict) -> str:
    return " / ".join(f"{getattr(settings, name):g}" for name in grid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-words", type=int, default=230)
    parser.add_argument("--grid", choices=sorted(GRIDS), default="selection")
    args = parser.parse_args(argv)
    grid = GRIDS[args.grid]
    if not DATA.is_file():
        print(f"skipped: {DATA} not found (the benchmark needs ../shared/data)", file=sys.stderr)
        return 0
    base = Settings()
    base = dataclasses.replace(
        base, summarize=dataclasses.replace(base.summarize, max_words=args.max_words)
    )
    clusters = [c for c in load_clusters(DATA) if c.references]  # scored clusters only, so
    # positions (the halves) are the same in every grid point's scores
    documents = [clean_articles(cluster_articles(c, DATA), base) for c in clusters]
    stories = [(docs, find_origins(docs, base.dedup)) for docs in documents]
    references = [c.references for c in clusters]
    points = [base.summarize, *grid_settings(base.summarize, grid)]
    scored = []
    for number, point in enumerate(points, start=1):
        settings = dataclasses.replace(base, summarize=point)
        scored.append((point, rouge2_each(settings, stories, references)))
        print(f"\rsummarised {number} of {len(points)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    default_scores = scored[0][1]
    folds = [
        _fold(tuned, held, scored[1:], default_scores, grid)
        for tuned, held in (("even", "odd"), ("odd", "even"))
    ]
    print(f"settings: {' / '.join(grid)}; defaults {described(points[0], grid)}")
    mean = statistics.fmean(default_scores)
    print(f"ROUGE-2 F1 at {args.max_words} words, every cluster, the defaults: {mean:.2f}")
    print("| tuned on | scored on | chosen | tuning half | held-out half | defaults there |")
    print("|---|---|---|---:|---:|---:|")
    for row in folds:
        print(
            f"| {row['tuned_on']} | {row['scored_on']} | {row['chosen']} | {row['tuning_half']:.2f} "
            f"| {row['held_out']:.2f} | {row['defaults_held_out']:.2f} |"
        )
    results = RESULTS / f"quality_cv_{args.grid}.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(
        json.dumps({"max_words": args.max_words, "grid": grid, "folds": folds}, indent=2) + "\n",
        encoding="utf-8",
    )
    return 0


def _fold(tuned: str, held: str, scored: list, default_scores: list[float], grid: dict) -> dict:
    """The grid point best on half `tuned`, and how it and the defaults score on half `held`."""

    def mean(scores: list[float], half: str) -> float:
        return statistics.fmean(s for k, s in enumerate(scores) if k % 2 == HALVES[half])

    best, best_scores = max(scored, key=lambda item: mean(item[1], tuned))  # first on ties
    return {
        "tuned_on": tuned,
        "scored_on": held,
        "chosen": described(best, grid),
        "tuning_half": round(mean(best_scores, tuned), 2),
        "held_out": round(mean(best_scores, held), 2),
        "defaults_held_out": round(mean(default_scores, held), 2),
    }


if __name__ == "__main__":
    sys.exit(main())
