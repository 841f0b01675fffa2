"""The plain, frozen records that travel between pipeline stages.

Each stage reads only these records from the stage before it. Ids are stable content hashes (or
the id a source record gave), so the same input always gives the same output.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.text.marks import missing_marks


def stable_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """A short, deterministic id from text parts (sha1 of the parts joined by NUL)."""
    digest = hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"


# ---------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a source, before cleaning.

    `text` is the article's raw main text (HTML already extracted to text). `published` is an ISO
    8601 date ("2012-01-25") or datetime ("2012-01-25T10:00:00+00:00"), or None when unknown:
    never invented. `location` says where it was read from: a path, a URL or "file.jsonl:12".
    `lifted` holds the lines ingest moved out of the text into metadata (title, date line,
    dateline, "Original url:"), so nothing read is silently lost.
    """

    id: str
    location: str
    text: str
    title: str = ""
    url: str = ""
    outlet: str = ""
    author: str = ""
    published: str | None = None
    language: str = ""
    lifted: tuple[str, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source_label(self) -> str:
        """The outlet, or the name of the file or URL it was read from when no outlet is known.

        On one line: it heads lists, and a file name may hold a newline.
        """
        name = self.outlet or self.location.rstrip("/").rsplit("/", 1)[-1] or self.id
        return " ".join(name.split())


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source, or part of one, that could not be read, with a reason a user can act on."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


# ---------------------------------------------------------------- clean


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a cleaned article; `start`/`end` are character offsets into Document.text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Repair:
    """One change the cleaner made to the text (e.g. a glued word split), for provenance."""

    kind: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: boilerplate dropped, scraping damage repaired, split into sentences."""

    article: Article
    text: str
    sentences: tuple[Sentence, ...]
    language: str
    dropped: tuple[str, ...] = ()
    repairs: tuple[Repair, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id


# ---------------------------------------------------------------- dedup / cluster


@dataclass(frozen=True, slots=True)
class Origin:
    """One independent report: an article and its syndicated copies. `members[0]` is canonical."""

    id: str
    members: tuple[str, ...]

    @property
    def canonical(self) -> str:
        return self.members[0]


@dataclass(frozen=True, slots=True)
class Event:
    """A group of articles inside a story that report the same happening."""

    id: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same event over time; origins and events partition its articles."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    origins: tuple[Origin, ...]
    events: tuple[Event, ...] = ()


# ---------------------------------------------------------------- summarize


@dataclass(frozen=True, slots=True)
class Citation:
    """A source sentence: article id, outlet, sentence index and offsets into its cleaned text."""

    article: str
    outlet: str
    sentence: int
    start: int
    end: int

    def as_dict(self) -> dict[str, str | int]:
        """The JSON form, in field order; `dataclasses.asdict` deep-copies every field, which is
        slow for the tens of thousands of citations a large digest holds."""
        return {
            "article": self.article,
            "outlet": self.outlet,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks in a sentence that leaves it to context, and where the name goes in its text.

    `start`/`end` span the pronoun ("he") the name explains; for a quote whose speaker a
    neighbouring sentence names, both are the text's length: the name follows the words.
    """

    start: int
    end: int
    name: str

    def as_dict(self) -> dict[str, str | int]:
        return {"name": self.name, "start": self.start, "end": self.end}


def shown(text: str, speaker: Speaker | None) -> str:
    """A sentence as a reader sees it: the speaker's name in brackets where the text leaves it out,
    and the quote marks it lacks alone (`text.marks`).

    'he [Gatilov] said', '"The pier is safe." [Ruiz]', '“The storm has passed.” [Ruiz]': the press
    convention for an insertion. The text itself stays as written, so citations' offsets still
    point at it.
    """
    quoted = speaker is not None and speaker.start == len(text)  # named as a quote's speaker
    before, after = missing_marks(text, quoted)
    if speaker is None:
        return f"{before}{text}{after}"
    if quoted:  # after the quote, not inside it
        return f"{before}{text}{after} [{speaker.name}]"
    return f"{before}{text[: speaker.end]} [{speaker.name}]{text[speaker.end :]}{after}"


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A summary sentence with every source sentence that states it; support counts origins.

    `speaker` names who speaks when the text leaves it to context ("he said", a quote running
    on); the text stays as the source wrote it, so its citation's offsets point at it.
    """

    text: str
    citations: tuple[Citation, ...]
    support: int = 1
    speaker: Speaker | None = None

    @property
    def display_text(self) -> str:
        return shown(self.text, self.speaker)


@dataclass(frozen=True, slots=True)
class Summary:
    sentences: tuple[SummarySentence, ...]
    method: str = ""
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.sentences)


# ---------------------------------------------------------------- digest


@dataclass(frozen=True, slots=True)
class StoryDigest:
    """Everything the pipeline knows about one story. `comparison` is filled by the compare stage."""

    story: Story
    summary: Summary
    comparison: Any = None


@dataclass(frozen=True, slots=True)
class Digest:
    documents: tuple[Document, ...]
    stories: tuple[StoryDigest, ...]
    skipped: tuple[Skipped, ...]
    level: str = "story"  # "event": each of `stories` is one event, reported on its own


# ---------------------------------------------------------------- compare


@dataclass(frozen=True, slots=True)
class Claim:
    """Sentences from different origins that state the same thing; `support` counts origins.

    `speaker` names who speaks in `text` when the sentence leaves it to its article's context.
    """

    text: str
    members: tuple[Citation, ...]
    support: int
    origins: tuple[str, ...]
    first_reported: str | None = None
    speaker: Speaker | None = None

    @property
    def display_text(self) -> str:
        return shown(self.text, self.speaker)


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One source's statement of a quantity: its value, hedge ("more than") and wording."""

    value: float
    hedge: str
    text: str
    counts: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Figure:
    """One quantity as the sources give it; `conflict` only when values truly disagree."""

    value: float
    counts: str
    hedge: str
    text: str
    members: tuple[FigureMention, ...]
    support: int
    conflict: bool = False
    conflicting: tuple[FigureMention, ...] = ()
    updated_by: tuple[FigureMention, ...] = ()  # later days' new values of this quantity


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One outlet's wording of a quote; `kind` is same, trimmed, altered or other speaker."""

    text: str
    speaker: str
    kind: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote aligned across outlets, with its speaker and each outlet's wording."""

    speaker: str
    text: str
    members: tuple[Citation, ...]
    support: int
    variants: tuple[QuoteVariant, ...] = ()


@dataclass(frozen=True, slots=True)
class SingleSource:
    """The claims that only one origin reports; `title` is its first article's, which tells two
    origins of one outlet apart."""

    origin: str
    outlet: str
    claims: tuple[Claim, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class FramingTerm:
    """A term one origin uses markedly more than the others (log-odds z-score, Monroe et al.)."""

    origin: str
    outlet: str
    term: str
    z: float
    count: int
    example: Citation | None = None


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated (or, when no date is known, undated) event; `date` is ISO cut to its granularity.

    `speaker` names who speaks in `text` when the sentence leaves it to its article's context.
    """

    date: str | None
    granularity: str
    phrase: str
    text: str
    citations: tuple[Citation, ...]
    speaker: Speaker | None = None

    @property
    def display_text(self) -> str:
        return shown(self.text, self.speaker)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Where a story's sources agree and differ, and its timeline."""

    story: str
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    single_source: tuple[SingleSource, ...] = ()
    framing: tuple[FramingTerm, ...] = ()
    framing_note: str = ""
    timeline: tuple[TimelineEvent, ...] = ()
    origins: int = 0  # independent origins compared


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of a rendered section, with the sentences it rests on."""

    text: str
    citations: tuple[Citation, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A titled list of findings that every renderer displays the same generic way."""

    title: str
    findings: tuple[Finding, ...]
    note: str = ""
