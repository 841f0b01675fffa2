"""Story/event clustering benchmark: quality on ECB+ against TF-IDF baselines, speed on a stream.

    .venv/bin/python bench/clustering.py                 # quality, then speed at 10k, 30k, 100k
    .venv/bin/python bench/clustering.py --sizes 2000    # a quick run while developing

Quality: ../shared/data/ecbplus-clusters.jsonl read the way `storyline eval clusters` reads it.
storyline clusters it by content alone (the records' scraped date strings are not publication
dates of the events; the dated run is shown too). Baselines: TF-IDF (word 1-2-grams) with
average-link agglomerative clustering at the cosine threshold that scores best on the gold itself
(an upper bound for that recipe), and KMeans given the gold number of clusters.

Speed: a synthetic stream (deterministic seed, 300-600 words per article, many stories lasting a
few days, 10% syndicated copies) goes through OriginIndex.add and StreamClusterer.add one article
at a time, each size in its own process so peak memory is its own, in one process as `storyline
cluster` runs. `--processes 2` adds a run with a second process that generates the stream and
computes the clustering features (see speed()); it is no longer faster, because in one process
dedup and the features share each article's tokens. Results go to bench/results/.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from wordfreq import top_n_list

from storyline.cli.cluster import cluster_sources
from storyline.cluster import StreamClusterer, featurize
from storyline.dedup import OriginIndex
from storyline.evaluate.clusters import bcubed_f1_interval, load_labels, score
from storyline.model import Article, Document, Sentence
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "data" / "ecbplus-clusters.jsonl"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews-dev.jsonl"
RESULTS = ROOT / "bench" / "results"
LEVELS = {"topic": "story", "cluster": "event"}


def quality() -> list[dict]:
    """B-cubed and pairwise F1 of storyline and the two baselines at both levels."""
    gold = {label: load_labels(ECB, label) for label in LEVELS}
    rows = []
    for name, ignore_dates in (
        ("storyline (content alone)", True),
        ("storyline (with dates)", False),
    ):
        predicted, _ = cluster_sources([str(ECB)], Settings(), ignore_dates)
        for label, field in LEVELS.items():
            rows.append(_row(name, label, gold[label], {r["id"]: r[field] for r in predicted}))
    ids, texts = _ecb_texts()
    matrix = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, stop_words="english"
    ).fit_transform(texts)
    distances = 1.0 - (matrix @ matrix.T).toarray()
    for label in LEVELS:
        labels = [gold[label][i] for i in ids]
        rows.append(_best_agglomerative(ids, distances, gold[label], label))
        k = len(set(labels))
        kmeans = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(matrix)
        rows.append(_row(f"TF-IDF + KMeans (gold k={k})", label, gold[label], _named(ids, kmeans)))
    return rows


def multinews() -> list[dict]:
    """storyline on Multi-News dev: each of its 100 clusters is one story, told by 2-10 outlets.

    A second, unlike corpus (long articles, no titles, no dates) to choose story thresholds on,
    so they are not fitted to ECB+ alone. Both levels are scored against the one story label.
    """
    gold: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "multinews.jsonl"
        with MULTINEWS.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
            for line in source:
                record = json.loads(line)
                for n, document in enumerate(record["documents"]):
                    gold[f"{record['id']}-{n}"] = record["id"]
                    out.write(
                        json.dumps({"id": f"{record['id']}-{n}", "text": document["text"]}) + "\n"
                    )
        predicted, _ = cluster_sources([str(path)], Settings())
    return [
        {
            **_row(
                "storyline on Multi-News dev", "topic", gold, {r["id"]: r[field] for r in predicted}
            ),
            "level": field,
        }
        for field in ("story", "event")
    ]


def _ecb_texts() -> tuple[list[str], list[str]]:
    ids, texts = [], []
    with ECB.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["text"].strip():
                ids.append(record["id"])
                texts.append(f"{record['title']}\n{record['text']}")
    return ids, texts


def _best_agglomerative(ids: list[str], distances: np.ndarray, gold: dict, label: str) -> dict:
    """The threshold with the best B-cubed F1 on the gold; only its row gets an interval."""
    best = None
    for threshold in np.arange(0.50, 1.0, 0.01):
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        )
        predicted = _named(ids, model.fit_predict(distances))
        f1 = round(100 * score(gold, predicted).bcubed_f1, 2)  # as the table shows it
        if best is None or f1 > best[0]:
            best = (f1, predicted, round(float(threshold), 2))
    _, predicted, threshold = best
    return {
        **_row("TF-IDF + agglomerative (gold-tuned)", label, gold, predicted),
        "threshold": threshold,
    }


def _named(ids: list[str], labels) -> dict[str, str]:
    return {i: str(label) for i, label in zip(ids, labels)}


def _row(system: str, label: str, gold: dict, predicted: dict) -> dict:
    s = score(gold, predicted)
    low, high = bcubed_f1_interval(gold, predicted)
    return {  # two decimals: the bars are compared with these, and 91.98 is not 92
        "system": system,
        "level": "topic" if label == "topic" else "event",
        "bcubed_precision": round(100 * s.bcubed_precision, 2),
        "bcubed_recall": round(100 * s.bcubed_recall, 2),
        "bcubed_f1": round(100 * s.bcubed_f1, 2),
        # how far F1 could move on another sample of stories: gold clusters resampled
        "bcubed_f1_95": f"{100 * low:.1f}-{100 * high:.1f}",
        "pairwise_f1": round(100 * s.pairwise_f1, 2),
        "clusters": s.predicted_clusters,
    }


# ------------------------------------------------------------------ synthetic stream


class Stream:
    """A deterministic synthetic news stream: many stories, each a few days long, with reprints."""

    def __init__(self, size: int, seed: int = 7) -> None:
        self.size = size
        self.rng = random.Random(seed)
        # Real English words by frequency (wordfreq's bundled list), so common words weigh little.
        self.vocabulary = [w for w in top_n_list("en", 30000) if w.isalpha()][:20000]
        self.weights = list(np.cumsum([1.0 / (rank + 1) for rank in range(len(self.vocabulary))]))

    def documents(self):
        """Articles in publication order; about 20 per story, 25 stories running at a time."""
        day_length = max(1, self.size // 365)
        active: list[dict] = []
        history: deque[tuple[str, list[str]]] = deque(maxlen=50)  # recent articles, to reprint
        for n in range(self.size):
            day = n // day_length
            active = [s for s in active if s["until"] >= day] or [self._story(day)]
            if len(active) < 25 or self.rng.random() < 0.05:
                active.append(self._story(day))
            story = self.rng.choice(active)
            if history and self.rng.random() < 0.1:
                title, sentences = self.rng.choice(history)
                sentences = sentences[: self.rng.randint(len(sentences) // 2, len(sentences))]
            else:
                title, sentences = self._article(story)
                history.append((title, sentences))
            yield _document(f"a{n}", title, sentences, day)

    def _story(self, day: int) -> dict:
        names = [self._name() for _ in range(4)]
        words = self.rng.sample(self.vocabulary[2000:], 25)
        figures = [str(self.rng.randint(10, 99999)) for _ in range(3)]
        return {
            "id": self.rng.random(),
            "until": day + self.rng.randint(1, 6),
            "names": names,
            "words": words,
            "figures": figures,
        }

    def _article(self, story: dict) -> tuple[str, list[str]]:
        length = self.rng.randint(300, 600)
        sentences, count = [], 0
        while count < length:
            words = self.rng.choices(
                self.vocabulary, cum_weights=self.weights, k=self.rng.randint(12, 28)
            )
            for _ in range(self.rng.randint(4, 8)):
                pool = self.rng.choice(
                    (story["names"], story["words"], story["words"], story["figures"])
                )
                words.insert(self.rng.randrange(len(words)), self.rng.choice(pool))
            count += len(words)
            sentences.append(words[0].capitalize() + " " + " ".join(words[1:]) + ".")
        title = " ".join([story["names"][0], *self.rng.sample(story["words"], 4)])
        return title, sentences

    def _name(self) -> str:
        """An invented capitalised name, as rare to wordfreq as most real surnames."""
        syllables = (
            "ka",
            "lo",
            "mi",
            "ten",
            "ra",
            "su",
            "vel",
            "dor",
            "an",
            "is",
            "pe",
            "tru",
            "gon",
        )
        return "".join(
            self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4))
        ).capitalize()


def _document(article_id: str, title: str, sentences: list[str], day: int) -> Document:
    """A Document built directly: the stream measures dedup and clustering, not cleaning."""
    spans, offset = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(index, offset, offset + len(sentence), sentence))
        offset += len(sentence) + 1
    article = Article(
        article_id, "synthetic", " ".join(sentences), title=title, published=_day(day)
    )
    return Document(article, article.text, tuple(spans), "en")


def _day(day: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(1893456000 + 86400 * day))


def speed(size: int, workers: int) -> dict:
    """Articles per second through dedup and clustering, and peak memory.

    With one process, only the time inside OriginIndex.add and StreamClusterer.add counts. With
    two, a second process generates the stream and computes each article's clustering features
    (they depend on the article alone) while this one runs dedup and the clusterer; the time
    is then the whole pipeline's, stream generation included, and CPU and peak memory are the
    sum of both processes.
    """
    settings = Settings()
    origins, clusterer = OriginIndex(settings.dedup), StreamClusterer(settings.cluster)
    stories: set[str] = set()
    if workers == 1:
        spent = cpu = 0.0
        for document in Stream(size).documents():
            start, start_cpu = time.perf_counter(), time.process_time()
            assignment = clusterer.add(document, origins.add(document))
            spent += time.perf_counter() - start
            cpu += time.process_time() - start_cpu  # CPU time: fair on a shared machine
            stories.add(assignment.story_id)
        peak_mb = _peak_mb(resource.RUSAGE_SELF)
    else:
        start, start_cpu = time.perf_counter(), time.process_time()
        context = multiprocessing.get_context("fork")
        queue = context.Queue(maxsize=8)  # a few batches in flight: bounded memory
        worker = context.Process(target=_produce, args=(size, queue))
        worker.start()
        while (batch := queue.get()) is not None:
            for document, features in batch:
                stories.add(clusterer.add(document, origins.add(document), features).story_id)
        worker.join()
        spent = time.perf_counter() - start
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = time.process_time() - start_cpu + children.ru_utime + children.ru_stime
        peak_mb = _peak_mb(resource.RUSAGE_SELF) + _peak_mb(resource.RUSAGE_CHILDREN)
    return {
        "articles": size,
        "processes": workers,
        "wall_s": round(spent, 1),
        "cpu_s": round(cpu, 1),
        "articles_per_s": round(size / spent),
        "cpu_ms_per_article": round(1000 * cpu / size, 2),  # the figure a busy machine moves least
        "peak_rss_mb": round(peak_mb),
        "stories": len(stories),
    }


_BATCH = 500  # articles per message between the two processes: amortises pickling overhead


def _produce(size: int, queue) -> None:
    """The worker: the stream's articles with their clustering features, in batches, then None."""
    batch = []
    for document in Stream(size).documents():
        batch.append((document, featurize(document)))
        if len(batch) == _BATCH:
            queue.put(batch)
            batch = []
    queue.put(batch)
    queue.put(None)


def _peak_mb(who: int) -> float:
    """Peak resident memory in MB.

    For this process, Linux's VmHWM when there is one: ru_maxrss survives exec, so a speed child
    would report the peak of the parent that launched it (after the quality run, ~700 MB).
    """
    status = Path("/proc/self/status")
    if who == resource.RUSAGE_SELF and status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(who).ru_maxrss / 1024


def _table(rows: list[dict], columns: list[str]) -> str:
    widths = [max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(str(r.get(c, "")).ljust(w) for c, w in zip(columns, widths)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000])
    parser.add_argument("--processes", type=int, nargs="*", default=[1], choices=[1, 2])
    parser.add_argument(
        "--speed-only", type=int, nargs=2, help=argparse.SUPPRESS
    )  # size, processes
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    if args.speed_only:
        print(json.dumps(speed(*args.speed_only)))
        return
    results: dict = {"quality": []}
    columns = [
        "system",
        "level",
        "bcubed_precision",
        "bcubed_recall",
        "bcubed_f1",
        "bcubed_f1_95",
        "pairwise_f1",
        "clusters",
        "threshold",
    ]
    for path, measure in ((ECB, quality), (MULTINEWS, multinews)):
        if args.skip_quality:
            break
        if not path.is_file():
            print(f"skipping quality on {path.name}: not found (it lives outside the project)")
            continue
        rows = measure()
        results["quality"] += rows
        print(_table(rows, columns), flush=True)
    results["speed"] = []
    for processes, size in itertools.product(args.processes, args.sizes):
        child = subprocess.run(  # each in a child process, so peak memory is that run's own
            [sys.executable, __file__, "--speed-only", str(size), str(processes)],
            capture_output=True,
            text=True,
            check=True,
        )
        results["speed"].append(json.loads(child.stdout))
        print(_table(results["speed"][-1:], list(results["speed"][-1])), flush=True)
    if results["speed"]:
        print(_table(results["speed"], list(results["speed"][0])))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "clustering.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
