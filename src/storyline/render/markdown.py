"""Markdown: one section per story, citation markers as footnote-style numbers."""

from __future__ import annotations

from storyline.model import Digest
from storyline.render.controls import visible
from storyline.render.view import (
    Block,
    Line,
    StoryView,
    digest_views,
    skipped_lines,
    stories_heading,
)


def render_markdown(digest: Digest) -> str:
    parts = [f"# storyline digest: {stories_heading(digest)}\n"]
    parts.extend(_story(view) for view in digest_views(digest))
    skipped = skipped_lines(digest)
    if skipped:
        parts.append("## Skipped\n\n" + "".join(f"- {_escape(line)}\n" for line in skipped))
    return "\n".join(parts)


def _story(view: StoryView) -> str:
    out = [f"## {_escape(view.title)}\n", f"*{_escape(view.counts)}*\n"]
    out.extend(_block(block) for block in view.blocks if block.lines or block.note)
    if view.sources:
        out.append("#### Cited sentences\n")
        out.append(
            "".join(
                f"{s.number}. {_escape(s.outlet)} [{s.article} #{s.sentence}"
                f" @{s.start}-{s.end}]: {_escape(s.text)}\n"
                for s in view.sources
            )
        )
    return "\n".join(out)


def _block(block: Block) -> str:
    lines = [f"### {_escape(block.title)}\n"]
    if block.note:
        lines.append(f"_{_escape(block.note)}_\n")
    lines.append("".join(f"- {_line(line)}\n" for line in block.lines))
    return "\n".join(lines)


def _line(line: Line) -> str:
    refs = "".join(f"[{n}]" for n in line.refs)
    note = f" ({_escape(line.note)})" if line.note else ""
    return f"{_escape(line.text)} {refs}{note}".rstrip()


def _escape(text: str) -> str:
    """Article text is untrusted: neutralise Markdown/HTML and terminal control characters."""
    text = visible(text)
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
