"""A bounded memo for the per-word functions the stream calls for every word of every article."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict, Generic[K, V]):
    """`memo[word]` is `function(word)`, computed once; emptied when it holds `limit` results.

    A hit is one dict lookup, a third of what an `lru_cache` hit costs; results never depend on
    what the memo holds, only the time does.
    """

    def __init__(self, function: Callable[[K], V], limit: int) -> None:
        super().__init__()
        self._function = function
        self._limit = limit

    def __missing__(self, key: K) -> V:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._function(key)
        return value


def memo(limit: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """Decorator: a one-argument function answered from a Memo of at most `limit` results."""

    def wrap(function: Callable[[K], V]) -> Callable[[K], V]:
        return Memo(function, limit).__getitem__

    return wrap
