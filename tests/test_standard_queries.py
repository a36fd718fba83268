"""queries/standard/*.rq: the questions a researcher who knows only ELI, CiTO, FaBiO, DoCO, FOAF,
PROV and Web Annotation can answer, without any kg: term, on the real graph (through `kg query`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "queries" / "standard"
RAW = (ROOT / "sources" / "commentary" / "002_b07c53fab08c7372.txt").read_text(encoding="utf-8")
NAMES = ["works-citing-provision", "footnotes-citing-work", "source-words", "position-holders"]


@pytest.mark.parametrize("name", NAMES)
def test_the_query_uses_no_kg_term(name):
    text = (STANDARD / f"{name}.rq").read_text(encoding="utf-8")
    assert text.startswith("# title:")
    assert "kg:" not in text and "euaigraph/ontology#" not in text
    assert "PREFIX kg:" not in text


def _bindings(out: str) -> list[dict]:
    """SPARQL 1.1 JSON results (what `kg query --format json` prints) as plain rows."""
    return [{k: b["value"] for k, b in row.items()} for row in json.loads(out)["results"]["bindings"]]


def _run(cli, graph, name: str) -> list[dict]:
    run = cli("--store", graph.store, "query", STANDARD / f"{name}.rq", "--format", "json")
    assert run.code == 0, run.err
    return _bindings(run.out)


def test_which_works_cite_article_51_1_a(graph, cli):
    rows = _run(cli, graph, "works-citing-provision")
    assert rows
    assert {r["work"] for r in rows} == {"https://w3id.org/euaigraph/id/commentary/article-51"}
    parts = {r["part"] for r in rows}
    assert "para 16" in parts and "fn 69" in parts
    assert {r["notation"] for r in rows} == {"Art. 51(1)(a)"}


def test_which_footnotes_cite_haar_and_siglmuller_with_pinpoint(graph, cli):
    rows = _run(cli, graph, "footnotes-citing-work")
    fn69 = [r for r in rows if r["notation"] == "fn 69"]
    assert [r["pinpoint"] for r in fn69] == ["paras 26–31"]
    assert fn69[0]["words"] == "Haar and Siglmüller, ‘Art. 51’ (n 9) paras 26–31"
    assert "http://purl.org/spar/cito/" in fn69[0]["characterisations"]
    assert len({r["notation"] for r in rows}) >= 20


def test_the_exact_source_words_of_an_attribution(graph, cli):
    rows = _run(cli, graph, "source-words")
    assert len(rows) == 1
    r = rows[0]
    assert r["document"] == "002_b07c53fab08c7372.txt"
    assert RAW[int(r["start"]) : int(r["end"])] == r["exact"]
    assert r["exact"].startswith("Haar and Siglmüller")


def test_who_holds_that_a_commission_decision_is_required(graph, cli):
    rows = _run(cli, graph, "position-holders")
    fn69 = {(r["name"], r["pinpoint"]) for r in rows if r["footnote"] == "fn 69"}
    assert ("Tobias Haar", "paras 26–31") in fn69 and ("Jonas Siglmüller", "paras 26–31") in fn69
    # the same holders the kg: attribution layer gives
    run = cli(
        "--store",
        graph.store,
        "query",
        """SELECT DISTINCT ?work WHERE { ?a kg:attributes
             <https://w3id.org/euaigraph/id/position/a51-1a-designation-decision-required> ; kg:holderWork ?work }""",
        "--format",
        "json",
    )
    assert {r["work"] for r in _bindings(run.out)} == {r["work"] for r in rows}
