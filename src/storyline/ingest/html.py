"""HTML pages: main text and metadata through trafilatura (dates through htmldate, as it does)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import trafilatura
from trafilatura.settings import use_config

from storyline.errors import UserError
from storyline.ingest.dates import normalise_date, parse_date_line
from storyline.ingest.decode import decode_bytes
from storyline.ingest.ids import article_id, outlet_from_url
from storyline.ingest.lines import parse_byline
from storyline.model import Article

# Only the original publication date, and only from the page's markup (meta tags, JSON-LD,
# <time>, the URL): htmldate's extensive search guesses from any date in the text.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_LEADING_LINES = 3  # title, date and byline paragraphs at the top of the text


class NoMainText(UserError):
    """The page has no main text that trafilatura could find (empty, broken or not an article)."""


@lru_cache(maxsize=1)
def _config() -> Any:
    """trafilatura defaults minus its signal-based timeout, which fails outside the main thread."""
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def article_from_html(html: str | bytes, location: str, url: str = "") -> Article:
    """An Article from an HTML page; raises NoMainText when there is no main text to read.

    Balanced extraction first, then a recall-oriented pass for pages where it finds nothing
    (short pages, unusual markup). Paragraphs are separated by blank lines; comments are dropped.
    """
    if isinstance(html, bytes):
        html = decode_bytes(html)[0]
    if not html.strip():
        raise NoMainText(f"{location}: empty HTML page")
    doc = _extract(html, url, favor_recall=False) or _extract(html, url, favor_recall=True)
    if doc is None or not (doc.text or "").strip():
        raise NoMainText(f"{location}: no main text found in the HTML (not an article page?)")
    title = (doc.title or "").strip()
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    lifted: list[str] = []
    if title and len(paragraphs) > 1 and paragraphs[0] == title:
        lifted.append(paragraphs.pop(0))
    # Date and byline paragraphs that open the text are metadata, as in plain-text files.
    while len(paragraphs) > 1 and len(lifted) < _LEADING_LINES:
        if not (parse_date_line(paragraphs[0]) or parse_byline(paragraphs[0])):
            break
        lifted.append(paragraphs.pop(0))
    text = "\n\n".join(paragraphs)
    date_lines = [d for d in map(parse_date_line, lifted) if d]
    bylines = [b for b in map(parse_byline, lifted) if b]
    page_url = url or (doc.url or "")
    metadata = {
        key: value
        for key, value in (("sitename", doc.sitename), ("description", doc.description))
        if value
    }
    return Article(
        id=article_id(text),
        location=location,
        text=text,
        title=title,
        url=page_url,
        outlet=outlet_from_url(page_url) or (doc.sitename or doc.hostname or ""),
        author=(doc.author or "").strip() or (bylines[0].author if bylines else ""),
        published=normalise_date(doc.date) or (date_lines[0].published if date_lines else None),
        language=doc.language or "",
        lifted=tuple(lifted),
        metadata=metadata,
    )


def _extract(html: str, url: str, favor_recall: bool) -> Any:
    """trafilatura's document (text and metadata) or None; it never raises on broken markup."""
    try:
        return trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=favor_recall,
            date_extraction_params=_DATE_PARAMS,
            config=_config(),
        )
    except (ValueError, TypeError, AttributeError, RecursionError):  # pathological markup
        return None
