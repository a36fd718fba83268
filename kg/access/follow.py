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
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.graph import store
from kg.graph.store import StoreError

HOST = "127.0.0.1"
FORWARDED_HEADERS = ("Accept", "Content-Type")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the Oxigraph server is not installed: pip install oxigraph (it provides `oxigraph`)")
    return found


@dataclass
class Backend:
    """One Oxigraph server on one version of the store, and the requests it is answering."""

    folder: Path
    port: int
    process: subprocess.Popen
    inflight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def start_backend(folder: Path, timeout_s: float, wait_s: float = 60.0) -> Backend:
    port = free_port()
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(folder), "--bind", f"{HOST}:{port}"]
    cmd += ["--timeout-s", str(max(1, round(timeout_s)))]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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


def stop_process(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class FollowingEndpoint:
    """`with FollowingEndpoint(store_path) as ep: ep.url` → `http://127.0.0.1:PORT/query`."""

    def __init__(self, path: str | os.PathLike | None = None, port: int = 0, timeout_s: float = store.TIMEOUT_S):
        self.path = store.store_path(path)
        self.timeout_s = timeout_s
        self.port = port or free_port()
        self.swaps = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.backend: Backend | None = None
        self._http: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/query"

    def __enter__(self) -> FollowingEndpoint:
        store.open_read_only(self.path)  # a clear error now when there is no graph
        self.backend = start_backend(store.current(self.path), self.timeout_s)
        self._http = ThreadingHTTPServer((HOST, self.port), _handler(self))
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
            try:
                conn = http.client.HTTPConnection(HOST, backend.port, timeout=endpoint.timeout_s + 30)
                conn.request(method, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data, status, ctype = resp.read(), resp.status, resp.getheader("Content-Type")
                conn.close()
            except OSError as e:
                data, status, ctype = f"the SPARQL server did not answer: {e}".encode(), 502, "text/plain"
            finally:
                with backend.lock:
                    backend.inflight -= 1
            self.send_response(status)
            self.send_header("Content-Type", ctype or "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-KG-Store-Version", backend.folder.name)
            self.end_headers()
            self.wfile.write(data)

    return Forward


def serve_following(path: str | os.PathLike | None, port: int, timeout_s: float = store.TIMEOUT_S) -> int:
    """Run the following endpoint until Ctrl-C."""
    with FollowingEndpoint(path, port, timeout_s) as ep:
        print(f"SPARQL 1.1 endpoint (read-only, follows rebuilds): {ep.url}  (store {ep.path})", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopping the server", flush=True)
    return 0
