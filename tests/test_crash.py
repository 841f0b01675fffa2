"""A store survives SIGKILL in the middle of a large ingest, and readers work while it runs."""

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storyline.ingest import read_sources
from storyline.settings import Settings
from storyline.store import Store, queries

FIXTURES = Path(__file__).parent / "fixtures" / "store"
TOPICS = [
    ["reservoir", "drought", "farmers", "irrigation", "rainfall", "canal"],
    ["stadium", "council", "football", "budget", "architects", "seats"],
    ["vaccine", "clinic", "nurses", "outbreak", "ministry", "doses"],
    ["railway", "strike", "drivers", "union", "timetable", "wages"],
    ["wildfire", "firefighters", "hills", "evacuation", "smoke", "village"],
    ["museum", "painting", "auction", "collector", "gallery", "theft"],
]
FILLER = [
    "officials",
    "said",
    "the",
    "plan",
    "would",
    "change",
    "again",
    "after",
    "talks",
    "with",
    "residents",
    "next",
    "week",
]


def synthetic_corpus(path: Path, count: int) -> None:
    """`count` JSONL articles on a few topics; distinct texts, so none is a duplicate."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            topic = TOPICS[number % len(TOPICS)]
            sentences = []
            for _ in range(6):
                words = (
                    rng.sample(topic, 4)
                    + rng.sample(FILLER, 6)
                    + [f"item{number}x{rng.randrange(10**6)}"]
                )
                sentences.append(" ".join(words).capitalize() + ".")
            record = {
                "id": f"synthetic-{number:04d}",
                "title": f"{topic[0].title()} {topic[1]} report {number}",
                "text": "\n\n".join(sentences),
                "published": f"2031-05-{1 + number % 20:02d}",
                "source": f"Outlet {number % 5}",
            }
            out.write(json.dumps(record) + "\n")


def test_sigkill_mid_ingest_keeps_every_committed_batch(tmp_path: Path) -> None:
    corpus, db = tmp_path / "big.jsonl", tmp_path / "s.db"
    synthetic_corpus(corpus, 600)
    ingest = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline",
            "ingest",
            "--db",
            str(db),
            "--batch-size",
            "10",
            str(corpus),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen_batches, reads = _read_while_writing(db, ingest, min_batches=4)
    _wait_for_open_write(db, ingest)
    ingest.send_signal(signal.SIGKILL)  # inside a batch's transaction
    ingest.wait(timeout=10)
    assert ingest.returncode == -signal.SIGKILL
    assert reads >= 3  # readers kept getting answers while batches were being written

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    batches = conn.execute("SELECT seq, added FROM batches ORDER BY seq").fetchall()
    assert len(batches) >= seen_batches
    for seq, added in batches:  # each batch is whole: all its articles or none of them
        stored = conn.execute("SELECT count(*) FROM articles WHERE batch = ?", (seq,)).fetchone()[0]
        assert (seq, stored) == (seq, added)
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < total < 600
    assert conn.execute("SELECT sum(articles) FROM stories").fetchone()[0] == total
    conn.close()

    with Store(db, Settings()) as store:  # opens, replays the stream, and carries on
        settings = store.settings
        report = store.ingest(
            read_sources([str(FIXTURES / "batch2.jsonl")], settings.ingest).articles, "after"
        )
        assert report.added == ("bridge-reopen",)
        assert store.refresh().failed == ()
        assert queries.counts(store.conn)["stale"] == 0


def _wait_for_open_write(db: Path, ingest: subprocess.Popen) -> None:
    """Return while the ingest holds the write lock, i.e. is in the middle of a batch."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            assert ingest.poll() is None, "the ingest finished before it could be killed"
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                assert "locked" in str(exc), exc
                return
            conn.execute("ROLLBACK")
            time.sleep(0.01)
    finally:
        conn.close()
    raise AssertionError("never saw the ingest inside a transaction in 60 s")


def _read_while_writing(db: Path, ingest: subprocess.Popen, min_batches: int) -> tuple[int, int]:
    """Read the store as a user would until `min_batches` are committed; (batches seen, reads)."""
    deadline = time.monotonic() + 120
    reads = 0
    while time.monotonic() < deadline:
        assert ingest.poll() is None, ingest.stderr.read().decode()
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=5)
                batches = conn.execute("SELECT count(*) FROM batches").fetchone()[0]
                queries.list_stories(conn, limit=5)
                conn.close()
                reads += 1
            except sqlite3.OperationalError as exc:  # only before the schema exists
                assert "no such table" in str(exc), exc
                batches = 0
            if batches >= min_batches:
                return batches, reads
        time.sleep(0.05)
    raise AssertionError("the ingest committed too few batches in 120 s")
