"""The one place that wires the stages: sources -> articles -> documents -> origins -> stories."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

from storyline import parallel
from storyline.clean import clean_article
from storyline.cluster import cluster_stories, story_title
from storyline.compare import compare
from storyline.dedup import find_origins
from storyline.ingest import read_sources
from storyline.model import (
    Article,
    Digest,
    Document,
    Event,
    Origin,
    Skipped,
    Story,
    StoryDigest,
    Summary,
)
from storyline.settings import Settings
from storyline.summarize import summarize
from storyline.text.datelines import drop_dateline
from storyline.text.plural import counted
from storyline.text.titles import headline_length, source_titled

# Called as progress(stage, done, total) so a face can show progress on long work.
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""


def digest(sources: Sequence[str], settings: Settings, progress: Progress = _quiet) -> Digest:
    """Read every source and digest what could be read; unreadable parts go to `skipped`."""
    ingested = read_sources(sources, settings.ingest)
    return digest_articles(ingested.articles, settings, ingested.skipped, progress)


def digest_articles(
    articles: Sequence[Article],
    settings: Settings,
    skipped: Sequence[Skipped] = (),
    progress: Progress = _quiet,
) -> Digest:
    """Clean, group and summarise articles that are already read.

    Cleaning and each story's summary and comparison run on `[pipeline] workers` processes, or
    on Spark when `[pipeline] engine` asks for it.
    """
    engine = parallel.Engine.configured(settings.pipeline)
    documents, unusable = clean_all(articles, settings, progress, engine)
    origins = find_origins(documents, settings.dedup)
    stories = cluster_stories(documents, origins, settings.cluster)
    by_id = {doc.id: doc for doc in documents}
    units = stories if settings.cluster.level == "story" else _event_units(stories, by_id)
    digests = []
    story_digests = parallel.ordered_map(
        digest_story, units, (by_id, settings), engine, parallel.MIN_STORIES
    )
    for done, story_digest in enumerate(story_digests, start=1):
        digests.append(story_digest)
        progress("summarize", done, len(units))
    return Digest(
        tuple(documents), tuple(digests), tuple(skipped) + unusable, settings.cluster.level
    )


def clean_all(
    articles: Sequence[Article],
    settings: Settings,
    progress: Progress = _quiet,
    engine: parallel.Engine = parallel.IN_PROCESS,
) -> tuple[list[Document], tuple[Skipped, ...]]:
    """Clean every article; one whose text is all boilerplate is reported, not digested.

    An `engine` with workers or Spark cleans there (same output, in input order); a
    multi-threaded caller such as the web server keeps the default, this process.
    """
    documents: list[Document] = []
    unusable: list[Skipped] = []
    cleaned = parallel.ordered_map(
        clean_article, articles, (settings.clean,), engine, parallel.MIN_ARTICLES
    )
    for done, (article, document) in enumerate(zip(articles, cleaned, strict=True), start=1):
        if document.sentences:
            documents.append(document)
        else:
            unusable.append(
                Skipped(
                    article.location,
                    f"only boilerplate ({counted(len(document.dropped), 'line')} dropped)",
                )
            )
        progress("clean", done, len(articles))
    return documents, tuple(unusable)


def digest_story(
    story: Story, documents: Mapping[str, Document], settings: Settings
) -> StoryDigest:
    """Summary and comparison of one story."""
    summary = summarize(story, documents, settings.summarize)
    comparison = compare(story, documents, settings.compare)
    return StoryDigest(_titled_by_summary(story, documents, summary), summary, comparison)


def _titled_by_summary(story: Story, documents: Mapping[str, Document], summary: Summary) -> Story:
    """A story none of whose sources gave a title is titled by its summary's first sentence.

    Its articles' own openings may be a caption, a teaser or a page's furniture; the summary's
    first sentence is a complete statement that the most central reports make.
    """
    given = any(source_titled(documents[a].article) for a in story.article_ids if a in documents)
    if given or not summary.sentences:
        return story
    return dataclasses.replace(story, title=headline_length(summary.sentences[0].text))


def _event_units(stories: Sequence[Story], documents: Mapping[str, Document]) -> tuple[Story, ...]:
    """At `--level event`, each event is reported on its own, with its share of the origins."""
    units: list[Story] = []
    for story in stories:
        for event in story.events or (Event(story.id, story.article_ids),):
            members = set(event.article_ids)
            origins = tuple(
                Origin(o.id, tuple(m for m in o.members if m in members))
                for o in story.origins
                if members.intersection(o.members)
            )
            title = (
                drop_dateline(story_title([documents[a] for a in event.article_ids])) or story.title
            )
            units.append(Story(event.id, title, event.article_ids, origins, (event,)))
    return tuple(units)
