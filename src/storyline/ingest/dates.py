"""Publication dates from lines that are nothing but a date (maybe after a source: "AFP , ..."),
or a page's time stamp.

A strict grammar, not a search: a date inside a sentence ("talks on January 25, 2012 failed")
is never taken, because the whole line must match. Unknown stays None, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from storyline.text.calendar import is_time_stamp
from storyline.text.tokens import word_tokens

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# An optional time after the date: ", 10:45 AM GMT", " at 08.30 (UTC+2)".
_TIME = (
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?)?"
)
_DATE_FORMS = (
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    # Year first only ("2012-01-25", "2012/01/25"): "01/02/2012" could be either month.
    (
        r"(?P<iso>(?:19|20)\d\d(?P<sep>[-/.])\d\d(?P=sep)\d\d)"
        r"(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?"
    ),
)
# "Published:", "Updated on" ... or a source before a comma, dash or bar ("AFP , ...").
_LABEL = r"(?:(?:published|updated|posted|last\s+updated|date)(?:\s+on)?\s*:?\s*)?"
_PREFIX = r"(?:(?P<prefix>[A-Z][\w&.'’]*(?:\s+[A-Z][\w&.'’]*){0,3})\s*[,|–—-]\s*)?"
_DATE_LINE = tuple(
    re.compile(rf"{_LABEL}{_PREFIX}{form}{_TIME}", re.IGNORECASE) for form in _DATE_FORMS
)
# Inside a field that is declared a date, a date may sit among other text ("May 2, 2013 | 5:03pm
# EDT", "Posted on Thu Jun 13, 2013 08:45 AM"): word-bounded, with its year, never day-first
# digits ("05/02/2013" is May or February).
_DATE_IN_FIELD = tuple(re.compile(rf"\b{form}\b", re.IGNORECASE) for form in _DATE_FORMS)


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that is a date: the ISO date and what came before it ("AFP"; "" when nothing)."""

    published: str
    prefix: str = ""


def parse_date_line(line: str) -> DateLine | None:
    """The date a line consists of, or None when the line is anything more than a date or a
    page's time stamp ("21 July 2013 Last updated at 11:11 GMT": its first date)."""
    text = line.strip().strip("*_").strip()
    if len(text) > 80:
        return None
    for pattern in _DATE_LINE:
        match = pattern.fullmatch(text)
        if match:
            published = _iso(match)
            if published:
                return DateLine(published, _prefix(match))
    stamped = _first_date_in(text) if is_time_stamp(word_tokens(text)) else None
    return DateLine(stamped) if stamped else None


def normalise_date(value: object) -> str | None:
    """An ISO date or datetime from a record's date field; None when it is not a clear date."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)  # 3.11 reads "Z" and offsets
    except ValueError:
        line = parse_date_line(text)
        return line.published if line else _first_date_in(text)
    if len(text) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def _first_date_in(text: str) -> str | None:
    """The earliest-placed full date (with its year) inside a date field's text, if any."""
    found = [m for pattern in _DATE_IN_FIELD if (m := pattern.search(text)) and _iso(m)]
    return _iso(min(found, key=lambda m: m.start())) if found else None


def _iso(match: re.Match[str]) -> str | None:
    """The matched date as YYYY-MM-DD, or None when it is not a real calendar day."""
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            year, month, day = re.split(r"[-/.]", groups["iso"])
            return date(int(year), int(month), int(day)).isoformat()
        month = _MONTHS[groups["month"][:3].lower()]
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def _prefix(match: re.Match[str]) -> str:
    """The source or place before the date, without "By"; a weekday there is part of the date."""
    prefix = (match.groupdict().get("prefix") or "").strip()
    if re.fullmatch(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?", prefix, re.IGNORECASE):
        return ""
    return re.sub(r"^by\s+", "", prefix, flags=re.IGNORECASE)
