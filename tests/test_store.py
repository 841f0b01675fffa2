"""The SQLite store: dedup on arrival, incremental stories, persistence of the stream, what is new."""

import dataclasses
import random
import sqlite3
import sys
from dataclasses import astuple
from pathlib import Path

import pytest

from storyline.cluster import StreamClusterer
from storyline.dedup import OriginIndex, placement_order
from storyline.errors import UserError
from storyline.ingest import read_sources
from storyline.model import Article, Document, Sentence
from storyline.settings import Settings, StoreSettings
from storyline.store import Store, queries
from storyline.store.report import story_report
from storyline.store.schema import MIGRATIONS, SCHEMA_VERSION
from storyline.store.stream import Stream

FIXTURES = Path(__file__).parent / "fixtures" / "store"
SETTINGS = Settings()


def articles(name: str):
    result = read_sources([str(FIXTURES / f"{name}.jsonl")], SETTINGS.ingest)
    assert not result.skipped
    return result.articles


def story_of(store: Store, article_id: str) -> str:
    return store.conn.execute(
        "SELECT story_id FROM articles WHERE id = ?", (article_id,)
    ).fetchone()[0]


def placements(store: Store) -> list[tuple]:
    return store.conn.execute(
        "SELECT seq, id, origin_id, story_id, event_id, batch FROM articles ORDER BY seq"
    ).fetchall()


def stream_documents(count: int, seed: int = 5) -> list[Document]:
    """A made-up stream over 60 days: a dozen stories of invented words, a sixth reprints.

    Dates jitter by up to three days, so consecutive batches arrive a little out of order, and
    the window expires wire copies and stories on the way.
    """
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ten", "ra", "su", "vel", "dor", "an", "is", "pe", "gon"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    common = [word() for _ in range(1500)]
    stories = [([word().title() for _ in range(3)], [word() for _ in range(30)]) for _ in range(12)]
    documents: list[Document] = []
    for n in range(count):
        day = max(0, n * 60 // count + rng.randint(-3, 3))
        if documents and rng.random() < 0.16:  # a reprint of a recent report, trimmed
            sentences = [s.text for s in rng.choice(documents[-20:]).sentences]
            sentences = sentences[: rng.randint(max(1, len(sentences) // 2), len(sentences))]
        else:
            names, theme = stories[(n // 6 + rng.randint(0, 1)) % len(stories)]
            sentences = []
            for _ in range(rng.randint(4, 9)):
                words = rng.sample(common, 10) + rng.sample(theme, 4) + [rng.choice(names)]
                rng.shuffle(words)
                sentences.append(" ".join(words).capitalize() + ".")
        documents.append(_generated(f"gen-{n:04d}", sentences, day))
    return documents


def twin_documents(seed: int) -> list[Document]:
    """One person's two happenings, made up: the first report of the second also recalls the first.

    That report joins the first happening's event, and the second's reports follow it; a short
    one-sentence report comes early. Seed 9 makes the stream split an event, seed 1 fold a stray.
    """
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ten", "ra", "su", "vel", "dor", "an", "is", "pe", "gon"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    common, theme, person = (
        [word() for _ in range(800)],
        [word() for _ in range(25)],
        word().title(),
    )
    first, second = ([word().title() for _ in range(3)] for _ in range(2))
    names = {"first": first, "second": second, "both": [first[0], *second[:2]], "short": first[:1]}
    plan = [
        "first",
        "short",
        "first",
        "first",
        "both",
        *["second"] * 4,
        "first",
        "second",
        "second",
    ]
    documents = []
    for n, side in enumerate(plan):
        sentences = []
        for _ in range(1 if side == "short" else rng.randint(4, 7)):
            words = rng.sample(common, 8) + rng.sample(theme, 4) + [person, *names[side]]
            rng.shuffle(words)
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        documents.append(_generated(f"twin{seed}-{n:02d}", sentences, n // 4))
    return documents


def _generated(article_id: str, sentences: list[str], day: int) -> Document:
    """A cleaned document of made-up sentences, published on a day of 2031."""
    spans, offset = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(index, offset, offset + len(sentence), sentence))
        offset += len(sentence) + 1
    text = " ".join(sentences)
    published = f"2031-{1 + day // 28:02d}-{1 + day % 28:02d}"
    title = " ".join(sentences[0].split()[:6])
    article = Article(article_id, f"generated:{article_id}", text, title=title, published=published)
    return Document(article, text, tuple(spans), "en")


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "s.db", SETTINGS) as opened:
        opened.ingest(articles("batch1"), "batch1")
        opened.refresh()
        yield opened


def test_schema_is_versioned_and_wal(store: Store) -> None:
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_older_store_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO batches(created, label, added, duplicates) VALUES ('t', 'old', 0, 0)")
    conn.close()
    with Store(path, SETTINGS) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION > 1
        assert store.conn.execute("SELECT label FROM batches").fetchall() == [("old",)]
        plan = store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM stories ORDER BY updated_batch DESC, id LIMIT 5"
        ).fetchall()
        assert "stories_recent" in str(plan) and "TEMP B-TREE" not in str(plan)


def test_a_store_from_a_newer_storyline_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(UserError, match="newer"):
        Store(path, SETTINGS)


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(UserError, match="not a storyline store"):
        Store(path, SETTINGS)


def test_reading_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="storyline ingest"):
        Store(tmp_path / "absent.db", SETTINGS, create=False)


def test_first_batch_forms_two_stories_with_syndication(store: Store) -> None:
    rows = {r.title: r for r in queries.list_stories(store.conn)}
    bridge = rows["Halden harbour bridge closed after cable cracks found"]
    robot = rows["Library robot starts fetching books in Orland"]
    assert (bridge.articles, bridge.origins, bridge.outlets) == (3, 2, 3)  # wire + its reprint
    assert (robot.articles, robot.origins) == (2, 2)
    assert not bridge.stale and not robot.stale


def test_duplicates_by_id_url_and_content_are_skipped(store: Store) -> None:
    again = store.ingest(articles("batch1"), "again")
    assert again.added == () and len(again.skipped) == 5
    assert all("already stored as" in s.reason for s in again.skipped)
    original = articles("batch1")[0]
    same_text = dataclasses.replace(original, id="copy-elsewhere", url="https://other.example/x")
    same_url = dataclasses.replace(original, id="other-id", text="A different text entirely. " * 5)
    report = store.ingest([same_text, same_url], "copies")
    assert report.added == ()
    assert [s.reason for s in report.skipped] == ["already stored as bridge-wire"] * 2


def test_a_new_article_joins_its_story_and_only_that_story_is_recomputed(store: Store) -> None:
    bridge = story_of(store, "bridge-wire")
    robot_digest = queries.story_json(store.conn, story_of(store, "robot-post"))
    report = store.ingest(articles("batch2"), "batch2")
    assert report.added == ("bridge-reopen",)
    assert report.stories == (bridge,)
    assert story_of(store, "bridge-reopen") == bridge
    assert queries.stale_stories(store.conn) == [bridge]
    assert store.refresh().refreshed == (bridge,)
    assert queries.story_json(store.conn, story_of(store, "robot-post")) == robot_digest
    digest, _ = queries.story_json(store.conn, bridge)
    assert "bridge-reopen" in digest["article_ids"]


def test_a_story_the_stages_fail_on_stays_stale_and_the_others_are_saved(
    tmp_path: Path, monkeypatch
) -> None:
    from storyline import pipeline

    real = pipeline.digest_story

    def failing(story, documents, settings):
        if "robot-post" in story.article_ids:
            raise ValueError("a broken story")
        return real(story, documents, settings)

    monkeypatch.setattr(pipeline, "digest_story", failing)
    with Store(tmp_path / "s.db", SETTINGS) as store:
        store.ingest(articles("batch1"), "batch1")
        report = store.refresh()
        robot, bridge = story_of(store, "robot-post"), story_of(store, "bridge-wire")
        assert report.refreshed == (bridge,)
        assert [(f.source, f.reason) for f in report.failed] == [
            (robot, "could not summarise: ValueError: a broken story")
        ]
        assert queries.stale_stories(store.conn) == [robot]


def test_a_digest_of_documents_older_than_the_story_is_not_saved(store: Store, monkeypatch) -> None:
    """A batch that lands while a story is recomputed changes its version: the digest of the
    documents read before it is dropped and the story stays stale."""
    bridge = story_of(store, "bridge-wire")
    late = {"landed": False}
    real_save = store._save_digest

    def batch_lands_first(item, digest, view):
        if not late["landed"]:
            late["landed"] = True
            store.conn.execute("UPDATE stories SET stale = 1, updated_batch = updated_batch + 1")
        return real_save(item, digest, view)

    store.conn.execute("UPDATE stories SET stale = 1 WHERE id = ?", (bridge,))
    monkeypatch.setattr(store, "_save_digest", batch_lands_first)
    assert store.refresh().refreshed == ()
    assert bridge in queries.stale_stories(store.conn)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_ingest_and_refresh_on_workers_store_what_one_process_stores(
    tmp_path: Path, monkeypatch
) -> None:
    """`storyline ingest` cleans and recomputes on the batch commands' workers: same store."""
    from storyline import parallel

    monkeypatch.setattr(parallel, "MIN_ARTICLES", 1)
    monkeypatch.setattr(parallel, "MIN_STORIES", 1)
    stored = []
    for engine in (parallel.IN_PROCESS, parallel.Engine(workers=2)):
        with Store(tmp_path / f"{engine.workers}.db", SETTINGS) as store:
            store.ingest(articles("batch1") + articles("batch2"), "both", engine)
            assert len(store.refresh(engine).refreshed) == 2
            rows = store.conn.execute("SELECT id, digest, view FROM stories ORDER BY id")
            stored.append(rows.fetchall())
    assert stored[0] == stored[1]


def test_stream_state_survives_reopening(tmp_path: Path) -> None:
    """Placements are the same whether the stream stayed in memory, was replayed or snapshotted."""
    results = []
    for snapshot_every, reopen in ((10_000, False), (10_000, True), (1, True)):
        settings = dataclasses.replace(SETTINGS, store=StoreSettings(snapshot_every=snapshot_every))
        path = tmp_path / f"{snapshot_every}-{reopen}.db"
        store = Store(path, settings)
        store.ingest(articles("batch1"), "batch1")
        if reopen:
            store.close()
            store = Store(path, settings)
        store.ingest(articles("batch2"), "batch2")
        results.append([row[:5] for row in placements(store)])
        snapshots = store.conn.execute("SELECT count(*) FROM stream_state").fetchone()[0]
        assert snapshots == (1 if snapshot_every == 1 else 0)
        store.close()
    assert results[0] == results[1] == results[2]


def test_a_store_reopened_from_its_snapshot_places_articles_as_one_that_never_closed(
    tmp_path: Path,
) -> None:
    """Loading a snapshot gives the state that was saved: same placements, same next snapshot."""
    documents = stream_documents(270)
    settings = dataclasses.replace(SETTINGS, store=StoreSettings(snapshot_every=1))
    results = []
    for reopen in (False, True):
        path = tmp_path / f"reopen-{reopen}.db"
        store = Store(path, settings)
        for first in range(0, len(documents), 30):
            if reopen:  # a new writer each batch: it loads the snapshot, with nothing to replay
                store.close()
                store = Store(path, settings)
            store.ingest_documents(documents[first : first + 30], f"batch {first}")
            snapshot, state = store.conn.execute("SELECT seq, state FROM stream_state").fetchone()
            assert snapshot == store.conn.execute("SELECT max(seq) FROM articles").fetchone()[0]
        results.append((placements(store), state))
        store.close()
    assert results[1] == results[0]
    rows = results[0][0]
    assert len({row[2] for row in rows}) < len(rows) - 20  # reprints joined their origins
    assert len({row[3] for row in rows}) < len(rows) // 4  # and articles their stories


def test_stored_events_follow_folds_and_splits(tmp_path: Path, monkeypatch) -> None:
    """After every batch, each article's stored story and event are where the stream has it now."""
    documents = twin_documents(9) + twin_documents(1)
    folded, moved = [], []
    real_add = Stream.add

    def recording_add(self, seq, document):
        origin_id, assignment = real_add(self, seq, document)
        folded.extend(assignment.folded)
        moved.extend(assignment.moved)
        return origin_id, assignment

    monkeypatch.setattr(Stream, "add", recording_add)
    origins, clusterer = OriginIndex(SETTINGS.dedup), StreamClusterer(SETTINGS.cluster)
    origin_of = {}
    with Store(tmp_path / "relabel.db", SETTINGS) as store:
        for first in range(0, len(documents), 5):
            batch = documents[first : first + 5]
            added = store.ingest_documents(batch, f"batch {first}").added
            for document in (d for d in placement_order(batch) if d.id in added):
                origin_of[document.id] = origins.add(document)
                clusterer.add(document, origin_of[document.id])
            expected = [
                (d, *astuple(clusterer.placement(origin_of[d]))[:2]) for d in sorted(origin_of)
            ]
            stored = store.conn.execute(
                "SELECT id, story_id, event_id FROM articles ORDER BY id"
            ).fetchall()
            assert stored == expected
    assert folded and moved  # the stream drew a stray in and split an event on the way


@pytest.mark.parametrize(
    "damage",
    [
        "json_set(state, '$.stories.version', 999)",  # written by another storyline
        "json_set(state, '$.origins.version', 1)",  # the format before packed arrays
        "json_set(state, '$.origins.bands', 'AAAA')",  # arrays that do not fit together
        "substr(state, 1, 200)",  # cut short
    ],
)
def test_an_unreadable_snapshot_is_rebuilt_from_the_articles(tmp_path: Path, damage: str) -> None:
    settings = dataclasses.replace(SETTINGS, store=StoreSettings(snapshot_every=1))
    path = tmp_path / "old-state.db"
    with Store(path, settings) as store:
        store.ingest(articles("batch1"), "batch1")
        expected = placements(store)
        store.conn.execute(f"UPDATE stream_state SET state = {damage}")
    with Store(path, settings) as store:
        report = store.ingest(articles("batch2"), "batch2")
        assert report.added == ("bridge-reopen",)
        assert placements(store)[: len(expected)] == expected
        assert story_of(store, "bridge-reopen") == story_of(store, "bridge-wire")


def test_a_failed_batch_leaves_nothing_behind(store: Store, monkeypatch) -> None:
    before = placements(store)
    real_add = Stream.add

    def failing_add(self, seq, document):
        if document.id == "hostile":
            raise RuntimeError("disk on fire")
        return real_add(self, seq, document)

    monkeypatch.setattr(Stream, "add", failing_add)
    with pytest.raises(RuntimeError):
        store.ingest(articles("batch2") + articles("hostile"), "doomed")
    assert placements(store) == before
    assert store.conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 1
    monkeypatch.setattr(Stream, "add", real_add)
    report = store.ingest(articles("batch2"), "retry")
    assert report.added == ("bridge-reopen",)
    assert story_of(store, "bridge-reopen") == story_of(store, "bridge-wire")


def test_a_story_merge_moves_articles_and_news(store: Store, monkeypatch) -> None:
    """When the clusterer folds one story into another, the store relabels the absorbed articles."""
    bridge, robot = story_of(store, "bridge-wire"), story_of(store, "robot-post")
    store.mark_seen(robot)
    real_add = Stream.add

    def merging_add(self, seq, document):
        origin_id, assignment = real_add(self, seq, document)
        return origin_id, dataclasses.replace(assignment, story_id=bridge, merged=(robot,))

    monkeypatch.setattr(Stream, "add", merging_add)
    report = store.ingest(articles("batch2"), "batch2")
    assert (report.stories, report.merged) == ((bridge,), (robot,))
    assert story_of(store, "robot-post") == story_of(store, "robot-radio") == bridge
    assert [r.id for r in queries.list_stories(store.conn)] == [bridge]
    assert queries.list_stories(store.conn, query="robot") == []  # until re-summarised
    store.refresh()
    assert [r.id for r in queries.list_stories(store.conn, query="robot")] == [bridge]
    assert queries.story_row(store.conn, bridge).articles == 6
    assert story_report(store, bridge).news.looked_at is not None  # the look carried over


def test_what_is_new_since_the_last_look(store: Store) -> None:
    bridge = story_of(store, "bridge-wire")
    first = story_report(store, bridge)
    assert first.news.looked_at is None  # never looked: everything is new
    store.mark_seen(bridge)
    assert story_report(store, bridge).news.empty
    store.ingest(articles("batch2"), "batch2")
    store.refresh()
    news = story_report(store, bridge).news
    assert [a.id for a in news.articles] == ["bridge-reopen"]
    assert any("52,000" in claim for claim in news.claims)
    assert any("52,000" in value for change in news.figures for value in change.after)
    assert queries.unseen_articles(store.conn, bridge) == 1
    store.mark_seen(bridge)
    assert story_report(store, bridge).news.empty


def test_listing_filters_by_date_and_searches_words(store: Store) -> None:
    assert len(queries.list_stories(store.conn, since="2000-01-01")) == 2
    assert queries.list_stories(store.conn, since="2999-01-01") == []
    found = queries.list_stories(store.conn, query="library ROBOT")
    assert [r.title for r in found] == ["Library robot starts fetching books in Orland"]
    assert queries.list_stories(store.conn, query='cables" OR "robot') == []  # no FTS syntax leaks
    assert queries.list_stories(store.conn, query="!!!") == []


def test_story_ids_resolve_from_prefixes(store: Store) -> None:
    bridge = story_of(store, "bridge-wire")
    assert queries.resolve_story(store.conn, bridge[:6]) == bridge
    with pytest.raises(UserError, match="several"):
        queries.resolve_story(store.conn, "s-")
    with pytest.raises(UserError, match="no story"):
        queries.resolve_story(store.conn, "zzz")


def test_same_input_gives_byte_identical_stories(tmp_path: Path) -> None:
    digests = []
    for name in ("a", "b"):
        with Store(tmp_path / f"{name}.db", SETTINGS) as store:
            store.ingest(articles("batch1"), "batch1")
            store.refresh()
            digests.append(
                store.conn.execute("SELECT id, digest, view FROM stories ORDER BY id").fetchall()
            )
    assert digests[0] == digests[1]


def test_a_story_title_is_listed_without_a_dateline(store: Store) -> None:
    story_id = queries.list_stories(store.conn)[0].id
    store.conn.execute(
        "UPDATE articles SET title = 'ORLAND (AP) -- ' || title WHERE story_id = ?", (story_id,)
    )
    title = queries.story_title(store.conn, story_id)
    assert title and not title.startswith("ORLAND") and "(AP)" not in title
