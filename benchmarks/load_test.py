"""Load test: N concurrent clients on 127.0.0.1 sending the named queries, N = 1, 8, 32.

Targets (all on the same built store):
- `endpoint`:  the endpoint that follows rebuilds (kg.access.follow: a proxy over `oxigraph serve-read-only`,
               answers cached per store version);
- `endpoint-nocache`: the same with its cache off;
- `oxigraph`:  `oxigraph serve-read-only` on the store directly (no proxy), for comparison;
- `embedded`:  the embedded query layer the app and the API use (kg.graph.store.query: a child
               process per query, bounded in time and rows).

Each client is a process that sends the named queries in turn (starting at a different one), at most
`--requests` of them and for at most `--seconds`; every loop stops by itself. Reported per target
and N: requests, errors, throughput, p50/p95/p99 latency, and p95 relative to one client.

    .venv/bin/python benchmarks/load_test.py                       # builds a store in a temp folder
    .venv/bin/python benchmarks/load_test.py --store data/store --requests 20 --json load.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def http_query(url: str, sparql: str, timeout: float) -> bytes:
    """The answer's bytes, once the last one has arrived (parsing it is the client's time, not the server's)."""
    from kg.graph.vocab import SPARQL_PREFIXES  # a server knows no prefixes: the named queries use ours

    sparql = SPARQL_PREFIXES + sparql
    req = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": sparql}).encode(),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        if resp.status != 200:
            raise RuntimeError(f"HTTP {resp.status}")
        return resp.read()


def _client(k: int, target: tuple, queries: list[str], requests: int, deadline: float, out) -> None:
    """One client (a process of its own, so clients do not share one interpreter lock)."""
    from kg.graph import store

    latencies, errors = [], []
    for i in range(requests):
        if time.time() > deadline:
            break
        q = queries[(k + i) % len(queries)]
        t0 = time.perf_counter()
        try:
            if target[0] == "http":
                body = http_query(target[1], q, target[2])
                dt = time.perf_counter() - t0
                json.loads(body)  # a whole answer (a partial one is an error)
            else:
                store.query(q, target[1], max_rows=10_000, timeout=target[2])
                dt = time.perf_counter() - t0
            latencies.append(dt)
        except Exception as e:  # noqa: BLE001 - counted
            errors.append(f"{type(e).__name__}: {e}")
    out.put((latencies, errors))


def run_level(target: tuple, queries: list[str], clients: int, requests: int, seconds: float) -> dict:
    ctx = mp.get_context("fork")
    out = ctx.Queue()
    deadline = time.time() + seconds
    procs = [ctx.Process(target=_client, args=(k, target, queries, requests, deadline, out)) for k in range(clients)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    latencies = [x for lat, _ in results for x in lat]
    errors = [e for _, errs in results for e in errs]
    return {
        "clients": clients,
        "requests": len(latencies) + len(errors),
        "errors": len(errors),
        "error_examples": errors[:3],
        "throughput_per_s": round((len(latencies) + len(errors)) / wall, 2),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "wall_s": round(wall, 1),
    }


def start_endpoint(path: Path, timeout: float, cache_mb: float) -> tuple[subprocess.Popen, str]:
    """The following endpoint in a process of its own, as `kg serve` runs it."""
    sys.path.insert(0, str(ROOT))
    from kg.access.follow import free_port

    port = free_port()
    cmd = [sys.executable, "-m", "kg.access.follow", "--store", str(path), "--port", str(port)]
    cmd += ["--timeout", str(timeout), "--cache-mb", str(cache_mb)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(600):
        try:
            http_query(url, "ASK {}", 5)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the endpoint did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="a built store (default: build one in a temporary folder)")
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--targets", default="endpoint,endpoint-nocache,oxigraph,embedded")
    ap.add_argument("--requests", type=int, default=20, help="requests per client (default %(default)s)")
    ap.add_argument("--seconds", type=float, default=120, help="time bound per level (default %(default)s)")
    ap.add_argument("--timeout", type=float, default=30, help="per-query time limit (default %(default)s)")
    ap.add_argument("--json", help="write the figures to this file")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from kg.access.follow import start_backend, stop_process
    from kg.graph import store
    from kg.graph.queries import all_queries

    queries = [q.sparql for q in all_queries().values()]
    levels = [int(n) for n in a.clients.split(",")]
    out: dict = {"queries": len(queries), "load_average_before": os.getloadavg(), "results": {}}
    with ExitStack() as stack:
        path = Path(a.store) if a.store else Path(stack.enter_context(tempfile.TemporaryDirectory())) / "store"
        if not a.store:
            kg = ROOT / ".venv" / "bin" / "kg"
            subprocess.run([str(kg), "--store", str(path), "build", "--no-validate"], check=True, capture_output=True)
        targets: dict[str, tuple] = {}
        for target in a.targets.split(","):
            if target in ("endpoint", "endpoint-nocache"):
                proc, url = start_endpoint(path, a.timeout, 64 if target == "endpoint" else 0)
                stack.callback(stop_process, proc)
                targets[target] = ("http", url, a.timeout + 30)
            elif target == "oxigraph":
                b = start_backend(store.current(path), a.timeout)
                stack.callback(stop_process, b.process)
                targets[target] = ("http", f"http://127.0.0.1:{b.port}/query", a.timeout + 30)
            elif target == "embedded":
                targets[target] = ("embedded", str(path), a.timeout)
        print(
            f"{'target':<10}{'N':>4}{'requests':>10}{'errors':>8}{'req/s':>8}"
            f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  p95/p95(N=1)"
        )
        for target, spec in targets.items():
            run_level(spec, queries, 1, len(queries), a.seconds)  # warm up: each query once (into any cache)
            rows = []
            for n in levels:
                r = run_level(spec, queries, n, a.requests, a.seconds)
                r["p95_vs_one_client"] = round(r["p95_ms"] / rows[0]["p95_ms"], 2) if rows else 1.0
                rows.append(r)
                print(
                    f"{target:<10}{n:>4}{r['requests']:>10}{r['errors']:>8}{r['throughput_per_s']:>8}"
                    f"{r['p50_ms']:>9}{r['p95_ms']:>9}{r['p99_ms']:>9}  {r['p95_vs_one_client']}",
                    flush=True,
                )
                for e in r["error_examples"]:
                    print(f"    error: {e[:200]}")
            out["results"][target] = rows
    out["load_average_after"] = os.getloadavg()
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2) + "\n")
    return 0 if all(r["errors"] == 0 for rows in out["results"].values() for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
