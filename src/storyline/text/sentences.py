"""Sentence splitting with character offsets (nupunkt: Punkt with a bundled model, no download)."""

from __future__ import annotations

import re

import nupunkt

from storyline.model import Sentence
from storyline.text.datelines import CLOCK_TIME

# nupunkt's model (trained on legal text) misses a few news cases, mended after it runs:
# a title before a name is never a sentence end ("Lt. Col. Smith") ...
_TITLE_END = re.compile(
    r"(?:^|\s)(?:Lt|Col|Gen|Maj|Sgt|Capt|Cmdr|Adm|Brig|Cpl|Pvt|Gov|Sen|Rep|Rev|Hon|Prof|Pres"
    r"|Supt|Det|Insp|Mr|Mrs|Ms|Dr|St|Mt|Ft)\.$"
)
# ... nor a country's or a body's initials before one of its offices or officials ("the U.S.
# Secretary of State", "the U.N. General Assembly"): words that do not open a sentence bare ...
_INITIALS_END = re.compile(r"(?:^|[\s(\"“])(?:U\.S|U\.K|U\.N|E\.U)\.$")
_OFFICE = re.compile(
    r"(?:Secretary|Ambassador|Embassy|Envoy|Attorneys?|Representative|Senator|Marshals|Army|Navy"
    r"|Marines|Treasury|District|Department|General Assembly|Security Council|Human Rights"
    r"|High Commissioner|Special (?:Envoy|Rapporteur)|Coast Guard|Air Force)\b"
)
_NO_OPENING = tuple(")],;:")  # marks that only go on a sentence
_CLOCK_ONLY = re.compile(CLOCK_TIME)
# ... and a plain lower-case word, a full stop and a capitalised word is one ("The council met.
# Mr. Smith spoke."), unless the word is a lower-case abbreviation.
_MISSED_END = re.compile(r"(?<=\s)([a-z]{2,})\.(\s+)(?=[\"“‘']?[A-Z])")
_LOWER_ABBREVIATIONS = frozenset(
    ["al", "approx", "ca", "cf", "dept", "esp", "est", "etc", "ft", "govt", "incl", "jr", "lb",
     "lbs", "min", "mt", "no", "nos", "oz", "pp", "sr", "st", "viz", "vol", "vs"]
)  # fmt: skip


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of `text`, each stripped, with offsets such that text[start:end] == sentence.

    Paragraph breaks always end a sentence: a heading or a line without a full stop must not be
    glued to the next paragraph.
    """
    sentences: list[Sentence] = []
    for para_start, para in _paragraphs(text):
        for start, end in _mend(para, [span for _, span in nupunkt.sent_spans_with_text(para)]):
            chunk = para[start:end]
            stripped = chunk.strip()
            if not stripped:
                continue
            begin = para_start + start + (len(chunk) - len(chunk.lstrip()))
            sentences.append(Sentence(len(sentences), begin, begin + len(stripped), stripped))
    return tuple(sentences)


def _mend(para: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with false ends after titles joined and missed ends after plain words split."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _false_end(para[joined[-1][0] : joined[-1][1]].rstrip(), para[start:end]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return [piece for span in joined for piece in _split_missed(para, span)]


def _false_end(before: str, after: str) -> bool:
    """Whether Punkt ended `before` where no sentence ends: after a title, after initials before
    an office, before a closing bracket or a comma ("(R-N.Y.), chairman of ..."), or after a live
    blog's bare entry time ("8:11 P.M. Two soldiers wounded ...")."""
    after = after.lstrip()
    if _TITLE_END.search(before) or after[:1] in _NO_OPENING or _CLOCK_ONLY.fullmatch(before):
        return True
    return bool(_INITIALS_END.search(before)) and bool(_OFFICE.match(after))


def _split_missed(para: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A span cut after each "word. Capital" boundary Punkt let through."""
    start, end = span
    pieces = []
    for match in _MISSED_END.finditer(para, start, end):
        if match.group(1) in _LOWER_ABBREVIATIONS:
            continue
        cut = match.end(1) + 1
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank paragraphs (split on blank lines) with their start offsets."""
    paragraphs: list[tuple[int, str]] = []
    offset = 0
    for block in text.split("\n\n"):
        if block.strip():
            paragraphs.append((offset, block))
        offset += len(block) + 2
    return paragraphs
