"""Quotes with their speaker, aligned across outlets; trimmed or altered wording is flagged."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.compare.grouping import group_pairs
from storyline.compare.units import Unit, cite
from storyline.model import Citation, Document, Quote, QuoteVariant
from storyline.settings import CompareSettings
from storyline.text.attribution import chained_speaker, sentence_speaker
from storyline.text.quotations import Quotation, opens_its_sentence, quotations
from storyline.text.speakers import Attribution, attributions, same_person, speaker_key
from storyline.text.tokens import STOP_WORDS, WORD_EDGE_MARKS, normalize, word_tokens

MIN_SHARED_WORDS = 3  # a quote of one or two content words met by chance is not the same quote
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")  # where a quote leaves words out
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]*\b")  # a word as written in lower case


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """One direct quote in one document: its words, speaker and the sentences it spans."""

    document: str
    text: str
    speaker: str
    citations: tuple[Citation, ...]
    tokens: tuple[str, ...]
    position: int
    named: bool  # the speaker is named at the quote, not reached through "he said"


def compare_quotes(units: Sequence[Unit], settings: CompareSettings) -> list[Quote]:
    """Every direct quote of the story, aligned across articles; most supported first."""
    origin_of = {u.article: u.origin for u in units}
    documents = list({u.article: u.document for u in units}.values())
    named = {d.id: attributions(d.text) for d in documents}
    found = [
        q
        for d in documents
        for q in find_quotes(d, named[d.id])
        if len(q.tokens) >= settings.quote_min_words
        and not names_something(q.text)
        # Every pair is compared: the same first sentences of each article as claims.
        and q.citations[0].sentence < settings.max_claim_sentences
    ]
    # A quote's "Solberg said" shows the full name the story gives her elsewhere ("Data
    # Commissioner Margit Solberg said her office would ...").
    common = {w for d in documents for w in _LOWER_WORD.findall(d.text)}
    elsewhere = (
        _bare_name(a.name, common)
        for found_in in named.values()
        for a in found_in
        if not a.is_pronoun
    )
    full_names = _full_names([*elsewhere, *(q.speaker for q in found)])
    weight = _rarity(found)
    bags = [_bag(q.tokens, weight) for q in found]
    pairs = [
        (score, i, j)
        for i, j in _candidates(found)
        if (score := _overlap(bags[i], bags[j], weight)) >= settings.quote_match
    ]
    groups = group_pairs([q.document for q in found], pairs)
    quotes = [_quote([found[k] for k in group], origin_of, full_names) for group in groups]
    order = sorted(range(len(quotes)), key=lambda k: (-quotes[k].support, groups[k][0]))
    return [quotes[k] for k in order]


def names_something(words: str) -> bool:
    """Whether quoted words are a title or a nickname ("Sammy the Bull", "The Hunger Games",
    "Person of the Week"), which name something rather than say it: a few words, each capitalised
    but for the small words titles keep in lower case, ending on no full stop, question or
    exclamation mark. Capitals throughout are a shout, not a title ("URGENT... SPECIAL MESSAGE").
    """
    tokens = words.split()
    if len(tokens) > _TITLE_WORDS or words.isupper():
        return False
    if words.rstrip(_CLOSING).endswith((".", "?", "!")):
        return False
    bare = (token.strip(WORD_EDGE_MARKS) for token in tokens)
    return all(not w[:1].isalpha() or w[0].isupper() or w in _TITLE_SMALL_WORDS for w in bare)


_TITLE_WORDS = 6  # longer capitalised runs are headlines quoted as said
# The words a title keeps in lower case ("Year of the Woman", "Kate and Leopold").
_TITLE_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "the", "to", "vs", "with",
})  # fmt: skip
_CLOSING = "\"”’'"  # quote marks that may follow the words' last stop ('... sorry."')


def find_quotes(document: Document, named: Sequence[Attribution] | None = None) -> list[FoundQuote]:
    """Direct quotes of a document with speakers; an unattributed quote takes the previous one's.

    `named` is the document's attributions, when the caller has them already.
    """
    text = document.text
    named = attributions(text) if named is None else named
    quotes: list[FoundQuote] = []
    previous: Quotation | None = None
    for quotation in quotations(text, document.sentences, named):
        start, end, sentences = quotation.start, quotation.end, quotation.sentences
        attribution = quotation.attribution
        in_sentence = sentence_speaker(previous, quotation)
        speaker = in_sentence.name if in_sentence else _speaker(document, quotation)
        is_named = attribution is not None and not attribution.is_pronoun
        previous = quotation
        if not speaker and quotes and _continues(text, quotes[-1].position, quotation):
            speaker, is_named = quotes[-1].speaker, quotes[-1].named
        words = text[start:end].strip(" ,.;:")
        quotes.append(
            FoundQuote(
                document.id,
                words,
                speaker,
                tuple(cite(document, s) for s in sentences),
                tuple(word_tokens(words)),
                start,
                is_named,
            )
        )
    return quotes


def _speaker(document: Document, quotation: Quotation) -> str:
    """Who the quotation's attribution names; "he said" goes through the chain summaries use.

    The chain starts at the quotation's first sentence and stops at a sentence that names no
    speaker, so "he" stays unknown rather than going to whoever was named last: on Multi-News
    dev that older rule named 140 more of 260 "he said" quotes, and about half of a sample of
    22 of those names were someone else.
    """
    attribution = quotation.attribution
    if attribution is None:
        return ""
    if not attribution.is_pronoun:
        return attribution.name
    return chained_speaker(document, quotation.sentences[0].index) or ""


def _continues(text: str, previous: int, quotation: Quotation) -> bool:
    """A quote opening its sentence, on the line of the previous quote, continues that quote."""
    return "\n" not in text[previous : quotation.start] and opens_its_sentence(text, quotation)


def _candidates(found: Sequence[FoundQuote]) -> list[tuple[int, int]]:
    """Pairs of quotes from different articles that share a content word, in index order."""
    index: dict[str, list[int]] = {}
    for k, quote in enumerate(found):
        for token in set(quote.tokens) - STOP_WORDS:
            index.setdefault(token, []).append(k)
    pairs = {
        (i, j)
        for ks in index.values()
        for n, i in enumerate(ks)
        for j in ks[n + 1 :]
        if found[i].document != found[j].document
    }
    return sorted(pairs)


def _rarity(found: Sequence[FoundQuote]) -> dict[str, float]:
    """Each content word's weight among the story's quotes: smoothed inverse document frequency.

    In a story about the Endangered Species Act every other quote names the act; sharing those
    three words says little about two quotes being one.
    """
    counts = Counter(t for q in found for t in set(q.tokens) - STOP_WORDS)
    n = len(found)
    return {t: math.log((1 + n) / (1 + df)) + 1 for t, df in counts.items()}


@dataclass(frozen=True, slots=True)
class _Bag:
    """A quote's words for comparison, counted once rather than for every pair."""

    tokens: tuple[str, ...]
    words: Counter[str]  # content words, repeats counted
    mass: float  # their summed rarity weights


def _bag(tokens: tuple[str, ...], weight: dict[str, float]) -> _Bag:
    words = Counter(t for t in tokens if t not in STOP_WORDS)
    return _Bag(tokens, words, _weighed(words, weight))


def _overlap(a: _Bag, b: _Bag, weight: dict[str, float]) -> float:
    """Weighted share of the shorter quote's content words found in the other (repeats counted).

    Stop words are left out so that "a shake up" does not meet "not a shakeup but you" on "a".
    Two quotes that share fewer than MIN_SHARED_WORDS content words are not one quote ("very
    fake news" and "the news is fake"), unless one is a verbatim part of the other.
    """
    shared = a.words & b.words
    if shared.total() < MIN_SHARED_WORDS and not _part_of(*sorted((a.tokens, b.tokens), key=len)):
        return 0.0
    shorter = min(a.mass, b.mass)
    return _weighed(shared, weight) / shorter if shorter else 0.0


def _weighed(words: Counter[str], weight: dict[str, float]) -> float:
    return sum(weight[w] * n for w, n in words.items())


def _part_of(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether `part` is a contiguous run of `whole`'s words: a trimmed quote."""
    return _find(part, whole, 0) >= 0


def _find(part: tuple[str, ...], whole: tuple[str, ...], start: int) -> int:
    """Where `part` runs contiguously in `whole` from `start` on, or -1."""
    n = len(part)
    return next((k for k in range(start, len(whole) - n + 1) if whole[k : k + n] == part), -1)


def _full_names(speakers: Iterable[str]) -> dict[str, str]:
    """Speaker key -> the fullest name the story gives it ("Lavrov" -> "Sergei Lavrov").

    When the story names two people of one surname ("Bill Clinton", "Hillary Clinton"), the
    surname alone is all it can say for sure.
    """
    by_key: dict[str, list[str]] = {}
    for name in sorted(set(speakers), key=lambda n: (-len(n), n)):
        by_key.setdefault(speaker_key(name), []).append(name)
    return {key: _fullest(names) for key, names in by_key.items()}


def _bare_name(name: str, common: set[str]) -> str:
    """The name without leading words the story also writes in lower case (`common`): "Witness
    Henry Oliver" opens a sentence, and "witness" is a common noun."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in common:
        words = words[1:]
    return " ".join(words)


def _fullest(names: Sequence[str]) -> str:
    """The longest of one surname's names if it contains all the others' words, else the surname."""
    words = [set(normalize(name).split()) for name in names]
    return names[0] if all(w <= words[0] for w in words) else names[0].split()[-1]


def _quote(
    members: Sequence[FoundQuote], origin_of: dict[str, str], full_names: dict[str, str]
) -> Quote:
    """One aligned quote: the fullest wording, the usual speaker, and each member as a variant."""
    full = max(members, key=lambda q: len(q.tokens))  # first of the longest on ties
    sure = [q for q in members if q.speaker and q.named] or [q for q in members if q.speaker]
    speakers = Counter(speaker_key(q.speaker) for q in sure)
    key = max(speakers, key=lambda k: speakers[k]) if speakers else ""
    variants = tuple(
        QuoteVariant(q.text, q.speaker, _kind(q, full, full_names.get(key, "")), q.citations)
        for q in members
    )
    return Quote(
        full_names.get(key, ""),
        full.text,
        tuple(c for q in members for c in q.citations),
        len({origin_of.get(q.document, q.document) for q in members}),
        variants,
    )


def _kind(quote: FoundQuote, full: FoundQuote, speaker: str) -> str:
    """same, trimmed (a contiguous part of the fullest wording), altered, or other speaker.

    Only a speaker named at the quote can be "other": "he said" resolved by position may be wrong.
    """
    if quote.named and speaker and not same_person(quote.speaker, speaker):
        return "other speaker"
    if quote.tokens == full.tokens:
        return "same"
    return "trimmed" if _parts_in_order(quote.text, full.tokens) else "altered"


def _parts_in_order(text: str, full: tuple[str, ...]) -> bool:
    """Whether each stretch of `text` between ellipses ("You should resign ... and you should be
    investigated") is a contiguous run of `full`'s words, in order: words left out, none changed."""
    start = 0
    for piece in _ELLIPSIS.split(text):
        part = tuple(word_tokens(piece))
        at = _find(part, full, start)
        if at < 0:
            return False
        start = at + len(part)
    return True
