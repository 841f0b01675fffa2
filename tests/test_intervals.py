"""evaluate.intervals: bootstrap intervals over clusters, repeatable and paired."""

from __future__ import annotations

import pytest

from storyline.evaluate.intervals import interval, resampled_means

# Two systems on ten clusters of very different difficulty; B is A plus one point everywhere.
A = [5.0, 40.0, 12.0, 30.0, 8.0, 25.0, 18.0, 35.0, 10.0, 22.0]
B = [x + 1.0 for x in A]


def test_the_same_scores_give_the_same_interval():
    assert interval(resampled_means([A])[0]) == interval(resampled_means([A])[0])


def test_an_interval_holds_the_mean_and_is_wide_when_clusters_differ():
    low, high = interval(resampled_means([A])[0])
    mean = sum(A) / len(A)
    assert low < mean < high
    assert high - low > 5.0  # clusters from 5 to 40: one sample says little


def test_paired_differences_cancel_the_clusters_own_spread():
    means = resampled_means([B, A])
    assert interval(means[0] - means[1]) == pytest.approx((1.0, 1.0))


def test_no_scores_is_an_error():
    with pytest.raises(ValueError, match="one or more"):
        resampled_means([[]])
