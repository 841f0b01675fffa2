"""Who said it: speakers from "X said", "said X", "X told Y", titles, and "he said" resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.text.calendar import DATE_WORDS
from storyline.text.tokens import STOP_WORDS, normalize

VERBS = (
    "said|says|say|told|tells|added|adds|stressed|affirmed|reaffirmed|reiterated|warned|noted|"
    "insisted|declared|argued|explained|continued|wrote|stated|announced|claimed|acknowledged|"
    "admitted|commented|replied|urged|asked|described|called|considered|complained|recalled|"
    "writes|asks|tweeted|exclaimed|yelled|insists|joked|notes|warns|explains|recalls"
)
TITLES = frozenset(
    {
        "president",
        "vice",
        "prime",
        "foreign",
        "deputy",
        "minister",
        "ministry",
        "secretary",
        "general",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "senator",
        "governor",
        "mayor",
        "chancellor",
        "king",
        "queen",
        "prince",
        "sheikh",
        "dr",
        "mr",
        "mrs",
        "ms",
        "sir",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "gov",
        "chief",
        "justice",
        "commander",
        "director",
        "chairman",
        "leader",
        "premier",
        "representative",
        "commissioner",
        "superintendent",
        "executive",
        "officer",
        "inspector",
        "attorney",
        "judge",
        "coach",
        "professor",
        "prof",
        "detective",
        "det",
        "captain",
        "capt",
        "sergeant",
        "lieutenant",
        "colonel",
        "admiral",
        "sheriff",
        "councillor",
        "councilman",
        "councilwoman",
        "chairwoman",
        "ceo",
        "constable",
        "prosecutor",
    }
    # Not offices, but written before a name the same way ("Neighbor Dan Aguliar said").
    | {"neighbor", "neighbour", "resident", "witness", "eyewitness", "bystander", "passenger"}
    | {"motorist", "homeowner", "student", "teacher", "volunteer", "activist", "lawyer"}
    | {"founder", "owner", "manager", "analyst", "economist", "researcher", "scientist"}
    | {"adviser", "advisor", "aide", "chairperson", "engineer", "cfo"}
)
PRONOUNS = frozenset({"he", "she", "they"})
# Words that open a sentence before a name ("But Lavrov said"), not the ones that are names too:
# "May said" is Theresa May, "Bill Gates" keeps his first name, "De Niro" his particle.
_SENTENCE_WORDS = STOP_WORDS - PRONOUNS - {"bill", "will", "may", "mill", "de"}
_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"  # a capitalised word or an initial; never across a full stop
_NAME = rf"{_WORD}(?:[ \t]+(?:al-|bin[ \t]+)?{_WORD})*"  # on one line: a heading is no first name
_ADVERB = r"(?:\s+\w+ly)?"
# "Gennady Gatilov told", "he said", "Lavrov reaffirmed": subject, then the verb.
SUBJECT_VERB = re.compile(rf"\b(?P<name>{_NAME}|[Hh]e|[Ss]he|[Tt]hey){_ADVERB}\s+(?:{VERBS})\b")
# ', said Lavrov.', '," said Lavrov', "according to Lavrov,": after a comma or a quote, and the name
# ends the clause; else "He said Jane, 53, went" or "said Moscow would" would name the speaker.
# A phrase saying where the speaker is from or spoke may come between ('," said Aileen Brody of the
# Coastal Consumers Association.', '," said Ruiz in a statement.'); "of" then a capital word is
# part of a title ('said Inspector-General of Police Khalid Abu Bakar').
VERB_SUBJECT = re.compile(
    rf"(?:[,\"”]\s*(?:{VERBS.replace('told|tells|', '')})|\baccording\s+to)\s+"
    rf"(?P<name>{_NAME}|he|she)(?=\s*(?:[,.;:!?]|$)|\s+(?:of\s+[a-z]|(?:from|at|with|in|on)\s))"
)
# "Marisol Vance, the park's superintendent, said", "Jorge Albarran, who has lived there for 22
# years, said", "Ada Ruiz, 53, said": a name, an aside set off by commas, then the verb. The aside
# opens in lower case or with a number, never with a verb ("the department, was praised by
# all, said a ..."): a capitalised aside makes the name a place ("officials in Sycamore,
# Illinois, said"). A name after a preposition or "and" is not the speaker either (_NOT_SPEAKER).
APPOSED = re.compile(
    rf"\b(?P<name>{_NAME}),\s+(?=[a-z0-9])(?!(?:was|is|were|are|has|have|had)\b)"
    rf"[^,;:.!?\"“”()]{{1,80}},{_ADVERB}\s+(?:{VERBS})\b"
)
# "Kestrelnet's chief executive, Lena Marchetti, said", "a company spokesperson, Tobias Renner,
# said": a role, then the name set off by commas, then the verb. Only a role word may come before
# the name: "residents of the capital, Kabul, said" names no one. A role after "for" or "of" is
# someone else's: in "the spokesman for the president, Moncef Marzouki, said", the spokesman spoke.
_ROLES = "|".join(
    sorted(
        TITLES | {"expert", "official", "head", "chair"}  # also surnames: roles, not titles
    )
)
# Found from the commas (rare) and then checked for a role before them: a scan for the roles at
# every word was the slowest of the speaker patterns.
NAME_IN_COMMAS = re.compile(rf",\s+(?P<name>{_NAME}),{_ADVERB}\s+(?:{VERBS})\b")
_ROLE_BEFORE = re.compile(rf"\b(?i:{_ROLES})$")
_SOMEONE_ELSES = re.compile(r"\b(?:for|of|to|with)(?:\s+\S+){0,3}\s+$")
_NOT_SPEAKER = re.compile(
    r"\b(?:in|at|from|of|to|near|for|with|on|by|across|outside|inside|and)\s+(?:the\s+)?$"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker named (or referred to by a pronoun) at `position` in a document's text."""

    position: int
    name: str

    @property
    def is_pronoun(self) -> bool:
        return self.name.lower() in PRONOUNS


def _after_a_role(text: str, comma: int) -> bool:
    """A role of the speaker's own ends just before the comma ("chief executive, ")."""
    role = _ROLE_BEFORE.search(text, max(0, comma - 20), comma)
    return bool(role) and not _SOMEONE_ELSES.search(text, max(0, role.start() - 30), role.start())


def clean_name(raw: str) -> str:
    """A name without leading sentence words or titles: "But Foreign Minister X Y" -> "X Y"."""
    words = raw.replace("’", "'").split()
    while words and words[0].lower() in _SENTENCE_WORDS:
        words = words[1:]
    titled = [k for k, w in enumerate(words) if w.lower().strip(".") in TITLES]
    if titled and titled[-1] + 1 < len(words):
        words = words[titled[-1] + 1 :]
    words = [w.removesuffix("'s") for w in words]
    return " ".join(words).strip(" .,")


def speaker_key(name: str) -> str:
    """The key two spellings of one person share: the surname ("Sergey Lavrov" ~ "Lavrov")."""
    words = normalize(name).split()
    return words[-1] if words else ""


def same_person(a: str, b: str) -> bool:
    """One name is the other or a part of it: "Jane" or "Wilson" for "Jane Wilson"."""
    a_words, b_words = set(normalize(a).split()), set(normalize(b).split())
    return speaker_key(a) == speaker_key(b) or a_words <= b_words or b_words <= a_words


def attributions(text: str, start: int = 0) -> list[Attribution]:
    """Every "X said" / "said X" in `text` (offsets shifted by `start`), in text order."""
    found = [
        Attribution(start + m.start("name"), clean_name(m.group("name")))
        for m in SUBJECT_VERB.finditer(text)
    ]
    found += [
        Attribution(start + m.start("name"), clean_name(m.group("name")))
        for m in VERB_SUBJECT.finditer(text)
    ]
    found += [
        Attribution(start + m.start("name"), clean_name(m.group("name")))
        for m in NAME_IN_COMMAS.finditer(text)
        if _after_a_role(text, m.start())
    ]
    found += [
        Attribution(start + m.start("name"), clean_name(m.group("name")))
        for m in APPOSED.finditer(text)
        if not _NOT_SPEAKER.search(text, max(0, m.start() - 16), m.start())
    ]
    return sorted(
        (a for a in found if a.name and speaker_key(a.name) not in DATE_WORDS),
        key=lambda a: a.position,
    )
