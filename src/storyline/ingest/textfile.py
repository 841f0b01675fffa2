"""Plain text and Markdown articles: title, URL, date, byline and dateline lifted into metadata.

Everything lifted out of the text is kept verbatim in `Article.lifted`; boilerplate such as
captions or "Short link:" stays in the text for the clean stage to judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.ingest.dates import normalise_date, parse_date_line
from storyline.ingest.ids import article_id, outlet_from_url
from storyline.ingest.lines import (
    agency_name,
    parse_bare_url,
    parse_byline,
    parse_dateline,
    parse_url_label,
)
from storyline.model import Article
from storyline.text.furniture import is_page_furniture
from storyline.text.titles import TITLE_FROM_TEXT, about_the_text, fallback_title

_HEADING = re.compile(r"#{1,6}\s+(?P<title>.+?)\s*#*\s*")
_SETEXT_RULE = re.compile(r"(=+|-+)\s*")
# A plain first line is a title only at headline length: one or two words ("Advertisement",
# "Story highlights") are far likelier boilerplate, which is the clean stage's to drop.
_MIN_TITLE_WORDS, _MAX_TITLE_WORDS = 3, 20
_HEADER_LINES = 6  # metadata lines (date, byline) are only looked for this close to the top
_DATELINE_LINES = 3
_HEADING_LINES = 3
_FRONT_MATTER_LINES = 40
_FRONT_MATTER_LINE = re.compile(r"\s*(?:[A-Za-z_][\w-]*\s*:.*|-\s.*|#.*)?")
_FRONT_MATTER_KEYS = {
    "title": "title", "date": "published", "published": "published", "author": "author",
    "url": "url", "link": "url", "canonical_url": "url", "source": "outlet", "outlet": "outlet",
}  # fmt: skip


@dataclass
class _Found:
    """What the scan of one text has lifted so far (line numbers) and learnt."""

    lifted: dict[int, str] = field(default_factory=dict)
    title: str = ""
    url: str = ""
    published: str | None = None
    author: str = ""
    outlet: str = ""
    agency: str = ""
    dateline: str = ""
    dateline_prefix: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def article_from_text(text: str, location: str, metadata: dict | None = None) -> Article:
    """An Article from plain text or Markdown, with its metadata lines lifted out."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    found = _Found()
    _find_front_matter(lines, found)
    if not found.url:
        _find_url(lines, found)
    _find_header_lines(lines, found)  # before the title: a date line may come first
    if not found.title:
        _find_title(lines, found)
    _find_dateline(lines, found)
    body = _body(lines, found)
    lifted = [found.lifted[i] for i in sorted(found.lifted)]
    if found.dateline_prefix:
        lifted.append(found.dateline_prefix)
    extra = {**(metadata or {}), **found.extra}
    if found.dateline:
        extra["dateline"] = found.dateline
    if found.agency:
        extra["agency"] = found.agency
    if not found.title:
        extra[TITLE_FROM_TEXT] = True
    return Article(
        id=article_id(body),
        location=location,
        text=body,
        title=found.title or fallback_title(body),
        url=found.url,
        outlet=found.outlet or outlet_from_url(found.url) or found.agency,
        author=found.author,
        published=found.published,
        lifted=tuple(lifted),
        metadata=dict(sorted(extra.items())),
    )


def _nonblank(lines: list[str], found: _Found, start: int = 0) -> list[int]:
    """Indices of the non-blank lines from `start` that are not lifted yet."""
    return [i for i in range(start, len(lines)) if lines[i].strip() and i not in found.lifted]


def _find_front_matter(lines: list[str], found: _Found) -> None:
    """A Markdown front-matter block ("---", "key: value" lines, "---") read as metadata."""
    if not lines or lines[0].strip() != "---":
        return
    window = range(1, min(len(lines), _FRONT_MATTER_LINES))
    closing = [i for i in window if lines[i].strip() in ("---", "...")]
    # A leading horizontal rule is not front matter: every line inside must be "key: value".
    if not closing or not all(_FRONT_MATTER_LINE.fullmatch(line) for line in lines[1 : closing[0]]):
        return
    for index in range(closing[0] + 1):
        found.lifted[index] = lines[index]
    for line in lines[1 : closing[0]]:
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("'\"")
        field_name = _FRONT_MATTER_KEYS.get(key)
        if field_name == "published" and normalise_date(value):
            found.published = found.published or normalise_date(value)
        elif field_name and field_name != "published":
            setattr(found, field_name, getattr(found, field_name) or value)
        elif value:
            found.extra[key] = value  # kept as read, like an unclear date


def _find_title(lines: list[str], found: _Found) -> None:
    """A first-line heading, or a short first line set off by a blank line, is the title."""
    candidates = _nonblank(lines, found)
    if len(candidates) < 2:
        return
    # A "# Title" heading may come after an image or a caption line; a plain title may not.
    h1 = [i for i in candidates[:_HEADING_LINES] if _HEADING.fullmatch(lines[i].strip())]
    first = h1[0] if h1 and lines[h1[0]].lstrip().startswith("# ") else candidates[0]
    line = lines[first].strip()
    heading = _HEADING.fullmatch(line)
    if heading:
        found.title = heading.group("title")
    elif _SETEXT_RULE.fullmatch(lines[first + 1].strip()):
        found.title = line
        found.lifted[first + 1] = lines[first + 1]
    elif (
        _title_like(line)
        and (first + 1 in found.lifted or not lines[first + 1].strip())
        and about_the_text(line, "\n".join(lines[first + 1 :]))
    ):
        found.title = line
    else:
        return
    found.lifted[first] = lines[first]


def _title_like(line: str) -> bool:
    """Short, no final full stop, and not itself a date, byline or URL line, nor page furniture
    (a photo credit, a time stamp, "LISTEN TO ARTICLE ... SHARE THIS ARTICLE")."""
    return (
        _MIN_TITLE_WORDS <= len(line.split()) <= _MAX_TITLE_WORDS
        and line[0].isalnum()
        and not line.endswith(".")
        and parse_date_line(line) is None
        and parse_byline(line) is None
        and not parse_url_label(line)[0]
        and not parse_bare_url(line)
        and not is_page_furniture(line)
    )


def _find_url(lines: list[str], found: _Found) -> None:
    """An "Original url:" line anywhere, with its URL on the same or the next non-blank line."""
    for index in _nonblank(lines, found):
        is_label, url = parse_url_label(lines[index])
        if not is_label:
            continue
        following = _nonblank(lines, found, index + 1)[:1]
        if not url and following:
            url = parse_bare_url(lines[following[0]])
            if url:
                found.lifted[following[0]] = lines[following[0]]
        if url:
            found.lifted[index] = lines[index]
            found.url = url
            return


def _find_header_lines(lines: list[str], found: _Found) -> None:
    """Date lines and bylines among the first few lines become metadata."""
    for index in _nonblank(lines, found)[:_HEADER_LINES]:
        line = lines[index]
        date_line = None if found.published else parse_date_line(line)
        byline = None if found.author else parse_byline(line)
        if date_line:
            found.published = date_line.published
            found.agency = found.agency or agency_name(date_line.prefix)
            if date_line.prefix and not agency_name(date_line.prefix):
                found.extra["date_prefix"] = date_line.prefix  # a place or an outlet: not guessed
        elif byline:
            found.author = byline.author
            found.agency = found.agency or byline.agency
        else:
            continue
        found.lifted[index] = line


def _find_dateline(lines: list[str], found: _Found) -> None:
    """A dateline opening one of the first paragraphs ("MOSCOW – ...") is cut off into metadata."""
    for index in _nonblank(lines, found)[:_DATELINE_LINES]:
        dateline = parse_dateline(lines[index])
        if dateline:
            found.dateline = dateline.place
            found.agency = found.agency or dateline.agency
            found.dateline_prefix = dateline.prefix
            lines[index] = lines[index][
                len(dateline.prefix) :
            ].lstrip()  # the prefix opens the line
            return


def _body(lines: list[str], found: _Found) -> str:
    """The lines that were not lifted, with runs of blank lines collapsed to one."""
    kept = "\n".join(line for i, line in enumerate(lines) if i not in found.lifted)
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", kept).strip()
