"""The `kg` command line on the real graph, built once per session (fixture `graph`).

Every command runs in-process through `kg.cli.main`; one test runs `python -m kg` in a
subprocess to prove the console entry works.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from factories import DOCUMENT, ROOT, build_store, result_rows

AUTOMATIC = "automatic classification"
FN69_FAMILIES = {
    ("Haar", "Siglmüller"),
    ("Bernsteiner", "Schmitt"),
    ("Hofmann-Coombe",),
    ("Hilgendorf", "Härtlein"),
    ("Martini",),
    ("Schöbel", "Yang-Jacobi"),
    ("Novelli",),
}


def _json(run):
    assert run.code == 0, run.err
    return json.loads(run.out)


@pytest.fixture(scope="module")
def footnotes(graph):
    from factories import run_kg

    return {f["number"]: f for f in _json(run_kg("--store", graph.store, "footnotes", "--json"))}


# ---- build and stats -------------------------------------------------------------------------


def test_build_prints_the_summary(graph):
    out = graph.run.out
    assert graph.run.code == 0
    m = re.search(r"^Built the graph in [\d.]+ s: (\d+) triples in (.+)$", out, re.M)
    assert m and m.group(2) == str(graph.store)
    assert "1 commentary file(s): 49 sections, 147 margin paragraphs, 556 footnotes" in out
    assert re.search(r"^  \d+ works, \d+ persons, 509 citations, \d+ provisions, \d+ provision references$", out, re.M)
    assert re.search(
        r"^  argument layer: \d+ issues, \d+ positions, \d+ attributions \(\d+ from extraction alone, "
        r"\d+ needed curation\), \d+ arguments$",
        out,
        re.M,
    )
    assert "SHACL: conforms" in out
    assert "Traceback" not in graph.run.err


def test_stats_json_counts_what_the_store_holds(graph, cli):
    s = _json(cli("--store", graph.store, "stats", "--json"))
    for key in ("paragraphs", "footnotes", "sections", "works", "persons", "citations", "provisions", "triples"):
        assert type(s[key]) is int, key
    assert (s["paragraphs"], s["footnotes"], s["sections"]) == (147, 556, 49)
    assert s["works"] >= 15
    assert s["persons"] > 0 and s["citations"] > 0 and s["provisions"] > 0
    assert s["triples"] == len(ox.Store.read_only(str(graph.store)))
    built = int(re.search(r"(\d+) triples in", graph.run.out).group(1))
    assert s["triples"] == built


def test_stats_as_a_table(graph, cli):
    run = cli("--store", graph.store, "stats")
    assert run.code == 0
    assert re.search(r"^\s+paragraphs: 147$", run.out, re.M)
    assert re.search(r"^\s+footnotes: 556$", run.out, re.M)


# ---- footnotes and paragraphs ----------------------------------------------------------------


def test_footnotes_json_has_every_footnote(graph, footnotes):
    assert len(footnotes) == 556
    assert sorted(footnotes) == list(range(1, 557))
    assert {f["commentary"] for f in footnotes.values()} == {DOCUMENT}


def test_footnote_69_cites_haar_and_siglmuller_in_favour_of_a_decision(footnotes):
    fn = footnotes[69]
    assert fn["paragraph"] == 16
    assert fn["text"].startswith(
        "In favour of the requirement of a Commission decision for classification under "
        "article 51(1)(a): Haar and Siglmüller, ‘Art. 51’ (n 9) paras 26–31;"
    )
    haar = [
        c
        for c in fn["citations"]
        if c["work"].startswith("Art. 51 Einstufung") and c["authors"] == ["Tobias Haar", "Jonas Siglmüller"]
    ]
    assert len(haar) == 1
    assert haar[0]["pinpoint"] == "paras 26–31"
    assert haar[0]["signal"] == "In favour of"
    assert haar[0]["via_footnote"] == 9
    # all seven works cited in the footnote, each with the footnote's signal
    assert len(fn["citations"]) == 7
    assert {c["signal"] for c in fn["citations"]} == {"In favour of"}
    bernsteiner = next(c for c in fn["citations"] if c["authors"] == ["Clemens Bernsteiner", "Thomas Rainer Schmitt"])
    assert (bernsteiner["pinpoint"], bernsteiner["via_footnote"]) == ("para 12", 6)
    novelli = next(c for c in fn["citations"] if c["work"].startswith("Generative AI in EU Law"))
    assert "via_footnote" not in novelli  # cited in full here, not through `(n N)`
    assert fn["provisions"] == ["Art. 51(1)(a) AI Act"]


def test_footnote_with_sentence_level_provisions(footnotes):
    # fn 157: ‘AI Act, art 52(1), third sentence, and art 52(4), first subparagraph.’
    fn = footnotes[157]
    assert fn["text"] == "AI Act, art 52(1), third sentence, and art 52(4), first subparagraph."
    assert fn["paragraph"] == 35
    assert fn["provisions"] == ["Art. 52(1) AI Act, third sentence", "Art. 52(4) AI Act, first subparagraph"]
    assert fn["citations"] == []


def test_paragraphs_json(graph, cli):
    paras = {p["number"]: p for p in _json(cli("--store", graph.store, "paragraphs", "--json"))}
    assert len(paras) == 147 and sorted(paras) == list(range(1, 148))
    p16 = paras[16]
    assert p16["section"] == "2.1.1.1."
    assert p16["footnotes"] == [69, 70, 71]
    assert p16["text"].startswith("Scholars are divided on whether the classification of GPAI models")
    # para 19: ‘In fact, Article 52(1)’s third sentence permits designation only of GPAI models ...’
    assert paras[19]["footnotes"] == [76, 77]
    assert "Art. 52(1) AI Act, third sentence" in paras[19]["provisions"]
    assert "Art. 52(4) AI Act, first subparagraph" in paras[19]["provisions"]


def test_document_filter(graph, cli):
    assert len(_json(cli("--store", graph.store, "footnotes", "--json", "--document", DOCUMENT))) == 556
    assert _json(cli("--store", graph.store, "paragraphs", "--json", "--document", "no-such-file.txt")) == []


# ---- export ----------------------------------------------------------------------------------


def test_nt_export_is_sorted_without_blank_nodes(graph, graph_nt, cli):
    lines = graph_nt.decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines)) == _json(cli("--store", graph.store, "stats", "--json"))["triples"]
    assert not re.search(rb"(^|\s)_:", graph_nt, re.M)
    assert all(line.startswith("<") and line.endswith(" .") for line in lines)


def test_nt_export_is_byte_identical_across_two_builds(graph_nt, tmp_path, capsysbinary):
    from kg.access.cli import main

    second = build_store(tmp_path / "second" / "store")
    capsysbinary.readouterr()
    assert main(["--store", str(second.store), "export", "--format", "nt"]) == 0  # to stdout
    assert capsysbinary.readouterr().out == graph_nt


def test_turtle_and_jsonld_exports_parse_with_rdflib(graph, graph_nt, cli, tmp_path):
    triples = len(graph_nt.splitlines())
    fn69 = rdflib.URIRef(
        next(
            line.split(" ", 1)[0][1:-1]
            for line in graph_nt.decode().splitlines()
            if "footnoteNumber" in line and '"69"' in line
        )
    )
    for fmt, rdflib_format in (("ttl", "turtle"), ("jsonld", "json-ld")):
        out = tmp_path / f"graph.{fmt}"
        run = cli("--store", graph.store, "export", "--format", fmt, "-o", out)
        assert run.code == 0 and f"to {out}" in run.out
        g = rdflib.Graph().parse(out, format=rdflib_format)
        assert len(g) == triples, fmt
        texts = [str(o) for o in g.objects(fn69, rdflib.URIRef("https://w3id.org/euaigraph/ontology#text"))]
        assert texts and texts[0].startswith("In favour of the requirement of a Commission decision"), fmt


# ---- query -----------------------------------------------------------------------------------


def test_query_inline_sparql(graph, cli):
    run = cli(
        "--store", graph.store, "query", "SELECT (COUNT(?fn) AS ?n) WHERE { ?fn a kg:Footnote }", "--format", "json"
    )
    assert run.code == 0, run.err
    rows = result_rows(run.out)
    assert rows == [{"n": "556"}]
    run = cli("--store", graph.store, "query", "ASK { ?p kg:marginNumber 147 }")
    assert (run.code, run.out.strip()) == (0, "true")


def test_query_from_an_rq_file(graph, cli, tmp_path):
    rq = tmp_path / "sections.rq"
    rq.write_text(
        "# the headings of chapter part 2.1.1.\n"
        "SELECT ?number WHERE { ?s a kg:Section ; kg:sectionNumber ?number . "
        'FILTER(STRSTARTS(?number, "2.1.1.")) } ORDER BY ?number\n',
        encoding="utf-8",
    )
    run = cli("--store", graph.store, "query", rq, "--format", "csv")
    assert run.code == 0, run.err
    rows = list(csv.reader(io.StringIO(run.out)))
    assert rows[0] == ["number"]
    assert [r[0] for r in rows[1:4]] == ["2.1.1.", "2.1.1.1.", "2.1.1.2."]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_named_query_every_view_on_automatic_classification(graph, cli, fmt):
    run = cli("--store", graph.store, "query", "every-view-on-automatic-classification", "--format", fmt)
    assert run.code == 0, run.err
    if fmt == "json":
        rows = result_rows(run.out)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(run.out)))
    else:
        lines = run.out.splitlines()
        assert lines[0].split() == [
            "issue",
            "question",
            "position",
            "positionLabel",
            "authorStance",
            "work",
            "title",
            "footnote",
            "pinpoint",
            "signal",
            "strength",
            "viewBasis",
            "viewParagraph",
            "viewQuote",
            "argument",
            "argumentLabel",
            "relation",
            "argumentKind",
            "argumentStance",
            "argumentParagraph",
            "argumentFootnote",
            "argumentWords",
        ]
        assert any(" 69 " in line and "paras 26–31" in line for line in lines[1:])
        assert any(" 70 " in line and "839–840, sec 1" in line for line in lines[1:])
        return
    assert {r["issue"] for r in rows} == {"https://w3id.org/euaigraph/id/issue/a51-1a-automatic-classification"}
    stance = {r.get("footnote"): r["authorStance"] for r in rows if r.get("footnote") in ("69", "70")}
    assert stance == {"69": "rejects", "70": "endorses"}
    haar = [r for r in rows if r.get("footnote") == "69" and r.get("pinpoint") == "paras 26–31"]
    assert len(haar) == 1 and haar[0]["title"].startswith("Art. 51 Einstufung")
    assert sum(r.get("footnote") == "69" for r in rows) == 7


def test_queries_lists_every_named_query(cli):
    run = cli("queries")
    assert run.code == 0
    names = [line for line in run.out.splitlines() if line and not line.startswith(" ")]
    assert names == sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert "every-view-on-automatic-classification" in names
    assert "Every view on automatic classification under Art. 51(1)(a)" in run.out


# ---- views -----------------------------------------------------------------------------------


def _families(holder) -> tuple[str, ...]:
    return tuple(name.split()[-1] for name in holder["authors"])


def test_views_on_automatic_classification(graph, cli, footnotes):
    data = _json(cli("--store", graph.store, "views", AUTOMATIC, "--json"))
    assert len(data["issues"]) == 1
    issue = data["issues"][0]
    assert issue["id"] == "a51-1a-automatic-classification"
    assert "Art. 51(1)(a) AI Act" in issue["provisions"]
    assert len(issue["positions"]) == 2
    at = {fn: [p for p in issue["positions"] if any(h["footnote"] == fn for h in p["holders"])] for fn in (69, 70)}
    assert len(at[69]) == len(at[70]) == 1
    decision, automatic = at[69][0], at[70][0]
    assert decision is not automatic
    # all seven works of footnote 69 hold one position ...
    fn69_works = {c["work_id"] for c in footnotes[69]["citations"]}
    assert len(fn69_works) == 7
    assert {h["work_id"] for h in decision["holders"] if h["footnote"] == 69} == fn69_works
    assert {_families(h) for h in decision["holders"] if h["footnote"] == 69} == FN69_FAMILIES
    # ... Bond and Abbady (fn 70) the other
    bond = [h for h in automatic["holders"] if h["footnote"] == 70 and h["authors"] == ["Toby Bond", "Shima Abbady"]]
    assert len(bond) == 1 and bond[0]["strength"] == "explicit" and bond[0]["pinpoint"] == "839–840, sec 1"
    # the commentary's author endorses automatic classification and rejects the need for a decision
    assert automatic["endorsed_by_commentary_author"] is True
    assert decision["endorsed_by_commentary_author"] is False
    assert automatic["label"].startswith("Classification under Art. 51(1)(a) is automatic")
    made_in = {a["paragraph"] for p in issue["positions"] for a in p["arguments"]}
    assert made_in == {17, 18, 19, 20, 21}


def test_views_as_text(graph, cli):
    run = cli("--store", graph.store, "views", AUTOMATIC)
    assert run.code == 0
    assert "(endorsed by the commentary's author)" in run.out
    assert "Tobias Haar, Jonas Siglmüller" in run.out and "fn 69, paras 26–31" in run.out


def test_views_for_an_unknown_issue_exits_1(graph, cli):
    run = cli("--store", graph.store, "views", "entirely unknown question of law", "--json")
    assert run.code == 1
    assert run.out == ""
    assert "no issue matches 'entirely unknown question of law'" in run.err
    assert "Traceback" not in run.err


# ---- analytics, validation, reasoning ---------------------------------------------------------


def test_analytics_writes_graphml_that_networkx_reads(graph, cli, tmp_path):
    out = tmp_path / "agreement.graphml"
    report = _json(cli("--store", graph.store, "analytics", "--json", "--graphml", out))
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == report["holders"] > 0
    assert g.number_of_edges() == report["pairs"] > 0
    # Haar (fn 69: a decision is required) and Bond (fn 70: automatic) disagree on the flagship issue
    edge = g.get_edge_data("Tobias Haar", "Toby Bond")
    assert edge is not None and int(edge["disagree"]) >= 1
    assert "a51-1a-automatic-classification" in edge["issues"]
    assert "a51-1a-automatic-classification" in [r["issue"] for r in report["most_contested"]]


def test_validate_exits_0(graph, cli):
    run = cli("--store", graph.store, "validate")
    assert run.code == 0, run.out
    assert run.out.startswith("SHACL: the graph conforms")


def test_reason_exits_0(graph, cli):
    run = cli("--store", graph.store, "reason")
    assert run.code == 0, run.out
    assert re.match(r"(HermiT|owlrl): consistent", run.out)


# ---- the console entry -----------------------------------------------------------------------


def test_python_dash_m_kg_runs(graph):
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "--store", str(graph.store), "stats", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["footnotes"] == 556


def test_every_holder_leads_back_to_its_footnote(graph, cli, raw):
    """Each holder in `kg views` carries the citation's exact words and raw-file offsets: the slice
    of the source file is those words (a definition tooltip inside is what the cleaner removed),
    and it lies inside the footnote the holder names."""
    from kg.ingest.clean import clean

    views = json.loads(cli("--store", graph.store, "views", "--json").out)
    footnote_text = {f["number"]: f["text"] for f in json.loads(cli("--store", graph.store, "footnotes", "--json").out)}
    holders = [h for i in views["issues"] for p in i["positions"] for h in p["holders"]]
    assert len(holders) > 150
    for h in holders:
        s = h["source"]
        assert s["document"] == DOCUMENT
        assert clean(raw[s["start"] : s["end"]]).text.strip() == s["excerpt"].strip()
        assert s["excerpt"] in footnote_text[h["footnote"]]


# ---- global options where users type them ------------------------------------------------------


def test_store_option_after_the_subcommand(graph, cli):
    before = _json(cli("--store", graph.store, "stats", "--json"))
    after = _json(cli("stats", "--json", "--store", str(graph.store)))
    assert after == before and after["paragraphs"] == 147


def test_store_option_with_equals_after_the_subcommand(graph, cli):
    run = cli("stats", f"--store={graph.store}")
    assert run.code == 0 and re.search(r"^\s+footnotes: 556$", run.out, re.M)
