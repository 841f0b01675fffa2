"""Article ids and outlets derived the same way by every reader (files, JSON, HTML, feeds, web)."""

from __future__ import annotations

from urllib.parse import urlsplit

from storyline.model import stable_id
from storyline.text.tokens import normalize

# Second-level labels under a country code that are not themselves registrable ("bbc.co.uk").
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org", "gob", "or", "ne", "go"})


def article_id(text: str, record_id: object = None) -> str:
    """The record's own id (as a string) when it has one, else a hash of the normalised text.

    Content only, not the path: the same article read twice gets the same id.
    """
    if record_id is not None and str(record_id).strip():
        return str(record_id).strip()
    return content_id(text)


def content_id(text: str) -> str:
    """A stable hash of `text` that ignores case, typographic quotes and whitespace layout."""
    return stable_id(" ".join(normalize(text).split()))


def outlet_from_url(url: str) -> str:
    """The registered domain of `url` without "www." ("themoscowtimes.com"), or ""."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or host.replace(".", "").isdigit():
        return host
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL and len(labels) >= 3 else 2
    return ".".join(labels[-keep:])
