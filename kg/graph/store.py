"""The store, behind one small interface: open, replace, query, export.

The embedded store is pyoxigraph on disk. A build never writes into the live store: it loads
into a fresh directory beside it and swaps it in only when complete (an atomic re-pointing of a
symlink, see `replace`), so a failed or killed build leaves the previous graph untouched and a
reader never sees a half-swapped store. One build at a time (`build_lock`). Queries run on a
read-only handle, must be SELECT/ASK/CONSTRUCT/DESCRIBE (no updates), and are bounded in rows and time.
"""

from __future__ import annotations

import fcntl
import multiprocessing as mp
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES

T = TypeVar("T")

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


def current(path: str | os.PathLike | None = None) -> Path:
    """The folder that holds the graph now. `data/store` is a symlink that each build re-points, in
    one atomic rename, to a complete version in `data/.store.versions/`; a store made before
    versioned swaps is a plain folder and is its own current version. Readers call this on every
    open, so a reader that opens after a swap sees the new graph, one that opened before keeps the old."""
    p = store_path(path)
    return p.resolve() if p.is_symlink() else p


def current_version(path: str | os.PathLike | None = None) -> str | None:
    """The name of the version the store points to (None for a plain-folder store or no store)."""
    p = store_path(path)
    return os.readlink(p).rsplit("/", 1)[-1] if p.is_symlink() else None


def _versions(target: Path) -> Path:
    return target.parent / f".{target.name}.versions"


_held: set[Path] = set()  # build locks this process holds (flock is per open file, not per process)


@contextmanager
def build_lock(path: str | os.PathLike | None = None, wait: float = 0.0) -> Iterator[None]:
    """Only one build at a time writes a store: an exclusive `flock` on `.store.lock` beside it,
    released by the kernel even when the build is killed. A second build waits up to `wait`
    seconds, then refuses with a StoreError naming the store and the holder's pid."""
    target = check_target(path).absolute()
    if target in _held:
        yield
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "a+") as f:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    f.seek(0)
                    holder = f.read().strip() or "?"
                    raise StoreError(
                        f"another build is writing {target} (pid {holder}); nothing was changed: "
                        "run `kg build` again when it has finished"
                    ) from None
                time.sleep(0.1)
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()))
        f.flush()
        _held.add(target)
        try:
            yield
        finally:
            _held.discard(target)
            fcntl.flock(f, fcntl.LOCK_UN)


def check_target(path: str | os.PathLike | None = None) -> Path:
    """Refuse to build into a path that is not ours: a file or device (`--store /dev/null`), a
    folder holding other things, a symlink that points elsewhere. The swap renames what it replaces,
    so a wrong `--store` must stop here, before anything is touched."""
    target = store_path(path)
    why = None
    if target.is_symlink():
        if _versions(target).resolve() != target.resolve().parent:
            why = "is a symlink that does not point to one of its own store versions"
    elif target.exists():
        if not target.is_dir():
            why = "exists and is not a folder"
        elif any(target.iterdir()) and not (target / "CURRENT").is_file():
            why = "is a folder that holds something other than a graph store"
    if why:
        raise StoreError(f"{target}: {why}; nothing was changed: choose another --store folder")
    return target


def replace(quads_or_ntriples, path: str | os.PathLike | None = None) -> int:
    """Load a complete graph into a new version and swap it in; returns the number of triples.

    Steps (each can be killed without harm): load into `.store-build-*` beside the store; rename it
    into `.store.versions/`; re-point the `store` symlink with one atomic rename; remove old versions.
    Until the re-pointing, readers and the store are untouched; after it, they see the new graph."""
    target = check_target(path)
    with build_lock(target):
        _remove_leftovers(target)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
        try:
            count = _load(tmp, quads_or_ntriples)
            version = _publish(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _point(target, version)
        _collect(target)
    return count


# Held while this process writes a store (RocksDB's threads at work) and while it forks a query's
# child: a child forked mid-load inherited a RocksDB mutex held by one of those threads and waited on
# it for good (a CI run: the rebuild test's reader stopped at its time limit; py-spy showed the child
# in rocksdb::port::Mutex::Lock). Only a process that builds and queries at once waits on it: the
# app when a decision is added, the tests.
_WRITING = threading.Lock()


def _load(folder: Path, quads_or_ntriples) -> int:
    """Load, flush and close the store (closing waits for RocksDB's background work), under _WRITING."""
    with _WRITING:
        store = ox.Store(str(folder))
        if isinstance(quads_or_ntriples, (bytes, str)):
            data = quads_or_ntriples.encode() if isinstance(quads_or_ntriples, str) else quads_or_ntriples
            store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_extend(quads_or_ntriples)
        store.flush()
        count = len(store)
        del store
        return count


def _publish(tmp: Path, target: Path) -> Path:
    """Move a complete, closed store into the versions folder under a fresh name."""
    versions = _versions(target)
    versions.mkdir(exist_ok=True)
    now = time.time()  # to the microsecond: builds in one second must still sort in build order
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now % 1 * 1e6):06d}"
    version = versions / f"{stamp}-{os.getpid()}-{tmp.name.rsplit('-', 1)[-1]}"
    os.replace(tmp, version)
    _sync(versions)
    return version


def _point(target: Path, version: Path) -> None:
    """Re-point `target` at `version`: a new symlink renamed over the old one (atomic). A plain-folder
    store from before versioned swaps is first moved into the versions folder (the one moment when
    `target` is briefly absent; it happens once per store)."""
    link = target.parent / f".{target.name}-link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(version, target.parent), link)
    if target.exists() and not target.is_symlink():
        os.replace(target, _versions(target) / f"00000000T000000-before-versions-{os.getpid()}")
    os.replace(link, target)
    _sync(target.parent)


KEEP_VERSIONS = 2  # the current one and the one it replaced, which readers may still have open


def _collect(target: Path) -> None:
    """Remove all but the newest versions (by name: they start with their UTC time)."""
    keep = {current(target).name}
    for v in sorted(_versions(target).iterdir(), reverse=True):
        if v.name in keep:
            continue
        if len(keep) < KEEP_VERSIONS:
            keep.add(v.name)
        else:
            shutil.rmtree(v, ignore_errors=True)


def _remove_leftovers(target: Path) -> None:
    """What a killed build left behind (only called under the build lock)."""
    for p in target.parent.glob(f".{target.name}-build-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in target.parent.glob(f".{target.name}-link-*"):
        p.unlink(missing_ok=True)


def _sync(folder: Path) -> None:
    """Make a rename durable: fsync the folder that holds it."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_read_only(path: str | os.PathLike | None = None) -> ox.Store:
    """A read-only handle on the current version (resolved now: see `current`)."""
    p = current(path)
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
    """Run a read-only query on an open store, keeping at most `max_rows` rows. Oxigraph evaluates
    lazily, so a failure can come while the rows are read as well as when the query starts."""
    check_read_only(sparql)
    check_service(sparql, allow_service)
    try:
        return _answer(store.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()}), max_rows)
    except SyntaxError as e:  # oxigraph's message spans lines and lists every token it expected
        raise StoreError(syntax_message(e)) from None
    except (OSError, ValueError, RuntimeError) as e:
        raise StoreError(f"query failed: {' '.join(str(e).split())}") from None


def _answer(res, max_rows: int) -> Result:
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
    out = _bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).decode()
    return Result(
        "graph",
        ["subject", "predicate", "object"],
        [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples],
        len(triples) >= max_rows,
        ntriples=out,
        terms=[[json_term(t.subject), json_term(t.predicate), json_term(t.object)] for t in triples],
    )


def on_current(path: str | os.PathLike | None, use: Callable[[ox.Store], T]) -> T:
    """`use(store)` on the current version. A reader that resolved a version just before two more
    builds swapped in can find it collected (KEEP_VERSIONS) while it opens or reads it; it then
    reads the version that is current now, so no reader fails because the graph was rebuilt."""
    for attempt in range(3):
        version = current(path)
        try:
            return use(open_read_only(version))
        except StoreError:
            if attempt == 2 or current(path) == version:  # the same version: a real error
                raise
    raise AssertionError("not reached")


def _query_worker(path: str, sparql: str, max_rows: int, allow_service: bool | None, conn) -> None:
    try:
        conn.send(("ok", on_current(path, lambda store: run_query(store, sparql, max_rows, allow_service))))
    except StoreError as e:
        conn.send(("error", str(e)))
    except Exception as e:  # noqa: BLE001 - reported to the user as a message, never a traceback
        conn.send(("error", f"query failed: {e}"))
    finally:
        conn.close()
        if _FORKED:
            # A forked child of a threaded caller (the app, the endpoint's tests) inherits the locks
            # other threads held at the fork, e.g. of sys.stdout: exiting normally flushes the streams
            # and can wait on such a lock forever. The answer is sent: leave at once.
            os._exit(0)


_FORKED = hasattr(os, "fork")


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
    ctx = mp.get_context("fork") if _FORKED else mp.get_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_worker, args=(str(store_path(path)), sparql, max_rows, allow_service, child))
    with _WRITING:  # never fork mid-load (see _WRITING)
        proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise StoreError(
            f"query stopped after {timeout:g} s (time limit); raise the time limit (--timeout) if it must run"
        )
    status, payload = parent.recv()
    proc.join(5)
    if proc.is_alive():  # answered, but stuck on its way out: it has nothing left to give
        proc.kill()
        proc.join()
    if status == "error":
        raise StoreError(payload)
    return payload


def export(fmt: str, path: str | os.PathLike | None = None) -> bytes:
    """The whole graph as `nt` (sorted, byte-identical for the same input), `ttl` or `jsonld`."""
    if fmt not in ("nt", "ttl", "jsonld"):
        raise StoreError(f"unknown export format {fmt!r}: use ttl, nt or jsonld")
    return on_current(path, lambda store: _reading(lambda: _dump(store, fmt)))


def quads(path: str | os.PathLike | None = None) -> list[ox.Quad]:
    """Every triple of the default graph, read from the current version (`kg validate`, `kg reason`)."""

    def read(store: ox.Store) -> list[ox.Quad]:
        return _reading(lambda: list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))

    return on_current(path, read)


def _reading(read: Callable[[], T]) -> T:
    """A read of an open version; a version collected under it fails as a StoreError (see on_current)."""
    try:
        return read()
    except OSError as e:
        raise StoreError(f"reading the store failed: {' '.join(str(e).split())}") from None


def _dump(store: ox.Store, fmt: str) -> bytes:
    if fmt == "nt":
        data = _bytes(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
        lines = sorted(set(data.decode("utf-8").splitlines()))
        return ("\n".join(lines) + "\n").encode("utf-8")
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt == "ttl" else None
    rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.JSON_LD
    return _bytes(store.dump(format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes))


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph returns the serialisation when it is given no output file (never None then)."""
    assert data is not None
    return data
