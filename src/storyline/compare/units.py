"""The story's sentences as comparison units: each with its document, origin and citation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.model import Citation, Document, Sentence, Speaker, Story
from storyline.text.attribution import named_speaker
from storyline.text.calendar import DATE_WORDS
from storyline.text.datelines import drop_dateline
from storyline.text.tokens import content_words, normalize


@dataclass(frozen=True, slots=True)
class Unit:
    """One story sentence, with the origin its article belongs to and a citation for it."""

    document: Document
    sentence: Sentence
    origin: str
    citation: Citation

    @property
    def article(self) -> str:
        return self.document.id


def story_units(story: Story, documents: Mapping[str, Document]) -> tuple[Unit, ...]:
    """Every sentence of the story's documents, origin by origin, in text order."""
    units: list[Unit] = []
    for origin_id, article_id in origin_members(story):
        if article_id in documents:
            units += document_units(documents[article_id], origin_id)
    return tuple(units)


def document_units(document: Document, origin: str) -> list[Unit]:
    """The document's sentences as units of `origin`."""
    return [Unit(document, s, origin, cite(document, s)) for s in document.sentences]


def shown(unit: Unit) -> tuple[str, Speaker | None]:
    """The unit's sentence as the comparison shows it, and who speaks in it when it leaves that to
    its article ("she said"). The dateline goes, as in summaries ("SYCAMORE, Ill. --A man ..."):
    where a report was filed is not what it states. Citations still span the whole sentence."""
    text = drop_dateline(unit.sentence.text)
    return text, named_speaker(unit.document, text, unit.sentence)


def origin_members(story: Story) -> list[tuple[str, str]]:
    """(origin id, article id) in origin order; an article in no origin is its own origin."""
    pairs = [(origin.id, member) for origin in story.origins for member in origin.members]
    seen = {member for _, member in pairs}
    pairs += [(article, article) for article in story.article_ids if article not in seen]
    return pairs


def cite(document: Document, sentence: Sentence) -> Citation:
    """A citation carries the article's own outlet, empty when unknown, as summary citations do."""
    return Citation(
        document.id, document.article.outlet, sentence.index, sentence.start, sentence.end
    )


@lru_cache(maxsize=65536)
def statement_words(text: str) -> tuple[str, ...]:
    """Content words that say something: no numbers, no date words (a dateline has none)."""
    return tuple(w for w in content_words(text) if w.isalpha() and w not in DATE_WORDS)


def without_repeats(units: Sequence[Unit], indices: Iterable[int]) -> list[int]:
    """The indices less each sentence its article already stated word for word: a page that
    repeats a caption or a pull quote states it once."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for i in indices:
        key = (units[i].article, normalize(units[i].sentence.text))
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return kept


def support(units: Iterable[Unit]) -> int:
    """Independent origins among the units."""
    return len({u.origin for u in units})


def first_published(units: Sequence[Unit]) -> str | None:
    """The earliest known publication date among the units' articles, or None."""
    dates = sorted(d for d in (u.document.article.published for u in units) if d)
    return dates[0] if dates else None
