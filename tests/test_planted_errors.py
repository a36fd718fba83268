"""Errors planted into a copy of the real graph: `kg validate` (the SHACL shapes) must name each one
with its focus node. The first ten are the review's (issue 13): before the complete shapes, three
were caught. Nothing else may be reported: the unplanted graph conforms."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.graph import vocab as v
from kg.graph.validate import validate
from kg.graph.vocab import CITO, ELI, KG, OA

GINDLIN = v.person_iri("gindlin-gregor")
FN69_HAAR = v.attribution_iri("a51-1a-designation-decision-required", 69, "haar-siglmuller-2025-art-51")
POSITION = v.position_iri("a51-1a-designation-decision-required")


@pytest.fixture(scope="module")
def real(graph_nt) -> Graph:
    from kg.build import to_rdflib

    s = ox.Store()
    s.load(graph_nt, format=ox.RdfFormat.N_TRIPLES)
    return to_rdflib(list(s.quads_for_pattern(None, None, None, ox.DefaultGraph())))


def _first(g: Graph, sparql: str) -> URIRef:
    return next(iter(g.query(sparql, initNs=dict(v.PREFIXES))))[0]


def _plant(g: Graph) -> dict[str, tuple[URIRef, str, str]]:
    """Plant every error; returns what validation must report: (focus node, path, words of the message)."""
    q = lambda sparql: _first(g, sparql)  # noqa: E731
    arguments = sorted(g.subjects(RDF.type, KG.Argument))
    issues = sorted(g.subjects(RDF.type, KG.InterpretiveIssue))
    views = sorted(g.subjects(RDF.type, KG.AuthorView))
    cite = q("SELECT ?c WHERE { ?c a kg:Citation ; cito:hasCitedEntity ?w ; kg:resolution 'full' } ORDER BY ?c LIMIT 1")
    two_way = q("SELECT ?c WHERE { ?c a kg:Citation ; cito:hasCitedEntity ?w } ORDER BY DESC(?c) LIMIT 1")
    point = v.provision_iri("art_51__para_1__point_b")
    endorsed = q(f"SELECT ?p WHERE {{ <{GINDLIN}> kg:endorses ?p }} ORDER BY ?p LIMIT 1")
    alternative = sorted(g.subjects(RDF.type, KG.Position))[3]
    reference = q("SELECT ?r WHERE { ?r a kg:ProvisionReference } ORDER BY ?r LIMIT 1")
    span = v.span_iri(v.footnote_iri("article-51", 70))
    position = URIRef(f"{v.footnote_iri('article-51', 70)}#position")
    span71 = v.span_iri(v.footnote_iri("article-51", 71))
    quote = next(s for s in g.objects(span71, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in g)
    holder_work = q("SELECT ?w WHERE { ?a kg:holderWork ?w } ORDER BY DESC(?w) LIMIT 1")
    unnamed = v.provision_iri("anx_XIII__point_f")

    g.add((arguments[0], KG.supports, FN69_HAAR))  # 1 an argument supporting an attribution
    g.add((arguments[1], KG.attacks, v.position_iri("a51-1a-designation-decison-required")))  # 2 a typo IRI
    g.remove((cite, CITO.hasCitedEntity, None))  # 3 a citation without a cited entity
    g.set((point, ELI.is_part_of, v.provision_iri("art_51__para_9")))  # 4 a dangling eli:is_part_of
    g.remove((views[0], KG.stance, None))  # 5 an author view without a stance
    g.remove((views[1], KG.viewOf, None))  # 6 ... and one without a target
    g.remove((issues[0], KG.question, None))  # 7 an issue without a question
    curated = q("SELECT ?i WHERE { ?i a kg:InterpretiveIssue ; kg:derivation 'curation' } ORDER BY DESC(?i) LIMIT 1")
    g.remove((curated, KG.concernsProvision, None))  # 8 a curated issue without a provision
    g.add((alternative, KG.alternativeTo, alternative))  # 9 a position that is an alternative to itself
    g.add((GINDLIN, KG.rejects, endorsed))  # 10 an author who endorses and rejects one position
    g.add((two_way, CITO.hasCitationCharacterization, CITO.agreesWith))  # 11 agrees and disagrees
    g.add((two_way, CITO.hasCitationCharacterization, CITO.disagreesWith))
    g.add((FN69_HAAR, KG.holder, v.work_iri("haar-siglmuller-2025-art-51")))  # 12 a work as a holder
    g.set((reference, KG.refersTo, v.provision_iri("art_999")))  # 13 a reference to no provision
    g.remove((span, OA.hasSelector, position))  # 14 a span without its position selector
    g.set((FN69_HAAR, KG.strength, v.res("strength/probably")))  # 15 an unknown strength
    g.add((POSITION, KG.onIssue, next(i for i in issues[2:] if (POSITION, KG.onIssue, i) not in g)))  # 16 two issues
    # the flagship query's three branches are exactly its left join only on graphs with these three
    g.remove((span71, OA.hasSelector, quote))  # 17 a span without its quote selector (its exact words)
    g.remove((arguments[2], RDFS.label, None))  # 18 an argument without a label
    g.remove((holder_work, DCTERMS.title, None))  # 19 a holder work without a title
    g.remove((reference, RDFS.label, None))  # 20 a provision reference without its words (the definition chain)
    g.remove((unnamed, RDFS.label, None))  # 21 a provision without its name (section-provisions requires it)
    return {
        "argument supports an attribution": (arguments[0], "kg:supports", "can only support a position"),
        "argument attacks a typo IRI": (arguments[1], "kg:attacks", "can only attack a position or another"),
        "citation without cited entity": (cite, "", "must name its cited entity"),
        "dangling eli:is_part_of": (point, "eli:is_part_of", "not a dangling IRI"),
        "author view without stance": (views[0], "kg:stance", "exactly one stance"),
        "author view without target": (views[1], "kg:viewOf", "view of exactly one position"),
        "issue without question": (issues[0], "kg:question", "must state its question"),
        "issue without provision": (curated, "", "must concern at least one provision"),  # an sh:or: no path
        "position alternative to itself": (alternative, "", "cannot be an alternative to itself"),
        "author endorses and rejects": (GINDLIN, "kg:endorses", "both endorse and reject"),
        "citation agrees and disagrees": (two_way, "", "both agree and disagree"),
        "work as an attribution's holder": (FN69_HAAR, "kg:holder", "must be persons or organisations"),
        "reference to no provision": (reference, "kg:refersTo", "exactly one provision or act"),
        "reference without its words": (reference, "rdfs:label", "must carry its words"),
        "span without position selector": (span, "oa:hasSelector", "exactly one position selector"),
        "unknown strength": (FN69_HAAR, "kg:strength", "exactly one strength"),
        "position on two issues": (POSITION, "kg:onIssue", "exactly one interpretive issue"),
        "span without quote selector": (span71, "oa:hasSelector", "exactly one quote selector"),
        "argument without label": (arguments[2], "rdfs:label", "must have a label"),
        "holder work without title": (holder_work, "dcterms:title", "A work must have a title"),
        "provision without its name": (unnamed, "rdfs:label", "must carry its name"),
    }


@pytest.fixture(scope="module")
def planted(real):
    g = Graph()
    g += real
    expected = _plant(g)
    return expected, validate(g)


@pytest.mark.parametrize(
    "error",
    [
        "argument supports an attribution",
        "argument attacks a typo IRI",
        "citation without cited entity",
        "dangling eli:is_part_of",
        "author view without stance",
        "author view without target",
        "issue without question",
        "issue without provision",
        "position alternative to itself",
        "author endorses and rejects",
        "citation agrees and disagrees",
        "work as an attribution's holder",
        "reference to no provision",
        "span without position selector",
        "unknown strength",
        "position on two issues",
        "span without quote selector",
        "argument without label",
        "holder work without title",
        "reference without its words",
        "provision without its name",
    ],
)
def test_validation_names_each_planted_error(planted, error):
    expected, report = planted
    focus, path, words = expected[error]
    assert report.conforms is False
    found = [(p, m) for f, p, m in report.violations if f == str(focus)]
    assert any(p == path and words in m for p, m in found), found


def test_nothing_else_is_reported(planted):
    """Every violation is at a planted focus node: the real graph, unplanted, conforms to every shape."""
    expected, report = planted
    planted_nodes = {str(f) for f, _, _ in expected.values()}
    assert sorted({f for f, _, _ in report.violations} - planted_nodes) == []


def test_the_copy_is_a_copy(real):
    """Planting works on a copy: the session graph keeps its literal values."""
    assert (v.span_iri(v.footnote_iri("article-51", 70)), OA.hasSource, None) in real
    assert any(real.triples((None, KG.stance, Literal("endorses"))))
