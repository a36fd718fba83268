"""Shared fixtures: the real commentary, parsed once per test session, and the real graph,
built once per session into a temporary store that the CLI tests query."""

import os
import shutil
from pathlib import Path

import pytest
from factories import ANNOTATIONS, COMMENTARY, IMG, SCRIPT, Built, Run, build_store, run_kg
from hypothesis import settings

# Hypothesis in CI: the same examples on every run (derandomize: a seed derived from each test), a
# bounded number of them (tests that set max_examples keep their own bound), no example database
# written into the tree. `HYPOTHESIS_PROFILE=explore` draws fresh random examples, more of them.
settings.register_profile("ci", derandomize=True, max_examples=100, deadline=None, database=None, print_blob=True)
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def raw() -> str:
    return COMMENTARY.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def commentary():
    from kg.ingest.parse import parse_file

    return parse_file(COMMENTARY)


@pytest.fixture(scope="session")
def resolved(commentary):
    """Citations of the real commentary found and resolved, as the build does (`kg.ingest.resolve.resolve`)."""
    from kg.ingest.find_citations import find_in_commentary
    from kg.ingest.resolve import resolve

    return resolve([find_in_commentary(commentary)])


# ---- running the CLI ----------------------------------------------------------------------------


@pytest.fixture
def cli(capsys):
    """Run a `kg` command in-process through `kg.cli.main`: `cli("--store", s, "stats", "--json")`."""
    from kg.access.cli import main

    def run(*argv) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture(scope="session")
def graph(tmp_path_factory) -> Built:
    """The real graph (sources/commentary, provisions, annotations), built once per session."""
    return build_store(tmp_path_factory.mktemp("graph") / "store")


@pytest.fixture(scope="session")
def graph_nt(graph, tmp_path_factory) -> bytes:
    """`kg export --format nt` of the session graph."""
    out = tmp_path_factory.mktemp("export") / "graph.nt"
    run = run_kg("--store", graph.store, "export", "--format", "nt", "-o", out)
    assert run.code == 0, run.err
    return out.read_bytes()


@pytest.fixture
def annotations_copy(tmp_path) -> Path:
    """A private copy of sources/annotations/ to break."""
    folder = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS, folder)
    return folder


@pytest.fixture(scope="session")
def planted(tmp_path_factory):
    """A store built from a copy of the commentary with markup planted in footnote 69: an `<img
    onerror>` inside a work's title (so it reaches holder labels and the map) and a `<script>`."""
    folder = tmp_path_factory.mktemp("planted")
    lines = COMMENTARY.read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("  69. In favour of"))
    assert "‘Generative AI in EU Law" in lines[i] and lines[i].endswith(" ↩︎")
    lines[i] = lines[i].replace("‘Generative AI", f"‘Generative {IMG} AI", 1)[: -len(" ↩︎")] + f" {SCRIPT} ↩︎"
    source = folder / "002_planted.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    return build_store(folder / "store", "--commentary", source)
