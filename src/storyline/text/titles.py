"""A title for a text that came without one: its opening sentence, cut to headline length."""

from __future__ import annotations

from storyline.model import Article
from storyline.text.furniture import is_page_furniture
from storyline.text.sentences import split_sentences
from storyline.text.tokens import content_words, stem, word_tokens

MIN_WORDS = 3  # shorter opening lines ("Advertisement") say nothing of what the text is about
MAX_WORDS = 12
# Metadata flag of an article titled by its own opening (it came without a title, or with only a
# date): a story prefers a title its source gave, and one with none is titled by its summary.
TITLE_FROM_TEXT = "title_from_text"
# A line is about the text only if it shares a word with the opening that follows it: one that
# shares none is some other page's ("Know what's happening in the field", a share widget, "For
# immediate release:"): 3 such of the 64 first-line titles of Multi-News dev, ECB+ and the seeds
# read as text files, and no real headline.
_OPENING_CHARS = 1_500
_WORD_PREFIX = 5


def source_titled(article: Article) -> bool:
    """Whether the article has a title its source gave (not one taken from its opening)."""
    return bool(article.title) and not article.metadata.get(TITLE_FROM_TEXT)


def fallback_title(text: str) -> str:
    """The first sentence of at least MIN_WORDS words that is not page furniture (a photo
    caption or credit, a note about the page: "(This story has been updated ...)", a time stamp:
    "21 July 2013 Last updated at 11:11 GMT"), nor a fragment ("...to Mar-a-Lago 3 nights",
    "updated 8:41 p.m. EST, Tue March 3, 2009": it opens in lower case or on an ellipsis), nor a
    line without a full stop that is not about the text after it, cut to about MAX_WORDS words;
    with none such, the first sentence of MIN_WORDS words.

    A report's first sentences need share no word ("Prices rose sharply in March. Shops blamed
    energy costs."), so only a line that is no sentence is asked to be about the text."""
    sentences = split_sentences(text[:2000])
    long_enough = [s for s in sentences if len(word_tokens(s.text)) >= MIN_WORDS]
    titled = (
        s
        for s in long_enough
        if not is_page_furniture(s.text)
        and not (s.text[0].islower() or s.text.startswith(("...", "…")))
        and (
            s.text.rstrip("\"'”’)").endswith((".", "!", "?"))
            or about_the_text(s.text, text[s.end :])
        )
    )
    first = next(titled, None) or next(iter(long_enough), None)
    return headline_length(first.text if first else (sentences[0].text if sentences else ""))


def about_the_text(line: str, following: str) -> bool:
    """Whether a content word of `line` has the first 5 letters of its stem inside a stem of the
    text after it ("ferries" meets "ferry", "quake" "earthquake"); with no text after it, nothing
    says otherwise. Leaning towards yes: only a line about nothing there is turned away."""
    stems = " ".join(map(stem, content_words(following[:_OPENING_CHARS])))
    return not stems or any(stem(word)[:_WORD_PREFIX] in stems for word in content_words(line))


def headline_length(sentence: str) -> str:
    """The sentence on one line, cut to about MAX_WORDS words ("…" where it was cut)."""
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return " ".join(words)
    return " ".join(words[:MAX_WORDS]) + " …"
