"""Syndicated copies: how well origins find reprints, against simpler recipes, in one run.

    .venv/bin/python bench/syndication.py [--seed 1] [--limit N]

Real articles are the originals: the Multi-News dev documents of 150 words or more, read by path
from ../shared/data, minus any that shares 30% or more of its 3-word shingles with an earlier
article of its cluster (the data holds a few partial reprints of its own), so the originals are
distinct reports. The even-numbered clusters give the originals; the odd
ones only lend the unrelated text that extended and embedded reprints add, so no reprint holds
another original. Each original gets one reprint of each kind wire copy is reused in, made here
with a seeded generator:

- verbatim: the same text between another outlet's header and footer lines;
- trimmed: only the first 40 to 70% of its paragraphs;
- edited: 15% of its sentences dropped, a few words cut from others, a new headline;
- extended: a local outlet's two paragraphs added at the end (taken from an unrelated article);
- embedded: its first 60% of paragraphs inside a longer article (an unrelated one, split around it);
- damaged: scraping damage, one word gap in twenty glued shut and curly quotes made straight.

The other articles of the same Multi-News cluster tell the same story in other words: the hard
negatives, which must stay separate origins. Every text goes through the same cleaning, and each
system is scored on which articles it puts together: pairwise precision and recall against the
families (an original and its reprints), recall per kind of reprint, and how many same-story
pairs of different reports it wrongly joined. The peers, in the same run:

- exact: identical text after cleaning and lower-casing (what a content hash finds);
- MinHash Jaccard >= 0.5: datasketch's MinHashLSH over the same 3-word shingles at its usual
  threshold, the recipe near-duplicate detection usually starts from, pairs verified by the
  MinHash Jaccard estimate;
- MinHash Jaccard >= 0.3: the same recipe with a looser threshold, for recall.

Results go to bench/results/syndication.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.clean import clean_article
from storyline.dedup import containment, find_origins, word_shingles
from storyline.evaluate.clusters import score
from storyline.evaluate.summaries import load_clusters
from storyline.model import Article, Document
from storyline.settings import Settings
from storyline.text.document_words import text_words

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "multinews-dev.jsonl"
RESULTS = Path(__file__).resolve().parent / "results" / "syndication.json"
MIN_WORDS = 150  # shorter originals make trivial or degenerate reprints
REPEAT = 0.3  # an original sharing this much of its shingles with another is already a copy
KINDS = ("verbatim", "trimmed", "edited", "extended", "embedded", "damaged")
HEADER = "Published by the {outlet} news desk. Shared from our wire partners."
FOOTER = "Copyright {outlet}. All rights reserved. Follow us for more {outlet} coverage."


@dataclass(frozen=True, slots=True)
class Item:
    """One article of the benchmark corpus, with its family (the original it copies) and story."""

    id: str
    text: str
    family: str
    story: int
    kind: str  # "original" or one of KINDS


def originals(path: Path, limit: int | None, settings: Settings) -> list[Item]:
    """Distinct Multi-News articles of MIN_WORDS or more, with the cluster they come from."""
    items: list[Item] = []
    for story, cluster in enumerate(load_clusters(path, limit)):
        kept: list[np.ndarray] = []
        for doc in cluster.documents:
            text = doc.text.strip()
            words = text_words(clean_article(Article("x", "x", text), settings.clean))
            shingles = word_shingles(words, 3)
            if len(words) < MIN_WORDS or any(containment(shingles, k) >= REPEAT for k in kept):
                continue
            kept.append(shingles)
            key = hashlib.sha1(text.encode()).hexdigest()[:12]
            items.append(Item(f"o{key}", text, key, story, "original"))
    return items


def reprints(sources: Sequence[Item], fillers: Sequence[Item], seed: int) -> list[Item]:
    """One reprint of every kind for every original; added text comes from its own filler.

    Each original gets a filler no other original gets: two reprints that shared a host article
    would share its text, which joins two families in no real corpus.
    """
    hosts = list(fillers)
    random.Random(seed).shuffle(hosts)
    made = []
    for item, filler in zip(sources, hosts, strict=False):
        rng = random.Random(f"{seed}:{item.id}")
        for kind in KINDS:
            text = _REPRINT[kind](_paragraphs(item.text), rng, _paragraphs(filler.text))
            made.append(Item(f"{kind}-{item.id}", text, item.family, item.story, kind))
    return made


def _paragraphs(text: str) -> list[str]:
    found = [p.strip() for p in text.split("\n") if p.strip()]
    if len(found) > 1:
        return found
    sentences = text.replace(". ", ".\n").split("\n")  # one block: cut it in sentence groups
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


def _verbatim(paras: list[str], rng: random.Random, filler: list[str]) -> str:
    outlet = f"Outlet {rng.randrange(1000)}"
    return "\n\n".join([HEADER.format(outlet=outlet), *paras, FOOTER.format(outlet=outlet)])


def _trimmed(paras: list[str], rng: random.Random, filler: list[str]) -> str:
    keep = max(1, round(len(paras) * rng.uniform(0.4, 0.7)))
    return "\n\n".join(paras[:keep])


def _edited(paras: list[str], rng: random.Random, filler: list[str]) -> str:
    edited = []
    for para in paras:
        sentences = [s for s in para.split(". ") if rng.random() >= 0.15]
        words = [w for w in ". ".join(sentences).split() if rng.random() >= 0.03]
        if words:
            edited.append(" ".join(words))
    return "\n\n".join([f"Update {rng.randrange(1, 9)}: what we know so far", *edited])


def _extended(paras: list[str], rng: random.Random, filler: list[str]) -> str:
    return "\n\n".join([*paras, *filler[:2]])


def _embedded(paras: list[str], rng: random.Random, filler: list[str]) -> str:
    keep = max(1, round(len(paras) * 0.6))
    half = len(filler) // 2
    return "\n\n".join([*filler[:half], *paras[:keep], *filler[half:]])


def _damaged(paras: list[str], rng: random.Random, filler: list[str]) -> str:
    def glue(para: str) -> str:
        words = para.split(" ")
        out = [words[0]]
        for word in words[1:]:
            out[-1:] = [out[-1] + word] if rng.random() < 0.05 else [out[-1], word]
        return " ".join(out)

    straight = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})
    return "\n\n".join(glue(p).translate(straight) for p in paras)


_REPRINT: dict[str, Callable[[list[str], random.Random, list[str]], str]] = {
    "verbatim": _verbatim,
    "trimmed": _trimmed,
    "edited": _edited,
    "extended": _extended,
    "embedded": _embedded,
    "damaged": _damaged,
}


def clean(items: Sequence[Item], settings: Settings) -> list[Document]:
    """Every item cleaned as storyline cleans any article (undated: matched by content alone)."""
    return [
        clean_article(Article(item.id, f"bench:{item.id}", item.text), settings.clean)
        for item in items
    ]


def storyline_labels(documents: Sequence[Document], settings: Settings) -> dict[str, str]:
    return {m: o.id for o in find_origins(documents, settings.dedup) for m in o.members}


def exact_labels(documents: Sequence[Document]) -> dict[str, str]:
    return {d.id: hashlib.sha1(d.text.lower().encode()).hexdigest() for d in documents}


def jaccard_labels(documents: Sequence[Document], threshold: float) -> dict[str, str]:
    """datasketch MinHashLSH at `threshold`, candidate pairs kept when their estimate reaches it."""
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    signatures = {}
    parent = {d.id: d.id for d in documents}
    for document in documents:
        words = text_words(document)
        signature = MinHash(num_perm=128, seed=1)
        signature.update_batch(
            " ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2))
        )
        for other in lsh.query(signature):
            if signature.jaccard(signatures[other]) >= threshold:
                parent[_root(parent, document.id)] = _root(parent, other)
        lsh.insert(document.id, signature)
        signatures[document.id] = signature
    return {d.id: _root(parent, d.id) for d in documents}


def _root(parent: dict[str, str], item: str) -> str:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def evaluate(items: Sequence[Item], labels: dict[str, str]) -> dict:
    """Pairwise precision/recall against the families, recall per kind, false same-story joins."""
    family = {i.id: i.family for i in items}
    scores = score(family, labels)
    original = {i.family: i.id for i in items if i.kind == "original"}
    recall = {
        kind: 100
        * statistics.mean(
            labels[i.id] == labels[original[i.family]] for i in items if i.kind == kind
        )
        for kind in KINDS
    }
    reports = [i for i in items if i.kind == "original"]
    wrong = sum(
        labels[a.id] == labels[b.id]
        for n, a in enumerate(reports)
        for b in reports[n + 1 :]
        if a.story == b.story
    )
    return {
        "pairwise_precision": round(100 * scores.pairwise_precision, 2),
        "pairwise_recall": round(100 * scores.pairwise_recall, 2),
        "pairwise_f1": round(100 * scores.pairwise_f1, 2),
        "recall_by_kind": {k: round(v, 1) for k, v in recall.items()},
        "same_story_joined": wrong,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(
            f"skipped: {args.data} not found (the benchmark needs ../shared/data)", file=sys.stderr
        )
        return 0
    settings = Settings()
    articles = originals(args.data, args.limit, settings)
    fillers = [a for a in articles if a.story % 2]
    sources = [a for a in articles if a.story % 2 == 0][: len(fillers)]  # one filler each
    items = sources + reprints(sources, fillers, args.seed)
    documents = clean(items, settings)
    same_story = sum(a.story == b.story for n, a in enumerate(sources) for b in sources[n + 1 :])
    print(
        f"{len(sources)} originals from {len({s.story for s in sources})} stories, "
        f"{len(items) - len(sources)} reprints, {same_story} same-story pairs of different reports"
    )
    systems = {
        "storyline (LSH + containment >= 0.4)": lambda: storyline_labels(documents, settings),
        "exact text": lambda: exact_labels(documents),
        "MinHash Jaccard >= 0.5": lambda: jaccard_labels(documents, 0.5),
        "MinHash Jaccard >= 0.3": lambda: jaccard_labels(documents, 0.3),
    }
    rows = []
    for name, run in systems.items():
        start = time.process_time()
        labels = run()
        rows.append(
            {
                "system": name,
                **evaluate(items, labels),
                "cpu_s": round(time.process_time() - start, 2),
            }
        )
    _print(rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"seed": args.seed, "rows": rows}, indent=2) + "\n")
    return 0


def _print(rows: list[dict]) -> None:
    width = max(len(r["system"]) for r in rows)
    kinds = "  ".join(f"{k[:8]:>8}" for k in KINDS)
    print(f"{'system'.ljust(width)}  {'P':>6}  {'R':>6}  {'F1':>6}  {kinds}  joined  cpu s")
    for r in rows:
        recall = "  ".join(f"{r['recall_by_kind'][k]:>8}" for k in KINDS)
        print(
            f"{r['system'].ljust(width)}  {r['pairwise_precision']:>6}  {r['pairwise_recall']:>6}  "
            f"{r['pairwise_f1']:>6}  {recall}  {r['same_story_joined']:>6}  {r['cpu_s']:>5}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
