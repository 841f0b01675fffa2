"""The persistent corpus: articles arrive in batches and join their stories incrementally.

One SQLite transaction per batch holds the articles, their placements (origin, story, event) and
the stories they touched, marked stale. `refresh()` then recomputes summary and comparison for the
stale stories only, each in its own short transaction, so a reader never waits for a summary and a
crash between the two leaves stale stories that the next refresh picks up.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from storyline import parallel
from storyline.cluster import Assignment
from storyline.dedup import placement_order
from storyline.errors import UserError
from storyline.model import Article, Document, Event, Origin, Skipped, Story
from storyline.settings import Settings
from storyline.store import queries
from storyline.store.codec import content_hash, decode_document, encode_document
from storyline.store.news import ArticleRef, News, story_news
from storyline.store.schema import migrate
from storyline.store.stream import Stream, placement_rules


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What one ingest batch did: the batch number, what was added, skipped and touched."""

    batch: int
    added: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    stories: tuple[str, ...]
    merged: tuple[str, ...] = ()  # stories folded into others by this batch (their ids are gone)


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """Stories recomputed, and stories that stay stale with the reason."""

    refreshed: tuple[str, ...]
    failed: tuple[Skipped, ...]


@dataclass(frozen=True, slots=True)
class ReclusterReport:
    """What placing every article again changed; changed stories are stale until refreshed."""

    articles: int
    new_story: int  # articles whose story changed
    new_event: int  # articles whose event changed
    stories_before: int
    stories_after: int


_REFRESH_CHUNK = 200  # stale stories recomputed together: enough for workers, bounded memory


@dataclass(frozen=True, slots=True)
class _StaleStory:
    story: Story
    version: int  # the batch that last touched it, when it was read
    documents: dict[str, Document]


def _stored_digest(
    story: Story, documents: dict[str, Document], settings: Settings
) -> tuple[dict[str, Any], dict[str, Any]] | str:
    """The story's digest and page view as stored, or why the stages failed on it (a worker
    returns that, not raises it: one bad story must not stop the others)."""
    from storyline.pipeline import digest_story  # the stages pull heavy libraries: import on use
    from storyline.render.json import story_dict
    from storyline.render.view import story_view

    own = {article_id: documents[article_id] for article_id in story.article_ids}
    try:
        story_digest = digest_story(story, own, settings)
        return story_dict(story_digest), dataclasses.asdict(story_view(story_digest, own))
    except Exception as exc:  # noqa: BLE001 (reported to the user, story stays stale)
        return f"{type(exc).__name__}: {exc}"


def connect(path: Path, timeout_s: float) -> sqlite3.Connection:
    """A connection in autocommit mode (we open transactions ourselves) on a WAL database."""
    try:
        conn = sqlite3.connect(
            path, timeout=timeout_s, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, nor it them
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{path} is not a storyline store ({exc}); use another --db") from None
    return conn


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A SQLite corpus of cleaned articles and the stories they form."""

    def __init__(self, path: str | Path, settings: Settings | None = None, create: bool = True):
        self.path = Path(path)
        self.settings = settings or Settings()
        if not create and not self.path.is_file():
            raise UserError(f"no store at {self.path}: run `storyline ingest` first, or pass --db")
        if not self.path.parent.is_dir():
            raise UserError(f"cannot create a store in {self.path.parent}: no such directory")
        self.conn = connect(self.path, self.settings.store.busy_timeout_s)
        migrate(self.conn)
        self._stream: Stream | None = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def ingest(
        self, articles: Sequence[Article], label: str, engine: parallel.Engine = parallel.IN_PROCESS
    ) -> BatchReport:
        """Clean `articles` and add them in one transaction; duplicates are skipped with a reason.

        Cleaning runs on `engine` (a batch command's workers or Spark; the web server, which
        serves requests on threads, keeps this process).
        """
        from storyline.pipeline import clean_all  # the stages pull heavy libraries: import on use

        documents, unusable = clean_all(articles, self.settings, engine=engine)
        report = self.ingest_documents(documents, label)
        return dataclasses.replace(report, skipped=unusable + report.skipped)

    def ingest_documents(self, documents: Sequence[Document], label: str) -> BatchReport:
        """Add cleaned documents in one transaction: each joins its origin and story, or starts one."""
        added: list[str] = []
        skipped: list[Skipped] = []
        touched: set[str] = set()
        merged: set[str] = set()
        with self._transaction():
            stream = self._caught_up_stream()
            if stream.seq == 0:  # an empty store: its placements will follow these rules
                queries.set_meta(self.conn, "rules", placement_rules(self.settings))
            batch = self.conn.execute(
                "INSERT INTO batches(created, label, added, duplicates) VALUES (?, ?, 0, 0)",
                (now_utc(), label),
            ).lastrowid
            # Placement order (undated first, then by date), as `digest` places a corpus, so
            # one batch gives the same stories.
            for document in placement_order(documents):
                digest = content_hash(document)
                duplicate = queries.duplicate_of(
                    self.conn, document.id, document.article.url, digest
                )
                if duplicate:
                    skipped.append(
                        Skipped(document.article.location, f"already stored as {duplicate}")
                    )
                    continue
                placement = self._add(stream, batch, document, digest)
                merged.update(placement.merged)
                touched.difference_update(placement.merged)
                touched.add(placement.story_id)
                added.append(document.id)
            when = now_utc()
            for story_id in sorted(touched):
                queries.update_story(self.conn, story_id, batch, when)
            self.conn.execute(
                "UPDATE batches SET added = ?, duplicates = ? WHERE seq = ?",
                (len(added), len(skipped), batch),
            )
            if self._snapshot_due(stream):
                stream.save_snapshot(self.conn)
        return BatchReport(
            batch, tuple(added), tuple(skipped), tuple(sorted(touched)), tuple(sorted(merged))
        )

    def rules_outdated(self) -> bool:
        """Whether stored placements were made under other settings or by another storyline.

        New articles are placed by the current rules, beside old ones placed by the old:
        `recluster` places them all alike again.
        """
        has_articles = self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
        rules = queries.meta(self.conn, "rules")
        return has_articles and rules != placement_rules(self.settings)

    def recluster(self, progress: Callable[[int, int], None] | None = None) -> ReclusterReport:
        """Place every stored article again, in arrival order, under the current rules.

        One transaction: readers keep the old placements until it commits, and a failure leaves
        everything as it was. Stories whose articles or events changed are recounted and marked
        stale; stories left without articles are deleted, their last look passing to the story
        that now holds their first article.
        """
        with self._transaction():
            stream = Stream(self.settings)
            total = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            before: dict[str, tuple[str, str, str]] = {}  # article -> (origin, story, event)
            origin_of: dict[str, str] = {}
            rows = self.conn.execute(
                "SELECT seq, id, document, origin_id, story_id, event_id FROM articles ORDER BY seq"
            )
            for done, (seq, article_id, text, *placed) in enumerate(rows, 1):
                origin_of[article_id], _ = stream.add(seq, decode_document(text))
                before[article_id] = (placed[0], placed[1], placed[2])
                if progress:
                    progress(done, total)
            after = {a: (origin, *stream.placement(origin)) for a, origin in origin_of.items()}
            changed = [a for a in after if after[a] != before[a]]
            queries.replace_placements(self.conn, [(*after[a], a) for a in changed])
            self._regroup_stories(before, after, changed)
            stream.save_snapshot(self.conn)
            queries.set_meta(self.conn, "rules", placement_rules(self.settings))
            self._stream = stream
        return ReclusterReport(
            total,
            sum(before[a][1] != after[a][1] for a in changed),
            sum(before[a][2] != after[a][2] for a in changed),
            len({story for _, story, _ in before.values()}),
            len({story for _, story, _ in after.values()}),
        )

    def _regroup_stories(
        self,
        before: dict[str, tuple[str, str, str]],
        after: dict[str, tuple[str, str, str]],
        changed: Sequence[str],
    ) -> None:
        """Forget stories left without articles and recount (marking stale) the changed ones."""
        now = {story for _, story, _ in after.values()}
        first_of: dict[str, str] = {}  # old story -> its first article (dicts keep arrival order)
        for article, (_, story, _) in before.items():
            first_of.setdefault(story, article)
        for story in sorted(first_of.keys() - now):
            queries.forget_stories(self.conn, after[first_of[story]][1], [story])
        touched = ({before[a][1] for a in changed} | {after[a][1] for a in changed}) & now
        when = now_utc()
        for story in sorted(touched):
            queries.update_story(self.conn, story, None, when)

    def _snapshot_due(self, stream: Stream) -> bool:
        """Snapshot when the replay backlog reaches `snapshot_every` or a thirtieth of the corpus.

        The backlog is what the next writer replays when it opens (about 1.5 ms an article).
        Growing the interval with the corpus keeps the snapshot cost per article bounded: a
        thirtieth costs no more per article than the JSON snapshots every tenth did (about
        0.25 ms at 100,000 articles, bench/store_open.py), with a third of their replay.
        """
        backlog = stream.seq - stream.snapshot_seq
        return backlog >= max(self.settings.store.snapshot_every, stream.seq // 30)

    def _add(self, stream: Stream, batch: int, document: Document, digest: str) -> Assignment:
        """Place one new article in the stream and store it; earlier ones follow merges and splits."""
        seq = stream.seq + 1
        origin_id, placement = stream.add(seq, document)
        article = document.article
        self.conn.execute(
            "INSERT INTO articles(seq, id, url, content_hash, batch, origin_id, story_id, event_id,"
            " outlet, title, published, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq,
                article.id,
                article.url,
                digest,
                batch,
                origin_id,
                placement.story_id,
                placement.event_id,
                article.outlet or article.location,
                article.title,
                article.published,
                encode_document(document),
            ),
        )
        if placement.merged:
            queries.merge_stories(self.conn, placement.story_id, placement.merged)
        queries.relabel_events(self.conn, placement.story_id, placement.folded, placement.moved)
        return placement

    def _caught_up_stream(self) -> Stream:
        """The in-memory stream state, loaded on first write and level with the store's articles."""
        if self._stream is None:
            self._stream = Stream.load(self.conn, self.settings, decode_document)
        else:
            self._stream.catch_up(self.conn, decode_document)
        return self._stream

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; on failure it rolls back and the stream state is reloaded."""
        self.conn.execute("BEGIN IMMEDIATE")  # take the write lock first: no lost catch-up
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._stream = None  # it may hold articles that were rolled back
            raise
        self.conn.execute("COMMIT")

    def refresh(self, engine: parallel.Engine = parallel.IN_PROCESS) -> RefreshReport:
        """Recompute summary and comparison of every stale story, on `engine` (as `ingest`).

        Stories are digested a chunk at a time (their documents are in memory together) and
        each is saved on its own. A story the stages fail on stays stale and is reported: one bad
        story must not stop the others, nor undo the batch that was already committed.
        """
        done: list[str] = []
        failed: list[Skipped] = []
        stale = queries.stale_stories(self.conn)
        for start in range(0, len(stale), _REFRESH_CHUNK):
            work = [self._stale(story_id) for story_id in stale[start : start + _REFRESH_CHUNK]]
            every = {doc_id: doc for item in work for doc_id, doc in item.documents.items()}
            digests = parallel.ordered_map(
                _stored_digest,
                [item.story for item in work],
                (every, self.settings),
                engine,
                parallel.MIN_STORIES,
            )
            for item, result in zip(work, digests, strict=True):
                if isinstance(result, str):
                    failed.append(Skipped(item.story.id, f"could not summarise: {result}"))
                elif self._save_digest(item, *result):
                    done.append(item.story.id)
        return RefreshReport(tuple(done), tuple(failed))

    def _stale(self, story_id: str) -> _StaleStory:
        """What recomputing a story needs. The version is read first: a batch that lands after it
        changes it, so a digest of older documents is not saved as current."""
        version = queries.story_version(self.conn, story_id)
        documents = {d.id: d for d in self.documents(story_id)}
        return _StaleStory(self._story(story_id), version, documents)

    def _save_digest(self, item: _StaleStory, digest: dict[str, Any], view: dict[str, Any]) -> bool:
        """Store a recomputed story; False when a newer batch touched it meanwhile (it stays stale)."""
        with self._write():
            return queries.save_digest(self.conn, item.story.id, item.version, digest, view)

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A short write transaction that does not touch the stream state."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _story(self, story_id: str) -> Story:
        """The Story record of stored articles: origins and events in order of first article."""
        rows = queries.story_articles(self.conn, story_id)
        origins = queries.group([(r.id, r.origin_id) for r in rows])
        events = queries.group([(r.id, r.event_id) for r in rows])
        title = queries.story_title(self.conn, story_id)
        return Story(
            story_id,
            title,
            tuple(r.id for r in rows),
            tuple(Origin(key, members) for key, members in origins),
            tuple(Event(key, members) for key, members in events),
        )

    def mark_seen(self, story_id: str) -> None:
        """Remember the story as the user sees it now, for the next "what is new"."""
        with self._write():
            queries.save_look(self.conn, story_id, now_utc())

    # ------------------------------------------------------------ reading

    def documents(self, story_id: str) -> list[Document]:
        """The story's cleaned articles, in arrival order."""
        rows = self.conn.execute(
            "SELECT document FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [decode_document(text) for (text,) in rows]

    def document(self, article_id: str) -> Document:
        row = self.conn.execute(
            "SELECT document FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise UserError(f"no article {article_id} in {self.path}")
        return decode_document(row[0])

    def news(self, story_id: str, digest: dict[str, Any], articles: Sequence[ArticleRef]) -> News:
        """What changed in the story since the last look (everything, if never looked)."""
        looked_at, batch, before = queries.look(self.conn, story_id)
        return story_news(looked_at, batch, before, digest, articles)
