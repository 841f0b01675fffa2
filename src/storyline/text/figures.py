"""The figures a sentence states, for telling whether two sentences state the same thing.

A figure keeps its currency and scale: "$3,000" is not "3,000 people", nor "4.2 million"
"4.2%". Claims join sentences that share one; neither a claim nor a citation joins a sentence
to one that gives other amounts ("$316 million" against "$341.2 million").
"""

from __future__ import annotations

import re

# A figure with its currency and scale.
_NUMBER = re.compile(
    r"([$£€]?)(\d[\d,.]*\d|\d)(?:\s?(%|(?:per ?cent|million|billion|trillion|bn|m)\b))?",
    re.IGNORECASE,
)
_SCALES = {"%": "percent", "m": "million", "bn": "billion"}
# A figure as `sentence_figures` writes it, in its parts: "$4.2million", "4.2percent", "3000".
_KIND = re.compile(r"(?P<currency>[$£€]?)(?P<number>[\d.]+)(?P<scale>[a-z]*)")


def sentence_figures(text: str) -> frozenset[str]:
    """The figures of two digits or more a sentence states, each with its currency and scale."""
    return frozenset(
        f"{unit}{digits.replace(',', '')}{_scale(scale)}"
        for unit, digits, scale in _NUMBER.findall(text)
        if len(digits) > 1
    )


def other_amounts(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences' figures (from `sentence_figures`) give amounts of one kind
    (dollars, euros, millions, percentages) and share no number of that kind: "the payout
    would be $316 million" and "... $341.2 million" report different ones, while "$4.2
    million" and "4.2 million dollars" share theirs.

    Amounts in different currencies are not compared: a wire copy converts them ("€75m" and
    "$100 million" of one tanker's oil). Nor are other numbers: those of two sentences that
    state one thing are often incidental (an age, a year, a time of day, "10News", "Route 52").
    """
    first, second = _amounts(a), _amounts(b)
    shared = first.keys() & second.keys()
    return bool(shared) and all(first[kind].isdisjoint(second[kind]) for kind in shared)


def _amounts(figures: frozenset[str]) -> dict[tuple[str, str], set[str]]:
    """The numbers of the figures that carry a currency or a scale, by that kind."""
    found: dict[tuple[str, str], set[str]] = {}
    for figure in figures:
        match = _KIND.fullmatch(figure)
        if match and (match["currency"] or match["scale"]):
            found.setdefault((match["currency"], match["scale"]), set()).add(match["number"])
    return found


def _scale(word: str) -> str:
    """One spelling per scale: "%", "per cent" and "percent" are one; "m" is "million"."""
    plain = word.lower().replace(" ", "")
    return _SCALES.get(plain, plain)
