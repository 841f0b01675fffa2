"""`storyline digest`: read sources, print the stories they tell."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from storyline.cli.common import (
    ConfigOption,
    EngineOption,
    FormatOption,
    LlmCacheOption,
    LlmModelOption,
    LlmUrlOption,
    OutputOption,
    SparkMasterOption,
    SummarizerOption,
    check_output,
    digest_progress,
    engine_settings,
    note_spark_unused,
    report_fallbacks,
    report_skipped,
    show_digest,
    summarizer_settings,
)
from storyline.cli.fetch import read_articles
from storyline.render import renderer
from storyline.settings import load_settings


def digest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (read recursively), globs, - for stdin (text, Markdown, "
            "HTML, JSON Lines / JSON, RSS / Atom feed files), and http(s) URLs of article "
            "pages, fetched as `storyline fetch` does."
        ),
    ],
    output_format: FormatOption = "terminal",
    output: OutputOption = None,
    max_words: Annotated[int | None, typer.Option(help="Summary budget in words.")] = None,
    max_chars: Annotated[int | None, typer.Option(help="Summary budget in characters.")] = None,
    max_sentences: Annotated[int | None, typer.Option(help="Summary budget in sentences.")] = None,
    level: Annotated[
        str | None,
        typer.Option(
            metavar="story|event", help="Report whole stories (story) or single events (event)."
        ),
    ] = None,
    summarizer: SummarizerOption = None,
    llm_url: LlmUrlOption = None,
    llm_model: LlmModelOption = None,
    llm_cache: LlmCacheOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    config: ConfigOption = None,
) -> None:
    """Group articles into stories and print each with a cited summary and its sources."""
    renderer(output_format)  # an unknown format fails before any work
    check_output(output)
    if level not in (None, "story", "event"):
        raise typer.BadParameter("must be 'story' or 'event'", param_hint="--level")
    settings = load_settings(config).with_overrides(
        {
            "summarize": {
                "max_words": max_words,
                "max_chars": max_chars,
                "max_sentences": max_sentences,
                **summarizer_settings(summarizer, llm_url, llm_model, llm_cache),
            },
            "cluster": {"level": level},
            "pipeline": engine_settings(engine, spark_master),
        }
    )
    from storyline.pipeline import digest_articles  # the stages pull heavy libraries

    ingested = read_articles(sources, settings, [output] if output else [])
    with digest_progress() as progress:
        result = digest_articles(ingested.articles, settings, ingested.skipped, progress)
    report_skipped(result.skipped)
    report_fallbacks([story.summary for story in result.stories])
    note_spark_unused(settings)
    show_digest(result, output_format, output)
    if not result.documents:
        print("storyline: error: nothing could be read", file=sys.stderr)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("digest")(digest_command)
