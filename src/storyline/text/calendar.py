"""Calendar words: they say when, never who or what (dates, datelines, speaker names)."""

from __future__ import annotations

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CALENDAR_NAMES = frozenset(MONTHS + WEEKDAYS)  # capitalised, but never a person, place or body
# Words that only date a sentence; a sentence made of them (a dateline) states nothing.
DATE_WORDS = CALENDAR_NAMES | {
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("today", "yesterday", "tomorrow", "week", "month", "year"),
}
# Besides dates, the words of a page's time stamp: "Last updated at 11:11 GMT", "Posted 7:21 AM
# ET", "MON 22 JUL 2013", "November 28th, 2005". A line of nothing else says when, not what.
_STAMP_WORDS = frozenset({
    "article", "posted", "published", "updated", "last", "first", "edited", "at", "on", "time",
    "am", "pm", "a", "p", "m", "st", "nd", "rd", "th", "noon", "midnight",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "gmt", "utc", "bst", "cet", "cest", "ist", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst",
    "mdt", "pt", "pst", "pdt",
})  # fmt: skip


def is_time_stamp(words: list[str]) -> bool:
    """Whether word tokens are only a date or a page's time stamp ("27 NOVEMBER, 2005", "21
    July 2013 Last updated at 11:11 GMT"): numbers, calendar and stamp words, and a month or
    weekday, or a time or date in figures (two numbers or more). One number beside a stamp word
    is a name ("Article 50", "Time 100", "First 48")."""
    if not words or not all(w.isdigit() or w in DATE_WORDS or w in _STAMP_WORDS for w in words):
        return False
    numbers = sum(map(str.isdigit, words))
    return numbers == len(words) or numbers >= 2 or any(w in DATE_WORDS for w in words)
