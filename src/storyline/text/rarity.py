"""How common a word is in general English: wordfreq's Zipf scale, read straight from its table.

Glue repair probes many substrings of every unknown run and clustering weighs every new word,
almost all of them plain lower-case words. For those, `wordfreq.zipf_frequency` tokenizes,
normalises and looks the word up in a tuple-keyed cache before reaching the frequency table:
about 6 us a new word, against under 2 us here. A plain word needs none of those steps, so
`zipf` looks it up in the table directly and rounds exactly as wordfreq does (a test compares
the two on the whole English list and on strings it does not hold). Anything else goes through
wordfreq itself.
"""

from __future__ import annotations

import math

from wordfreq import get_frequency_dict, zipf_frequency

_FLOOR = 1e-9  # zipf_to_freq(0): the frequency of a word wordfreq has never seen


def zipf(word: str) -> float:
    """`zipf_frequency(word, "en")`: 0 for unseen words, about 7.7 for "the"."""
    if not (word.isascii() and word.isalpha() and word.islower()):
        return zipf_frequency(word, "en")
    # wordfreq's own cached table ("best" English): loaded on first use, shared with wordfreq.
    frequency = max(get_frequency_dict("en").get(word, 0.0), _FLOOR)
    # wordfreq keeps three significant digits, then rounds the Zipf value to hundredths. Its
    # math.log(x, 10), not log10, which can differ in the last bit and so in the rounding.
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)  # noqa: FURB163
    return round(math.log(frequency, 10) + 9, 2)  # noqa: FURB163
