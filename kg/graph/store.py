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
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES

DEFAULT_STORE = Path(__file__).resolve().parents[2] / "data" / "store"
MAX_ROWS = 10_000
TIMEOUT_S = 30.0
UPDATE_WORDS = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I | re.M)
SERVICE_WORD = re.compile(r"(?<![?$\w:-])SERVICE(?![\w:-])", re.I)
STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
ALLOW_SERVICE_ENV = "KG_ALLOW_SERVICE"


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
    """A query result as plain data: column names and rows of strings (None for unbound), and the
    same rows as SPARQL 1.1 JSON terms (`{"type": "uri", "value": ...}`) for the W3C result formats."""

    kind: str  # select | ask | graph
    columns: list[str]
    rows: list[list[str | None]]
    truncated: bool = False
    boolean: bool | None = None
    ntriples: str | None = None
    terms: list[list[dict[str, str] | None]] = field(default_factory=list)


def _term(t) -> str | None:
    if t is None:
        return None
    return t.value if hasattr(t, "value") else str(t)


def json_term(t) -> dict[str, str] | None:
    """A pyoxigraph term as a SPARQL 1.1 Query Results JSON term."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}


def code_only(sparql: str) -> str:
    """The query without IRIs, strings and comments, so keywords can be looked for safely."""
    stripped = re.sub(r"<[^<>\"{}|^`\\\s]*>", "<>", sparql)  # IRIs first: they may hold a '#'
    stripped = STRINGS.sub('""', stripped)
    return re.sub(r"#[^\n]*", "", stripped)


def check_service(sparql: str, allow_service: bool | None = None) -> None:
    """Refuse a federated query (SERVICE): pyoxigraph would fetch the remote endpoint over HTTP.
    Allowed only when asked for (`allow_service=True`, or KG_ALLOW_SERVICE=1)."""
    if allow_service is None:
        allow_service = os.environ.get(ALLOW_SERVICE_ENV, "") in ("1", "true", "yes")
    if not allow_service and SERVICE_WORD.search(code_only(sparql)):
        raise StoreError(
            "this query uses SERVICE (a federated query over the network), which is disabled; "
            f"set {ALLOW_SERVICE_ENV}=1 to allow it"
        )


def syntax_message(e: SyntaxError, offset_lines: int = 0) -> str:
    """`SPARQL syntax error at line L, column C: ...`, from oxigraph's `error at L:C: ...`."""
    detail = " ".join(str(e).split())
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", detail)
    if m:
        line, col, detail = int(m.group(1)) - offset_lines, int(m.group(2)), m.group(3)
        where = f" at line {line}, column {col}"
    else:
        where = ""
    return f"SPARQL syntax error{where}: {detail[:160]}{' …' if len(detail) > 160 else ''}"


def check_read_only(sparql: str) -> None:
    """Refuse SPARQL updates, also behind a prologue written on one line
    (`PREFIX a: <http://a#> PREFIX b: <http://b/> INSERT DATA {...}`)."""
    stripped = code_only(sparql)
    prologue = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)", re.I)
    while m := prologue.match(stripped):
        stripped = stripped[m.end() :]
    if UPDATE_WORDS.search(stripped):
        raise StoreError("this is a SPARQL update; queries here are read-only (SELECT, ASK, CONSTRUCT, DESCRIBE)")


def run_query(store: ox.Store, sparql: str, max_rows: int = MAX_ROWS, allow_service: bool | None = None) -> Result:
    """Run a read-only query on an open store, keeping at most `max_rows` rows."""
    check_read_only(sparql)
    check_service(sparql, allow_service)
    try:
        res = store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()})
    except SyntaxError as e:  # oxigraph's message spans lines and lists every token it expected
        raise StoreError(syntax_message(e)) from None
    except (OSError, ValueError, RuntimeError) as e:
        raise StoreError(f"query failed: {' '.join(str(e).split())}") from None
    if isinstance(res, (ox.QueryBoolean, bool)):
        return Result("ask", [], [], boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        cols = [v.value for v in res.variables]
        rows, terms, truncated = [], [], False
        for i, sol in enumerate(res):
            if i >= max_rows:
                truncated = True
                break
            values = [sol[c] for c in cols]
            rows.append([_term(t) for t in values])
            terms.append([json_term(t) for t in values])
        return Result("select", cols, rows, truncated, terms=terms)
    triples = []
    for i, t in enumerate(res):
        if i >= max_rows:
            break
        triples.append(t)
    out = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
    return Result(
        "graph",
        ["subject", "predicate", "object"],
        [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples],
        len(triples) >= max_rows,
        ntriples=out,
        terms=[[json_term(t.subject), json_term(t.predicate), json_term(t.object)] for t in triples],
    )


def _query_worker(path: str, sparql: str, max_rows: int, allow_service: bool | None, conn) -> None:
    try:
        store = open_read_only(path)
        conn.send(("ok", run_query(store, sparql, max_rows, allow_service)))
    except StoreError as e:
        conn.send(("error", str(e)))
    except Exception as e:  # noqa: BLE001 - reported to the user as a message, never a traceback
        conn.send(("error", f"query failed: {e}"))


def query(
    sparql: str,
    path: str | os.PathLike | None = None,
    max_rows: int = MAX_ROWS,
    timeout: float = TIMEOUT_S,
    allow_service: bool | None = None,
) -> Result:
    """Run a read-only query in a child process that is stopped after `timeout` seconds, so a
    runaway query cannot hang the caller (the app, a notebook)."""
    check_read_only(sparql)
    check_service(sparql, allow_service)
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_worker, args=(str(store_path(path)), sparql, max_rows, allow_service, child))
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise StoreError(
            f"query stopped after {timeout:g} s (time limit); raise the time limit (--timeout) if it must run"
        )
    status, payload = parent.recv()
    proc.join()
    if status == "error":
        raise StoreError(payload)
    return payload


def export(fmt: str, path: str | os.PathLike | None = None) -> bytes:
    """The whole graph as `nt` (sorted, byte-identical for the same input), `ttl` or `jsonld`."""
    store = open_read_only(path)
    if fmt == "nt":
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "ttl":
        return store.dump(
            format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes={k: str(v) for k, v in PREFIXES.items()}
        )
    if fmt == "jsonld":
        return store.dump(format=ox.RdfFormat.JSON_LD, from_graph=ox.DefaultGraph())
    raise StoreError(f"unknown export format {fmt!r}: use ttl, nt or jsonld")
