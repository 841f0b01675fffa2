"""A title for a text that came without one: its opening sentence, cut to headline length."""

from __future__ import annotations

from storyline.model import Article
from storyline.text.furniture import is_page_furniture
from storyline.text.sentences import split_sentences
from storyline.text.tokens import word_tokens

MIN_WORDS = 3  # shorter opening lines ("Advertisement") say nothing of what the text is about
MAX_WORDS = 12
# Metadata flag of an article titled by its own opening (it came without a title, or with only a
# date): a story prefers a title its source gave, and one with none is titled by its summary.
TITLE_FROM_TEXT = "title_from_text"


def source_titled(article: Article) -> bool:
    """Whether the article has a title its source gave (not one taken from its opening)."""
    return bool(article.title) and not article.metadata.get(TITLE_FROM_TEXT)


def fallback_title(text: str) -> str:
    """The first sentence of at least MIN_WORDS words that is not page furniture (a photo
    caption or credit, a note about the page: "(This story has been updated ...)"), cut to about
    MAX_WORDS words; with none such, the first sentence of MIN_WORDS words."""
    sentences = [s.text for s in split_sentences(text[:2000])]
    long_enough = [s for s in sentences if len(word_tokens(s)) >= MIN_WORDS]
    first = next((s for s in long_enough if not is_page_furniture(s)), "") or next(
        iter(long_enough), ""
    )
    return headline_length(first or (sentences[0] if sentences else ""))


def headline_length(sentence: str) -> str:
    """The sentence on one line, cut to about MAX_WORDS words ("…" where it was cut)."""
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return " ".join(words)
    return " ".join(words[:MAX_WORDS]) + " …"
