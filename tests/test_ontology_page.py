"""`kg ontology-page`: a generated HTML page with every class and property of ontology/kg.ttl."""

from __future__ import annotations

from html.parser import HTMLParser

from kg.graph.ontology_page import render
from kg.graph.vocab import KG


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.add(a["href"][1:])


def test_every_kg_term_has_a_section_and_every_link_lands():
    page = _Ids()
    page.feed(render())
    assert page.ids == set(KG.__annotations__)
    assert page.links <= page.ids


def test_the_page_states_the_alignments():
    html = render()
    assert "fabio:WebContent" in html  # kg:WebSource ⊑ fabio:WebContent
    assert "oa:SpecificResource" in html and "frbr:Endeavour" in html
    assert "extension of Akoma Ntoso" in html


def test_the_command_writes_the_page(tmp_path, cli):
    out = tmp_path / "docs" / "ontology.html"
    run = cli("ontology-page", "-o", out)
    assert run.code == 0, run.err
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert f"{len(KG.__annotations__)} classes and properties" in run.out
