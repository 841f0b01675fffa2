"""Run I/O-bound work on a small thread pool, stopping cleanly when asked."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_NOT_STARTED = object()


def run_pool(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    stop: threading.Event,
) -> Iterator[tuple[int, Result]]:
    """Yield (index, result) as work finishes; once `stop` is set, items not yet begun are dropped.

    `work` must not raise: it returns its failures as results. Completion order varies, so
    callers order what they keep by index.
    """

    def guarded(item: Item) -> object:
        return _NOT_STARTED if stop.is_set() else work(item)

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="fetch") as pool:
        futures = {pool.submit(guarded, item): index for index, item in enumerate(items)}
        for future in as_completed(futures):
            result = future.result()
            if result is not _NOT_STARTED:
                yield futures[future], result  # type: ignore[misc]
