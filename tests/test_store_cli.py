"""`storyline ingest`, `stories` and `show` as a user runs them."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "store"
RUNNER = CliRunner()


def run(*args: str) -> str:
    result = RUNNER.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_follow_a_story_across_batches(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    out = run("ingest", "--db", db, str(FIXTURES / "batch1.jsonl"))
    assert out.startswith("5 added, 0 skipped; 2 stories touched, 2 re-summarised, 0 merged")
    listing = run("stories", "--db", db)
    assert "Halden harbour bridge closed after cable cracks found" in listing
    rows = [json.loads(line) for line in run("stories", "--db", db, "--json").splitlines()]
    bridge = next(r for r in rows if r["title"].startswith("Halden"))
    assert (bridge["articles"], bridge["origins"], bridge["new_articles"]) == (3, 2, 3)

    first = run("show", "--db", db, bridge["id"][:8])
    assert "First look" in first and "Summary" in first and "Cited sentences" in first
    # each line keeps its note, as in a digest: here a summary sentence's support
    shown = json.loads(run("show", "--db", db, bridge["id"], "--json", "--keep-unseen"))
    agreed = [s for s in shown["summary"] if s["support"] > 1]
    lines = first.splitlines()
    assert agreed and all(
        any(
            f"  - {s['text']} [" in line and line.endswith(f"] ({s['support']} origins)")
            for line in lines
        )
        for s in agreed
    )
    assert "Nothing new since you last looked" in run("show", "--db", db, bridge["id"])

    added = run("ingest", "--db", db, str(FIXTURES / "batch2.jsonl"))
    assert added.startswith("1 added, 0 skipped; 1 story touched, 1 re-summarised")
    later = run("show", "--db", db, bridge["id"], "--keep-unseen")
    assert "New since you last looked" in later
    assert "+ article: Coastal Wire" in later and "[bridge-reopen]" in later
    story = json.loads(run("show", "--db", db, bridge["id"], "--json"))
    assert [a["id"] for a in story["new_since_last_look"]["articles"]] == ["bridge-reopen"]
    assert {"summary", "claims", "figures", "timeline", "sources"} <= set(story)
    assert "Nothing new" in run("show", "--db", db, bridge["id"])

    assert run("stories", "--db", db, "--query", "robot").count("\n") == 2  # header + one story
    assert "no stories match" in run("stories", "--db", db, "--since", "2999-01-01")


def test_errors_are_one_line_with_a_remedy(tmp_path: Path) -> None:
    missing = subprocess.run(
        [sys.executable, "-m", "storyline", "stories", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        check=False,
        text=True,
    )
    assert missing.returncode == 2
    expected = f"no store at {tmp_path / 'none.db'}: run `storyline ingest` first, or pass --db"
    assert missing.stderr.strip().splitlines() == [f"storyline: error: {expected}"]
    db = tmp_path / "c.db"
    run("ingest", "--db", str(db), str(FIXTURES / "batch2.jsonl"))
    bad = subprocess.run(
        [sys.executable, "-m", "storyline", "stories", "--db", str(db), "--since", "last tuesday"],
        capture_output=True,
        check=False,
        text=True,
    )
    assert bad.returncode == 2 and "is not a date: use YYYY-MM-DD" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_ingest_counts_unreadable_sources_and_duplicates_as_skipped(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    run("ingest", "--db", db, str(FIXTURES / "batch1.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n" + (FIXTURES / "batch1.jsonl").read_text().splitlines()[0] + "\n")
    result = RUNNER.invoke(app, ["ingest", "--db", db, str(bad)], catch_exceptions=False)
    assert result.stdout.startswith("0 added, 2 skipped;")  # the bad line and the stored one
    assert f"skipped {bad}:1: invalid JSON" in result.stderr
    assert f"skipped {bad}:2: already stored as" in result.stderr
