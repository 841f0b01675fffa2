"""`storyline eval summaries`: ROUGE of storyline's summaries against a cluster file's references."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storyline.cli import eval_app
from storyline.cli.common import (
    ConfigOption,
    EngineOption,
    LlmCacheOption,
    LlmModelOption,
    LlmUrlOption,
    SparkMasterOption,
    SummarizerOption,
    digest_progress,
    engine_settings,
    note_spark_unused,
    report_fallbacks,
    summarizer_settings,
)
from storyline.cli.summarize import ClustersOption, Limit
from storyline.errors import UserError
from storyline.settings import load_settings

if TYPE_CHECKING:
    from storyline.evaluate.faithfulness import Stated  # heavy (rouge-score): imported on use


def eval_summaries_command(
    clusters: ClustersOption,
    max_words: Annotated[
        int, typer.Option("--max-words", help="Budget; summaries are also cut to it.")
    ] = 230,
    measure: Annotated[
        str, typer.Option("--measure", metavar="f1|recall|precision", help="Which ROUGE score.")
    ] = "f1",
    summaries: Annotated[
        Path | None,
        typer.Option(
            "--summaries",
            help="Score this output of `storyline summarize` (matched by id) instead of summarising "
            "the clusters on the fly (the default).",
        ),
    ] = None,
    limit: Limit = None,
    summarizer: SummarizerOption = None,
    llm_url: LlmUrlOption = None,
    llm_model: LlmModelOption = None,
    llm_cache: LlmCacheOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    config: ConfigOption = None,
) -> None:
    """Print ROUGE-1, ROUGE-2 and ROUGE-Lsum (Porter stemming), averaged over each cluster's
    references, each with a 95% bootstrap interval over the clusters."""
    from storyline.evaluate.faithfulness import stated_each, summaries_and_stated
    from storyline.evaluate.intervals import LEVEL, SAMPLES, interval, resampled_means
    from storyline.evaluate.summaries import ROUGE_TYPES, cut_to_words, load_clusters, rouge_each

    settings = load_settings(config).with_overrides(
        {
            "summarize": {
                "max_words": max_words,
                **summarizer_settings(summarizer, llm_url, llm_model, llm_cache),
            },
            "pipeline": engine_settings(engine, spark_master),
        }
    )
    records = [c for c in load_clusters(clusters, limit) if c.references]
    if not records:
        raise UserError(f"{clusters}: no cluster has reference summaries to score against")
    if summaries is not None:
        texts = _read_summaries(summaries, [c.id for c in records])
        counts = list(
            stated_each(records, clusters, [cut_to_words(t, max_words) for t in texts], settings)
        )
    else:
        made, counts = [], []
        with digest_progress() as progress:
            for done, (summary, stated) in enumerate(
                summaries_and_stated(records, clusters, settings), start=1
            ):
                made.append(summary)
                counts.append(stated)
                progress("summarize", done, len(records))
        report_fallbacks(made)
        texts = [summary.text for summary in made]
    note_spark_unused(settings)
    each = rouge_each(
        [cut_to_words(t, max_words) for t in texts], [c.references for c in records], measure
    )
    series = [[scores[name] for scores in each if scores is not None] for name in ROUGE_TYPES]
    means = resampled_means(series)
    print(f"clusters: {len(records)}  budget: {max_words} words  measure: {measure}")
    for k, label in enumerate(("ROUGE-1", "ROUGE-2", "ROUGE-Lsum")):
        low, high = interval(means[k])
        mean = math.fsum(series[k]) / len(series[k])
        print(f"{label:<11} {mean:6.2f}   {LEVEL}% interval {low:6.2f} - {high:6.2f}")
    print(
        f"(intervals: {SAMPLES:,} bootstrap resamples of the clusters; another sample may move a mean so far)"
    )
    _print_stated(counts)


def _print_stated(counts: list[Stated]) -> None:
    """The share of summary sentences the clusters' own articles state (evaluate/faithfulness.py)."""
    sentences = sum(c.sentences for c in counts)
    share = 100 * sum(c.stated for c in counts) / sentences if sentences else 0.0
    print(
        f"stated by the articles: {share:.1f}% of {sentences:,} summary sentences "
        "(the check of --summarizer llm: words, figures and names found in the cluster)"
    )


def _read_summaries(path: Path, ids: list[str]) -> list[str]:
    """The "summary" field of each wanted id in a `storyline summarize` output file.

    Read as gold files are (any encoding; a binary file is an error), and as strictly: a
    repeated id would score one cluster against another's summary.
    """
    from storyline.ingest.jsonl import json_lines, loads_json, scalar_problem

    if not path.is_file():
        raise UserError(f"summaries file not found: {path}")
    found: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in json_lines(path):
        try:
            record = loads_json(line)
            key, summary = record["id"], str(record["summary"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise UserError(
                f'{path}:{number}: not a summary record ({exc}); expected {{"id", "summary"}}'
            ) from None
        if scalar_problem(key):
            raise UserError(f"{path}:{number}: {scalar_problem(key)}")
        if str(key) in lines:
            raise UserError(f"{path}:{number}: id {key} is already on line {lines[str(key)]}")
        found[str(key)], lines[str(key)] = summary, number
    missing = [i for i in ids if i not in found]
    if missing:
        raise UserError(f"{path}: no summary for cluster {missing[0]} ({len(missing)} missing)")
    return [found[i] for i in ids]


def register(app: typer.Typer) -> None:
    eval_app.command("summaries")(eval_summaries_command)
