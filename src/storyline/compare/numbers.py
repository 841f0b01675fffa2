"""Numbers in a sentence with their hedge and what they count ("more than 5,400 people dead").

Each mention carries the interval of true values it allows, so rounding ("5,400" vs "5,412")
and hedges ("more than 5,400" vs "over 5,400") can be told apart from real disagreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.text.calendar import WEEKDAYS
from storyline.text.tokens import STOP_WORDS, stem

# Hedge words and the class of interval they allow around the stated value.
HEDGES: dict[str, str] = {
    "more than": ">", "over": ">", "at least": ">", "upwards of": ">", "in excess of": ">",
    "less than": "<", "fewer than": "<", "under": "<", "up to": "<", "as many as": "<",
    "within": "<", "nearly": "<~", "almost": "<~", "close to": "<~", "just under": "<~",
    "about": "~", "around": "~", "some": "~", "roughly": "~", "approximately": "~",
    "an estimated": "~", "estimated": "~", "about the": "~",
}  # fmt: skip
# Vague quantity words: the value is their lower bound, the interval a plausible range.
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 144), "scores": (40, 200), "hundreds": (200, 1000),
    "thousands": (2000, 10_000), "tens of thousands": (20_000, 100_000),
    "hundreds of thousands": (200_000, 1_000_000), "millions": (2e6, 1e7),
}  # fmt: skip
# "about 4,500" allows 5% either way (two such bands overlap when the values are within 10%).
# 15% made "about 4,500" and, a day later, "about 5,200" acres one figure, and "about 300" and
# "roughly 400" tents.
APPROXIMATE = 0.05
# "more than 5,400" may stand for 5,412 or 6,000, not for twice as many: a writer rounds down to a
# near round number. Twice (until 2026-11-25) made "more than 50 percent" and "over 96 percent"
# of two votes, "more than $363 million" and "$459 million", "more than 350" and "about 520
# firefighters" one figure (20 such Differs lines in Multi-News dev and ECB+).
AT_LEAST_SPAN = 1.25
# "nearly 50" and "almost 50" are close below 50 (45 to 50), where "up to 50" or "under 50" may
# be well below it (from 40): "nearly 50" and "roughly 40 percent" of the seats had been one figure.
NEARLY_SPAN = 0.9
UP_TO_SPAN = 0.8
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
# Units of measure: "6,100 acres of forest" is an area in acres, as "4,500 acres" is.
MEASURES = frozenset(
    {
        *("acres", "hectares", "miles", "kilometers", "kilometres", "feet", "meters", "metres"),
        *("tons", "tonnes", "gallons", "barrels", "litres", "liters", "pounds", "kilograms"),
    }
)
# Words that say what happened to the counted things; kept as the quantity's "state".
STATES = {
    "dead": "dead", "killed": "dead", "died": "dead", "deaths": "dead", "death": "dead",
    "wounded": "injured", "injured": "injured", "hurt": "injured",
    "arrested": "arrested", "detained": "arrested", "missing": "missing",
    "displaced": "displaced", "fled": "displaced", "homeless": "displaced",
    "killing": "dead", "kill": "dead", "kills": "dead", "wounding": "injured",
}  # fmt: skip
CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds"}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
# A hedge may be glued to the number by scraping damage ("more than5,400").
_FIGURE = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s*|(?<![\w.,/:-]))(?P<currency>[$€£])?"
    rf"(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
    rf"(?:\s+(?P<scale>thousand|million|billion)\b)?(?P<percent>\s?%|\s+per\s?cent\b)?"
    rf"(?![\w%-]|[.,:]\d)"
    rf"|\b(?P<vague>{_VAGUE})\b",
    re.IGNORECASE,
)
_DATE_CONTEXT = re.compile(
    rf"{_MONTH}\s*$|^\s*{_MONTH}|^\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|GMT|local time)"
)
# A number right after a capitalised word inside a sentence belongs to a name, not a count:
# "the Boeing 737 jets", "Route 9 buses", "USB 2.0 ports", "Flight 370 passengers". After a
# person's name ("takes Amanda Clarke 40 minutes", two capitalised words) it is still a count.
_NAME_BEFORE = re.compile(r"(\S+)\s([A-Z][A-Za-z-]*)\s$")
_POSSESSIVE = ("'s", "’s")  # "Israel's Channel 2" names a channel, not a person
_NOT_NAMES = STOP_WORDS | frozenset(WEEKDAYS)  # "said Monday 12 people" is a count
# A model name counts as one word ("14 AK-47 rifles" counts rifles, "two B52 bombers").
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*(?:\d+[A-Za-z]*)?|[^\sA-Za-z]")
MAX_COUNT_WORDS = 4
# Characters after a number read for what it counts and what happened to it: a few words, and a
# bound that keeps a sentence of thousands of numbers (a scraped table) linear.
_LOOK_AHEAD = 200
# A range: "2,500 to 5,000 tons", "$140 to $160 million" (en dash too; a hyphen glues the numbers
# into one token that is no figure). The low end is read with the high end.
_RANGE_NEXT = re.compile(r"\s*(?:to|–)\s*[$€£]?\d")
_RANGE_LOW = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?%?\s*(?:to|–)\s*[$€£]?$")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a sentence; `head` (stemmed noun) and `state` say what it counts."""

    value: float
    hedge: str
    text: str
    counts: str
    head: str
    state: str
    low: float
    high: float
    start: int
    end: int
    # Capitalised words that narrow what is counted: "11 Yemeni pirates" are some of the pirates.
    qualifiers: frozenset[str] = frozenset()


def find_quantities(text: str) -> list[Quantity]:
    """Every counted quantity in the sentence; years, dates and times are not quantities."""
    found = []
    for match in _FIGURE.finditer(text):
        if _no_count_of_its_own(text, match):
            continue
        # "62%" and "62 per cent" count what "62 percent" counts.
        rest = text[match.end() : match.end() + _LOOK_AHEAD]
        after = ("percent " if match.group("percent") else "") + rest
        counts = _counted_words(after, bool(match.group("vague")))
        if match.group("currency"):
            counts = [CURRENCIES[match.group("currency")]]
        if not counts or [w.lower() for w in counts[:2]] == ["block", "of"]:
            continue  # "the 700 block of West Avenue" is an address
        value, low, high = _value_range(match)
        opens = _range_start(text, match)
        if opens is not None:
            low = min(low, _range_low(text[opens : match.start()], match))
        hedge = (match.group("hedge") or "").lower()
        state = _state(counts, text[max(0, match.start() - 30) : match.start()], rest)
        found.append(
            Quantity(
                value,
                hedge,
                _shown(text[match.start() if opens is None else opens : _end(match)]),
                " ".join(counts),
                _head(counts),
                state,
                low,
                high,
                match.start(),
                match.end(),
                _qualifiers(counts),
            )
        )
    return found


def _no_count_of_its_own(text: str, match: re.Match[str]) -> bool:
    """A date or a time, part of a name ("Route 9", "Mega Millions"), or the low end of a range
    ("2,500 to 5,000 tons"), which is read with its high end."""
    if not match.group("number"):
        return _vague_in_a_name(text, match)
    return (
        _is_date_or_time(text, match)
        or _in_a_name(text, match)
        or _RANGE_NEXT.match(text, match.end()) is not None
    )


def same_kind(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same kind of thing (same noun, no clash of states)."""
    return a.head == b.head and (a.state == b.state or not a.state or not b.state)


def same_unit(a: Quantity, b: Quantity) -> bool:
    """Not two units of one measure: "40 miles north of Anchorage", "64 km north of Anchorage".

    Without a conversion table, values in different units are not compared at all.
    """
    units = [q.counts.split()[0].lower() for q in (a, b) if " of " in f" {q.counts} "]
    return len(units) < 2 or stem(units[0]) == stem(units[1])


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether both statements can be true of one quantity (their value intervals overlap)."""
    return max(a.low, b.low) < min(a.high, b.high) or (a.low == b.low and a.high == b.high)


def _is_date_or_time(text: str, match: re.Match[str]) -> bool:
    number = match.group("number")
    if re.fullmatch(r"(1[89]|20)\d\d", number) and not match.group("hedge"):
        return True
    before, after = (
        text[max(0, match.start() - 12) : match.start()],
        text[match.end() : match.end() + 12],
    )
    return bool(_DATE_CONTEXT.search(before) or _DATE_CONTEXT.search(after))


def _in_a_name(text: str, match: re.Match[str]) -> bool:
    """A plain number that follows a name word ("Route 9"), outside a title-cased headline."""
    plain = not match.group("hedge") and not match.group("currency")  # "pay Silva $15,000"
    named = plain and _NAME_BEFORE.search(text, max(0, match.start() - 60), match.start())
    if not named or named.group(2).lower() in _NOT_NAMES or _title_case(text):
        return False
    before = named.group(1)
    return not before[0].isupper() or before.lower() in STOP_WORDS or before.endswith(_POSSESSIVE)


def _vague_in_a_name(text: str, match: re.Match[str]) -> bool:
    """A capitalised vague word after a capitalised word: a name ("the Mega Millions jackpot")."""
    vague = match.group("vague")
    if not vague or not vague[0].isupper():
        return False
    before = text[max(0, match.start() - 40) : match.start()].split()[-1:]
    return bool(before and before[0].isalpha() and before[0].istitle())


@lru_cache(maxsize=256)  # asked once per number, of the same sentence
def _title_case(text: str) -> bool:
    """Most words capitalised: a headline, where a capital says nothing about names."""
    words = re.findall(r"[A-Za-z]+", text)
    return sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _shown(words: str) -> str:
    """The figure's words as shown: in lower case ("About 14,000" and "Dozens" open sentences),
    without a "%" that its counted words say ("20% to 30" reads "20 to 30 percent")."""
    return " ".join(words.lower().replace("%", "").split())


def _end(match: re.Match[str]) -> int:
    """Where the figure's words end: before a "%" or "per cent", which its counted words say."""
    return match.start("percent") if match.group("percent") else match.end()


def _range_start(text: str, match: re.Match[str]) -> int | None:
    """Where the range a plain number closes opens ("2,500 to 5,000"), or None.

    "from 10 to 20" is a change, not a range: the count is now 20.
    """
    if not match.group("number") or match.group("hedge"):
        return None
    found = _RANGE_LOW.search(text, max(0, match.start() - 30), match.start())
    if (
        found is None
        or re.search(r"\bfrom\s*$", text[max(0, found.start() - 6) : found.start()])
        or re.match(r"(?:1[89]|20)\d\d\b", found.group(0))  # "in 2015 to $19.6 million"
        or (found.group(0)[0] in CURRENCIES) != bool(match.group("currency"))
    ):
        return None
    return found.start()


def _range_low(low_end: str, match: re.Match[str]) -> float:
    """The low end's value, in the high end's scale: "$140 to $160 million" starts at 140 million."""
    number = re.search(r"\d[\d,]*(?:\.\d+)?", low_end).group(0).replace(",", "")
    return float(number) * SCALES.get((match.group("scale") or "").lower(), 1.0)


def _value_range(match: re.Match[str]) -> tuple[float, float, float]:
    """The stated value and the interval of true values its wording allows."""
    if match.group("vague"):
        low, high = VAGUE[match.group("vague").lower()]
        return float(low), float(low), float(high)
    number = match.group("number").replace(",", "")
    scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
    value = float(number) * scale
    # A scaled amount keeps two significant digits too: "$1 million" may stand for $1.04 million,
    # not for $1.4 million ("increased to $1.4 million from $1 million" had read as one figure).
    unit = _rounding_unit(number) * scale / (10.0 if scale > 1 and len(number) == 1 else 1.0)
    kind = HEDGES.get((match.group("hedge") or "").lower(), "")
    if kind == ">":
        return value, value, AT_LEAST_SPAN * value
    if kind in ("<", "<~"):
        return value, (NEARLY_SPAN if kind == "<~" else UP_TO_SPAN) * value, value + unit / 2
    if kind == "~":
        half = max(APPROXIMATE * value, unit / 2)
        return value, value - half, value + half
    return value, value - unit / 2, value + unit / 2


def _rounding_unit(number: str) -> float:
    """The precision a number is stated to: 5400 -> 100, 5412 -> 1, 2.5 -> 0.1.

    A round number keeps two significant digits: "1,000 people" may stand for 1,040, not for
    1,400, and "10 percent" is not "15 percent".
    """
    if "." in number:
        return 10.0 ** -len(number.split(".")[1])
    zeros = len(number) - len(number.rstrip("0"))
    return 10.0 ** min(zeros, max(len(number) - 2, 0)) if number != "0" else 1.0


ARTICLES = frozenset({"the", "a", "an"})
_OF_WHOSE = ARTICLES | {"his", "her", "its", "their", "our", "your", "my"}
_OF_WHOSE_OR_OF = _OF_WHOSE | {"of"}


def _counted_words(after: str, vague: bool) -> list[str]:
    """The words right after a number that say what it counts ("people dead", "km of levees")."""
    words: list[str] = []
    tokens = _WORD.findall(after)
    if vague and tokens[:1] == ["of"]:  # "thousands of protesters"
        tokens = tokens[1:]
    for k, token in enumerate(tokens):
        low = token.lower()
        # "96% of the vote" counts votes, "100% of his bonus" a bonus: an article or possessive
        # after "of" leads on to what is counted (both had been bare "percent", and one figure).
        whose = low in _OF_WHOSE and words[-1:] == ["of"]
        after_of = tokens[k + 1 : k + 3]
        if after_of[:1] and after_of[0].lower() in _OF_WHOSE:
            after_of = after_of[1:]
        measure = low == "of" and words and after_of[:1] and _is_word(after_of[0])
        full = len(words) - sum(w.lower() in _OF_WHOSE for w in words) == MAX_COUNT_WORDS
        if full or not (measure or whose or _is_word(token)):
            break
        words.append(token)
    while words and words[-1].lower() in _OF_WHOSE_OR_OF:
        words.pop()  # cut short after "of the": what is counted did not fit
    while (
        len(words) > 1
        and words[-1].lower().endswith(("ed", "ing"))
        and words[-1].lower() not in STATES
    ):
        words.pop()  # a verb after the noun: "protesters marched"
    return _without_trailing_name(words)


def _without_trailing_name(words: list[str]) -> list[str]:
    """The words less a closing run of capitalised ones after a lower-case word: "fell 0.88
    percent BP said" counts percent. "20 percent of Americans" keeps its Americans, and so do
    "displaced Palestinians": one capitalised plural is what is counted."""
    cut = len(words)
    while cut > 1 and words[cut - 1][0].isupper():
        cut -= 1
    run = words[cut:]
    plural = len(run) == 1 and run[0].endswith("s") and not run[0].endswith(_POSSESSIVE)
    if not run or plural or not words[cut - 1][0].islower() or words[cut - 1] == "of":
        return words
    return words[:cut]


def _is_word(token: str) -> bool:
    """A token that can say what a number counts: a word, not a stop word (unless a state)."""
    low = token.lower()
    return token[0].isalpha() and (low not in STOP_WORDS or low in STATES)


def _head(counts: list[str]) -> str:
    """The counted noun: the last word that is not a state ("people" in "people dead"), or the
    measure of a measured amount ("acres" in "6,100 acres of forest")."""
    lower = [w.lower() for w in counts]
    unit = lower[lower.index("of", 1) - 1] if "of" in lower[1:] else ""
    if unit in MEASURES:
        return stem(unit)
    nouns = _nouns(counts)
    return stem(nouns[-1].lower()) if nouns else ""


def _nouns(counts: list[str]) -> list[str]:
    return [w for w in counts if w.lower() not in STATES and w != "of"]


def _qualifiers(counts: list[str]) -> frozenset[str]:
    """Capitalised words before a lower-case counted noun: "Yemeni" in "Yemeni pirates"."""
    nouns = _nouns(counts)
    if not nouns or not nouns[-1][0].islower():
        return frozenset()  # "12 Magazines": title case, not a narrowing name
    return frozenset(w.lower() for w in counts if w[0].isupper())


def _state(counts: list[str], before: str, after: str) -> str:
    """What happened to the counted things: from the counted words, or the few words around."""
    near = (
        re.findall(r"[a-z]+", before.lower())[-3:]
        + re.findall(r"[a-z]+", after.lower())[: len(counts) + 3]
    )
    for word in [w.lower() for w in counts] + near:
        if word in STATES:
            return STATES[word]
    return ""
