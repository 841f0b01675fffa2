"""Who "he" is: a summary sentence names the speaker its source sentence calls "he" or "she".

A summary sets sentences from many articles side by side, so "..., he said" after a sentence about
someone else reads as that other person's words (in the seeds, a deputy minister's quote read as
the foreign minister's). A sentence whose only speaker is "he" or "she" gets the surname of the
speaker its own article named just before it, when the sentences between go on quoting: the
surname, as news names a person the second time. "They" is left alone. The sentence text is not
changed (its citation's offsets point at it, and ROUGE reads it as written): renderers show the
name in brackets after the pronoun, 'he [Gatilov] said', the press convention for an insertion.
"""

from __future__ import annotations

import re

from storyline.model import Document, Sentence, Speaker
from storyline.text.speakers import VERBS, Attribution, attributions

_SINGULAR = frozenset({"he", "she"})
_ACCORDING = re.compile(r"\baccording\s+to\s*$")
_TAIL = re.compile(r"(?:,\s*[\"”]?|[\"”])\s*$")  # '..., he', '...," he', '...” he'
_PRONOUN_SPEAKS = re.compile(
    rf"\b(?:[Hh]e|[Ss]he)(?:\s+\w+ly)?\s+(?:{VERBS})\b|\b(?:{VERBS})\s+s?he\b"
)
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
LOOK_BACK = 3  # a quote rarely runs on for more sentences than this without naming its speaker


def named_speaker(document: Document, text: str, sentence: Sentence) -> Speaker | None:
    """Who the lone "he"/"she" speaker of `text` (a form of `document`'s `sentence`) is, if known.

    The name comes from the sentences just before, walking back over ones whose speaker is also a
    pronoun (the same speaker going on) up to LOOK_BACK sentences. A sentence with no speaker at
    all breaks the chain: "he" may then be anyone it mentioned, so it stays unnamed.
    """
    pronoun = _lone_pronoun(text)
    if pronoun is None:
        return None
    earlier = document.sentences[max(0, sentence.index - LOOK_BACK) : sentence.index]
    for before in reversed(earlier):
        name = _speaker(before.text)
        if name is None:
            return None
        if name:
            end = pronoun.position + len(pronoun.name)
            return Speaker(pronoun.position, end, _surname(name))
    return None


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

    The pronoun must stand where a speaker stands: opening the sentence ("He said the ...") or in
    a tail after a comma or a closing quote ('..., she said.'). "Because of what he said to" and
    a quoted '"He said, ...' are about someone the sentence does not name.
    """
    if not _PRONOUN_SPEAKS.search(text):
        return None  # most sentences: one regex instead of the full speaker search
    found = attributions(text)
    if not found or any(not a.is_pronoun for a in found):
        return None
    first, before = found[0], text[: found[0].position]
    if first.name.lower() not in _SINGULAR:
        return None
    speaks = not before or (_TAIL.search(before) is not None and before.strip() not in '"“')
    return first if speaks else None
