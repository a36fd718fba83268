"""A SPARQL endpoint that follows rebuilds: readers keep one address while the graph changes under it.

The Oxigraph server opens one store folder and keeps it; a build swaps a new version in
(kg.graph.store.replace re-points `data/store`). So the endpoint is a small reverse proxy on
127.0.0.1 in front of an Oxigraph server (`serve-read-only`) on the current version. A watcher
checks the version every half second; when it has changed, it starts a second server on the new
version, waits until it answers, then sends every new request there, and stops the old server
once the requests it was answering have finished. What a reader sees during a swap:

- a request is answered entirely by one version, the old or the new one: never a mixture;
- requests that arrive before the new server answers get the old graph; no request fails or waits
  for the swap (the old version's folder is kept until the next build: `store.KEEP_VERSIONS`);
- after the swap (the build's end plus the time a server takes to open the store, about a second),
  every request gets the new graph. No restart, no error.

Every query is bounded by the server's time limit (`--timeout-s`), so a runaway query from one
client is stopped there and does not hold the others: each request is served in its own thread.

Answers are cached per store version (a version never changes, so a cached answer is never
stale; a swap starts an empty cache): the named queries that the app and readers send again and
again are answered from memory. `cache_mb=0` turns the cache off.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.access.engines import die_with_parent, free_port, oxigraph_binary, stop, stop_on_signals
from kg.graph import store
from kg.graph.store import StoreError

HOST = "127.0.0.1"  # this machine only
FORWARDED_HEADERS = ("Accept", "Content-Type")


@dataclass
class Backend:
    """One Oxigraph server on one version of the store, the requests it is answering, and the
    answers it has given (successful ones, by request, up to `cache_bytes`)."""

    folder: Path
    port: int
    process: subprocess.Popen
    inflight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    cache: OrderedDict = field(default_factory=OrderedDict)
    cache_bytes: int = 0
    cache_limit: int = 0
    asking: dict = field(default_factory=dict)  # request → _Asking, while the server answers it

    def answer(self, key: tuple, ask: Callable[[], tuple], wait_s: float) -> tuple[int, str | None, bytes]:
        """The cached answer, or the server's. Identical requests that arrive while the server is
        answering the first one wait for that answer (an error included) instead of asking again:
        32 readers opening the same page cost one query, not 32 competing for the same cores."""
        if self.cache_limit <= 0:  # no cache: nothing is shared
            return ask()
        with self.lock:
            hit = self._hit(key)
            if hit is not None:
                return hit
            pending = self.asking.get(key)
            if pending is None:  # the first to ask
                self.asking[key] = _Asking()
        if pending is not None:
            return pending.wait(wait_s) or ask()  # the first asker's answer, or ours if it never came
        got: tuple = (502, "text/plain", b"the SPARQL server did not answer")
        try:
            got = ask()
            self.keep(key, got)
            return got
        finally:
            with self.lock:
                self.asking.pop(key).give(got)

    def _hit(self, key: tuple) -> tuple[int, str | None, bytes] | None:
        hit = self.cache.get(key)
        if hit is not None:
            self.cache.move_to_end(key)
        return hit

    def cached(self, key: tuple) -> tuple[int, str | None, bytes] | None:
        with self.lock:
            return self._hit(key)

    def keep(self, key: tuple, answer: tuple[int, str | None, bytes]) -> None:
        size = len(answer[2]) + sum(len(k) for k in key if isinstance(k, (bytes, str)))
        if answer[0] != 200 or size > self.cache_limit // 4:
            return
        with self.lock:
            if key not in self.cache:
                self.cache[key] = answer
                self.cache_bytes += size
            while self.cache_bytes > self.cache_limit and self.cache:
                k, old = self.cache.popitem(last=False)
                self.cache_bytes -= len(old[2]) + sum(len(x) for x in k if isinstance(x, (bytes, str)))


class _Server(ThreadingHTTPServer):
    """A thread per request, and a listen backlog for many readers at once: socketserver's default
    of 5 pending connections made 32 clients arriving together see resets and 1 s SYN retries."""

    request_queue_size = 1024
    daemon_threads = True


class _Asking:
    """One request the server is answering, and its answer once there, for those who wait on it."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._answer: tuple | None = None

    def give(self, answer: tuple) -> None:
        self._answer = answer
        self._done.set()

    def wait(self, seconds: float) -> tuple | None:
        self._done.wait(seconds)
        return self._answer


def start_backend(folder: Path, timeout_s: float, wait_s: float = 60.0) -> Backend:
    port = free_port()
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(folder), "--bind", f"{HOST}:{port}"]
    cmd += ["--timeout-s", str(max(1, round(timeout_s)))]
    # tied to the thread that starts it (PR_SET_PDEATHSIG): the endpoint's own thread, or its watcher,
    # which lives as long as the endpoint; a SIGKILLed `kg serve` left its servers running before
    linux = sys.platform.startswith("linux")
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=die_with_parent if linux else None,  # noqa: PLW1509
    )
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
            raise StoreError(f"the Oxigraph server on {folder} exited ({proc.returncode}): {err[-300:]}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/query?query=ASK%7B%7D", timeout=2):
                return Backend(folder, port, proc)
        except OSError:
            time.sleep(0.1)
    stop_process(proc)
    raise StoreError(f"the Oxigraph server on {folder} did not answer within {wait_s:g} s")


stop_process = stop  # kept under this name for the load test


class FollowingEndpoint:
    """`with FollowingEndpoint(store_path) as ep: ep.url` → `http://127.0.0.1:PORT/query`.
    long: start, stop, the watcher that switches versions and the in-flight accounting share one
    lock and one backend; each method is short."""

    def __init__(
        self,
        path: str | os.PathLike | None = None,
        port: int = 0,
        timeout_s: float = store.TIMEOUT_S,
        cache_mb: float = 64,
    ):
        self.path = store.store_path(path)
        self.timeout_s = timeout_s
        self.cache_limit = int(cache_mb * 1024 * 1024)
        self.port = port or free_port()
        self.swaps = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.backend: Backend | None = None
        self._http: _Server | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/query"

    def __enter__(self) -> FollowingEndpoint:
        store.open_read_only(self.path)  # a clear error now when there is no graph
        self.backend = start_backend(store.current(self.path), self.timeout_s)
        self.backend.cache_limit = self.cache_limit
        self._http = _Server((HOST, self.port), _handler(self))
        self._http.daemon_threads = True
        self._threads = [
            threading.Thread(target=self._http.serve_forever, daemon=True),
            threading.Thread(target=self._watch, daemon=True),
        ]
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._http:
            self._http.shutdown()
            self._http.server_close()
        for t in self._threads:
            t.join(timeout=30)
        if self.backend:
            stop_process(self.backend.process)

    def _watch(self) -> None:
        """Every half second: has a build re-pointed the store? Then switch to its new version."""
        while not self._stop.wait(0.5):
            try:
                folder = store.current(self.path)
                if self.backend is None or folder == self.backend.folder or not folder.exists():
                    continue
                new = start_backend(folder, self.timeout_s)
                new.cache_limit = self.cache_limit
            except (OSError, StoreError) as e:  # keep serving the old version; try again next time
                print(f"endpoint: still on the previous version: {e}", file=sys.stderr)
                continue
            with self._lock:
                old, self.backend = self.backend, new
                self.swaps += 1
            threading.Thread(target=_retire, args=(old,), daemon=True).start()

    def acquire(self) -> Backend:
        with self._lock:
            b = self.backend
            assert b is not None
            with b.lock:
                b.inflight += 1
            return b


def _retire(old: Backend) -> None:
    """Stop a replaced server once the requests it was answering have finished."""
    while True:
        with old.lock:
            if old.inflight == 0:
                break
        time.sleep(0.05)
    stop_process(old.process)


def _handler(endpoint: FollowingEndpoint) -> type[BaseHTTPRequestHandler]:
    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # quiet: one line per request is noise
            pass

        def do_GET(self) -> None:
            self._forward("GET")

        def do_POST(self) -> None:
            self._forward("POST")

        def _forward(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {h: self.headers[h] for h in FORWARDED_HEADERS if self.headers.get(h)}
            backend = endpoint.acquire()
            key = (method, self.path, body or b"", headers.get("Accept", ""), headers.get("Content-Type", ""))
            try:
                ask = partial(_ask, backend, method, self.path, body, headers, endpoint.timeout_s)
                answer = backend.answer(key, ask, endpoint.timeout_s + 30)
            finally:
                with backend.lock:
                    backend.inflight -= 1
            status, ctype, data = answer
            self.send_response(status)
            self.send_header("Content-Type", ctype or "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-KG-Store-Version", backend.folder.name)
            self.end_headers()
            self.wfile.write(data)

    return Forward


def _ask(backend: Backend, method: str, path: str, body, headers: dict, timeout_s: float) -> tuple:
    """(status, content type, body) of one request to the server on one version."""
    try:
        conn = http.client.HTTPConnection(HOST, backend.port, timeout=timeout_s + 30)
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        answer = (resp.status, resp.getheader("Content-Type"), resp.read())
        conn.close()
        return _whole(answer, timeout_s)
    except OSError as e:
        return 502, "text/plain", f"the SPARQL server did not answer: {e}".encode()


def _whole(answer: tuple, timeout_s: float) -> tuple:
    """The Oxigraph server streams results and, at its time limit, ends the stream early with
    status 200; a JSON answer that does not parse is therefore a query stopped at the limit, and is
    passed on as 504 with that message, never as a partial answer."""
    status, ctype, data = answer
    if status == 200 and ctype and "json" in ctype:
        try:
            json.loads(data)
        except ValueError:
            msg = f"query stopped after {timeout_s:g} s (time limit); the partial answer was dropped"
            return 504, "text/plain; charset=utf-8", msg.encode()
    return answer


def serve_following(
    path: str | os.PathLike | None, port: int, timeout_s: float = store.TIMEOUT_S, cache_mb: float = 64
) -> int:
    """Run the following endpoint until Ctrl-C or SIGTERM (both stop its Oxigraph servers)."""
    stop_on_signals()
    with FollowingEndpoint(path, port, timeout_s, cache_mb) as ep:
        print(f"SPARQL 1.1 endpoint (read-only, follows rebuilds): {ep.url}  (store {ep.path})", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopping the server", flush=True)
    return 0


if __name__ == "__main__":  # python -m kg.access.follow --store data/store --port 7878
    import argparse

    ap = argparse.ArgumentParser(description="a read-only SPARQL endpoint that follows rebuilds")
    ap.add_argument("--store")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=store.TIMEOUT_S)
    ap.add_argument("--cache-mb", type=float, default=64)
    a = ap.parse_args()
    sys.exit(serve_following(a.store, a.port or free_port(), a.timeout, a.cache_mb))
