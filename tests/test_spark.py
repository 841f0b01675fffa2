"""The Spark engine gives what one process gives, in the same order, and fails in one clear line."""

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline import parallel, pipeline, spark
from storyline.errors import UserError
from storyline.parallel import Engine, ordered_map
from storyline.render import renderer
from storyline.settings import PipelineSettings, Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CLUSTERS = Path(__file__).parent / "fixtures" / "summarize" / "clusters.jsonl"
MASTER = "local[2]"


@pytest.fixture(scope="module")
def spark_context():
    """One local Spark for the module (it takes seconds to start), stopped at the end.

    This module's helpers travel by value: Spark's workers cannot import a test module.
    """
    from pyspark import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    context = spark._context(MASTER)
    yield context
    context.stop()


def _on_spark() -> Settings:
    return dataclasses.replace(
        Settings(), pipeline=PipelineSettings(engine="spark", spark_master=MASTER)
    )


def _in_process() -> Settings:
    return dataclasses.replace(Settings(), pipeline=PipelineSettings(workers=1))


def _scaled_with_pid(item: int, factor: int) -> tuple[int, int]:
    return item * factor, os.getpid()


def _jobs(context) -> int:
    return len(context.statusTracker().getJobIdsForGroup())


def test_spark_keeps_order_and_runs_elsewhere(spark_context):
    """Several jobs of several tasks each (more items than one job takes), in order."""
    items = list(range(2 * spark._MAX_PARTITION * spark._PARTITIONS_PER_CORE * 2 + 5))
    results = list(ordered_map(_scaled_with_pid, items, (3,), Engine(spark_master=MASTER)))
    assert [value for value, _ in results] == [3 * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}  # Spark's Python workers did it


def test_digest_on_spark_is_byte_identical(spark_context, monkeypatch):
    """Cleaning and every story's digest on Spark: the same JSON as one process."""
    monkeypatch.setattr(parallel, "MIN_ARTICLES", 1)
    monkeypatch.setattr(parallel, "MIN_STORIES", 1)
    before = _jobs(spark_context)
    on_spark = renderer("json")(pipeline.digest([str(EXAMPLES)], _on_spark()))
    assert _jobs(spark_context) >= before + 2  # cleaning, then the stories, really ran there
    here = renderer("json")(pipeline.digest([str(EXAMPLES)], _in_process()))
    assert on_spark == here and '"summary"' in here


def test_batch_summaries_on_spark_are_the_same(spark_context, monkeypatch):
    from storyline.evaluate import summaries

    records = summaries.load_clusters(CLUSTERS)
    monkeypatch.setattr(parallel, "MIN_STORIES", 1)
    texts = [
        [s.text for s in summaries.summarize_clusters(records, CLUSTERS, settings)]
        for settings in (_on_spark(), _in_process())
    ]
    assert texts[0] == texts[1] and len(texts[0]) == len(records) and all(texts[0])


def test_an_empty_batch_on_spark_is_empty(spark_context):
    assert list(spark.ordered_map(_scaled_with_pid, [], (1,), MASTER)) == []


def test_small_batches_stay_here_without_starting_spark():
    results = list(ordered_map(_scaled_with_pid, range(5), (1,), Engine(spark_master=MASTER), 10))
    assert results == [(n, os.getpid()) for n in range(5)]


def test_another_master_in_the_same_process_is_refused(spark_context):
    with pytest.raises(UserError, match="already runs here with master local\\[2\\]"):
        spark._context("local[1]")


def test_without_pyspark_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if it were not installed
    with pytest.raises(UserError, match=r"pip install 'storyline\[spark\]'"):
        list(spark.ordered_map(_scaled_with_pid, [1, 2], (1,), MASTER))


def test_a_task_failure_names_the_python_error():
    java_message = (
        "org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 failed\n"
        "org.apache.spark.api.python.PythonException: Traceback (most recent call last):\n"
        '  File "worker.py", line 1, in main\n'
        "ModuleNotFoundError: No module named 'storyline'\n"
        "\tat org.apache.spark.api.python.BasePythonRunner.handlePythonException\n"
    )
    assert spark._python_error(java_message) == "ModuleNotFoundError: No module named 'storyline'"
    assert spark._python_error("py4j failure\nno details") == "no details"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"engine": "dask"}, "unknown engine 'dask'; one of: local, spark"),
        ({"spark_master": "localhost:7077"}, "spark_master must be a Spark master URL"),
        ({"workers": -1}, "workers must be 0"),
    ],
)
def test_bad_engine_settings_fail_when_read(values, message):
    with pytest.raises(UserError, match=message):
        PipelineSettings(**values)


def distinct_stories(count: int) -> list[str]:
    """`count` short reports that share no content word: each its own story."""
    stems = ["velmor", "quasset", "dranik", "pellow", "tarvon", "misket", "corbel", "fendra"]
    stories = []
    for number in range(count):
        town, river, firm, mayor, *more = [f"{chr(97 + number)}{stem}" for stem in stems]
        stories.append(
            f"{town.title()} {river} flood\n\n"
            f"The {river.title()} River burst its banks at {town.title()} on Monday. "
            f"{mayor.title()} said the {firm.title()} plant had closed. "
            f"Residents of {town.title()} spoke of {more[0]} and {more[1]} damage to {more[2]}.\n"
        )
    return stories


def test_cli_digest_on_spark_matches_local(tmp_path):
    """The command line's --spark-master (which implies --engine spark) on a batch of 20 stories:
    the same JSON as local processes, and nothing of Spark's log on stderr."""
    folder = tmp_path / "news"
    folder.mkdir()
    for number, text in enumerate(distinct_stories(20)):
        (folder / f"{number:02}.txt").write_text(text, encoding="utf-8")
    outputs = []
    for engine in (["--engine", "local"], ["--spark-master", MASTER]):
        done = subprocess.run(
            [sys.executable, "-m", "storyline", "digest", str(folder), "-f", "json", *engine],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert not [line for line in done.stderr.splitlines() if line.startswith("spark:")]
        assert "storyline: note" not in done.stderr  # Spark ran the stories: nothing to say
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["stories"]) >= 20


def test_cli_says_when_a_batch_was_too_small_for_spark():
    """The bundled example (12 articles, 3 stories) never starts Spark: the command says so."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyline",
            "digest",
            str(EXAMPLES),
            "-f",
            "json",
            "--engine",
            "spark",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == (
        "storyline: note: this batch ran in this process; Spark starts for 200 articles or 20 "
        "stories or more"
    )


def test_cli_bad_engine_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Dock strike\n\nDock workers began a strike.\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "digest", str(tmp_path), "--engine", "ray"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert done.stderr.strip() == "storyline: error: unknown engine 'ray'; one of: local, spark"
