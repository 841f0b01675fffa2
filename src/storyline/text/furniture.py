"""Page furniture: lines of a scraped page that speak to its reader or of the page, not of the news.

Summaries keep such lines out of their candidates, and the comparison out of its claims and
timeline: "Sign up for our newsletter" is stated by every page of an outlet and by no report.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.text.calendar import is_time_stamp
from storyline.text.tokens import word_tokens

# Page furniture that survives boilerplate removal in scraped news; the last line: credits and
# pointers to the page's layout ("see the video below"). Alternatives of one regex, matched at a
# word start in lower-cased text (three times faster than re.IGNORECASE); each opens on a letter
# (`at_word_start` says why), so a choice of first words is spelt out as one alternative each.
FURNITURE = (
    "advertisement", "click here", "sign up", "newsletter", "all rights reserved",
    "follow (?:us|him|her) (?:on|at|@)", "read more", "share this", "photo:", "image:",
    "getty images", "ap photo", "staff photographer", "file photo", r"caption\b",
    "e-?mail (?:us|this)", *(f"{what} (?:provided|released) by" for what in ("photo", "image")),
    # Words a news story may be about (browsers, cookies, subscribers, copyright) only as phrases
    # that speak to the reader of the page.
    r"subscribe (?:now|today|here|for|to (?:our|the newsletter|this))", r"copyright (?:©|\(c\)|\d)",
    *(f"{verb} cookies" for verb in ("uses?", "accept", "enable", "allow", "our", "about")),
    r"cookie (?:policy|settings|notice)",
    *(f"{verb} javascript" for verb in ("enable", "disable", "turn on")),
    r"javascript (?:is )?(?:disabled|required|enabled)",
    "this browser", "a (?:newer|modern|supported|different) browser", "update (?:your )?browser",
    r"browser (?:does not|doesn't|is not|isn't|that supports)",
    "this (?:article|story|report) (?:was|has been|is being) (?:updated|corrected|amended)",
    # The page speaking of itself: "the court order referred to in this story has been amended",
    # "An earlier version of this article ...", "X contributed to this report" (a "report" may be
    # an official one, so only the byline phrase names it).
    *(
        f"{verb} in this (?:article|story)\\b"
        for verb in ("referred to", "mentioned", "cited", "described")
    ),
    *(f"{which} version of this (?:article|story)\\b" for which in ("an earlier", "a previous", "a")),
    r"contributed to this (?:article|story|report)\b", "related:", "watch:", "video:",
    "buy photo", r"via (?:ap|getty|reuters|youtube|twitter|instagram|facebook)\b",
    *(
        f"{what}s? (?:above|below)"
        for what in ("video", "photo", "image", "picture", "gallery", "chart", "graphic", "map")
    ),
    # Captions that say what a picture shows: "This undated photo shows ...", "An official product
    # shot of ..." (a caption without a verb, which opened a Multi-News summary).
    # "These pictures were taken on Saturday as ...": the page's own pictures.
    r"this (?:undated |file |handout )?(?:photo|image|picture)s? shows?\b", "product shot",
    *(f"{these} (?:photo|image|picture)s? (?:was|were) taken\\b" for these in ("this", "these")),
    # "Police released this still image from surveillance video of ...": who handed out a picture.
    *(
        f"{verb} (?:this|these) (?:undated |handout )?"
        r"(?:still image|video still|photo|image|picture)s?\b"
        for verb in ("released", "provided")
    ),
    # Notes to the reader of a page or a podcast: "Warning: Contains spoilers for ...", "Don't
    # forget to rate it in iTunes!"
    r"contains spoilers\b", r"spoilers? (?:ahead|alert|warning)\b",
    r"don[’']?t forget to (?:rate|subscribe|review|follow|share|like|sign up)\b",
    r"check back (?:later|tomorrow|soon|often|here|with us)\b", r"that[’']?s all for (?:today|now)\b",
    # A gallery button left before its caption: "View Images The skull of Caihong juji."
    r"view (?:images?|photos?|slideshow|gallery)\b",
    # A BBC video player's notice glued to its caption: "Media playback is unsupported on your
    # device Media caption ...".
    r"media playback is (?:unsupported|not supported)\b",
    # A station's sign-off and a sign-up widget's small print, both agreed claims or "Only in"
    # lines of Multi-News dev: "Watch Local 6 News and stay with ClickOrlando.com for more on this
    # story.", 'By clicking "Subscribe," you agree to have read the Terms of Use ...'.
    r"for more on this (?:developing )?story\b", r"you agree to (?:have read|receive|the terms|our)",
)  # fmt: skip
URL = re.compile(r"https?://|www\.|\.com/|@\w")
_STAMP_CHARS = 100  # a page's time stamp is short: longer lines are not tokenized to ask
# Lines that tell the reader what to do with the page or product ("you can add location
# information to your tweets", "you can buy the digital edition"): site furniture. Other "you" is
# story text (generic "you", quotes that run over a sentence end) and stays: rejecting every "you"
# cost 0.28 ROUGE-2 on dev.
READER = re.compile(
    r"\byou(?:'ll| can| may| will| could| should| might)?(?: also| now| still)? (?:buy|download"
    r"|subscribe|sign (?:up|in)|register|log in|click|tap|visit|follow us|share|add (?:location|"
    r"this)|find (?:out )?more|read (?:more|the full)|watch (?:the|our|more)|listen to (?:the|our)"
    r"|get (?:the latest|our|alerts|updates|notifications)|enable|disable|turn (?:on|off)|opt)\b"
    r"|\byour (?:browser|inbox|device|tablet|account|subscription|settings|ad ?blocker|cookies"
    r"|tweets|location)\b"
)  # matched against lower-cased text
# Appeals for tips ("Anyone with information is asked to call ...", "If you have any information
# on this theft, call ...", a newsroom's "we'd like to hear from you. Send us a secure tip ..."):
# a request to the reader, not what happened.
APPEALS = (
    r"anyone with (?:any |more )?information\b",
    r"if you have (?:any )?information\b",
    r"you (?:may|can) call\b",
    r"crime ?stoppers at\b",
    r"we(?:'d|’d| would)? (?:like|love|want) to hear from you\b",
    r"send us (?:a |your )?(?:secure |confidential )?(?:news )?tips?\b",
)
# Notes about the page itself ("CORRECTION (March 18): An earlier version of this article ...",
# "Editor's Note: For more information ..."), and signposts to what the page goes on to show
# ("Here's what he said.", "Here's a look at what's happening, and why, ..."): they speak of
# the article, not of the news.
PAGE_NOTE = re.compile(
    r"^(?:(?:correction|clarification|editor'?s note)\b[^:]{0,40}:|here(?:'s|’s| is| are)\s)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”]")
MONTH_NAME = r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY_DATE = (
    rf"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? {MONTH_NAME},? \d{{1,2}},? (?:19|20)\d\d"
)
# A place, a comma, then weekday and full date: how wire photo captions say when. Story text says
# "on Monday, Jan. 2"; on dev and ECB+ every comma-led weekday-and-year date was a caption.
CAPTION_WEEKDAY = re.compile(rf", {_WEEKDAY_DATE}\b")
# A line that ends on a weekday and full date ("... in Woodland Hills on Tuesday, Jan. 24, 2017."):
# all 4 such sentences of Multi-News dev that the pattern above misses are captions too.
_CAPTION_END = re.compile(rf"\b{_WEEKDAY_DATE}\.?[\"”]?$")


def at_word_start(*alternatives: str) -> re.Pattern[str]:
    """One regex for alternatives matched at a word start, grouped by their first letter.

    The engine tries every alternative of an alternation in turn at each word start: grouped, it
    tries one letter per group instead (same matches, a quarter faster than the flat alternation).
    So every alternative must open on a plain letter: one opening on a group ("(?:photo|image)
    ...") is tried at every word, and six such took 70% of the summary filter's scan.
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        if not alternative[:1].isalpha() or alternative[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"{alternative!r} does not open on a plain letter")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return re.compile(
        r"\b(?:" + "|".join(f"{key}(?:{'|'.join(rests)})" for key, rests in groups.items()) + ")"
    )


_FURNITURE_LOWER = at_word_start(*FURNITURE, *APPEALS)


def speaks_to_reader(text: str, lower: str) -> bool:
    """Tells the reader what to do with the page or product, outside a quotation."""
    return "you" in lower and bool(READER.search(lower)) and not _QUOTE.search(text)


@lru_cache(maxsize=65536)  # the claims and the timeline ask about the same sentences
def is_page_furniture(text: str) -> bool:
    """Furniture, a credit, a wire photo caption, an appeal for tips, a link, a note about the
    page, a direction to the reader, or the page's time stamp ("PUBLISHED: 02:31 GMT, 12 March
    2013 | UPDATED: ..."): a line no report states as news."""
    lower = text.lower()
    return bool(
        _FURNITURE_LOWER.search(lower)
        or URL.search(text)
        or PAGE_NOTE.match(text)
        or speaks_to_reader(text, lower)
        or CAPTION_WEEKDAY.search(text)
        or _CAPTION_END.search(text)
        or (len(text) <= _STAMP_CHARS and is_time_stamp(word_tokens(text)))
    )
