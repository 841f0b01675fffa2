"""`recluster`: a store formed under other settings is placed again, as if built under the new ones."""

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import UserError
from storyline.ingest import read_sources
from storyline.settings import ClusterSettings, Settings
from storyline.store import Store
from storyline.store.stream import Stream

FIXTURES = Path(__file__).parent / "fixtures" / "store"
SETTINGS = Settings()
# Every article its own story: what a store looks like after a change of thresholds.
STRICT = dataclasses.replace(
    SETTINGS, cluster=ClusterSettings(story_threshold=0.99, event_threshold=0.99)
)
BATCHES = ("batch1", "batch2")


def articles(name: str):
    result = read_sources([str(FIXTURES / f"{name}.jsonl")], SETTINGS.ingest)
    assert not result.skipped
    return result.articles


def build(path: Path, settings: Settings) -> None:
    with Store(path, settings) as store:
        for name in BATCHES:
            store.ingest(articles(name), name)
        store.refresh()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Everything a reader sees: placements, story rows (but their update time) and digests."""
    with Store(path, SETTINGS, create=False) as store:
        conn = store.conn
        return {
            "articles": conn.execute(
                "SELECT seq, id, origin_id, story_id, event_id, batch FROM articles ORDER BY seq"
            ).fetchall(),
            "stories": conn.execute(
                "SELECT id, title, articles, origins, outlets, first_published, last_published,"
                " updated_batch, stale, digest FROM stories ORDER BY id"
            ).fetchall(),
            "search": conn.execute("SELECT * FROM stories_fts ORDER BY story_id").fetchall(),
        }


def test_recluster_gives_the_store_the_new_settings_would_have_built(tmp_path: Path) -> None:
    build(tmp_path / "strict.db", STRICT)
    build(tmp_path / "default.db", SETTINGS)
    before = snapshot(tmp_path / "strict.db")
    assert len(before["stories"]) > len(snapshot(tmp_path / "default.db")["stories"])
    with Store(tmp_path / "strict.db", SETTINGS) as store:
        report = store.recluster()
        store.refresh()
    assert snapshot(tmp_path / "strict.db") == snapshot(tmp_path / "default.db")
    assert report.articles == 6 and report.new_story > 0
    assert report.stories_before == len(before["stories"]) > report.stories_after


def test_placements_made_under_other_rules_are_noticed(tmp_path: Path) -> None:
    build(tmp_path / "s.db", STRICT)
    with Store(tmp_path / "s.db", STRICT) as store:
        assert not store.rules_outdated()
    with Store(tmp_path / "s.db", SETTINGS) as store:
        assert store.rules_outdated()
        store.recluster()
        assert not store.rules_outdated()
    with Store(tmp_path / "empty.db", SETTINGS) as store:
        assert not store.rules_outdated()  # nothing placed yet: the first batch sets the rules


def test_a_failed_recluster_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    build(tmp_path / "s.db", STRICT)
    before = snapshot(tmp_path / "s.db")
    real_add, calls = Stream.add, []

    def failing_add(self, seq, document):
        calls.append(seq)
        if len(calls) == 4:
            raise RuntimeError("disk on fire")
        return real_add(self, seq, document)

    with Store(tmp_path / "s.db", SETTINGS) as store:
        monkeypatch.setattr(Stream, "add", failing_add)
        with pytest.raises(RuntimeError):
            store.recluster()
        monkeypatch.setattr(Stream, "add", real_add)
        assert store.rules_outdated()
    assert snapshot(tmp_path / "s.db") == before


def test_a_look_passes_to_the_story_that_now_holds_its_first_article(tmp_path: Path) -> None:
    build(tmp_path / "s.db", STRICT)
    with Store(tmp_path / "s.db", SETTINGS) as store:
        first = store.conn.execute("SELECT id, story_id FROM articles WHERE seq = 1").fetchone()
        store.mark_seen(first[1])
        store.recluster()
        heir = store.conn.execute("SELECT story_id FROM articles WHERE seq = 1").fetchone()[0]
        looks = store.conn.execute("SELECT story_id FROM looks").fetchall()
        stories = {row[0] for row in store.conn.execute("SELECT id FROM stories")}
    assert looks == [(heir,)] and heir in stories


def test_recluster_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    strict = tmp_path / "strict.toml"
    strict.write_text("[cluster]\nstory_threshold = 0.99\nevent_threshold = 0.99\n")
    runner = CliRunner()
    runner.invoke(
        app, ["ingest", "--db", db, "--config", str(strict), str(FIXTURES / "batch1.jsonl")]
    )
    later = runner.invoke(app, ["ingest", "--db", db, str(FIXTURES / "batch2.jsonl")])
    assert "Run `storyline recluster`" in later.stderr
    result = runner.invoke(app, ["recluster", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("6 articles placed again: ")
    assert "re-summarised" in result.stdout
    again = runner.invoke(app, ["recluster", "--db", db], catch_exceptions=False)
    assert "0 changed story, 0 changed event" in again.stdout and "0 re-summarised" in again.stdout
    missing = runner.invoke(app, ["recluster", "--db", str(tmp_path / "none.db")])
    assert isinstance(missing.exception, UserError) and "no store at" in str(missing.exception)
