"""A real SPARQL 1.1 endpoint (`kg serve`, the Oxigraph server) and two server engines (the
Oxigraph server and OpenLink Virtuoso 7) loaded with `kg push`: every named query gives the same
rows there as on the embedded store, compared as sets of values. Servers run on 127.0.0.1 on
ports picked at run time and are stopped afterwards."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from factories import ROOT
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.access import engines
from kg.access.api import open_graph
from kg.graph import queries, store
from kg.graph.vocab import SPARQL_PREFIXES

FLAGSHIP = "https://w3id.org/euaigraph/id/issue/a51-1a-automatic-classification"


def _values(res) -> set[tuple]:
    return {tuple(r) for r in res.rows}


@pytest.fixture(scope="module")
def embedded(graph):
    return open_graph(graph.store, max_rows=1_000_000)


@pytest.fixture(scope="module")
def oxigraph_pushed(graph, cli_module):
    """A writable Oxigraph server, loaded with `kg push --endpoint` (Graph Store Protocol)."""
    with engines.oxigraph_server(read_only=False) as srv:
        run = cli_module("--store", graph.store, "push", "--endpoint", srv.store_url)
        assert run.code == 0, run.err
        yield open_graph(endpoint=srv.query_url, graph=engines.DEFAULT_GRAPH, max_rows=1_000_000)


@pytest.fixture(scope="module")
def virtuoso_pushed(graph, cli_module):
    """Virtuoso 7 with a private ini, loaded with `kg push --virtuoso-isql` (its bulk loader)."""
    assert shutil.which("virtuoso-t"), "scripts/test installs virtuoso-opensource"
    with engines.virtuoso() as v:
        run = cli_module("--store", graph.store, "push", "--virtuoso-isql", v.sql_port, "--load-dir", v.folder)
        assert run.code == 0, run.err
        yield open_graph(endpoint=v.query_url, graph=engines.DEFAULT_GRAPH, max_rows=1_000_000)


@pytest.fixture(scope="module")
def cli_module():
    from factories import run_kg

    return run_kg


@pytest.mark.parametrize("name", sorted(queries.all_queries()))
def test_every_named_query_is_the_same_on_three_engines(name, embedded, oxigraph_pushed, virtuoso_pushed):
    here = embedded.run(name)
    assert here.rows, f"{name} returns nothing on the embedded store"
    assert _values(oxigraph_pushed.run(name)) == _values(here), "Oxigraph server differs"
    assert _values(virtuoso_pushed.run(name)) == _values(here), "Virtuoso differs"


def test_parameters_are_bound_the_same_on_every_engine(embedded, oxigraph_pushed, virtuoso_pushed):
    for engine in (oxigraph_pushed, virtuoso_pushed):
        for name, params in (
            ("issues-on-provision", {"provision": "Art. 52(1) third sentence"}),
            ("scholar-holdings", {"scholar": "Hofmann-Coombe"}),
            ("work-citator", {"work": "commission-guidelines-2025"}),
        ):
            assert _values(engine.run(name, params)) == _values(embedded.run(name, params)), (engine, name)


def test_updates_are_refused_by_the_remote_api(oxigraph_pushed):
    with pytest.raises(store.StoreError, match="read-only"):
        oxigraph_pushed.query("DELETE WHERE { ?s ?p ?o }")
    assert len(oxigraph_pushed.views()) == 36


# ---- kg serve -------------------------------------------------------------------------------


def _kg(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, env=env, **kw)


def test_kg_serve_refuses_a_missing_store(tmp_path):
    proc = _kg("--store", str(tmp_path / "nothing"), "serve", "--port", "0", stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip().splitlines() == [f"error: no graph at {tmp_path / 'nothing'}: run `kg build` first"]


def _serving(store_path, **popen) -> tuple[subprocess.Popen, int]:
    """`kg serve` on a free port, once it answers."""
    port = engines.free_port()
    proc = _kg("--store", str(store_path), "serve", "--port", str(port), stdout=subprocess.PIPE, text=True, **popen)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).close()
            break
        except OSError:
            time.sleep(0.2)
    return proc, port


def _end(proc: subprocess.Popen) -> None:
    """A test that failed before stopping its `kg serve`: Ctrl-C, then kill."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def served(graph):
    """`kg serve` as a user runs it, on a free port; stopped with Ctrl-C (SIGINT) by the test."""
    proc, port = _serving(graph.store)
    yield proc, port
    _end(proc)


def test_kg_serve_answers_a_standard_client_and_refuses_updates(served, graph, embedded):
    proc, port = served
    sw = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
    sw.setQuery(SPARQL_PREFIXES + queries.get("views-on-issue").sparql)
    sw.setReturnFormat(JSON)
    bindings = sw.queryAndConvert()["results"]["bindings"]
    rows = {tuple(b[v]["value"] if v in b else None for v in embedded.run("views-on-issue").columns) for b in bindings}
    assert rows == _values(embedded.run("views-on-issue"))
    assert {b["issue"]["value"] for b in bindings} == {FLAGSHIP}

    before = store.export("nt", graph.store)
    up = SPARQLWrapper(f"http://127.0.0.1:{port}/query", updateEndpoint=f"http://127.0.0.1:{port}/update")
    up.setMethod(POST)
    up.setQuery("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    with pytest.raises(urllib.error.HTTPError) as refused:  # SPARQLWrapper passes a 403 through as is
        up.query()
    assert refused.value.code == 403
    assert store.export("nt", graph.store) == before

    proc.send_signal(signal.SIGINT)  # Ctrl-C
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert f"http://127.0.0.1:{port}/query" in out and "stopping the server" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_kg_serve_stopped_with_sigterm_stops_its_oxigraph_server(served):
    """`kill` (SIGTERM, what a service manager sends) ends `kg serve` like Ctrl-C: its Oxigraph
    server goes too. Python's default for SIGTERM had left that server running on the store."""
    proc, port = served
    servers = _children(proc.pid)
    assert servers, "kg serve runs its Oxigraph server as a child"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in servers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in servers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    assert left == [], f"Oxigraph servers still running after SIGTERM: {left}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def _gone(pids: list[int], seconds: float = 20) -> list[int]:
    """Those of `pids` still running after up to `seconds`."""
    deadline = time.monotonic() + seconds
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]


def test_kg_serve_started_with_ctrl_c_ignored_still_stops_on_ctrl_c(graph):
    """A shell without job control (`kg serve &` in a script, a CI runner started in the background)
    hands its background commands SIGINT ignored, and Python keeps it ignored: Ctrl-C then did
    nothing, and a clean-clone CI run launched that way failed here. `kg serve` sets it itself."""
    proc, port = _serving(graph.store, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        servers = _children(proc.pid)
        assert servers, "kg serve runs its Oxigraph server as a child"
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0 and "stopping the server" in out
        assert _gone(servers) == []
    finally:
        _end(proc)


def test_a_killed_kg_serve_takes_its_oxigraph_server_with_it(graph):
    """SIGKILL gives `kg serve` no chance to stop its server; the server is tied to it
    (PR_SET_PDEATHSIG) and goes too, instead of holding the store's version and its port."""
    proc, port = _serving(graph.store)
    try:
        servers = _children(proc.pid)
        assert servers, "kg serve runs its Oxigraph server as a child"
        proc.kill()
        proc.wait(30)
        assert _gone(servers) == [], "the Oxigraph server outlived a killed kg serve"
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2)
    finally:
        _end(proc)
