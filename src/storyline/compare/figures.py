"""Figures: the same quantity aligned across sources, with conflicts only where values disagree."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from storyline.compare.grouping import group_pairs
from storyline.compare.numbers import (
    ARTICLES,
    CURRENCIES,
    HEDGES,
    Quantity,
    compatible,
    find_quantities,
    same_kind,
    same_unit,
)
from storyline.compare.units import Unit, support
from storyline.model import Figure, FigureMention
from storyline.text.rarity import zipf
from storyline.text.tokens import CONTENT_IN_STOP_LIST, STOP_WORDS, content_words, stem

# Differing values are one quantity (a conflict) only when the words around both numbers mostly
# agree: "$5.2 billion lost" and "$18.7 billion to pay" share a unit, not a quantity.
SAME_CONTEXT = 0.4  # Jaccard of the two contexts
CONTEXT_WORDS = 8  # content words taken on each side of the number
# Rival reports of one count ("200,000 customers" against the company's "about 120,000") are
# often worded apart; they are still one quantity when both sentences name the same rare
# subject, count the same noun (not money) and lie within this factor of each other.
RIVAL_RATIO = 2.0
MONEY = frozenset(stem(c) for c in CURRENCIES.values())  # sums of money are not rival counts
# Prose states a few figures per sentence (at most 7 in Multi-News dev); a "sentence" with more is
# a scraped table, and every pair of its figures would be compared.
MAX_PER_SENTENCE = 12
RARE_ZIPF = 3.0  # wordfreq Zipf frequency below which a word names a subject (a company, a town)
GOVERNOR_REACH = 40  # characters before a number searched for the word that governs it
SUBJECT_REACH = 40  # characters at a sentence's start searched for its subject
HEDGE_WORDS = frozenset(word for hedge in HEDGES for word in hedge.split())
_LETTERS = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class _Found:
    unit: Unit
    quantity: Quantity
    context: frozenset[str]
    subjects: frozenset[str]  # rare words of the whole sentence: who or what it is about
    governor: str = ""  # stem of the content word just before the number: "burned" 4,500 acres
    opener: str = ""  # stem of the noun the sentence opens on, usually its subject: "fire"
    echoes: frozenset[str] = frozenset()  # articles that state a compatible value of this kind


def compare_figures(units: Sequence[Unit]) -> list[Figure]:
    """Every figure of the story, most supported first; a conflict joins the disagreeing groups."""
    found = _with_echoes([item for u in units for item in _found_in(u)])
    same_head = _by_head(found)
    groups = _agreeing_groups(found)
    merged = group_pairs([str(k) for k in range(len(groups))], _conflict_pairs(groups))
    figures = []
    for indices in merged:
        members = [f for k in indices for f in groups[k]]
        conflicting = _disagreeing(members) if len(indices) > 1 else []
        figure = _figure(groups[indices[0]], members, conflicting)
        later = _later(members, same_head[members[0].quantity.head])
        figures.append(replace(figure, updated_by=tuple(_mention(f) for f in later)))
    order = sorted(range(len(figures)), key=lambda k: (-figures[k].support, merged[k][0]))
    return [figures[k] for k in order]


def _by_head(found: Sequence[_Found]) -> dict[str, list[_Found]]:
    """Mentions by the noun they count, in story order.

    Only mentions of one head can be the same kind of quantity (`same_kind`), so every
    comparison runs within these lists: one story of 980 ECB+ articles takes 1.4 s, not 12.
    """
    by_head: dict[str, list[_Found]] = {}
    for item in found:
        by_head.setdefault(item.quantity.head, []).append(item)
    return by_head


def _with_echoes(found: Sequence[_Found]) -> list[_Found]:
    """Each mention with the articles that also state a value compatible with it."""
    by_head = _by_head(found)
    return [
        replace(
            item,
            echoes=frozenset(
                other.unit.article
                for other in by_head[item.quantity.head]
                if same_kind(item.quantity, other.quantity)
                and compatible(item.quantity, other.quantity)
            ),
        )
        for item in found
    ]


def _agreeing_groups(found: Sequence[_Found]) -> list[list[_Found]]:
    """Mentions of one kind whose values can all be true at once, first come first grouped."""
    groups: list[list[_Found]] = []
    of_head: dict[str, list[list[_Found]]] = {}  # the groups an item of each head may join
    for item in found:
        candidates = of_head.setdefault(item.quantity.head, [])
        for group in candidates:
            if all(_may_agree(item, g) for g in group):
                group.append(item)
                break
        else:
            candidates.append([item])
            groups.append(candidates[-1])
    return groups


def _may_agree(a: _Found, b: _Found) -> bool:
    """One quantity, as far as the words go: same kind, values that can both be true, and not two
    values in one sentence ("about 11 percent of all stock trading, ... another 12 percent", "to
    $1.4 million from $1 million" state two quantities)."""
    one_sentence = a.unit.citation == b.unit.citation and a.quantity.value != b.quantity.value
    return (
        not one_sentence
        and same_kind(a.quantity, b.quantity)
        and compatible(a.quantity, b.quantity)
    )


def _conflict_pairs(groups: Sequence[list[_Found]]) -> list[tuple[float, int, int]]:
    """Pairs of groups stating one quantity (same kind, like sentences) with clashing values."""
    of_head: dict[str, list[int]] = {}  # a group's mentions share one head
    for k, group in enumerate(groups):
        of_head.setdefault(group[0].quantity.head, []).append(k)
    pairs = [
        (1.0, i, j)
        for ks in of_head.values()
        for n, i in enumerate(ks)
        for j in ks[n + 1 :]
        if any(_disagree(a, b) for a in groups[i] for b in groups[j])
    ]
    return sorted(pairs)


def _disagree(a: _Found, b: _Found) -> bool:
    """Two articles give one quantity clashing values, unless each also gives the other's value.

    An article that reports a rival figure next to its own still disagrees with a source that
    gives only the rival figure; two articles that both state both values agree on what is known.
    """
    return _clash(a, b) and not _update(a, b)


def _clash(a: _Found, b: _Found) -> bool:
    """Two articles give values of one quantity that cannot both be true at once."""
    return (
        a.unit.article != b.unit.article
        and not (b.unit.article in a.echoes and a.unit.article in b.echoes)
        and _one_kind(a.quantity, b.quantity)
        and not compatible(a.quantity, b.quantity)
        and (_similar(a.context, b.context) or _rivals(a, b))
    )


def _one_kind(a: Quantity, b: Quantity) -> bool:
    """Quantities of one kind, narrowed alike ("11 Yemeni pirates" are some of 23 pirates), in
    one unit."""
    return same_kind(a, b) and a.qualifiers == b.qualifiers and same_unit(a, b)


def _close_counts(a: Quantity, b: Quantity) -> bool:
    """Counts (not sums of money) within RIVAL_RATIO of each other."""
    low, high = sorted((a.value, b.value))
    return a.head not in MONEY and low > 0 and high / low <= RIVAL_RATIO


def _later(members: Sequence[_Found], found: Sequence[_Found]) -> list[_Found]:
    """Mentions (of `found`, the members' head) from a later day that moved the figure on, by day."""
    moved = [b for b in found if any(_moved_on(a, b, members) for a in members)]
    return sorted(moved, key=_day)  # stable: one day's mentions stay in story order


def _moved_on(a: _Found, b: _Found, members: Sequence[_Found]) -> bool:
    """`b`, reported on a later day than member `a`, gives a new value of a's quantity.

    A clash counts when no member's value, however vague ("thousands"), allows b's and the two
    sentences do not open on different subjects ("Okafor ... caught 39 passes", "Reyes caught 29
    passes"); a count told again with its subject and verb needs only to differ from `a`.
    """
    if not _day(a) or not _day(b) or _day(a) >= _day(b) or compatible(a.quantity, b.quantity):
        return False
    if _moved(a, b):
        return True
    return (
        _clash(a, b)
        and _update(a, b)
        and not (a.opener and b.opener and a.opener != b.opener)  # two subjects' counts
        and not any(compatible(m.quantity, b.quantity) for m in members)
    )


def _moved(a: _Found, b: _Found) -> bool:
    """One count told again with its subject and verb ("The fire ... had burned about 4,500 acres",
    a day later "The fire had burned about 5,200 acres"): reports of one count on different days
    word the rest apart. The subject keeps two players' catches apart ("Bush ... caught 52
    passes", "He ... caught 29 passes"). A later report may give the old value too ("after racing
    across more than 4,000 acres on Tuesday"): it tells how the count grew."""
    return (
        bool(a.governor)
        and a.governor == b.governor
        and bool(a.opener)
        and a.opener == b.opener
        and _one_kind(a.quantity, b.quantity)
        and _close_counts(a.quantity, b.quantity)
    )


def _day(found: _Found) -> str:
    return (found.unit.document.article.published or "")[:10]


def _update(a: _Found, b: _Found) -> bool:
    """A later day's report of a new value that does not restate the old one: the count moved on.

    Tolls, acreages and tallies change between editions; a later report contradicts an earlier
    one only when it also gives the earlier value (and so disputes it). Same-day or undated
    reports are compared as they stand.
    """
    if not _day(a) or not _day(b) or _day(a) == _day(b):
        return False
    earlier, later = (a, b) if _day(a) < _day(b) else (b, a)
    return later.unit.article not in earlier.echoes


def _disagreeing(members: Sequence[_Found]) -> list[_Found]:
    """The mentions involved in at least one disagreement, in story order."""
    return [a for a in members if any(_disagree(a, b) for b in members)]


def _figure(
    main: Sequence[_Found], members: Sequence[_Found], conflicting: Sequence[_Found]
) -> Figure:
    """Worded as the main group usually words it; each mention keeps its own value and hedge."""
    wording = Counter((f.quantity.value, f.quantity.hedge, f.quantity.text) for f in main)
    value, hedge, text = max(
        wording, key=lambda w: wording[w]
    )  # Counter keeps first-seen order on ties
    counts = Counter(f.quantity.counts for f in main)
    what = min(counts, key=lambda c: (-counts[c], len(c), c))
    return Figure(
        value,
        what,
        hedge,
        text,
        tuple(_mention(f) for f in members),
        support(f.unit for f in members),
        bool(conflicting),
        tuple(_mention(f) for f in conflicting),
    )


def _mention(found: _Found) -> FigureMention:
    q = found.quantity
    return FigureMention(q.value, q.hedge, q.text, q.counts, found.unit.citation)


def _found_in(unit: Unit) -> list[_Found]:
    """The sentence's quantities, each with the words around it up to its neighbours."""
    text = unit.sentence.text
    quantities = find_quantities(text)
    if len(quantities) > MAX_PER_SENTENCE:
        return []  # a table or a list run together, not a statement of figures
    subjects = _rare_words(text) if quantities else frozenset()
    opener = _subject(text) if quantities else ""
    bounds = [0] + [q.end for q in quantities]
    ends = [q.start for q in quantities[1:]] + [len(text)]
    return [
        _Found(
            unit,
            q,
            _context(text[bounds[k] : q.start], text[q.end : ends[k]]),
            subjects,
            governor=_governor(text[bounds[k] : q.start]),
            opener=opener,
        )
        for k, q in enumerate(quantities)
    ]


def _subject(text: str) -> str:
    """The stem of a sentence's opening noun after an article ("The fire had burned ..."), or ""
    when it opens on a pronoun or a phrase ("He caught ...", "On Monday, ...")."""
    words = [w.lower() for w in _LETTERS.findall(text[:SUBJECT_REACH])]
    first = next((w for w in words if w not in ARTICLES), "")
    return stem(first) if first not in STOP_WORDS or first in CONTENT_IN_STOP_LIST else ""


def _governor(before: str) -> str:
    """The stem of the word that governs the number ("had burned about 4,500 acres"), or ""."""
    words = _LETTERS.findall(before[-GOVERNOR_REACH:])
    last = words[-1].lower() if words else ""
    return stem(last) if last and last not in STOP_WORDS and last not in HEDGE_WORDS else ""


def _context(before: str, after: str) -> frozenset[str]:
    """Stems of the content words nearest the number on either side (numbers left out)."""
    left = [w for w in content_words(before) if not w[0].isdigit()][-CONTEXT_WORDS:]
    right = [w for w in content_words(after) if not w[0].isdigit()][:CONTEXT_WORDS]
    return frozenset(stem(w) for w in left + right)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Contexts that share at least two words and most of their words (Jaccard)."""
    shared = len(a & b)
    return shared >= 2 and shared / len(a | b) >= SAME_CONTEXT


def _rivals(a: _Found, b: _Found) -> bool:
    """Counts of one noun about one named subject, close enough to be rival reports of it."""
    return _close_counts(a.quantity, b.quantity) and bool(a.subjects & b.subjects)


def _rare_words(text: str) -> frozenset[str]:
    """Words too rare in general English to be anything but what the sentence is about."""
    return frozenset(w for w in content_words(text) if w.isalpha() and zipf(w) < RARE_ZIPF)
