"""Sentence compression: drop what costs words but carries little (datelines, asides, connectives).

`compress` applies to every candidate. `shorter_forms` offers the selection a choice instead: a
sentence without an official source's attribution tail (", police said.") or without an
appositive ("Jean Doe, a 37-year-old widow, was ..."). Cutting those from every sentence
lowered ROUGE on the dev data (summaries written by people keep who said what, and who someone
is); offered as an alternative, the ILP takes the shorter form only when the words it frees buy
more than the concepts it loses (joint extraction and compression, Berg-Kirkpatrick et al. 2011).
"""

from __future__ import annotations

import re

from storyline.summarize.quality import MIN_WORDS
from storyline.text.calendar import DATE_WORDS
from storyline.text.datelines import drop_dateline

# "Update, 21 April:", "UPDATE 2:": the page's revision label; what follows is news.
_UPDATE_LABEL = re.compile(r"^update[ds]?\b[^:]{0,30}:\s+(?=[\w\"“])", re.IGNORECASE)
# Short parentheticals are asides (ages, abbreviations, photo credits); long ones may be content.
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)")
# Connectives that tie a sentence to the one before it, which a summary may not carry: without
# them the sentence stands alone and can open a summary (ROUGE-2 +0.08 and ROUGE-1 +0.07 on dev).
_CONNECTIVE = re.compile(
    r"^(?:(?:However|Meanwhile|In addition|Additionally|Still|Also|Now|Instead|Indeed|Moreover|"
    r"Furthermore|In fact|Even so|At the same time|Separately),|But|And)\s+(?=[\w\"“])"
)


def compress(text: str) -> str:
    """A shorter form of a source sentence that states the same thing; unchanged if nothing applies."""
    shorter = _CONNECTIVE.sub("", drop_dateline(_UPDATE_LABEL.sub("", text)))
    if "(" in shorter:  # most sentences have none: skip the regex's scan of every position
        shorter = _PARENTHETICAL.sub("", shorter)
    words = shorter.split()
    if len(words) < 4:
        return text
    shorter = " ".join(words)
    return shorter[0].upper() + shorter[1:]


# ", police said.", ", a county spokesman told reporters Monday.", ", the affidavit says in a court
# filing." at the end of a sentence without quotation marks (a quote needs its speaker): an
# institution or an official document as the source, up to five words in lower case (no comma:
# ", Maryland, police said" keeps "Maryland"), a reporting verb, and at most a day or the medium.
# A person's words keep their speaker: without ", she said" or ", analysts said" a claim or an
# opinion would read as the summary's own statement of fact. So do a party's: a company's, a
# government's, a ministry's or an army's (the same summaries on Multi-News dev without them).
# Not after an abbreviation's full stop ("9 a.m., police said").
_OFFICIAL = (
    r"(?:police|officials?|authorities|investigators|prosecutors|deput(?:y|ies)|officers?|firefighters"
    r"|spokes(?:man|woman|person)|statement|report|affidavit|complaint|documents|records|filing"
    r"|department|agency|office|court|sheriff|coroner)"
)
_WHEN_OR_WHERE = (
    r"(?: (?:(?:on|late|early|last|this) )?(?:\w+day|today|tonight|week|month|year|night|morning"
    r"|afternoon|evening)| in a (?:\w+ )?(?:statement|release|interview|report|filing|complaint"
    r"|email|post))?"
)
# Whose spokesman or statement it is: a party's ("a company spokesman", "the ministry's statement",
# "an Acme spokeswoman", capitalised) keeps its tail like the party's own words.
_PARTY = (
    r"(?:compan|firm|corporation|ministr|government|arm(?:y|ies)|military|campaign|part(?:y|ies)"
    r"|embass|union|airline|bank|maker)"
)
_NOT_PARTY = rf"(?![A-Z]|{_PARTY})"
_SAID_TAIL = re.compile(
    rf"(?<!\.), (?=[a-z])(?:{_NOT_PARTY}[^\s,]+ ){{0,4}}{_OFFICIAL} "
    rf"(?:said|says|added|told (?:[^\s,]+ ){{0,3}}[^\s,]+){_WHEN_OR_WHERE}(?=\.$)"
)
# "Name, a/an/the <lower-case word> ..., verb" or "Name, who/which ..., verb": an aside between two
# commas after a capitalised word and before a lower-case one (the verb), not a list ("A, the B,
# and C"). Quotes, brackets and semicolons inside mean something more complex: left alone. After
# a date word it is an adverbial ("on Tuesday, a week after the fire, ..."): `_drop_aside` keeps it.
_APPOSITIVE = re.compile(
    r"\b([A-Z][\w'’.-]+), (?:(?:a|an|the) [a-z0-9]|who |which )[^,;\"“”()]{2,80}?, "
    r"(?=[a-z])(?!and\b|or\b|but\b)"
)
_QUOTE_MARK = re.compile(r"[\"“”]")


def shorter_forms(text: str) -> tuple[str, ...]:
    """Shorter forms of a (compressed) sentence, each without one part a summary can spare.

    Each form is the sentence with spans deleted, so its citation still points at the sentence,
    and is as long as a candidate must be (MIN_WORDS): a shorter one is a fragment.
    """
    forms = []
    if not _QUOTE_MARK.search(text):
        forms.append(_SAID_TAIL.sub("", text))
    forms.append(_APPOSITIVE.sub(_drop_aside, text))
    return tuple(dict.fromkeys(f for f in forms if f != text and len(f.split()) >= MIN_WORDS))


def _drop_aside(match: re.Match[str]) -> str:
    """The name without its aside; the whole match when the "name" is a date word."""
    name = match[1]
    return match[0] if name.lower() in DATE_WORDS else name + " "
