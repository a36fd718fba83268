"""Safety at every entry point: queries are read-only, bounded in time and rows, and a SERVICE
clause reaches the network only when explicitly enabled. The store is unchanged afterwards."""

from __future__ import annotations

import socket
import threading

import pytest
from factories import build_store

from kg.access import engines
from kg.access.api import open_graph
from kg.graph import store
from kg.graph.store import StoreError

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 63k^3 rows
UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR DEFAULT",
    "PREFIX ex: <http://example.org/> DROP GRAPH ex:g",
]


@pytest.fixture(scope="module")
def victim(tmp_path_factory):
    """A private store for this module, and its dump before any test ran."""
    built = build_store(tmp_path_factory.mktemp("safety") / "store", "--no-validate")
    return built.store, store.export("nt", built.store)


@pytest.fixture(scope="module")
def server(victim):
    with engines.oxigraph_server(victim[0], timeout_s=2) as srv:
        yield srv


@pytest.mark.parametrize("update", UPDATES, ids=["insert", "delete", "load", "clear", "drop"])
def test_updates_are_refused_by_the_api_embedded_and_remote(victim, server, update):
    path, before = victim
    for g in (open_graph(path), open_graph(endpoint=server.query_url)):
        with pytest.raises(StoreError, match="SPARQL update; queries here are read-only"):
            g.query(update)
    assert store.export("nt", path) == before


@pytest.mark.parametrize("update", UPDATES[:2], ids=["insert", "delete"])
def test_updates_are_refused_by_the_cli_on_a_remote_endpoint(victim, server, cli, update):
    run = cli("query", "--endpoint", server.query_url, update)
    assert run.code == 2 and run.err.strip().startswith("error: this is a SPARQL update")
    assert store.export("nt", victim[0]) == victim[1]


def test_a_runaway_query_is_stopped_in_the_api(victim):
    g = open_graph(victim[0], timeout=1.0)
    with pytest.raises(StoreError, match=r"stopped after 1 s \(time limit\)"):
        g.query(RUNAWAY)
    assert len(g.views()) == 36  # the API still answers afterwards
    assert store.export("nt", victim[0]) == victim[1]


def test_a_runaway_query_is_stopped_at_the_endpoint(victim, server):
    g = open_graph(endpoint=server.query_url, timeout=30)  # the server's own limit (2 s) stops it
    with pytest.raises(StoreError, match="refused the query|time limit"):
        g.query(RUNAWAY)
    client_side = open_graph(endpoint=server.query_url, timeout=1)
    with pytest.raises(StoreError, match="time limit"):
        client_side.query(RUNAWAY)
    assert len(g.views()) == 36


def test_the_row_cap_is_configurable_and_said(victim, cli):
    g = open_graph(victim[0], max_rows=5)
    with pytest.warns(UserWarning, match="stopped at 5 rows"):
        df = g.query("co-citation")
    assert len(df) == 5 and df.attrs["truncated"]
    run = cli("--store", victim[0], "query", "co-citation", "--limit", "7", "--format", "csv")
    assert run.code == 0 and len(run.out.strip().split("\r\n")) == 8
    assert "stopped at 7 rows, the row cap" in run.err


class _Listener:
    """A TCP port on 127.0.0.1 that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.connected = False
        self.port = self.sock.getsockname()[1]
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
                self.connected = True
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self._stop = True
        self.thread.join()
        self.sock.close()


def test_service_cannot_reach_the_network_unless_enabled(victim, server, cli, monkeypatch):
    listener = _Listener()
    try:
        federated = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        with pytest.raises(StoreError, match="SERVICE .* disabled; set KG_ALLOW_SERVICE=1"):
            open_graph(victim[0]).query(federated)
        with pytest.raises(StoreError, match="SERVICE"):
            open_graph(endpoint=server.query_url).query(federated)
        run = cli("--store", victim[0], "query", federated.replace("SERVICE", "service"))
        assert run.code == 2 and "SERVICE" in run.err
        assert not listener.connected
    finally:
        listener.close()
    # enabled explicitly, the embedded store federates to a real endpoint (the Oxigraph server)
    asked = f"SELECT ?q WHERE {{ SERVICE <{server.query_url}> {{ ?i kg:question ?q }} }}"
    questions = len(open_graph(victim[0]).query("SELECT ?q WHERE { ?i kg:question ?q }"))  # asked locally
    rows = open_graph(victim[0], allow_service=True).query(asked)
    assert questions > 40 and len(rows) == questions
    monkeypatch.setenv("KG_ALLOW_SERVICE", "1")
    assert len(open_graph(victim[0]).query(asked)) == questions


def test_words_that_only_look_like_service_or_updates_are_fine(victim):
    g = open_graph(victim[0])
    text = 'SELECT ?service WHERE { BIND("SERVICE <x> and INSERT DATA" AS ?service) } # DELETE'
    assert g.query(text)["service"].tolist() == ["SERVICE <x> and INSERT DATA"]
