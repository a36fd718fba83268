"""Starting the app and a headless browser for the end-to-end suite and the benchmark.

The app is started as the README does (`bash scripts/run`, which sets up, builds and serves) or,
for a store that is already built, with the same launch line (`python -m kg.access.app.launch`); always on 127.0.0.1 and a
port picked free at run time, and stopped (its whole process group) afterwards. The browser is
Debian's chromium driven by Playwright (browsers cannot be downloaded here)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STREAMLIT_FLAGS = ["--server.headless", "true", "--browser.gatherUsageStats", "false"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the app did not answer within {timeout:g} s:\n{log.read_text()[-3000:]}")


@contextmanager
def app_server(
    store: Path, log: Path, readme: bool = False, timeout: float = 600, script: str = "app.py"
) -> Iterator[str]:
    """The app serving `store`: through `bash scripts/run` (set up, build into `store`, serve) when
    `readme`, else `streamlit run SCRIPT` (the app) on the built store. Yields the base URL."""
    port = free_port()
    env = {**os.environ, "KG_STORE": str(store), "KG_APP_PORT": str(port)}
    if readme:
        cmd = ["bash", "scripts/run"]
    else:
        python = str(ROOT / ".venv" / "bin" / "python")
        # the app as scripts/run starts it (the graph read first); another script with plain `streamlit run`
        start = (
            [python, "-m", "kg.access.app.launch"] if script == "app.py" else [python, "-m", "streamlit", "run", script]
        )
        cmd = [
            *start,
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            *STREAMLIT_FLAGS,
        ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_healthy(url, proc, log, timeout)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def wait_for_holders(page, issue: dict, timeout_ms: float = 90_000) -> None:
    """Wait until every holder of `issue` (a `kg views` issue) has its <details> drawn: chromium can
    draw the page's last element before the positions' st.html blocks (their code loads on first use)."""
    from playwright.sync_api import expect

    holders = sum(len(p["holders"]) for p in issue["positions"])
    expect(page.locator("details.holder summary")).to_have_count(holders, timeout=timeout_ms)
