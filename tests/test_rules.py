"""The CONSTRUCT rules of queries/rules/ on a small graph shaped like the real one (the flagship
issue of margin paragraph 16: automatic classification vs a Commission decision, footnotes 69 and
70), and the shapes for holdings and derived links. The graph is hand-made so that every side of a
holding is known in advance; tests/test_decisions.py runs the same rules on the whole commentary."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.graph import rules
from kg.graph import vocab as v
from kg.graph.validate import validate
from kg.graph.vocab import KG

ISSUE = v.issue_iri("a51-1a-automatic-classification")
AUTOMATIC = v.position_iri("a51-1a-classification-by-operation-of-law")
DECISION_NEEDED = v.position_iri("a51-1a-designation-decision-required")
ATT_69 = v.attribution_iri("a51-1a-designation-decision-required", 69, "haar-siglmuller-art-51")
ATT_70 = v.attribution_iri("a51-1a-classification-by-operation-of-law", 70, "bond-abbady-art-52")
FOR_DECISION = v.argument_iri("a51-1a-arg-wording-shall-be-classified")
AGAINST_DECISION = v.argument_iri("a51-1a-arg-express-decision-only-in-51-1-b")
COUNTER = v.argument_iri("counter-to-wording")
DECISION = v.decision_iri("C(2026) 9999 final")
HOLDING = v.holding_iri(str(DECISION), 1)
VIEW = URIRef(f"{AUTOMATIC}/author-view")
PARA17 = v.paragraph_iri("article-51", 17)


def _triples() -> list[tuple]:
    return [
        (ISSUE, RDF.type, KG.InterpretiveIssue),
        (AUTOMATIC, RDF.type, KG.Position),
        (DECISION_NEEDED, RDF.type, KG.Position),
        (AUTOMATIC, KG.alternativeTo, DECISION_NEEDED),
        (DECISION_NEEDED, KG.alternativeTo, AUTOMATIC),
        (ATT_69, RDF.type, KG.Attribution),
        (ATT_69, KG.attributes, DECISION_NEEDED),
        (ATT_70, RDF.type, KG.Attribution),
        (ATT_70, KG.attributes, AUTOMATIC),
        (FOR_DECISION, RDF.type, KG.Argument),
        (FOR_DECISION, KG.supports, DECISION_NEEDED),
        (AGAINST_DECISION, RDF.type, KG.Argument),
        (AGAINST_DECISION, KG.attacks, DECISION_NEEDED),
        (COUNTER, RDF.type, KG.Argument),
        (COUNTER, KG.attacks, FOR_DECISION),
        (VIEW, RDF.type, KG.AuthorView),
        (VIEW, KG.viewOf, AUTOMATIC),
        (VIEW, KG.stance, Literal("endorses")),
        (VIEW, KG.statedIn, PARA17),
        (PARA17, KG.inCommentary, v.commentary_iri("article-51")),
        (DECISION, RDF.type, KG.Decision),
        (DECISION, KG.hasHolding, HOLDING),
        (HOLDING, RDF.type, KG.Holding),
        (HOLDING, KG.holdingIssue, ISSUE),
        (HOLDING, KG.adoptsPosition, DECISION_NEEDED),
    ]


def _quads(triples) -> list[ox.Quad]:
    def term(x):
        return ox.Literal(str(x)) if isinstance(x, Literal) else ox.NamedNode(str(x))

    return [ox.Quad(term(s), term(p), term(o)) for s, p, o in triples]


def _links(derived: list[ox.Quad]) -> dict[str, set[tuple[str, str]]]:
    """role → {(linked node, rule)} of the derived links."""
    by_subject: dict = {}
    for q in derived:
        by_subject.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object.value)
    out: dict[str, set] = {}
    for props in by_subject.values():
        role = props.get(str(KG.linkRole), [None])[0]
        linked = [
            x
            for p in ("linkedPosition", "linkedAttribution", "linkedArgument", "linkedAuthorView")
            for x in props.get(str(KG[p]), [])
        ]
        out.setdefault(role, set()).add((linked[0], props[str(KG.derivedBy)][0].rsplit("/", 1)[1]))
    return out


@pytest.fixture(scope="module")
def derived():
    return _links(rules.run(_quads(_triples()), rules.load()))


def test_a_holding_upholds_the_adopted_position_and_overrules_the_other(derived):
    assert derived["upholds"] == {(str(DECISION_NEEDED), "holding-sides")}
    assert derived["overrules"] == {(str(AUTOMATIC), "holding-sides")}


def test_supporting_and_opposing_attributions(derived):
    assert derived["supporting"] == {(str(ATT_69), "supporting-commentary")}
    assert derived["opposing"] == {(str(ATT_70), "opposing-commentary")}


def test_arguments_counter_arguments_and_unanswered(derived):
    assert derived["argument-for"] == {(str(FOR_DECISION), "arguments-for")}
    assert derived["argument-against"] == {
        (str(AGAINST_DECISION), "arguments-against"),
        (str(COUNTER), "counter-arguments"),
    }
    assert {a for a, _ in derived["unanswered"]} == {str(AGAINST_DECISION), str(COUNTER)}


def test_an_answered_argument_is_not_unanswered():
    triples = _triples() + [(HOLDING, KG.answers, AGAINST_DECISION)]
    got = _links(rules.run(_quads(triples), rules.load()))
    assert {a for a, _ in got["unanswered"]} == {str(COUNTER)}


def test_the_author_endorsing_the_overruled_position_disagrees(derived):
    assert derived["author-disagrees"] == {(str(VIEW), "author-disagrees")}
    assert "author-agrees" not in derived


def test_a_rejection_flips_the_sides():
    triples = [t for t in _triples() if t[1] != KG.adoptsPosition] + [(HOLDING, KG.rejectsPosition, DECISION_NEEDED)]
    got = _links(rules.run(_quads(triples), rules.load()))
    assert got["supporting"] == {(str(ATT_70), "supporting-commentary")}
    assert got["opposing"] == {(str(ATT_69), "opposing-commentary")}
    assert got["author-agrees"] == {(str(VIEW), "author-agrees")}


def test_a_rule_whose_links_do_not_name_it_is_refused(tmp_path):
    (tmp_path / "01-bad.rq").write_text(
        "# title: bad\n# description: forgets kg:derivedBy\n"
        "CONSTRUCT { ?l a kg:DerivedLink ; kg:ofHolding ?h }\n"
        "WHERE { ?h a kg:Holding BIND(IRI(CONCAT(STR(?h), '/x')) AS ?l) }",
        encoding="utf-8",
    )
    with pytest.raises(rules.RuleError, match="01-bad.rq: 1 derived link"):
        rules.run(_quads(_triples()), rules.load(tmp_path))


def test_a_rule_must_be_a_construct_query(tmp_path):
    (tmp_path / "01-select.rq").write_text(
        "# title: t\n# description: d\nSELECT * WHERE { ?s ?p ?o }", encoding="utf-8"
    )
    with pytest.raises(rules.RuleError, match="must be a CONSTRUCT"):
        rules.run(_quads(_triples()), rules.load(tmp_path))


def test_every_rule_file_has_a_title_and_description():
    loaded = rules.load()
    assert [r.name for r in loaded][:1] == ["holding-sides"] and len(loaded) >= 9
    assert all(r.title and r.description and r.file.startswith("queries/rules/") for r in loaded)


# ---- shapes ---------------------------------------------------------------------------------------


def _graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def test_a_holding_without_an_issue_violates_its_shape():
    triples = [t for t in _triples() if t[1] != KG.holdingIssue] + [
        (HOLDING, KG.holdingStance, Literal("adopts")),
        (HOLDING, KG.pinpoint, Literal("para 3")),
    ]
    report = validate(_graph(triples), only=("Holding",))
    assert not report.conforms
    assert [(str(f), m) for f, _, m in report.violations] == [
        (str(HOLDING), "A holding must concern exactly one interpretive issue.")
    ]


def test_a_derived_link_without_its_rule_violates_its_shape():
    link = URIRef(f"{HOLDING}/supporting/x")
    triples = _triples() + [
        (link, RDF.type, KG.DerivedLink),
        (link, KG.ofHolding, HOLDING),
        (link, KG.linkRole, Literal("supporting")),
    ]
    report = validate(_graph(triples), only=("DerivedLink",))
    assert [m for _, _, m in report.violations] == [
        "A derived link must name exactly one rule of queries/rules/ (kg:derivedBy)."
    ]
