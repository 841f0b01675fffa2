"""Wire datelines and page marks at the head of a sentence: where and when a report was filed, or
where the line stood on its page (a live blog's time, a list's number), not what happened.

Summaries and the comparison both show sentences away from their page, where "SYCAMORE, Ill. --"
is noise.
"""

from __future__ import annotations

import re

# "SYCAMORE, Ill. --", "WASHINGTON (AP) —", "Sycamore, Illinois (CNN)", "ALBANY, NY (NEWS 10) –",
# "Dec 17 (Reuters) -": where and when, not what.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'/-]*(?:[ ,]+[A-Z][A-Za-z.'/-]*){0,4}\s*)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},?\s*)?"
    r"(?:\((?:AP|CNN|Reuters|AFP|UPI|[A-Z]{2,6}(?: \d{1,3})?)\)\s*(?:[-–—]{1,2}\s*)?|[-–—]{1,2}\s+"
    r"|--\s*)"
)
# "GAZA/JERUSALEM", "JAKARTA/PANGKALAN BUN, Indonesia": a two-place wire dateline whose agency tag
# and dash the page lost. Only the slash form: one capitalised word may be a name ("FBI Director").
_PLACE_PAIR = re.compile(
    r"^[A-Z]{2,}(?:[ -][A-Z]{2,})*(?:/[A-Z]{2,}(?:[ -][A-Z]{2,})*)+(?:, [A-Z][a-z]+)?\s+"
)


# "12:55 A.M. Hamas says ...", "9:04 PM ET Rockets ...": a live blog's entry time, when it was filed.
# A time zone after it is part of the time ("9:30 a.m. Eastern").
CLOCK_TIME = r"\d{1,2}:\d\d\s?[AaPp]\.?[Mm]\.?"  # "12:55 A.M.", "9:04 PM"
_CLOCK = re.compile(
    rf"^{CLOCK_TIME}(?:\s?[A-Z]{{1,3}}T\b)?\s+"
    r"(?!(?:Eastern|Pacific|Central|Mountain|Local)\b)"
)


# "1. Anthony Rapp told ...", "5) Trump was also asked ...", "A. The House voted ...": a list's
# number or a Q&A answer's mark, which says where the line stood on its page ("A. J. Ruiz" stays).
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|A\.) (?=[A-Z][a-z])")


def drop_dateline(text: str) -> str:
    """Text without a leading dateline or page mark, when what is left still starts a sentence."""
    match = (
        _DATELINE.match(text)
        or _PLACE_PAIR.match(text)
        or _CLOCK.match(text)
        or _LIST_MARK.match(text)
    )
    if match and match.end() < len(text) and text[match.end()].isupper():
        return text[match.end() :]
    return text
