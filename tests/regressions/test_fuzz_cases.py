"""Replay every case the fuzz campaign (benchmarks/fuzz_campaign.py) saved because it ended in an
internal error: each must now end cleanly, with warnings, or refused with one clear error line,
and a build case must leave its store whole.

A case is a folder in tests/regressions/cases/: `case.json` (the command line, with `{store}` and
`{dir}` for the store and the case's folder, and what was mutated) and `files/` (the inputs,
gzipped). The store is a private copy of the session graph.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if (p / "case.json").exists())


def run_main(argv: list[str]) -> tuple[int, str]:
    """`kg.access.cli.main` in-process; argparse's usage errors (SystemExit 2) count as refusals."""
    from kg.access.cli import main

    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 2
    return code, err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_saved_fuzz_case_no_longer_fails_internally(case, graph, tmp_path):
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    for gz in (case / "files").rglob("*.gz") if (case / "files").exists() else []:
        target = tmp_path / gz.relative_to(case / "files").with_suffix("")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(gzip.decompress(gz.read_bytes()))
    store = tmp_path / "store"
    shutil.copytree(graph.store, store)
    argv = [a.replace("{store}", str(store)).replace("{dir}", str(tmp_path)) for a in meta["argv"]]
    code, err = run_main(argv)
    assert "Traceback" not in err and "please report" not in err, err
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 0 or lines and lines[-1].split(":")[0] in ("error", "strict", "kg query", "kg", "kg build"), err
    from kg.graph import store as st

    assert len(st.open_read_only(store)) > 0
    assert not list(store.parent.glob(".store-build-*"))
