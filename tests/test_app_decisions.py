"""The Decisions page (AppTest on the session graph): the shipped decisions are listed; the
Commission Guidelines' holding on automatic classification shows the supporting and opposing
commentary exactly as `kg views` places the holders; an unknown decision says "not found"; the
form refuses a malformed identifier without writing anything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kg.access import citator, show

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "kg/access/app/decisions.py"
GUIDELINES = "C(2025) 5045 final"
FLAGSHIP = "a51-1a-automatic-classification"


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.label for e in at.expander] + [h.value for h in at.header]
    parts += [m.value for m in at.warning] + [m.value for m in at.error] + [m.value for m in at.subheader]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


@pytest.fixture
def page(graph, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(graph.store))

    def open_page(**params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=180)
        at.switch_page(PAGE)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return open_page


def test_the_shipped_decisions_are_listed(page, graph):
    text = _texts(page())
    for d in citator.decisions(graph.store):
        assert (d["title"] or d["id"]) in text


def test_the_list_counts_in_words_a_researcher_reads(page, graph):
    text = _texts(page())
    once = [d for d in citator.decisions(graph.store) if len(d["cited_for"]) == 1]
    assert once, "no decision cited for exactly one argument: the check would see nothing"
    assert "cited for 1 argument" in text and "cited for 1 arguments" not in text


def test_the_guidelines_holding_on_automatic_classification_shows_both_sides(page, graph):
    text = _texts(page(decision=GUIDELINES))
    view = show.views(FLAGSHIP, graph.store)["issues"][0]
    adopted = next(p for p in view["positions"] if p["id"] == "a51-1a-classification-by-operation-of-law")
    other = next(p for p in view["positions"] if p["id"] != adopted["id"])
    assert "Supporting commentary" in text and "Opposing commentary" in text
    for holder in adopted["holders"] + other["holders"]:
        assert f"(fn {holder['footnote']}, {holder['strength']})" in text, holder["work"]
    assert re.search(r"The decision \*\*adopts\*\* “Classification under Art\. 51\(1\)\(a\) is automatic", text)
    assert "The commentary's author **agrees**" in text


def test_an_unknown_decision_is_not_found(page):
    at = page(decision="C(2099) 1 final")
    assert "Not found: there is no decision" in _texts(at)
    assert any(b.label == "Back to all decisions" for b in at.button)


def test_the_form_refuses_a_malformed_identifier_and_writes_nothing(page):
    decisions = ROOT / "sources" / "decisions"
    before = sorted(p.name for p in decisions.iterdir())
    at = page()
    at.text_input[0].input("C(2025 5045")  # no closing parenthesis, no `final`
    at.text_input[1].input("Guidelines, mistyped")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert any("Not added" in e.value for e in at.error)
    assert sorted(p.name for p in decisions.iterdir()) == before
