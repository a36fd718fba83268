"""Why a lookup grows with the graph on Oxigraph: the flagship query and variants of its OPTIONAL blocks.

    .venv/bin/python benchmarks/optional_plans.py --size 10 --runs 3

Oxigraph's optimizer (sparopt, pyoxigraph 0.5) evaluates the group inside an `OPTIONAL` on its own,
over the whole graph, and hash-joins it to the rows on its left; only a single triple pattern or
path is evaluated per left row. This script builds the synthetic corpus of benchmarks/scale.py at
`--size` copies, then times the shipped `every-view-on-automatic-classification` query (three
`UNION` branches that each start from the issue), the form it had before (one `OPTIONAL { holders
UNION arguments }`, kept in benchmarks/queries/) and the variants described in
docs/queries-and-engines.md, each with its row count (a variant that drops an OPTIONAL block
leaves some columns empty, not rows out). Not a test: figures only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyoxigraph as ox  # noqa: E402

from kg.graph import queries, store  # noqa: E402
from kg.graph.vocab import PREFIXES  # noqa: E402

FLAGSHIP = "every-view-on-automatic-classification"
ONE_OPTIONAL = (ROOT / "benchmarks" / "queries" / "every-view-one-optional.rq").read_text(encoding="utf-8")
TYPE_FILTER = "FILTER EXISTS { ?viewSpan a kg:TextSpan }"
EXACT = "OPTIONAL { ?argumentSpan oa:hasSelector/oa:exact ?argumentExact }"
REQUIRED_EXACT = "?argumentSpan a kg:TextSpan ; oa:hasSelector/oa:exact ?argumentExact ."


def variants(shipped: str) -> dict[str, str]:
    """The shipped query, the form before it, and what each becomes with one block changed (text edits)."""
    assert REQUIRED_EXACT in shipped and TYPE_FILTER in shipped
    assert TYPE_FILTER in ONE_OPTIONAL and EXACT in ONE_OPTIONAL
    return {
        "as shipped (three branches)": shipped,
        "three branches, the argument's quote in an OPTIONAL": shipped.replace(
            REQUIRED_EXACT, f"?argumentSpan a kg:TextSpan .\n    {EXACT}"
        ),
        "one OPTIONAL { holders UNION arguments } (until 3 Dec 2026)": ONE_OPTIONAL,
        "that, with the span type as a pattern (until 2 Dec 2026)": ONE_OPTIONAL.replace(
            TYPE_FILTER, "?viewSpan a kg:TextSpan ."
        ),
        "that, without the argument's quote OPTIONAL": ONE_OPTIONAL.replace(EXACT, ""),
    }


def _load(nt: Path, location: Path) -> float:
    t = time.perf_counter()
    s = ox.Store(str(location))
    s.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    s.flush()
    s.optimize()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10, help="copies of the commentary (default %(default)s)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", help="the built store to scale (default: data/store)")
    a = ap.parse_args()
    import scale  # the corpus generator of the scale benchmark

    shipped = queries.all_queries()[FLAGSHIP].sparql
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    with tempfile.TemporaryDirectory(prefix="kg-plans-", dir=os.environ.get("KG_BENCH_TMP")) as tmp:
        nt = Path(tmp) / "corpus.nt"
        triples = scale.corpus(store.export("nt", a.store), a.size, nt)
        seconds = _load(nt, Path(tmp) / "store")
        nt.unlink()
        s = ox.Store.read_only(str(Path(tmp) / "store"))
        print(f"{a.size}x: {triples:,} triples, loaded in {seconds:.1f} s; best and median of {a.runs} after a warm-up")
        print()
        print("| variant | rows | best ms | median ms |\n|---|---|---|---|")
        for name, text in variants(shipped).items():
            rows = len(list(s.query(text, prefixes=prefixes)))
            times = []
            for _ in range(a.runs):
                t = time.perf_counter()
                list(s.query(text, prefixes=prefixes))
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            print(f"| {name} | {rows} | {times[0]:.1f} | {times[len(times) // 2]:.1f} |", flush=True)
        del s


if __name__ == "__main__":
    main()
