"""The llm summarizer's check, measured without a model: which written sentences it keeps.

    .venv/bin/python bench/grounding.py [--limit N]

No language model runs here (none can be downloaded), but Multi-News comes with what a faithful
model should write: each cluster's reference summary, written by a person from the same
articles. Its sentences stand in for a faithful model's; altered copies for an unfaithful one's:

- faithful: the reference's sentences as written;
- figure changed: each reference sentence with a figure, its first figure changed (9 -> 12,
  four -> seven);
- name swapped: each with a name inside it, that name replaced by a name from another
  cluster's reference (a person or place the story never mentions);
- other story: the sentences of the next cluster's reference.

References carry no citation marks, so every sentence goes the way of a model's misnumbered one:
it is checked against the one or two story sentences that hold most of its words (the harder
case; a model's right numbers can only add sentences to check against). The sentences checked are those
the summarizer sends the model (`summarize/written.py` `source_sentences`, 2,500 words). A
person writes from the whole articles, so some faithful sentences state what no sent sentence
does, and a faithful sentence is left out then too: the faithful column is a floor on what a
faithful model keeps. The peers, in the same run, are the same check with one rule changed. Results go to
bench/results/grounding.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from storyline.dedup import find_origins
from storyline.evaluate.summaries import cluster_articles, load_clusters
from storyline.model import Story, stable_id
from storyline.settings import Settings
from storyline.summarize.batch import clean_articles
from storyline.summarize.grounding import Grounding, Source
from storyline.summarize.origins import story_origins
from storyline.summarize.written import source_sentences
from storyline.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "multinews-dev.jsonl"
RESULTS = ROOT / "bench" / "results" / "grounding.json"
KINDS = ("faithful", "figure changed", "name swapped", "other story")
_FIGURE = re.compile(r"\b\d+(?:,\d{3})*(?:\.\d+)?\b")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})*")


_SPELT = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_SPELT_FIGURE = re.compile(rf"\b(?:{'|'.join(_SPELT)})\b")


def changed_figure(sentence: str) -> str | None:
    """The sentence with its first figure changed to another, or None when it has none: digits
    (9 -> 12, 5,400 -> 10,800) or a number spelt out (four -> seven)."""
    match = _FIGURE.search(sentence)
    if match is not None:
        digits = match.group(0).replace(",", "")
        value = float(digits) if "." in digits else int(digits)
        other = f"{value + 3 if value < 100 else value * 2:,}"
    elif (match := _SPELT_FIGURE.search(sentence)) is not None:
        other = _SPELT[(_SPELT.index(match.group(0)) + 3) % len(_SPELT)]
    else:
        return None
    return sentence[: match.start()] + other + sentence[match.end() :]


def swapped_name(sentence: str, stranger: str) -> str | None:
    """The sentence with its first name inside it replaced by `stranger`, or None."""
    match = _NAME.search(sentence)
    if match is None or stranger.lower() in sentence.lower():
        return None
    return sentence[: match.start()] + stranger + sentence[match.end() :]


def reference_sentences(reference: str) -> list[str]:
    """The reference's sentences, without Multi-News's leading dash and short fragments."""
    text = reference.replace("–", " ").strip()
    return [s.text for s in split_sentences(text) if len(s.text.split()) >= 5]


# Each system is the check with some of its rules changed: (name, Grounding keyword arguments).
SYSTEMS: dict[str, dict] = {
    "storyline (1 or 2 sentences, half the words, figures, names)": {},
    "one sentence only": {"fused": 1},
    "three sentences": {"fused": 3},
    "without the name rule": {"names": False},
    "without the figure rule": {"figures": False},
    "a third of the words": {"share": 1 / 3},
    "two thirds of the words": {"share": 2 / 3},
}


Case = tuple[list[Source], dict[str, list[str]]]


def _stranger(names: list[str], k: int, story_text: str) -> str:
    """A name from the references of other clusters that this story's sentences never use."""
    picks = (names[(7919 * k + step) % len(names)] for step in range(len(names)))
    return next((n for n in picks if n.lower() not in story_text), "")


def cases(limit: int | None) -> list[Case]:
    """Per cluster: the sentences sent to a model, and the sentences of each kind."""
    settings = Settings()
    clusters = [c for c in load_clusters(DATA, limit) if c.references]
    references = [reference_sentences(c.references[0]) for c in clusters]
    names = [m.group(0) for sentences in references for s in sentences for m in _NAME.finditer(s)]
    made = []
    for k, cluster in enumerate(clusters):
        documents = clean_articles(cluster_articles(cluster, DATA), settings)
        ids = tuple(d.id for d in documents)
        story = Story(stable_id(*ids), "", ids, tuple(find_origins(documents, settings.dedup)))
        by_id = {d.id: d for d in documents}
        origins = story_origins(story, by_id)
        sources = source_sentences(origins, by_id, settings.summarize)
        if not sources:
            continue
        own = references[k]
        stranger = _stranger(names, k, " ".join(s.sentence.text for s in sources).lower())
        kinds = {
            "faithful": own,
            "figure changed": [c for c in map(changed_figure, own) if c],
            "name swapped": [c for c in (swapped_name(s, stranger) for s in own) if c],
            "other story": references[(k + 1) % len(references)],
        }
        made.append((sources, kinds))
        print(f"\r{k + 1}/{len(clusters)} clusters", end="", file=sys.stderr)
    print(file=sys.stderr)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N clusters")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"skipping: {DATA} not found (the evaluation data lives outside the project)")
        return
    made = cases(args.limit)
    counts = {kind: sum(len(k[kind]) for _, k in made) for kind in KINDS}
    rows = []
    for name, rules in SYSTEMS.items():
        checks = [(Grounding(sources, **rules), kinds) for sources, kinds in made]
        kept = {
            kind: sum(g.rests_on(s) is not None for g, kinds in checks for s in kinds[kind])
            for kind in KINDS
        }
        rows.append({"system": name, **{k: round(100 * kept[k] / counts[k], 1) for k in KINDS}})
    print(
        f"Multi-News dev: {len(made)} clusters; sentences checked: "
        + ", ".join(f"{kind} {counts[kind]:,}" for kind in KINDS)
    )
    print("\n% kept | " + " | ".join(KINDS) + " |")
    print("|---|" + "---:|" * len(KINDS))
    for row in rows:
        print(f"| {row['system']} | " + " | ".join(f"{row[k]}" for k in KINDS) + " |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"sentences": counts, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
