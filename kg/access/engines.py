"""SPARQL engines outside the process: the Oxigraph server (`kg serve`) and OpenLink Virtuoso 7,
and loading the graph into one (`kg push`).

Both servers are started on 127.0.0.1 only, on a port the OS picks when none is given, and are
stopped when their `with` block ends (Ctrl-C included). `kg serve` runs the Oxigraph server
read-only on the built store when the server binary and pyoxigraph share a version (and so an
on-disk format); otherwise it serves a copy loaded from a dump, so the built store is never
opened by a different format version.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.graph import store
from kg.graph.store import StoreError

DEFAULT_GRAPH = "https://w3id.org/euaigraph/graph/commentary"
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port nobody listens on now (bind port 0 and let the OS choose)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str:
    """The Oxigraph server installed with the `oxigraph` package: beside this Python, else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed: pip install oxigraph (it provides `oxigraph`)")
    return found


def server_version() -> str:
    out = subprocess.run([oxigraph_binary(), "--version"], capture_output=True, text=True, check=False).stdout
    return out.split()[-1] if out.split() else ""


def _wait_http(url: str, proc: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    """Wait until `url` answers over HTTP (any status), or fail clearly if the server died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-800:] if log and log.exists() else ""
            raise StoreError(f"the server exited with code {proc.returncode} before answering: {tail.strip()}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise StoreError(f"the server did not answer at {url} within {seconds:g} s")


def die_with_parent() -> None:
    """In the server's process (Linux): receive SIGTERM when the process that started it dies, so
    a server never outlives a killed `kg serve` or test run."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start(cmd: list[str], log: Path, cwd: Path | None = None) -> subprocess.Popen:
    """Start a server process writing to `log`, tied to our lifetime."""
    with log.open("wb") as out:
        return subprocess.Popen(
            cmd,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
        )


def stop(proc: subprocess.Popen) -> None:
    """Stop a server we started: SIGTERM, then SIGKILL if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Server:
    """A running SPARQL server: its query endpoint, its Graph Store endpoint (None if read-only)."""

    query_url: str
    store_url: str | None
    update_url: str | None
    process: subprocess.Popen


def _server_store(path: Path, work: Path) -> Path:
    """The store directory the server opens: the built store itself when the versions agree,
    else a copy loaded from an N-Triples dump with the server's own loader."""
    if server_version() == ox.__version__:
        return path
    copy, dump = work / "server-store", work / "graph.nt"
    dump.write_bytes(store.export("nt", path))
    loaded = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(copy), "--file", str(dump)], capture_output=True, text=True
    )
    if loaded.returncode != 0:
        raise StoreError(f"could not load the dump into the Oxigraph server's store: {loaded.stderr.strip()[-300:]}")
    return copy


@contextlib.contextmanager
def oxigraph_server(
    path: str | os.PathLike | None = None,
    port: int | None = None,
    *,
    read_only: bool = True,
    timeout_s: float = store.TIMEOUT_S,
    host: str = HOST,
) -> Iterator[Server]:
    """The Oxigraph server on the built store (read-only), or on an empty writable store in a
    temporary folder (`read_only=False`, for `kg push` and the engine tests)."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="kg-oxigraph-") as tmp:
        work = Path(tmp)
        if read_only:
            store.open_read_only(path)  # a clear error when there is no graph
            location = _server_store(store.current(path), work)
            cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location)]
        else:
            cmd = [oxigraph_binary(), "serve", "--location", str(work / "store")]
        cmd += ["--bind", f"{host}:{port}", "--timeout-s", str(max(1, round(timeout_s)))]
        log = work / "server.log"
        proc = start(cmd, log)
        try:
            base = f"http://{host}:{port}"
            _wait_http(base + "/query?query=ASK%7B%7D", proc, 30, log)
            yield Server(base + "/query", None if read_only else base + "/store", base + "/update", proc)
        finally:
            stop(proc)


def stop_on_signals() -> None:
    """Ctrl-C (SIGINT) and SIGTERM (`kill`, a service manager) both end the process through
    KeyboardInterrupt, so the `with` blocks exit and stop the Oxigraph servers we started.
    Python's default for SIGTERM ends the process at once, which left those servers running on the
    store's folder. SIGINT is set too: a shell that starts a command in the background without job
    control (`kg serve &` in a script, CI) hands it SIGINT ignored, and Python keeps an ignored
    SIGINT, so `kg serve`'s "Ctrl-C stops it" did not hold there."""

    def interrupt(signum, frame) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def serve(path: str | os.PathLike | None, port: int, host: str = HOST, timeout_s: float = store.TIMEOUT_S) -> int:
    """`kg serve`: run the read-only Oxigraph server until Ctrl-C or SIGTERM."""
    stop_on_signals()
    with oxigraph_server(path, port, host=host, timeout_s=timeout_s) as srv:
        print(f"SPARQL 1.1 endpoint (read-only): {srv.query_url}  (store {store.store_path(path)})", flush=True)
        print("Ctrl-C stops it.", flush=True)
        try:
            srv.process.wait()
        except KeyboardInterrupt:
            print("stopping the server", flush=True)
            return 0
    return srv.process.returncode or 0


# ---- loading the graph into an engine ---------------------------------------------------------


def push_graph_store(store_url: str, graph: str = DEFAULT_GRAPH, path: str | os.PathLike | None = None) -> int:
    """Replace one named graph at a SPARQL 1.1 Graph Store Protocol endpoint with the built graph
    (HTTP PUT of N-Triples, `?graph=IRI`); returns the number of triples sent."""
    data = store.export("nt", path)
    url = store_url + ("&" if "?" in store_url else "?") + urllib.parse.urlencode({"graph": graph})
    req = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        urllib.request.urlopen(req, timeout=600).close()
    except urllib.error.HTTPError as e:
        raise StoreError(f"{store_url} refused the graph: HTTP {e.code} {e.reason}") from None
    except OSError as e:
        raise StoreError(f"cannot reach the Graph Store endpoint {store_url}: {e}") from None
    return data.count(b"\n")


def isql(port: int, script: str, user: str = "dba", password: str = "dba") -> str:
    """Run SQL statements in Virtuoso through `isql-vt`, failing clearly on an error."""
    exe = shutil.which("isql-vt") or shutil.which("isql")
    if not exe:
        raise StoreError("isql-vt is not installed (Debian package virtuoso-opensource)")
    run = subprocess.run([exe, f"{HOST}:{port}", user, password], input=script, capture_output=True, text=True)
    if run.returncode != 0 or "*** Error" in run.stdout:
        raise StoreError(f"Virtuoso refused: {(run.stdout + run.stderr).strip()[-400:]}")
    return run.stdout


def push_virtuoso(
    isql_port: int, load_dir: str | os.PathLike, graph: str = DEFAULT_GRAPH, path: str | os.PathLike | None = None
) -> int:
    """Load the built graph into Virtuoso with its bulk loader: write the dump into a folder listed in
    the server's DirsAllowed, clear the named graph, then ld_dir + rdf_loader_run + checkpoint."""
    folder = Path(load_dir)
    data = store.export("nt", path)
    dump = folder / "kg-graph.nt"
    dump.write_bytes(data)
    isql(
        isql_port,
        f"SPARQL CLEAR GRAPH <{ox.NamedNode(graph).value}>;\n"
        "DELETE FROM DB.DBA.load_list WHERE ll_file LIKE '%kg-graph.nt';\n"
        f"ld_dir('{folder}', 'kg-graph.nt', '{graph}');\nrdf_loader_run();\ncheckpoint;\n",
    )
    return data.count(b"\n")


# ---- Virtuoso 7 for tests and benchmarks ------------------------------------------------------

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2
MaxQueryMem = 1G

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Virtuoso:
    query_url: str
    sql_port: int
    folder: Path
    process: subprocess.Popen


@contextlib.contextmanager
def virtuoso(buffers: int = 20000) -> Iterator[Virtuoso]:
    """A private Virtuoso 7 in a temporary folder, both ports on 127.0.0.1, stopped afterwards."""
    exe = shutil.which("virtuoso-t")
    if not exe:
        raise StoreError("virtuoso-t is not installed (apt-get install -y virtuoso-opensource)")
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as tmp:
        folder = Path(tmp)
        sql_port, http_port = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(
                dir=folder, host=HOST, sql_port=sql_port, http_port=http_port, buffers=buffers, dirty=buffers * 3 // 4
            )
        )
        log = folder / "virtuoso.log"
        proc = start([exe, "+configfile", str(ini), "+foreground"], folder / "stdout.log", cwd=folder)
        try:
            _wait_http(f"http://{HOST}:{http_port}/sparql?query=ASK%7B%7D", proc, 120, log)
            yield Virtuoso(f"http://{HOST}:{http_port}/sparql", sql_port, folder, proc)
        finally:
            stop(proc)
