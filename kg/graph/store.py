"""The store, behind one small interface: open, replace, query, export.

The embedded store is pyoxigraph on disk. A build never writes into the live store: it loads
into a fresh directory beside it and swaps it in only when complete, so a failed build leaves
the previous graph untouched. Queries run on a read-only handle, must be SELECT/ASK/CONSTRUCT/
DESCRIBE (no updates), and are bounded in rows and time.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES

DEFAULT_STORE = Path(__file__).resolve().parents[2] / "data" / "store"
MAX_ROWS = 10_000
TIMEOUT_S = 30.0
UPDATE_WORDS = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I | re.M)


class StoreError(Exception):
    """A store that is missing, locked or unreadable, or a query that cannot run."""


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store location: argument, else $KG_STORE, else data/store under the project."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


def replace(quads_or_ntriples, path: str | os.PathLike | None = None) -> int:
    """Load a complete graph into a new store and swap it in; returns the number of triples."""
    target = store_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".store-build-", dir=target.parent))
    try:
        store = ox.Store(str(tmp))
        if isinstance(quads_or_ntriples, (bytes, str)):
            data = quads_or_ntriples.encode() if isinstance(quads_or_ntriples, str) else quads_or_ntriples
            store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_extend(quads_or_ntriples)
        store.flush()
        count = len(store)
        del store
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)
    return count


def open_read_only(path: str | os.PathLike | None = None) -> ox.Store:
    p = store_path(path)
    if not (p.exists() and any(p.iterdir())):
        raise StoreError(f"no graph at {p}: run `kg build` first")
    try:
        return ox.Store.read_only(str(p))
    except OSError as e:
        raise StoreError(f"cannot open the store at {p}: {e}") from None


@dataclass
class Result:
    """A query result as plain data: column names and rows of strings (None for unbound)."""

    kind: str  # select | ask | graph
    columns: list[str]
    rows: list[list[str | None]]
    truncated: bool = False
    boolean: bool | None = None
    ntriples: str | None = None


def _term(t) -> str | None:
    if t is None:
        return None
    return t.value if hasattr(t, "value") else str(t)


def check_read_only(sparql: str) -> None:
    """Refuse SPARQL updates, also behind a prologue written on one line
    (`PREFIX a: <http://a#> PREFIX b: <http://b/> INSERT DATA {...}`)."""
    stripped = re.sub(r"<[^<>\"{}|^`\\\s]*>", "<>", sparql)  # IRIs first: they may hold a '#'
    stripped = re.sub(r"#[^\n]*", "", stripped)  # then comments
    prologue = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)", re.I)
    while m := prologue.match(stripped):
        stripped = stripped[m.end() :]
    if UPDATE_WORDS.search(stripped):
        raise StoreError("this is a SPARQL update; queries here are read-only (SELECT, ASK, CONSTRUCT, DESCRIBE)")


def run_query(store: ox.Store, sparql: str, max_rows: int = MAX_ROWS) -> Result:
    """Run a read-only query on an open store, keeping at most `max_rows` rows."""
    check_read_only(sparql)
    try:
        res = store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()})
    except SyntaxError as e:  # oxigraph's message spans lines and lists every token it expected
        detail = " ".join(str(e).split())
        raise StoreError(f"SPARQL syntax error: {detail[:160]}{' …' if len(detail) > 160 else ''}") from None
    except (OSError, ValueError, RuntimeError) as e:
        raise StoreError(f"query failed: {' '.join(str(e).split())}") from None
    if isinstance(res, (ox.QueryBoolean, bool)):
        return Result("ask", [], [], boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        cols = [v.value for v in res.variables]
        rows, truncated = [], False
        for i, sol in enumerate(res):
            if i >= max_rows:
                truncated = True
                break
            rows.append([_term(sol[c]) for c in cols])
        return Result("select", cols, rows, truncated)
    triples = []
    for i, t in enumerate(res):
        if i >= max_rows:
            break
        triples.append(t)
    out = _bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).decode()
    return Result(
        "graph",
        ["subject", "predicate", "object"],
        [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples],
        len(triples) >= max_rows,
        ntriples=out,
    )


def _query_worker(path: str, sparql: str, max_rows: int, conn) -> None:
    try:
        store = open_read_only(path)
        conn.send(("ok", run_query(store, sparql, max_rows)))
    except StoreError as e:
        conn.send(("error", str(e)))
    except Exception as e:  # noqa: BLE001 - reported to the user as a message, never a traceback
        conn.send(("error", f"query failed: {e}"))


def query(
    sparql: str, path: str | os.PathLike | None = None, max_rows: int = MAX_ROWS, timeout: float = TIMEOUT_S
) -> Result:
    """Run a read-only query in a child process that is stopped after `timeout` seconds."""
    check_read_only(sparql)
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_worker, args=(str(store_path(path)), sparql, max_rows, child))
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise StoreError(f"query stopped after {timeout:g} s (time limit)")
    status, payload = parent.recv()
    proc.join()
    if status == "error":
        raise StoreError(payload)
    return payload


def export(fmt: str, path: str | os.PathLike | None = None) -> bytes:
    """The whole graph as `nt` (sorted, byte-identical for the same input), `ttl` or `jsonld`."""
    store = open_read_only(path)
    if fmt == "nt":
        data = _bytes(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "ttl":
        return _bytes(
            store.dump(
                format=ox.RdfFormat.TURTLE,
                from_graph=ox.DefaultGraph(),
                prefixes={k: str(v) for k, v in PREFIXES.items()},
            )
        )
    if fmt == "jsonld":
        return _bytes(store.dump(format=ox.RdfFormat.JSON_LD, from_graph=ox.DefaultGraph()))
    raise StoreError(f"unknown export format {fmt!r}: use ttl, nt or jsonld")


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph returns the serialisation when it is given no output file (never None then)."""
    assert data is not None
    return data
