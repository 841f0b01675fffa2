"""Bootstrap intervals: how far a mean over a sample of clusters could move on another sample.

A score averaged over 100 clusters moves by a point or more from one sample of clusters to the
next, so a mean alone cannot say whether a system is above a bar or better than another.
Percentile bootstrap (Efron & Tibshirani 1993) over the clusters, with a fixed seed so that the
same scores always give the same intervals.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SAMPLES = 10_000
SEED = 0
LEVEL = 95  # percent of resampled means an interval holds


def resampled_means(series: Sequence[Sequence[float]]) -> np.ndarray:
    """Means of each series (a row) over the same SAMPLES resamples of its positions.

    The same resamples for every series make differences between them paired: the clusters'
    own difficulty, which moves every system alike, cancels out of a difference.
    """
    scores = np.asarray(series, dtype=np.float64)
    if scores.ndim != 2 or scores.shape[1] == 0:
        raise ValueError("resampled_means needs one or more series of one or more scores")
    return scores[:, resamples(scores.shape[1])].mean(axis=2)


def resamples(count: int) -> np.ndarray:
    """SAMPLES rows of `count` positions drawn with replacement from range(count), always the same."""
    return np.random.default_rng(SEED).integers(0, count, (SAMPLES, count))


def interval(means: np.ndarray) -> tuple[float, float]:
    """The central LEVEL percent of resampled means (or of resampled differences)."""
    tail = (100 - LEVEL) / 2
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)
