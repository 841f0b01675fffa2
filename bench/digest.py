"""Whole-digest throughput: `storyline digest` on ECB+ (982 articles) with 1 and N worker processes,
and with the Spark engine.

Reads ../shared/data/ecbplus-clusters.jsonl once, then digests it (clean, dedup, cluster, and
each story's summary and comparison) with `[pipeline] workers` = 1 and = each count given, and
with `engine = "spark"` on each `--spark` master (local[2]: Spark on this machine's two cores),
with the parallel thresholds of pipeline.py as they are. Reports wall seconds, articles per
second, the speed-up over one process, and whether the JSON output is byte-identical to the
one-process run. Each setting runs `--repeat` times; the median is kept (Spark's start, a few
seconds, falls in the first run only, and is reported apart). Writes bench/results/digest.json.

    .venv/bin/python bench/digest.py [--workers 2] [--spark 'local[2]'] [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import statistics
import time
from pathlib import Path

from storyline.ingest import read_sources
from storyline.pipeline import digest_articles
from storyline.render import renderer
from storyline.settings import PipelineSettings, Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ecbplus-clusters.jsonl"
RESULTS = ROOT / "bench" / "results" / "digest.json"


def run(articles: tuple, pipeline: PipelineSettings, repeat: int) -> dict:
    """Median wall time of `repeat` digests on the engine `pipeline` names, and the output's hash."""
    settings = dataclasses.replace(Settings(), pipeline=pipeline)
    times, digests = [], set()
    for _ in range(repeat):
        start = time.perf_counter()
        result = digest_articles(articles, settings)
        times.append(time.perf_counter() - start)
        digests.add(hashlib.sha256(renderer("json")(result).encode()).hexdigest())
    seconds = statistics.median(times)
    spark = pipeline.engine == "spark"
    return {
        "engine": f"spark {pipeline.spark_master}"
        if spark
        else f"{pipeline.workers} process{'es' if pipeline.workers > 1 else ''}",
        "first_run_s": round(times[0], 2),
        "wall_s": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 1),
        "stories": len(result.stories),
        "output_sha256": digests.pop() if len(digests) == 1 else "differs between repeats",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="*", default=[2])
    parser.add_argument("--spark", nargs="*", default=[], metavar="MASTER")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"skipped: {DATA} not found (the benchmark needs ../shared/data)")
        return
    articles = read_sources([str(DATA)], Settings().ingest).articles
    rows = [run(articles, PipelineSettings(workers=1), args.repeat)]
    rows += [
        run(articles, PipelineSettings(workers=n), args.repeat) for n in args.workers if n != 1
    ]
    rows += [
        run(articles, PipelineSettings(engine="spark", spark_master=master), args.repeat)
        for master in args.spark
    ]
    for row in rows:
        row["speedup"] = round(rows[0]["wall_s"] / row["wall_s"], 2)
        row["identical"] = row["output_sha256"] == rows[0]["output_sha256"]
    load = os.getloadavg()[0]
    print(
        f"{len(articles)} ECB+ articles, {os.cpu_count()} cores, load average {load:.1f} at the end"
    )
    print("| engine | first run s | wall s | articles/s | speed-up | stories | same output |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(
            f"| {r['engine']} | {r['first_run_s']} | {r['wall_s']} | {r['articles_per_s']} "
            f"| {r['speedup']} | {r['stories']} | {'yes' if r['identical'] else 'NO'} |"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"data": str(DATA), "load": load, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
