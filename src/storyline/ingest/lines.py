"""Recognisers for the metadata lines of plain-text articles: bylines, URL labels, datelines.

Each one matches a whole line (or a dateline prefix), never a phrase inside a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Wire services: an agency named in a byline is the article's source when no URL says otherwise.
WIRE_AGENCIES = frozenset(
    {
        "AAP", "AFP", "AP", "ANSA", "Agence France-Presse", "Anadolu", "Associated Press",
        "Bloomberg", "Canadian Press", "EFE", "IANS", "ITAR-TASS", "Interfax", "Kyodo", "MENA",
        "PA", "PTI", "Press Association", "RIA Novosti", "Reuters", "SANA", "TASS", "UPI",
        "Xinhua", "Yonhap", "dpa",
    }
)  # fmt: skip
_AGENCY_KEYS = {name.lower(): name for name in WIRE_AGENCIES}

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|da|del|la|le))*"
_BYLINE = re.compile(
    rf"(?i:by|written\s+by)\s+(?P<names>{_NAME}(?:\s*(?:,\s*)?(?:and|&)\s+{_NAME})*)"
    # Then a capitalised name or agency after a separator ("dpa" is written in lower case) ...
    r"(?:\s*(?:[,|/]|\s[–—-])\s*(?P<tail>(?:[A-Z]|dpa)[\w .&'’-]{0,39})"
    # ... or an agency in brackets: "By Jane Doe (AP)".
    r"|\s*\((?P<paren>[\w .&'’-]{1,40})\))?"
)
_URL = r"<?(?P<url>https?://[^\s<>]+)>?"
_URL_LABEL = re.compile(
    r"(?i:original\s+(?:url|link|article)|source\s+url|canonical\s+url|permalink|url|source)"
    rf"\s*:\s*(?:{_URL})?"
)
_BARE_URL = re.compile(_URL)
# "MOSCOW – ", "ST. PETERSBURG, Russia (AP) — ", "MOSCOW, Jan 25 (Reuters) - "
_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’]*(?:[ -][A-Z][A-Z.'’]*){0,3})"
    r"(?:,\s*(?P<extra>[A-Za-z0-9. ]{1,30}?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&-]{2,30})\)\s*)?"
    r"(?P<dash>[–—]|--?|:)\s+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Byline:
    author: str
    agency: str = ""


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline prefix: `prefix` is the verbatim text lifted off the paragraph's start."""

    prefix: str
    place: str
    agency: str = ""


def parse_byline(line: str) -> Byline | None:
    """The author (and wire agency, when one is named) of a line like "By Jane Doe, Reuters"."""
    match = _BYLINE.fullmatch(line.strip().strip("*_").strip())
    if not match:
        return None
    names = match.group("names").strip()
    extra = (match.group("tail") or match.group("paren") or "").strip()
    agency = agency_name(extra)
    if extra and not agency:
        names = f"{names}, {extra}"
    return Byline(names, agency)


def agency_name(text: str) -> str:
    """The wire agency `text` names: a known one (canonical spelling) or an acronym ("IRNA")."""
    text = text.strip()
    if text.lower() in _AGENCY_KEYS:
        return _AGENCY_KEYS[text.lower()]
    return text if re.fullmatch(r"[A-Z]{2,6}", text) else ""


def parse_url_label(line: str) -> tuple[bool, str]:
    """(True, url) for "Original url: <url>"; (True, "") when the URL follows on a later line."""
    match = _URL_LABEL.fullmatch(line.strip())
    if not match:
        return False, ""
    return True, match.group("url") or ""


def parse_bare_url(line: str) -> str:
    """The URL when the line is nothing but a URL (maybe in <...>), else ""."""
    match = _BARE_URL.fullmatch(line.strip())
    return match.group("url") if match else ""


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph ("MOSCOW – Russia is ..."), or None."""
    match = _DATELINE.match(paragraph)
    if not match or len(match.group("city").replace(" ", "")) < 3:
        return None
    if match.group("dash") == ":" and not match.group("agency"):
        return None  # "NOTE: ..." is a label, not a place
    agency_text = (match.group("agency") or "").strip()
    agency = _AGENCY_KEYS.get(agency_text.lower(), agency_text)
    return Dateline(match.group(0).strip(), match.group("city").strip(), agency)
