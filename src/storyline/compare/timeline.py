"""Timeline: the story's dated events in order, each citing the sentences that date it.

Sentences of one claim that give one date make one event. A relative date ("on Wednesday") in
an article with no known publication date is resolved against the earliest dated copy of the same
origin: a reprint of a wire story says "Wednesday" of the day the wire story was written. The
article itself is never given a date. With no dated copy the date is never resolved: the sentence
joins, as one more source, the event that another article's sentence of the same claim dates
(with the same phrase when there is one), or is listed as undated after the dated events, once
however many date phrases it holds ("announced Tuesday ... the Nov. 1 shooting").
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.compare.dates import DateMention, find_dates, period_start
from storyline.compare.units import Unit, shown, statement_words, without_repeats
from storyline.model import TimelineEvent
from storyline.settings import CompareSettings
from storyline.text.furniture import is_page_furniture

GRANULARITY_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3, "": 4}


def build_timeline(
    units: Sequence[Unit], claim_of: dict[int, int], settings: CompareSettings
) -> list[TimelineEvent]:
    """Dated events first (coarse before fine on one start), then undated ones in story order."""
    mentions = _mentions(units, settings)
    events: dict[tuple, list[int]] = {}
    phrases: dict[tuple, str] = {}
    dated_by_phrase: dict[tuple[object, str], tuple] = {}
    for index, mention in mentions:
        same = claim_of.get(index, -1 - index)
        if mention.date:
            key: tuple = (mention.date, mention.granularity, same)
            dated_by_phrase.setdefault((same, mention.phrase.lower()), key)
            dated_by_phrase.setdefault((same, ""), key)
        else:
            key = (None, mention.granularity, same, mention.phrase.lower())
        events.setdefault(key, []).append(index)
        phrases.setdefault(key, mention.phrase)
    undated_of: dict[object, tuple] = {}  # each claim's first undated event
    for key in [k for k in events if k[0] is None]:
        same, phrase = key[2], key[3]
        into = (
            dated_by_phrase.get((same, phrase))
            or dated_by_phrase.get((same, ""))
            or undated_of.get(same)
        )
        if into is None:
            undated_of[same] = key
        else:
            events[into].extend(events.pop(key))
    timeline = [
        _event(key, phrases[key], units[members[0]], [units[i] for i in sorted(set(members))])
        for key, members in events.items()
    ]
    return [e for _, e in sorted(enumerate(timeline), key=lambda pair: _order(pair[1], pair[0]))]


def _event(key: tuple, phrase: str, first: Unit, cited: Sequence[Unit]) -> TimelineEvent:
    """The event worded by the sentence that first gave it, citing every sentence that dates it."""
    text, speaker = shown(first)
    return TimelineEvent(key[0], key[1], phrase, text, tuple(u.citation for u in cited), speaker)


def _mentions(units: Sequence[Unit], settings: CompareSettings) -> list[tuple[int, DateMention]]:
    """(unit index, date phrase) for statement sentences; datelines and stubs are not events."""
    written = _origin_dates(units)
    statements = (
        i
        for i, unit in enumerate(units)
        if len(statement_words(unit.sentence.text)) >= settings.min_claim_words
        and not is_page_furniture(unit.sentence.text)  # "FILE - In this May 4, 2001, file photo"
    )
    return [
        (index, mention)
        for index in without_repeats(units, statements)
        for mention in find_dates(
            units[index].sentence.text,
            units[index].document.article.published or written.get(units[index].origin),
        )
    ]


def _origin_dates(units: Sequence[Unit]) -> dict[str, str]:
    """Each origin's earliest publication date among its dated copies: when its text was written."""
    written: dict[str, str] = {}
    for unit in units:
        published = unit.document.article.published
        if published and (unit.origin not in written or published < written[unit.origin]):
            written[unit.origin] = published
    return written


def _order(event: TimelineEvent, position: int) -> tuple[int, str, int, int]:
    if event.date is None:
        return (1, "", 0, position)
    return (0, period_start(event.date).isoformat(), GRANULARITY_ORDER[event.granularity], position)
