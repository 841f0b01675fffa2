"""Stories and events: batch clustering, the stream API and its saved state."""

import dataclasses
import json
import math
from pathlib import Path

import pytest

from storyline.clean import clean_article
from storyline.cluster import StreamClusterer, cluster_stories, featurize
from storyline.cluster.index import CENTROID_TERMS, Centroid, TermIndex
from storyline.dedup import find_origins, placement_order, publication_order
from storyline.ingest import read_sources
from storyline.settings import ClusterSettings, DedupSettings, Settings

FIXTURE = Path(__file__).parent / "fixtures" / "cluster" / "articles.jsonl"


@pytest.fixture(scope="module")
def documents():
    settings = Settings()
    articles = read_sources([str(FIXTURE)], settings.ingest).articles
    return [clean_article(a, settings.clean) for a in articles]


def _stories(documents, **changes):
    origins = find_origins(documents, DedupSettings())
    return cluster_stories(documents, origins, dataclasses.replace(ClusterSettings(), **changes))


def _groups(stories):
    return {frozenset(s.article_ids) for s in stories}


def test_two_stories_and_the_follow_up_is_its_own_event(documents):
    stories = _stories(documents)
    flood = {"flood-wire", "flood-trim", "flood-roundup", "flood-own", "flood-fund"}
    assert _groups(stories) == {frozenset(flood), frozenset({"vote-a", "vote-b"})}
    story = next(s for s in stories if "flood-fund" in s.article_ids)
    events = {frozenset(e.article_ids) for e in story.events}
    assert events == {frozenset(flood - {"flood-fund"}), frozenset({"flood-fund"})}


def test_story_carries_its_origins_and_a_title(documents):
    story = next(s for s in _stories(documents) if "vote-a" in s.article_ids)
    assert sorted(m for o in story.origins for m in o.members) == ["vote-a", "vote-b"]
    assert story.title == "Marsh elected president of Sorvia"


def test_a_story_title_is_shown_without_a_dateline(documents):
    """An untitled text is titled by its first sentence, dateline and all; the story is not."""
    vote = next(d for d in documents if d.id == "vote-a")
    titled = dataclasses.replace(vote.article, title="SORVIA CITY (AP) -- Marsh elected president")
    story = next(s for s in _stories([dataclasses.replace(vote, article=titled)]))
    assert story.title == "Marsh elected president"


def test_stories_are_ordered_by_first_article_and_ids_are_stable(documents):
    first = _stories(documents)
    again = _stories(list(reversed(documents)))
    assert first == again
    assert first[0].article_ids[0] in {"flood-own", "flood-wire"}  # 2031-03-04, the earliest


def test_window_separates_a_report_long_after(documents):
    late = [
        dataclasses.replace(d, article=dataclasses.replace(d.article, published="2031-06-01"))
        if d.id == "flood-fund"
        else d
        for d in documents
    ]
    groups = _groups(_stories(late))
    assert frozenset({"flood-fund"}) in groups


def test_undated_article_is_placed_by_content_and_stays_undated(documents):
    vote_b = next(d for d in documents if d.id == "vote-b")
    assert vote_b.article.published is None
    story = next(s for s in _stories(documents) if "vote-b" in s.article_ids)
    assert "vote-a" in story.article_ids


def test_undated_article_still_reaches_a_story_the_clock_has_closed(documents):
    """Undated articles go first: dated news months later must not shut them out of a story."""
    months_later = [
        dataclasses.replace(d, article=dataclasses.replace(d.article, published="2031-09-01"))
        if d.id.startswith("flood")
        else d
        for d in documents
    ]
    assert placement_order(months_later)[0].id == "vote-b"
    story = next(s for s in _stories(months_later) if "vote-b" in s.article_ids)
    assert "vote-a" in story.article_ids


def test_copies_follow_their_origin_in_the_stream(documents):
    clusterer = StreamClusterer(ClusterSettings())
    first = clusterer.add(documents[0], "origin-x")
    elsewhere = next(d for d in documents if d.id.startswith("vote"))
    assert clusterer.add(elsewhere, "origin-x") == first


def test_stream_state_round_trips_through_json(documents):
    ordered = publication_order(documents)
    settings = ClusterSettings()
    whole = StreamClusterer(settings)
    expected = [whole.add(d, d.id) for d in ordered]
    part = StreamClusterer(settings)
    got = [part.add(d, d.id) for d in ordered[:3]]
    resumed = StreamClusterer.from_state(json.loads(json.dumps(part.state())), settings)
    got += [resumed.add(d, d.id) for d in ordered[3:]]
    assert got == expected
    assert json.dumps(resumed.state()) == json.dumps(whole.state())


def test_empty_input_gives_no_stories():
    assert cluster_stories([], [], ClusterSettings()) == ()


def test_features_computed_ahead_place_articles_the_same(documents):
    ordered = publication_order(documents)
    inline, ahead = StreamClusterer(ClusterSettings()), StreamClusterer(ClusterSettings())
    expected = [inline.add(d, d.id) for d in ordered]
    assert [ahead.add(d, d.id, featurize(d)) for d in ordered] == expected


def test_centroid_keeps_its_length_through_additions_and_pruning():
    centroid = Centroid()
    for n in range(5):
        dropped = centroid.add({f"t{n}-{i}": 1.0 / (i + 1) for i in range(CENTROID_TERMS)})
    assert dropped  # more than twice CENTROID_TERMS terms were seen: the lightest went
    assert len(centroid.sums) <= 2 * CENTROID_TERMS
    exact = math.sqrt(math.fsum(w * w for w in centroid.sums.values()))
    assert centroid.norm == pytest.approx(exact, rel=1e-12)


def test_index_finds_groups_by_posted_terms_and_follows_merges():
    index = TermIndex()
    centroids = {"a": Centroid.of({"flood": 1.0, "river": 1.0}), "b": Centroid.of({"vote": 1.0})}
    index.post("a", ["flood", "river"])
    index.post("b", ["vote"])
    assert index.candidates({"flood": 0.6, "river": 0.6, "vote": 0.5}, centroids) == ["a", "b"]
    index.absorb("b", "a")
    assert index.posted("b") == ["flood", "river", "vote"] and index.posted("a") == []
    assert index.candidates({"river": 1.0}, centroids) == ["b"]
    index.unpost("b", ["river"])
    assert index.candidates({"river": 1.0}, centroids) == []
    index.drop("b")
    assert index.candidates({"flood": 1.0, "vote": 1.0}, centroids) == []
