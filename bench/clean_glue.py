"""How well glued-word repair works: glue injected into real text, then repaired.

Takes the cleaned text of every Multi-News article, glues a seeded random 2% of adjacent word
pairs ("violent crackdown" -> "violentcrackdown") and drops the space after 2% of commas between
words, runs the clean stage's repairs on the damaged text, and counts: glues restored exactly
(recall), repairs that were not injected damage (false repairs, on real words of the corpus),
and glues left alone. Writes bench/results/clean_glue.json. Skips when the data is absent.

    .venv/bin/python bench/clean_glue.py [--data ../shared] [--rate 0.02] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from storyline.clean import clean_article
from storyline.clean.glue import split_glued_words
from storyline.clean.repair import space_after_punctuation
from storyline.settings import CleanSettings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clean import multinews_articles

ROOT = Path(__file__).resolve().parent.parent
PAIR = re.compile(r"(?<![\w'’-])([A-Za-z]+) ([a-z]+)(?![\w'’-])")
COMMA = re.compile(r"(?<=[a-z]), (?=[a-z])")


def damage(text: str, rate: float, rng: random.Random) -> tuple[str, dict[str, str], Counter]:
    """`text` with some word pairs glued and some comma spaces dropped; damaged -> original."""
    injected: dict[str, str] = {}
    made: Counter[str] = Counter()

    def glue(match: re.Match[str]) -> str:
        if rng.random() >= rate:
            return match.group(0)
        injected[match.group(1) + match.group(2)] = match.group(0)
        made["injected glue"] += 1
        return match.group(1) + match.group(2)

    def drop_space(match: re.Match[str]) -> str:
        if rng.random() >= rate:
            return match.group(0)
        made["dropped comma spaces"] += 1
        return ","

    text = PAIR.sub(glue, text)
    return COMMA.sub(drop_space, text), injected, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rate", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    corpus = args.data / "data" / "multinews-dev.jsonl"
    if not corpus.is_file():
        sys.exit(f"skipped: {corpus} not found")
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    false_repairs: list[str] = []
    missed: list[str] = []
    for article in multinews_articles(corpus):
        document = clean_article(article, CleanSettings())
        if document.language != "en":
            continue
        damaged, injected, made = damage(document.text, args.rate, rng)
        counts += made
        spaced, space_repairs = space_after_punctuation(damaged)
        _, glue_repairs = split_glued_words(spaced, spaced)
        counts["comma spaces restored"] += sum(1 for r in space_repairs if "," in r.before)
        restored = set()
        for repair in glue_repairs:
            glued = repair.before.strip("\"'“”‘’()[].,;:!?")
            original = injected.get(glued)
            if original is not None and original in repair.after:
                counts["glue restored"] += 1
                restored.add(glued)
            elif original is not None:
                counts["glue split wrongly"] += 1
            else:
                counts["false repairs"] += 1
                false_repairs.append(f"{repair.before} -> {repair.after}")
        missed.extend(sorted(set(injected) - restored))
        counts["words"] += len(document.text.split())
    recall = counts["glue restored"] / max(counts["injected glue"], 1)
    print(f"{'measure':<26}{'value':>10}")
    for key in (
        "words",
        "injected glue",
        "glue restored",
        "glue split wrongly",
        "false repairs",
        "dropped comma spaces",
        "comma spaces restored",
    ):
        print(f"{key:<26}{counts[key]:>10}")
    print(f"{'glue recall':<26}{recall:>10.3f}")
    print(
        f"{'false repairs per 10k words':<26}{10_000 * counts['false repairs'] / counts['words']:>9.2f}"
    )
    for line in false_repairs[:30]:
        print(f"  false: {line}")
    print("  left glued (sample):", ", ".join(rng.sample(missed, min(40, len(missed)))))
    out = ROOT / "bench" / "results" / "clean_glue.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "rate": args.rate,
        "seed": args.seed,
        "counts": dict(counts),
        "glue_recall": recall,
        "false_repairs": false_repairs,
    }
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
