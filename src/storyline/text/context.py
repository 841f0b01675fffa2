"""Whether a sentence leans on the one before it: a dangling opener, or words that echo it.

Summaries (which sentence may open one, which may enter one at all) and the comparison (which
sentence of a claim words it best) both show sentences away from their neighbours, so both ask.
"""

from __future__ import annotations

import re

# Words that compare with or repeat something said just before ("saw a similar jump", "was closed
# again"): out of that context the sentence says little. "as well as" joins two things the
# sentence itself names: no echo. Patterns for lower-cased text, matched at a word start.
ECHO_PHRASES = (r"a similar\b", r"similarly\b", r"likewise\b", r"as well\b(?! as\b)", r"again\b")
_ECHO = re.compile(r"\b(?:" + "|".join(ECHO_PHRASES) + ")")
# Openers that need the previous sentence to make sense.
_DANGLING = re.compile(
    r"^(?:[\"“]?\s*)(?:but|and|or|so|yet|also|still|however|meanwhile|instead|then|that|this|these|"
    r"those|it|its|he|she|his|her|they|their|them|we|there|here|such|other|another)\b",
    re.IGNORECASE,
)


def dangles(text: str) -> bool:
    """Whether the sentence opens on a connective or pronoun that points back to an earlier one."""
    return bool(_DANGLING.match(text))


def leans_on_context(text: str) -> bool:
    """Whether the sentence needs the one before it: it dangles, or it echoes what came before."""
    return dangles(text) or bool(_ECHO.search(text.lower()))
