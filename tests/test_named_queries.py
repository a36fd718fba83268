"""The named queries in queries/ on the real commentary: each pinned to what the commentary says,
and, where `kg views` / `kg footnotes` / `kg paragraphs` show the same thing another way, checked
against them. Parameters are bound through VALUES with resolved terms (never pasted text)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from factories import result_rows

from kg.access.api import open_graph
from kg.graph import queries

RES = "https://w3id.org/euaigraph/id/"
ELI = "https://w3id.org/euaigraph/eli/reg/2024/1689/"
FLAGSHIP = RES + "issue/a51-1a-automatic-classification"
BY_LAW = RES + "position/a51-1a-classification-by-operation-of-law"
DECISION = RES + "position/a51-1a-designation-decision-required"


@pytest.fixture(scope="module")
def g(graph):
    return open_graph(graph.store)


@pytest.fixture(scope="module")
def views(graph, run_json):
    return run_json("views")


@pytest.fixture(scope="module")
def run_json(graph):
    from factories import run_kg

    def run(*argv):
        r = run_kg("--store", graph.store, *argv, "--json")
        assert r.code == 0, r.err
        return json.loads(r.out)

    return run


def _records(df) -> list[dict]:
    return [{k: v for k, v in r.items() if v == v and v is not None} for r in df.to_dict("records")]


def test_every_named_query_has_a_title_a_question_and_valid_parameters():
    qs = queries.all_queries()
    wanted = {
        "views-on-issue",
        "issues-on-provision",
        "scholar-holdings",
        "scholar-disagreements",
        "arguments-on-position",
        "author-stances",
        "weakly-supported-positions",
        "holder-allies-and-opponents",
        "section-provisions",
        "work-citator",
        "co-citation",
        "definition-chain",
    }
    assert wanted <= set(qs)
    for name in wanted:
        q = qs[name]
        assert q.title and q.title != name and len(q.question) > 40, name
        assert "eli:cites" not in q.sparql and "kg:span" not in q.sparql and "kg:source" not in q.sparql, name
        for p in q.params:
            assert f"VALUES ?{p.name} {{" in q.sparql and p.default and p.help, (name, p)


def test_flagship_agrees_with_kg_views(g, run_json):
    rows = _records(g.views())
    assert {r["issue"] for r in rows} == {FLAGSHIP}
    view = run_json("views", "a51-1a-automatic-classification")["issues"][0]
    expected = {
        (RES + "position/" + p["id"], RES + "work/" + h["work_id"], h["footnote"], h.get("pinpoint"), h["strength"])
        for p in view["positions"]
        for h in p["holders"]
    }
    got = {(r["position"], r["work"], r["footnote"], r.get("pinpoint"), r["strength"]) for r in rows}
    assert got == expected
    stance = {p["id"]: p["endorsed_by_commentary_author"] for p in view["positions"]}
    assert stance == {"a51-1a-classification-by-operation-of-law": True, "a51-1a-designation-decision-required": False}
    # fn 69: "In favour of the requirement of a Commission decision ...: Haar and Siglmüller, ... paras 26–31"
    haar = [r for r in rows if r["footnote"] == 69 and r.get("pinpoint") == "paras 26–31"]
    assert "Tobias Haar" in {r["holderName"] for r in haar}
    assert {r["position"] for r in haar} == {DECISION} and {r["authorStance"] for r in haar} == {"rejects"}
    # fn 70: "In favour of automatic classification ...: Toby Bond and Shima Abbady, ... 839–840, sec 1"
    bond = [r for r in rows if r["footnote"] == 70 and r.get("pinpoint") == "839–840, sec 1"]
    assert {r["holderName"] for r in bond} == {"Toby Bond", "Shima Abbady"}
    assert {r["position"] for r in bond} == {BY_LAW} and {r["viewParagraph"] for r in bond} == {17}


def test_flagship_named_query_and_parameter_words_give_the_same_rows(g):
    by_words = g.query("views-on-issue", issue="automatic classification")
    by_iri = g.query("views-on-issue", issue=FLAGSHIP)
    assert by_words.equals(by_iri) and by_words.equals(g.views())


@pytest.mark.parametrize(
    "provision", ["Annex XIII point (f)", "anx_XIII__point_f", ELI + "anx_XIII__point_f", "Annex XIII, point (f)"]
)
def test_issues_on_annex_xiii_point_f(g, provision):
    rows = _records(g.issues(provision))
    labels = [r["label"] for r in rows]
    assert any("point (f) presumption" in label for label in labels)
    assert all(r["positions"] >= 1 for r in rows)
    keys = [(r["positions"], r["holders"], r["attributions"]) for r in rows]
    assert keys == sorted(keys, reverse=True)  # most contested first


def test_a_provision_includes_its_sub_provisions(g, run_json):
    point_f = {r["issue"] for r in _records(g.issues("Annex XIII point (f)"))}
    annex = {r["issue"] for r in _records(g.issues("Annex XIII"))}
    assert point_f < annex
    # the same from `kg views`: every issue naming a point of Annex XIII (or the Annex) is found
    expected = {
        RES + "issue/" + i["id"] for i in run_json("views")["issues"] if any("Annex XIII" in p for p in i["provisions"])
    }
    assert annex == expected


def test_issues_of_the_article_51_chapter_in_its_order(g, run_json):
    """Every issue `kg views` lists is discussed in the one chapter of the graph; the query gives them
    in the order of the chapter, each with as many positions as `kg views` shows."""
    rows = _records(g.query("chapter-issues", chapter="51"))
    shown = {RES + "issue/" + i["id"]: len(i["positions"]) for i in run_json("views")["issues"]}
    assert {r["issue"]: r["positions"] for r in rows} == shown and len(rows) == 61
    firsts = [r["firstParagraph"] for r in rows]
    assert firsts == sorted(firsts) and firsts[0] >= 1
    assert rows == _records(g.query("chapter-issues", chapter="002_b07c53fab08c7372.txt"))


def test_issues_on_art_52_1_third_sentence(g):
    rows = _records(g.issues("Art. 52(1) third sentence"))
    assert FLAGSHIP in {r["issue"] for r in rows}
    assert any("Further classification pathways" in r["label"] for r in rows)
    assert rows == _records(g.issues("art_52__para_1__sent_3"))


def test_scholar_holdings_of_haar(g, views):
    rows = _records(g.holdings("Haar"))
    assert {r["name"] for r in rows} == {"Tobias Haar"}
    assert rows == _records(g.holdings("haar-tobias")) == _records(g.holdings("Tobias Haar"))
    fn69 = [r for r in rows if r["footnote"] == 69]
    assert [(r["position"], r["pinpoint"], r["signal"], r["authorStance"]) for r in fn69] == [
        (DECISION, "paras 26–31", "In favour of", "rejects")
    ]
    # every holding agrees with kg views: the same (position, footnote, pinpoint) for his works
    expected = {
        (RES + "position/" + p["id"], h["footnote"], h.get("pinpoint"))
        for i in views["issues"]
        for p in i["positions"]
        for h in p["holders"]
        if "Tobias Haar" in h["authors"]
    }
    assert {(r["position"], r["footnote"], r.get("pinpoint")) for r in rows} == expected


def test_scholars_who_disagree_with_haar(g):
    rows = _records(g.query("scholar-disagreements", scholar="Haar"))
    flagship = [r for r in rows if r["issue"] == FLAGSHIP]
    assert {"Toby Bond", "Shima Abbady"} <= {r["otherName"] for r in flagship}
    assert {r["otherPosition"] for r in flagship if r["otherName"] == "Toby Bond"} == {BY_LAW}
    assert "Jonas Siglmüller" not in {r["otherName"] for r in flagship}  # his co-author sides with him
    assert "Tobias Haar" not in {r["otherName"] for r in rows}


def test_arguments_for_and_against_automatic_classification(g, views):
    rows = _records(g.query("arguments-on-position", position=BY_LAW))
    direct = {(r["argument"].rsplit("/", 1)[-1], r["relation"], r["paragraph"]) for r in rows if r["target"] == BY_LAW}
    # para 17: Recital 111's second sentence supports classification by operation of law (an argument
    # from context: recitals are context in the canons of interpretation, issue 11)
    recital = [r for r in rows if r["paragraph"] == 17 and "Recital 111" in r["label"]]
    assert recital and {(r["relation"], r["kind"]) for r in recital} == {("supports", "context")}
    # kg views lists the same arguments under that position (directly on it, or on an argument about it)
    view = next(p for i in views["issues"] for p in i["positions"] if p["id"] == BY_LAW.rsplit("/", 1)[-1])
    assert {(a["id"], a["relation"], a["paragraph"]) for a in view["arguments"] if "target_argument" not in a} == direct
    assert {a["id"] for a in view["arguments"]} == {r["argument"].rsplit("/", 1)[-1] for r in rows}


def test_author_stances(g, run_json):
    rows = _records(g.query("author-stances"))
    assert {r["author"] for r in rows} == {"Gregor Gindlin"}
    by = {(r["position"], r["stance"], r["viewParagraph"]) for r in rows}
    assert (BY_LAW, "endorses", 17) in by and (DECISION, "rejects", 20) in by
    # the author's explicit `no view` (an issue he leaves open, e.g. paras 131-132) is listed too
    stances = Counter(dict.fromkeys((r["position"], r["stance"]) for r in rows if r["stance"] != "no view").keys())
    expected = Counter(
        (RES + "position/" + p["id"], "endorses" if p["endorsed_by_commentary_author"] else "rejects")
        for i in run_json("views")["issues"]
        for p in i["positions"]
        if p["endorsed_by_commentary_author"] is not None
    )
    assert stances == expected


def test_weakly_supported_positions_agree_with_kg_views(g, views):
    rows = _records(g.query("weakly-supported-positions"))
    expected = set()
    for i in views["issues"]:
        for p in i["positions"]:
            works = {h["work_id"] for h in p["holders"]}
            if works and (len(works) == 1 or all(h["strength"] in ("seemingly", "unclear") for h in p["holders"])):
                expected.add(RES + "position/" + p["id"])
    assert {r["position"] for r in rows} == expected
    assert all(r["holders"] == 1 or r["firmAttributions"] == 0 for r in rows)


def test_commission_guidelines_cited_as_holding_a_view(g):
    rows = _records(g.query("holder-allies-and-opponents"))
    # fn 71: "Commission Guidelines (n 39) para 27", cited for classification by operation of law
    fn71 = [r for r in rows if r["footnote"] == 71 and r["position"] == BY_LAW]
    assert fn71 and {r["pinpoint"] for r in fn71} == {"para 27"}
    agree = {r["otherName"] for r in fn71 if r["side"] == "agrees"}
    disagree = {r["otherName"] for r in fn71 if r["side"] == "disagrees"}
    assert {"Toby Bond", "Shima Abbady"} <= agree and "Tobias Haar" in disagree
    assert not agree & disagree & {"Toby Bond", "Tobias Haar"}


def test_provisions_cited_in_section_2_1(g, run_json):
    rows = _records(g.query("section-provisions", section="2.1"))
    assert rows == _records(g.query("section-provisions", section="2.1."))
    counts = {r["label"]: r["paragraphs"] for r in rows}
    assert counts["Art. 52(1) AI Act, third sentence"] >= 1  # sentence grain
    assert all(r["references"] >= r["paragraphs"] for r in rows)
    # the same from kg paragraphs / kg footnotes: the section's paragraphs naming it, in text or footnote
    paras = {p["number"]: p for p in run_json("paragraphs")}
    in_section = {n for n, p in paras.items() if p["section"] and p["section"].startswith("2.1.")}
    expected: dict[str, set[int]] = {}
    for n in in_section:
        for label in paras[n]["provisions"]:
            expected.setdefault(label, set()).add(n)
    for f in run_json("footnotes"):
        if f["paragraph"] in in_section:
            for label in f["provisions"]:
                expected.setdefault(label, set()).add(f["paragraph"])
    assert counts == {k: len(v) for k, v in expected.items()}


def test_citator_for_the_commission_guidelines(g, run_json):
    rows = _records(g.citator("commission-guidelines-2025"))
    first = rows[0]
    assert (first["footnote"], first["pinpoint"], first["paragraph"]) == (39, "paras 26–27", 10)
    assert {(r["footnote"], r.get("pinpoint")) for r in rows if r["footnote"] == 71} == {
        (71, "para 27"),
        (71, "paras 43, 46"),
    }
    expected = {
        (f["number"], c.get("pinpoint"))
        for f in run_json("footnotes")
        for c in f["citations"]
        if c["work_id"] == "commission-guidelines-2025"
    }
    assert {(r["footnote"], r.get("pinpoint")) for r in rows} == expected
    assert all(r.get("viaFootnote") in (None, 39) for r in rows)


def test_co_citation_counts_agree_with_kg_footnotes(g, run_json):
    rows = _records(g.query("co-citation"))
    pairs: Counter[tuple[str, str]] = Counter()
    for f in run_json("footnotes"):
        # cited legislation is its ELI, which `kg footnotes` gives as the work id itself
        works = sorted(
            {
                c["work_id"] if c["work_id"].startswith("http") else RES + "work/" + c["work_id"]
                for c in f["citations"]
                if c["work_id"]
            }
        )
        pairs.update((a, b) for i, a in enumerate(works) for b in works[i + 1 :])
    assert {(r["work1"], r["work2"]): r["footnotes"] for r in rows} == dict(pairs)
    top = rows[0]
    assert top["footnotes"] == max(pairs.values())
    assert [r["footnotes"] for r in rows] == sorted((r["footnotes"] for r in rows), reverse=True)


def test_definition_chain(g, run_json):
    rows = _records(g.query("definition-chain"))
    terms = {r["label"]: r["term"] for r in rows}
    assert terms == {
        "Art. 3(63) AI Act": "general-purpose AI model",
        "Art. 3(64) AI Act": "high-impact capabilities",
        "Art. 3(65) AI Act": "systemic risk",
    }
    found = {(r["label"], r["paragraph"]) for r in rows if "paragraph" in r}
    expected = {(label, p["number"]) for p in run_json("paragraphs") for label in p["provisions"] if label in terms}
    fns = run_json("footnotes")
    expected |= {(label, f["paragraph"]) for f in fns for label in f["provisions"] if label in terms and f["paragraph"]}
    assert found == expected
    assert ("Art. 3(63) AI Act", 90) in found


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_cli_named_query_with_a_parameter_in_w3c_formats(graph, cli, fmt):
    run = cli(
        "--store",
        graph.store,
        "query",
        "issues-on-provision",
        "--param",
        "provision=Annex XIII point (f)",
        "--format",
        fmt,
    )
    assert run.code == 0, run.err
    if fmt == "json":
        doc = json.loads(run.out)
        assert doc["head"]["vars"] == ["issue", "label", "question", "positions", "holders", "attributions"]
        b = doc["results"]["bindings"][0]
        assert b["issue"]["type"] == "uri" and b["label"]["xml:lang"] == "en"
        assert b["positions"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
        assert any("point (f) presumption" in r["label"] for r in result_rows(run.out))
    elif fmt == "csv":
        lines = run.out.split("\r\n")
        assert lines[0] == "issue,label,question,positions,holders,attributions"
        assert lines[1].startswith(RES + "issue/")
    else:
        lines = run.out.splitlines()
        assert lines[0] == "?issue\t?label\t?question\t?positions\t?holders\t?attributions"
        cells = lines[1].split("\t")
        assert cells[0].startswith("<" + RES) and cells[1].endswith('"@en')
        assert cells[3].endswith("^^<http://www.w3.org/2001/XMLSchema#integer>")


def test_a_parameter_value_cannot_inject_sparql(g, cli, graph):
    evil = 'Haar" } UNION { ?s ?p ?o } #'
    run = cli("--store", graph.store, "query", "scholar-holdings", "--param", f"scholar={evil}")
    assert run.code == 2 and "no scholar matches" in run.err
    # a literal parameter keeps the whole value as one string
    assert g.query("section-provisions", section='2.1." } ?x ?y ?z { "').empty
    bad = cli("--store", graph.store, "query", "co-citation", "--param", "work=x")
    assert bad.code == 2 and "has no parameter work" in bad.err


def test_malformed_query_reports_line_and_column(graph, cli):
    run = cli("--store", graph.store, "query", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER( }")
    assert run.code == 2
    assert "SPARQL syntax error at line 3, column" in run.err


def test_same_question_on_one_chapter_is_the_issue_itself(g):
    """With one chapter in the graph, the question of mn 120 is treated once: there (tests/test_chapters.py
    builds two chapters and finds its twin)."""
    rows = _records(g.query("same-question"))
    assert [(r["treatment"], r["article"], float(r["overlap"])) for r in rows] == [
        (RES + "issue/compute-notification-anticipated-threshold", 51, 1.0)
    ]


def test_a_chapter_parameter_of_all_or_the_only_chapter_changes_nothing(g):
    every = _records(g.query("issues"))
    assert _records(g.query("issues", chapter="all")) == every == _records(g.query("issues", chapter="51"))


def test_the_optional_plans_benchmark_edits_the_shipped_flagship_without_changing_its_rows(graph):
    """benchmarks/optional_plans.py times variants of the flagship query made by text edits; each
    edit must still apply to the shipped query and, on the commentary, answer as many rows."""
    import importlib.util
    from pathlib import Path

    from kg.graph import store
    from kg.graph.vocab import PREFIXES

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "optional_plans.py"
    spec = importlib.util.spec_from_file_location("optional_plans", path)
    assert spec and spec.loader
    plans = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plans)
    found = plans.variants(queries.all_queries()[plans.FLAGSHIP].sparql)
    assert len(set(found.values())) == len(found) == 5  # every edit changed the text
    s = store.open_read_only(graph.store)
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    counts = {name: len(list(s.query(text, prefixes=prefixes))) for name, text in found.items()}
    assert len(set(counts.values())) == 1 and min(counts.values()) > 0, counts

    def rows(text: str) -> list[tuple]:
        answer = s.query(text, prefixes=prefixes)
        names = [str(v) for v in answer.variables]
        return sorted(tuple("" if r[n[1:]] is None else str(r[n[1:]]) for n in names) for r in answer)

    # the three branches are the left join written out: the same rows as the form before them
    shipped, before = list(found.values())[0], plans.ONE_OPTIONAL
    assert rows(shipped) == rows(before)
