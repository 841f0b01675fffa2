"""JSON Lines and JSON records: our own shape, trafilatura's JSON output and news-please's JSON.

Fields a record does not map onto an Article are kept in `Article.metadata`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from storyline.errors import UserError
from storyline.ingest.dates import normalise_date
from storyline.ingest.decode import decode_bytes, is_binary
from storyline.ingest.html import article_from_html
from storyline.ingest.ids import article_id, outlet_from_url
from storyline.model import Article, Skipped
from storyline.text.titles import TITLE_FROM_TEXT, fallback_title

# Alternatives per Article field, first present wins: ours, trafilatura's, news-please's.
_TEXT = ("text", "raw_text", "maintext")
_DATE = ("published", "date", "date_publish")
# Domains before site names, so an outlet reads the same as one taken from a URL.
_DOMAIN = ("source_domain", "hostname")
_SITENAME = ("sitename", "source-hostname")
_AUTHOR = ("author", "authors")
_NESTED = ("documents", "articles")
_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
               type(None): "null"}  # fmt: skip
_OWN = ("id", "url", "title", "html", "language", "source", "outlet", "metadata")
_USED = frozenset((*_TEXT, *_DOMAIN, *_SITENAME, *_AUTHOR, *_OWN))
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads joins valid pairs: any left is lone


def read_jsonl(text: str, location: str) -> Iterator[Article | Skipped]:
    """One article per non-blank line; a bad line is skipped as "path:LINE", the rest are read."""
    # Split on "\n" only: str.splitlines would also break at U+2028 or \x85 inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{location}:{number}"
        try:
            record = loads_json(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield from _articles(record, where)


def json_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(number, line) of each non-blank line of a JSON Lines file that is not an article source
    (gold labels, evaluation clusters): decoded as files are, and a binary file is a UserError."""
    if path.is_dir():
        raise UserError(f"{path} is a directory: give the JSON Lines file itself")
    if not path.is_file():
        raise UserError(f"file not found: {path}")
    data = path.read_bytes()
    if is_binary(data):
        raise UserError(f"{path}: a binary file, not JSON Lines")
    for number, line in enumerate(decode_bytes(data)[0].split("\n"), start=1):
        if line.strip():
            yield number, line


def read_json(text: str, location: str) -> Iterator[Article | Skipped]:
    """A JSON list of records ("path#INDEX", from 0) or one record; JSONL is accepted as well."""
    try:
        data = loads_json(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" or _one_object_a_line(text):  # JSON Lines named .json
            yield from read_jsonl(text, location)  # a bad line loses that line, not the file
            return
        yield Skipped(location, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    if isinstance(data, list):
        for index, record in enumerate(data):
            yield from _articles(record, f"{location}#{index}")
    else:
        yield from _articles(data, location)


def _one_object_a_line(text: str) -> bool:
    """Whether every non-blank line (two or more) opens an object, as JSON Lines lines do.

    A pretty-printed object or array has lines that open with a key, a bracket or a value.
    """
    lines = [line.lstrip() for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and all(line.startswith("{") for line in lines)


def loads_json(text: str) -> Any:
    """json.loads, with what Python's parser cannot take reported like any other bad JSON.

    A lone surrogate ("\\ud800", half of an escaped emoji) becomes U+FFFD: it cannot be
    written out as UTF-8, so it would fail every later stage. A raw control character inside a
    string (a tab or a stray byte an exporter did not escape) is read as it stands, not taken
    for a broken record: admit removes the stray ones from every reader's text alike.
    """
    try:
        data = json.loads(text, strict=False)
        return without_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # Python refuses integers of over 4,300 digits
        raise json.JSONDecodeError("a number too long to read", text, 0) from None


def without_surrogates(value: Any) -> Any:
    """`value` with every lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {without_surrogates(k): without_surrogates(v) for k, v in value.items()}
    return value


def _articles(record: Any, location: str) -> Iterator[Article | Skipped]:
    """A record's article, or each article of a record that holds a list of them ("LOCATION#N").

    Multi-News clusters keep theirs in "documents"; storyline's own JSON digest in "articles".
    """
    nested = _first(record, _NESTED) if isinstance(record, Mapping) else None
    if not isinstance(nested, list) or any(key in record for key in (*_TEXT, "html")):
        yield record_to_article(record, location)
        return
    bad_id = scalar_problem(record.get("id"))
    if bad_id:
        yield Skipped(location, bad_id)
        return
    cluster = {"cluster_id": str(record["id"])} if record.get("id") is not None else {}
    for index, document in enumerate(nested):
        if isinstance(document, Mapping):
            document = {**cluster, **document}
        yield record_to_article(document, f"{location}#{index}")


def record_to_article(record: Any, location: str) -> Article | Skipped:
    """An Article from one record, or why the record cannot be one."""
    if not isinstance(record, Mapping):
        return Skipped(location, f"record is a JSON {json_kind(record)}, not an object")
    bad_id = scalar_problem(record.get("id"))
    if bad_id:
        return Skipped(location, bad_id)
    text = _first(record, _TEXT)
    html = record.get("html")
    if text is None and html is None:
        if any(key in record for key in (*_TEXT, "html")):
            return Skipped(location, "empty: the record's text field is empty")
        fields = ", ".join(sorted(map(str, record))) or "none"
        return Skipped(location, f"no text or html field (fields: {fields})")
    if not isinstance(text if text is not None else html, str):
        return Skipped(location, "the text/html field is not a string")
    if text is None:
        try:
            base = article_from_html(html, location, _string(record.get("url")))
        except UserError as exc:
            return Skipped(location, str(exc).removeprefix(f"{location}: "))
    else:
        base = Article(id="", location=location, text=text.strip())
    return _merge(base, record)


def _merge(base: Article, record: Mapping[str, Any]) -> Article:
    """The record's own fields over what the text or HTML gave."""
    url = _string(record.get("url"))
    source = _string(record.get("source"))
    if source.startswith(("http://", "https://")):  # trafilatura writes the page URL as "source"
        url, source = url or source, ""
    url = url or base.url
    outlet = (
        _string(record.get("outlet"))  # an Article written out as JSON by storyline itself
        or source
        or _string(_first(record, _DOMAIN)).removeprefix("www.")
        or outlet_from_url(url)
        or _string(_first(record, _SITENAME))
        or base.outlet
    )
    date_key = next((key for key in _DATE if record.get(key)), None)
    published = normalise_date(record[date_key]) if date_key else None
    own = record.get("metadata")
    extra = {**(own if isinstance(own, Mapping) else {})}
    extra.update((k, v) for k, v in record.items() if k not in _USED and k not in _DATE)
    if date_key and published is None:
        extra[date_key] = record[date_key]  # kept, not guessed: an unclear date stays visible
    given = _string(record.get("title"))
    metadata = {**base.metadata, **extra}
    if given:  # the record's own title, whatever the text's opening gave
        metadata.pop(TITLE_FROM_TEXT, None)
    elif not base.title:
        metadata[TITLE_FROM_TEXT] = True
    return Article(
        id=article_id(base.text, record.get("id")),
        location=base.location,
        text=base.text,
        title=given or base.title or fallback_title(base.text),
        url=url,
        outlet=outlet,
        author=_author(_first(record, _AUTHOR)) or base.author,
        published=published or base.published,
        language=_string(record.get("language")) or base.language,
        lifted=base.lifted,
        metadata=dict(sorted(metadata.items())),
    )


def scalar_problem(value: Any, name: str = "id") -> str:
    """Why a record's `name` field cannot be used ("" when it can): ids and labels are strings
    or numbers. An array or object would become its Python repr ("['a', 1]"), which no user wrote.
    """
    if isinstance(value, float) and not math.isfinite(value):  # Python's JSON reads NaN
        return f"its {name} is {value}, not a string or a number"
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return ""
    return f"its {name} is a JSON {json_kind(value)}, not a string or a number"


def json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type ("array", "object", "boolean", ...)."""
    return "object" if isinstance(value, Mapping) else _JSON_TYPES.get(type(value), "value")


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The first of `keys` with a non-empty value, else None."""
    return next((record[k] for k in keys if record.get(k) not in (None, "", [])), None)


def _string(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _author(value: Any) -> str:
    """Authors as one string: news-please gives a list of names, schema.org a list of objects
    with a "name" ({"@type": "Person", "name": ...}); a Python repr of one is no name."""
    values = value if isinstance(value, list) else [value]
    names = (_string(v.get("name")) if isinstance(v, Mapping) else _string(v) for v in values)
    return ", ".join(name for name in names if name)
