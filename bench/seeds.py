"""Check the acceptance criteria of the foundation and stories issues on ../shared/seeds.

Runs `storyline digest SEEDS --format json` and prints one PASS/FAIL row per criterion; writes
bench/results/seeds.json. Exits non-zero when a criterion fails. Skips when the seeds are absent.

    .venv/bin/python bench/seeds.py [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANNED = ["Comments 0", "Short link", "Original url", "Bebeto Matthews", "إقرأ"]
REPAIRED = ["standing firm", "any U.N.", "than 5,400"]
GLUED = [
    "standingfirm",
    "anyU.N.",
    "than5,400",
    "hegemony,characteristically",
    "any”constructive",
    "approvalfor",
    "Syriamirroring",
    "ofinternational",
    "violentcrackdown",
    "Syrianregime",
    "andcounterproductive",
    "opposesinterventionism",
]
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> Counter:
    return Counter(WORD.findall(text))


def run_digest(seeds: Path) -> dict:
    command = [sys.executable, "-m", "storyline", "digest", str(seeds), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        sys.exit(f"digest failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def by_seed(data: dict) -> dict[str, dict]:
    """Articles keyed by the seed number in their file name ("000" ...)."""
    return {Path(a["location"]).name[:3]: a for a in data["articles"]}


def word_changes(raw: str, article: dict) -> tuple[Counter, Counter]:
    """Words of the raw file missing from text+dropped, and words added that the file lacks."""
    kept = words(article["text"]) + words("\n".join(article["dropped"]))
    original = words(raw)
    return original - kept, kept - original


def checks(data: dict, seeds: Path) -> list[tuple[str, bool, str]]:
    arts = by_seed(data)
    rows: list[tuple[str, bool, str]] = []
    all_text = "\n".join(a["text"] for a in data["articles"])
    summaries = "\n".join(s["text"] for story in data["stories"] for s in story["summary"])
    found = [b for b in BANNED if b in all_text or b in summaries]
    rows.append(("no boilerplate strings in texts or summaries", not found, ", ".join(found)))
    text1 = arts["001"]["text"]
    missing = [r for r in REPAIRED if r not in text1]
    rows.append(("001 has repaired forms", not missing, "missing: " + ", ".join(missing)))
    glued = [g for g in GLUED if g in text1]
    rows.append(("001 has none of the glued forms", not glued, ", ".join(glued)))
    for seed in ("000", "002", "004", "003"):
        raw = next(seeds.glob(f"{seed}_*")).read_text(encoding="utf-8")
        lost, added = word_changes(raw, arts[seed])
        if seed == "003":
            ok = not added and set(lost) <= {"not", "strict", "saying"} and sum(lost.values()) <= 3
        else:
            ok = not lost and not added
        rows.append(
            (
                f"{seed}: no word changed but dropped lines",
                ok,
                f"lost {dict(lost)} added {dict(added)}",
            )
        )
    id_to_seed = {a["id"]: seed for seed, a in arts.items()}
    groups = sorted(
        sorted(id_to_seed[m] for m in origin)
        for story in data["stories"]
        for origin in story["origins"]
        if len(origin) > 1
    )
    rows.append(("origins: 000+001 and no other pair", groups == [["000", "001"]], str(groups)))
    bad = []
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for story in data["stories"]:
        for sentence in story["summary"]:
            cited = [
                c
                for c in sentence["citations"]
                if texts[c["article"]][c["start"] : c["end"]] == sentence["text"]
            ]
            if not cited:
                bad.append(sentence["text"][:60])
    rows.append(("every summary sentence cited exactly at its offsets", not bad, "; ".join(bad)))
    story_sets = [sorted(id_to_seed[a] for a in s["article_ids"]) for s in data["stories"]]
    rows.append(
        (
            "all five seeds one story",
            story_sets == [["000", "001", "002", "003", "004"]],
            str(story_sets),
        )
    )
    events = [
        sorted(id_to_seed[a] for a in e["article_ids"])
        for s in data["stories"]
        for e in s["events"]
    ]
    rows.append(("004 its own event", ["004"] in events, str(events)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = parser.parse_args()
    if not args.seeds.is_dir():
        print(f"skipped: no seeds at {args.seeds}")
        return
    rows = checks(run_digest(args.seeds), args.seeds)
    width = max(len(name) for name, _, _ in rows)
    for name, ok, detail in rows:
        print(f"{'PASS' if ok else 'FAIL'}  {name:<{width}}  {'' if ok else detail}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    result = [{"check": n, "pass": ok, "detail": d} for n, ok, d in rows]
    (out / "seeds.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"{sum(ok for _, ok, _ in rows)} passed, {sum(not ok for _, ok, _ in rows)} failed")
    sys.exit(0 if all(ok for _, ok, _ in rows) else 1)


if __name__ == "__main__":
    main()
