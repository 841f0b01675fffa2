"""Date phrases in a sentence, resolved against the article's publication date.

Absolute phrases ("January 25, 2012", "October 2011") go to dateparser one phrase at a time;
relative ones follow our rules: a weekday is the latest one on or before publication, a bare
month the latest such month on or before it, "next week" the week after. In a clause about the
future ("the bridge will reopen on Friday") a weekday, day or month looks forward instead; in one
that denies the future ("is not going to fall down tomorrow") the phrase dates nothing and is left
out. Without a publication date a relative phrase stays undated: dates are never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

from storyline.text.calendar import MONTHS, WEEKDAYS

_FULL_MONTH = (
    r"(?:January|February|March|April|June|July|August|September|October|November|December)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NO_YEAR = r"(?!,?\s+\d)"  # "October 2011" is read whole, as month and year
# "November 2 this year" is one phrase: the year word says which November, not another date.
_YEAR_WORD = r"(?:,?\s+(?i:this|last|next)\s+year\b)?"
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("absolute", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b|\b\d{{1,2}}\s+{_MONTH},?\s+{_YEAR}\b"),
    ("absolute", rf"\b{_YEAR}-\d\d-\d\d\b|\b{_MONTH},?\s+{_YEAR}\b"),
    (
        "month_day",
        rf"(?:\b{_MONTH}\s+{_DAY}\b{_NO_YEAR}|\b\d{{1,2}}\s+{_MONTH}{_NO_YEAR}){_YEAR_WORD}",
    ),
    (
        "weekday",
        (
            rf"\b(?i:(?:last|next|this|on)\s+)?{_WEEKDAY}(?:\s+or\s+{_WEEKDAY})?"
            rf"(?:\s+(?i:next|last)\s+week)?\b"
        ),
    ),
    (
        "month",
        (
            rf"\b(?i:(?:in|since|until|by|from|during|of|early|late|mid|last|this|next)[\s-]+)?"
            rf"(?:{_FULL_MONTH}\b{_NO_YEAR}|\b(?i:in|since|until|by|during)\s+May\b{_NO_YEAR})"
            rf"{_YEAR_WORD}"
        ),
    ),
    ("year", rf"\b(?i:in|since|during|until|by|of|for|from)\s+{_YEAR}\b"),
    (
        "relative",
        (
            r"\b(?i:(?:(?:earlier|later)\s+)?(?:last|this|next)\s+(?:week|month|year)"
            r"|yesterday|today|tomorrow)\b"
        ),
    ),
)
# A cheap first look: most sentences name no date at all.
_HINT = re.compile(
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday"
    r"|today|tomorrow|week|month|year)|\d{4}"
)
# Words that put the rest of their clause in the future ("will reopen on Friday", "is due to").
_FUTURE = re.compile(
    r"\b(?:will|would|shall|won't|'ll|(?:is|are|was|were) (?:due|expected|scheduled|set|to)|plans? to"
    r"|planned|scheduled|slated|upcoming|coming)\b",
    re.IGNORECASE,
)
# A future that is denied ("is not going to fall down tomorrow", "won't happen on Friday") dates
# nothing; "won't reopen until Friday" does date the reopening.
_DENIED_FUTURE = re.compile(
    r"\b(?:will not|won't|would not|wouldn't|(?:not|n't) going to|never going to)\b", re.IGNORECASE
)
# A weekday something is issued, set or scheduled for ("alerts were issued for Wednesday", "the
# schedule for Thursday") is that day or one to come, even in a clause in the past tense; not a
# day whose event is named after it ("blame for Friday night's fire", "for Sunday's game").
_FOR_END = re.compile(r"\bfor\s+$", re.IGNORECASE)
_DAYS_EVENT = re.compile(r"(?:\s+(?:night|morning|afternoon|evening))?['’]s\b")
_DEADLINE = re.compile(r"\b(?:until|till|before|by)\s+\S+(?:\s+\S+){0,3}$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|--|\b(?:said|says|told|announced|reported)\b")
FUTURE_REACH = 100  # characters before a date phrase searched for a future or a denial
_FINDER = re.compile("|".join(f"(?P<{kind}{k}>{p})" for k, (kind, p) in enumerate(_PATTERNS)))


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase; `date` is ISO cut to `granularity` (2011-10, 2012-01-25) or None."""

    phrase: str
    start: int
    end: int
    date: str | None
    granularity: str


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date phrase in `text`, resolved against the publication date when it is known."""
    if not _HINT.search(text):
        return []
    base = _base(published)
    mentions = []
    for match in _FINDER.finditer(text):
        clause = _clause_before(text, match.start())
        phrase = match.group(0)
        if _DENIED_FUTURE.search(clause) and not _DEADLINE.search(f"{clause}{phrase}"):
            continue
        kind = (match.lastgroup or "").rstrip("0123456789")
        if kind == "relative" and _in_a_name(text, match):
            continue
        if kind == "weekday" and _set_for(text, match, clause):
            base_for = base and base - dt.timedelta(days=1)  # that day, or the first one after it
            date, granularity = _resolve(kind, phrase, base_for, True)
        else:
            date, granularity = _resolve(kind, phrase, base, bool(_FUTURE.search(clause)))
        mentions.append(DateMention(phrase, match.start(), match.end(), date, granularity))
    return mentions


def _set_for(text: str, match: re.Match[str], clause: str) -> bool:
    """Whether a bare weekday is what something is set for ("issued for Wednesday")."""
    return (
        _FOR_END.search(clause) is not None
        and not _DIRECTED.search(match.group(0))
        and not _DAYS_EVENT.match(text, match.end())
    )


_OPENING = '"“'
_QUOTE_ENDS = re.compile(r"(?:['’]s|,)?[\"”]")  # the title's closing mark, after "'s" or ","
_TOLD = frozenset({"told", "tells", "telling", "tell"})


def _in_a_name(text: str, match: re.Match[str]) -> bool:
    """A capitalised "Today" or "Last Week" after a word names a paper or a show ("USA Today",
    "the BBC's Today programme", "Last Week Tonight"); one that opens a sentence dates it. So does
    a quoted one (ABC's "This Week") or one after "told" ("she told TODAY").

    In capitals it is a name only after another word in capitals ("USA TODAY") in a sentence
    that is not shouted: "starts shipping TODAY" and "ISSUED A STATEMENT TODAY" are dates.
    """
    phrase = match.group(0)
    if not phrase[0].isupper():
        return False
    if text[match.start() - 1 : match.start()] in _OPENING and _QUOTE_ENDS.match(text, match.end()):
        return True  # a quoted title: ABC's "This Week", on "This Week," "This Week's" panel
    before = text[: match.start()].split()
    if not before or not before[-1][-1].isalnum():
        return False
    if before[-1].lower() in _TOLD:
        return True  # whom something was told: "told TODAY", "told This Week"
    if not phrase.isupper():
        return True
    shouted = sum(c.isupper() for c in text) > sum(c.islower() for c in text)
    return before[-1].isupper() and not shouted


def period_start(date: str) -> dt.date:
    """The first day of an ISO date of any granularity (2011, 2011-10, 2012-W04, 2012-01-25)."""
    if "W" in date:
        year, week = date.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _base(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _clause_before(text: str, start: int) -> str:
    """The clause leading up to a date phrase: where its tense and negation are."""
    return _CLAUSE_BREAK.split(text[max(0, start - FUTURE_REACH) : start])[-1]


def _resolve(kind: str, phrase: str, base: dt.date | None, future: bool) -> tuple[str | None, str]:
    if kind == "absolute":
        return _absolute(phrase)
    granularity = {"weekday": "day", "month_day": "day", "month": "month", "year": "year"}.get(
        kind, ""
    )
    if kind == "year":
        return phrase[-4:], "year"
    if kind == "relative":
        granularity = _relative_granularity(phrase)
    if base is None:
        return None, granularity
    lowered = phrase.lower()
    if kind == "relative":
        return _relative(lowered, base), granularity
    forward = future and not _DIRECTED.search(phrase)
    rule = {"weekday": _weekday, "month_day": _month_day, "month": _month}[kind]
    return rule(lowered, base, forward), granularity


# Phrases that say themselves which way to look ("next Friday", "since March"), future or not.
_DIRECTED = re.compile(r"\b(?i:last|next|this|since|early|late|mid)\b")


def _month_number(phrase: str) -> int:
    """1-12 for the month named (in full or abbreviated) in a lower-case phrase."""
    name = re.search(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", phrase).group(0)
    return next(k for k, m in enumerate(MONTHS, start=1) if m.startswith(name))


@lru_cache(maxsize=4096)
def _absolute(phrase: str) -> tuple[str | None, str]:
    data = _parser().get_date_data(phrase)
    if data.date_obj is None:
        return None, ""
    granularity = "day" if "day" in data.parts else "month" if "month" in data.parts else "year"
    return _cut(data.date_obj.date(), granularity), granularity


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    """English only, so detection costs nothing and nothing is guessed from other languages."""
    settings = {"PREFER_DAY_OF_MONTH": "first", "PARSERS": ["absolute-time"]}
    return DateDataParser(languages=["en"], settings=settings)


def _weekday(phrase: str, base: dt.date, forward: bool) -> str:
    """The latest such weekday on or before `base`; with `forward`, the first one after it."""
    day = WEEKDAYS.index(re.search("|".join(WEEKDAYS), phrase).group(0))
    if forward:
        return (base + dt.timedelta(days=(day - base.weekday() - 1) % 7 + 1)).isoformat()
    if "next" in phrase:
        monday = base + dt.timedelta(days=7 - base.weekday()) if "week" in phrase else base
        ahead = (day - monday.weekday()) % 7 or (0 if "week" in phrase else 7)
        return (monday + dt.timedelta(days=ahead)).isoformat()
    back = (base.weekday() - day) % 7
    if "last" in phrase and "week" in phrase:
        back += 7
    return (base - dt.timedelta(days=back)).isoformat()


def _month_day(phrase: str, base: dt.date, forward: bool) -> str | None:
    """The latest such day on or before `base`; with `forward`, the first on or after it."""
    month = _month_number(phrase)
    day = int(re.search(r"\d+", phrase).group(0))
    if "year" in phrase:
        year = base.year + _step(phrase)
    elif forward:
        year = base.year if (month, day) >= (base.month, base.day) else base.year + 1
    else:
        year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(phrase: str, base: dt.date, forward: bool) -> str:
    """The latest such month on or before `base`; with `forward`, the first on or after it."""
    month = _month_number(phrase)
    if "year" in phrase:
        year = base.year + _step(phrase)
    elif forward:
        year = base.year if month >= base.month else base.year + 1
    elif "next" in phrase:
        year = base.year if month > base.month else base.year + 1
    else:
        year = base.year if month <= base.month else base.year - 1
    return f"{year:04d}-{month:02d}"


def _relative(phrase: str, base: dt.date) -> str:
    step = _step(phrase)
    if "year" in phrase:
        return f"{base.year + step:04d}"
    if "month" in phrase:
        index = base.year * 12 + base.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if "week" in phrase:
        year, week, _ = (base + dt.timedelta(weeks=step)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    return (base + dt.timedelta(days=step)).isoformat()


def _step(phrase: str) -> int:
    """-1, 0 or 1: the period before, of or after publication that a relative phrase names."""
    if "last" in phrase or "yesterday" in phrase:
        return -1
    return 1 if "next" in phrase or "tomorrow" in phrase else 0


def _relative_granularity(phrase: str) -> str:
    lowered = phrase.lower()
    return next((g for g in ("year", "month", "week") if g in lowered), "day")


def _cut(date: dt.date, granularity: str) -> str:
    return date.isoformat()[: {"day": 10, "month": 7, "year": 4}[granularity]]
