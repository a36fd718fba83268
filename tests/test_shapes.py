"""SHACL shapes (ontology/shapes.ttl) through kg.validate, on a small graph built from the
commentary on Article 51: margin paragraphs 16–17, footnotes 9 and 69, the issue whether
classification under Art. 51(1)(a) needs a Commission decision, and Haar/Siglmüller's view.

`sample_graph()` is also used by tests/test_ontology.py (reasoner tests)."""

from __future__ import annotations

import pytest
from factories import (
    ARGUMENT,
    ART51,
    ART51_1_A,
    ATTRIBUTION,
    AUTOMATIC,
    CITE,
    FN9,
    FN69,
    FN70,
    HAAR,
    HAAR_SIGLMULLER,
    ISSUE,
    PARA17,
    REQUIRED,
    VIEW,
    sample_graph,
)
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.graph import vocab as v
from kg.graph.validate import ValidationReport, validate
from kg.graph.vocab import CITO, ELI, KG, OA


def test_sample_conforms():
    report = validate(sample_graph())
    assert isinstance(report, ValidationReport)
    assert report.violations == []
    assert report.conforms is True


def test_validate_does_not_modify_the_data():
    g = sample_graph()
    before = len(g)
    validate(g)
    assert len(g) == before


# ---- one broken graph per rule: (change, focus node, path, message) ---------------------------


def _drop(*triples):
    def change(g: Graph) -> None:
        for t in triples:
            assert t in g, t  # None is a wildcard
            g.remove(t)

    return change


def _add(*triples):
    def change(g: Graph) -> None:
        for t in triples:
            g.add(t)

    return change


def _replace(s, p, new):
    def change(g: Graph) -> None:
        assert (s, p, None) in g
        g.remove((s, p, None))
        g.add((s, p, new))

    return change


OTHER_ISSUE = v.issue_iri("art-51-1-b-overall-assessment")
HOLDER_WORK_MESSAGE = "An attribution must name exactly one holder work (the cited work in which the position is held)."
MARGIN_NUMBER_MESSAGE = "A margin paragraph must have exactly one margin number (an integer)."

BROKEN = {
    "attribution without footnote": (
        _drop((ATTRIBUTION, KG.atFootnote, FN69)),
        ATTRIBUTION,
        "kg:atFootnote",
        "An attribution must point to exactly one footnote (the footnote where the commentary "
        "attributes the position).",
    ),
    "attribution without holder work": (
        _drop((ATTRIBUTION, KG.holderWork, None)),
        ATTRIBUTION,
        "kg:holderWork",
        HOLDER_WORK_MESSAGE,
    ),
    "attribution whose holder work is a person": (
        _replace(ATTRIBUTION, KG.holderWork, HAAR),
        ATTRIBUTION,
        "kg:holderWork",
        HOLDER_WORK_MESSAGE,
    ),
    "attribution of two positions": (
        _add((ATTRIBUTION, KG.attributes, AUTOMATIC)),
        ATTRIBUTION,
        "kg:attributes",
        "An attribution must attribute exactly one position.",
    ),
    "attribution with an unknown strength": (
        _replace(ATTRIBUTION, KG.strength, v.res("strength/probably")),
        ATTRIBUTION,
        "kg:strength",
        "An attribution must have exactly one strength: explicit, seemingly, see-also or unclear.",
    ),
    "position on two issues": (
        _add(
            (OTHER_ISSUE, RDF.type, KG.InterpretiveIssue),
            (OTHER_ISSUE, KG.question, Literal("Is the overall assessment under Art. 51(1)(b) open?", lang="en")),
            (OTHER_ISSUE, KG.concernsProvision, ART51_1_A),
            (REQUIRED, KG.onIssue, OTHER_ISSUE),
        ),
        REQUIRED,
        "kg:onIssue",
        "A position must belong to exactly one interpretive issue (split it into one position per issue).",
    ),
    "position without a name": (
        _drop((AUTOMATIC, RDFS.label, None)),
        AUTOMATIC,
        "",
        "A position must have a name (rdfs:label or skos:prefLabel) that states it, e.g. "
        "'Classification under Art. 51(1)(a) requires a Commission decision'.",
    ),
    "argument without paragraph": (
        _drop((ARGUMENT, KG.madeIn, PARA17)),
        ARGUMENT,
        "kg:madeIn",
        "An argument must be anchored in exactly one margin paragraph (the paragraph where the "
        "commentary makes or reports it).",
    ),
    "argument that neither supports nor attacks": (
        _drop((ARGUMENT, KG.supports, AUTOMATIC), (ARGUMENT, KG.attacks, REQUIRED)),
        ARGUMENT,
        "kg:supports|kg:attacks|kg:qualifies",
        "An argument must support, attack or qualify at least one position or argument.",
    ),
    "argument without its maker's stance": (
        _drop((ARGUMENT, KG.argumentStance, None)),
        ARGUMENT,
        "kg:argumentStance",
        "An argument must state its maker's stance: advances, raises, reports or concedes.",
    ),
    "argument of a kind outside the canons": (
        _replace(ARGUMENT, KG.argumentKind, v.res("argument-kind/other")),
        ARGUMENT,
        "kg:argumentKind",
        "An argument must have exactly one kind from the canons of interpretation: wording, context, purpose, "
        "history, comparison or case-law.",
    ),
    "argument without its words": (
        _drop((ARGUMENT, PROV.wasDerivedFrom, v.span_iri(ARGUMENT))),
        ARGUMENT,
        "prov:wasDerivedFrom",
        "An argument must point to its own words in the source (one text span with raw offsets).",
    ),
    "author view with an unknown stance": (
        _replace(VIEW, KG.stance, Literal("leans towards")),
        VIEW,
        "kg:stance",
        "An author view must have exactly one stance: endorses, rejects or no view.",
    ),
    "author view without its words": (
        _drop((VIEW, PROV.wasDerivedFrom, v.span_iri(VIEW))),
        VIEW,
        "prov:wasDerivedFrom",
        "An author view must point to the exact words that state it (one text span with raw offsets).",
    ),
    "footnote without number": (
        _drop((FN69, KG.footnoteNumber, None)),
        FN69,
        "kg:footnoteNumber",
        "A footnote must have exactly one footnote number (an integer).",
    ),
    "footnote marker in two paragraphs": (
        _add((FN69, KG.inParagraph, PARA17)),
        FN69,
        "kg:inParagraph",
        "A footnote's marker can sit in at most one margin paragraph.",
    ),
    "margin paragraph without text": (
        _drop((PARA17, KG.text, None)),
        PARA17,
        "kg:text",
        "A margin paragraph must have exactly one text.",
    ),
    "margin paragraph without number": (
        _drop((PARA17, KG.marginNumber, None)),
        PARA17,
        "kg:marginNumber",
        MARGIN_NUMBER_MESSAGE,
    ),
    "margin number as a string": (
        _replace(PARA17, KG.marginNumber, Literal("17")),
        PARA17,
        "kg:marginNumber",
        MARGIN_NUMBER_MESSAGE,
    ),
    "citation without citing entity": (
        _drop((CITE, CITO.hasCitingEntity, None)),
        CITE,
        "cito:hasCitingEntity",
        "A citation must have exactly one citing entity (the footnote or the commentary that cites).",
    ),
    "point without parent (a subclass of kg:Provision)": (
        _drop((ART51_1_A, ELI.is_part_of, None)),
        ART51_1_A,
        "eli:is_part_of",
        "A provision must be linked (eli:is_part_of) to the provision or act it is part of.",
    ),
    "provision without notation": (
        _drop((ART51, SKOS.notation, None)),
        ART51,
        "skos:notation",
        "A provision must have a notation as lawyers cite it, e.g. 'Art. 51(1)(a)'.",
    ),
    "span without source": (
        _drop((v.span_iri(FN69), OA.hasSource, None)),
        v.span_iri(FN69),
        "oa:hasSource",
        "A text span must name exactly one source document.",
    ),
    "span without end": (
        _drop((URIRef(f"{FN69}#position"), OA.end, None)),
        URIRef(f"{FN69}#position"),
        "oa:end",
        "A text span must have exactly one end offset (an integer).",
    ),
    "span that ends before it starts": (
        _replace(URIRef(f"{FN69}#position"), OA.end, Literal(330000)),
        URIRef(f"{FN69}#position"),
        "oa:start",
        "A text span's start offset must not be after its end offset.",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_each_rule_reports_a_readable_violation(case):
    change, focus, path, message = BROKEN[case]
    g = sample_graph()
    change(g)
    report = validate(g)
    assert report.conforms is False
    assert report.violations == [(str(focus), path, message)]
    assert message in report.text


def test_a_court_decision_counts_as_a_work():
    """Subclasses come from the ontology: a kg:CourtDecision holder work satisfies sh:class kg:Work."""
    g = sample_graph()
    case = v.work_iri("c-97-15")
    g.add((case, RDF.type, KG.CourtDecision))
    g.add((case, DCTERMS.title, Literal("Case C-97/15 Sprengen/Pakweg Douane")))
    g.remove((ATTRIBUTION, KG.holderWork, HAAR_SIGLMULLER))
    g.add((ATTRIBUTION, KG.holderWork, case))
    assert validate(g).conforms is True


def test_custom_shapes_path(tmp_path):
    shapes = tmp_path / "only-footnotes.ttl"
    shapes.write_text("""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/euaigraph/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass kg:Footnote ;
            sh:property [ sh:path kg:text ; sh:minCount 1 ; sh:message "A footnote needs its text." ] .
    """)
    report = validate(sample_graph(), shapes)
    # footnotes 9 and 70 carry no text in the sample
    assert report.violations == [
        (str(FN70), "kg:text", "A footnote needs its text."),
        (str(FN9), "kg:text", "A footnote needs its text."),
    ]


def _same_question(g: Graph, issues: int = 2) -> URIRef:
    """A same-question finding between the sample's issue and one of another chapter (the Article
    52 chapter's section 2.1.1, as tests/test_chapters.py finds it)."""
    other = v.issue_iri("cand-article-52-s2-1-1")
    g.add((other, RDF.type, KG.InterpretiveIssue))
    g.add((other, KG.question, Literal("When does the two-week period of Art. 52(1) start?", lang="en")))
    g.add((other, KG.derivation, Literal("extraction")))
    node = v.same_question_iri("art-51-1-a-commission-decision", "cand-article-52-s2-1-1")
    g.add((node, RDF.type, KG.SameQuestion))
    for issue in (ISSUE, other)[:issues]:
        g.add((node, KG.linksIssue, issue))
        g.add((node, PROV.wasDerivedFrom, issue))
    g.add((node, KG.sharedProvision, ART51_1_A))
    for term in ("knows", "notif", "thres"):
        g.add((node, KG.sharedTerm, Literal(term)))
    g.add((node, KG.termOverlap, Literal("0.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    return node


def test_a_same_question_finding_conforms_and_needs_both_issues():
    g = sample_graph()
    _same_question(g)
    assert validate(g).conforms is True
    g = sample_graph()
    node = _same_question(g, issues=1)
    report = validate(g)
    assert (
        str(node),
        "kg:linksIssue",
        "A same-question finding links exactly two interpretive issues.",
    ) in report.violations
