"""Benchmark (not a test): the app's timings in a real browser, on the commentary's built store.

    .venv/bin/python benchmarks/bench_app.py --runs 5          # needs `kg build` first (data/store)

Starts the app as scripts/run does (`python -m kg.access.app.launch`: `streamlit run app.py` with the
graph read first) on 127.0.0.1 (free port) over the store, drives Debian's chromium
through Playwright, and reports, per measurement, the first (cold: a fresh server's first
session fills the per-process cache) and the median and max of the following runs:

- first page: from opening the URL to the page being interactive (its last element drawn), for the
  home page (`/`) and the flagship issue's deep link;
- choose an issue (home page, "Open an issue" → the flagship drawn: its last element and every
  holder's <details>);
- switch issue (the flagship's page, its "Open an issue" box → the issue with the most holders
  drawn, the same way);
- open a provision (provisions page, "Provision" → Art. 52 drawn);
- run a named query (workbench, `issues` → "Run query" → the table's row count shown);
- the floor: the same two measurements on a bare Streamlit page of one select box, what Streamlit
  and the browser cost on this machine before any of the app's content.

Each is read on two clocks:

- the driver's: Playwright's wall clock, from `page.goto` or the `click()` call to the wait for
  the drawn page returning. It includes Playwright's own work: before a click it checks that the
  option is visible, stable and hit by the pointer, and it sees the drawn page when its next poll
  comes round (on a bare Streamlit page the driver's clock reads 0.13–0.14 s where the page's reads
  0.07–0.08 s);
- the page's: chromium's own, from the researcher's move reaching the page (the click event's time
  stamp; for a first page the navigation's start) to the frame after the drawn page is in the
  document (a MutationObserver checks the same condition, then one animation frame). This is the
  time the researcher waits. For the two choices the clock starts at the click on the option:
  opening the list is the researcher's own move.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.access import show  # noqa: E402
from kg.graph.store import store_path  # noqa: E402
from tests.e2e.harness import app_server, browser, wait_for_holders  # noqa: E402

FLAGSHIP = "a51-1a-automatic-classification"
FLAGSHIP_LABEL = "Automatic classification under Art. 51(1)(a) vs Commission designation"
OTHER = "a51-1b-distinct-substantive-requirements"  # the issue with the most holders (27; the flagship 20)


def _open_list(page, label: str, option: str) -> None:
    """Open the select box's list and wait for the option: the researcher's own move, before the clock."""
    page.locator("[data-testid=stSelectbox]", has=page.get_by_text(label, exact=True)).click()
    page.get_by_role("option", name=option, exact=True).wait_for()


def _choose(page, option: str) -> None:
    page.get_by_role("option", name=option, exact=True).click()


def _after(drawn: Drawn, page, then: Callable[[], None]) -> None:
    """Wait for a page to be drawn, then make the researcher's first move on it."""
    drawn.wait(page)
    then()


# The page's clock. `predicate` is the drawn condition as a JavaScript expression; `fromClick` starts
# the clock at the next trusted pointer or click event, otherwise at the navigation's start (0).
PAGE_CLOCK = """
window.__kgClock = (predicate, fromClick) => {
  const c = {start: fromClick ? null : 0, seen: null, painted: null, early: false};
  window.__kg = c;
  if (fromClick) {
    c.early = predicate();
    for (const ev of ["pointerdown", "mousedown", "click"])
      document.addEventListener(ev, e => { if (c.start === null && e.isTrusted) c.start = e.timeStamp; }, true);
  }
  const check = () => {
    if (c.seen !== null || c.start === null || !predicate()) return;
    c.seen = performance.now();
    obs.disconnect();
    requestAnimationFrame(() => setTimeout(() => { c.painted = performance.now(); }, 0));
  };
  const obs = new MutationObserver(check);
  obs.observe(document, {childList: true, subtree: true, characterData: true});
  check();
};
"""


@dataclass(frozen=True)
class Drawn:
    """What "drawn" means for one measurement: the driver's wait, and the same condition as a
    JavaScript expression for the page's clock."""

    wait: Callable
    js: str


def has_text(text: str) -> str:
    return f"(document.body && document.body.textContent.includes({json.dumps(text)}))"


def heading(name: str) -> Drawn:
    js = f"[...document.querySelectorAll('h1,h2,h3')].some(h => h.textContent.trim() === {json.dumps(name)})"
    return Drawn(lambda p: p.get_by_role("heading", name=name).wait_for(), js)


def text_drawn(text: str) -> Drawn:
    return Drawn(lambda p: p.get_by_text(text, exact=False).wait_for(), has_text(text))


def issue_drawn(issue: dict) -> Drawn:
    """An issue drawn: its heading, its last element, and every holder's <details> (exactly its
    number, so that another issue's page still on screen does not count)."""
    holders = sum(len(p["holders"]) for p in issue["positions"])
    last = "PNG and SVG drawn with matplotlib"
    title = heading(issue["label"])

    def wait(page) -> None:
        title.wait(page)
        page.get_by_text(last, exact=False).wait_for()
        wait_for_holders(page, issue, timeout_ms=120_000)

    count = f"document.querySelectorAll('details.holder summary').length === {holders}"
    return Drawn(wait, f"{count} && {title.js} && {has_text(last)}")


def _page_clock(page) -> float:
    page.wait_for_function("window.__kg && window.__kg.painted !== null", timeout=120_000)
    start, painted = page.evaluate("[window.__kg.start, window.__kg.painted]")
    return (painted - start) / 1000


def first_page(b, url: str, ready: str, drawn: Drawn | None = None) -> tuple[float, float]:
    """(driver clock, page clock) from opening the URL to the page drawn."""
    predicate = drawn.js if drawn else has_text(ready)
    ctx = b.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(PAGE_CLOCK + f"window.__kgClock(() => {predicate}, false);")
    page = ctx.new_page()
    t = time.perf_counter()
    page.goto(url)
    page.get_by_text(ready, exact=False).first.wait_for(timeout=120_000)
    if drawn:
        drawn.wait(page)
    took = time.perf_counter() - t
    seen = _page_clock(page)
    ctx.close()
    return took, seen


def interaction(b, url: str, prepare, act, drawn: Drawn) -> tuple[float, float]:
    """(driver clock, page clock) from the click to the page drawn."""
    ctx = b.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(PAGE_CLOCK)
    page = ctx.new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    prepare(page)
    page.wait_for_timeout(300)  # let the page settle before the clock starts
    page.evaluate(f"window.__kgClock(() => {drawn.js}, true)")
    if page.evaluate("window.__kg.early"):
        raise RuntimeError(f"the page at {url} is drawn before the click: {drawn.js}")
    t = time.perf_counter()
    act(page)
    drawn.wait(page)
    took = time.perf_counter() - t
    seen = _page_clock(page)
    ctx.close()
    return took, seen


def measurements(url: str, store) -> dict:
    (issue,) = show.views(FLAGSHIP, store)["issues"]
    (other,) = show.views(OTHER, store)["issues"]
    flagship, switched = issue_drawn(issue), issue_drawn(other)
    return {
        "first page: home (/)": lambda b: first_page(b, url, "Open an issue"),
        "first page: flagship deep link": lambda b: first_page(
            b, url + f"?issue={FLAGSHIP}", "PNG and SVG drawn with matplotlib", flagship
        ),
        "choose an issue": lambda b: interaction(
            b,
            url,
            lambda p: _open_list(p, "Open an issue", FLAGSHIP_LABEL),
            lambda p: _choose(p, FLAGSHIP_LABEL),
            flagship,
        ),
        "switch issue (from the flagship's)": lambda b: interaction(
            b,
            url + f"?issue={FLAGSHIP}",
            lambda p: _after(flagship, p, lambda: _open_list(p, "Open an issue", other["label"])),
            lambda p: _choose(p, other["label"]),
            switched,
        ),
        "open a provision": lambda b: interaction(
            b,
            url + "provisions",
            lambda p: _open_list(p, "Provision", "Art. 52 AI Act"),
            lambda p: _choose(p, "Art. 52 AI Act"),
            heading("Art. 52 AI Act"),
        ),
        "run a named query": lambda b: interaction(
            b,
            url + "workbench?query=issues",
            lambda p: p.get_by_role("button", name="Run query").wait_for(),
            lambda p: p.get_by_role("button", name="Run query").click(),
            text_drawn(" rows in "),
        ),
    }


# The floor: what Streamlit itself costs on this machine, a page of one select box, measured the same way
FLOOR_APP = """import streamlit as st
choice = st.selectbox("Pick", ["a", "b", "c"], index=None)
if choice:
    st.header(f"Chosen {choice}")
"""


def floor(url: str) -> dict:
    return {
        "floor: bare Streamlit first page": lambda b: first_page(b, url, "Pick"),
        "floor: bare Streamlit choice": lambda b: interaction(
            b,
            url,
            lambda p: _open_list(p, "Pick", "b"),
            lambda p: _choose(p, "b"),
            heading("Chosen b"),
        ),
    }


def report(b, measures: dict, runs: int) -> None:
    for name, measure in measures.items():
        cold = measure(b)
        timed = [measure(b) for _ in range(runs)]
        cells = []
        for clock in (0, 1):  # the driver's, the page's
            times = [t[clock] for t in timed]
            cells.append(f"{cold[clock]:6.2f}s {statistics.median(times):6.2f}s {max(times):6.2f}s")
        print(f"{name:34} {cells[0]}   {cells[1]}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per measurement after the cold one")
    ap.add_argument("--store", default=None, help="a built store (default: $KG_STORE or data/store)")
    a = ap.parse_args()
    store = store_path(a.store)
    if not store.exists():
        print(f"no store at {store}: run `kg build` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp, app_server(store, Path(tmp) / "app.log") as url, browser() as b:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"app at {url} over {store}; {a.runs} runs after the cold one;"
            f" load average {load} on {os.cpu_count()} cores\n"
        )
        print(f"{'':34} {'the driver clock (Playwright)':>23}   {'the page clock (chromium)':>23}")
        print(f"{'measurement':34} {'cold':>7} {'median':>7} {'max':>7}   {'cold':>7} {'median':>7} {'max':>7}")
        report(b, measurements(url, store), a.runs)
        bare = Path(tmp) / "floor.py"
        bare.write_text(FLOOR_APP, encoding="utf-8")
        with app_server(store, Path(tmp) / "floor.log", script=str(bare)) as floor_url:
            report(b, floor(floor_url), a.runs)
        print(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
