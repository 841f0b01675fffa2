"""The incremental origin index and story clusterer of a store, persisted as snapshot plus replay.

Writing the whole clusterer state on every batch would cost time proportional to the corpus, so a
batch writes only its article rows (which record each placement), and the state is snapshotted
every `snapshot_every` articles. Opening loads the snapshot and replays the newer articles in
arrival order: the stages are deterministic, so the replay lands each article where it was stored.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable

from storyline import __version__
from storyline.cluster import Assignment, StreamClusterer
from storyline.cluster.state import STATE_VERSION as CLUSTER_STATE
from storyline.dedup import STATE_VERSION as DEDUP_STATE
from storyline.dedup import OriginIndex
from storyline.errors import UserError
from storyline.model import Document
from storyline.settings import Settings


def placement_rules(settings: Settings) -> str:
    """What decides where articles go: dedup and cluster settings, state formats, the release.

    Two stores with equal rules place the same articles alike. The output level is left out: it
    chooses what a digest reports, not where an article goes.
    """
    cluster = dataclasses.asdict(settings.cluster)
    del cluster["level"]
    rules = {
        "storyline": __version__,
        "dedup": dataclasses.asdict(settings.dedup),
        "cluster": cluster,
        "state": [DEDUP_STATE, CLUSTER_STATE],
    }
    return json.dumps(rules, sort_keys=True, separators=(",", ":"))


class Stream:
    """One process's in-memory copy of the stream state, kept level with the store's articles."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._origins = OriginIndex(settings.dedup)
        self._stories = StreamClusterer(settings.cluster)
        self.seq = 0  # the last article seq this state has seen
        self.snapshot_seq = 0

    def add(self, seq: int, document: Document) -> tuple[str, Assignment]:
        """Place one article (`seq`: its arrival number in the store): its origin, and where it went.

        The Assignment also says which stories its arrival merged and which events it folded or
        split, so the store relabels those articles.
        """
        origin_id = self._origins.add(document)
        assignment = self._stories.add(document, origin_id)
        self.seq = seq
        return origin_id, assignment

    def placement(self, origin_id: str) -> tuple[str, str]:
        """The story and event an origin's articles are in now, after later merges and splits."""
        now = self._stories.placement(origin_id)
        return now.story_id, now.event_id

    @classmethod
    def load(
        cls, conn: sqlite3.Connection, settings: Settings, decode: Callable[[str], Document]
    ) -> Stream:
        """The store's last snapshot (or an empty state), caught up with every stored article.

        A snapshot this storyline cannot read (its state version changed, or it is damaged) is
        only a cache: the state is rebuilt by replaying every stored article, and stored
        placements are kept.
        """
        stream = cls(settings)
        row = conn.execute("SELECT seq, state FROM stream_state WHERE name = 'stream'").fetchone()
        if row is not None:
            try:
                state = json.loads(row[1])
                origins = OriginIndex.from_state(state["origins"], settings.dedup)
                stories = StreamClusterer.from_state(state["stories"], settings.cluster)
            except (UserError, LookupError, TypeError, ValueError):  # not a state we wrote
                stories = None
            if stories is not None:
                stream._origins, stream._stories = origins, stories
                stream.seq = stream.snapshot_seq = row[0]
        stream.catch_up(conn, decode)
        return stream

    def catch_up(self, conn: sqlite3.Connection, decode: Callable[[str], Document]) -> int:
        """Replay articles another writer (or an earlier run) stored after this state; returns how many."""
        rows = conn.execute(
            "SELECT seq, document FROM articles WHERE seq > ? ORDER BY seq", (self.seq,)
        ).fetchall()
        for seq, text in rows:
            self.add(seq, decode(text))
        return len(rows)

    def save_snapshot(self, conn: sqlite3.Connection) -> None:
        """Write the state inside the caller's transaction."""
        state = {"origins": self._origins.state(), "stories": self._stories.state()}
        conn.execute(
            "INSERT OR REPLACE INTO stream_state(name, seq, state) VALUES ('stream', ?, ?)",
            (self.seq, json.dumps(state, separators=(",", ":"))),  # dumps keep their own order
        )
        self.snapshot_seq = self.seq
