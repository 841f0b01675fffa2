"""ROUGE for summaries and the loader for multi-document cluster JSONL (multinews format)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from rouge_score import rouge_scorer

from storyline import parallel
from storyline.errors import UserError
from storyline.ingest.jsonl import json_lines, loads_json, scalar_problem
from storyline.model import Article, Skipped, Summary, stable_id
from storyline.settings import Settings
from storyline.summarize.batch import summarize_articles

T = TypeVar("T")
R = TypeVar("R")

ROUGE_TYPES: tuple[str, ...] = ("rouge1", "rouge2", "rougeLsum")
MEASURES: tuple[str, ...] = ("f1", "recall", "precision")


@dataclass(frozen=True, slots=True)
class ClusterDocument:
    """One article of an evaluation cluster, as the JSONL gives it."""

    text: str
    title: str = ""
    date: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Cluster:
    """A set of articles about one story with its human-written reference summaries."""

    id: str
    line: int
    documents: tuple[ClusterDocument, ...]
    references: tuple[str, ...]


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """Clusters of a JSONL file: {"id", "documents": [{title, text, date, source}], "references"}.

    Strict, for scoring: a record `read_clusters` would skip is a UserError naming its line.
    """
    clusters, skipped = read_clusters(path, limit)
    if skipped:
        raise UserError(f"{skipped[0].source}: {skipped[0].reason}")
    return clusters


def read_clusters(path: Path, limit: int | None = None) -> tuple[list[Cluster], list[Skipped]]:
    """The file's first `limit` usable clusters, and each record skipped ("FILE:LINE", reason).

    A malformed record, an id that is no string or number, and a repeated id are skipped,
    as ingest skips them: the first record with an id is the one kept.
    """
    clusters: list[Cluster] = []
    skipped: list[Skipped] = []
    first_at: dict[str, int] = {}
    for number, line in json_lines(path):
        if limit is not None and len(clusters) >= limit:
            break
        try:
            cluster = _parse_cluster(line, number, path)
        except _BadRecord as exc:
            skipped.append(Skipped(f"{path}:{number}", str(exc)))
            continue
        if cluster.id in first_at:
            reason = f"duplicate id {cluster.id} (first at {path}:{first_at[cluster.id]})"
            skipped.append(Skipped(f"{path}:{number}", reason))
            continue
        first_at[cluster.id] = number
        clusters.append(cluster)
    return clusters, skipped


class _BadRecord(ValueError):
    """A line of a cluster file that is not a usable cluster record; the message says why."""


def _parse_cluster(line: str, number: int, path: Path) -> Cluster:
    """One JSONL line as a Cluster, or a _BadRecord saying what is wrong with it."""
    try:
        record = loads_json(line)
        documents = tuple(
            ClusterDocument(
                *(_scalar(doc.get(name), f"document {k} {name}") for name in _DOCUMENT_FIELDS)
            )
            for k, doc in enumerate(record["documents"], start=1)
        )
        references = tuple(
            _scalar(ref, f"reference {k}")
            for k, ref in enumerate(record.get("references") or (), start=1)
        )
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        what = f"no {exc} field" if isinstance(exc, KeyError) else str(exc)
        raise _BadRecord(
            f"not a cluster record ({what}); expected "
            '{"id", "documents": [{"text", ...}], "references": [...]}'
        ) from None
    problem = scalar_problem(record.get("id"))
    if problem:
        raise _BadRecord(problem)
    if not documents:  # nothing to summarise: an empty summary would pass for a real one
        raise _BadRecord("no documents in this cluster")
    own = record.get("id")
    return Cluster(
        str(own) if own not in (None, "") else f"{path.name}:{number}",
        number,
        documents,
        references,
    )


_DOCUMENT_FIELDS = ("text", "title", "date", "source")  # ClusterDocument's fields, in order


def _scalar(value: Any, name: str) -> str:
    """A field as text: a string or a number; an array or object is a bad record, not its repr."""
    problem = scalar_problem(value, name)
    if problem:
        raise _BadRecord(problem)
    return "" if value is None else str(value)


def cut_to_words(summary: str, max_words: int | None) -> str:
    """The summary's first `max_words` whitespace words, keeping its line breaks (sentences)."""
    if max_words is None:
        return summary
    lines: list[str] = []
    left = max_words
    for line in summary.split("\n"):
        words = line.split()
        if left <= 0:
            break
        if words:
            lines.append(" ".join(words[:left]))
            left -= min(left, len(words))
    return "\n".join(lines)


def rouge_each(
    summaries: Sequence[str], references: Sequence[Sequence[str]], measure: str = "f1"
) -> list[dict[str, float] | None]:
    """Each summary's ROUGE-1/2/Lsum (Porter stemming) in percent, averaged over its references;
    None for a summary without any. Sentences are separated by newlines, which ROUGE-Lsum reads as
    summary-level units. Per summary, so that a mean can come with how far it could move.
    """
    if measure not in MEASURES:
        raise UserError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    each: list[dict[str, float] | None] = []
    for summary, refs in zip(summaries, references, strict=True):
        if not refs:
            each.append(None)
            continue
        scores = [scorer.score(ref, summary) for ref in refs]
        each.append(
            {
                name: 100.0 * math.fsum(_pick(s[name], measure) for s in scores) / len(refs)
                for name in ROUGE_TYPES
            }
        )
    return each


def _pick(score: rouge_scorer.scoring.Score, measure: str) -> float:
    return {"f1": score.fmeasure, "recall": score.recall, "precision": score.precision}[measure]


def cluster_articles(cluster: Cluster, path: Path) -> tuple[Article, ...]:
    """The cluster's documents as Articles: id = stable id of the text, location "FILE:LINE#doc"."""
    return tuple(
        Article(
            id=stable_id(doc.text),
            location=f"{path}:{cluster.line}#{k}",
            text=doc.text,
            title=doc.title,
            outlet=doc.source,
            published=doc.date or None,
        )
        for k, doc in enumerate(cluster.documents)
    )


def summarize_cluster(cluster: Cluster, path: Path, settings: Settings) -> Summary:
    """storyline's summary of one evaluation cluster, through the digest's clean and dedup stages."""
    return summarize_articles(cluster_articles(cluster, path), settings)


def summarize_clusters(
    clusters: Sequence[Cluster], path: Path, settings: Settings
) -> Iterator[Summary]:
    """Each cluster's summary, in order."""
    return per_cluster(summarize_cluster, clusters, path, settings)


def per_cluster(
    function: Callable[[T, Path, Settings], R], items: Sequence[T], path: Path, settings: Settings
) -> Iterator[R]:
    """`function(item, path, settings)` for each item of a cluster file (a cluster, or a cluster
    and its summary), in order, on `[pipeline]`'s processes or Spark for a large file."""
    return parallel.ordered_map(
        function,
        items,
        (path, settings),
        parallel.Engine.configured(settings.pipeline),
        parallel.MIN_STORIES,
    )
