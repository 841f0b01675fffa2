"""Calendar words: they say when, never who or what (dates, datelines, speaker names)."""

from __future__ import annotations

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words that only date a sentence; a sentence made of them (a dateline) states nothing.
DATE_WORDS = frozenset(MONTHS + WEEKDAYS) | {
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("today", "yesterday", "tomorrow", "week", "month", "year"),
}
