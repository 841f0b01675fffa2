"""Greedy grouping of scored pairs across articles: one sentence per article in each group."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def group_pairs(
    articles: Sequence[str],
    pairs: Sequence[tuple[float, int, int]],
    related: Callable[[int, int], bool] | None = None,
) -> list[list[int]]:
    """Groups of item indices; pairs are merged best first when the two groups share no article.

    Keeping at most one item per article stops chains of loosely similar sentences from
    swallowing a whole article. With `related`, two groups merge only when every item of one is
    related to every item of the other: A like B and B like C does not make A and C one
    statement. Singletons are returned too, all in first-index order.
    """
    parent = list(range(len(articles)))
    members: dict[int, set[str]] = {i: {a} for i, a in enumerate(articles)}
    items: dict[int, list[int]] = {i: [i] for i in range(len(articles))}
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        root_i, root_j = _find(parent, i), _find(parent, j)
        if root_i == root_j or members[root_i] & members[root_j]:
            continue
        if related and not all(related(a, b) for a in items[root_i] for b in items[root_j]):
            continue
        keep, drop = min(root_i, root_j), max(root_i, root_j)
        parent[drop] = keep
        members[keep] |= members.pop(drop)
        items[keep] += items.pop(drop)
    groups: dict[int, list[int]] = {}
    for index in range(len(articles)):
        groups.setdefault(_find(parent, index), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def _find(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index
