"""ontology/kg.ttl: matches kg.vocab.KG both ways, is OWL 2 DL-declared, loads in rdflib and
owlready2, and HermiT really reasons with it (the sample is consistent; a position on two
different issues is not)."""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
from factories import ATTRIBUTION, AUTOMATIC, CITE, GINDLIN, ISSUE, PARA16, REQUIRED, sample_graph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph.reason import ReasoningReport, check_consistency, schema_relevant
from kg.graph.vocab import ELI, KG

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
KG_NS = str(KG._NS)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
OTHER_ISSUE = URIRef("https://w3id.org/euaigraph/id/issue/art-51-1-b-overall-assessment")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _declared(g: Graph) -> set[URIRef]:
    return {s for t in (OWL.Class, *PROPERTY_TYPES) for s in g.subjects(RDF.type, t)}


# ---- (a) the ontology and kg/vocab.py agree -------------------------------------------------


def test_every_kg_term_is_declared_with_label_and_comment(ontology):
    declared = _declared(ontology)
    for name in KG.__annotations__:
        term = KG._NS[name]
        assert term in declared, f"kg:{name} is in kg/vocab.py but not declared in kg.ttl"
        labels = [o for o in ontology.objects(term, RDFS.label) if o.language == "en"]
        comments = [o for o in ontology.objects(term, RDFS.comment) if o.language == "en"]
        assert len(labels) == 1 and len(comments) == 1, f"kg:{name} needs one @en label and comment"


def test_every_kg_term_in_the_ontology_is_in_vocab(ontology):
    mentioned = {n for triple in ontology for n in triple if isinstance(n, URIRef) and str(n).startswith(KG_NS)}
    unknown = sorted(str(n)[len(KG_NS) :] for n in mentioned if str(n)[len(KG_NS) :] not in KG.__annotations__)
    assert unknown == []


# ---- (b) it parses, and is OWL 2 DL-declared -------------------------------------------------


def test_header(ontology):
    head = URIRef("https://w3id.org/euaigraph/ontology")
    assert (head, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(head, OWL.versionInfo) is not None
    assert ontology.value(head, URIRef("http://purl.org/dc/terms/title")) is not None
    assert not list(ontology.objects(head, OWL.imports))


def test_no_property_is_both_object_and_datatype_property(ontology):
    kinds = {}
    for t in PROPERTY_TYPES:
        for p in ontology.subjects(RDF.type, t):
            kinds.setdefault(p, set()).add(t)
    assert {p: k for p, k in kinds.items() if len(k) > 1} == {}
    assert not set(ontology.subjects(RDF.type, OWL.Class)) & set(kinds), "class punned as property"


def test_every_term_the_sample_uses_is_declared(ontology):
    """The data, read together with the ontology, needs no undeclared class or property."""
    declared = _declared(ontology) | {RDF.type, RDFS.label, RDFS.comment}
    g = sample_graph()
    assert sorted({str(p) for p in g.predicates()} - {str(d) for d in declared}) == []
    assert sorted({str(c) for c in g.objects(None, RDF.type)} - {str(d) for d in declared}) == []


def test_declared_kinds_match_intended_use(ontology):
    def is_(term, kind):
        return (term, RDF.type, kind) in ontology

    assert is_(KG.onIssue, OWL.FunctionalProperty)
    assert is_(KG.alternativeTo, OWL.SymmetricProperty) and is_(KG.alternativeTo, OWL.IrreflexiveProperty)
    assert ontology.value(KG.TextSpan, RDFS.subClassOf) == URIRef("http://www.w3.org/ns/oa#SpecificResource")
    assert is_(URIRef("http://www.w3.org/ns/oa#hasSelector"), OWL.ObjectProperty)
    assert is_(KG.pinpoint, OWL.DatatypeProperty)
    assert ontology.value(KG.pinpoint, RDFS.subPropertyOf) == URIRef("http://purl.org/ontology/bibo/locator")
    assert is_(URIRef("http://purl.org/ontology/bibo/locator"), OWL.DatatypeProperty)
    assert is_(URIRef("http://purl.org/spar/cito/citesAsEvidence"), OWL.ObjectProperty)
    assert ontology.value(KG.MarginParagraph, RDFS.subClassOf) == URIRef("http://purl.org/spar/doco/Paragraph")
    assert (KG.CourtDecision, RDFS.subClassOf, URIRef("http://purl.org/ontology/bibo/LegalDecision")) in ontology


def test_owlready2_loads_it(tmp_path, ontology):
    path = tmp_path / "kg.nt"
    ontology.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        on_issue = world[str(KG.onIssue)]
        assert on_issue is not None and owlready2.FunctionalProperty in on_issue.is_a
        assert owlready2.IrreflexiveProperty in world[str(KG.alternativeTo)].is_a
        assert world[str(KG.Definition)] in list(world[str(KG.Point)].subclasses())
        assert len(list(onto.classes())) >= len([n for n in KG.__annotations__ if n[0].isupper()])
    finally:
        world.close()


# ---- (c)/(d) HermiT reasons ------------------------------------------------------------------


def test_ontology_alone_is_consistent():
    report = check_consistency()
    assert isinstance(report, ReasoningReport)
    assert (report.consistent, report.reasoner, report.inconsistent_classes) == (True, "HermiT", [])


def test_sample_is_consistent_under_hermit():
    report = check_consistency(sample_graph())
    assert report.reasoner == "HermiT"
    assert report.consistent is True, report.message
    assert report.inconsistent_classes == []


def _on_two_different_issues(g: Graph) -> None:
    g.add((OTHER_ISSUE, RDF.type, KG.InterpretiveIssue))
    g.add((REQUIRED, KG.onIssue, OTHER_ISSUE))
    g.add((ISSUE, OWL.differentFrom, OTHER_ISSUE))


CLASHES = {
    "position on two different issues (functional kg:onIssue)": (_on_two_different_issues, "is on 2 issues"),
    "position alternative to itself (irreflexive kg:alternativeTo)": (
        lambda g: g.add((REQUIRED, KG.alternativeTo, REQUIRED)),
        "is an alternative to itself",
    ),
    "author endorses and rejects one position (disjoint properties)": (
        lambda g: g.add((GINDLIN, KG.rejects, AUTOMATIC)),
        "both endorses and rejects",
    ),
    "attribution is also a position (disjoint classes)": (lambda g: g.add((ATTRIBUTION, RDF.type, KG.Position)), ""),
}


@pytest.mark.parametrize("case", list(CLASHES), ids=list(CLASHES))
def test_hermit_finds_the_clash(case):
    change, cause = CLASHES[case]
    g = sample_graph()
    change(g)
    report = check_consistency(g)
    assert (report.consistent, report.reasoner) == (False, "HermiT"), report.message
    assert report.message.startswith("Inconsistent")
    assert cause in report.message


def test_two_issues_without_difference_is_not_a_contradiction():
    """Open world: two issue IRIs may denote the same issue, so functionality alone only merges
    them. (SHACL's maxCount flags the same data as a violation; see test_shapes.py.)"""
    g = sample_graph()
    g.add((OTHER_ISSUE, RDF.type, KG.InterpretiveIssue))
    g.add((REQUIRED, KG.onIssue, OTHER_ISSUE))
    assert check_consistency(g).consistent is True


def test_owlrl_fallback_without_java(monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    ok = check_consistency(sample_graph())
    assert (ok.consistent, ok.reasoner) == (True, "owlrl"), ok.message
    assert "Java not found" in ok.message
    g = sample_graph()
    _on_two_different_issues(g)
    bad = check_consistency(g)
    assert (bad.consistent, bad.reasoner) == (False, "owlrl")
    assert "is on 2 issues" in bad.message


def test_hermit_failure_falls_back_without_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise owlready2.OwlReadyJavaError("Java error message is: could not start")

    monkeypatch.setattr(owlready2, "sync_reasoner_hermit", broken)
    report = check_consistency(sample_graph())
    assert (report.consistent, report.reasoner) == (True, "owlrl")
    assert "HermiT failed to run (Java error message is: could not start)" in report.message


def test_schema_relevant_keeps_types_and_argument_links_only():
    g = sample_graph()
    part = schema_relevant(g)
    assert (REQUIRED, KG.onIssue, ISSUE) in part
    assert (REQUIRED, KG.alternativeTo, AUTOMATIC) in part
    assert (ATTRIBUTION, KG.attributes, REQUIRED) in part
    assert (ATTRIBUTION, RDF.type, KG.Attribution) in part
    assert any(part.triples((None, ELI.is_part_of, None)))
    assert not any(part.triples((PARA16, KG.text, None)))  # texts stay out
    assert not any(part.triples((ATTRIBUTION, KG.pinpoint, None)))
    assert all(not isinstance(o, Literal) for _, _, o in part)
    assert len(part) < len(g)


def _hermit_on_everything(g: Graph, tmp_path) -> str:
    """All of the data (texts, citations with punned CiTO characterisations, language-tagged
    literals), not only the schema-relevant part, with the ontology."""
    path = tmp_path / "all.nt"
    (Graph().parse(ONTOLOGY, format="turtle") + g).serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        owlready2.sync_reasoner_hermit(onto, debug=0)
        return "consistent"
    except owlready2.OwlReadyInconsistentOntologyError:
        return "inconsistent"
    finally:
        world.close()


def test_whole_sample_is_accepted_and_data_ranges_bite(tmp_path):
    assert _hermit_on_everything(sample_graph(), tmp_path) == "consistent"
    g = sample_graph()
    g.set((CITE, KG.resolution, Literal("guessed")))  # not full | short-form | self | unresolved
    assert _hermit_on_everything(g, tmp_path) == "inconsistent"


def test_hermit_infers_a_holder_on_both_sides():
    """Positions on one issue are alternatives: HermiT infers, through the property chain
    holds ∘ alternativeTo ∘ heldBy, that a work holding both is in conflict with itself."""
    from factories import HAAR_SIGLMULLER

    g = sample_graph()
    g.add((HAAR_SIGLMULLER, KG.holds, REQUIRED))
    assert check_consistency(g).conflicts == []
    g.add((HAAR_SIGLMULLER, KG.holds, AUTOMATIC))  # e.g. a 'seemingly opposing' reading elsewhere
    report = check_consistency(g)
    assert report.consistent is True
    assert str(HAAR_SIGLMULLER) in report.conflicts
