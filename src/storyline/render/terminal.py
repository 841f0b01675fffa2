"""Terminal output with rich: a panel per story, citations as [n] with the sources below."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from storyline.model import Digest
from storyline.render.controls import visible
from storyline.render.view import StoryView, digest_views, skipped_lines, stories_heading


def render_terminal(digest: Digest, width: int = 100, color: bool = False) -> str:
    """Rich text; `color` off gives plain text that is identical run to run."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color)
    console.print(f"[bold]{stories_heading(digest)}[/bold]")
    for view in digest_views(digest):
        console.print(Panel(_story_markup(view), title=_markup(view.title), title_align="left"))
    skipped = skipped_lines(digest)
    if skipped:
        console.print("[bold]Skipped[/bold]")
        for line in skipped:
            console.print(f"  {_markup(line)}")
    return buffer.getvalue()


def _story_markup(view: StoryView) -> Group:
    out: list[RenderableType] = [f"[dim]{_markup(view.counts)}[/dim]"]
    for block in view.blocks:
        if not (block.lines or block.note):
            continue
        out.append(f"\n[bold]{_markup(block.title)}[/bold]")
        if block.note:
            out.append(f"  [italic]{_markup(block.note)}[/italic]")
        for line in block.lines:
            refs = "".join(f"[{n}]" for n in line.refs)
            note = f" [dim]({_markup(line.note)})[/dim]" if line.note else ""
            out.append(_hanging("•", f"{_markup(line.text)} [cyan]{_markup(refs)}[/cyan]{note}"))
    if view.sources:
        out.append("\n[bold]Cited sentences[/bold]")
        for s in view.sources:
            out.append(
                _hanging(
                    f"[cyan]{s.number}[/cyan]",
                    f"{_markup(s.outlet)} #{s.sentence}: {_markup(s.text)}",
                )
            )
    return Group(*out)


def _hanging(mark: str, text: str) -> Table:
    """A marked item whose wrapped lines line up under its text, not under the panel's edge."""
    item = Table.grid(padding=(0, 1, 0, 0))
    item.add_column(min_width=4, justify="right")  # "  •" and citation numbers up to 999
    item.add_column(overflow="fold")
    item.add_row(mark, text)
    return item


def _markup(text: str) -> str:
    """Untrusted text as rich markup that prints as itself: no markup, no control characters."""
    return escape(visible(text))
