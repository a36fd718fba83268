"""notebooks/explore.ipynb runs from top to bottom with nbclient, from a clean clone (no store
yet: the notebook builds it) and on a built store; its outputs answer the questions it asks."""

from __future__ import annotations

import nbformat
import pytest
from factories import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def _text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        data = out.get("data", {})
        parts.append(data.get("text/plain", "") + data.get("text/html", ""))
    return "\n".join(parts)


def test_the_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("clean", [True, False], ids=["clean-clone", "built-store"])
def test_the_notebook_runs_and_answers(graph, tmp_path, monkeypatch, clean):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "fresh-store" if clean else graph.store))
    monkeypatch.delenv("KG_SPARQL_ENDPOINT", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not any(o.get("output_type") == "error" for o in c.outputs) for c in code)
    first = _text(code[0])
    assert ("building the graph:" in first) is clean and "embedded store at" in first
    flagship = _text(code[1])
    assert "Does classification under Art. 51(1)(a) require a Commission" in flagship
    assert "839–840, sec 1" in flagship and "paras 26–31" in flagship
    assert "endorses" in _text(code[2]) and "rejects" in _text(code[2])
    assert "paras 26–31" in _text(code[3]) and "rejects" in _text(code[3])
    assert "point (f) presumption" in _text(code[4])
    network = code[5]
    assert any("image/png" in o.get("data", {}) for o in network.outputs)
    assert "co-citation links" in _text(network)
    assert "most often cited together: bernsteiner-schmitt-2026-art-51 + haar-siglmuller-2025-art-51 in 13" in _text(
        code[6]
    )
