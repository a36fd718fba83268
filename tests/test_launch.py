"""The app's launcher (`python -m kg.access.app.launch`, what scripts/run starts): it reads the graph
into the cache the pages use before Streamlit takes its first session, so the first researcher after
a start does not wait for the imports and the home page's listing (benchmarks/bench_app.py: the cold
first page went from 2.5–3.0 s to 2.1 s)."""

from __future__ import annotations

import gc

import pytest

from kg.access import explore
from kg.access.app import common, launch
from kg.graph.store import StoreError


def test_the_launcher_fills_the_cache_the_pages_read(graph, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(graph.store))
    common._explorer.clear()
    line = launch.prime()
    issues = len(explore.views(graph.store)["issues"])
    assert f"({issues} issues," in line
    # the home page's own call (common.explorer) now finds its listing read
    assert common.explorer().has_read("views")
    common._explorer.clear()


def test_what_the_launcher_read_is_out_of_the_collectors_reach(graph, monkeypatch):
    """A full collection walked every object of the listing, 40–100 ms each time the server drew a page."""
    monkeypatch.setenv("KG_STORE", str(graph.store))
    common._explorer.clear()
    try:
        launch.prime()
        listing = common.explorer().views()
        tracked = {id(o) for o in gc.get_objects()}
        assert id(listing) not in tracked and id(listing["issues"][0]) not in tracked
        assert gc.get_freeze_count() > len(listing["issues"])
    finally:
        gc.unfreeze()
        common._explorer.clear()


def test_the_launcher_on_a_store_not_built_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "nothing"))
    common._explorer.clear()
    with pytest.raises(StoreError, match="kg build"):
        launch.prime()
    common._explorer.clear()
