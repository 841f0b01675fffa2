"""Work spread over processes gives exactly what one process gives, in the same order."""

import dataclasses
import os
import sys
from pathlib import Path

import pytest

from storyline import parallel, pipeline
from storyline.parallel import Engine, ordered_map, worker_count
from storyline.render import renderer
from storyline.settings import Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="worker processes are only forked on Linux"
)


def _with_workers(workers: int) -> Settings:
    return dataclasses.replace(
        Settings(), pipeline=dataclasses.replace(Settings().pipeline, workers=workers)
    )


def _scaled_with_pid(item: int, factor: int) -> tuple[int, int]:
    return item * factor, os.getpid()


@linux_only
def test_ordered_map_keeps_order_and_uses_other_processes():
    results = list(ordered_map(_scaled_with_pid, range(200), (3,), Engine(workers=2), min_items=1))
    assert [value for value, _ in results] == [3 * n for n in range(200)]
    assert {pid for _, pid in results} - {os.getpid()}  # the work really left this process


def test_small_batches_and_one_worker_stay_in_this_process():
    for workers, min_items in ((1, 1), (2, 1000)):
        results = list(ordered_map(_scaled_with_pid, range(10), (2,), Engine(workers), min_items))
        assert results == [(2 * n, os.getpid()) for n in range(10)]


def test_zero_workers_means_one_per_core():
    assert worker_count(0) == (os.cpu_count() or 1) and worker_count(3) == 3


@linux_only
def test_digest_on_two_processes_is_byte_identical(monkeypatch):
    """Clean and digest the example corpus in worker processes and in this one: same JSON."""
    monkeypatch.setattr(parallel, "MIN_ARTICLES", 1)
    monkeypatch.setattr(parallel, "MIN_STORIES", 1)
    outputs = []
    for workers in (1, 2):
        outputs.append(renderer("json")(pipeline.digest([str(EXAMPLES)], _with_workers(workers))))
    assert outputs[0] == outputs[1]
    assert '"summary"' in outputs[0]


@linux_only
def test_batch_summaries_on_two_processes_are_the_same(monkeypatch):
    """`summarize --clusters` and `eval summaries` get the same summaries from worker processes."""
    from storyline.evaluate import summaries

    clusters_file = Path(__file__).parent / "fixtures" / "summarize" / "clusters.jsonl"
    records = summaries.load_clusters(clusters_file)
    monkeypatch.setattr(parallel, "MIN_STORIES", 1)
    texts = []
    for workers in (1, 2):
        batch = summaries.summarize_clusters(records, clusters_file, _with_workers(workers))
        texts.append([summary.text for summary in batch])
    assert texts[0] == texts[1] and len(texts[0]) == len(records) and all(texts[0])
