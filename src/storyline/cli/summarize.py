"""`storyline summarize --clusters`: one cited summary per cluster of a JSONL file (batch mode)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.common import (
    ConfigOption,
    EngineOption,
    LlmCacheOption,
    LlmModelOption,
    LlmUrlOption,
    SparkMasterOption,
    SummarizerOption,
    check_output,
    digest_progress,
    engine_settings,
    note_spark_unused,
    report_fallbacks,
    report_skipped,
    summarizer_settings,
    write_output,
)
from storyline.errors import UserError
from storyline.model import Summary
from storyline.settings import load_settings

ClustersOption = Annotated[
    Path,
    typer.Option(
        "--clusters",
        help='JSON Lines, one cluster a line: {"id", "documents": [{"title", "text", "date", '
        '"source"}], ...}; every cluster is summarised as one story.',
    ),
]
MaxWords = Annotated[int | None, typer.Option("--max-words", help="Summary budget in words.")]
MaxChars = Annotated[int | None, typer.Option("--max-chars", help="Summary budget in characters.")]
MaxSentences = Annotated[
    int | None, typer.Option("--max-sentences", help="Summary budget in sentences.")
]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N clusters.")]


def summarize_command(
    clusters: ClustersOption,
    max_words: MaxWords = None,
    max_chars: MaxChars = None,
    max_sentences: MaxSentences = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
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
    """Summarise each cluster; one JSON line per cluster: {"id", "summary", "sentences"}.

    A record that is not a usable cluster (malformed, a repeated id) is reported and skipped.
    """
    from storyline.evaluate.summaries import (  # heavy: import on use
        read_clusters,
        summarize_clusters,
    )

    settings = load_settings(config).with_overrides(
        {
            "summarize": {
                "max_words": max_words,
                "max_chars": max_chars,
                "max_sentences": max_sentences,
                **summarizer_settings(summarizer, llm_url, llm_model, llm_cache),
            },
            "pipeline": engine_settings(engine, spark_master),
        }
    )
    check_output(output)
    records, skipped = read_clusters(clusters, limit)
    report_skipped(skipped)
    if not records:
        raise UserError(
            f"{clusters}: no cluster could be read" if skipped else f"{clusters}: empty"
        )
    lines = []
    written = []
    with digest_progress() as progress:
        summaries = summarize_clusters(records, clusters, settings)
        for done, (cluster, summary) in enumerate(zip(records, summaries, strict=True), start=1):
            lines.append(json.dumps(summary_record(cluster.id, summary), ensure_ascii=False) + "\n")
            written.append(summary)
            progress("summarize", done, len(records))
    report_fallbacks(written)
    note_spark_unused(settings)
    write_output("".join(lines), output)


def summary_record(cluster_id: str, summary: Summary) -> dict:
    """The JSON record of one cluster's summary: sentences joined by newlines, and each with its sources."""
    from storyline.render.json import summary_list  # the digest's own form; loads compare on use

    return {
        "id": cluster_id,
        "summary": summary.text,
        "method": summary.method,
        "notes": list(summary.notes),
        "sentences": summary_list(summary),
    }


def register(app: typer.Typer) -> None:
    app.command("summarize")(summarize_command)
