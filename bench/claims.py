"""Claims: how often a claim joins sentences about two different real events, against simpler recipes.

    .venv/bin/python bench/claims.py

There is no sentence-level gold for "these sentences state the same thing", but ECB+ comes close
to a test of the opposite. Each of its 43 topics holds two different real events of one kind (two
earthquakes in Iran, two NFL players arrested for drunk driving), and each article is labelled
with its event. Each topic is compared as one story, every article its own origin, so every claim
is a set of sentences from different articles. A pair of sentences from articles about the same
event may state the same thing; a pair from two different events is, most of the time, two
statements that only share a topic ("Ten dead in southern Iran quake" and "Quake shakes southern
Iran"). So the share of a system's joined pairs that cross events estimates how many of its
claims are topical rather than the same statement. It overstates the errors a little: an
article sometimes recalls the other event ("a similar case involving Vincent Jackson"), and then
the cross pair is right. The peers, in the same run, on the same sentences:

- TF-IDF cosine >= 0.35, single link: scikit-learn's TF-IDF over words without English stop
  words, pairs above storyline's own threshold merged best first (one sentence per article),
  with no further check: the usual recipe;
- the same at >= 0.5: a stricter threshold, which trades joined pairs for precision.

storyline adds a figure and a name bonus to the cosine and merges two groups only when every
member is at least loosely like every other (`compare/claims.py`). Results go to
bench/results/claims.json.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.compare.claims import claim_groups
from storyline.compare.grouping import group_pairs
from storyline.compare.units import Unit, statement_words, story_units
from storyline.evaluate.clusters import load_labels
from storyline.ingest import read_sources
from storyline.model import Document, Story
from storyline.pipeline import clean_all
from storyline.settings import CompareSettings, Settings

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "data" / "ecbplus-clusters.jsonl"
RESULTS = ROOT / "bench" / "results" / "claims.json"

Grouper = Callable[[Sequence[Unit], CompareSettings], list[Sequence[int]]]


def storyline_groups(units: Sequence[Unit], settings: CompareSettings) -> list[Sequence[int]]:
    return [group.members for group in claim_groups(units, settings)]


def tfidf_groups(threshold: float) -> Grouper:
    """Single-link grouping of TF-IDF cosine pairs at `threshold`, one sentence per article."""

    def groups(units: Sequence[Unit], settings: CompareSettings) -> list[Sequence[int]]:
        eligible = [
            i
            for i, u in enumerate(units)
            if len(statement_words(u.sentence.text)) >= settings.min_claim_words
        ]
        if len(eligible) < 2:
            return []
        vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
            [units[i].sentence.text for i in eligible]
        )
        similarity = (vectors @ vectors.T).tocoo()
        pairs = [
            (score, a, b)
            for a, b, score in zip(similarity.row, similarity.col, similarity.data)
            if a < b
            and score >= threshold
            and units[eligible[a]].article != units[eligible[b]].article
        ]
        found = group_pairs([units[i].article for i in eligible], pairs)
        return [[eligible[k] for k in group] for group in found]

    return groups


SYSTEMS: dict[str, Grouper] = {
    "storyline": storyline_groups,
    "TF-IDF cosine >= 0.35, single link": tfidf_groups(0.35),
    "TF-IDF cosine >= 0.5, single link": tfidf_groups(0.5),
}


def topic_stories(documents: Sequence[Document], topics: dict[str, str]) -> list[Story]:
    """Each gold topic as one story whose articles are each their own origin."""
    members: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        members[topics[document.id]].append(document.id)
    return [Story(topic, "", tuple(ids), ()) for topic, ids in sorted(members.items())]


def score_system(
    grouper: Grouper,
    stories: Sequence[Story],
    documents: dict[str, Document],
    events: dict[str, str],
    settings: CompareSettings,
) -> dict:
    """Claims found, sentence pairs joined within and across gold events, and time per story."""
    claims = same = cross = 0
    seconds = []
    for story in stories:
        units = story_units(story, documents)
        start = time.perf_counter()
        groups = grouper(units, settings)
        seconds.append(time.perf_counter() - start)
        for group in groups:
            if len(group) < 2:
                continue
            claims += 1
            for a, b in combinations(group, 2):
                if events[units[a].article] == events[units[b].article]:
                    same += 1
                else:
                    cross += 1
    joined = same + cross
    return {
        "claims": claims,
        "pairs": joined,
        "same_event_pairs": same,
        "cross_event_pairs": cross,
        "cross_event_share": round(100 * cross / joined, 1) if joined else 0.0,
        "median_ms_per_story": round(1000 * statistics.median(seconds), 1),
    }


def main() -> None:
    if not ECB.exists():
        print(f"skipping: {ECB} not found (the evaluation data lives outside the project)")
        return
    settings = Settings()
    cleaned, _ = clean_all(read_sources([str(ECB)], settings.ingest).articles, settings)
    documents = {d.id: d for d in cleaned}
    topics, events = load_labels(ECB, "topic"), load_labels(ECB, "cluster")
    stories = topic_stories(cleaned, topics)
    rows = [
        {"system": name, **score_system(grouper, stories, documents, events, settings.compare)}
        for name, grouper in SYSTEMS.items()
    ]
    print(f"ECB+: {len(stories)} topics as stories, {len(documents)} articles\n")
    print("| system | claims | pairs joined | same event | across events | across % | median ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['system']} | {r['claims']:,} | {r['pairs']:,} | {r['same_event_pairs']:,} "
            f"| {r['cross_event_pairs']:,} | {r['cross_event_share']} | {r['median_ms_per_story']} |"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
