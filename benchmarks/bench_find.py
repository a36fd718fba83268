"""Benchmark: the find and resolve steps alone, in process, on every commentary in sources/.

Parses once, then times `find_in_commentary` + `resolve` and the provision finder over all margin
paragraphs and footnotes, best and median of `--runs`. Run on demand:

    .venv/bin/python benchmarks/bench_find.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from kg.ingest.find_citations import find_in_commentary
from kg.ingest.find_provisions import find_cross_refs, find_provisions
from kg.ingest.parse import parse_file
from kg.ingest.resolve import resolve

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    commentaries = [parse_file(p) for p in sorted((ROOT / "sources" / "commentary").glob("*.txt"))]
    texts = [t for c in commentaries for t in [p.text for p in c.paragraphs] + [f.text for f in c.footnotes]]
    timings: dict[str, list[float]] = {"citations (find + resolve)": [], "provisions and cross-references": []}
    for _ in range(args.runs):
        t = time.perf_counter()
        resolve([find_in_commentary(c) for c in commentaries])
        timings["citations (find + resolve)"].append(time.perf_counter() - t)
        t = time.perf_counter()
        for text in texts:
            find_provisions(text)
            find_cross_refs(text)
        timings["provisions and cross-references"].append(time.perf_counter() - t)
    print(
        json.dumps(
            {k: {"median_s": round(statistics.median(v), 3), "min_s": round(min(v), 3)} for k, v in timings.items()},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
