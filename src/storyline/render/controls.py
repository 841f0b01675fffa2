"""Control characters out of text bound for a terminal: article text is untrusted.

An escape sequence in a title can recolour, move the cursor or clear what a terminal shows
("\x1b[2J"), and a carriage return can print over a line. Text shown in a terminal, or in
Markdown (often read in one), keeps its tabs and newlines and loses every other C0 and C1
control character. JSON keeps them, escaped by the encoder; HTML shows them as they are.

A one-line report (a skipped file, an error, a table row) keeps them instead, written as
escapes: a file name may hold a newline, and the user needs its name to find it.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every control character, the Unicode line and paragraph separators, and the lone surrogates
# Python gives undecodable bytes in a file name (os.fsdecode): none can be printed on one line.
_NOT_ON_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` without control characters other than tab and newline."""
    return _CONTROLS.sub("", text)


def one_line(text: str) -> str:
    """`text` on one line, each control character written as its escape ("\\n", "\\x1b")."""
    return _NOT_ON_ONE_LINE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")
