"""Argument-map exports read back: AIF JSON checked against the AIF structure, Argdown parsed by
the official Argdown parser (@argdown/core from the npm registry, installed by the test), GraphML
read by networkx. Each is compared with `kg views` for the same issue."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from factories import ROOT

from kg.access import argument_maps

ISSUE = "a51-1a-automatic-classification"
ARGDOWN_VERSION = "1.7.5"
ARGDOWN_DIR = Path(os.environ.get("KG_ARGDOWN_DIR", Path.home() / ".cache" / "kg-argdown" / ARGDOWN_VERSION))


@pytest.fixture(scope="module")
def views(graph):
    from kg.access import show

    return show.views(ISSUE, graph.store)


@pytest.fixture(scope="module")
def exported(graph, tmp_path_factory):
    from factories import run_kg

    out = {}
    folder = tmp_path_factory.mktemp("maps")
    for fmt in argument_maps.FORMATS:
        path = folder / f"map.{fmt}"
        run = run_kg("--store", graph.store, "export", "--format", fmt, "--issue", ISSUE, "-o", path)
        assert run.code == 0, run.err
        out[fmt] = path
    return out


def _expected_relations(views, qualifies_as: str = "attacks") -> set[tuple[str, str, str]]:
    """The argument relations of `kg views`. AIF and Argdown know only support and attack, so a
    qualification (para 20: "reasonable with respect to classification under Article 51(1)(b)")
    is a limiting attack there; GraphML keeps it as `qualifies`."""
    rel = set()
    for p in views["issues"][0]["positions"]:
        for a in p["arguments"]:
            relation = qualifies_as if a["relation"] == "qualifies" else a["relation"]
            rel.add((a["id"], relation, a.get("target_argument") or p["id"]))
    return rel


def test_aif_has_the_aif_structure(exported, views):
    aif = json.loads(exported["aif"].read_text(encoding="utf-8"))
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    assert len(nodes) == len(aif["nodes"])
    assert {n["type"] for n in nodes.values()} <= {"I", "L", "RA", "CA", "MA", "YA", "TA"}
    ins, outs = Counter(), Counter()
    for e in aif["edges"]:
        assert e["fromID"] in nodes and e["toID"] in nodes
        outs[e["fromID"]] += 1
        ins[e["toID"]] += 1
    for nid, n in nodes.items():
        if n["type"] in ("RA", "CA", "YA"):  # a scheme node joins one or more premises to one conclusion
            assert ins[nid] >= 1 and outs[nid] == 1, n
        preds = [nodes[e["fromID"]]["type"] for e in aif["edges"] if e["toID"] == nid]
        succs = [nodes[e["toID"]]["type"] for e in aif["edges"] if e["fromID"] == nid]
        if n["type"] in ("RA", "CA"):
            assert set(preds) == {"I"} and succs == ["I"]
        if n["type"] == "YA":
            assert preds == ["L"] and succs == ["I"]
        if n["type"] == "I":
            assert all(t in ("RA", "CA", "YA", "MA") for t in preds + succs)
    people = {p["participantID"] for p in aif["participants"]}
    assert all(nodes[lo["nodeID"]]["type"] == "L" and lo["personID"] in people for lo in aif["locutions"])


def test_aif_says_what_kg_views_says(exported, views):
    aif = json.loads(exported["aif"].read_text(encoding="utf-8"))
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    by_kg = {n["kg_id"]: n["nodeID"] for n in nodes.values() if "kg_id" in n}
    issue = views["issues"][0]
    assert set(by_kg) == {ISSUE} | {p["id"] for p in issue["positions"]} | {
        a["id"] for p in issue["positions"] for a in p["arguments"]
    }
    succ = {}
    for e in aif["edges"]:
        succ.setdefault(e["fromID"], []).append(e["toID"])
    got = set()
    for nid, n in nodes.items():
        if n["type"] in ("RA", "CA"):
            (target,) = succ[nid]
            for e in aif["edges"]:
                if e["toID"] == nid:
                    src, tgt = nodes[e["fromID"]]["kg_id"], nodes[target]["kg_id"]
                    got.add((src, "supports" if n["type"] == "RA" else "attacks", tgt))
    positions = [p["id"] for p in issue["positions"]]
    alternative = {(positions[0], "attacks", positions[1]), (positions[1], "attacks", positions[0])}
    assert got == _expected_relations(views) | alternative
    # every holder is a locution asserting its position, with its footnote: fn 69, Haar and Siglmüller
    holders = sum(len(p["holders"]) for p in issue["positions"])
    locutions = [n for n in nodes.values() if n["type"] == "L"]
    assert len(locutions) == holders
    haar = [n for n in locutions if n["footnote"] == 69 and n["pinpoint"] == "paras 26–31"]
    assert len(haar) == 1 and haar[0]["text"].startswith("Tobias Haar and Jonas Siglmüller")
    names = {p["firstname"] + " " + p["surname"] for p in aif["participants"]}
    assert {"Tobias Haar", "Toby Bond", "Shima Abbady"} <= names


@pytest.fixture(scope="module")
def argdown_parser() -> Path:
    """@argdown/core from the npm registry, installed once into a cache folder."""
    npm, node = shutil.which("npm"), shutil.which("node")
    assert npm and node, "Node.js and npm are needed to parse Argdown with @argdown/core"
    if not (ARGDOWN_DIR / "node_modules" / "@argdown" / "core").exists():
        ARGDOWN_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(ARGDOWN_DIR),
                f"@argdown/core@{ARGDOWN_VERSION}",
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return ARGDOWN_DIR


def test_argdown_is_read_back_by_the_argdown_parser(exported, views, argdown_parser):
    run = subprocess.run(
        ["node", str(ROOT / "tests" / "js" / "argdown_parse.js"), str(exported["argdown"])],
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": str(argdown_parser / "node_modules")},
        check=True,
    )
    model = json.loads(run.stdout)
    assert model["errors"] == []
    issue = views["issues"][0]
    assert set(model["statements"]) == {ISSUE} | {p["id"] for p in issue["positions"]}
    args = {a["id"]: a for p in issue["positions"] for a in p["arguments"]}
    assert set(model["arguments"]) == set(args)
    relations = {(a, {"support": "supports", "attack": "attacks"}.get(r, r), b) for a, r, b in model["relations"]}
    positions = [p["id"] for p in issue["positions"]]
    assert relations == _expected_relations(views) | {(positions[0], "contradictory", positions[1])}
    for p in issue["positions"]:
        st = model["statements"][p["id"]]
        assert st["text"].startswith(argument_maps.argdown_text(p["label"]))
        assert ("endorsed-by-author" in st["tags"]) is (p["endorsed_by_commentary_author"] is True)
        assert sorted(h["footnote"] for h in st["data"]["holders"]) == sorted(h["footnote"] for h in p["holders"])
    for aid, a in args.items():
        assert model["arguments"][aid]["data"]["paragraph"] == a["paragraph"]
        assert a["kind"] in model["arguments"][aid]["tags"]


def test_graphml_is_read_back_by_networkx(exported, views):
    g = nx.read_graphml(exported["graphml"])
    issue = views["issues"][0]
    kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
    assert kinds["issue"] == 1 and kinds["position"] == len(issue["positions"])
    assert kinds["argument"] == len({a["id"] for p in issue["positions"] for a in p["arguments"]})
    holds = {(a, b, d["footnote"], d["pinpoint"]) for a, b, d in g.edges(data=True) if d["relation"] == "holds"}
    assert ("haar-siglmuller-2025-art-51", "a51-1a-designation-decision-required", 69, "paras 26–31") in holds
    relations = {"supports", "attacks", "qualifies"}
    assert {(a, d["relation"], b) for a, b, d in g.edges(data=True) if d["relation"] in relations} == (
        _expected_relations(views, qualifies_as="qualifies")
    )
    agreement = nx.read_graphml(exported["agreement-graphml"])
    assert agreement.has_edge("Tobias Haar", "Toby Bond")
    assert agreement["Tobias Haar"]["Toby Bond"]["disagree"] >= 1
    assert agreement["Tobias Haar"]["Jonas Siglmüller"]["agree"] >= 1


def test_an_unknown_issue_is_a_clear_error(graph, cli):
    run = cli("--store", graph.store, "export", "--format", "aif", "--issue", "no such issue at all")
    assert run.code == 2 and "no issue matches" in run.err
