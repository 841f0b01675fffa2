"""`storyline cluster`: which story, event and origin each article belongs to, as JSON Lines."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.common import (
    ConfigOption,
    EngineOption,
    SparkMasterOption,
    check_output,
    digest_progress,
    engine_settings,
    note_spark_unused,
    report_skipped,
    write_output,
)
from storyline.model import Document, Skipped, Story
from storyline.settings import Settings, load_settings
from storyline.text.plural import counted

IgnoreDatesOption = Annotated[
    bool,
    typer.Option(
        "--ignore-dates",
        help="Cluster by content alone, as if no article had a publication date.",
    ),
]


def cluster_sources(
    sources: Sequence[str],
    settings: Settings,
    ignore_dates: bool = False,
    exclude: Sequence[Path] = (),
) -> tuple[list[dict[str, str]], tuple[Skipped, ...]]:
    """One {"id", "story", "event", "origin"} row per readable article, in input order.

    Cleaning, most of the time, shows progress on stderr; `exclude` is as `read_sources` takes it.
    """
    documents, skipped = clean_sources(sources, settings, ignore_dates, exclude)
    return cluster_rows(documents, settings), skipped


def clean_sources(
    sources: Sequence[str],
    settings: Settings,
    ignore_dates: bool = False,
    exclude: Sequence[Path] = (),
) -> tuple[list[Document], tuple[Skipped, ...]]:
    """The sources read and cleaned (without their dates when asked), and what was skipped."""
    from storyline.cli.fetch import read_articles
    from storyline.parallel import Engine
    from storyline.pipeline import clean_all  # the stages pull heavy libraries: import on use

    ingested = read_articles(sources, settings, exclude)
    with digest_progress() as progress:
        documents, unusable = clean_all(
            ingested.articles, settings, progress, Engine.configured(settings.pipeline)
        )
    if ignore_dates:
        documents = [_undated(d) for d in documents]
    return list(documents), ingested.skipped + unusable


def cluster_rows(documents: Sequence[Document], settings: Settings) -> list[dict[str, str]]:
    """Origins, then stories and events, of cleaned documents: one row per document."""
    from storyline.cluster import cluster_stories
    from storyline.dedup import find_origins

    origins = find_origins(documents, settings.dedup)
    return assignment_rows(documents, cluster_stories(documents, origins, settings.cluster))


def assignment_rows(
    documents: Sequence[Document], stories: Sequence[Story]
) -> list[dict[str, str]]:
    """The story, event and origin of each document, in the documents' order."""
    where: dict[str, dict[str, str]] = {}
    for story in stories:
        origin_of = {m: o.id for o in story.origins for m in o.members}
        for event in story.events:
            for article_id in event.article_ids:
                where[article_id] = {
                    "id": article_id,
                    "story": story.id,
                    "event": event.id,
                    "origin": origin_of.get(article_id, article_id),
                }
    return [where[d.id] for d in documents]


def cluster_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, globs, - for stdin, or page URLs (as `digest`); JSONL "
            "records keep their id."
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSONL here instead of stdout.")
    ] = None,
    ignore_dates: IgnoreDatesOption = False,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    config: ConfigOption = None,
) -> None:
    """Write one JSON line per article: {"id", "story", "event", "origin"}."""
    check_output(output)
    exclude = [output] if output else []
    settings = load_settings(config).with_overrides(
        {"pipeline": engine_settings(engine, spark_master)}
    )
    rows, skipped = cluster_sources(sources, settings, ignore_dates, exclude)
    report_skipped(skipped)
    note_spark_unused(settings)
    write_output("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), output)
    print(_counts(rows), file=sys.stderr)
    if not rows:
        print("storyline: error: nothing could be read", file=sys.stderr)
        raise typer.Exit(1)


def _counts(rows: Sequence[dict[str, str]]) -> str:
    """ "12 articles, 9 independent origins, 3 stories, 5 events"."""
    distinct = {key: len({row[key] for row in rows}) for key in ("origin", "story", "event")}
    return (
        f"{counted(len(rows), 'article')}, {counted(distinct['origin'], 'independent origin')}, "
        f"{counted(distinct['story'], 'story', 'stories')}, {counted(distinct['event'], 'event')}"
    )


def _undated(document: Document) -> Document:
    return dataclasses.replace(
        document, article=dataclasses.replace(document.article, published=None)
    )


def register(app: typer.Typer) -> None:
    app.command("cluster")(cluster_command)
