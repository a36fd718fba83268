"""Benchmark: the full build from the raw files (clean → … → store), wall time and peak memory.

Each run is a fresh process (`python -m kg build` into a temporary store), so imports, parsing,
emitting, SHACL validation and the store swap are all counted. Run on demand:

    .venv/bin/python benchmarks/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


WRAPPER = (
    "import resource, sys\nfrom kg.access.cli import main\nrc = main(sys.argv[1:])\n"
    "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(rc)"
)


def one_run(store: str, extra: list[str], cache: str) -> tuple[float, float]:
    """Wall time of one `kg build` in a fresh process, and that process's peak RSS in MiB.
    `cache` is the SHACL report cache (KG_CACHE_DIR) the build may use."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, "--store", store, "build", *extra],
        cwd=ROOT,
        env={**os.environ, "KG_CACHE_DIR": cache},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - t
    peak_kib = int(done.stderr.strip().splitlines()[-1].split()[1])
    return wall, peak_kib / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    results = {}
    # "cold": SHACL runs (an empty cache each time: new sources or annotations); "warm": the
    # argument layer is unchanged since the last build, so its SHACL report is taken from the cache
    for name, extra, cold in (
        ("build (cold: SHACL runs)", [], True),
        ("build (warm: SHACL report cached)", [], False),
        ("build --no-validate", ["--no-validate"], False),
        ("build --no-annotations (cold)", ["--no-annotations"], True),
    ):
        walls, peaks = [], []
        with tempfile.TemporaryDirectory() as d:
            if not cold:
                one_run(os.path.join(d, "store"), extra, os.path.join(d, "cache"))  # fills the cache
            for k in range(args.runs):
                cache = os.path.join(d, f"cache-{k}" if cold else "cache")
                w, p = one_run(os.path.join(d, "store"), extra, cache)
                walls.append(w)
                peaks.append(p)
        results[name] = {
            "median_s": round(statistics.median(walls), 3),
            "min_s": round(min(walls), 3),
            "max_s": round(max(walls), 3),
            "peak_rss_mib": round(max(peaks), 1),
            "runs": args.runs,
        }
    print(json.dumps({"cpu_count": os.cpu_count(), "python": sys.version.split()[0], "results": results}, indent=2))


if __name__ == "__main__":
    main()
