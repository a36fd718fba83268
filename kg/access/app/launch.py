"""`python -m kg.access.app.launch [streamlit options]`: the app as `streamlit run app.py` would
serve it, with the graph read before the server takes its first session.

Streamlit runs none of our code until a browser connects, so the first researcher after a start
paid for the pages' imports and the home page's listing: about 0.9 s of server time, and a first
page of 2.5–3.0 s where a warm server draws it in 1.5 s (benchmarks/bench_app.py). Here the same
process imports the library the pages use and fills the cache they read (`common.explorer`, one
per process) first, then hands over to Streamlit's own command line, unchanged. `scripts/run` starts the app
this way; `streamlit run app.py` still works, and is only slower to its first page."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from pathlib import Path

from kg.graph.store import StoreError

APP = Path(__file__).resolve().parents[3] / "app.py"


def prime() -> str:
    """Open the store and read the home page's listing into the cache the pages use; one line for
    the console. Streamlit warns that there is no session yet (expected here): that warning is held back.

    What is read here lives as long as the process, so it is moved out of the garbage collector's
    reach (`gc.freeze`): walking it in every full collection stalled the server 40–100 ms, about
    once per page drawn (measured with `gc.callbacks`; with the freeze, 0 and 2 of 41 over 30 ms in two runs)."""
    started = time.perf_counter()
    from streamlit.runtime.scriptrunner_utils import script_run_context

    def no_session_warning(record: logging.LogRecord) -> bool:
        return "missing ScriptRunContext" not in record.getMessage()

    script_run_context._LOGGER.addFilter(no_session_warning)  # a filter outlives Streamlit's setLevel calls
    try:
        # not the page modules: a component they import (st_cytoscape) registers its files with the
        # server's runtime when first imported, and there is no runtime yet (its files then 404)
        from kg.access.app import common

        ex = common._explorer(os.environ.get("KG_STORE"))
        issues_read = len(ex.views()["issues"])
    finally:
        script_run_context._LOGGER.removeFilter(no_session_warning)
    gc.freeze()
    return f"The graph is read ({issues_read} issues, {time.perf_counter() - started:.1f} s); starting the app."


def main(argv: list[str] | None = None) -> None:
    try:
        print(prime(), flush=True)
    except StoreError as e:  # the pages show the same message, with the command that builds the graph
        print(f"The graph cannot be read yet: {e}", flush=True)
    from streamlit.logger import get_logger
    from streamlit.web import cli

    # Streamlit read its config when prime() imported it and reads it again with the command line's
    # options, before the server starts; it then warns that a restart is needed, which is not so here
    get_logger("streamlit.config").addFilter(lambda r: "config option section was detected" not in r.getMessage())
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
