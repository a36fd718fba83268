"""The researcher's app, page by page, with streamlit.testing.v1.AppTest on the real graph (the
session store): every page renders, the flagship issue shows both camps with every holder and the
author's view, deep links open the right view, unknown keys say "not found", bad queries show an
error and no traceback, and planted markup in a source is shown as text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from factories import FLAGSHIP, IMG, SCRIPT
from streamlit.testing.v1 import AppTest

from kg.access import explore, show

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {
    "issues": "kg/access/app/issues.py",
    "provisions": "kg/access/app/provisions.py",
    "scholars": "kg/access/app/scholars.py",
    "reader": "kg/access/app/reader.py",
    "workbench": "kg/access/app/workbench.py",
}


def unescape(text: str) -> str:
    """What a reader sees of our escaped markdown."""
    return re.sub(r"\\(.)", r"\1", text)


def shown(body: str) -> str:
    """What a reader sees of an st.html block: its text, tags and the style sheet removed."""
    return html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<style>.*?</style>", "", body, flags=re.S)))


def summaries(at: AppTest) -> list[str]:
    """The one-line labels a reader can expand: Streamlit expanders and the holders' <details>."""
    details = [shown(m) for h in at.get("html") for m in re.findall(r"<summary>(.*?)</summary>", h.proto.body)]
    return [unescape(e.label) for e in at.expander] + details


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.label for e in at.expander] + [h.value for h in at.header]
    parts += [shown(h.proto.body) for h in at.get("html")]
    parts += [m.value for m in at.info] + [m.value for m in at.warning] + [m.value for m in at.error]
    parts += [c.value for c in at.caption]
    return unescape("\n".join(parts))


@pytest.fixture
def app(graph, monkeypatch):
    """Open a page of the app on the session graph, with query parameters as in a pasted URL."""
    monkeypatch.setenv("KG_STORE", str(graph.store))

    def open_page(page: str = "issues", **params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        if page != "issues":
            at.switch_page(PAGES[page])
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return open_page


@pytest.mark.parametrize(
    "page,title",
    [
        ("issues", "Issues and argument map"),
        ("provisions", "Provisions"),
        ("scholars", "Scholars and works"),
        ("reader", "Commentary reader"),
        ("workbench", "SPARQL workbench"),
    ],
)
def test_every_page_renders(app, page, title):
    at = app(page)
    assert [t.value for t in at.title] == [title]


def test_home_lists_issues_most_contested_first_with_the_flagship_one_click_away(app, graph):
    at = app()
    table = at.dataframe[0].value
    assert len(table) == len(explore.views(graph.store)["issues"])  # every issue is listed
    contested = table[table["contested by"] >= 2]
    assert list(contested.index) == list(range(len(contested)))  # issues two camps dispute come first …
    assert list(contested["holders"]) == sorted(contested["holders"], reverse=True)  # … by weight
    assert at.button[0].label.startswith("Flagship issue")
    at.button[0].click().run()
    assert at.query_params["issue"] == FLAGSHIP
    assert unescape(at.header[0].value) == "Automatic classification under Art. 51(1)(a) vs Commission designation"


def test_choosing_an_issue_opens_it_and_all_issues_brings_back_the_search(app, graph):
    at = app()
    at.text_input(key="issue-search").input("compute").run()
    listed = set(at.dataframe[0].value["issue"])
    wanted = next(i for i in explore.views(graph.store)["issues"] if i["label"] in listed)
    at.selectbox(key="issue-pick").select(wanted["id"]).run()
    assert at.query_params["issue"] == wanted["id"]  # the URL is the deep link to what is shown
    assert unescape(at.header[0].value) == wanted["label"]
    assert not at.dataframe  # the issue's page does not draw the list's table
    assert at.selectbox(key="issue-switch").value == wanted["id"]
    at.selectbox(key="issue-switch").select(FLAGSHIP).run()
    assert at.query_params["issue"] == FLAGSHIP
    assert unescape(at.header[0].value) == "Automatic classification under Art. 51(1)(a) vs Commission designation"
    next(b for b in at.button if b.label == "All issues").click().run()
    assert "issue" not in at.query_params
    assert at.text_input(key="issue-search").value == "compute"  # the search survives the visit
    assert set(at.dataframe[0].value["issue"]) == listed


def test_the_flagship_button_on_another_issue_switches_to_it(app, graph):
    other = next(i["id"] for i in explore.views(graph.store)["issues"] if i["id"] != FLAGSHIP)
    at = app(issue=other)
    at.button[0].click().run()
    assert at.query_params["issue"] == FLAGSHIP
    assert at.selectbox(key="issue-switch").value == FLAGSHIP  # the URL decides, not a stale choice


def test_flagship_issue_shows_every_holder_of_both_camps_and_the_authors_view(app, graph):
    at = app(issue=FLAGSHIP)
    seen = texts(at)
    (issue,) = show.views(FLAGSHIP, graph.store)["issues"]
    assert len(issue["positions"]) == 2
    for p in issue["positions"]:
        assert p["label"] in seen
        assert p["holders"], p["label"]
        for h in p["holders"]:  # every holder: authors, work, footnote, pinpoint, strength
            label = f"fn {h['footnote']} · {' and '.join(h['authors'])}, ‘{h['work']}’"
            assert any(e.startswith(label) and h["strength"] in e for e in summaries(at))
            assert h["source"]["excerpt"] in seen  # the exact source words, on expand
    assert "fn 69 · Tobias Haar and Jonas Siglmüller" in seen and "paras 26–31" in seen
    bodies = "".join(h.proto.body for h in at.get("html"))
    for fn in {h["footnote"] for p in issue["positions"] for h in p["holders"]}:  # each leads to its footnote
        assert f'href="/reader?footnote={fn}"' in bodies
    assert "fn 70 · Toby Bond and Shima Abbady, ‘Article 52 Procedure’, 839–840, sec 1" in seen
    views = [unescape(i.value) for i in at.info]
    assert any("Gregor Gindlin, para 17): endorses" in v and "“is compelling”" in v for v in views)
    assert any("para 20): rejects" in v and "not entirely convincing" in v for v in views)
    for n in (17, 18, 19, 20, 21):  # the arguments of paragraphs 17–21, each with its paragraph
        assert f"[para {n}](/reader?paragraph={n})" in seen


def test_the_map_downloads_as_aif_argdown_graphml_png_and_svg(app):
    at = app(issue=FLAGSHIP)
    assert [b.label for b in at.get("download_button")] == ["AIF", "Argdown", "GraphML", "PNG", "SVG"]


def test_a_node_picked_on_the_map_is_named_below_it(graph, monkeypatch):
    """The map is a fragment (its selection reruns it alone): what the researcher picks there is
    named under it. The selection is set as the component would report it."""
    monkeypatch.setenv("KG_STORE", str(graph.store))
    (issue,) = show.views(FLAGSHIP, graph.store)["issues"]
    g = explore.map_graph(issue)
    node = next(n for n in g if g.nodes[n]["kind"] == "position")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["issue"] = FLAGSHIP
    at.session_state[f"map-{FLAGSHIP}"] = {"nodes": [node], "edges": []}
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert f"**position**: {g.nodes[node]['label']}" in texts(at)


def test_deep_link_to_a_position_marks_it(app):
    at = app(issue=FLAGSHIP, position="a51-1a-designation-decision-required")
    assert "linked position" in [c.value for c in at.caption]


def test_unknown_issue_in_the_url_says_not_found_with_a_way_back(app):
    at = app(issue="no-such-issue")
    assert "Not found: there is no issue `no-such-issue`" in unescape(at.warning[0].value)
    back = next(b for b in at.button if b.label == "Back to the list of issues")
    back.click().run()
    assert "issue" not in at.query_params and not at.warning


def test_unknown_provision_in_the_url_says_not_found(app):
    at = app("provisions", provision="art_999")
    assert "Not found: there is no provision `art_999`" in unescape(at.warning[0].value)
    assert any(b.label == "Back to Art. 51" for b in at.button)


def test_provision_page_for_art_52_1_third_sentence(app):
    at = app("provisions", provision="art_52__para_1__sent_3")
    seen = texts(at)
    assert unescape(at.header[0].value) == "Art. 52(1) AI Act, third sentence"
    assert "If the Commission becomes aware of a general-purpose AI model" in seen
    assert "Automatic classification under Art. 51(1)(a) vs Commission designation" in seen
    (table,) = [d.value for d in at.dataframe]
    assert {13, 19, 22} <= set(table[table["kind"] == "paragraph"]["number"])


def test_article_rolls_up_its_sub_provisions(app):
    at = app("provisions", provision="art_52")
    seen = texts(at)
    assert "Art. 52(1) AI Act, third sentence" in seen and "Art. 52(4) AI Act, first subparagraph" in seen
    (table,) = [d.value for d in at.dataframe]
    assert "Art. 52(1) AI Act, third sentence" in set(table["refers to"])


@pytest.mark.parametrize(
    "page,box,choice,param,link",
    [
        ("provisions", "prov-root", "art_52", "provision", "art_51__para_1__point_a"),
        ("scholars", "scholar-pick", "bond-toby", "scholar", "haar-tobias"),
        ("reader", "reader-section", "2.2.", "section", "2.1.1.1."),
    ],
)
def test_a_link_opened_in_the_same_tab_beats_the_select_boxs_old_choice(app, page, box, choice, param, link):
    """Choose in a select box, then paste a link (or go back) in the same tab: the page shows the
    link's view, as a fresh tab does, instead of sending the researcher back to the old choice."""
    fresh = app(page, **{param: link})
    at = app(page)
    at.selectbox(key=box).select(choice).run()
    assert at.query_params[param] == choice
    at.query_params[param] = link
    at.run()
    assert not at.exception
    assert at.query_params[param] == link
    assert at.header[0].value == fresh.header[0].value
    assert at.selectbox(key=box).value == fresh.selectbox(key=box).value


def test_scholar_page_with_positions_and_agreement_matrix(app):
    at = app("scholars", scholar="haar-tobias")
    seen = texts(at)
    assert unescape(at.header[0].value) == "Tobias Haar"
    assert "Automatic classification under Art. 51(1)(a) vs Commission designation" in seen
    assert "fn 69 (paras 26–31), explicit" in seen
    allies = at.dataframe[0].value
    assert allies.set_index("other").loc["Jonas Siglmüller", "agree"] > 0
    assert allies.set_index("other").loc["Toby Bond", "disagree"] > 0  # opposite camps on the flagship
    (chart,) = at.get("vega_lite_chart")  # the agreement matrix as a heatmap
    spec = json.loads(chart.proto.spec)
    assert spec["mark"]["type"] == "rect" and spec["encoding"]["color"]["title"] == "agree − disagree"


def test_the_agreement_matrix_names_every_scholar_on_both_axes(app):
    """At a fixed height of 900 px Vega dropped every other of the 52 names as overlapping."""
    (chart,) = app("scholars").get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    for axis in ("x", "y"):
        assert spec["encoding"][axis]["axis"]["labelOverlap"] is False, axis
    label_px = spec.get("config", {}).get("axis", {}).get("labelFontSize", 10)  # Vega's default
    assert spec["height"]["step"] >= label_px + 4  # a row is as tall as its name


def test_citator_of_a_work(app, graph):
    at = app("scholars", work="haar-siglmuller-2025-art-51")
    table = at.dataframe[0].value
    expected = explore.citator("haar-siglmuller-2025-art-51", graph.store)
    assert len(table) == len(expected) and 69 in set(table["footnote"])
    assert table.set_index("footnote").loc[69, "pinpoint"] == "paras 26–31"


def test_reader_deep_link_to_a_footnote_opens_it(app):
    at = app("reader", footnote="69")
    assert unescape(at.header[0].value).startswith("2.1.1.1. Commission designation")
    opened = [e for e in at.expander if e.proto.expanded]
    assert [e.label for e in opened] == ["fn 69"]
    seen = texts(at)
    assert "[⁶⁹](/reader?footnote=69)" in seen  # the marker opens the footnote
    assert "cites [Tobias Haar and Jonas Siglmüller, ‘Art. 51" in seen
    assert "(/provisions?provision=art_51__para_1__point_a)" in seen


def test_reader_search_finds_paragraphs_and_footnotes(app):
    at = app("reader", q="operation of law")
    hits = at.dataframe[0].value
    assert {"paragraph", "footnote"} >= set(hits["kind"]) and 17 in set(hits["number"])
    at = app("reader", q="zzzunfindable")
    assert "No margin paragraph or footnote contains all of" in unescape(at.info[0].value)


def test_workbench_runs_a_named_query_from_its_link(app, graph):
    at = app("workbench", query="issues", run="1")
    table = at.dataframe[0].value
    assert len(table) == len(explore.run(explore.named_query("issues").sparql, graph.store).table)
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download SPARQL JSON"]


def test_the_workbench_opens_on_the_chapters_issues_one_row_each(app, graph):
    at = app("workbench")
    assert at.selectbox[0].value == "chapter-issues"
    next(b for b in at.button if b.label == "Run query").click().run()
    table = at.dataframe[0].value
    assert len(table) == table["issue"].nunique() == len(explore.views(graph.store)["issues"])


def test_workbench_run_button(app):
    at = app("workbench", query="positions")
    assert not at.dataframe
    at.button(key="wb-run").click().run()
    assert "label" in at.dataframe[0].value.columns


@pytest.mark.parametrize(
    "sparql,message",
    [
        ("SELECT ?x WHERE {\n ?x ?y \n}}", "line 3, column 2"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
        ("PREFIX a: <http://a#> DELETE WHERE { ?s ?p ?o }", "read-only"),
    ],
)
def test_a_bad_query_shows_an_error_and_no_traceback(app, sparql, message):
    at = app("workbench", sparql=sparql, run="1")
    assert message in unescape(at.error[0].value)
    assert not at.exception and not at.dataframe


def test_an_empty_result_says_so(app):
    at = app("workbench", sparql="SELECT ?s WHERE { ?s a <urn:nothing> }", run="1")
    assert "returned no rows" in at.info[0].value


def test_unknown_named_query_says_not_found(app):
    at = app("workbench", query="no-such-query")
    assert "Not found: there is no named query" in unescape(at.warning[0].value)


# ---- planted markup in a source ----------------------------------------------------------------


def _planted_issue(store) -> str:
    v = explore.views(store)
    return next(i["id"] for i in v["issues"] for p in i["positions"] for h in p["holders"] if IMG in h["work"])


def test_planted_markup_is_shown_as_text_never_as_html(planted, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(planted.store))
    runs = [({"issue": _planted_issue(planted.store)}, None), ({"footnote": "69"}, PAGES["reader"])]
    for params, page in runs:
        at = AppTest.from_file(APP, default_timeout=120)
        if page:
            at.switch_page(page)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception
        raw = [m.value for m in at.markdown] + [e.label for e in at.expander]
        bodies = [h.proto.body for h in at.get("html")]  # the holders' <details>, html-escaped
        escaped = [r for r in raw if r"\<img src=x onerror=" in r] + [
            b for b in bodies if "&lt;img src=x onerror=" in b
        ]
        assert escaped  # the planted markup is there, escaped …
        if "issue" in params:  # the planted work is a holder: its <details> carries it as text
            assert any("&lt;img src=x onerror=" in b for b in bodies)
        assert not any(re.search(r"(?<!\\)<(img|script)", r) for r in raw)  # … never raw
        assert not any(re.search(r"<(img|script)", b) for b in bodies)
        assert all(not m.proto.allow_html for m in at.markdown)
    reader_text = unescape("\n".join(m.value for m in at.markdown))
    assert IMG in reader_text and SCRIPT in reader_text  # what the reader sees: the characters


def test_workbench_binds_a_named_querys_parameters_from_the_link(app, graph):
    at = app("workbench", query="issues-on-provision", p_provision="art_52__para_1__sent_3", run="1")
    assert [t.label for t in at.text_input] == ["provision (provision)"]
    assert at.text_input[0].value == "art_52__para_1__sent_3"
    table = at.dataframe[0].value
    expected = explore.run("issues-on-provision", graph.store, params={"provision": "art_52__para_1__sent_3"}).table
    assert len(table) == len(expected) > 0
