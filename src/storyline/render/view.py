"""A format-neutral view of a digest: numbered source sentences and blocks of cited lines.

The terminal, Markdown and HTML renderers all draw this one view, so they say the same things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from storyline.compare import comparison_sections
from storyline.model import Citation, Digest, Document, StoryDigest
from storyline.render.controls import one_line
from storyline.text.plural import counted

_DIGITS = re.compile(r"(\D*)(\d*)")  # a label as text and number pieces, for natural order


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A cited source sentence, numbered in order of first citation within its story."""

    number: int
    article: str
    outlet: str
    title: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    refs: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    title: str
    lines: tuple[Line, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class StoryView:
    id: str
    title: str
    counts: str
    blocks: tuple[Block, ...]
    sources: tuple[SourceRef, ...]


def stories_heading(digest: Digest) -> str:
    """ "3 stories", or at `--level event` "4 events": what each section of the digest is."""
    if digest.level == "event":
        return counted(len(digest.stories), "event")
    return counted(len(digest.stories), "story", "stories")


def counts_line(story_digest: StoryDigest, documents: Mapping[str, Document]) -> str:
    """'5 articles, 4 independent origins, 2 events; outlets: a, b'."""
    story = story_digest.story
    outlets = sorted(
        {documents[a].article.source_label for a in story.article_ids if a in documents},
        key=_natural,
    )
    parts = [
        counted(len(story.article_ids), "article"),
        counted(len(story.origins), "independent origin"),
    ]
    if len(story.events) > 1:
        parts.append(f"{len(story.events)} events")
    return ", ".join(parts) + "; outlets: " + ", ".join(outlets)


def _natural(label: str) -> list[tuple[str, int]]:
    """Numbers in order of value: "feed.jsonl:2" before "feed.jsonl:10"."""
    return [(text, int(number or 0)) for text, number in _DIGITS.findall(label)]


class _Numbering:
    """Gives each distinct cited sentence one number, in order of first use."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self._documents = documents
        self._numbers: dict[tuple[str, int], SourceRef] = {}

    def refs(self, citations: Iterable[Citation]) -> tuple[int, ...]:
        """The citations' numbers in ascending order: a sentence cited in two sections shows
        the same marks ("[4][5]", never "[5][4]") whichever article a section cites first."""
        return tuple(sorted({self._ref(c).number for c in citations}))

    def _ref(self, citation: Citation) -> SourceRef:
        key = (citation.article, citation.sentence)
        if key not in self._numbers:
            document = self._documents.get(citation.article)
            text = document.text[citation.start : citation.end] if document else ""
            title = document.article.title if document else ""
            # A reader needs a name for every source: the file or URL when no outlet is known.
            label = document.article.source_label if document else citation.outlet
            self._numbers[key] = SourceRef(
                len(self._numbers) + 1,
                citation.article,
                label,
                title,
                citation.sentence,
                citation.start,
                citation.end,
                text,
            )
        return self._numbers[key]

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        return tuple(self._numbers.values())


def story_view(story_digest: StoryDigest, documents: Mapping[str, Document]) -> StoryView:
    """The summary first, then the comparison sections, then the sources grouped by origin."""
    numbering = _Numbering(documents)
    summary = Block(
        "Summary",
        tuple(
            Line(s.display_text, numbering.refs(s.citations), _support_note(s.support))
            for s in story_digest.summary.sentences
        ),
        "; ".join(story_digest.summary.notes),
    )
    blocks = [summary]
    if story_digest.comparison is not None:
        summarized = [s.citations for s in story_digest.summary.sentences]
        for section in comparison_sections(story_digest.comparison, summarized):
            lines = tuple(
                Line(f.text, numbering.refs(f.citations), f.note) for f in section.findings
            )
            blocks.append(Block(section.title, lines, section.note))
    blocks.append(_origins_block(story_digest, documents))
    story = story_digest.story
    return StoryView(
        story.id,
        story.title,
        counts_line(story_digest, documents),
        tuple(blocks),
        numbering.sources,
    )


def _support_note(support: int) -> str:
    return f"{support} origins" if support > 1 else ""


def _origins_block(story_digest: StoryDigest, documents: Mapping[str, Document]) -> Block:
    """Sources grouped by origin: the canonical report, then its syndicated copies."""
    lines = []
    for origin in story_digest.story.origins:
        members = [documents[m] for m in origin.members if m in documents]
        if not members:
            continue
        first, copies = members[0], members[1:]
        text = _describe(first)
        if copies:
            text += "; reprinted as " + "; ".join(_describe(d) for d in copies)
        lines.append(Line(text))
    return Block("Sources", tuple(lines))


def _describe(document: Document) -> str:
    article = document.article
    when = f", {article.published[:10]}" if article.published else ""
    title = f" “{article.title}”" if article.title else ""
    return f"{document.article.source_label}{title}{when} [{article.id}]"


def digest_views(digest: Digest) -> tuple[StoryView, ...]:
    documents = {d.id: d for d in digest.documents}
    return tuple(story_view(s, documents) for s in digest.stories)


def skipped_lines(digest: Digest) -> Sequence[str]:
    """One line per skipped input: a newline in a file name is written as its escape."""
    return [f"{one_line(s.source)}: {one_line(s.reason)}" for s in digest.skipped]
