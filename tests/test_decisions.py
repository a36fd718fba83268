"""Decisions next to the commentary (issue 9): the file format, its checks against the graph, the
CONSTRUCT rules, `kg decision add` and `kg decisions --json`.

The supporting and opposing lists are compared with `kg views --json` of the same store, never
with hard-coded holders: whatever the argument layer says about a position is what a decision
adopting it must show. The invented decision lives in tests/fixtures/ and is marked `invented`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_kg

from kg.argue import decisions as dec
from kg.build import Sources, compile_graph

FIXTURE = ROOT / "tests" / "fixtures" / "decisions" / "invented-designation-decision.yaml"
SHIPPED = sorted((ROOT / "sources" / "decisions").glob("*.yaml"))
FLAGSHIP = "a51-1a-automatic-classification"


def _json(run) -> object:
    assert run.code == 0, run.err
    return json.loads(run.out)


def _bindings(run) -> list[dict]:
    """`kg query --format json` prints SPARQL 1.1 JSON results: the rows as {variable: value}."""
    doc = _json(run)
    assert isinstance(doc, dict)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def _key(h: dict) -> tuple:
    return (h["footnote"], h["work_id"], h["source"]["start"])


def _sorted(holders: list[dict]) -> list[dict]:
    return sorted(holders, key=_key)


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A private copy of sources/ to which `kg decision add` adds the invented fixture; its store."""
    base = tmp_path_factory.mktemp("decisions")
    sources = base / "sources"
    shutil.copytree(ROOT / "sources", sources)
    store = base / "store"
    run = run_kg("--store", store, "decision", "add", FIXTURE, "--sources", sources)
    assert run.code == 0, run.err
    views = {i["id"]: i for i in _json(run_kg("--store", store, "views", "--json"))["issues"]}
    decisions = {d["id"]: d for d in _json(run_kg("--store", store, "decisions", "--json"))}
    return {"sources": sources, "store": store, "run": run, "views": views, "decisions": decisions}


@pytest.fixture(scope="module")
def context():
    """What the real graph offers a decision to refer to (one compile of the shipped sources)."""
    return compile_graph(Sources.default(), validate=False).decision_context


def _positions(views: dict, issue: str) -> dict[str, dict]:
    return {p["id"]: p for p in views[issue]["positions"]}


def _holding(decision: dict, issue: str) -> dict:
    (h,) = [h for h in decision["holdings"] if h["issue"] == issue]
    return h


# ---- the invented fixture: supporting and opposing exactly as the commentary has them ----------


def test_add_copies_the_file_and_reports_it(added):
    assert (added["sources"] / "decisions" / FIXTURE.name).read_bytes() == FIXTURE.read_bytes()
    assert "added decision 'C(2026) 9999 final'" in added["run"].out


@pytest.mark.parametrize("issue", [FLAGSHIP, "synthetic-data-compute"])
def test_adopted_position_supporting_and_opposing_match_views(added, issue):
    decision = added["decisions"]["C(2026) 9999 final"]
    assert decision["invented"] is True
    h = _holding(decision, issue)
    positions = _positions(added["views"], issue)
    others = [p for pid, p in positions.items() if pid != h["position"]]
    assert h["stance"] == "adopts" and others
    assert h["supporting"] == _sorted(positions[h["position"]]["holders"])
    assert h["opposing"] == _sorted([x for p in others for x in p["holders"]])
    assert h["upholds"] == [h["position"]] and h["overrules"] == sorted(p["id"] for p in others)


def test_nothing_from_the_wrong_side(added):
    h = _holding(added["decisions"]["C(2026) 9999 final"], FLAGSHIP)
    supporting, opposing = {_key(x) for x in h["supporting"]}, {_key(x) for x in h["opposing"]}
    assert supporting and opposing and not supporting & opposing
    # footnote 69 holds the designation view, footnote 70 automatic classification (kg views says so)
    positions = _positions(added["views"], FLAGSHIP)
    fn70 = {_key(x) for x in positions["a51-1a-classification-by-operation-of-law"]["holders"] if x["footnote"] == 70}
    assert fn70 and fn70 <= opposing


def test_a_rejection_is_supported_by_the_alternatives(added):
    h = _holding(added["decisions"]["C(2026) 9999 final"], "annex-xiii-exhaustiveness")
    positions = _positions(added["views"], "annex-xiii-exhaustiveness")
    alternatives = [p for pid, p in positions.items() if pid != h["position"]]
    assert h["stance"] == "rejects"
    assert h["supporting"] == _sorted([x for p in alternatives for x in p["holders"]])
    assert h["opposing"] == _sorted(positions[h["position"]]["holders"])
    # the author endorses non-exhaustiveness, the alternative the rejection upholds
    assert h["author_view"] == "agrees"


def test_arguments_for_against_and_unanswered(added):
    h = _holding(added["decisions"]["C(2026) 9999 final"], FLAGSHIP)
    positions = _positions(added["views"], FLAGSHIP)
    adopted, other = positions[h["position"]], positions["a51-1a-classification-by-operation-of-law"]
    direct_for = {a["id"] for a in adopted["arguments"] if a["relation"] == "supports" and "target_argument" not in a}
    direct_for |= {a["id"] for a in other["arguments"] if a["relation"] == "attacks" and "target_argument" not in a}
    direct_against = {
        a["id"] for a in adopted["arguments"] if a["relation"] == "attacks" and "target_argument" not in a
    }
    direct_against |= {
        a["id"] for a in other["arguments"] if a["relation"] == "supports" and "target_argument" not in a
    }
    got_for, got_against = {a["id"] for a in h["arguments_for"]}, {a["id"] for a in h["arguments_against"]}
    assert direct_for <= got_for and direct_against <= got_against and not got_for & got_against
    assert {a["id"] for a in h["unanswered"]} == got_against - {"a51-1a-arg-recital-111-no-decision"}
    assert "a51-1a-arg-recital-111-no-decision" in got_against
    assert h["derived_by"]["unanswered"] == ["unanswered"]
    # the commentary's author calls automatic classification compelling: disagrees with a designation requirement
    assert h["author_view"] == "disagrees"


def test_every_derived_link_names_its_rule(added):
    rows = _bindings(
        run_kg(
            "--store",
            added["store"],
            "query",
            "SELECT ?link ?rule WHERE { ?link a kg:DerivedLink . OPTIONAL { ?link kg:derivedBy ?rule } }",
            "--format",
            "json",
        )
    )
    assert rows and all(r.get("rule") and r["rule"].startswith("https://w3id.org/euaigraph/id/rule/") for r in rows)
    rules = {Path(p).stem.split("-", 1)[1] for p in (ROOT / "queries" / "rules").glob("*.rq")}
    assert {r["rule"].rsplit("/", 1)[1] for r in rows} <= rules


def test_the_store_conforms_to_the_shapes(added):
    run = run_kg("--store", added["store"], "validate")
    assert run.code == 0, run.out


# ---- the shipped decisions ----------------------------------------------------------------------


def test_shipped_decisions_are_real_and_each_holding_cites_its_footnote():
    assert SHIPPED
    for path in SHIPPED:
        d = dec.load_file(path)
        assert not d.invented, path
        assert all(h.reported_in is not None for h in d.holdings), path
        assert d.holdings or d.cited_for, path


def test_guidelines_holdings_are_reported_in_footnotes_citing_them_at_that_pinpoint(graph, context):
    (guidelines,) = _json(run_kg("--store", graph.store, "decisions", "C(2025) 5045 final", "--json"))
    (citations,) = context.citations.values()  # the parsed and resolved citations of the one chapter
    assert len(guidelines["holdings"]) >= 10
    for h in guidelines["holdings"]:
        cites = [c for c in citations if c.footnote == h["reported_in"] and c.work == guidelines["work_id"]]
        assert any(dec._numbers(h["pinpoint"]) <= dec._numbers(c.pinpoint) for c in cites), h


def test_guidelines_show_agreement_and_disagreement(graph):
    (guidelines,) = _json(run_kg("--store", graph.store, "decisions", "C(2025) 5045 final", "--json"))
    views = {i["id"]: i for i in _json(run_kg("--store", graph.store, "views", "--json"))["issues"]}
    by_issue = {h["issue"]: h for h in guidelines["holdings"]}
    flagship = by_issue[FLAGSHIP]
    assert flagship["pinpoint"] == "para 27" and flagship["reported_in"] == 71
    assert flagship["author_view"] == "agrees"
    assert flagship["supporting"] == _sorted(_positions(views, FLAGSHIP)[flagship["position"]]["holders"])
    assert by_issue["a51-1a-delegated-act-requirement"]["author_view"] == "disagrees"
    # every agreement or disagreement follows from an author view in kg views
    for h in guidelines["holdings"]:
        stances = {p["id"]: p["endorsed_by_commentary_author"] for p in views[h["issue"]]["positions"]}
        if h["author_view"] == "agrees":
            assert stances[h["position"]] is True or all(stances[p] is False for p in stances if p != h["position"]), h[
                "issue"
            ]
        if h["author_view"] == "disagrees":
            assert stances[h["position"]] is False or any(stances[p] is True for p in stances if p != h["position"]), h[
                "issue"
            ]
    assert {h["author_view"] for h in guidelines["holdings"]} >= {"agrees", "disagrees"}


def test_judgments_are_linked_to_the_arguments_they_are_cited_for(graph):
    decisions = {d["id"]: d for d in _json(run_kg("--store", graph.store, "decisions", "--json"))}
    essential = decisions["ECLI:EU:C:2017:595"]
    assert essential["kind"] == "court-of-justice-judgment" and essential["work_id"] == "case-c-696-15-p"
    (cited,) = essential["cited_for"]
    assert (cited["argument"], cited["footnote"], cited["paragraph"]) == ("delegation-essential-elements", 497, 131)
    assert "C-696/15 P" in cited["source"]["excerpt"]
    assert decisions["ECLI:EU:T:2025:842"]["kind"] == "general-court-judgment"


def test_named_queries_decisions_on_issue_and_commentary_on_decision(graph):
    rows = _bindings(run_kg("--store", graph.store, "query", "decisions-on-issue", "--format", "json"))
    flagship = [r for r in rows if r["issueKey"] == FLAGSHIP]
    assert [(r["decisionId"], r["pinpoint"], r["authorView"]) for r in flagship] == [
        ("C(2025) 5045 final", "para 27", "agrees")
    ]
    rows = _bindings(run_kg("--store", graph.store, "query", "commentary-on-decision", "--format", "json"))
    assert {r["decisionId"] for r in rows} == {"C(2025) 5045 final"}  # the judgments hold on no issue
    assert {r.get("role") for r in rows} >= {"supporting", "opposing", "unanswered", "author-agrees"}


# ---- bad files: refused with file, field and reason; nothing written ---------------------------


def _with(**changes) -> str:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data.update(changes)
    return yaml.safe_dump({k: v for k, v in data.items() if v is not None}, allow_unicode=True, sort_keys=False)


def _holdings(**changes) -> list[dict]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    first = {**data["holdings"][0], **changes}
    return [first] + data["holdings"][1:]


FILE_LEVEL = [
    ("yaml", "id: [unclosed\nkind: x\n", None, "YAML syntax error"),
    ("missing", _with(title=None), "title", "missing"),
    ("ecli", _with(kind="court-of-justice-judgment", id="ECLI:EU:C:2017"), "id", "malformed"),
    ("celex", _with(kind="delegated-act-51-3", id="3202R1689"), "id", "malformed"),
    ("document-number", _with(id="C(25) 5045 final"), "id", "malformed"),
    ("court-mismatch", _with(kind="general-court-judgment", id="ECLI:EU:C:2017:595"), "id", "malformed"),
    ("kind", _with(kind="opinion"), "kind", "not one of the documented kinds"),
    ("stance", _with(holdings=_holdings(stance="endorses")), "holdings[0].stance", "not one of"),
    ("two-positions", _with(holdings=_holdings(position=["a", "b"])), "holdings[0].position", "one position"),
    ("date", _with(date="18 July 2025"), "date", "not an ISO date"),
]


@pytest.mark.parametrize("case,text,field,reason", FILE_LEVEL, ids=[c[0] for c in FILE_LEVEL])
def test_file_level_errors_name_file_field_and_reason(case, text, field, reason):
    with pytest.raises(dec.DecisionError) as e:
        dec.parse_text(text, "my-decision.yaml")
    assert e.value.file == "my-decision.yaml" and e.value.field == field and reason in e.value.reason
    assert str(e.value).startswith("my-decision.yaml:")


GRAPH_LEVEL = [
    ("issue", _with(holdings=_holdings(issue="no-such-issue")), "holdings[0].issue", "unknown issue"),
    ("position", _with(holdings=_holdings(position="no-such-position")), "holdings[0].position", "unknown position"),
    (
        "position-of-another-issue",
        _with(holdings=_holdings(position="synthetic-data-include-all")),
        "holdings[0].position",
        "is on issue 'synthetic-data-compute'",
    ),
    ("argument", _with(holdings=_holdings(answers=["no-such-argument"])), "holdings[0].answers", "unknown argument"),
    (
        "two-alternatives",
        _with(
            holdings=_holdings()
            + [
                {
                    "issue": FLAGSHIP,
                    "position": "a51-1a-classification-by-operation-of-law",
                    "stance": "adopts",
                    "pinpoint": "p 2",
                }
            ]
        ),
        "holdings[3].position",
        "two alternative positions",
    ),
    ("provision", _with(provisions=["Art. 99(9) AI Act"]), "provisions", "unknown provision"),
    (
        "footnote-not-citing",
        _with(holdings=_holdings(reported_in=69)),
        "holdings[0].reported_in",
        "commentary does not cite",
    ),
]


@pytest.mark.parametrize("case,text,field,reason", GRAPH_LEVEL, ids=[c[0] for c in GRAPH_LEVEL])
def test_graph_level_errors_name_field_and_reason(context, case, text, field, reason):
    with pytest.raises(dec.DecisionError) as e:
        dec.check([dec.parse_text(text, "my-decision.yaml")], context)
    assert e.value.field == field and reason in e.value.reason, str(e.value)


def test_a_guidelines_holding_at_a_pinpoint_its_footnote_does_not_give_is_refused(context):
    text = (ROOT / "sources" / "decisions" / "commission-guidelines-c-2025-5045.yaml").read_text(encoding="utf-8")
    with pytest.raises(dec.DecisionError) as e:
        dec.check([dec.parse_text(text.replace('pinpoint: "para 27"', 'pinpoint: "para 99"'), "g.yaml")], context)
    assert e.value.field == "holdings[0].reported_in" and "not at 'para 99'" in e.value.reason


def _snapshot(added) -> tuple:
    folder = added["sources"] / "decisions"
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    nt = run_kg("--store", added["store"], "export", "--format", "nt").out
    return files, nt


@pytest.mark.parametrize(
    "case,text,reason",
    [
        ("malformed-ecli", _with(kind="court-of-justice-judgment", id="ECLI:EU:C:2017"), "malformed"),
        ("duplicate-id", _with(id="C(2025) 5045 final"), "duplicate identifier"),
        ("unknown-position", _with(id="C(2026) 9998 final", holdings=_holdings(position="nope")), "unknown position"),
        ("yaml", "holdings: [\n", "YAML syntax error"),
    ],
)
def test_kg_decision_add_refuses_without_changing_anything(added, tmp_path, case, text, reason):
    before = _snapshot(added)
    bad = tmp_path / f"{case}.yaml"
    bad.write_text(text, encoding="utf-8")
    run = run_kg("--store", added["store"], "decision", "add", bad, "--sources", added["sources"])
    assert run.code == 2 and str(bad) in run.err and reason in run.err, run.err
    assert "Traceback" not in run.err
    assert _snapshot(added) == before


# ---- the library calls the app's form uses ------------------------------------------------------


def test_a_form_dict_is_checked_against_a_full_build_without_writing(added):
    from kg.access.citator import add_decision

    before = _snapshot(added)
    form = yaml.safe_load(FIXTURE.read_text(encoding="utf-8")) | {"id": "C(2026) 9997 final"}
    done = add_decision(form, added["store"], added["sources"], dry_run=True)
    assert done == {
        "id": "C(2026) 9997 final",
        "file": str(added["sources"] / "decisions" / "c-2026-9997-final.yaml"),
        "written": False,
    }
    with pytest.raises(dec.DecisionError) as e:
        add_decision(form | {"date": "yesterday"}, added["store"], added["sources"])
    assert (e.value.file, e.value.field) == ("the decision form", "date")
    assert _snapshot(added) == before


def test_decision_by_id(added):
    from kg.access.citator import decision

    assert decision(added["store"], "C(2026) 9999 final") == added["decisions"]["C(2026) 9999 final"]
    assert decision(added["store"], "C(2026) 1 final") is None


def test_notebook_api_decisions(graph):
    from kg.access.api import open_graph

    g = open_graph(graph.store)
    cli = _json(run_kg("--store", graph.store, "decisions", "--json"))
    assert g.decisions() == cli
    assert g.decision("ECLI:EU:C:2017:595") == next(d for d in cli if d["id"] == "ECLI:EU:C:2017:595")
    assert g.decision("ECLI:EU:C:1999:1") is None
