"""Character- and phrase-level scraping damage: mojibake, Markdown marks, missing spaces, echoes.

Each repair returns the new text and a Repair record per change, so every edit is traceable.
None of them changes a word: they restore characters, spaces, or delete an exact repetition.
"""

from __future__ import annotations

import re

import ftfy

from storyline.model import Repair

# ftfy's defaults would also straighten typographic quotes; we keep them as the source wrote them.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_AUTOLINK = re.compile(r"<((?:https?://|www\.|mailto:)[^<>\s]+)>", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((?:https?://|/)[^()\s]*\)")

# Punctuation glued to the next word between two words: "hegemony,characteristically",
# "said.The". Numbers ("5,400", "2.5") and abbreviations ("U.S.") never match: both sides must be
# runs of at least two letters, and after a full stop the next word must be capitalised.
_GLUED_COMMA = re.compile(r"(?<=[^\W\d_]{2})([,;:])(?=[^\W\d_]{2})")
_GLUED_STOP = re.compile(r"(?<=[a-z]{2})(\.)(?=[A-Z][a-z])")  # "?" is often a lost character
_QUOTE_BETWEEN_WORDS = re.compile(r"(?<=[^\W_])([\"“”])(?=[^\W_])")
_QUOTES = re.compile(r"[\"“”]")
_URLISH = re.compile(
    r"\S*(?:://|www\.|@)\S*|\S+\.(?:com|org|net|gov|edu|co|uk|io)\b\S*", re.IGNORECASE
)

_TOKEN = re.compile(r"\S+")
_MIN_ECHO_TOKENS = 3
_MAX_ECHO_TOKENS = 40  # pasted fragments are short; the bound keeps long paragraphs linear
_PAUSE = (".", ",", ";", ":", "!", "?", "—", "–", "-")
_FULL_STOP = (".", "!", "?")


def fix_mojibake(text: str) -> tuple[str, tuple[Repair, ...]]:
    """Text decoded with the wrong codec ("Ã©", "â€™") restored with ftfy, one Repair per line."""
    fixed = "\n".join(
        _lost_closing_quote(line) for line in ftfy.fix_text(text, config=_FTFY).split("\n")
    )
    if fixed == text:
        return text, ()
    before, after = text.splitlines(), fixed.splitlines()
    if len(before) != len(after):
        return fixed, (Repair("mojibake", text, fixed),)
    changed = tuple(Repair("mojibake", b, a) for b, a in zip(before, after) if b != a)
    return fixed, changed


def _lost_closing_quote(line: str) -> str:
    """'“toxic�?' back to '“toxic”': the UTF-8 bytes of ” end in 0x9D, which cp1252 lacks, so a
    wrong decode leaves a replacement character and ftfy cannot recover it; we do where the line
    opened a quotation.
    """
    return line.replace("\ufffd?", "”") if "“" in line else line


def strip_markdown(line: str) -> tuple[str, tuple[Repair, ...]]:
    """A line without heading marks, **bold** markers, <autolink> brackets or [link](url) targets."""
    fixed = _HEADING.sub("", line)
    fixed = _BOLD.sub(r"\1", fixed)
    fixed = _AUTOLINK.sub(r"\1", fixed)
    fixed = _MD_LINK.sub(r"\1", fixed)
    return fixed, ((Repair("markdown", line, fixed),) if fixed != line else ())


def space_after_punctuation(text: str) -> tuple[str, tuple[Repair, ...]]:
    """The missing space restored after punctuation or a quote glued between two words."""
    protected = [(m.start(), m.end()) for m in _URLISH.finditer(text)]
    edits: list[tuple[int, str]] = []
    for pattern in (_GLUED_COMMA, _GLUED_STOP):
        edits += [(m.end(), " ") for m in pattern.finditer(text)]
    for match in _QUOTE_BETWEEN_WORDS.finditer(text):
        edits.append((match.start() if _opens(text, match) else match.end(), " "))
    edits = [e for e in edits if not any(a <= e[0] < b for a, b in protected)]
    return _apply_insertions(text, sorted(set(edits)), "missing-space")


def _opens(text: str, match: re.Match[str]) -> bool:
    """Whether a quote glued between two words opens a quotation (scrapers mix up “ and ”).

    It opens when no quotation is open before it and another quote closes one after it.
    """
    if match.group(0) == "“":
        return True
    balanced = len(_QUOTES.findall(text, 0, match.start())) % 2 == 0
    return balanced and _QUOTES.search(text, match.end()) is not None


def _apply_insertions(
    text: str, edits: list[tuple[int, str]], kind: str
) -> tuple[str, tuple[Repair, ...]]:
    """Insert each (offset, string) and report each change with the word around it."""
    if not edits:
        return text, ()
    pieces, repairs, last = [], [], 0
    for offset, insert in edits:
        pieces += [text[last:offset], insert]
        last = offset
        word_start = text.rfind(" ", 0, offset) + 1
        word_end = text.find(" ", offset)
        word = text[word_start : word_end if word_end >= 0 else len(text)]
        cut = offset - word_start
        repairs.append(Repair(kind, word, word[:cut] + insert + word[cut:]))
    pieces.append(text[last:])
    return "".join(pieces), tuple(repairs)


def remove_echoes(text: str) -> tuple[str, tuple[Repair, ...]]:
    """A phrase of three or more words pasted twice in a row, the copy removed.

    Scrapers sometimes paste a fragment twice ('as “not strict”, saying not strict”, saying
    their'); words are compared without punctuation or quotes, so a broken quote still matches.
    Speakers repeat themselves too ("John did it. John did it,"; "that's the way, that's the
    way"): a repetition after a pause (the first copy ends in punctuation) or spanning a full
    stop is left alone.
    """
    repairs: list[Repair] = []
    first = 0  # the text before the last echo found is unchanged: search on from there
    while True:
        tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        echo = _find_echo([t[2] for t in tokens], first)
        if echo is None:
            return text, tuple(repairs)
        first, length = echo
        cut_start = tokens[first + length - 1][1]
        cut_end = tokens[first + 2 * length - 1][1]
        kept = text[tokens[first][0] : cut_start]
        repairs.append(Repair("repeated-phrase", text[tokens[first][0] : cut_end], kept))
        text = text[:cut_start] + text[cut_end:]


def _find_echo(raw: list[str], begin: int) -> tuple[int, int] | None:
    """(start, length) of the first run-on phrase of >= 3 words repeated immediately."""
    words = [_bare(token) for token in raw]
    for start in range(begin, len(words)):
        longest = min((len(words) - start) // 2, _MAX_ECHO_TOKENS)
        for length in range(longest, _MIN_ECHO_TOKENS - 1, -1):
            if words[start] != words[start + length]:
                continue
            phrase = words[start : start + length]
            if (
                all(phrase)
                and phrase == words[start + length : start + 2 * length]
                and _runs_on(raw[start : start + length])
            ):
                return start, length
    return None


def _runs_on(tokens: list[str]) -> bool:
    """No full stop inside the phrase and no pause at its end: a paste, not a speaker's echo."""
    ends = [token.rstrip("\"'”’)]") for token in tokens]
    return not ends[-1].endswith(_PAUSE) and not any(e.endswith(_FULL_STOP) for e in ends)


def _bare(token: str) -> str:
    """A token without surrounding punctuation or quotes, for echo comparison."""
    return token.strip(".,;:!?\"'“”‘’()[]")
