"""The rules an article meets before it is kept, whoever read it: files, the API, fetched pages.

One place, so `digest`, `ingest`, `fetch`, `follow` and `POST /api/articles` agree on what is
too short to be an article and on what happens to a stray NUL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from storyline.ingest.decode import without_controls
from storyline.ingest.ids import content_id
from storyline.model import Article, Skipped
from storyline.text.calendar import is_time_stamp
from storyline.text.titles import TITLE_FROM_TEXT, fallback_title
from storyline.text.tokens import WORD_BREAKING_INVISIBLES, word_tokens

# Counted in the article's metadata, so a removal is visible in the JSON output.
CONTROLS_REMOVED = "control_characters_removed"
_FIELDS = ("id", "text", "title", "url", "outlet", "author", "language")
# Characters that take no room on the page (zero-width spaces and joiners, marks, word joiner,
# BOM, soft hyphen): a text of nothing else is empty, not an article of boilerplate.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"))
# Where a title that is only a date or a time stamp ("27 NOVEMBER, 2005": a page's dateline in
# its title field) is kept when the text's opening takes its place as the title.
GIVEN_TITLE = "given_title"
# Fields shown on one line (a heading, a source list): a file name or a feed title may carry newlines.
_ONE_LINE_FIELDS = ("title", "url", "outlet", "author", "language")


def admit(article: Article | Skipped, min_chars: int) -> Article | Skipped:
    """The article without control characters and with a title that names something (not only a
    date), or why it is not one (under `min_chars` of text).

    A reader's Skipped passes through, so a reader's output can be handed over as it comes.
    """
    if isinstance(article, Skipped):
        return article
    article = _titled(_one_line_fields(_without_controls(article)))
    size = len(article.text.translate(_INVISIBLE).strip())
    if size < min_chars:
        reason = f"empty: {size} characters of text after extraction (min_chars {min_chars})"
        return Skipped(article.location, reason)
    return article


def admit_all(articles: Iterable[Article], min_chars: int) -> tuple[list[Article], list[Skipped]]:
    """`admit` over a batch: the articles kept, in order, and the ones that were not."""
    kept: list[Article] = []
    skipped: list[Skipped] = []
    for article in articles:
        result = admit(article, min_chars)
        (kept if isinstance(result, Article) else skipped).append(result)
    return kept, skipped


def _without_controls(article: Article) -> Article:
    """NUL and other C0 control characters (not tab or newlines) out of every text field.

    They are what a binary file is made of; a few in a text (a bad copy, a database export)
    are noise that would reach every later stage, the store and the terminal.
    """
    removed = 0

    def clean(value: str) -> str:
        nonlocal removed
        kept, count = without_controls(value)
        removed += count
        return kept

    changes: dict[str, Any] = {name: clean(getattr(article, name)) for name in _FIELDS}
    changes["published"] = article.published and clean(article.published)
    changes["lifted"] = tuple(map(clean, article.lifted))
    metadata = {k: clean(v) if isinstance(v, str) else v for k, v in article.metadata.items()}
    if not removed:
        return article
    if article.id == content_id(article.text):  # a hash of the text: of the text as kept
        changes["id"] = content_id(changes["text"])
    changes["metadata"] = dict(sorted({**metadata, CONTROLS_REMOVED: removed}.items()))
    return dataclasses.replace(article, **changes)


def _one_line_fields(article: Article) -> Article:
    """Title, outlet and the other one-line fields with each run of whitespace made one space,
    and without zero-width spaces or soft hyphens (the text's are a cleaning repair)."""
    joined = {
        name: " ".join(getattr(article, name).translate(WORD_BREAKING_INVISIBLES).split())
        for name in _ONE_LINE_FIELDS
    }
    changes = {name: value for name, value in joined.items() if value != getattr(article, name)}
    return dataclasses.replace(article, **changes) if changes else article


def _titled(article: Article) -> Article:
    """A title that is only a date or a time stamp names no story: the text's opening is its
    title instead, as for an article given none, and the stamp stays in the metadata."""
    if not is_time_stamp(word_tokens(article.title)):
        return article
    metadata = {**article.metadata, GIVEN_TITLE: article.title, TITLE_FROM_TEXT: True}
    metadata = dict(sorted(metadata.items()))
    return dataclasses.replace(article, title=fallback_title(article.text), metadata=metadata)
