"""Cluster loading, ROUGE, and the `summarize --clusters` / `eval summaries` commands on fixtures."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import UserError
from storyline.evaluate.summaries import (
    cluster_articles,
    cut_to_words,
    load_clusters,
    read_clusters,
    rouge_each,
)
from storyline.model import Skipped

CLUSTERS = Path(__file__).parent / "fixtures" / "summarize" / "clusters.jsonl"


def test_load_clusters_reads_documents_and_references():
    clusters = load_clusters(CLUSTERS)
    assert [c.id for c in clusters] == ["bridge", "library"]
    assert len(clusters[0].documents) == 4 and len(clusters[1].references) == 2
    assert load_clusters(CLUSTERS, limit=1)[0].id == "bridge"


def test_cluster_articles_have_stable_ids_and_locations():
    cluster = load_clusters(CLUSTERS)[1]
    articles = cluster_articles(cluster, CLUSTERS)
    assert [a.location for a in articles] == [f"{CLUSTERS}:2#0", f"{CLUSTERS}:2#1"]
    assert articles == cluster_articles(cluster, CLUSTERS)
    assert articles[0].outlet == "Harlow Herald" and articles[0].published == "2026-02-07"


def test_bad_cluster_line_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "documents": [{"text": "a"}]}\n{"id": "y"}\n', encoding="utf-8")
    with pytest.raises(
        UserError, match=r"bad.jsonl:2: not a cluster record \(no 'documents' field\)"
    ):
        load_clusters(path)
    with pytest.raises(UserError, match="not found"):
        load_clusters(tmp_path / "missing.jsonl")


def test_a_cluster_id_that_is_no_string_or_number_is_skipped_or_an_error(tmp_path):
    path = tmp_path / "ids.jsonl"
    records = [{"id": ["a"], "documents": [{"text": "a"}]}, {"id": 3, "documents": [{"text": "b"}]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    clusters, skipped = read_clusters(path)
    assert [c.id for c in clusters] == ["3"]
    assert skipped == [Skipped(f"{path}:1", "its id is a JSON array, not a string or a number")]
    with pytest.raises(UserError, match=r"ids.jsonl:1: its id is a JSON array"):
        load_clusters(path)  # scoring is strict


def test_a_document_field_that_is_no_string_or_number_is_skipped_or_an_error(tmp_path):
    path = tmp_path / "fields.jsonl"
    text = "The harbour bridge closed on Monday for repairs to two cracked beams."
    records = [
        {"id": "a", "documents": [{"text": text}, {"text": ["not", "text"]}]},
        {"id": "b", "documents": [{"text": text, "date": 2026}], "references": [{"r": 1}]},
        {"id": "c", "documents": [{"text": text, "title": None, "date": 2026}]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    clusters, skipped = read_clusters(path)
    assert [(c.id, c.documents[0].date) for c in clusters] == [("c", "2026")]
    assert [s.reason for s in skipped] == [
        "its document 2 text is a JSON array, not a string or a number",
        "its reference 1 is a JSON object, not a string or a number",
    ]
    with pytest.raises(UserError, match=r"fields.jsonl:1: its document 2 text is a JSON array"):
        load_clusters(path)


def test_a_repeated_cluster_id_is_reported_and_skipped(tmp_path):
    lines = CLUSTERS.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join([lines[0], lines[0], lines[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["summarize", "--clusters", str(path), "--max-words", "40", "--output", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["bridge", "library"]
    assert f"skipped {path}:2: duplicate id bridge (first at {path}:1)" in result.output
    with pytest.raises(UserError, match=r"twice.jsonl:2: duplicate id bridge"):
        load_clusters(path)  # scoring is strict: --summaries are matched by id


def test_binary_and_unreadable_cluster_files_are_user_errors(tmp_path):
    binary = tmp_path / "clusters.jsonl"
    binary.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(64)))
    with pytest.raises(UserError, match="a binary file, not JSON Lines"):
        load_clusters(binary)
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"deep.jsonl:1: .*nested too deeply"):
        load_clusters(deep)


def test_lone_surrogates_in_cluster_files_are_replaced(tmp_path):
    path = tmp_path / "clusters.jsonl"
    path.write_text('{"id": "s", "documents": [{"text": "Ferry \\ud800"}]}\n', encoding="utf-8")
    assert load_clusters(path)[0].documents[0].text == "Ferry \ufffd"


def test_cut_to_words_keeps_sentence_lines():
    assert cut_to_words("a b c\nd e f\ng", 4) == "a b c\nd"
    assert cut_to_words("a b\nc", None) == "a b\nc"
    assert cut_to_words("a b\nc", 10) == "a b\nc"


def test_rouge_identical_and_disjoint():
    same = rouge_each(["The bridge collapsed on Tuesday."], [["The bridge collapsed on Tuesday."]])
    assert same[0] == pytest.approx({"rouge1": 100.0, "rouge2": 100.0, "rougeLsum": 100.0})
    other = rouge_each(["Library opens."], [["Bridge collapsed."]], "recall")
    assert other[0] == {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}


def test_rouge_averages_over_references():
    scores = rouge_each(["bridge collapsed"], [["bridge collapsed", "library opened"]], "recall")
    assert scores[0]["rouge1"] == pytest.approx(50.0)
    with pytest.raises(UserError, match="measure"):
        rouge_each(["a"], [["a"]], "accuracy")


def test_a_summary_without_references_has_no_score():
    each = rouge_each(["Anything.", "Library opens."], [[], ["Library opens."]])
    assert each[0] is None and each[1]["rouge1"] == pytest.approx(100.0)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "summaries.jsonl"
    result = CliRunner().invoke(
        app, ["summarize", "--clusters", str(CLUSTERS), "--max-words", "40", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_summarize_batch_writes_one_record_per_cluster(batch):
    records = [json.loads(line) for line in batch.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["bridge", "library"]
    for record in records:
        assert record["summary"] == "\n".join(s["text"] for s in record["sentences"])
        assert 0 < len(record["summary"].split()) <= 40
        for sentence in record["sentences"]:
            assert sentence["support"] >= 1
            assert {"article", "outlet", "sentence", "start", "end"} <= set(
                sentence["citations"][0]
            )


def test_eval_on_the_fly_equals_eval_of_the_batch_file(batch):
    runner = CliRunner()
    args = ["eval", "summaries", "--clusters", str(CLUSTERS), "--max-words", "40"]
    live = runner.invoke(app, args)
    stored = runner.invoke(app, [*args, "--summaries", str(batch)])
    assert live.exit_code == 0 and stored.exit_code == 0
    assert "ROUGE-1" in live.output and "ROUGE-Lsum" in live.output
    assert live.output == stored.output
    rouge1 = float(
        next(line for line in live.output.splitlines() if line.startswith("ROUGE-1")).split()[1]
    )
    assert rouge1 > 30.0  # the fixture summaries share most words with their references
    assert "95% interval" in live.output and "bootstrap resamples of the clusters" in live.output


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file, not JSON Lines"),
        (b'{"id": "bridge", "summary": "a"}\n{"id": "bridge", "summary": "b"}\n', "line 1"),
        (b'{"id": ["bridge"], "summary": "a"}\n', "its id is a JSON array"),
        (
            '{"id": "bridge", "summary": "caf\u00e9"}\n'.encode("latin-1"),
            "no summary for .*library",
        ),
    ],
)
def test_bad_summaries_files_are_one_line_errors(tmp_path, data, message):
    path = tmp_path / "summaries.jsonl"
    path.write_bytes(data)
    args = ["eval", "summaries", "--clusters", str(CLUSTERS), "--summaries", str(path)]
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, UserError) and re.search(message, str(result.exception))


def test_an_empty_cluster_file_or_cluster_is_reported_not_summarised_as_nothing(tmp_path):
    runner = CliRunner()
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")  # one byte: once read as UTF-16, a line of U+FFFD
    result = runner.invoke(app, ["summarize", "--clusters", str(empty)])
    assert str(result.exception) == f"{empty}: empty"
    hollow = tmp_path / "hollow.jsonl"
    hollow.write_text(
        '{"id": "none", "documents": []}\n' + CLUSTERS.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["summarize", "--clusters", str(hollow), "--max-words", "20"])
    assert result.exit_code == 0, result.output
    assert f"skipped {hollow}:1: no documents in this cluster" in result.output
    assert '"id": "none"' not in result.output
    limit = runner.invoke(app, ["summarize", "--clusters", str(CLUSTERS), "--limit", "0"])
    assert limit.exit_code == 2 and "--limit" in limit.output


def test_summarize_checks_its_output_before_summarising(tmp_path, monkeypatch):
    from storyline.evaluate import summaries

    def never(*args, **kwargs):
        raise AssertionError("summarised before checking the output")

    monkeypatch.setattr(summaries, "summarize_clusters", never)
    out = tmp_path / "missing" / "out.jsonl"
    result = CliRunner().invoke(app, ["summarize", "--clusters", str(CLUSTERS), "-o", str(out)])
    assert str(result.exception) == f"cannot write {out}: no directory {out.parent}"


def test_eval_says_how_much_of_the_summaries_the_articles_state(tmp_path):
    """Two of four sentences sourced: one invents a mayor, one changes a figure."""
    summaries = tmp_path / "summaries.jsonl"
    records = [
        {
            "id": "bridge",
            "summary": "The Fenwick Street bridge collapsed into Marlow Creek on Tuesday.\n"
            "Mayor Alan Brightwater resigned after the Fenwick Street bridge collapsed.",
        },
        {
            "id": "library",
            "summary": "The Harlow Public Library reopened on Saturday after a two-year renovation.\n"
            "More than 9,000 people visited the Harlow Public Library on Saturday.",
        },
    ]
    summaries.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    args = ["eval", "summaries", "--clusters", str(CLUSTERS), "--summaries", str(summaries)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "stated by the articles: 50.0% of 4 summary sentences" in result.output
