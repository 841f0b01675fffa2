"""Per-host politeness: at most N requests in flight to one host, and a pause between requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


class HostLimiter:
    """Caps concurrency and request rate per host; `per_host=0` turns both off (benchmarks)."""

    def __init__(
        self,
        per_host: int,
        interval_s: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._per_host = per_host
        self._interval_s = interval_s
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._intervals: dict[str, float] = {}

    @property
    def enabled(self) -> bool:
        return self._per_host > 0

    def slow_down(self, url: str, interval_s: float) -> None:
        """Space requests to this URL's host at least `interval_s` apart (robots.txt Crawl-delay)."""
        with self._lock:
            host = _host(url)
            self._intervals[host] = max(interval_s, self._intervals.get(host, 0.0))

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold one of the host's request slots, starting no sooner than its interval allows."""
        if not self.enabled:
            yield
            return
        host = _host(url)
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self._per_host))
        with semaphore:
            self._sleep(self._reserve_start(host))
            yield

    def _reserve_start(self, host: str) -> float:
        """Seconds to wait before this request may start; books the next start for the host."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            interval = max(self._interval_s, self._intervals.get(host, 0.0))
            self._next_start[host] = start + interval
            return start - now


def _host(url: str) -> str:
    """The scheme://host:port a limit applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
