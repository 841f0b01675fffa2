"""Clustering scores against gold labels (B-cubed and pairwise F1) and the gold/prediction loaders.

B-cubed (Bagga & Baldwin 1998): for each item, precision is the share of its predicted cluster
that shares its gold label and recall the share of its gold cluster that shares its predicted
cluster; both are averaged over items. Pairwise F1 counts item pairs put together.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

import numpy as np

from storyline.errors import UserError
from storyline.evaluate.intervals import interval, resamples
from storyline.ingest.jsonl import json_lines, loads_json, scalar_problem

LABELS: tuple[str, ...] = ("topic", "cluster")


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 of one clustering against gold, B-cubed and pairwise (0..1)."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    items: int
    gold_clusters: int
    predicted_clusters: int


def score(gold: Mapping[str, str], predicted: Mapping[str, str]) -> Scores:
    """Scores of `predicted` (item -> cluster) against `gold` (item -> label) on gold's items.

    An item missing from `predicted` counts as a singleton, so a dropped article costs recall.
    """
    items, joint, gold_sizes, pred_sizes = _counts(gold, predicted)
    b_precision = sum(n * n / pred_sizes[p] for (_, p), n in joint.items()) / len(items)
    b_recall = sum(n * n / gold_sizes[g] for (g, _), n in joint.items()) / len(items)
    together = sum(_pairs(n) for n in joint.values())
    p_precision = _ratio(together, sum(_pairs(n) for n in pred_sizes.values()))
    p_recall = _ratio(together, sum(_pairs(n) for n in gold_sizes.values()))
    return Scores(
        b_precision,
        b_recall,
        _f1(b_precision, b_recall),
        p_precision,
        p_recall,
        _f1(p_precision, p_recall),
        len(items),
        len(gold_sizes),
        len(pred_sizes),
    )


def _counts(
    gold: Mapping[str, str], predicted: Mapping[str, str]
) -> tuple[list[str], Counter[tuple[str, str]], Counter[str], Counter[str]]:
    """Gold's items, and how many fall in each (gold, predicted) pair, gold cluster and predicted one.

    An item missing from `predicted` counts as a singleton, so a dropped article costs recall.
    """
    items = sorted(gold)
    if not items:
        raise UserError("the gold file has no labelled items")
    pred = {item: _predicted(predicted, item) for item in items}
    joint = Counter((gold[i], pred[i]) for i in items)
    return items, joint, Counter(gold[i] for i in items), Counter(pred[i] for i in items)


def _predicted(predicted: Mapping[str, str], item: str) -> str:
    """An item's predicted cluster; one of its own when it has none."""
    return predicted.get(item, f"\x00missing:{item}")


def bcubed_f1_on(
    gold: Mapping[str, str], predicted: Mapping[str, str], items: Iterable[str]
) -> float:
    """B-cubed F1 averaged over `items` alone (0..1), each with the precision and recall it has
    in the whole clustering.

    Scoring a part of the gold (half of the topics) against the clustering cut down to that
    part would hide a predicted cluster that joins it to the rest: here that costs its items
    their precision, as it does in the whole score.
    """
    _, joint, gold_sizes, pred_sizes = _counts(gold, predicted)
    kept = [(gold[item], _predicted(predicted, item)) for item in items]
    precision = fmean(joint[g, p] / pred_sizes[p] for g, p in kept)
    recall = fmean(joint[g, p] / gold_sizes[g] for g, p in kept)
    return _f1(precision, recall)


def bcubed_f1_interval(
    gold: Mapping[str, str], predicted: Mapping[str, str]
) -> tuple[float, float]:
    """The 95% interval of B-cubed F1 over resamples of the gold clusters (0..1).

    Each item keeps the precision and recall it has in the whole clustering; a resample draws
    gold clusters with replacement, with all their items, and averages over those items. It
    says how far the score could move on another sample of stories like these (43 ECB+ topics
    are few), not how another clustering of that sample would score.
    """
    _, joint, gold_sizes, pred_sizes = _counts(gold, predicted)
    labels = sorted(gold_sizes)
    row = {label: k for k, label in enumerate(labels)}
    precision, recall = np.zeros(len(labels)), np.zeros(len(labels))
    for (g, p), n in joint.items():  # per gold cluster: summed precision and recall of its items
        precision[row[g]] += n * n / pred_sizes[p]
        recall[row[g]] += n * n / gold_sizes[g]
    sizes = np.array([gold_sizes[label] for label in labels], dtype=np.float64)
    picks = resamples(len(labels))
    total = sizes[picks].sum(axis=1)
    mean_p, mean_r = precision[picks].sum(axis=1) / total, recall[picks].sum(axis=1) / total
    return interval(2 * mean_p * mean_r / np.maximum(mean_p + mean_r, 1e-12))


def load_labels(path: Path, label: str) -> dict[str, str]:
    """Item id -> gold `label` ("topic" or "cluster") of every record of a JSONL file."""
    if label not in LABELS:
        raise UserError(f"unknown label '{label}'; use one of: {', '.join(LABELS)}")
    return _field(path, label, "a gold record")


def load_predictions(path: Path, field: str) -> dict[str, str]:
    """Item id -> predicted `field` ("story", "event" or "origin") of a `storyline cluster` file."""
    return _field(path, field, "a prediction record")


def _field(path: Path, field: str, what: str) -> dict[str, str]:
    """Record id -> the record's `field`, for every line of a JSONL file."""
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, record in _records(path):
        if record.get("id") is None or record.get(field) is None:
            raise UserError(f"{path}:{number}: {what} needs 'id' and '{field}'")
        problem = scalar_problem(record["id"]) or scalar_problem(record[field], field)
        if problem:
            raise UserError(f"{path}:{number}: {what} is unusable: {problem}")
        key = str(record["id"])
        if key in lines:  # the later label would silently win and skew every score
            raise UserError(f"{path}:{number}: id {key} is already on line {lines[key]}")
        values[key], lines[key] = str(record[field]), number
    return values


def _records(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) of each non-blank line of a JSONL file."""
    for number, line in json_lines(path):
        try:
            record = loads_json(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise UserError(f"{path}:{number}: each line must be a JSON object")
        yield number, record


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, or 1.0 when there is nothing to get wrong (no pairs)."""
    return numerator / denominator if denominator else 1.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
