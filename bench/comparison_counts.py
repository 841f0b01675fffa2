"""What the comparison finds on real news: claims, figures, conflicts and quotes, counted.

Multi-News dev (each of its 100 clusters as one story) and ECB+ (each of its 43 topics as one
story), every article its own origin, go through `compare` as a digest would run it. The counts
are the ones the README quotes for the figure, quote and claim rules; run with `PYTHONPATH`
pointing at an older checkout's `src/` to see what a rule changed. Skips a data set that is
absent. Writes bench/results/comparison_counts.json.

    .venv/bin/python bench/comparison_counts.py
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

from storyline.compare import compare, comparison_sections
from storyline.compare.quotes import find_quotes
from storyline.evaluate.clusters import load_labels
from storyline.evaluate.summaries import cluster_articles, load_clusters
from storyline.ingest import read_sources
from storyline.model import Claim, Document, Origin, Story
from storyline.pipeline import clean_all
from storyline.settings import Settings
from storyline.summarize.batch import clean_articles
from storyline.text.figures import sentence_figures

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results" / "comparison_counts.json"


def counts(stories: Sequence[Sequence[Document]], settings: Settings) -> dict:
    """Totals over the stories, each compared with every article its own origin."""
    total: Counter[str] = Counter()
    for k, documents in enumerate(stories):
        ids = tuple(d.id for d in documents)
        story = Story(f"s{k}", "", ids, tuple(Origin(i, (i,)) for i in ids))
        comparison = compare(story, {d.id: d for d in documents}, settings.compare)
        # a story of one origin has no Differs section unless its copies differ
        differs = [s for s in comparison_sections(comparison) if s.title == "Differs"]
        found = [q for d in documents for q in find_quotes(d)]
        total.update(
            claims=len(comparison.claims),
            agreed_claims=sum(c.support > 1 for c in comparison.claims),
            agreed_worded_with_a_figure_no_other_member_states=sum(
                c.support > 1 and _figure_of_its_own(c, documents) for c in comparison.claims
            ),
            figures=len(comparison.figures),
            conflicts=sum(f.conflict for f in comparison.figures),
            figures_changed_over_time=sum(bool(f.updated_by) for f in comparison.figures),
            quotes_found=len(found),
            quotes_named=sum(bool(q.speaker) for q in found),
            quotes_aligned=sum(len(q.variants) > 1 for q in comparison.quotes),
            differs_lines=sum(len(s.findings) for s in differs),
        )
        total.update(
            f"variants_{v.kind.replace(' ', '_')}"
            for q in comparison.quotes
            if len(q.variants) > 1
            for v in q.variants
        )
    return dict(sorted(total.items()))


def _figure_of_its_own(claim: Claim, documents: Sequence[Document]) -> bool:
    """Whether the claim is worded by a sentence holding a figure no other member states (the
    wording is one of the members): what the claim shows as agreed, one source alone says."""
    by_id = {d.id: d for d in documents}
    members = [by_id[c.article].sentences[c.sentence].text for c in claim.members]
    stated = Counter(chain.from_iterable(map(sentence_figures, members)))
    return any(stated[figure] < 2 for figure in sentence_figures(claim.text))


def multinews(settings: Settings) -> list[list[Document]]:
    path = DATA / "multinews-dev.jsonl"
    return [clean_articles(cluster_articles(c, path), settings) for c in load_clusters(path)]


def ecbplus(settings: Settings) -> list[list[Document]]:
    path = DATA / "ecbplus-clusters.jsonl"
    cleaned, _ = clean_all(read_sources([str(path)], settings.ingest).articles, settings)
    topics = load_labels(path, "topic")
    members: dict[str, list[Document]] = defaultdict(list)
    for document in cleaned:
        members[topics[document.id]].append(document)
    return [members[t] for t in sorted(members)]


def main() -> None:
    settings = Settings()
    columns: dict[str, dict] = {}
    for name, file, load in (
        ("Multi-News dev", "multinews-dev.jsonl", multinews),
        ("ECB+ topics", "ecbplus-clusters.jsonl", ecbplus),
    ):
        if (DATA / file).is_file():
            columns[name] = counts(load(settings), settings)
        else:
            print(f"skipped {name}: no {DATA / file}")
    if not columns:
        return
    keys = sorted({k for c in columns.values() for k in c})
    print("| count | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for key in keys:
        print(f"| {key} | " + " | ".join(f"{c.get(key, 0):,}" for c in columns.values()) + " |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(columns, indent=2) + "\n")


if __name__ == "__main__":
    main()
