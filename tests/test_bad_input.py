"""The CLI on bad input: one clear stderr line per bad source, the batch goes on, no traceback.

Every case runs the real command in a subprocess next to a good article, so a crash, a traceback or
a lost good article shows up exactly as a user would see it. Bad files are made in tmp_path.
"""

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

GOOD_NAME = "ferry.txt"
GOOD_TEXT = """Harbour ferry adds a late sailing for the summer

June 2, 2025

The harbour ferry will add a late sailing on weekdays from next month, the port authority said on Monday, after commuters complained that the last boat left too early for evening shift workers.

The new sailing leaves the north pier at 23:15 and returns at midnight. Fares will not change, and monthly passes will be valid on the extra trip.
"""

# Words a reason may use for each kind of failure; the message wording belongs to ingest.
NOT_FOUND = r"not found|no such|does not exist|missing|broken|cannot|can't|unreadable"


@dataclass(frozen=True)
class BadCase:
    """One kind of bad input: how to make it, the source name a message must show, the reason."""

    make: Callable[[Path], str]  # creates the bad input in a directory, returns the CLI argument
    shown: str  # what the skipped line and the JSON `skipped.source` must contain
    reason: str  # regex (case-insensitive) the reason must match


def _missing(root: Path) -> str:
    return "no-such-article.txt"


def _broken_symlink(root: Path) -> str:
    # Tests may run as root, where chmod 000 does not block reads; a dangling link cannot be read.
    (root / "gone.txt").symlink_to(root / "deleted-target.txt")
    return "gone.txt"


def _binary(root: Path) -> str:
    payload = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (root / "scan.txt").write_bytes(payload)
    return "scan.txt"


def _binary_unknown_extension(root: Path) -> str:
    (root / "archive.dat").write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 4)
    return "archive.dat"


def _empty(root: Path) -> str:
    (root / "empty.txt").write_bytes(b"")
    return "empty.txt"


def _html_without_text(root: Path) -> str:
    page = (
        "<html><head><title>Home</title><script>var x = 1;</script></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a>"
        "<div class='menu'><span>Menu"
    )
    (root / "broken.html").write_text(page, encoding="utf-8")
    return "broken.html"


def _huge(root: Path) -> str:
    (root / "storyline.toml").write_text("[ingest]\nmax_bytes = 1000\n", encoding="utf-8")
    paragraph = "The council met again on Tuesday to discuss the harbour wall and its repair. "
    (root / "huge.txt").write_text("Harbour wall repairs\n\n" + paragraph * 80, encoding="utf-8")
    return "huge.txt"


def _empty_directory(root: Path) -> str:
    (root / "inbox-empty").mkdir()
    return "inbox-empty"


def _glob_without_match(root: Path) -> str:
    return "nomatch-*.txt"


BAD_CASES = {
    "missing path": BadCase(_missing, "no-such-article.txt", NOT_FOUND),
    "unreadable (broken symlink)": BadCase(_broken_symlink, "gone.txt", NOT_FOUND),
    "binary .txt": BadCase(_binary, "scan.txt", r"binary|not text"),
    "binary, unknown extension": BadCase(
        _binary_unknown_extension, "archive.dat", r"binary|not text"
    ),
    "empty file": BadCase(_empty, "empty.txt", r"empty"),
    "html without main text": BadCase(_html_without_text, "broken.html", r"no (main )?text|empty"),
    "huge file": BadCase(_huge, "huge.txt", r"max_bytes|too large|bytes|size"),
    "empty directory": BadCase(_empty_directory, "inbox-empty", r"no .*(files|articles)|empty"),
    "glob matching nothing": BadCase(_glob_without_match, "nomatch-*.txt", r"no files|match"),
}


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_digest(root: Path, *sources: str, stdin: bytes = b"") -> Run:
    """`storyline digest SOURCES --format json` with root as working directory (its storyline.toml)."""
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "digest", *sources, "--format", "json"],
        check=False,
        cwd=root,
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def assert_clean_stderr(run: Run) -> None:
    """No traceback and no stray library noise: every stderr line is one of storyline's own."""
    assert "Traceback" not in run.stderr, run.stderr
    stray = [
        line
        for line in run.stderr.splitlines()
        if line.strip() and not line.startswith("storyline")
    ]
    assert not stray, f"stderr lines not from storyline: {stray}"


def assert_reported(run: Run, case: BadCase) -> None:
    """Exactly one stderr line names the bad source and gives the reason."""
    lines = [line for line in run.stderr.splitlines() if case.shown in line]
    assert len(lines) == 1, f"expected one line naming {case.shown!r}, stderr was:\n{run.stderr}"
    assert re.search(case.reason, lines[0], re.IGNORECASE), lines[0]


def write_good(root: Path) -> None:
    (root / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_source_is_reported_and_batch_goes_on(tmp_path: Path, name: str) -> None:
    case = BAD_CASES[name]
    write_good(tmp_path)
    bad = case.make(tmp_path)
    run = run_digest(tmp_path, bad, GOOD_NAME)
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    assert_reported(run, case)
    digest = run.json()
    assert [a["title"] for a in digest["articles"]] == [
        "Harbour ferry adds a late sailing for the summer"
    ]
    skipped = [s for s in digest["skipped"] if case.shown in s["source"]]
    assert len(skipped) == 1, digest["skipped"]
    assert re.search(case.reason, skipped[0]["reason"], re.IGNORECASE), skipped[0]


def test_nothing_readable_exits_non_zero_and_names_every_source(tmp_path: Path) -> None:
    sources = [BAD_CASES[name].make(tmp_path) for name in sorted(BAD_CASES)]
    run = run_digest(tmp_path, *sources)
    assert run.code != 0
    assert_clean_stderr(run)
    for name in sorted(BAD_CASES):
        assert_reported(run, BAD_CASES[name])


@pytest.mark.parametrize("payload", [b"", b"\x00\x01\x02 not text \xff\xfe"])
def test_unusable_stdin_is_reported(tmp_path: Path, payload: bytes) -> None:
    run = run_digest(tmp_path, "-", stdin=payload)
    assert run.code != 0
    assert_clean_stderr(run)
    assert_reported(run, BadCase(_missing, "stdin", r"empty|binary|not text"))


def test_directory_of_bad_files_exits_non_zero(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    _empty(folder)
    _binary(folder)
    run = run_digest(tmp_path, "inbox")
    assert run.code != 0
    assert_clean_stderr(run)
    assert "empty.txt" in run.stderr and "scan.txt" in run.stderr


def test_control_characters_and_undecodable_bytes_in_names_stay_on_one_line(
    tmp_path: Path,
) -> None:
    write_good(tmp_path)
    names = {b"two\nlines.txt": "two\\nlines.txt", b"esc\x1b[2J.txt": "esc\\x1b[2J.txt"}
    names[b"caf\xe9.txt"] = "caf\\xe9.txt"  # not UTF-8: shown as the byte it is
    for raw in names:
        with open(os.path.join(os.fsencode(tmp_path), raw), "wb"):
            pass
    missing = "gone\nfor good.txt"
    run = run_digest(tmp_path, ".", missing)
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    for shown in [*names.values(), "gone\\nfor good.txt"]:
        assert_reported(run, BadCase(_missing, shown, r"empty|no such"))
    sources = {s["source"] for s in run.json()["skipped"]}
    assert {"two\nlines.txt", "esc\x1b[2J.txt", "caf\\xe9.txt", missing} == sources


def test_cp1252_file_is_read_with_its_accents(tmp_path: Path) -> None:
    text = (
        "Quay Street café reopens\n\nThe café on Quay Street reopened on Monday after a year of "
        "repairs to its roof, and the owner’s daughter served the first coffee to a queue of "
        "regulars who had waited since dawn.\n"
    )
    (tmp_path / "cafe.txt").write_bytes(text.encode("cp1252"))
    write_good(tmp_path)
    run = run_digest(tmp_path, "cafe.txt", GOOD_NAME)
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    digest = run.json()
    assert digest["skipped"] == []
    cafe = next(a for a in digest["articles"] if a["location"].endswith("cafe.txt"))
    assert cafe["title"] == "Quay Street café reopens"
    assert "The café on Quay Street" in cafe["text"]
    assert "owner’s daughter" in cafe["text"]


def _record(record_id: str, title: str) -> str:
    body = GOOD_TEXT.split("\n\n", 2)[2].replace("harbour ferry", f"{title.lower()} ferry")
    return json.dumps({"id": record_id, "title": title, "text": body, "source": "bay.example"})


def digest_jsonl(root: Path, lines: list[str], bad_line: BadCase) -> dict:
    """Digest a JSON Lines file whose one bad line must be reported while the others are read."""
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_digest(root, "feed.jsonl")
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    assert_reported(run, bad_line)
    digest = run.json()
    assert [s["source"] for s in digest["skipped"]] == [bad_line.shown]
    return digest


def test_malformed_json_line_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    broken = '{"id": "broken", "text": "no closing'
    lines = [_record("north-1", "North"), broken, _record("south-1", "South")]
    digest = digest_jsonl(tmp_path, lines, BadCase(_missing, "feed.jsonl:2", r"invalid json"))
    assert [a["id"] for a in digest["articles"]] == ["north-1", "south-1"]


def test_duplicate_id_keeps_the_first_record(tmp_path: Path) -> None:
    lines = [_record("same-id", "North"), _record("same-id", "South"), _record("east-1", "East")]
    digest = digest_jsonl(tmp_path, lines, BadCase(_missing, "feed.jsonl:2", r"duplicate id"))
    by_id = {a["id"]: a for a in digest["articles"]}
    assert sorted(by_id) == ["east-1", "same-id"]
    assert by_id["same-id"]["title"] == "North"
    assert "north ferry" in by_id["same-id"]["text"]
