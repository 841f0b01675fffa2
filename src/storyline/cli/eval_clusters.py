"""`storyline eval clusters`: B-cubed and pairwise scores of stories or events against gold labels."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.cluster import IgnoreDatesOption, cluster_sources
from storyline.cli.common import (
    ConfigOption,
    EngineOption,
    SparkMasterOption,
    engine_settings,
    note_spark_unused,
    report_skipped,
)
from storyline.errors import UserError
from storyline.evaluate.clusters import (
    LABELS,
    Scores,
    bcubed_f1_interval,
    load_labels,
    load_predictions,
    score,
)
from storyline.evaluate.intervals import LEVEL, SAMPLES
from storyline.settings import load_settings
from storyline.text.plural import counted

# The gold label each prediction field is scored against.
_FIELD = {"topic": "story", "cluster": "event"}


def eval_clusters_command(
    gold: Annotated[
        Path,
        typer.Option("--gold", help="JSONL with 'id', 'text' (or 'html') and the gold labels."),
    ],
    label: Annotated[
        str,
        typer.Option(
            metavar="|".join(LABELS),
            help="Gold label: topic (scored against stories) or cluster (against events).",
        ),
    ] = "topic",
    pred: Annotated[
        Path | None,
        typer.Option(
            "--pred",
            help="A `storyline cluster` output to score; without it the gold file's articles are "
            "clustered here.",
        ),
    ] = None,
    ignore_dates: IgnoreDatesOption = False,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    config: ConfigOption = None,
) -> None:
    """Print B-cubed precision/recall/F1 and pairwise F1 against the gold labels, and the 95%
    interval of B-cubed F1 over resamples of the gold clusters."""
    if label not in LABELS:
        raise typer.BadParameter(f"must be one of: {', '.join(LABELS)}", param_hint="--label")
    if ignore_dates and pred is not None:
        raise typer.BadParameter(
            "applies only when clustering here, without --pred", param_hint="--ignore-dates"
        )
    labels = load_labels(gold, label)
    if pred is None:
        settings = load_settings(config).with_overrides(
            {"pipeline": engine_settings(engine, spark_master)}
        )
        rows, skipped = cluster_sources([str(gold)], settings, ignore_dates)
        report_skipped(skipped)
        note_spark_unused(settings)
        predicted = {row["id"]: row[_FIELD[label]] for row in rows}
    else:
        predicted = load_predictions(pred, _FIELD[label])
    _report_missing(labels, predicted, pred)
    scores = score(labels, predicted)
    typer.echo(format_scores(scores, f"{label} vs {_FIELD[label]}"))
    low, high = bcubed_f1_interval(labels, predicted)
    typer.echo(
        f"B-cubed F1 {LEVEL}% interval: {100 * low:.1f} - {100 * high:.1f} "
        f"({SAMPLES:,} resamples of the {scores.gold_clusters} gold clusters)"
    )


def _report_missing(labels: Mapping[str, str], predicted: Mapping[str, str], pred: Path | None):
    """Say how many gold articles went unpredicted; none at all means the wrong file was given."""
    missing = sum(1 for item in labels if item not in predicted)
    if pred is not None and missing == len(labels):
        raise UserError(
            f"no article of the gold file has a prediction in {pred}: "
            "was it written by `storyline cluster` on the gold file?"
        )
    if missing:
        print(
            f"storyline: {missing} of {len(labels)} gold articles have no prediction; "
            "each is scored as a cluster of its own",
            file=sys.stderr,
        )


def format_scores(scores: Scores, title: str) -> str:
    """A small plain-text table of the scores, in percent."""
    header = (
        f"{title}: {counted(scores.items, 'article')}, "
        f"{counted(scores.gold_clusters, 'gold cluster')}, {scores.predicted_clusters} predicted"
    )
    bcubed = (scores.bcubed_precision, scores.bcubed_recall, scores.bcubed_f1)
    pairwise = (scores.pairwise_precision, scores.pairwise_recall, scores.pairwise_f1)
    lines = [header, f"{'':10}{'precision':>10}{'recall':>10}{'F1':>10}"]
    lines += [
        f"{name:10}" + "".join(_pct(v) for v in values)
        for name, values in (("B-cubed", bcubed), ("pairwise", pairwise))
    ]
    return "\n".join(lines)


def _pct(value: float) -> str:
    return f"{100 * value:10.1f}"


def register(app: typer.Typer) -> None:
    from storyline.cli import eval_app

    eval_app.command("clusters")(eval_clusters_command)
