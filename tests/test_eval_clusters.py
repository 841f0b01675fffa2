"""Cluster scores against hand-computed values, the loaders, and the two CLI commands."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import UserError
from storyline.evaluate.clusters import load_labels, load_predictions, score

FIXTURE = Path(__file__).parent / "fixtures" / "cluster" / "articles.jsonl"


def test_bcubed_and_pairwise_on_a_hand_computed_case():
    result = score({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"})
    assert result.bcubed_precision == pytest.approx(2 / 3)
    assert result.bcubed_recall == pytest.approx(2 / 3)
    assert result.bcubed_f1 == pytest.approx(2 / 3)
    assert result.pairwise_precision == 0.0 and result.pairwise_f1 == 0.0


def test_perfect_clustering_scores_one_whatever_the_names():
    result = score({"a": "1", "b": "1", "c": "2"}, {"a": "p", "b": "p", "c": "q"})
    assert (result.bcubed_f1, result.pairwise_f1) == (1.0, 1.0)


def test_missing_prediction_counts_as_a_singleton():
    result = score({"a": "1", "b": "1"}, {"a": "p"})
    assert result.bcubed_precision == 1.0 and result.bcubed_recall == pytest.approx(0.5)


def test_loaders_read_labels_and_reject_bad_lines(tmp_path):
    assert load_labels(FIXTURE, "cluster")["flood-fund"] == "flood-2"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(UserError, match="needs 'id' and 'topic'"):
        load_labels(bad, "topic")
    with pytest.raises(UserError, match="unknown label"):
        load_labels(FIXTURE, "colour")
    with pytest.raises(UserError, match="not found"):
        load_predictions(tmp_path / "absent.jsonl", "story")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"id": "a", "topic": "1"}\n{"id": "a", "topic": "2"}\n', "id a is already on line 1"),
        (b'{"id": "a", "topic": null}\n', "needs 'id' and 'topic'"),
        (b'{"id": ["a"], "topic": "1"}\n', "gold.jsonl:1: .*its id is a JSON array, not a string"),
        (b'{"id": "a", "topic": {"t": 1}}\n', "its topic is a JSON object, not a string"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file, not JSON Lines"),
        (b'{"id": ' + b"9" * 5000 + b', "topic": "1"}\n', "a number too long to read"),
    ],
)
def test_bad_gold_files_are_user_errors(tmp_path, data, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(data)
    with pytest.raises(UserError, match=message):
        load_labels(gold, "topic")


def test_gold_in_latin1_is_read(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes('{"id": "café", "topic": "1"}\n'.encode("latin-1"))
    assert load_labels(gold, "topic") == {"café": "1"}


def test_cluster_command_writes_one_line_per_article_keeping_ids(tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["cluster", str(FIXTURE), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows][:2] == ["flood-wire", "flood-trim"]
    assert all(set(r) == {"id", "story", "event", "origin"} for r in rows)
    assert rows[0]["origin"] == rows[1]["origin"] != rows[3]["origin"]


def test_eval_clusters_scores_its_own_clustering_and_a_predictions_file(tmp_path):
    runner = CliRunner()
    own = runner.invoke(app, ["eval", "clusters", "--gold", str(FIXTURE), "--label", "cluster"])
    assert own.exit_code == 0, own.output
    assert "B-cubed" in own.output and "100.0" in own.output
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "".join(
            json.dumps({"id": i, "story": "one", "event": "one"}) + "\n"
            for i in load_labels(FIXTURE, "topic")
        ),
        encoding="utf-8",
    )
    lumped = runner.invoke(app, ["eval", "clusters", "--gold", str(FIXTURE), "--pred", str(pred)])
    assert lumped.exit_code == 0, lumped.output
    assert "2 gold clusters, 1 predicted" in lumped.output
