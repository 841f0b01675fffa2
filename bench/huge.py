"""Big pages: the digest of two long generated reports of one story, by page size.

Every pair of a story's quotes that share a word, and every pair of its figures of one kind, is
compared; so are a quote's sentences and speaker looked up. A page of thousands of paragraphs
shows whether any of that grows faster than the page. The pages are written by a seeded
generator (quotes, counts, dates and speakers in short paragraphs; the second page is the first
in reverse order), so no data is needed. Each size is digested twice: as paragraphs, and as one
line (a page scraped without its breaks), which every stage that reads line by line sees whole.
Prints one row per size and layout, with the time per paragraph,
which stays flat when the cost grows linearly, and writes bench/results/huge.json.

    .venv/bin/python bench/huge.py [--paragraphs 1500,3000,6000]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from storyline.pipeline import digest
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "huge.json"
NAMES = ("Ada Ruiz", "Tom Marsh", "Lena Vance", "Omar Reyes")


def paragraphs(count: int, seed: int = 1) -> list[str]:
    """Short paragraphs of one flood story: a quote, a count, a forecast, a sum of money."""
    rng = random.Random(seed)
    lines = []
    for i in range(count):
        name, k = rng.choice(NAMES), rng.randint(2, 900)
        templates = (
            f'"We moved {k} families out of the valley on Monday," {name} said.',
            f"Crews counted {k} damaged homes near the pier on March {1 + i % 27}, police said.",
            f"{name} said the river rose {k % 9 + 1} feet overnight and could rise by Friday.",
            f"The council will approve {k} million dollars for repairs, {name} told reporters.",
        )
        lines.append(templates[i % 4])
    return lines


LAYOUTS = {"paragraphs": "\n\n", "one line": " "}


def timed_digest(count: int, layout: str = "paragraphs") -> dict:
    """Seconds to digest the two pages of `count` paragraphs each, and what came out."""
    lines, joiner = paragraphs(count), LAYOUTS[layout]
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "a.txt").write_text("Harlow flood\n\n" + joiner.join(lines) + "\n")
        Path(folder, "b.txt").write_text("Harlow flood\n\n" + joiner.join(lines[::-1]) + "\n")
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        start = time.perf_counter()
        result = digest([folder], Settings())
        seconds = time.perf_counter() - start
    story = result.stories[0].comparison
    return {
        "paragraphs": count,
        "layout": layout,
        "kb": round(size / 1024),
        "seconds": round(seconds, 2),
        "ms_per_paragraph": round(1000 * seconds / (2 * count), 3),
        "quotes": len(story.quotes),
        "figures": len(story.figures),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", default="1500,3000,6000")
    args = parser.parse_args()
    print(
        "| paragraphs per page | layout | KB (two pages) | seconds | ms per paragraph | quotes "
        "| figures |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    timed_digest(50)  # imports and first-call caches, not charged to the first row
    rows = []
    for layout in LAYOUTS:
        for count in (int(n) for n in args.paragraphs.split(",")):
            row = timed_digest(count, layout)
            rows.append(row)
            print(
                f"| {row['paragraphs']:,} | {layout} | {row['kb']:,} | {row['seconds']} | "
                f"{row['ms_per_paragraph']} | {row['quotes']:,} | {row['figures']:,} |",
                flush=True,
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
