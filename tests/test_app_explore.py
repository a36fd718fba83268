"""kg.access.explore, the app's data layer, on the real graph (no browser): the workbench's bounded
read-only runner, issue ranking and filters, provision roll-up, agreement, citator, reader."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.access import explore


@pytest.fixture(scope="module")
def views(graph):
    return explore.views(graph.store)


def test_run_returns_a_table_and_sparql_json_with_term_types(graph):
    out = explore.run(
        "SELECT ?fn ?n ?text WHERE { ?fn a kg:Footnote ; kg:footnoteNumber ?n ; kg:text ?text } ORDER BY ?n LIMIT 2",
        graph.store,
    )
    assert list(out.table.columns) == ["fn", "n", "text"] and len(out.table) == 2
    assert out.table.iloc[0]["n"] == "1" and not out.truncated
    b = json.loads(out.sparql_json)["results"]["bindings"][0]
    assert b["fn"]["type"] == "uri" and b["fn"]["value"].endswith("/fn/1")
    assert b["n"] == {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert b["text"]["xml:lang"] == "en"


def test_run_stops_at_the_row_limit_and_says_so(graph):
    out = explore.run("SELECT ?s WHERE { ?s a kg:Footnote }", graph.store, max_rows=5)
    assert len(out.table) == 5 and out.truncated and out.max_rows == 5


def test_ask_and_construct(graph):
    assert explore.run("ASK { ?s a kg:InterpretiveIssue }", graph.store).boolean is True
    out = explore.run("CONSTRUCT { ?s a kg:Position } WHERE { ?s a kg:Position } LIMIT 3", graph.store)
    assert out.kind == "graph" and list(out.table.columns) == ["subject", "predicate", "object"]


def test_a_syntax_error_names_its_line_and_column(graph):
    with pytest.raises(explore.QueryError) as e:
        explore.run("SELECT ?x WHERE {\n ?x ?y \n}}", graph.store)
    assert (e.value.line, e.value.column) == (3, 2) and str(e.value).startswith("SPARQL syntax error")


def test_updates_are_refused_before_the_store_is_touched(graph):
    with pytest.raises(explore.QueryError, match="read-only"):
        explore.run("PREFIX a: <http://a#> INSERT DATA { <urn:a> <urn:b> <urn:c> }", graph.store)


def test_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(explore.QueryError, match="run `kg build` first"):
        explore.run("ASK {}", tmp_path / "nothing")


def test_issues_most_contested_first_and_filtered_by_provision(views):
    table = explore.issue_table(views)
    assert table.iloc[0]["id"] == "a51-1a-automatic-classification"  # two camps, most holder works
    art52 = explore.issue_table(views, provision_label="Art. 52")  # sub-provisions roll up
    assert "a51-1a-automatic-classification" in set(art52["id"]) and len(art52) < len(table)
    words = explore.issue_table(views, "operation of law")
    assert set(words["id"]) <= set(table["id"]) and "a51-1a-automatic-classification" in set(words["id"])


def test_unknown_or_unsafe_keys_find_nothing(views, graph):
    assert explore.find_issue(views, "no-such-issue") is None
    assert explore.find_issue(views, "x> } DROP") is None
    assert explore.provision("art_52> . ?s ?p ?o", graph.store) is None
    assert explore.work("x<y", graph.store) is None


def test_weight_of_opinion_on_the_flagship(views):
    issue = explore.find_issue(views, "a51-1a-automatic-classification")
    w = explore.weight_of_opinion(issue).set_index("author's view")
    by_law, decision = w.loc["endorses"], w.loc["rejects"]
    holders = {p["endorsed_by_commentary_author"]: {h["work_id"] for h in p["holders"]} for p in issue["positions"]}
    assert by_law["works"] == len(holders[True]) and decision["works"] == len(holders[False])
    assert decision["works"] > by_law["works"]  # the author sides with the minority of works


def test_map_graph_draws_support_and_attack(views):
    issue = explore.find_issue(views, "a51-1a-automatic-classification")
    g = explore.map_graph(issue)
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"on", "holds", "supports", "attacks", "endorses", "rejects"} <= relations
    assert (
        g.edges["a51-1a-arg-express-decision-only-in-51-1-b", "a51-1a-arg-wording-shall-be-classified"]["relation"]
        == "attacks"
    )
    back = nx.read_graphml(__import__("io").BytesIO(explore.graphml_bytes(g)))
    assert back.number_of_nodes() == g.number_of_nodes()
    elements = explore.cytoscape_elements(g)
    assert {e["classes"] for e in elements if "source" in e["data"]} == relations
    assert explore.map_image(g, "svg").lstrip().startswith(b"<?xml")


def test_author_views_quote_the_paragraph(views, graph):
    issue = explore.find_issue(views, "a51-1a-automatic-classification")
    got = {(v["stance"], v["paragraph"], v["quote"]) for v in explore.author_views(issue, graph.store)}
    assert ("endorses", 17, "is compelling") in got


def test_provision_discussion_rolls_up_sentences(graph):
    whole = explore.provision_discussion("art_52__para_1", graph.store)
    sentence = explore.provision_discussion("art_52__para_1__sent_3", graph.store)
    assert {13, 19, 22} <= set(sentence[sentence["kind"] == "paragraph"]["number"])
    assert set(sentence["number"]) <= set(whole["number"])
    assert "Art. 52(1) AI Act, third sentence" in set(whole["refers to"])


def test_provisions_hold_the_commentarys_texts_at_sentence_grain(graph):
    keys = set(explore.provisions(graph.store)["key"])
    assert {"art_3__point_63", "art_3__point_65", "art_52__para_1__sent_3", "anx_XIII__point_a"} <= keys
    assert {"rct_111__sent_1", "rct_113__sent_1"} <= keys
    assert explore.provision("art_52", graph.store)["label"] == "Art. 52 AI Act"  # known through its parts


def test_agreement_is_symmetric_and_opposes_the_two_camps(graph):
    h = explore.holdings(graph.store)
    ag = explore.agreement(h)
    assert ag.agrees == {(b, a): n for (a, b), n in ag.agrees.items()}
    assert ag.disagrees == {(b, a): n for (a, b), n in ag.disagrees.items()}
    assert ag.disagrees[("Tobias Haar", "Toby Bond")] >= 1  # fn 69 against fn 70 on the flagship


def test_citator_lists_every_citation_of_a_work(graph):
    table = explore.citator("haar-siglmuller-2025-art-51", graph.store)
    n = explore.run(
        "SELECT ?c WHERE { ?c cito:hasCitedEntity <https://w3id.org/euaigraph/id/work/haar-siglmuller-2025-art-51> }",
        graph.store,
    )
    assert len(table) == len(n.table)
    row = table.set_index("footnote").loc[69]
    assert row["pinpoint"] == "paras 26–31" and row["via footnote"] == "9" and row["paragraph"] == 16


def test_reader_cuts_paragraphs_at_their_footnote_markers(graph):
    paragraphs = explore.reader(graph.store)
    p16 = next(p for p in paragraphs if p["number"] == 16)
    segments = explore.marked_segments(p16)
    assert "".join(s for s, _ in segments) == p16["text"]
    assert [n for _, n in segments if n] == [69, 70, 71]
    hits = explore.search(paragraphs, "Operation OF law")
    assert 16 in set(hits[hits["kind"] == "paragraph"]["number"])


def test_map_exports_of_one_issue(graph, views):
    ex = explore.Explorer(graph.store)
    issue = explore.find_issue(views, "a51-1a-automatic-classification")
    aif = json.loads(ex.map_export(issue, "aif"))
    texts = {n["text"] for n in aif["nodes"]}
    assert all(p["label"] in texts for p in issue["positions"])
    argdown = ex.map_export(issue, "argdown").decode()
    assert "Classification under Art. 51(1)(a) requires a Commission decision" in argdown
    assert nx.read_graphml(__import__("io").BytesIO(ex.map_export(issue, "graphml"))).number_of_nodes() > 10
    assert ex.map_image(issue, "png").startswith(b"\x89PNG")
