"""Boilerplate lines (notices, share/comment widgets, captions, credits, URLs) told apart from story.

Judged by line shape: short lines made only of widget vocabulary, lines that end in a photo credit,
lines that are only a URL, lines in another script than the article. A real sentence of the story
must never be dropped, so every rule needs a strong signal, and long lines need a stronger one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from storyline.clean.vocabulary import CREDIT_WORDS, WIDGET_WORDS
from storyline.text.tokens import STOP_WORDS

# Phrases that only appear in page furniture, whatever the length of the line around them.
_NOTICE_PHRASES = re.compile(
    r"\b(?:we use cookies|use of cookies|accept (?:all )?cookies|cookie (?:policy|settings)"
    r"|sign up for our|sign up to get the|sign up here|subscribe now|subscribe to our"
    r"|delivered to your inbox|continue reading the main story|story continues below"
    r"|story continued below|opens in (?:a )?new window|enable javascript|javascript is disabled"
    r"|all rights reserved|read or share this story|short link:|original url"
    r"|tweet with a location|add a location to your tweets|image caption|toggle caption"
    r"|comments powered by|this feature is not available right now|enlarge (?:this )?image"
    r"|follow @\w+\W*$|tweet location history|location information to your tweets"
    r"|as an interest to stay up to date"
    # newsletter sign-up boxes flattened into one line ("... Thank you for subscribing ...")
    r"|updates directly to your inbox|thank you for subscribing|could not subscribe"
    # a video player's label before its blurb: "JUST WATCHED <title> ..."
    r"|^(?:just watched|must watch)\b)",
    re.IGNORECASE,
)
# What a page says instead of its article (a 404, a reprint wall, a video player, a web archive's
# own notice): no story line says this, and a scraped notice can be one long line, so any length.
_PAGE_NOTICE = re.compile(
    r"\b(?:the page you requested (?:was|could) not (?:be )?found|for your personal, non-commercial use"
    r"|interactive transcript could not be loaded|when the video has been rented"
    r"|crawl data to the internet archive|added to the wayback machine|these crawls are part of an"
    r"|ingested into the wayback machine"
    # video players flattened into a line with their blurb: "EMBED More News Videos <blurb>"
    r"|embed more news videos|replay more videos|skip in skip x embed)",
    re.IGNORECASE,
)
# A video player's text (USA Today style): "CLOSE <blurb> <video source>" ("USA TODAY Sports").
_VIDEO_PLAYER = re.compile(r"^CLOSE\s.*[.!?)]\s+\w+(?:\s\w+){0,2}$")
# How furniture lines start: "Subscribe to ...", "© 2017 ...", "Follow Jane on Twitter".
_NOTICE_START = re.compile(
    r"^\W*(?:subscribe\b|sign up\b|log in\b|copyright\b|©|click\b|topics?:"
    r"|follow\b.*\b(?:twitter|facebook|instagram)\b|(?:twitter|instagram):?\s*@\w+\W*$|@\w+\W*$)",
    re.IGNORECASE,
)
# A link to another story: "Related: ...", "[Read more: ...]", "(WATCH: ...)", "More from X:".
_RELATED = re.compile(
    r"^[\W]*(?:related(?: \w+){0,3}|more(?: from [\w. ]{1,30})?|read more(?: \w+){0,3}|see also"
    r"|also on [\w. ]{1,30}|watch|full coverage|photos?|video|recommended|trending"
    r"|most popular|don'?t miss|must read|from [A-Z]+)\s*:",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^\[[^\[\]]+\]$")
_MAX_START_WORDS = 15
_MAX_RELATED_WORDS = 25
_MAX_CLICK_WORDS = 8


_URL = re.compile(r"<?\b(?:https?://|www\.)\S+>?|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)

# A credit in parentheses at the end of a caption: "(Photo:Reuters)", "(AP Photo/Evan Vucci)",
# "(Kevork Djansezian/Getty Images)", "(Photo by Jane Doe for The Post)".
_PAREN_CREDIT = re.compile(
    r"[(\[](?:[^()\[\]]*\b(?i:(?:photo|image|picture|pic|credit)s?|getty|photographer|shutterstock)"
    r"\b[^()\[\]]*|[^()\[\]]*[A-Z][^()\[\]]*/\s*[A-Z][^()\[\]]*)[)\]]\s*$"
)
# A bare agency in parentheses; only a caption (dated, no quotation) ends like this.
_PAREN_AGENCY = re.compile(
    r"\((?:reuters|afp|ap|epa|getty(?: images)?|xinhua)\)\s*$", re.IGNORECASE
)
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},?\s?\d{4}\b",
    re.IGNORECASE,
)
# "... REUTERS/Mike Segar/File", "... Photo: Pete Brook", "... Credit: Jane Doe / The Times".
_TAIL_CREDIT = re.compile(
    r"(?:\b[A-Z]{2,}/[A-Z][a-z]+(?: [A-Z][\w.]*){0,3}(?:/\w+)*"
    r"|\b(?i:photo|photograph|image|picture|credit)s?(?:\s*:|\s+by)\s*[A-Z][^.!?]{0,60})$"
)
# A caption ending in a bold photographer name: "... outside the UN this week. **Jane Doe**".
_BOLD_NAME = re.compile(r"\S.*\*\*\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\s*\*\*\s*$")
# "Name Surname/Agency" credits: "Jonathan Ernst/Reuters", "April Baer / OPB".
_SLASH_CREDIT = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[\w.'’&-]+)*\s*/\s*[A-Z][\w.'’&/ -]*$")
_CREDIT_PREFIX = re.compile(
    r"^\(?\s*(?:(?:photo|photograph|image|picture|pic|credit|courtesy|source|illustration)s?"
    r"(?:\s*:|\s+by\b|\s+of\b)|getty images\b)",
    re.IGNORECASE,
)
_CAPTION_LABEL = re.compile(r"^\W*(?:photo|image|picture|caption)s?:", re.IGNORECASE)
_READ_IN = re.compile(
    r"^(?:read|view|see) (?:this|it|the (?:story|article|news))?\s*(?:in|en) [A-Z][a-z]+\W*$",
    re.IGNORECASE,
)
# A page's label for its list of key points, run into the first point by the scraper: "Story
# highlights The incident took place ..." (CNN pages in Multi-News dev) titled its story.
_GLUED_LABEL = re.compile(r"^(?:Story highlights|Key points|Highlights)\s+(?=[A-Z\"“])")

_MAXWIDGET_WORDS = 8
_MAXCREDIT_WORDS = 10
_MAX_NOTICE_WORDS = 40
_MAX_CAPTION_WORDS = 60
_MAX_LABELLED_CAPTION_WORDS = 25  # "Photo: ..." lines longer than this run on into the story
_MAX_FOREIGN_WORDS = 8


def boilerplate_reason(line: str, script: str) -> str | None:
    """Why `line` is boilerplate ("notice", "widget", "url", "credit", "caption", "read-in"), or None.

    `script` is the article's dominant script, so a short line in another one ("read this in
    Arabic" links) can be told apart.
    """
    line = line.strip()
    if not line:
        return None
    words = _WORD.findall(line)
    if not words:
        return "separator"
    checks = (
        ("url", _is_url_line),
        ("credit", _is_credit),
        ("notice", _is_notice),
        ("widget", _is_widget),
        ("caption", _is_caption),
        ("read-in", _is_read_in),
    )
    for reason, check in checks:
        if check(line, words):
            return reason
    if len(words) <= _MAX_FOREIGN_WORDS and dominant_script(line) not in ("", script):
        return "read-in"
    return None


def glued_label(line: str) -> str:
    """The list label a scraper ran into the line's first point ("Story highlights"), or ""."""
    match = _GLUED_LABEL.match(line.strip())
    return match.group(0).strip() if match else ""


def dominant_script(text: str) -> str:
    """The Unicode script most letters of `text` belong to (first word of the character name)."""
    counts = Counter(_script(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    ascii_letters = len(_ASCII_LETTER.findall(text))  # most text is ASCII: count it in C
    if ascii_letters:
        counts["LATIN"] += ascii_letters
    if not counts:
        return ""
    return max(sorted(counts), key=lambda name: counts[name])


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


def _is_url_line(line: str, words: list[str]) -> bool:
    """Only a URL, or a short label and a URL ("Read or Share this story: https://...")."""
    if not _URL.search(line):
        return False
    rest = _URL.sub(" ", line)
    label = [w for w in _WORD.findall(rest) if not w.isdigit()]
    return len(label) <= 6 and not rest.rstrip().endswith((".", "?", "!"))


def _is_notice(line: str, words: list[str]) -> bool:
    """Cookie, newsletter, share and subscription notices, copyright lines, related-story links."""
    count = len(words)
    if _PAGE_NOTICE.search(line):
        return True
    if count <= _MAX_NOTICE_WORDS and (_NOTICE_PHRASES.search(line) or _VIDEO_PLAYER.match(line)):
        return True
    if count <= _MAX_START_WORDS and _NOTICE_START.match(line):
        return not line.lower().lstrip("( ").startswith("click") or count <= _MAX_CLICK_WORDS
    if count <= _MAX_RELATED_WORDS and (_RELATED.match(line) or _BRACKETED.match(line)):
        return True
    return count <= _MAX_CLICK_WORDS and "click here" in line.lower()


def _is_widget(line: str, words: list[str]) -> bool:
    """A short line made only of widget words and numbers: "Comments 0", "Share Tweet Email"."""
    content = [w.lower() for w in words if not w.isdigit() and w.lower() not in STOP_WORDS]
    if len(content) > _MAXWIDGET_WORDS:
        return False
    return bool(content) and all(w in WIDGET_WORDS for w in content)


def _is_credit(line: str, words: list[str]) -> bool:
    """A short photo credit: "Photo: AP", "Getty Images", "Jonathan Ernst/Reuters"."""
    if len(words) > _MAXCREDIT_WORDS or line.endswith((".", "?", "!", '"', "”")):
        return False
    lowered = {w.lower() for w in words if not w.isdigit()}
    if lowered and lowered <= CREDIT_WORDS:
        return True
    return bool(_CREDIT_PREFIX.match(line) or _SLASH_CREDIT.match(line))


def _is_caption(line: str, words: list[str]) -> bool:
    """A caption: a line that ends in a photo credit (parenthesised, slashed, or a bold name)."""
    if len(words) > _MAX_CAPTION_WORDS:
        return False
    if _PAREN_CREDIT.search(line) or _BOLD_NAME.match(line) or _TAIL_CREDIT.search(line):
        return True
    if len(words) <= _MAX_LABELLED_CAPTION_WORDS and _CAPTION_LABEL.match(line):
        return True
    quoted = any(q in line for q in ('"', "“", "”"))
    return bool(_PAREN_AGENCY.search(line) and _DATE.search(line) and not quoted)


def _is_read_in(line: str, words: list[str]) -> bool:
    return bool(_READ_IN.match(line))
