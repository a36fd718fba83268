"""How long the decision rules take on the real graph (on demand, not a test).

    .venv/bin/python benchmarks/bench_decisions.py --runs 5

Compiles the shipped sources once (without SHACL), then times `kg.graph.rules.run` over the graph
as the build runs it (all quads, the rules of queries/rules/ in order), and counts the links.
"""

from __future__ import annotations

import argparse
import statistics
import time

from kg.build import Sources, compile_graph
from kg.graph import rules
from kg.graph.vocab import KG


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    result = compile_graph(Sources.default(), validate=False)
    derived_by = str(KG.derivedBy)
    derived_links = {q.subject for q in result.quads if q.predicate.value == derived_by}
    base = [q for q in result.quads if q.subject not in derived_links]  # the graph before the rules ran
    chosen = rules.load()
    times, derived = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        derived = rules.run(base, chosen)
        times.append(time.perf_counter() - t0)
    links = {q.subject for q in derived if q.predicate.value == derived_by}
    print(
        f"{len(chosen)} rules over {len(base)} triples: {len(links)} links ({len(derived)} triples); "
        f"median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s ({runs} runs)"
    )


if __name__ == "__main__":
    main()
