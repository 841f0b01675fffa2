"""How much of a summary its cluster's own articles state: the llm summarizer's check, for any
summary (storyline's, a model's, a person's), next to ROUGE in `storyline eval summaries`.

ROUGE rewards words a reference shares; it cannot tell a sourced sentence from an invented one.
This counts the summary sentences that pass `summarize/grounding.py` against every sentence of
the cluster's articles: one or two of them hold half of the sentence's content words and all of
its figures, and every name it uses is in the articles.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluate.summaries import Cluster, cluster_articles, cut_to_words, per_cluster
from storyline.model import Document, Summary
from storyline.settings import Settings
from storyline.summarize.batch import clean_articles, summarize_documents
from storyline.summarize.concepts import content_stems
from storyline.summarize.grounding import Grounding, Source
from storyline.text.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Stated:
    """Of one summary's sentences, how many its cluster's articles state."""

    stated: int
    sentences: int


def stated_sentences(cluster: Cluster, path: Path, summary: str, settings: Settings) -> Stated:
    """The summary's sentences checked against every sentence of the cluster's articles."""
    return stated_in(clean_articles(cluster_articles(cluster, path), settings), summary)


def summary_and_stated(cluster: Cluster, path: Path, settings: Settings) -> tuple[Summary, Stated]:
    """storyline's summary of the cluster and its check (on the summary cut to the budget, as
    ROUGE scores it), from one cleaning of the articles."""
    documents = clean_articles(cluster_articles(cluster, path), settings)
    summary = summarize_documents(documents, settings)
    return summary, stated_in(documents, cut_to_words(summary.text, settings.summarize.max_words))


def stated_in(documents: Sequence[Document], summary: str) -> Stated:
    """The summary's sentences (split as articles are) checked against every document sentence."""
    every = [(d.id, s) for d in documents for s in d.sentences]
    sources = [
        Source(number, article, s, content_stems(s.text))
        for number, (article, s) in enumerate(every, start=1)
    ]
    grounding = Grounding(sources, sorted({d.article.source_label for d in documents}))
    sentences = [s.text for s in split_sentences(summary)]
    return Stated(sum(grounding.rests_on(s) is not None for s in sentences), len(sentences))


def stated_each(
    clusters: Sequence[Cluster], path: Path, summaries: Sequence[str], settings: Settings
) -> Iterator[Stated]:
    """`stated_sentences` of each cluster's summary, in order."""
    return per_cluster(_stated_pair, list(zip(clusters, summaries, strict=True)), path, settings)


def summaries_and_stated(
    clusters: Sequence[Cluster], path: Path, settings: Settings
) -> Iterator[tuple[Summary, Stated]]:
    """`summary_and_stated` of each cluster, in order."""
    return per_cluster(summary_and_stated, clusters, path, settings)


def _stated_pair(pair: tuple[Cluster, str], path: Path, settings: Settings) -> Stated:
    cluster, summary = pair
    return stated_sentences(cluster, path, summary, settings)
