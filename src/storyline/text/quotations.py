"""Direct quotations in a document's text, and who is named as saying each one.

Quote marks are paired within a line, straight or curly alike, because scraped text mixes them
("open for any”constructive proposals.”"); a quote left open runs to the end of its line. Both
compare (which aligns quotes across outlets) and summarize (which names the speaker of a quote
that runs across a sentence's edge) read quotations from here, so they agree on who said what.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Sentence
from storyline.text.marks import QUOTE_MARK, facing, opens
from storyline.text.speakers import Attribution


@dataclass(frozen=True, slots=True)
class Quotation:
    """The quoted words' span in the text, the sentences it touches, and who it is attributed to.

    `attribution` may be a pronoun ("he said"): resolving it is the reader's choice.
    """

    start: int
    end: int
    sentences: tuple[Sentence, ...]
    attribution: Attribution | None


def quotations(
    text: str, sentences: Sequence[Sentence], named: Sequence[Attribution]
) -> list[Quotation]:
    """Every quotation of `text` that lies within its sentences, with its attribution from `named`.

    `named` holds the text's attributions in text order (`text.speakers.attributions`), which
    callers need too. Sentences and attributions are looked up by bisection, so a page of
    thousands of quotes costs no more per quote than a short report.
    """
    starts = [s.start for s in sentences]
    positions = [a.position for a in named]
    found = []
    for start, end in _spans(text):
        first = max(bisect_right(starts, start) - 1, 0)
        touched = tuple(s for s in sentences[first : bisect_left(starts, end)] if s.end > start)
        if touched:
            attribution = _attribution(text, (start, end), touched, named, positions)
            found.append(Quotation(start, end, touched, attribution))
    return found


def opens_its_sentence(text: str, quotation: Quotation) -> bool:
    """The quote is where its sentence starts ('"We will rebuild," ...'): only marks before it.

    Such a quote, right after another one in its paragraph, goes on with the same speaker.
    """
    return not text[quotation.sentences[0].start : quotation.start].strip(' "“”')


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quote marks, line by line."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        marks = [m.start() for m in QUOTE_MARK.finditer(line) if opens(line, m.start()) is not None]
        opened: int | None = None
        for pos in marks:
            direction = facing(line, pos, opened is not None)
            if opened is None and direction:
                opened = pos + 1
            elif opened is not None and not direction and pos > opened:
                spans.append((offset + opened, offset + pos))
                opened = None
        if opened is not None and line[opened:].strip():
            spans.append((offset + opened, offset + len(line.rstrip())))
        offset += len(line) + 1
    return spans


def _attribution(
    text: str,
    span: tuple[int, int],
    touched: tuple[Sentence, ...],
    named: Sequence[Attribution],
    positions: list[int],
) -> Attribution | None:
    """Who is quoted: right after the quote, else before it in its sentence, else later in it."""
    start, end = span
    s_start, s_end = touched[0].start, touched[-1].end
    after = named[bisect_left(positions, end) : bisect_left(positions, s_end)]
    right_after = [a for a in after if _adjacent(text[end : a.position])]
    before = named[bisect_left(positions, s_start) : bisect_left(positions, start)]
    for choice in (right_after[:1], before[-1:], after[:1]):
        if choice:
            return choice[0]
    return None


def _adjacent(gap: str) -> bool:
    """Whether an attribution follows the closing mark directly ("," he said / ", said X")."""
    return re.fullmatch(r"[\s,.;:”\"’']*(?:\w+\s*)?", gap) is not None
