"""The following endpoint's answer sharing (kg/access/follow.py), without a server: identical
requests that arrive while the first is being answered wait for its answer, an error is shared but
never cached, and with the cache off every request is asked."""

from __future__ import annotations

import threading
import time

import pytest

from kg.access import follow

QUERY = ("GET", "/query?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201", b"", "", "")
WAITERS = 15


@pytest.fixture
def backend(tmp_path):
    return follow.Backend(tmp_path, 0, None, cache_limit=1 << 20)  # type: ignore[arg-type]  # no server


@pytest.fixture
def waiting(monkeypatch):
    """How many requests are waiting for another's answer."""
    count = {"n": 0}
    original = follow._Asking.wait

    def counted(self, seconds):
        count["n"] += 1
        return original(self, seconds)

    monkeypatch.setattr(follow._Asking, "wait", counted)
    return count


def _together(backend, waiting, answer):
    """WAITERS + 1 identical requests; the server's answer is held until all the others wait."""
    gate, asked, got = threading.Event(), [], []

    def ask():
        asked.append(1)
        assert gate.wait(60)
        return answer

    def client():
        got.append(backend.answer(QUERY, ask, wait_s=60))

    threads = [threading.Thread(target=client) for _ in range(WAITERS + 1)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while waiting["n"] < WAITERS and time.monotonic() < deadline:
        time.sleep(0.01)
    gate.set()
    for t in threads:
        t.join()
    return asked, got


def test_identical_requests_in_flight_cost_one_query(backend, waiting):
    answer = (200, "application/sparql-results+json", b'{"head":{"vars":[]},"results":{"bindings":[]}}')
    asked, got = _together(backend, waiting, answer)
    assert waiting["n"] == WAITERS
    assert len(asked) == 1 and got == [answer] * (WAITERS + 1)
    assert backend.answer(QUERY, lambda: pytest.fail("asked again"), wait_s=1) == answer  # then cached


def test_an_error_is_shared_by_those_waiting_but_not_kept(backend, waiting):
    stopped = (504, "text/plain; charset=utf-8", b"query stopped after 20 s (time limit)")
    asked, got = _together(backend, waiting, stopped)
    assert len(asked) == 1 and got == [stopped] * (WAITERS + 1)  # not 16 runs of a runaway query
    fresh = (200, "application/sparql-results+json", b"{}")
    assert backend.answer(QUERY, lambda: fresh, wait_s=1) == fresh  # the next request asks again


def test_without_the_cache_every_request_is_asked(tmp_path):
    backend = follow.Backend(tmp_path, 0, None, cache_limit=0)  # type: ignore[arg-type]
    asked = []
    for _ in range(3):
        backend.answer(QUERY, lambda: asked.append(1) or (200, "text/plain", b"x"), wait_s=1)
    assert len(asked) == 3


def test_many_readers_arriving_at_once_are_all_answered(graph):
    """64 readers connect in the same instant and ask the same question: every one gets the whole
    answer (the listen backlog once held 5, and 32 load-test clients saw connection resets)."""
    import json
    import urllib.parse
    import urllib.request

    query = "SELECT (COUNT(?fn) AS ?n) WHERE { ?fn a <https://w3id.org/euaigraph/ontology#Footnote> }"
    assert follow._Server.request_queue_size >= 64
    with follow.FollowingEndpoint(graph.store, timeout_s=60) as ep:
        start, answers, errors = threading.Barrier(64), [], []

        def reader():
            start.wait()
            try:
                with urllib.request.urlopen(f"{ep.url}?{urllib.parse.urlencode({'query': query})}", timeout=120) as r:
                    answers.append(json.loads(r.read())["results"]["bindings"][0]["n"]["value"])
            except Exception as e:  # noqa: BLE001 - collected and asserted below
                errors.append(repr(e))

        threads = [threading.Thread(target=reader) for _ in range(64)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert len(answers) == 64 and len(set(answers)) == 1 and int(answers[0]) > 500
