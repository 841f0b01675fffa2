"""Cluster scores against hand-computed values, the loaders, and the two CLI commands."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.errors import UserError
from storyline.evaluate.clusters import (
    bcubed_f1_interval,
    bcubed_f1_on,
    load_labels,
    load_predictions,
    score,
)

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


def test_bcubed_interval_holds_the_score_and_is_a_point_for_a_perfect_clustering():
    gold = {f"{topic}-{n}": topic for topic in "abcdefgh" for n in range(4)}
    perfect = {item: label for item, label in gold.items()}
    assert bcubed_f1_interval(gold, perfect) == pytest.approx((1.0, 1.0))
    # two topics lumped, one split in two: the score depends on which topics a sample holds
    rough = {**perfect, "b-0": "a", "b-1": "a", "b-2": "a", "b-3": "a", "c-0": "c2", "c-1": "c2"}
    low, high = bcubed_f1_interval(gold, rough)
    assert low < score(gold, rough).bcubed_f1 < high <= 1.0
    assert high - low > 0.05
    assert bcubed_f1_interval(gold, rough) == (low, high)  # a fixed seed: the same every time


def test_a_part_of_the_gold_is_scored_with_the_whole_clustering():
    gold = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}
    joined = {item: "one" for item in gold}  # both gold clusters in one predicted cluster
    # cut down to A's items the join is invisible; each A item keeps its precision of 1/2
    assert score({"a1": "A", "a2": "A"}, joined).bcubed_f1 == 1.0
    assert bcubed_f1_on(gold, joined, ["a1", "a2"]) == pytest.approx(2 / 3)
    # over every item it is the whole score
    assert bcubed_f1_on(gold, joined, gold) == pytest.approx(score(gold, joined).bcubed_f1)


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
    assert "B-cubed F1 95% interval: 100.0 - 100.0" in own.output
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


def test_eval_clusters_counts_one_article_in_the_singular(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "topic": "t", "cluster": "c"}\n', encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "a", "story": "s", "event": "e"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "clusters", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    assert "topic vs story: 1 article, 1 gold cluster, 1 predicted" in result.output


def test_cluster_counts_are_in_the_right_number_and_rerun_skips_its_own_output(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "articles.jsonl").write_bytes(FIXTURE.read_bytes())
    out = folder / "clusters.jsonl"  # written into the folder it reads
    runner = CliRunner()
    first = runner.invoke(app, ["cluster", str(folder), "--output", str(out)])
    written = out.read_bytes()
    second = runner.invoke(app, ["cluster", str(folder), "--output", str(out)])
    assert first.exit_code == second.exit_code == 0, second.output
    assert out.read_bytes() == written  # the first run's output was not read as articles
    assert second.output == first.output and "clusters.jsonl" not in second.output
    lone = tmp_path / "lone.jsonl"
    lone.write_text(FIXTURE.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    one = runner.invoke(app, ["cluster", str(lone)])
    assert "1 article, 1 independent origin, 1 story, 1 event" in one.output


def test_cluster_output_that_cannot_be_written_fails_before_reading(tmp_path, monkeypatch):
    import storyline.ingest

    def never(*args, **kwargs):
        raise AssertionError("read the sources before checking the output")

    monkeypatch.setattr(storyline.ingest, "read_sources", never)
    for output, problem in (
        (tmp_path / "no" / "such" / "out.jsonl", f"no directory {tmp_path / 'no' / 'such'}"),
        (tmp_path, "it is a directory"),
    ):
        result = CliRunner().invoke(app, ["cluster", str(FIXTURE), "--output", str(output)])
        assert isinstance(result.exception, UserError), result.output
        assert str(result.exception) == f"cannot write {output}: {problem}"


def test_eval_clusters_says_what_has_no_prediction(tmp_path):
    runner = CliRunner()
    pred = tmp_path / "pred.jsonl"
    ids = list(load_labels(FIXTURE, "topic"))
    pred.write_text(
        "".join(json.dumps({"id": i, "story": "s", "event": "e"}) + "\n" for i in ids[1:]),
        encoding="utf-8",
    )
    partial = runner.invoke(app, ["eval", "clusters", "--gold", str(FIXTURE), "--pred", str(pred)])
    assert partial.exit_code == 0, partial.output
    assert f"1 of {len(ids)} gold articles have no prediction" in partial.output
    pred.write_text('{"id": "elsewhere", "story": "s", "event": "e"}\n', encoding="utf-8")
    wrong = runner.invoke(app, ["eval", "clusters", "--gold", str(FIXTURE), "--pred", str(pred)])
    assert isinstance(wrong.exception, UserError)
    assert "no article of the gold file has a prediction" in str(wrong.exception)
    both = ["eval", "clusters", "--gold", str(FIXTURE), "--pred", str(pred), "--ignore-dates"]
    ignored = runner.invoke(app, both)
    assert ignored.exit_code == 2 and "--ignore-dates" in ignored.output


def test_a_folder_given_as_a_jsonl_file_is_named_as_one(tmp_path):
    result = CliRunner().invoke(app, ["eval", "clusters", "--gold", str(tmp_path)])
    assert str(result.exception) == f"{tmp_path} is a directory: give the JSON Lines file itself"
