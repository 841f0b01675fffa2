"""Store open benchmark: how long a writer takes to load the stream state of a big store.

A writer (`storyline ingest`, the API's POST) loads the last snapshot of the origin index and the
story clusterer, then replays the articles stored since. This builds one store from
bench/clustering.py's synthetic stream (300-600 words an article, 10% reprints) through
Store.ingest_documents in batches of 2,000, snapshots it when it holds each of `--sizes`
articles, and opens it in a fresh process (median of `--repeat`): right after the snapshot
(nothing to replay) and again after `snapshot_every - 1` more articles (the longest replay the
`snapshot_every` setting allows). `--baseline SRC` builds and measures the same with another
checkout's src/ (`git worktree add /tmp/base <commit>`) and prints before/after ratios.
Prints a table and writes bench/results/store_open.json.

    .venv/bin/python bench/store_open.py [--sizes 10000 30000 100000] [--baseline /tmp/base/src]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
SRC = BENCH.parent / "src"
BATCH = 2000  # articles per ingest transaction while building, as serve.py's bulk path
NEVER = 10**12  # a snapshot_every that never comes due while building


def build_and_measure(db: Path, sizes: list[int], repeat: int) -> list[dict]:
    """Grow one store through every size; at each, snapshot and measure opening twice."""
    sys.path.insert(0, str(BENCH))
    from clustering import Stream  # the synthetic stream of the clustering benchmark

    from storyline.settings import Settings, StoreSettings
    from storyline.store import Store

    settings = Settings()
    replay = settings.store.snapshot_every - 1
    building = dataclasses.replace(settings, store=StoreSettings(snapshot_every=NEVER))
    snapshotting = dataclasses.replace(settings, store=StoreSettings(snapshot_every=1))
    documents = iter(Stream(max(sizes) + replay).documents())
    rows, held = [], 0
    with Store(db, building) as store:
        for size in sorted(sizes):
            held += _fill(store, documents, size - 1 - held)
            store.settings = snapshotting  # the next batch (one article) writes the snapshot
            start, start_cpu = time.perf_counter(), time.process_time()
            held += _fill(store, documents, 1)
            snapshot_ms = (time.perf_counter() - start) * 1000
            snapshot_cpu_ms = (time.process_time() - start_cpu) * 1000
            store.settings = building
            snapshot_bytes = store.conn.execute(
                "SELECT length(CAST(state AS BLOB)) FROM stream_state"
            ).fetchone()[0]
            after_snapshot = _open(db, repeat)
            held += _fill(store, documents, replay)
            with_replay = _open(db, repeat)
            rows.append(
                {
                    "articles": size,
                    "snapshot_bytes": snapshot_bytes,
                    "snapshot_write_ms": round(snapshot_ms),
                    "snapshot_write_cpu_ms": round(snapshot_cpu_ms),
                    "open_after_snapshot": after_snapshot,
                    "open_with_replay": {"replayed": replay, **with_replay},
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _fill(store, documents, count: int) -> int:
    """Ingest the next `count` documents of the stream in batches; returns how many."""
    for first in range(0, count, BATCH):
        batch = list(itertools.islice(documents, min(BATCH, count - first)))
        store.ingest_documents(batch, "bench build")
    return count


def _open(db: Path, repeat: int) -> dict:
    """Median wall and CPU seconds of opening a writer in a fresh process, `repeat` times."""
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, __file__, "--open-only", str(db)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(repeat)
    ]
    return {key: round(statistics.median(run[key] for run in runs), 3) for key in runs[0]}


def open_once(db: Path) -> dict:
    """Open a writer on `db` and load its stream state: what `storyline ingest` does first."""
    from storyline.settings import Settings
    from storyline.store import Store

    start, start_cpu = time.perf_counter(), time.process_time()
    with Store(db, Settings(), create=False) as store:
        store.ingest_documents([], "bench: open")  # an empty batch loads the stream state
    return {"wall_s": time.perf_counter() - start, "cpu_s": time.process_time() - start_cpu}


def run_side(src: Path, sizes: list[int], repeat: int) -> list[dict]:
    """build_and_measure in a child process that imports storyline from `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    with tempfile.TemporaryDirectory() as folder:
        child = subprocess.run(
            [sys.executable, __file__, "--build-only", str(Path(folder) / "store.db"), str(repeat)]
            + [str(size) for size in sizes],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
    return json.loads(child.stdout)


def print_table(result: dict) -> None:
    sides = [side for side in ("before", "after") if side in result]
    print(
        "| articles | code | snapshot MB | snapshot write s | open after snapshot s (CPU) "
        f"| open with {result['replayed']:,} to replay s (CPU) |"
    )
    print("|---:|---|---:|---:|---:|---:|")
    for index, size in enumerate(result["sizes"]):
        for side in sides:
            row = result[side][index]
            first, full = row["open_after_snapshot"], row["open_with_replay"]
            print(
                f"| {size:,} | {side} | {row['snapshot_bytes'] / 1e6:.1f} "
                f"| {row['snapshot_write_ms'] / 1000:.2f} "
                f"| {first['wall_s']:.2f} ({first['cpu_s']:.2f}) "
                f"| {full['wall_s']:.2f} ({full['cpu_s']:.2f}) |"
            )
        if len(sides) == 2:
            ratio = result["ratios"][index]
            print(
                f"| {size:,} | before / after | {ratio['snapshot_bytes']:.1f}x "
                f"| {ratio['snapshot_write']:.1f}x | {ratio['open_after_snapshot']:.1f}x "
                f"| {ratio['open_with_replay']:.1f}x |"
            )


def ratios(before: list[dict], after: list[dict]) -> list[dict]:
    """before / after of each measure, on CPU time (wall time varies with the machine's load)."""
    return [
        {
            "articles": old["articles"],
            "snapshot_bytes": old["snapshot_bytes"] / new["snapshot_bytes"],
            "snapshot_write": old["snapshot_write_cpu_ms"] / new["snapshot_write_cpu_ms"],
            "open_after_snapshot": old["open_after_snapshot"]["cpu_s"]
            / new["open_after_snapshot"]["cpu_s"],
            "open_with_replay": old["open_with_replay"]["cpu_s"] / new["open_with_replay"]["cpu_s"],
        }
        for old, new in zip(before, after)
    ]


def main() -> None:
    if sys.argv[1:2] == ["--open-only"]:
        print(json.dumps(open_once(Path(sys.argv[2]))))
        return
    if sys.argv[1:2] == ["--build-only"]:
        sizes = [int(size) for size in sys.argv[4:]]
        print(json.dumps(build_and_measure(Path(sys.argv[2]), sizes, int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="opens per measure (median)")
    parser.add_argument("--baseline", type=Path, help="src/ of the code to compare with")
    args = parser.parse_args()
    from storyline.settings import Settings

    result: dict = {
        "command": " ".join(sys.argv),
        "sizes": sorted(args.sizes),
        "replayed": Settings().store.snapshot_every - 1,
        "load_average": os.getloadavg(),
    }
    if args.baseline:
        result["before"] = run_side(args.baseline, result["sizes"], args.repeat)
    result["after"] = run_side(SRC, result["sizes"], args.repeat)
    if args.baseline:
        result["ratios"] = ratios(result["before"], result["after"])
    result["load_average_after"] = os.getloadavg()
    print_table(result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "store_open.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
