"""Per-item work spread over processes or a Spark cluster, results in input order: the same
output as one process.

Cleaning an article and digesting a story depend on that item alone, so a batch of them can use
every core, or every machine of a cluster. Worker processes are forked: they inherit what they
read (all documents, settings) instead of receiving a pickled copy with each task, and only
results travel back. Where fork is not the platform's way (macOS, Windows), or the batch is too
small to repay starting processes, the work runs here, in order. The Spark engine (optional,
`storyline.spark`) ships the same function and context to Spark's executors.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from storyline.settings import PipelineSettings

T = TypeVar("T")
R = TypeVar("R")

_CHUNK = 16  # items per message between processes: amortises pickling without starving a worker
# Smaller batches stay in this process: forking workers costs tens of milliseconds, more than
# cleaning a few articles or digesting a few stories saves.
MIN_ARTICLES = 200
MIN_STORIES = 20
_shared: tuple[Callable[..., Any], tuple[Any, ...]] | None = None  # set in each forked worker


@dataclass(frozen=True)
class Engine:
    """Where a batch's per-item work runs: here, on `workers` forked processes, or on Spark."""

    workers: int = 1
    spark_master: str = ""  # a Spark master URL ("local[*]", "spark://host:7077"): Spark runs it

    @classmethod
    def configured(cls, pipeline: PipelineSettings) -> Engine:
        """The engine `[pipeline]` asks for; `workers = 0` is one process per core."""
        spark_master = pipeline.spark_master if pipeline.engine == "spark" else ""
        return cls(worker_count(pipeline.workers), spark_master)


IN_PROCESS = Engine()  # for callers that must not fork or start Spark (the store, the web server)


def worker_count(requested: int) -> int:
    """Processes to use: `requested`, or one per core when it is 0."""
    return requested if requested > 0 else os.cpu_count() or 1


def ordered_map(
    function: Callable[..., R],
    items: Sequence[T],
    context: tuple[Any, ...] = (),
    engine: Engine = IN_PROCESS,
    min_items: int = 1,
) -> Iterator[R]:
    """`function(item, *context)` for each item, yielded in input order.

    A batch of at least `min_items` items runs on Spark when the engine names a master, else on
    `engine.workers` processes when fork is available; `context` (documents, settings) reaches
    forked workers by inheritance, never by pickling, and Spark's executors as one broadcast.
    """
    if len(items) >= min_items and engine.spark_master:
        from storyline import spark  # pyspark is optional and slow to import: only when asked

        yield from spark.ordered_map(function, items, context, engine.spark_master)
        return
    workers = engine.workers
    if workers <= 1 or len(items) < min_items or not _can_fork():
        yield from (function(item, *context) for item in items)
        return
    with ProcessPoolExecutor(
        max_workers=min(workers, len(items)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_install,
        initargs=(function, context),
    ) as pool:
        yield from pool.map(_call, items, chunksize=_CHUNK)


def _can_fork() -> bool:
    """Fork is safe and cheap on Linux; elsewhere Python advises against it."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _install(function: Callable[..., Any], context: tuple[Any, ...]) -> None:
    global _shared
    _shared = (function, context)


def _call(item: Any) -> Any:
    assert _shared is not None, "a worker runs tasks only after _install"
    function, context = _shared
    return function(item, *context)
