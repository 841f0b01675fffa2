"""Articles known to be about one story -> its summary, through the same stages as the digest."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.clean import clean_article
from storyline.dedup import find_origins
from storyline.model import Article, Document, Origin, Story, Summary, stable_id
from storyline.settings import Settings
from storyline.summarize import summarize


def summarize_articles(articles: Sequence[Article], settings: Settings) -> Summary:
    """Clean the articles, group syndicated copies into origins, and summarise them as one story."""
    return summarize_documents(clean_articles(articles, settings), settings)


def clean_articles(articles: Sequence[Article], settings: Settings) -> list[Document]:
    """Cleaned documents with text left, one per distinct article id, in id order."""
    unique = {article.id: article for article in articles}  # the same text twice is one article
    documents = [clean_article(unique[key], settings.clean) for key in sorted(unique)]
    return [doc for doc in documents if doc.sentences]


def summarize_documents(
    documents: Sequence[Document], settings: Settings, origins: Sequence[Origin] | None = None
) -> Summary:
    """One story of all `documents`, with origins from the dedup stage (unless given), summarised."""
    if origins is None:
        origins = find_origins(documents, settings.dedup)
    ids = tuple(doc.id for doc in documents)
    story = Story(stable_id(*ids, prefix="s-"), "", ids, tuple(origins))
    return summarize(story, {doc.id: doc for doc in documents}, settings.summarize)
