"""Which source sentences may enter a summary: full, self-contained statements, not page furniture."""

from __future__ import annotations

import re
from operator import itemgetter

from storyline.text.context import ECHO_PHRASES
from storyline.text.furniture import (
    APPEALS,
    CAPTION_WEEKDAY,
    FURNITURE,
    MONTH_NAME,
    PAGE_NOTE,
    URL,
    at_word_start,
    speaks_to_reader,
)
from storyline.text.tokens import STOP_WORDS, WORD_EDGE_MARKS

MIN_WORDS = 8  # shorter lines are headings, bylines, captions or fragments
MAX_WORDS = 60  # longer ones are usually run-on lists or splitter failures, and eat the budget


# What rejects a sentence wherever it appears in the lower-cased text (furniture, an appeal for
# tips, an echo), as one regex: one scan of the text instead of three, in half the time.
# Echoes lean on a sentence the summary may not carry (ROUGE-2 +0.04 and ROUGE-1 +0.1 on dev).
_REJECTED_LOWER = at_word_start(*FURNITURE, *APPEALS, *ECHO_PHRASES)
# A title abbreviation cannot end a sentence: the splitter broke before the name it introduces.
_TITLE_END = re.compile(
    r"\b(?:Sens?|Reps?|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Det|Dr|Mr|Mrs|Ms|Prof|Rev)\.$"
)
_TITLE_END_CHARS = 6  # its longest match, "Cmdr." before a final newline: where a search starts
# A caption's date follows a comma or its place ("... in Los Angeles, November 27, 2011.", "... in
# Tehran May 20, 2010."); prose puts a word before it ("reported missing on Nov. 18, 2017."): 9 of
# the 13 Multi-News dev sentences that end on a full date without a weekday.
_CAPTION_DATE = re.compile(rf"(?:,|\b[A-Z][a-z]+) {MONTH_NAME} \d{{1,2}}, (?:19|20)\d\d\.$")
# "X did not respond to a request for comment": says who was asked, not what happened. Only short
# sentences, where that is all they say (ROUGE-2 +0.06 on dev; with longer ones too, +0.03).
_NO_COMMENT = re.compile(
    r"\b(?:did|does|has|have|had|could|would|was|were)(?: not|n't)(?: immediately)? (?:return"
    r"|respond|reply|answer|comment|be reached|get back to)|\bdeclined to comment|\bno (?:immediate )?comment"
    r"|\bseeking comment|\brequests? for comment"
)  # matched against lower-cased text
_NO_COMMENT_WORDS = 15
# A transcript's line opens on its speaker in capitals ("PRESIDENT DONALD TRUMP: I mean ...",
# "Q: ..."): words said, with no report of who said them to whom.
_TRANSCRIPT_LABEL = re.compile(r"(?:[A-Z][A-Z.'’-]*\s){0,3}[A-Z][A-Z.'’-]*:\s")


def is_candidate(text: str) -> bool:
    """A sentence a reader would accept in a summary on its own: a complete, declarative statement."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if not text[0].isupper() and text[0] not in "\"“'‘0123456789":
        return False  # starts mid-sentence: a splitter fragment
    end = text.rstrip("\"”’')")
    if not end.endswith((".", "!")):
        return False  # questions, headings and captions without a full stop
    # Only the tail can match an end-anchored pattern; \b still sees the character before it.
    if _TITLE_END.search(end, max(0, len(end) - _TITLE_END_CHARS)):
        return False  # the splitter broke at a title ("... the repeal -Sen."): a fragment
    if end.endswith(("...", "…")):
        return False  # a teaser or caption the page cut short ("... accounts and...")
    lower = text.lower()
    # Page furniture; an appeal to the reader for tips; an echo, which leans on a sentence the
    # summary may not carry.
    if _REJECTED_LOWER.search(lower) or URL.search(text):
        return False
    if speaks_to_reader(text, lower):
        return False  # tells the reader what to do with the page: site furniture, not news
    if PAGE_NOTE.match(text):
        return False  # speaks of the page rather than the news
    if len(words) <= _NO_COMMENT_WORDS and _NO_COMMENT.search(lower):
        return False  # only says that someone did not comment
    if text[-2:-1].isdigit() and _CAPTION_DATE.search(text):
        return False  # "..., on Tuesday, Jan. 24, 2017.": photo captions end on the full date
    if CAPTION_WEEKDAY.search(text):
        return False  # "... in Cairo, Monday, Jan. 2, 2012, ...": where and when a photo was taken
    if _mostly_quote(text) or _TRANSCRIPT_LABEL.match(text):
        return False  # a quotation with no one saying it reads as opinion, not fact
    return not _headline(words)


def _headline(words: list[str]) -> bool:
    """Title case or capitals throughout: most words capitalised and no content word in lower case.

    A sentence full of names still has a lower-case verb ("... and Buffalo Bills have been sued").
    """
    if sum(map(str.isupper, map(_FIRST, words))) <= 0.6 * len(words):  # C-level map, no genexpr
        return False
    bare = (w.strip(WORD_EDGE_MARKS) for w in words)
    return not any(len(w) > 2 and w.isalpha() and w.islower() and w not in STOP_WORDS for w in bare)


_FIRST = itemgetter(0)


def _mostly_quote(text: str) -> bool:
    """A sentence that is a quotation from start to end, with no attribution inside it.

    One quoted span is two straight marks or one opening curly mark: '“No,” he said, “never.”' is
    two spans with its speaker between them, as much as the straight-quoted form.
    """
    stripped = text.strip()
    return (
        stripped[:1] in '"“'
        and stripped.rstrip(".")[-1:] in '"”'
        and stripped.count('"') // 2 + stripped.count("“") <= 1
    )
