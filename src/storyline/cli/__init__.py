"""The `storyline` command: a thin layer over the library. Each command lives in its own module.

A command module defines `register(app)`; user errors become one line on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import sys

import typer

from storyline import __version__
from storyline.errors import UserError
from storyline.render.controls import one_line

# Command modules, each with `register(app: typer.Typer) -> None`, in help order.
COMMAND_MODULES: tuple[str, ...] = (
    "digest",
    "store",
    "serve",
    "fetch",
    "summarize",
    "eval_summaries",
    "cluster",
    "eval_clusters",
)

app = typer.Typer(
    name="storyline",
    help="Turn many news articles into stories: cited summaries, origins, differences, timeline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Turn many news articles into stories: cited summaries, origins, differences, timeline."""


eval_app = typer.Typer(help="Score storyline against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"storyline.cli.{name}").register(app)


def main() -> None:
    """Entry point: click reports usage errors itself (exit 2); a UserError becomes one line."""
    try:
        app()  # standalone mode: exits with the command's code, handles Ctrl-C and usage errors
    except UserError as exc:
        print(f"storyline: error: {one_line(str(exc))}", file=sys.stderr)
        sys.exit(2)


_register_commands()
