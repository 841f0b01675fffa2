"""Faces over a Digest: terminal, Markdown, JSON and HTML, all drawn from the same objects."""

from __future__ import annotations

from collections.abc import Callable

from storyline.errors import UserError
from storyline.model import Digest

FORMATS = ("terminal", "markdown", "json", "html")


def renderer(name: str) -> Callable[[Digest], str]:
    """The render function for a format name (imported lazily: each pulls its own libraries)."""
    if name == "terminal":
        from storyline.render.terminal import render_terminal

        return render_terminal
    if name == "markdown":
        from storyline.render.markdown import render_markdown

        return render_markdown
    if name == "json":
        from storyline.render.json import render_json

        return render_json
    if name == "html":
        from storyline.render.html import render_html

        return render_html
    raise UserError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}")
