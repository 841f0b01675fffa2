"""Which way a double quote mark faces, and the marks a sentence shown alone lacks.

Scraped text mixes straight and curly marks, so a mark's direction is read from its neighbours.
A sentence taken out of its article may open a quote that runs on into the next sentence ('"It
is only our intent to clear the street.') or close one the sentence before opened ('... pay our
bills.”'); shown alone it needs the missing mark, as an editor adds one when excerpting.
"""

from __future__ import annotations

import re

QUOTE_MARK = re.compile(r"[\"“”]")


def opens(line: str, pos: int) -> bool | None:
    """True for an opening mark, False for a closing one, None for a stray one.

    A mark with only space before it opens, when words follow: there is nothing for it to close
    ('“ Doug was consistent ...', a quote's first token re-joined with a space).
    """
    before = line[pos - 1] if pos > 0 else " "
    after = line[pos + 1] if pos + 1 < len(line) else " "
    previous = _previous(line, pos)
    if not previous:
        return True if _following(line, pos) else None
    if after.isalnum() and (
        before.isspace() or before in "([—–-:" or before.isalpha() or line[pos] == "“"
    ):
        return True
    if before.isalnum() or before in ".,!?;…'’)":
        return False
    if before.isspace() and after.isspace() and previous in _CLOSING_PUNCTUATION:
        return False  # spaced out by re-joined tokens or a careless page: 'shot, " Gage said'
    return None


def _previous(line: str, pos: int) -> str:
    """The last character before `pos` that is not a space, or "". Walked, not sliced: a page
    that is one long line holds thousands of marks, and a slice per mark is quadratic."""
    k = pos - 1
    while k >= 0 and line[k].isspace():
        k -= 1
    return line[k] if k >= 0 else ""


def _following(line: str, pos: int) -> str:
    """The first character after `pos` that is not a space, or ""."""
    k = pos + 1
    while k < len(line) and line[k].isspace():
        k += 1
    return line[k] if k < len(line) else ""


def facing(line: str, pos: int, inside: bool) -> bool | None:
    """`opens`, knowing whether a quote is open at `pos`: quotes do not nest, so inside one, a
    mark after punctuation and a space closes it ('we wanted to progress, "said Stefanski.':
    re-joined tokens). An opening mark after a word is still ignored there ('so the "greatest').
    Outside a quote, a "closing" mark after a figure is an inch mark ('The new 17" MacBook')."""
    direction = opens(line, pos)
    if direction and inside and line[pos - 1 : pos].isspace():
        return False if _previous(line, pos) in _CLOSING_PUNCTUATION else direction
    if direction is False and not inside and line[pos - 1 : pos].isdigit():
        return None
    return direction


_CLOSING_PUNCTUATION = (".", ",", "!", "?", ";", "…")


def missing_marks(text: str, quoted: bool = False) -> tuple[str, str]:
    """The quote marks `text` lacks at its start and at its end ("" where it lacks none).

    `quoted` says the sentence is known to lie in a quotation (its speaker is the quote's): one
    with no marks at all is then the middle of a quote, and gets both.

    A closing mark before any opening one means the quote began in an earlier sentence; an
    opening mark never closed means it goes on past this one. A closing mark after a closed
    quote is left alone (which of the two it belongs to is a guess), and so is one after a
    stray mark, whose direction cannot be read ('in " Atonement,"', re-joined tokens): that may
    be the opener. The added mark matches the style of its partner.
    """
    if quoted and not QUOTE_MARK.search(text):
        return "“", "”"
    before = after = ""
    opened: str | None = None
    settled = False  # after an opening or stray mark, an unmatched closing one is no sign
    for match in QUOTE_MARK.finditer(text):
        direction = facing(text, match.start(), opened is not None)
        if direction is None:
            settled = True
        elif direction:
            opened, settled = opened or match.group(), True
        elif opened is not None:
            opened = None
        elif not settled:
            before, settled = ("“" if match.group() == "”" else '"'), True
    if opened is not None:
        after = "”" if opened == "“" else '"'
    return before, after
