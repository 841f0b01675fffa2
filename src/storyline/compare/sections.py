"""The comparison as generic titled sections of cited findings, for every renderer alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from storyline.compare.numbers import CURRENCIES, VAGUE, Quantity, compatible, find_quantities
from storyline.model import (
    Citation,
    Comparison,
    Figure,
    FigureMention,
    Finding,
    Quote,
    Section,
    SingleSource,
    TimelineEvent,
)
from storyline.text.plural import counted

# A digest shows each origin's first few own claims (in its text order, so its lead comes
# first): a long report would otherwise bury the story under dozens of details. The JSON
# output's `single_source` lists them all.
SINGLE_SOURCE_SHOWN = 5
DATED_SHOWN = 20  # dated timeline events shown: those the most articles date, in date order
UNDATED_SHOWN = 5  # undated timeline events shown, after the dated ones
FRAMING_SHOWN = 10  # framing terms shown: the strongest, each origin's together
AGREED_CLAIMS_SHOWN = 10  # agreed claims shown, most origins first
AGREED_SHARED_SHOWN = 5  # shared figures and quotes shown after them
CONFLICT_SIDES_SHOWN = 4  # sides of one conflicting figure shown: the most often given


def comparison_sections(
    comparison: Comparison, summarized: Sequence[tuple[Citation, ...]] = ()
) -> tuple[Section, ...]:
    """Agreed, Differs, "Only in <outlet>" per origin with own claims, Framing, Timeline.

    `summarized` holds the citations of the summary shown above the sections, each sentence's
    own first: a claim holding a summary sentence is not listed again, under Agreed or Only in.
    """
    if comparison.origins == 1:
        return _one_origin(comparison)
    stated = frozenset(cited[0] for cited in summarized if cited)
    sections = [_agreed(comparison, summarized, stated), _differs(comparison)]
    outlets = Counter(single.outlet for single in comparison.single_source)
    only_in = (
        _only_in(single, outlets[single.outlet] > 1, stated) for single in comparison.single_source
    )
    sections += [section for section in only_in if section.findings]
    sections.append(_framing(comparison))
    sections.append(_timeline(comparison))
    return tuple(sections)


def _one_origin(comparison: Comparison) -> tuple[Section, ...]:
    """A story one origin tells has nothing to agree or differ on across sources: one note instead
    of three empty sections. What its syndicated copies word differently still shows."""
    differs = _differs(comparison)
    agreed = Section("Agreed", (), "one origin: nothing to compare across sources")
    kept = (differs,) if differs.findings else ()
    return (agreed, *kept, _timeline(comparison))


def _agreed(
    comparison: Comparison,
    summarized: Sequence[tuple[Citation, ...]],
    stated: frozenset[Citation],
) -> Section:
    """The claims most origins state, then the figures and quotes they share, less what the
    summary above already states.

    A claim that holds a summary sentence is that sentence again, with its support counted by
    another measure (claims join sentences that all resemble each other; a summary sentence
    cites each report's closest restatement of it): listed twice, one statement read as "2
    origins" above and "3 origins" here. A figure or quote every mention of which sits in one
    shown claim or summary sentence is already on screen: "about $4.2 million" under "The city
    estimates the repairs will cost about $4.2 million." A story of thirty reports agrees on
    dozens of sentences (ECB+ stories listed a median of 30 and up to 99), so a digest shows the
    first few of each kind, as it does each origin's own.
    """
    agreed = [c for c in comparison.claims if c.support > 1]
    claims = [
        Finding(c.display_text, c.members, f"{c.support} origins")
        for c in agreed
        if stated.isdisjoint(c.members)
    ]
    shown = claims[:AGREED_CLAIMS_SHOWN]
    claimed = [frozenset(f.citations) for f in shown] + [frozenset(c) for c in summarized]
    shared = [f for f in _shared(comparison) if not _within(f.citations, claimed)]
    findings = shown + shared[:AGREED_SHARED_SHOWN]
    note = _agreed_note(len(claims), len(shared), len(agreed) - len(claims))
    if not note and not findings:
        note = "no claim is reported by more than one origin"
    return Section("Agreed", tuple(findings), note)


def _shared(comparison: Comparison) -> list[Finding]:
    """Figures (that no one disputes), then quotes, that two or more origins give."""
    figures = [
        Finding(
            _figure_line(f), tuple(m.citation for m in f.members), f"figure, {f.support} origins"
        )
        for f in comparison.figures
        if f.support > 1 and not f.conflict
    ]
    quotes = [
        Finding(_said(q.speaker, q.text), q.members, f"quote, {q.support} origins")
        for q in comparison.quotes
        if q.support > 1
    ]
    return figures + quotes


def _agreed_note(claims: int, shared: int, in_summary: int) -> str:
    """How many agreed lines a digest leaves out, and where to find them."""
    hidden = [
        f"first {shown} of {found} {kind}"
        for kind, found, shown in (
            ("claims", claims, AGREED_CLAIMS_SHOWN),
            ("shared figures and quotes", shared, AGREED_SHARED_SHOWN),
        )
        if found > shown
    ]
    notes = [", ".join(hidden) + "; all in the JSON output"] if hidden else []
    if in_summary:
        notes.append(_in_summary(in_summary, "agreed claim"))
    return "; ".join(notes)


def _in_summary(count: int, what: str) -> str:
    """How many claims a section leaves to the summary ("2 agreed claims are in the summary
    above")."""
    return f"{count} {what}{'s are' if count > 1 else ' is'} in the summary above"


def _within(cited: tuple[Citation, ...], claims: list[frozenset[Citation]]) -> bool:
    """Whether every cited sentence belongs to one of the claims."""
    return any(claim.issuperset(cited) for claim in claims)


def _differs(comparison: Comparison) -> Section:
    findings = [_conflict(f) for f in comparison.figures if f.conflict]
    findings += [_rounding(f) for f in comparison.figures if not f.conflict and _wordings(f) > 1]
    # A figure that is itself a later step of another's change is shown in that chain only.
    steps = {m.citation for f in comparison.figures for m in f.updated_by}
    findings += [
        _changed(f)
        for f in comparison.figures
        if f.updated_by and not all(m.citation in steps for m in f.members)
    ]
    for quote in comparison.quotes:
        findings += _variants(quote)
    note = "" if findings else "no conflicting figures or altered quotes found"
    return Section("Differs", tuple(findings), note)


def _variants(quote: Quote) -> list[Finding]:
    """One line per differing wording, citing every outlet that uses it (one trimmed wording in
    seven reports is one line, not seven)."""
    fullest = next((v.citations for v in quote.variants if v.kind == "same"), ())
    cited: dict[tuple[str, str, str], tuple[Citation, ...]] = {}
    for v in quote.variants:
        if v.kind != "same":
            key = (v.speaker, v.text, v.kind)
            cited[key] = cited.get(key, ()) + v.citations
    return [
        Finding(
            f"{_said(speaker, text)}; fullest wording: “{quote.text}”",
            citations + fullest,
            f"quote {kind}",
        )
        for (speaker, text, kind), citations in cited.items()
    ]


def _only_in(single: SingleSource, outlet_repeats: bool, stated: frozenset[Citation]) -> Section:
    """An origin's own claims but those the summary above states; when its outlet has another
    origin in the story, the title says which report ("Only in nypost.com: “Jury convicts ...”")."""
    own = [c for c in single.claims if stated.isdisjoint(c.members)]
    findings = tuple(Finding(c.display_text, c.members) for c in own)
    notes = []
    if len(findings) > SINGLE_SOURCE_SHOWN:
        notes.append(f"first {SINGLE_SOURCE_SHOWN} of {len(findings)}; all in the JSON output")
    if len(own) < len(single.claims):
        notes.append(_in_summary(len(single.claims) - len(own), "claim"))
    title = f"Only in {single.outlet}"
    if outlet_repeats:
        title += f": “{single.title}”" if single.title else f" ({single.origin})"
    return Section(title, findings[:SINGLE_SOURCE_SHOWN], "; ".join(notes))


def _framing(comparison: Comparison) -> Section:
    """The strongest distinctive terms, in each origin's order: a story of 17 origins has up to
    85 (five each), and the first ten tell a reader how its reports lean."""
    terms = comparison.framing
    strongest = set(sorted(range(len(terms)), key=lambda k: (-terms[k].z, k))[:FRAMING_SHOWN])
    findings = tuple(
        Finding(
            f"{t.outlet} uses “{t.term}” ({t.count}×, z={t.z:.1f})",
            (t.example,) if t.example else (),
        )
        for k, t in enumerate(terms)
        if k in strongest
    )
    notes = [comparison.framing_note] if comparison.framing_note else []
    if len(terms) > FRAMING_SHOWN:
        notes.append(f"strongest {FRAMING_SHOWN} of {len(terms)} terms; all in the JSON output")
    return Section("Framing", findings, "; ".join(notes))


def _timeline(comparison: Comparison) -> Section:
    """The dated events the most articles date (the latest on ties), then the first few undated.

    Articles without a publication date (most JSON Lines exports, Multi-News) leave every "on
    Thursday" undated: a Multi-News story listed 29 such lines under 3 dated ones. A long story
    dates its background too: an ECB+ story of two Watergate figures' deaths listed 79 dated
    events from a birth in 1913 on, most of them one obituary's detail.
    """
    if not comparison.timeline:
        return Section("Timeline", (), "no dated events found")
    dated = [k for k, e in enumerate(comparison.timeline) if e.date is not None]
    undated = [k for k, e in enumerate(comparison.timeline) if e.date is None]
    dated_by_support = sorted(dated, key=lambda k: (-_articles(comparison.timeline[k]), -k))
    hidden = set(dated_by_support[DATED_SHOWN:] + undated[UNDATED_SHOWN:])
    findings = tuple(
        Finding(f"{e.date or 'undated'}: {e.display_text}", e.citations, f"“{e.phrase}”")
        for k, e in enumerate(comparison.timeline)
        if k not in hidden
    )
    notes = []
    if len(dated) > DATED_SHOWN:
        notes.append(f"{DATED_SHOWN} of {len(dated)} dated events (those most articles date)")
    if len(undated) > UNDATED_SHOWN:
        notes.append(f"first {UNDATED_SHOWN} of {len(undated)} undated events")
    return Section(
        "Timeline", findings, ", ".join(notes) + "; all in the JSON output" if notes else ""
    )


def _articles(event: TimelineEvent) -> int:
    """How many articles date the event."""
    return len({citation.article for citation in event.citations})


def _figure_line(figure: Figure) -> str:
    return _amount(figure.text, figure.counts)


def _amount(text: str, counts: str) -> str:
    """A number with what it counts; "$4.2 million" already says "dollars", and a vague amount
    takes "of" back ("hundreds of millions of dollars")."""
    if any(sign in text for sign in CURRENCIES):
        return text
    return f"{text} of {counts}" if text.lower() in VAGUE else f"{text} {counts}".strip()


def _said(speaker: str, text: str) -> str:
    return f"{speaker or 'unknown speaker'}: “{text}”"


def _wordings(figure: Figure) -> int:
    return len({(m.value, m.hedge) for m in figure.members})


def _conflict(figure: Figure) -> Finding:
    """Each side of the clash once, in its usual wording, smallest first: "12 vs 31 magazines".

    Mentions that can all be true at once are one side: "more than 118,000" and "about 120,000
    customers" against "200,000 customers" is two sides, not three values. A side's wordings are
    counted most precise first, so a tie goes to the narrowest ("about 120,000").
    """
    sides: list[list[tuple[Quantity | None, str, Citation]]] = []
    for m in sorted(figure.conflicting, key=lambda m: m.value):
        quantity = _quantity(m)
        side = next(
            (s for s in sides if quantity and all(q and compatible(quantity, q) for q, *_ in s)),
            None,
        )
        if side is None:
            side = []
            sides.append(side)
        side.append((quantity, _amount(m.text, m.counts), m.citation))
    shown = _most_given(sides)
    values = " vs ".join(
        _usual(Counter(wording for _, wording, _ in sorted(side, key=_width))) for side in shown
    )
    if len(sides) > CONFLICT_SIDES_SHOWN:
        hidden = counted(len(sides) - CONFLICT_SIDES_SHOWN, "more value")
        values += f" and {hidden} (all in the JSON output)"
    cited = {citation for side in shown for *_, citation in side}
    citations = tuple(m.citation for m in figure.conflicting if m.citation in cited)
    return Finding(f"conflicting figures: {values}", citations, "figure conflict")


def _most_given(sides: list[list]) -> list[list]:
    """The sides given by the most mentions (the smallest on ties), in value order: a chain of
    clashes can join many values of one kind (an ECB+ story's "yards" had 18), and a reader
    wants the main ones."""
    kept = sorted(range(len(sides)), key=lambda k: (-len(sides[k]), k))[:CONFLICT_SIDES_SHOWN]
    return [sides[k] for k in sorted(kept)]


def _width(entry: tuple[Quantity | None, str, Citation]) -> float:
    quantity = entry[0]
    return quantity.high - quantity.low if quantity else float("inf")


def _quantity(mention: FigureMention) -> Quantity | None:
    """The mention's value with the interval its wording allows, read again from its words."""
    found = find_quantities(f"{mention.text} {mention.counts}")
    return found[0] if found else None


def _usual(wordings: Counter[str]) -> str:
    """The most frequent wording, ignoring case ("12 Magazines" is "12 magazines")."""
    folded: Counter[str] = Counter()
    for text, n in wordings.items():
        folded[text.lower()] += n
    top = max(folded, key=lambda w: folded[w])  # Counter keeps first-seen order on ties
    return max((t for t in wordings if t.lower() == top), key=lambda t: (wordings[t], t.islower()))


def _changed(figure: Figure) -> Finding:
    later = " → ".join(dict.fromkeys(_amount(m.text, m.counts) for m in figure.updated_by))
    citations = tuple(m.citation for m in figure.members + figure.updated_by)
    return Finding(
        f"changed over time: {_figure_line(figure)} → {later}", citations, "later report"
    )


def _rounding(figure: Figure) -> Finding:
    values = "; ".join(sorted({m.text for m in figure.members}))
    citations = tuple(m.citation for m in figure.members)
    return Finding(
        f"{figure.counts}: {values}", citations, "same figure, worded differently: not a conflict"
    )
