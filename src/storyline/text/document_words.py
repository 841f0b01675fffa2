"""A document's word tokens, tokenized once for every stage that reads them.

Deduplication shingles the whole text and clustering weighs the lead and the body: the same
words. A stream (the store, the benchmark) hands each document to dedup and then to clustering,
so the tokens of the document seen last are kept: one slot, so memory stays flat.

Tokens are taken sentence by sentence. `word_tokens` of texts joined by whitespace is the
concatenation of each text's tokens: no token spans whitespace, and normalisation (NFKC,
folding, lower case) treats whitespace as a boundary. So the same tokens come out, only once.
"""

from __future__ import annotations

from itertools import chain

from storyline.model import Document
from storyline.text.tokens import word_tokens

_last: tuple[Document | None, tuple[list[str], ...]] = (None, ())  # the document seen last


def sentence_words(document: Document, start: int = 0, stop: int | None = None) -> list[str]:
    """`word_tokens` of sentences `start:stop` of `document` joined by spaces."""
    return list(chain.from_iterable(_per_sentence(document)[start:stop]))


def text_words(document: Document) -> list[str]:
    """`word_tokens(document.text)`, from the sentences' tokens when only whitespace parts them."""
    if not _sentences_tile(document):
        return word_tokens(document.text)
    return sentence_words(document)


def _per_sentence(document: Document) -> tuple[list[str], ...]:
    global _last
    cached, words = _last  # one read: another thread may replace it meanwhile
    if cached is not document:
        words = tuple(word_tokens(sentence.text) for sentence in document.sentences)
        _last = (document, words)
    return words


def _sentences_tile(document: Document) -> bool:
    """Whether the text is its sentences with whitespace (only) around and between them."""
    text, end = document.text, 0
    if not document.sentences:
        return not text.strip()
    for sentence in document.sentences:
        gap = text[end : sentence.start]
        if (end and not gap) or (gap and not gap.isspace()):
            return False
        if sentence.end - sentence.start != len(sentence.text):
            return False
        if not text.startswith(sentence.text, sentence.start):  # compared in place, not copied
            return False
        end = sentence.end
    return not text[end:].strip()
