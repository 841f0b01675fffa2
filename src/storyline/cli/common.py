"""Pieces every command shares: the --config option, progress on stderr, skipped-source lines."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.errors import UserError
from storyline.model import Digest, Skipped, Summary
from storyline.render import FORMATS, renderer
from storyline.render.controls import one_line
from storyline.settings import Settings

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Settings file (TOML); default ./storyline.toml when present."),
]

# Choice options name their choices in the help: typer would otherwise show "<str>".
FormatOption = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT", help=f"One of: {', '.join(FORMATS)}."),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
]

SummarizerOption = Annotated[
    str | None,
    typer.Option(
        "--summarizer",
        metavar="extractive|llm",
        help="extractive (default, offline) or llm: a model at --llm-url writes the summary, "
        "and only sentences the sources state are kept.",
    ),
]
LlmUrlOption = Annotated[
    str | None,
    typer.Option(
        "--llm-url",
        metavar="URL",
        help="OpenAI-compatible endpoint for --summarizer llm (which it implies), e.g. "
        "http://127.0.0.1:11434/v1. The API key, if any, is read from $STORYLINE_LLM_API_KEY.",
    ),
]
LlmModelOption = Annotated[
    str | None, typer.Option("--llm-model", metavar="NAME", help="Model name the endpoint expects.")
]
LlmCacheOption = Annotated[
    str | None,
    typer.Option(
        "--llm-cache",
        metavar="FILE",
        help="Keep the model's replies in this file (SQLite): a rerun asks nothing again.",
    ),
]

EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        metavar="local|spark",
        help="Where cleaning and per-story work run: local processes (default) or Spark, for "
        "large batches (pip install 'storyline\\[spark]'; Java 17).",
    ),
]
SparkMasterOption = Annotated[
    str | None,
    typer.Option(
        "--spark-master",
        metavar="URL",
        help="Spark master for --engine spark (which it implies): local[*] (default), "
        "spark://host:7077 ...",
    ),
]


def engine_settings(engine: str | None, spark_master: str | None) -> dict[str, str | None]:
    """The [pipeline] overrides of the engine options (None: keep the setting); a master
    named on the command line asks for Spark."""
    return {"engine": engine or ("spark" if spark_master else None), "spark_master": spark_master}


def note_spark_unused(settings: Settings) -> None:
    """Say so on stderr when Spark was asked for but every batch was too small to start it (see
    parallel.py): the user would otherwise wonder whether it ran."""
    if settings.pipeline.engine == "spark" and "storyline.spark" not in sys.modules:
        from storyline import parallel  # storyline.spark is imported only for a batch it runs

        print(
            f"storyline: note: this batch ran in this process; Spark starts for "
            f"{parallel.MIN_ARTICLES} articles or {parallel.MIN_STORIES} stories or more",
            file=sys.stderr,
        )


def summarizer_settings(
    summarizer: str | None, llm_url: str | None, llm_model: str | None, llm_cache: str | None
) -> dict[str, str | None]:
    """The [summarize] overrides of the summarizer options (None: keep the setting).

    An endpoint named on the command line asks for the model: --llm-url alone means llm.
    """
    return {
        "backend": summarizer or ("llm" if llm_url else None),
        "llm_url": llm_url,
        "llm_model": llm_model,
        "llm_cache": llm_cache,
    }


_STDERR = Console(stderr=True)
_REDRAW_S = 0.1  # at most ten redraws a second, however fast the items go


@contextmanager
def digest_progress() -> Iterator:
    """A progress callback `(stage, done, total)` that draws a bar on stderr when it is a terminal."""
    if not _STDERR.is_terminal:
        yield lambda stage, done, total: None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # Redrawn by the updates themselves: an auto-refresh thread would be running when the
    # pipeline forks its worker processes, which Python warns may deadlock the child.
    with Progress(*columns, console=_STDERR, transient=True, auto_refresh=False) as bar:
        tasks: dict[str, int] = {}
        drawn = 0.0  # when the bar was last redrawn

        def update(stage: str, done: int, total: int) -> None:
            nonlocal drawn
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)
            if done == total or time.monotonic() - drawn > _REDRAW_S:
                bar.refresh()
                drawn = time.monotonic()

        yield update


def report_skipped(skipped: Sequence[Skipped]) -> None:
    """One line per source that could not be read, on stderr (a newline in a name escaped)."""
    for item in skipped:
        print(
            f"storyline: skipped {one_line(item.source)}: {one_line(item.reason)}", file=sys.stderr
        )


def report_fallbacks(summaries: Sequence[Summary]) -> None:
    """One line on stderr when the llm summarizer fell back to extraction: in a file written
    with --output, an extractive summary would otherwise pass for the model's."""
    from storyline.summarize import LLM_FAILED

    failed = [note for s in summaries for note in s.notes if note.startswith(LLM_FAILED)]
    if failed:
        print(
            f"storyline: warning: {LLM_FAILED} for {len(failed)} of {len(summaries)} summaries, "
            f"which are extractive; the first: {one_line(failed[0].removeprefix(LLM_FAILED + ': '))}",
            file=sys.stderr,
        )


def check_output(output: Path | None) -> None:
    """Fail before any work when `output` cannot be written, not after minutes of it."""
    if output is None:
        return
    folder = output.parent
    if output.is_dir():
        problem = "it is a directory"
    elif not folder.is_dir():
        problem = f"no directory {folder}"
    elif not os.access(output if output.exists() else folder, os.W_OK):
        problem = "permission denied"
    else:
        return
    raise UserError(f"cannot write {output}: {problem}")


def write_output(text: str, output: Path | None) -> None:
    """Write to a file (UTF-8) or to stdout.

    A lone surrogate (an undecodable byte of a command-line argument) is written as its
    escape ("\\udce9"): UTF-8 cannot hold it, and one must not end the run with a traceback.
    """
    text = text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None


def show_digest(result: Digest, output_format: str, output: Path | None) -> None:
    """Render a digest to a file or stdout; terminal output gets colour when stdout is a tty."""
    if output_format == "terminal" and output is None and sys.stdout.isatty():
        from storyline.render.terminal import render_terminal

        write_output(render_terminal(result, color=True), None)
    else:
        write_output(renderer(output_format)(result), output)
