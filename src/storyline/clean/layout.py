"""Lines to paragraphs: whitespace collapsed, and paragraphs a scraper broke mid-sentence rejoined."""

from __future__ import annotations

from storyline.model import Repair

# A paragraph ending in one of these may end a sentence; anything else continues on the next line
# when that line starts in lower case ("stop the" / "violence, citing ...").
_SENTENCE_END = tuple(".!?:;…\"'”’)]")


def paragraphs(lines: list[str]) -> tuple[list[str], tuple[Repair, ...]]:
    """Non-blank lines as paragraphs, whitespace collapsed; a sentence split across lines joined."""
    result: list[str] = []
    repairs: list[Repair] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if result and _continues(result[-1], line):
            joint = (_last_word(result[-1]), line.split()[0])
            repairs.append(Repair("joined-lines", "\n".join(joint), " ".join(joint)))
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
    return result, tuple(repairs)


def _continues(previous: str, line: str) -> bool:
    """True when `line` is the rest of the sentence `previous` left unfinished."""
    return not previous.endswith(_SENTENCE_END) and line[0].islower()


def _last_word(text: str) -> str:
    return text.rsplit(" ", 1)[-1]
