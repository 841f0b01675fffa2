"""Shared word tokens: exactly what word_tokens gives for the whole text and for joined sentences."""

import test_cluster

from storyline.model import Article, Document, Sentence
from storyline.text.document_words import sentence_words, text_words
from storyline.text.tokens import word_tokens

documents = test_cluster.documents  # the shared fixture corpus, as a pytest fixture


def _document(text: str, pieces: list[str]) -> Document:
    """A document whose sentences are `pieces`, found in order in `text`."""
    sentences, end = [], 0
    for index, piece in enumerate(pieces):
        start = text.index(piece, end)
        end = start + len(piece)
        sentences.append(Sentence(index, start, end, piece))
    return Document(Article("d", "test", text), text, tuple(sentences), "en")


TRICKY = [
    _document(
        "The U.N. met.\nU.S. troops left.  It said 5,400.",
        ["The U.N. met.", "U.S. troops left.", "It said 5,400."],
    ),
    _document(
        " ΟΔΟΣ. Café\u0301 “quoted” — ok.\u00a0Ｆｕｌｌ width. ",
        [" ΟΔΟΣ.", "Café\u0301 “quoted” — ok.", "Ｆｕｌｌ width."],
    ),
    _document(
        "Glued.Together here. And - a dash.", ["Glued.", "Together here.", "And"]
    ),  # no gap, text after
    _document("No sentences at all.", []),
]


def test_text_words_are_the_texts_word_tokens(documents):
    for document in [*documents, *TRICKY]:
        assert text_words(document) == word_tokens(document.text)


def test_sentence_words_are_the_joined_sentences_word_tokens(documents):
    for document in [*documents, *TRICKY]:
        for start, stop in ((0, 2), (2, None), (0, None)):
            joined = " ".join(s.text for s in document.sentences[start:stop])
            assert sentence_words(document, start, stop) == word_tokens(joined)
