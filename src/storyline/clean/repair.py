"""Character- and phrase-level scraping damage: mojibake, Markdown marks, missing spaces, echoes.

Each repair returns the new text and a Repair record per change, so every edit is traceable.
None of them changes a word: they restore characters, spaces, or delete an exact repetition.
"""

from __future__ import annotations

import re

import ftfy

from storyline.model import Repair
from storyline.text.tokens import WORD_BREAKING_INVISIBLES

# ftfy's defaults would also straighten typographic quotes; we keep them as the source wrote them.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_AUTOLINK = re.compile(r"<((?:https?://|www\.|mailto:)[^<>\s]+)>", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((?:https?://|/)[^()\s]*\)")

# Punctuation glued to the next word between two words: "hegemony,characteristically",
# "said.The". Numbers ("5,400", "2.5") and abbreviations ("U.S.") never match: both sides must be
# runs of at least two letters, and after a full stop the next word must be capitalised: a word
# ("said.The"), an acronym ("Wednesday.NTSB") or a one-letter word ("said.A man").
_GLUED_COMMA = re.compile(r"(?<=[^\W\d_]{2})([,;:])(?=[^\W\d_]{2})")
_GLUED_STOP = re.compile(r"(?<=[a-z]{2})(\.)(?=[A-Z](?:[a-z]|[A-Z]*\b))")  # "?" is often lost
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
    return fixed, _line_repairs("mojibake", text, fixed)


def remove_invisible(text: str) -> tuple[str, tuple[Repair, ...]]:
    """Text without zero-width spaces and soft hyphens ("the\u200bir"), one Repair per line."""
    kept = text.translate(WORD_BREAKING_INVISIBLES)
    return kept, _line_repairs("invisible-characters", text, kept)


def _line_repairs(kind: str, text: str, fixed: str) -> tuple[Repair, ...]:
    """One Repair per changed line, or one for the whole text when the lines no longer pair up."""
    if fixed == text:
        return ()
    before, after = text.splitlines(), fixed.splitlines()
    if len(before) != len(after):
        return (Repair(kind, text, fixed),)
    return tuple(Repair(kind, b, a) for b, a in zip(before, after) if b != a)


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
    spans = [match.span() for match in _TOKEN.finditer(text)]
    if not spans:
        return text, ()
    gaps = [text[end:start] for (_, end), (start, _) in zip([(0, 0), *spans], spans, strict=False)]
    raw = [text[start:end] for start, end in spans]
    words = [_bare(token) for token in raw]
    if not _near_repeat(words):
        return text, ()
    kept: list[int] = []  # tokens before the search position: final
    window: list[int] = []  # the text's tokens from the search position on, as far as needed
    following, repairs = 0, []  # `following`: the first token not yet in the window
    while True:
        # A copy is removed in place and the search goes on from the same token, since the kept
        # phrase may be followed by a third copy; the window stays short, so this is linear.
        if len(window) < 2 * _MAX_ECHO_TOKENS and following < len(spans):
            grow = min(len(spans), following + 2 * _MAX_ECHO_TOKENS - len(window))
            window.extend(range(following, grow))
            following = grow
        if not window:
            break
        length = _echo_length(window, words, raw, len(window) + len(spans) - following)
        if length:
            phrase = _joined(window[: 2 * length], gaps, raw)
            repairs.append(Repair("repeated-phrase", phrase, _joined(window[:length], gaps, raw)))
            del window[length : 2 * length]
        else:
            kept.append(window.pop(0))
    last = spans[-1][1]
    return gaps[0] + _joined(kept, gaps, raw) + text[last:], tuple(repairs)


def _near_repeat(words: list[str]) -> bool:
    """Whether three words in a row come again within an echo's reach. An echo's copies open on
    the same three words, so a paragraph with no such repeat (nearly every one) has no echo."""
    last: dict[tuple[str, str, str], int] = {}
    for i, trigram in enumerate(zip(words, words[1:], words[2:])):
        if i - last.get(trigram, -_MAX_ECHO_TOKENS - 1) <= _MAX_ECHO_TOKENS:
            return True
        last[trigram] = i
    return False


def _echo_length(window: list[int], words: list[str], raw: list[str], remaining: int) -> int:
    """The length of the run-on phrase of >= 3 words that opens `window` and is repeated right
    after it (the longest), or 0."""
    longest = min(remaining // 2, _MAX_ECHO_TOKENS)
    for length in range(longest, _MIN_ECHO_TOKENS - 1, -1):
        if words[window[0]] != words[window[length]]:
            continue
        phrase = [words[i] for i in window[:length]]
        if (
            all(phrase)
            and phrase == [words[i] for i in window[length : 2 * length]]
            and _runs_on([raw[i] for i in window[:length]])
        ):
            return length
    return 0


def _joined(tokens: list[int], gaps: list[str], raw: list[str]) -> str:
    """The text of consecutive tokens as it reads now: each token after the first with the space
    that stood before it (a removed copy takes the space before it along)."""
    if not tokens:
        return ""
    return raw[tokens[0]] + "".join(gaps[i] + raw[i] for i in tokens[1:])


def _runs_on(tokens: list[str]) -> bool:
    """No full stop inside the phrase and no pause at its end: a paste, not a speaker's echo."""
    ends = [token.rstrip("\"'”’)]") for token in tokens]
    return not ends[-1].endswith(_PAUSE) and not any(e.endswith(_FULL_STOP) for e in ends)


def _bare(token: str) -> str:
    """A token without surrounding punctuation or quotes, for echo comparison."""
    return token.strip(".,;:!?\"'“”‘’()[]")
