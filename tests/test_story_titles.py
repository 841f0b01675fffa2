"""Story titles: a title a source gave wins; a story no source titled takes its summary's lead."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app
from storyline.ingest import read_sources
from storyline.settings import IngestSettings
from storyline.text.titles import TITLE_FROM_TEXT, headline_length

PIER = [
    "More rain is on the way.",  # an opening too short to be a summary sentence
    "The harbour authority closed the north pier on Monday after a storm damaged its pilings.",
    "Engineers said the pier would stay shut for at least two weeks while divers inspect it.",
    "Fishing crews moved their boats to the south quay, the harbour master said on Monday.",
]
OTHER = [
    "Wind and rain swept the coast over the weekend, and most ferries stayed in port.",
    "The harbour authority closed the north pier on Monday after a storm damaged its pilings.",
    "Engineers expect the pier to stay shut for at least two weeks while divers inspect it.",
    "The south quay took the fishing crews' boats, the harbour master said on Monday.",
]


def _records(path, *titles):
    path.write_text(
        "".join(
            json.dumps({"id": f"r{k}", "text": "\n\n".join(text), **title}) + "\n"
            for k, (text, title) in enumerate(zip((PIER, OTHER), titles, strict=True))
        ),
        encoding="utf-8",
    )


def _digest(path):
    result = CliRunner().invoke(app, ["digest", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_titles_taken_from_the_opening_are_marked_and_given_ones_are_not(tmp_path):
    path = tmp_path / "pier.jsonl"
    _records(path, {}, {"title": "North pier shut after storm"})
    articles = {a.id: a for a in read_sources([str(path)], IngestSettings()).articles}
    assert articles["r0"].metadata[TITLE_FROM_TEXT] is True
    assert articles["r0"].title == "More rain is on the way."
    assert TITLE_FROM_TEXT not in articles["r1"].metadata


def test_a_story_no_source_titled_is_titled_by_its_summarys_first_sentence(tmp_path):
    path = tmp_path / "pier.jsonl"
    _records(path, {}, {})
    (story,) = _digest(path)["stories"]
    assert story["title"] == headline_length(story["summary"][0]["text"])
    assert story["title"] != "More rain is on the way."  # the first article's opening


def test_a_title_a_source_gave_wins_over_an_earlier_articles_opening(tmp_path):
    path = tmp_path / "pier.jsonl"
    _records(path, {}, {"title": "North pier shut after storm"})
    (story,) = _digest(path)["stories"]
    assert story["title"] == "North pier shut after storm"


def test_the_store_lists_the_same_title_as_the_digest(tmp_path):
    path = tmp_path / "pier.jsonl"
    _records(path, {}, {})
    db = tmp_path / "store.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["stories", "--json", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    (row,) = [json.loads(line) for line in listed.output.splitlines() if line.strip()]
    (story,) = _digest(path)["stories"]
    assert row["title"] == story["title"]
