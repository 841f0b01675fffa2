"""Who speaks: a sentence shown out of its article names the speaker its words leave to context.

Summaries and the comparison's claims set sentences from many articles side by side, so "..., he
said" after a sentence about someone else reads as that other person's words (in the seeds, a
deputy minister's quote read as the foreign minister's). A sentence whose only speaker is "he"
or "she" gets the surname of the speaker its own article named just before it, when the
sentences between go on quoting: the surname, as news names a person the second time. "They" is
left alone. A sentence inside a quote that runs on from or into its neighbours ('"The pier is
safe.' ... '..., Ruiz said.') gets the quote's speaker. The sentence text is not changed (its
citation's offsets point at it, and ROUGE reads it as written): renderers show the name in
brackets, after the pronoun ('he [Gatilov] said') or after the quote ('"The pier is safe."
[Ruiz]', its closing mark added by `model.shown`), the press convention for an insertion.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from storyline.model import Document, Sentence, Speaker
from storyline.text.calendar import DATE_WORDS
from storyline.text.quotations import Quotation, opens_its_sentence, quotations
from storyline.text.speakers import VERBS, Attribution, attributions, speaker_key
from storyline.text.tokens import STOP_WORDS

_SINGULAR = frozenset({"he", "she"})
_ACCORDING = re.compile(r"\baccording\s+to\s*$")
_TAIL = re.compile(r"(?:,\s*[\"”]?|[\"”])\s*$")  # '..., he', '...," he', '...” he'
_PRONOUN_SPEAKS = re.compile(
    rf"\b(?:[Hh]e|[Ss]he)(?:\s+\w+ly)?\s+(?:{VERBS})\b|\b(?:{VERBS})\s+s?he\b"
)
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
_WHEN = DATE_WORDS | {"on", "last", "this", "late", "early", "later", "earlier", "then", "again"}
# A sentence that opens on a name (up to three words, after an optional courtesy title) and goes on
# in lower case: "Brown isn't concerned", "Dr Westaway supported this view".
_OPENING_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?P<name>(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)\s+(?=[a-z])"
)
LOOK_BACK = 3  # a quote rarely runs on for more sentences than this without naming its speaker
QUOTE_REACH = 4  # sentences a quotation is followed on either side of the one shown


def named_speaker(document: Document, text: str, sentence: Sentence) -> Speaker | None:
    """Who speaks in `text` (a form of `document`'s `sentence`) when the text leaves it to context.

    Two cases: the lone "he"/"she" speaker, named after the pronoun; and a quotation whose speaker
    the paragraph names elsewhere (it runs across the sentence's edge, or goes on from the
    speaker's previous quote), named at the end of the text.
    """
    pronoun = _lone_pronoun(text)
    if pronoun is None:
        return _quotation_speaker(document, text, sentence)
    name = _chained_name(document, sentence.index)
    end = pronoun.position + len(pronoun.name)
    return Speaker(pronoun.position, end, name) if name else None


def chained_speaker(document: Document, index: int) -> str | None:
    """Who "he"/"she" in sentence `index` is: the speaker named just before, through "he said"s.

    The name comes from the sentences just before, walking back over ones whose speaker is also a
    pronoun (the same speaker going on) up to LOOK_BACK sentences. A sentence with no speaker at
    all breaks the chain ("he" may then be anyone it mentioned, so it stays unnamed), unless it
    opens on a speaker the article named before ("Brown isn't concerned."). The name is as the
    article gave it ("Gennady Gatilov").
    """
    earlier = document.sentences[max(0, index - LOOK_BACK) : index]
    for before in reversed(earlier):
        name = _speaker(before.text)
        if name is None:
            return _known_subject(document, before)
        if name:
            return name
    return None


def _known_subject(document: Document, sentence: Sentence) -> str | None:
    """The speaker the article named earlier, when their name opens `sentence` as its subject.

    "Brown isn't concerned about that." leaves no doubt who the next "he said" is. Only a name
    the article already gave a speaker, and only at the very start ("As Okafor stood outside,
    his mother opened the door" opens on a clause, and its subject is someone else).
    """
    opening = _OPENING_NAME.match(sentence.text)
    if opening is None or opening.group("name").split()[0].lower() in STOP_WORDS:
        return None
    key = speaker_key(opening.group("name"))
    earlier = (a for a in reversed(_named_speakers(document.text)) if a.position < sentence.start)
    return next((a.name for a in earlier if speaker_key(a.name) == key), None)


@lru_cache(maxsize=4)
def _named_speakers(text: str) -> tuple[Attribution, ...]:
    """A document's named (not pronoun) speakers, read once however many of its "he said"s ask.

    Reading the text up to each one instead made a page of many quotes quadratic.
    """
    return tuple(a for a in attributions(text) if not a.is_pronoun)


def _chained_name(document: Document, index: int) -> str | None:
    """`chained_speaker`'s surname: how news names a person the second time."""
    name = chained_speaker(document, index)
    return _surname(name) if name else None


def _quotation_speaker(document: Document, text: str, sentence: Sentence) -> Speaker | None:
    """Who speaks the quotation in a sentence that names no one, when its paragraph says.

    '"It is only our intent to clear the street.' opens a quote whose speaker the next sentence
    names ('..., Smith said.'), and in '"We are ready," Smith said. "We have waited long enough."'
    the second quote goes on with Smith's words. Out of its article either reads as nobody's
    words. Names come from the quotations' own attributions (`text.quotations`, as compare reads
    them); a "he" there goes through the same chain as a lone pronoun, from the quotation's
    first sentence.
    """
    if attributions(text):
        return None  # the sentence names (or points to) its own speaker
    paragraph, found = _paragraph_quotations(document, sentence)
    for k, quotation in enumerate(found):
        touched = {s.index for s in quotation.sentences}
        if sentence.index not in touched or (len(touched) == 1 and quotation.attribution):
            continue  # not its quote, or one the sentence attributes itself (before compression)
        said, first = _said(paragraph, found, k)
        if said is None:
            continue
        name = _chained_name(document, first) if said.is_pronoun else _surname(said.name)
        return Speaker(len(text), len(text), name) if name else None
    return None


def _said(paragraph: str, found: list[Quotation], k: int) -> tuple[Attribution | None, int]:
    """The attribution of quotation `k`, or of the quotations it goes on from, and where it opens;
    a "he added" that follows a named speaker's quote in its sentence is that speaker's.

    A quotation without one goes on from the quotation before it in the paragraph when it opens
    its sentence: the press's way of quoting one speaker at length.
    """
    while found[k].attribution is None and k > 0 and opens_its_sentence(paragraph, found[k]):
        k -= 1
    previous = found[k - 1] if k > 0 else None
    return sentence_speaker(previous, found[k]) or found[k].attribution, found[k].sentences[0].index


def sentence_speaker(previous: Quotation | None, quotation: Quotation) -> Attribution | None:
    """The named attribution a quotation's "he"/"she" points to within its sentence.

    In '"To be honest, I inherited a mess," Trump said ... "We'll take care of it, folks," he
    added.' the chain of sentences before cannot reach Trump: he is named in the same sentence,
    at the quote before.
    """
    said = quotation.attribution
    if previous is None or said is None or said.name.lower() not in _SINGULAR:
        return None
    named = previous.attribution
    if named is None or named.is_pronoun:
        return None
    return named if previous.sentences[-1].index == quotation.sentences[0].index else None


def _paragraph_quotations(document: Document, sentence: Sentence) -> tuple[str, list[Quotation]]:
    """The quotations near the sentence in its paragraph (quotes pair within a line), offsets local.

    Only QUOTE_REACH sentences on either side are read: a quote rarely runs longer, and a page
    that is one huge paragraph would otherwise be read whole for every sentence shown.
    """
    text, index = document.text, sentence.index
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line_end = len(text) if line_end < 0 else line_end
    near = [
        s
        for s in document.sentences[max(0, index - QUOTE_REACH) : index + QUOTE_REACH + 1]
        if s.start >= line_start and s.end <= line_end
    ]
    start = line_start if _first_in_line(document, near[0], line_start) else near[0].start
    end = line_end if _last_in_line(document, near[-1], line_end) else near[-1].end
    local = [replace(s, start=s.start - start, end=s.end - start) for s in near]
    window = text[start:end]
    return window, quotations(window, local, attributions(window))


def _first_in_line(document: Document, sentence: Sentence, line_start: int) -> bool:
    return sentence.index == 0 or document.sentences[sentence.index - 1].end < line_start


def _last_in_line(document: Document, sentence: Sentence, line_end: int) -> bool:
    following = sentence.index + 1
    return following == len(document.sentences) or document.sentences[following].start > line_end


def _surname(name: str) -> str:
    """How news names a person the second time: "Gennady Gatilov" -> "Gatilov" (one word)."""
    words = name.split()
    while len(words) > 1 and words[-1].strip(".,") in _SUFFIXES:
        words.pop()
    return words[-1]


def _speaker(text: str) -> str | None:
    """The last person a sentence names as speaking, "" for only "he"/"she", None for no one.

    "According to X" names a source, often a document or an organisation, not who "he" is: it
    breaks the chain like a sentence without a speaker.
    """
    found = [a for a in attributions(text) if not _ACCORDING.search(text[: a.position])]
    named = [a.name for a in found if not a.is_pronoun]
    return named[-1] if named else ("" if found else None)


def _lone_pronoun(text: str) -> Attribution | None:
    """The sentence's speaker when it is only ever "he" or "she"; None when anyone is named.

    The pronoun must stand where a speaker stands: opening the sentence ("He said the ...", "On
    Friday she said ...") or in a tail after a comma or a closing quote ('..., she said.').
    "Because of what he said to" and a quoted '"He said, ...' are about someone the sentence
    does not name.
    """
    if not _PRONOUN_SPEAKS.search(text):
        return None  # most sentences: one regex instead of the full speaker search
    found = attributions(text)
    if not found or any(not a.is_pronoun for a in found):
        return None
    first, before = found[0], text[: found[0].position]
    if first.name.lower() not in _SINGULAR:
        return None
    opens = not before or _says_when(before)
    speaks = opens or (_TAIL.search(before) is not None and before.strip() not in '"“')
    return first if speaks else None


def _says_when(words: str) -> bool:
    """Only a time ("On Friday", "Later,", "Last week"): the pronoun still opens the sentence."""
    return all(w in _WHEN for w in words.lower().replace(",", " ").split())
