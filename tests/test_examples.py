"""End to end on the bundled synthetic corpus: `storyline digest examples/news` as a user runs it.

The corpus (examples/README.md) was written so that each stage has something to find: three
stories, one syndicated reprint, boilerplate, glued words, dates in several forms, an HTML page, a
JSON Lines file, a figure conflict and one quote in three wordings. These tests check the JSON
contract's structure and those planted facts, never the exact wording a stage chooses.
"""

import difflib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from storyline.text.tokens import word_tokens

NEWS = Path(__file__).resolve().parent.parent / "examples" / "news"

# Article keys: the file name, or "file.jsonl:LINE" for a JSON Lines record.
BRIDGE = {
    "2025-03-03-rivertonledger-bridge-closed.txt",
    "2025-03-04-coastwire-bridge-months.txt",
    "2025-03-04-harbourgazette-bridge-reprint.txt",
    "2025-03-07-valleydailypress-bridge-commuters.txt",
}
BREACH = {
    "2025-04-14-harbourgazette-kestrelnet-breach.txt",
    "2025-04-15-bytebeat-kestrelnet-larger.html",
    "wire-and-courier-feed.jsonl:1",
    "wire-and-courier-feed.jsonl:2",
}
FIRE = {
    "2025-08-12-northfieldcourier-cold-creek-fire.txt",
    "2025-08-12-valleydailypress-silverpine-fire.txt",
    "2025-08-13-harbourgazette-fire-winds-ease.txt",
    "wire-and-courier-feed.jsonl:3",
}
WIRE = "2025-03-04-coastwire-bridge-months.txt"
REPRINT = "2025-03-04-harbourgazette-bridge-reprint.txt"
DAMAGED = "2025-03-07-valleydailypress-bridge-commuters.txt"

PUBLISHED = {
    "2025-03-03-rivertonledger-bridge-closed.txt": "2025-03-03",
    "2025-03-04-coastwire-bridge-months.txt": "2025-03-04",
    "2025-03-04-harbourgazette-bridge-reprint.txt": "2025-03-04",
    "2025-03-07-valleydailypress-bridge-commuters.txt": "2025-03-07",
    "2025-04-14-harbourgazette-kestrelnet-breach.txt": "2025-04-14",
    "2025-04-15-bytebeat-kestrelnet-larger.html": "2025-04-15",
    "2025-08-12-northfieldcourier-cold-creek-fire.txt": "2025-08-12",
    "2025-08-12-valleydailypress-silverpine-fire.txt": "2025-08-12",
    "2025-08-13-harbourgazette-fire-winds-ease.txt": "2025-08-13",
    "wire-and-courier-feed.jsonl:1": "2025-04-15",
    "wire-and-courier-feed.jsonl:2": "2025-04-18",
    "wire-and-courier-feed.jsonl:3": "2025-08-19",
}

BOILERPLATE = (
    "Comments 3",
    "Share this article",
    "Photo: Jane Roe",
    "Harbour Gazette)",
    "Advertisement",
    "Sign up for our newsletter",
    "Original url",
    "We use cookies",
    "Privacy policy",
    "All rights reserved",
    "dataLayer",
    "Related",
)


def storyline(*args: str, hash_seed: str = "0") -> subprocess.CompletedProcess:
    """Run the CLI in a fresh interpreter; the hash seed varies so set order cannot hide."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "NO_COLOR": "1", "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        check=False,
        capture_output=True,
        env=env,
        timeout=600,
        cwd=NEWS.parent,  # no stray storyline.toml from wherever pytest was started
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def raw_json() -> bytes:
    return storyline("digest", str(NEWS), "--format", "json").stdout


@pytest.fixture(scope="module")
def digest(raw_json: bytes) -> dict[str, Any]:
    return json.loads(raw_json)


@pytest.fixture(scope="module")
def by_key(digest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Articles by file name (or "file.jsonl:LINE")."""
    return {Path(a["location"]).name: a for a in digest["articles"]}


@pytest.fixture(scope="module")
def key_of(by_key: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Article id -> key."""
    return {a["id"]: key for key, a in by_key.items()}


def story_with(digest: dict[str, Any], key_of: dict[str, str], key: str) -> dict[str, Any]:
    return next(s for s in digest["stories"] if key in {key_of[i] for i in s["article_ids"]})


# ---------------------------------------------------------------- reading


def test_every_article_is_read(digest: dict[str, Any], by_key: dict[str, dict[str, Any]]) -> None:
    assert digest["skipped"] == []
    assert sorted(by_key) == sorted(BRIDGE | BREACH | FIRE)


def test_dates_in_every_form_are_read(by_key: dict[str, dict[str, Any]]) -> None:
    published = {key: (a["published"] or "")[:10] for key, a in by_key.items()}
    assert published == PUBLISHED


def test_titles_outlets_and_datelines_become_metadata(by_key: dict[str, dict[str, Any]]) -> None:
    assert by_key[REPRINT]["title"] == "Cracked Marlow Street Bridge could be shut for three months"
    assert by_key["2025-03-03-rivertonledger-bridge-closed.txt"]["title"].startswith(
        "Marlow Street"
    )
    assert by_key["2025-04-15-bytebeat-kestrelnet-larger.html"]["title"].startswith(
        "Kestrelnet breach may"
    )
    assert by_key[WIRE]["outlet"] == "coastwire.example"
    assert by_key[REPRINT]["outlet"] == "harbourgazette.example"
    assert by_key["2025-04-15-bytebeat-kestrelnet-larger.html"]["outlet"] in {
        "bytebeat.example",
        "ByteBeat",
    }
    for key in (WIRE, REPRINT):
        assert by_key[key]["text"].startswith(
            "The Marlow Street Bridge in Riverton will stay closed"
        )
    for article in by_key.values():
        assert not re.match(r"\s*(#|March|April|Aug|\d)", article["text"]), article["text"][:60]


def test_sentence_offsets_point_into_the_text(by_key: dict[str, dict[str, Any]]) -> None:
    for article in by_key.values():
        assert article["sentences"], article["location"]
        for index, sentence in enumerate(article["sentences"]):
            assert sentence["index"] == index
            assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]


# ---------------------------------------------------------------- cleaning


def test_no_boilerplate_survives(by_key: dict[str, dict[str, Any]]) -> None:
    for key, article in by_key.items():
        for line in BOILERPLATE:
            assert line not in article["text"], (key, line)


def test_dropped_lines_are_kept_for_provenance(by_key: dict[str, dict[str, Any]]) -> None:
    dropped = "\n".join(by_key[REPRINT]["dropped"])
    for line in ("Comments 3", "Share this article", "Advertisement", "Sign up for our newsletter"):
        assert line in dropped
    assert "(Photo: Jane Roe/Harbour Gazette)" in dropped


def test_real_sentences_are_kept(by_key: dict[str, dict[str, Any]]) -> None:
    """Short last paragraphs look like boilerplate to a careless filter; they are news."""
    kept = {
        "2025-04-14-harbourgazette-kestrelnet-breach.txt": "Kestrelnet shares fell 6 percent in early trading.",
        "2025-03-03-rivertonledger-bridge-closed.txt": "its deck was replaced.",
        REPRINT: "It is one of four bridges in Riverton that cross the Tallow River.",
        "2025-04-15-bytebeat-kestrelnet-larger.html": "Its shares closed 9 percent lower on Tuesday.",
        "wire-and-courier-feed.jsonl:3": "conditions could change quickly if the wind picked up again.",
    }
    for key, sentence in kept.items():
        assert sentence in by_key[key]["text"], key


def test_glued_words_are_repaired(by_key: dict[str, dict[str, Any]]) -> None:
    text = by_key[DAMAGED]["text"]
    for glued, repaired in (
        ("morethan", "more than"),
        ("cityofficials", "city officials"),
        ("said,adding", "said, adding"),
    ):
        assert glued not in text
        assert repaired in text


def test_invented_names_are_not_split(by_key: dict[str, dict[str, Any]]) -> None:
    """Capitalised names unknown to the word list (Silverpine, Kestrelnet) are never 'repaired'."""
    repaired = sorted(
        r["before"] for a in by_key.values() for r in a["repairs"] if "boilerplate" not in r["kind"]
    )
    assert repaired == ["cityofficials", "morethan", "said,adding"]
    assert (
        "Silverpine National Park"
        in by_key["2025-08-12-valleydailypress-silverpine-fire.txt"]["text"]
    )
    assert "Halvorsen & Pike" in by_key[WIRE]["text"]


# ---------------------------------------------------------------- grouping


def test_three_stories(digest: dict[str, Any], key_of: dict[str, str]) -> None:
    groups = sorted(sorted(key_of[i] for i in s["article_ids"]) for s in digest["stories"])
    assert groups == sorted(sorted(group) for group in (BRIDGE, BREACH, FIRE))


def test_one_ingest_batch_into_the_store_gives_the_digest_stories(
    digest: dict[str, Any], key_of: dict[str, str], tmp_path: Path
) -> None:
    """The store places a batch in publication order, as `digest` does, whatever the file order."""
    db = str(tmp_path / "news.db")
    storyline("ingest", str(NEWS), "--db", db)
    listed = storyline("stories", "--db", db, "--json").stdout.decode().splitlines()
    groups = sorted(
        sorted(
            key_of[a]
            for a in json.loads(storyline("show", s, "--db", db, "--json").stdout)["article_ids"]
        )
        for s in (json.loads(line)["id"] for line in listed)
    )
    assert groups == sorted(sorted(group) for group in (BRIDGE, BREACH, FIRE))


def test_origins_and_events_partition_each_story(digest: dict[str, Any]) -> None:
    for story in digest["stories"]:
        ids = sorted(story["article_ids"])
        assert sorted(i for origin in story["origins"] for i in origin) == ids
        if story["events"]:
            assert sorted(i for event in story["events"] for i in event["article_ids"]) == ids


def test_the_reprint_and_its_wire_story_are_one_origin(
    digest: dict[str, Any], key_of: dict[str, str]
) -> None:
    shared = [
        sorted(key_of[i] for i in origin)
        for s in digest["stories"]
        for origin in s["origins"]
        if len(origin) > 1
    ]
    assert shared == [sorted([WIRE, REPRINT])]


# ---------------------------------------------------------------- summaries


def _is_compression(summary: str, source: str) -> bool:
    """The summary sentence's words appear in the source sentence, in order (it may only cut)."""
    remaining = iter(word_tokens(source))
    return all(word in remaining for word in word_tokens(summary))


def test_every_summary_sentence_cites_the_text_it_states(
    digest: dict[str, Any], by_key: dict[str, dict[str, Any]], key_of: dict[str, str]
) -> None:
    articles = {a["id"]: a for a in by_key.values()}
    for story in digest["stories"]:
        assert story["summary"], story["title"]
        origin_of = {i: n for n, origin in enumerate(story["origins"]) for i in origin}
        for sentence in story["summary"]:
            assert sentence["citations"], sentence["text"]
            spans = []
            for citation in sentence["citations"]:
                article = articles[citation["article"]]
                assert citation["article"] in story["article_ids"]
                assert citation["outlet"] == article["outlet"]
                cited = article["sentences"][citation["sentence"]]
                assert (citation["start"], citation["end"]) == (cited["start"], cited["end"])
                spans.append(article["text"][citation["start"] : citation["end"]])
            assert any(_is_compression(sentence["text"], span) for span in spans), sentence["text"]
            assert sentence["support"] == len(
                {origin_of[c["article"]] for c in sentence["citations"]}
            )


def test_max_words_bounds_every_summary() -> None:
    limited = json.loads(
        storyline("digest", str(NEWS), "--format", "json", "--max-words", "40").stdout
    )
    for story in limited["stories"]:
        words = sum(len(s["text"].split()) for s in story["summary"])
        assert 0 < words <= 40, story["title"]


# ---------------------------------------------------------------- comparison


def test_the_breach_figures_conflict_only_with_200000(
    digest: dict[str, Any], key_of: dict[str, str]
) -> None:
    """120,000 / more than 118,000 agree (hedge and rounding); 200,000 is the conflict."""
    story = story_with(digest, key_of, "2025-04-15-bytebeat-kestrelnet-larger.html")
    conflicts = [f for f in story["figures"] if f["conflict"]]
    assert any(
        200_000 in {m["value"] for m in f["members"] + f["conflicting"]}
        and {m["value"] for m in f["members"] + f["conflicting"]} & {120_000, 118_000}
        for f in conflicts
    ), story["figures"]
    for figure in conflicts:
        sides = (
            {m["value"] for m in figure["members"]},
            {m["value"] for m in figure["conflicting"]},
        )
        assert not (
            {118_000, 120_000} <= sides[0] | sides[1] and 200_000 not in sides[0] | sides[1]
        )
    # The regulator's later "about 120,000" restates a figure already given: not an update.
    assert not [f["updated_by"] for f in story["figures"] if f["updated_by"]]


def test_the_fires_acreage_is_one_change_over_time(
    digest: dict[str, Any], key_of: dict[str, str]
) -> None:
    """About 4,500 acres (12 August), 5,200 (13 August), 6,100 "of forest" (19 August)."""
    story = story_with(digest, key_of, "2025-08-13-harbourgazette-fire-winds-ease.txt")
    acres = [f for f in story["figures"] if f["counts"].startswith("acres")]
    updates = {(f["value"], m["value"]) for f in acres for m in f["updated_by"]}
    assert updates == {(4_500, 5_200), (4_500, 6_100), (5_200, 6_100)}, acres
    assert not any(f["conflict"] for f in acres)


def test_the_superintendents_quote_is_aligned_across_outlets(
    digest: dict[str, Any], key_of: dict[str, str]
) -> None:
    story = story_with(digest, key_of, "2025-08-13-harbourgazette-fire-winds-ease.txt")
    quote = next(q for q in story["quotes"] if "leave now" in q["text"])
    assert "Vance" in quote["speaker"]
    cited = {key_of[c["article"]] for c in quote["members"]}
    assert {
        "2025-08-12-valleydailypress-silverpine-fire.txt",
        "2025-08-12-northfieldcourier-cold-creek-fire.txt",
        "2025-08-13-harbourgazette-fire-winds-ease.txt",
    } <= cited
    kinds = {key_of[c["article"]]: v["kind"] for v in quote["variants"] for c in v["citations"]}
    assert kinds.get("2025-08-13-harbourgazette-fire-winds-ease.txt") == "trimmed"
    curly = kinds.get("2025-08-12-northfieldcourier-cold-creek-fire.txt", "same")
    assert curly == "same"  # only the quote marks differ: not an altered quote


def test_relative_days_resolve_against_publication(
    digest: dict[str, Any], key_of: dict[str, str]
) -> None:
    """The bridge closed "on Monday" (3 March); the fire started "on Monday" (11 August)."""
    for key, date in (
        ("2025-03-03-rivertonledger-bridge-closed.txt", "2025-03-03"),
        ("2025-08-12-valleydailypress-silverpine-fire.txt", "2025-08-11"),
    ):
        timeline = story_with(digest, key_of, key)["timeline"]
        assert any(
            e["date"] == date and key in {key_of[c["article"]] for c in e["citations"]}
            for e in timeline
        )


# ---------------------------------------------------------------- output


def test_output_is_byte_identical_across_runs(raw_json: bytes) -> None:
    again = storyline("digest", str(NEWS), "--format", "json", hash_seed="12345").stdout
    first, second = raw_json.decode("utf-8").splitlines(), again.decode("utf-8").splitlines()
    diff = list(difflib.unified_diff(first, second, "run 1", "run 2", n=2, lineterm=""))
    assert again == raw_json, "\n".join(diff[:40])


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_text_formats_show_every_story(fmt: str, digest: dict[str, Any]) -> None:
    out = storyline("digest", str(NEWS), "--format", fmt).stdout.decode("utf-8")
    for story in digest["stories"]:
        assert story["title"] in out


def _section_bullets(story_markdown: str, title: str) -> list[str]:
    """The bullet texts of the sections of one story's Markdown whose title starts with
    `title`, citations cut off."""
    sections = [s for s in story_markdown.split("\n### ")[1:] if s.startswith(title)]
    lines = [line for section in sections for line in section.splitlines()]
    return [line[2:].split(" [", 1)[0] for line in lines if line.startswith("- ")]


def test_the_sections_list_no_claim_the_summary_already_states(
    digest: dict[str, Any], key_of: dict[str, str]
) -> None:
    """A claim holding a summary sentence is that sentence again, counted another way: listed
    twice it would read as "2 origins" in one place and "3 origins" in the other."""
    out = storyline("digest", str(NEWS), "--format", "markdown").stdout.decode("utf-8")
    stories = {block.split("\n", 1)[0]: block for block in out.split("\n## ")[1:]}
    for story in digest["stories"]:
        block = stories[story["title"]]
        summary = _section_bullets(block, "Summary")
        listed = _section_bullets(block, "Agreed") + _section_bullets(block, "Only in")
        assert summary and not set(summary) & set(listed)
        own = {
            (s["citations"][0]["article"], s["citations"][0]["sentence"]) for s in story["summary"]
        }
        held = [
            c
            for c in story["claims"]
            if c["support"] > 1 and own & {(m["article"], m["sentence"]) for m in c["members"]}
        ]
        if story is story_with(digest, key_of, WIRE):
            assert held  # the bridge story's summary states agreed claims
        if held:
            assert f"{len(held)} agreed claim" in block.split("### Agreed", 1)[1].split("###")[0]


def test_event_level_reports_each_event_and_says_so(digest: dict[str, Any]) -> None:
    """The fire story holds two events: at `--level event` the heading counts events."""
    events = sum(max(1, len(story["events"])) for story in digest["stories"])
    out = storyline("digest", str(NEWS), "--level", "event", "--format", "markdown").stdout
    assert events > len(digest["stories"])
    assert out.decode("utf-8").splitlines()[0] == f"# storyline digest: {events} events"


class TagCollector(HTMLParser):
    """The elements a browser would build from a page, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text += data


HOSTILE = """Council backs <script>alert("title")</script> harbour & quay plan

May 6, 2025

The council approved the harbour plan on Tuesday <img src=x onerror=alert(1)> after a long debate, and the mayor said work would start in June.

Builders & engineers will widen the quay and repair the sea wall first, the harbour master said, adding that boats would be moved to the north basin during the work.
"""


def test_html_escapes_article_content(tmp_path: Path) -> None:
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    page_path = tmp_path / "digest.html"
    storyline(
        "digest",
        str(tmp_path / "hostile.txt"),
        str(NEWS),
        "--format",
        "html",
        "--output",
        str(page_path),
    )
    page = page_path.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    tags = TagCollector()
    tags.feed(page)
    assert not [attr for _, attrs in tags.starts for attr, _ in attrs if attr.startswith("on")]
    assert "img" not in {tag for tag, _ in tags.starts}
    assert "alert" not in tags.script_text
    assert "Council backs" in page
    assert "harbour &amp; quay plan" in page or "harbour &#38; quay plan" in page
    assert "harbour & quay plan" not in page
