"""Control characters out of text bound for a terminal: article text is untrusted.

An escape sequence in a title can recolour, move the cursor or clear what a terminal shows
("\x1b[2J"), and a carriage return can print over a line. Text shown in a terminal, or in
Markdown (often read in one), keeps its tabs and newlines and loses every other C0 and C1
control character. JSON keeps them, escaped by the encoder; HTML shows them as they are.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` without control characters other than tab and newline."""
    return _CONTROLS.sub("", text)
