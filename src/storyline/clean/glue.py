"""Glued words from scraping ("standingfirm", "anyU.N.", "than5,400") split back apart.

A Viterbi split over wordfreq frequencies, accepted only when every part is a common word and
the split is far more probable than the token itself. Names wordfreq does not know and rare but
real words ("Davutoglu", "counterproductive", "agains") are left alone: a missed repair costs
little, a wrong one changes what a source said.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from storyline.clean.vocabulary import FUNCTION_WORDS, PARTICLES, PREFIXES
from storyline.memo import memo
from storyline.model import Repair
from storyline.text.calendar import CALENDAR_NAMES
from storyline.text.rarity import zipf

_MIN_PART_ZIPF = 2.3  # every part must be at least this common ("interventionism" is 2.36)
_MIN_SHORT_ZIPF = 4.5  # a part of three letters must be a very common word ("law", "gun")
_MIN_GLUE_ZIPF = 5.5  # a word glued to a number or abbreviation must be very common ("than")
_MIN_NAME_ZIPF = 4.0  # a capitalised first part must be a well-known word or name ("Syria") ...
_MIN_NAME_HEAD = 5  # ... of some length ("Am|salem", "Her|ling" are names, not glue) ...
_MIN_NAME_TAIL = 6  # ... and the words glued after it real words, not name syllables ("wood")
_MIN_CONTENT_PART = 4  # without a function word, parts are longer ("gate|side" is a compound)
_MIN_OWN_NAME = 3  # a name the article uses on its own, glued to a word, has at least 3 letters
_MIN_OWN_NAME_TAIL = 8  # ... and the word after it a function word or a long, common word
_MIN_OWN_NAME_TAIL_ZIPF = 3.0
_MAX_KNOWN_GLUE_ZIPF = 1.0  # a glued pair is all but unknown to wordfreq ("newsweek" is 3.1)
_MIN_CONTENT_RUN = 12  # "wormability", "trainbearer" are words; "standingfirm" is glue
_MARGIN = 1.5  # per cut: how many orders of magnitude more probable the split must be ...
_KNOWN_MARGIN = 2.5  # ... and more for a word in real use ("tome" is not "to me") ...
_IN_USE_ZIPF = 2.5  # ... rarer "words" are mostly the glue itself, counted on the web ("morethan")
_UNKNOWN = -9.0  # log10 probability floor given to a token wordfreq does not know
_MAX_PARTS = 3
_COMMON_WORD_ZIPF = 3.5  # a word this common is itself, never glue (skips the search too)
_MIN_RUN = 4  # shorter letter runs are words, initials or acronyms, never glue
_MAX_RUN = 40  # longer ones are codes or junk; the search is quadratic in the length

# A letter run that is the whole word of its token: only quotes or brackets before it, and only
# punctuation or a possessive after it ("[E]veryone" and "classi?ed" are not candidates).
_WHOLE_RUN = re.compile(r"^([\"'“‘(\[]*)([^\W\d_]+)((?:['’][a-z]{1,2})?[^\w]*)$")
# A common lower-case word glued to an abbreviation or a number: "anyU.N.", "than5,400".
_WORD_THEN_ABBREV = re.compile(r"(?<![^\W\d_])([a-z]{2,})((?:[A-Z]\.){2,}|\d[\d,.]*\d|\d)")
# A common lower-case word glued to a capitalised one: "inSyria".
_WORD_THEN_NAME = re.compile(r"(?<![^\W\d_])([a-z]{2,})([A-Z][a-z]{2,})(?![^\W\d_])")
# Capitalised words inside a sentence (after a lower-case word or a comma): the article's names.
_NAME = re.compile(r"(?:(?<=[\w,;:] )|(?<=[A-Z]\. ))[A-Z][a-z]+\b")
# An acronym the article uses glued to a common word: "FBIreports" where "FBI" occurs.
_ACRONYM_THEN_WORD = re.compile(r"(?<![^\W\d_])([A-Z]{2,})([a-z]{4,})(?![^\W\d_])")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
# "in" + an adjective is a negation ("inapproachable"), not glue; "in connection" is.
_ADJECTIVE_END = ("able", "ible", "ive", "ent", "ant", "ate", "ous", "ful")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_SENTENCE_END = (".", "!", "?", '"', "”", ":")
_TITLE = re.compile(r"^[A-Z][a-z]{0,3}\.$")  # "Mr.", "Dr.", "Gov.": a name follows
_SKIP_TOKEN = re.compile(r"://|www\.|@|#|\.[a-z]{2,}\b|/")


@dataclass(frozen=True, slots=True)
class Names:
    """What the article tells about its names: capitalised words used inside sentences, and how
    often each capitalised word occurs (names repeat, glue rarely does)."""

    inside: frozenset[str]
    counts: Counter[str]
    acronyms: frozenset[str]


def split_glued_words(text: str, context: str = "") -> tuple[str, tuple[Repair, ...]]:
    """`text` with glued words split, and one Repair per split.

    `context` is the whole article: a capitalised token is only split after a name the article
    also uses on its own ("Syriamirroring" where "Syria" occurs), never as a new name
    ("Papermaster", "Shadowserver").
    """
    names = _names(context or text)
    repairs: list[Repair] = []
    out: list[str] = []
    previous = ""
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace():
            out.append(token)
            continue
        out.append(_repair_token(token, names, _starts_sentence(previous), repairs))
        previous = token
    return "".join(out), tuple(repairs)


_NO_NAMES = Names(frozenset(), Counter(), frozenset())


@lru_cache(maxsize=4)
def _names(context: str) -> Names:
    """The article's names, read once for all of its paragraphs."""
    return Names(
        frozenset(_NAME.findall(context)),
        Counter(_CAPITALISED.findall(context)),
        frozenset(_ACRONYM.findall(context)),
    )


def _starts_sentence(previous: str) -> bool:
    """Whether a token after `previous` begins a sentence ("Mr." and "Dr." do not end one)."""
    return not previous or (previous.endswith(_SENTENCE_END) and not _TITLE.match(previous))


def _repair_token(token: str, names: Names, starts: bool, repairs: list[Repair]) -> str:
    """One whitespace-delimited token repaired, and its Repair recorded when it changed."""
    if token == token.lower():
        fixed = _repair_uncased(token)
    else:
        fixed = _repaired(token, names, starts)
    if fixed != token:
        repairs.append(Repair("glued-words", token, fixed))
    return fixed


@memo(65536)  # most tokens of news text are lower-case words that repeat from article to article
def _repair_uncased(token: str) -> str:
    """A token with no capital letter repaired: names and sentence starts only matter for capitals
    (a name before glue, an acronym, a capitalised run), so the result depends on the token alone."""
    return _repaired(token, _NO_NAMES, False)


def _repaired(token: str, names: Names, starts: bool) -> str:
    """One token repaired; URLs, e-mails and paths are left alone."""
    if _SKIP_TOKEN.search(token):
        return token
    fixed = _WORD_THEN_ABBREV.sub(_split_if_common, token)
    fixed = _WORD_THEN_NAME.sub(_split_if_common, fixed)
    fixed = _ACRONYM_THEN_WORD.sub(lambda m: _split_after_acronym(m, names.acronyms), fixed)
    return " ".join(_split_whole_word(part, names, starts) for part in fixed.split(" "))


def _split_if_common(match: re.Match[str]) -> str:
    word, rest = match.group(1), match.group(2)
    if word in PARTICLES or _zipf(word) < _MIN_GLUE_ZIPF:
        return match.group(0)
    return f"{word} {rest}"


def _split_after_acronym(match: re.Match[str], acronyms: frozenset[str]) -> str:
    acronym, word = match.group(1), match.group(2)
    if acronym in acronyms and _zipf(word) >= _COMMON_WORD_ZIPF:
        return f"{acronym} {word}"
    return match.group(0)


def _split_whole_word(token: str, names: Names, starts: bool) -> str:
    match = _WHOLE_RUN.match(token)
    if match is None:
        return token
    before, run, after = match.groups()
    parts = best_split(run)
    if not parts or (run[0].isupper() and not _free_to_split(run, parts, names, starts)):
        parts = _after_own_name(run, names) if run[0].isupper() else None
    if not parts:
        return token
    return f"{before}{' '.join(parts)}{after}"


def _after_own_name(run: str, names: Names) -> tuple[str, str] | None:
    """A name the article writes on its own inside a sentence, or a month or weekday, glued to a
    common word: "Bronxand" where "Bronx" occurs, "Goddardvehemently" where "Goddard" does,
    "Thursdayin", whatever wordfreq knows of the name.

    Not a run wordfreq knows or the article repeats ("Newsweek" beside "News"): a real name.
    """
    if names.counts[run] > 1 or _zipf(run.lower()) > _MAX_KNOWN_GLUE_ZIPF:
        return None
    for cut in range(len(run) - 2, _MIN_OWN_NAME - 1, -1):  # the longest name first
        head, tail = run[:cut], run[cut:]
        # a month or weekday is a name every article may use: no other mention needed
        known = head in names.inside or head.lower() in CALENDAR_NAMES
        if known and head.lower() not in FUNCTION_WORDS and _common_tail(tail):
            return head, tail
    return None


def _common_tail(tail: str) -> bool:
    """A lower-case word pasted after a name: a function word ("and", "said"), or a long common
    word ("proposed", "originally"). Coinages join a name to a short noun or adjective
    ("Gungate", "Megaball", "Chuckstrong", "Joshburgers"), and names end in syllables ("-son")."""
    if not tail.islower():
        return False
    return tail in FUNCTION_WORDS or (
        len(tail) >= _MIN_OWN_NAME_TAIL and _zipf(tail) >= _MIN_OWN_NAME_TAIL_ZIPF
    )


def _free_to_split(run: str, parts: tuple[str, ...], names: Names, starts: bool) -> bool:
    """A capitalised run splits after a name the article uses inside sentences, or, opening a
    sentence, into a function word and one more word ("Itwas", "Forthe"), unless the article
    repeats it as a name ("Doone", "Herling" are names)."""
    if parts[0].lower() in FUNCTION_WORDS:
        return starts and len(parts) == 2 and parts[1] != "us" and names.counts[run] < 2
    return parts[0] in names.inside


@lru_cache(maxsize=65536)
def best_split(run: str) -> tuple[str, ...] | None:
    """The split of a letter run into common words, or None when the run should stay whole."""
    if not _MIN_RUN <= len(run) <= _MAX_RUN or not (run.islower() or run[1:].islower()):
        return None
    lowered = run.lower()
    if _zipf(lowered) >= _COMMON_WORD_ZIPF:
        return None
    scored = _viterbi(lowered)
    if scored is None:
        return None
    score, cuts = scored
    margin = _KNOWN_MARGIN if _zipf(lowered) >= _IN_USE_ZIPF else _MARGIN
    if len(cuts) < 2 or score < _log_prob(lowered) + margin * (len(cuts) - 1):
        return None
    parts = tuple(run[a:b] for a, b in zip((0, *cuts), cuts))
    return parts if _plausible(parts) and not _is_typo(lowered) else None


def _is_typo(word: str) -> bool:
    """A common word with a letter missing or two swapped ("arested", "agains", "itno"): a
    typo to keep as written, not glue."""
    missing = (
        word[:i] + letter + word[i:]
        for i in range(len(word) + 1)
        for letter in string.ascii_lowercase
    )
    swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
    return any(_zipf(candidate) >= _COMMON_WORD_ZIPF for candidate in (*missing, *swapped))


def _plausible(parts: tuple[str, ...]) -> bool:
    """Glue, not a compound or a name: how real compounds and names differ from pasted words."""
    lowered = [p.lower() for p in parts]
    head, tail = lowered[0], lowered[1:]
    if "i" in tail or (head == "i" and parts[0] != "I"):  # "I" is a word only as a capital
        return False
    if head in PREFIXES and tail[0] not in FUNCTION_WORDS:  # "overthe" is glue, "overreach" not
        return False
    if head == "in" and tail[0].endswith(_ADJECTIVE_END):
        return False
    if parts[0][0].isupper() and head in FUNCTION_WORDS:  # "Itwas", "Forthe", not "Withrow"
        return all(len(p) >= _MIN_CONTENT_PART or p in FUNCTION_WORDS for p in tail)
    if parts[0][0].isupper():
        return (
            len(head) >= _MIN_NAME_HEAD
            and _zipf(head) >= _MIN_NAME_ZIPF
            and all(len(p) >= _MIN_NAME_TAIL or (p in FUNCTION_WORDS and p != "us") for p in tail)
        )
    if any(p in FUNCTION_WORDS for p in lowered):
        return True
    return len("".join(parts)) >= _MIN_CONTENT_RUN and all(
        len(p) >= _MIN_CONTENT_PART for p in parts
    )


def _viterbi(word: str) -> tuple[float, tuple[int, ...]] | None:
    """Best (log10 probability, end offsets) over splits into at most _MAX_PARTS common words."""
    # best[i][k]: best score of word[:i] in k parts, with the back-pointer.
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(len(word) + 1)]
    best[0][0] = (0.0, -1)
    for end in range(1, len(word) + 1):
        for start in range(end):
            part_score = _part_score(word[start:end])
            if part_score is None:
                continue
            for parts, (score, _) in sorted(best[start].items()):
                if parts < _MAX_PARTS:
                    candidate = score + part_score
                    if candidate > best[end].get(parts + 1, (float("-inf"), 0))[0]:
                        best[end][parts + 1] = (candidate, start)
    if not best[-1]:
        return None
    parts = max(sorted(best[-1]), key=lambda k: best[-1][k][0])
    return best[-1][parts][0], _cuts(best, parts)


def _cuts(best: list[dict[int, tuple[float, int]]], parts: int) -> tuple[int, ...]:
    """End offsets of the parts, recovered from the back-pointers."""
    ends: list[int] = []
    end = len(best) - 1
    while parts > 0:
        ends.append(end)
        end = best[end][parts][1]
        parts -= 1
    return tuple(reversed(ends))


def _part_score(part: str) -> float | None:
    """log10 probability of a part, or None when it is not common enough to be one."""
    zipf = _zipf(part)
    short = len(part) < 2 or (len(part) <= 3 and zipf < _MIN_SHORT_ZIPF)
    if short and part not in FUNCTION_WORDS:
        return None
    return zipf - 9.0 if zipf >= _MIN_PART_ZIPF else None


def _log_prob(word: str) -> float:
    zipf = _zipf(word)
    return zipf - 9.0 if zipf > 0 else _UNKNOWN - len(word) / 4


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    return zipf(word)
