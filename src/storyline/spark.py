"""The Spark engine: a batch's per-item work run by a Spark cluster, results in input order.

For archives larger than one machine digests in good time (`[pipeline] engine = "spark"`,
optional: `pip install 'storyline[spark]'` and Java 17). Spark's executors clean the articles
and summarise and compare each story; reading the sources, finding syndicated copies and the
story stream stay on this machine, where the stream's order is kept (an article joins the
stories before it). The output is the same as one process's, byte for byte.

Executors need this version of storyline installed; with a local master they run this Python.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from storyline.errors import UserError

T = TypeVar("T")
R = TypeVar("R")

# A Spark task costs tens of milliseconds whatever it holds (the item a few), so tasks are large:
# a few per core in each job (results come back, and progress shows, job by job; a few per core
# keep every core busy while the slowest finishes), at most this many items each.
_PARTITIONS_PER_CORE = 4
_MAX_PARTITION = 256
_INSTALL_HINT = (
    "the spark engine needs pyspark and Java 17 or later: pip install 'storyline[spark]'"
)


def ordered_map(
    function: Callable[..., R], items: Sequence[T], context: tuple[Any, ...], master: str
) -> Iterator[R]:
    """`function(item, *context)` for each item, computed by Spark's executors, in input order.

    `function` must be importable by name on the executors (a module-level function); the
    context travels once, as a broadcast, and is released when the batch is done.
    """
    spark = _context(master)
    shared = spark.broadcast(context)
    partitions = _PARTITIONS_PER_CORE * spark.defaultParallelism
    size = max(1, min(_MAX_PARTITION, -(-len(items) // partitions)))  # items per task
    try:
        for start in range(0, len(items), size * partitions):
            batch = list(items[start : start + size * partitions])
            rdd = spark.parallelize(batch, -(-len(batch) // size)).mapPartitions(
                _Apply(function, shared)
            )
            yield from _collect(rdd)
    finally:
        shared.unpersist()


class _Apply:
    """The per-partition task; a class, not a closure, so that it pickles small and by name."""

    def __init__(self, function: Callable[..., Any], shared: Any) -> None:
        self.function = function
        self.shared = shared

    def __call__(self, items: Iterable[Any]) -> Iterator[Any]:
        context = self.shared.value
        return (self.function(item, *context) for item in items)


def _collect(rdd: Any) -> list[Any]:
    """The job's results; an executor that cannot import storyline is the user's to fix."""
    from py4j.protocol import Py4JJavaError

    try:
        return rdd.collect()
    except Py4JJavaError as exc:
        reason = _python_error(str(exc.java_exception))
        if "ModuleNotFoundError" in reason or "ImportError" in reason:
            raise UserError(
                f"Spark's executors could not load storyline's code ({reason}): install this "
                "version of storyline where they run, or set PYSPARK_PYTHON to a Python that has it"
            ) from None
        raise


def _python_error(java_message: str) -> str:
    """The Python error inside a Spark failure ("ModuleNotFoundError: ..."), else its last line."""
    lines = [line.strip() for line in java_message.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"[\w.]+(Error|Exception): ", line)]
    python = [line for line in errors if not line.startswith(("org.", "java.", "py4j."))]
    return (python or lines or ["unknown error"])[-1]


def _context(master: str) -> Any:
    """This process's SparkContext for `master`, started on first use (a few seconds)."""
    try:
        from py4j.protocol import Py4JError
        from pyspark import SparkConf, SparkContext
    except ImportError:
        raise UserError(_INSTALL_HINT) from None
    conf = SparkConf().setMaster(master).setAppName("storyline")
    conf.set("spark.ui.showConsoleProgress", "false")  # the command draws its own progress bar
    if master.startswith("local"):
        _configure_local(conf)
    try:
        spark = SparkContext.getOrCreate(conf)  # the running one, if this process started one
    except (RuntimeError, Py4JError) as exc:  # no Java (a RuntimeError), or Spark refused
        reason = _python_error(str(getattr(exc, "java_exception", exc)))
        raise UserError(f"could not start Spark with master {master}: {reason}") from None
    if spark.master != master:
        raise UserError(
            f"Spark already runs here with master {spark.master}; cannot switch to {master}"
        )
    spark.setLogLevel("ERROR")
    _stop_at_exit(spark)
    return spark


@cache  # once per context
def _stop_at_exit(spark: Any) -> None:
    """Stop the context when the command ends, so that a cluster sees the application finish
    (it would otherwise see its driver vanish, and a local cluster's workers log errors)."""
    atexit.register(spark.stop)


def _configure_local(conf: Any) -> None:
    """A local master runs as this user's tool: this Python, loopback only, no web UI, and
    Spark's log kept to errors (the CLI's stderr is for skipped sources and warnings)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # read by the JVM when it starts
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # pyspark's default: python3 on PATH
    log_config = resources.files("storyline").joinpath("spark-log4j2.properties")
    conf.set("spark.ui.enabled", "false")
    conf.set("spark.driver.host", "127.0.0.1")
    conf.set("spark.driver.bindAddress", "127.0.0.1")
    conf.set("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log_config}")
