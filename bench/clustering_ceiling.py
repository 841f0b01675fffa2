"""How far bag-of-words can go at ECB+ topic level, even when handed the gold events.

    .venv/bin/python bench/clustering_ceiling.py

An ECB+ topic holds two different real events of one kind (two celebrity rehab check-ins, two
earthquakes), so grouping its articles into one story means telling "the same kind of happening"
from "a different kind", across different names, places and years. This script measures the
ceiling of word-based representations for that step: each gold event (86 of them, given for
free) becomes the centroid of its articles, and the events are merged by agglomerative clustering
with the linkage and cosine threshold that score best against the gold topics themselves. Two
oracles stack here (perfect events, a threshold tuned on the answer), so no word-based clusterer
of this kind should be expected to score above it. storyline's own stream result is shown beside
it for scale, and its own events merged the same way (the gap a better events-to-stories step
could close). Results go to bench/results/clustering_ceiling.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.cli.cluster import cluster_sources
from storyline.cluster import featurize
from storyline.evaluate.clusters import load_labels, score
from storyline.ingest import read_sources
from storyline.pipeline import clean_all
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "data" / "ecbplus-clusters.jsonl"
RESULTS = ROOT / "bench" / "results"
LINKAGES = ("average", "complete", "single")
THRESHOLDS = np.arange(0.30, 1.0, 0.01)


def ceiling_rows() -> list[dict]:
    """Topic B-cubed F1 of gold events merged at the best linkage and threshold, per representation."""
    settings = Settings()
    documents, _ = clean_all(read_sources([str(ECB)], settings.ingest).articles, settings)
    ids = [d.id for d in documents]
    topics, events = load_labels(ECB, "topic"), load_labels(ECB, "cluster")
    texts = [f"{d.article.title}\n{d.text}" for d in documents]
    leads = [f"{d.article.title}\n" + " ".join(s.text for s in d.sentences[:3]) for d in documents]
    representations = {
        "storyline's word features": _dense([featurize(d).terms for d in documents]),
        "storyline's name features": _dense([featurize(d).names for d in documents]),
        "TF-IDF word 1-2-grams, whole text": _tfidf(texts),
        "TF-IDF word 1-2-grams, title and lead": _tfidf(leads),
        # Names tell the two happenings of a topic apart; the kind of happening is in the rest.
        "TF-IDF of lower-case words only (no names), title and lead": _tfidf(
            [" ".join(w for w in text.split() if w.islower()) for text in leads]
        ),
        # Latent topics: words that occur in the same reports ("rehab", "treatment") meet.
        "LSA (100 dimensions) of TF-IDF words, title and lead": _lsa(leads, 100),
    }
    predicted, _ = cluster_sources([str(ECB)], Settings(), ignore_dates=True)
    s = score(topics, {r["id"]: r["story"] for r in predicted})
    rows = [
        {"system": "storyline stream (no gold input)", "bcubed_f1": round(100 * s.bcubed_f1, 1)}
    ]
    for name, matrix in representations.items():
        rows.append({"system": f"gold events + {name}", **_best_merge(ids, matrix, events, topics)})
    # The stream's own events, merged with the threshold tuned on the answer: how much of the gap
    # is the step from events to stories, and how much the events themselves.
    own = {r["id"]: r["event"] for r in predicted}
    for name in (
        "storyline's word features",
        "LSA (100 dimensions) of TF-IDF words, title and lead",
    ):
        merged = _best_merge(ids, representations[name], own, topics)
        rows.append({"system": f"storyline's own events + {name}", **merged})
    return rows


def _best_merge(ids: list[str], matrix: np.ndarray, events: dict, topics: dict) -> dict:
    """Merge gold-event centroids at every linkage and threshold; keep the best against gold."""
    names = sorted({events[i] for i in ids})
    rows_of = {e: [k for k, i in enumerate(ids) if events[i] == e] for e in names}
    centroids = np.array([matrix[rows_of[e]].sum(axis=0) for e in names])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    distances = 1.0 - centroids @ centroids.T
    best = {"bcubed_f1": -1.0}
    for linkage in LINKAGES:
        for threshold in THRESHOLDS:
            labels = AgglomerativeClustering(
                n_clusters=None,
                metric="precomputed",
                linkage=linkage,
                distance_threshold=threshold,
            ).fit_predict(distances)
            topic_of = dict(zip(names, labels))
            s = score(topics, {i: str(topic_of[events[i]]) for i in ids})
            if 100 * s.bcubed_f1 > best["bcubed_f1"]:
                best = {
                    "bcubed_f1": round(100 * s.bcubed_f1, 1),
                    "linkage": linkage,
                    "threshold": round(float(threshold), 2),
                }
    return best


def _tfidf(texts: list[str]) -> np.ndarray:
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    return vectorizer.fit_transform(texts).toarray()


def _lsa(texts: list[str], dimensions: int) -> np.ndarray:
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2).fit_transform(texts)
    return TruncatedSVD(dimensions, random_state=0).fit_transform(matrix)


def _dense(vectors: list[dict[str, float]]) -> np.ndarray:
    columns = {key: n for n, key in enumerate(sorted({k for v in vectors for k in v}))}
    matrix = np.zeros((len(vectors), len(columns)))
    for row, vector in enumerate(vectors):
        for key, weight in vector.items():
            matrix[row, columns[key]] = weight
    return matrix


def main() -> None:
    if not ECB.exists():
        print(f"skipping: {ECB} not found (the evaluation data lives outside the project)")
        return
    rows = ceiling_rows()
    width = max(len(r["system"]) for r in rows)
    print(f"{'system'.ljust(width)}  topic B3F1  linkage   threshold")
    for r in rows:
        linkage, threshold = r.get("linkage", ""), r.get("threshold", "")
        print(f"{r['system'].ljust(width)}  {r['bcubed_f1']:>10}  {linkage:<8}  {threshold}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "clustering_ceiling.json").write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
