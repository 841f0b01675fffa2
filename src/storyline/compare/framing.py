"""Framing: the terms an origin uses markedly more than the story's other origins.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words"): the prior is the story's own word counts, so a term only stands out when an
origin leans on it beyond what its sheer frequency in the story explains.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from storyline.compare.units import Unit, statement_words
from storyline.model import Citation, FramingTerm
from storyline.settings import CompareSettings
from storyline.text.tokens import WORD_EDGE_MARKS, stem

PRIOR_WEIGHT = 0.2  # alpha_0 as a share of the story's words; picked on synthetic probes (tests)
# The neutral verbs of attribution, which every wire style uses for any speaker: how often a
# report writes "adding" or "according to" is its length in quotes, not a choice of words
# ("said", "says", "say" and "told" are stop words already). Loaded ones ("claimed",
# "admitted", "insisted") stay: they are framing.
NEUTRAL_ATTRIBUTION = frozenset({"saying", "tells", "tell", "added", "adds", "adding", "according"})


def compare_framing(
    units: Sequence[Unit], settings: CompareSettings
) -> tuple[list[FramingTerm], str]:
    """Distinctive terms per origin (canonical articles only), or a note saying why none."""
    canonical = _canonical_units(units)
    unchosen = NEUTRAL_ATTRIBUTION | _names([u for group in canonical.values() for u in group])
    counts = {origin: _counts(group, unchosen) for origin, group in canonical.items()}
    enough = {o: c for o, c in counts.items() if sum(c.values()) >= settings.framing_min_words}
    short = sorted(set(counts) - set(enough))
    if len(enough) < 2:
        return [], (
            f"not enough text to compare framing: it needs two origins with at least "
            f"{settings.framing_min_words} content words each"
        )
    total = sum(enough.values(), Counter())
    terms = [
        t
        for origin in enough
        for t in _origin_terms(origin, enough[origin], total, canonical[origin], settings)
    ]
    return terms, _note(len(enough), len(short), bool(terms))


def _note(compared: int, short: int, found: bool) -> str:
    """What the reader should know besides the terms: that none stood out, and what was left out."""
    notes = [] if found else [f"no distinctive wording among the {compared} origins compared"]
    if short:
        notes.append(f"{short} {'origin' if short == 1 else 'origins'} too short to compare")
    return "; ".join(notes)


def _canonical_units(units: Sequence[Unit]) -> dict[str, list[Unit]]:
    """Each origin's canonical article's sentences: copies would count the same words twice."""
    first: dict[str, str] = {}
    grouped: dict[str, list[Unit]] = {}
    for unit in units:
        if first.setdefault(unit.origin, unit.article) == unit.article:
            grouped.setdefault(unit.origin, []).append(unit)
    return grouped


def _counts(units: Sequence[Unit], unchosen: frozenset[str]) -> Counter[str]:
    return Counter(
        stem(w) for u in units for w in statement_words(u.sentence.text) if w not in unchosen
    )


def _names(units: Sequence[Unit]) -> set[str]:
    """Words the story capitalises inside its sentences at least as often as not: names and
    nationalities ("Gatilov", "Syrian") say whom a report covers, not how it words it.

    A sentence's first word, and sentences in headline case, say nothing about a word's case,
    unless the first word is in capitals and the next is not: an acronym, or an interview's
    speaker label ("MB: I think ...", "WP: ..."), which says who is talking.
    """
    capitalised: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for unit in units:
        words = [w.strip(WORD_EDGE_MARKS) for w in unit.sentence.text.split()]
        words = [w for w in words if w.isalpha()]
        if words and _label(words):
            capitalised[words[0].lower()] += 1
        words = words[1:]
        if sum(w[0].isupper() for w in words) * 2 > len(words):
            continue  # headline case
        for word in words:
            (capitalised if word[0].isupper() else lower)[word.lower()] += 1
    return {word for word, count in capitalised.items() if count >= lower[word]}


def _label(words: Sequence[str]) -> bool:
    """The first word is in capitals and the next is not: "MB: I think", "NATO said"."""
    first = words[0]
    return len(first) > 1 and first.isupper() and not (len(words) > 1 and words[1].isupper())


def _origin_terms(
    origin: str,
    mine: Counter[str],
    total: Counter[str],
    units: Sequence[Unit],
    settings: CompareSettings,
) -> list[FramingTerm]:
    """The origin's top terms by z-score of the log-odds against all other origins pooled."""
    n_total = sum(total.values())
    alpha_0 = PRIOR_WEIGHT * n_total
    n_mine = sum(mine.values())
    n_rest = n_total - n_mine
    scored = []
    for term, count in mine.items():
        if count < 2:
            continue
        alpha = alpha_0 * total[term] / n_total
        rest = total[term] - count
        delta = math.log((count + alpha) / (n_mine + alpha_0 - count - alpha)) - math.log(
            (rest + alpha) / (n_rest + alpha_0 - rest - alpha)
        )
        z = delta / math.sqrt(1 / (count + alpha) + 1 / (rest + alpha))
        if z >= settings.framing_z:
            scored.append((z, term, count))
    scored.sort(key=lambda s: (-s[0], s[1]))
    outlet = units[0].document.article.source_label
    return [
        FramingTerm(origin, outlet, _surface(term, units), z, count, _example(term, units))
        for z, term, count in scored[: settings.framing_terms]
    ]


def _surface(term: str, units: Sequence[Unit]) -> str:
    """The commonest wording of a stem in the origin ("gangs" for "gang")."""
    words = Counter(w for u in units for w in statement_words(u.sentence.text) if stem(w) == term)
    return min(words, key=lambda w: (-words[w], w))


def _example(term: str, units: Sequence[Unit]) -> Citation | None:
    """The origin's first sentence that uses the term."""
    return next(
        (
            u.citation
            for u in units
            if any(stem(w) == term for w in statement_words(u.sentence.text))
        ),
        None,
    )
