"""SHACL shapes (ontology/shapes.ttl) through kg.validate, on a small graph built from the
commentary on Article 51: margin paragraphs 16–17, footnotes 9 and 69, the issue whether
classification under Art. 51(1)(a) needs a Commission decision, and Haar/Siglmüller's view.

`sample_graph()` is also used by tests/test_ontology.py (reasoner tests)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS

from kg.graph import vocab as v
from kg.graph.validate import ValidationReport, validate
from kg.graph.vocab import CITO, DOCO, ELI, FABIO, KG, OA

C = "article-51"
DOC = v.document_iri("002_b07c53fab08c7372.txt")
COMMENTARY = v.commentary_iri(C)
SECTION = v.section_iri(C, "2.1.1.1.")
PARA16, PARA17 = v.paragraph_iri(C, 16), v.paragraph_iri(C, 17)
FN9, FN69, FN70 = v.footnote_iri(C, 9), v.footnote_iri(C, 69), v.footnote_iri(C, 70)
CITE = v.citation_iri(C, 69, 1)
HAAR_SIGLMULLER = v.work_iri("haar-siglmuller-art-51")
BOND_ABBADY = v.work_iri("bond-abbady-art-52")
HAAR, SIGLMULLER = v.person_iri("haar-tobias"), v.person_iri("siglmuller-jonas")
GINDLIN = v.person_iri("gindlin-gregor")
ACT = v.AI_ACT
ART51 = v.provision_iri("art_51")
ART51_1 = v.provision_iri("art_51__para_1")
ART51_1_A = v.provision_iri("art_51__para_1__point_a")
ISSUE = v.issue_iri("art-51-1-a-commission-decision")
REQUIRED = v.position_iri("decision-required")
AUTOMATIC = v.position_iri("automatic-classification")
ATTRIBUTION = v.attribution_iri("decision-required", 69, "haar-siglmuller-art-51")
ARGUMENT = v.argument_iri("art-51-1-b-expressly-requires-decision")
VIEW = URIRef(f"{AUTOMATIC}/author-view")
EXPLICIT = v.res("strength/explicit")
CONTEXT = v.res("argument-kind/context")
ADVANCES = v.res("argument-stance/advances")

PARA16_TEXT = (
    "Scholars are divided on whether the classification of GPAI models with high-impact "
    "capabilities under Article 51(1)(a) requires a Commission decision or whether GPAI models "
    "meeting that condition are automatically classified by operation of law."
)
PARA17_TEXT = (
    "An interpretation of Article 51(1)(a) as providing for the automatic classification, by "
    "operation of law, of GPAI models with high-impact capabilities as presenting systemic risk is "
    "compelling, as the legislative text – despite some ambiguity in the wording of Article 51(1) – "
    "more strongly supports it."
)
FN69_TEXT = (
    "In favour of the requirement of a Commission decision for classification under article "
    "51(1)(a): Haar and Siglmüller, ‘Art. 51’ (n 9) paras 26–31; Bernsteiner and Schmitt, "
    "‘Art. 51’ (n 6) para 12; Hofmann-Coombe (n 6) para 35."
)


def _span(g: Graph, node: URIRef, start: int, end: int, exact: str) -> None:
    span = v.span_iri(node)
    g.add((node, KG.span, span))
    g.add((span, RDF.type, KG.TextSpan))
    g.add((span, KG.source, DOC))
    g.add((span, OA.start, Literal(start)))
    g.add((span, OA.end, Literal(end)))
    g.add((span, KG.cleanStart, Literal(start - 120)))
    g.add((span, KG.cleanEnd, Literal(end - 120)))
    g.add((span, OA.exact, Literal(exact)))


def sample_graph() -> Graph:
    """The Article 51(1)(a) Commission-decision debate, as the emitter would write it."""
    g = Graph()
    for prefix, ns in v.PREFIXES.items():
        g.bind(prefix, ns)
    add = g.add

    # structure
    add((DOC, RDF.type, PROV.Entity))
    add((COMMENTARY, RDF.type, KG.Commentary))
    add((COMMENTARY, RDF.type, FABIO.BookChapter))
    add(
        (
            COMMENTARY,
            DCTERMS.title,
            Literal(
                "Classification of general-purpose AI models as general-purpose AI models with systemic risk", lang="en"
            ),
        )
    )
    add((COMMENTARY, DCTERMS.creator, GINDLIN))
    add((COMMENTARY, KG.hasSection, SECTION))
    add((SECTION, RDF.type, KG.Section))
    add((SECTION, RDF.type, DOCO.Section))
    add((SECTION, KG.sectionNumber, Literal("2.1.1.1.")))
    add((SECTION, RDFS.label, Literal("2.1.1.1. Commission designation in the context of Article 51(1)(a)", lang="en")))
    add((SECTION, KG.inCommentary, COMMENTARY))
    for para, number, text in ((PARA16, 16, PARA16_TEXT), (PARA17, 17, PARA17_TEXT)):
        add((para, RDF.type, KG.MarginParagraph))
        add((para, KG.marginNumber, Literal(number)))
        add((para, KG.text, Literal(text, lang="en")))
        add((para, KG.inSection, SECTION))
        add((para, KG.inCommentary, COMMENTARY))
    _span(g, PARA16, 40210, 40210 + len(PARA16_TEXT), PARA16_TEXT)
    for fn, number, para in ((FN9, 9, None), (FN69, 69, PARA16), (FN70, 70, PARA16)):
        add((fn, RDF.type, KG.Footnote))
        add((fn, KG.footnoteNumber, Literal(number)))
        add((fn, KG.inCommentary, COMMENTARY))
        if para is not None:
            add((fn, KG.inParagraph, para))
            add((para, KG.hasFootnote, fn))
    add((FN69, KG.text, Literal(FN69_TEXT, lang="en")))
    add((FN69, KG.markerOffset, Literal(128)))
    _span(g, FN69, 330112, 330112 + len(FN69_TEXT), FN69_TEXT)

    # works and holders
    add((HAAR_SIGLMULLER, RDF.type, KG.Work))
    add((HAAR_SIGLMULLER, RDF.type, FABIO.BookChapter))
    add(
        (
            HAAR_SIGLMULLER,
            DCTERMS.title,
            Literal(
                "Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendungszweck als KI-Modelle mit "
                "allgemeinem Verwendungszweck mit systemischem Risiko",
                lang="de",
            ),
        )
    )
    add((HAAR_SIGLMULLER, KG.shortTitle, Literal("Art. 51")))
    add((HAAR_SIGLMULLER, KG.containerTitle, Literal("Beck’scher Online-Kommentar KI-Recht", lang="de")))
    add((HAAR_SIGLMULLER, KG.edition, Literal("4th edn")))
    add((HAAR_SIGLMULLER, KG.publisher, Literal("C H Beck")))
    add((HAAR_SIGLMULLER, KG.year, Literal("2025")))
    add((HAAR_SIGLMULLER, KG.firstCitedIn, FN9))
    add((HAAR_SIGLMULLER, KG.citedInFootnote, FN69))
    for rank, (person, given, family) in enumerate(((HAAR, "Tobias", "Haar"), (SIGLMULLER, "Jonas", "Siglmüller")), 1):
        role = URIRef(f"{HAAR_SIGLMULLER}/author/{rank}")
        add((person, RDF.type, KG.Person))
        add((person, RDF.type, FOAF.Person))
        add((person, FOAF.name, Literal(f"{given} {family}")))
        add((person, KG.nameVariant, Literal(f"{family} {given[0]}")))
        add((HAAR_SIGLMULLER, DCTERMS.creator, person))
        add((HAAR_SIGLMULLER, KG.hasAuthorship, role))
        add((role, RDF.type, KG.Authorship))
        add((role, KG.author, person))
        add((role, KG.rank, Literal(rank)))
    add((BOND_ABBADY, RDF.type, KG.Work))
    add((BOND_ABBADY, RDF.type, FABIO.BookChapter))
    add((BOND_ABBADY, DCTERMS.title, Literal("Article 52 Procedure", lang="en")))
    add((GINDLIN, RDF.type, KG.Person))
    add((GINDLIN, FOAF.name, Literal("Gregor Gindlin")))

    # the citation in footnote 69
    add((CITE, RDF.type, KG.Citation))
    add((CITE, CITO.hasCitingEntity, FN69))
    add((CITE, CITO.hasCitedEntity, HAAR_SIGLMULLER))
    add((CITE, CITO.hasCitationCharacterization, CITO.citesForInformation))
    add((CITE, KG.inFootnote, FN69))
    add((CITE, KG.viaFootnote, FN9))
    add((CITE, KG.pinpoint, Literal("paras 26–31")))
    add((CITE, KG.signal, Literal("In favour of")))
    add((CITE, KG.resolution, Literal("short-form")))
    add((CITE, KG.citationIndex, Literal(1)))

    # provisions
    add((ACT, RDF.type, KG.LegalAct))
    add((ACT, RDF.type, ELI.LegalResource))
    add((ACT, SKOS.notation, Literal("AI Act")))
    for node, cls, notation, parent, ordinal in (
        (ART51, KG.Article, "Art. 51", ACT, 51),
        (ART51_1, KG.ArticleParagraph, "Art. 51(1)", ART51, 1),
        (ART51_1_A, KG.Point, "Art. 51(1)(a)", ART51_1, 1),
    ):
        add((node, RDF.type, cls))
        add((node, RDF.type, KG.Provision))
        add((node, SKOS.notation, Literal(notation)))
        add((node, ELI.is_part_of, parent))
        add((parent, ELI.has_part, node))
        add((node, KG.instrument, ACT))
        add((node, KG.ordinal, Literal(ordinal)))
    add((PARA16, ELI.cites, ART51_1_A))

    # argument layer
    add((EXPLICIT, RDF.type, KG.AttributionStrength))
    add((EXPLICIT, SKOS.prefLabel, Literal("explicit", lang="en")))
    add((CONTEXT, RDF.type, KG.ArgumentKind))
    add((ADVANCES, RDF.type, KG.ArgumentStance))
    add((ISSUE, RDF.type, KG.InterpretiveIssue))
    add(
        (
            ISSUE,
            KG.question,
            Literal("Does classification under Art. 51(1)(a) require a Commission decision?", lang="en"),
        )
    )
    add((ISSUE, KG.concernsProvision, ART51_1_A))
    add((ISSUE, KG.discussedIn, PARA16))
    add((ISSUE, KG.derivation, Literal("curation")))
    for position, label in (
        (REQUIRED, "Classification under Art. 51(1)(a) requires a Commission decision"),
        (AUTOMATIC, "Classification under Art. 51(1)(a) is automatic, by operation of law"),
    ):
        add((position, RDF.type, KG.Position))
        add((position, RDFS.label, Literal(label, lang="en")))
        add((position, KG.onIssue, ISSUE))
    add((REQUIRED, KG.alternativeTo, AUTOMATIC))
    add((AUTOMATIC, KG.alternativeTo, REQUIRED))

    add((ATTRIBUTION, RDF.type, KG.Attribution))
    add((ATTRIBUTION, KG.attributes, REQUIRED))
    add((ATTRIBUTION, KG.holderWork, HAAR_SIGLMULLER))
    add((ATTRIBUTION, KG.holder, HAAR))
    add((ATTRIBUTION, KG.holder, SIGLMULLER))
    add((ATTRIBUTION, KG.atFootnote, FN69))
    add((ATTRIBUTION, KG.viaCitation, CITE))
    add((ATTRIBUTION, KG.pinpoint, Literal("paras 26–31")))
    add((ATTRIBUTION, KG.signal, Literal("In favour of")))
    add((ATTRIBUTION, KG.strength, EXPLICIT))
    add((ATTRIBUTION, KG.derivation, Literal("extraction")))
    for holder in (HAAR_SIGLMULLER, HAAR, SIGLMULLER):
        add((holder, KG.holds, REQUIRED))

    add((ARGUMENT, RDF.type, KG.Argument))
    add(
        (
            ARGUMENT,
            RDFS.label,
            Literal("Art. 51(1)(b) expressly requires a Commission decision; point (a) does not", lang="en"),
        )
    )
    add((ARGUMENT, KG.argumentKind, CONTEXT))
    add((ARGUMENT, KG.argumentStance, ADVANCES))
    _span(g, ARGUMENT, 85300, 85400, "The express provision for a Commission decision")
    add((ARGUMENT, KG.madeIn, PARA17))
    add((ARGUMENT, KG.supports, AUTOMATIC))
    add((ARGUMENT, KG.attacks, REQUIRED))
    add((ARGUMENT, KG.advancedBy, GINDLIN))

    add((VIEW, RDF.type, KG.AuthorView))
    add((VIEW, KG.viewOf, AUTOMATIC))
    add((VIEW, KG.stance, Literal("endorses")))
    add((VIEW, KG.viewBasis, Literal("stated")))
    _span(g, VIEW, 85130, 85143, "is compelling")
    add((VIEW, KG.statedIn, PARA17))
    add((VIEW, PROV.wasAttributedTo, GINDLIN))
    add((GINDLIN, KG.endorses, AUTOMATIC))
    return g


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
        _add((OTHER_ISSUE, RDF.type, KG.InterpretiveIssue), (REQUIRED, KG.onIssue, OTHER_ISSUE)),
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
        _drop((ARGUMENT, KG.span, None)),
        ARGUMENT,
        "kg:span",
        "An argument must point to its own words in the source (one text span with raw offsets).",
    ),
    "author view with an unknown stance": (
        _replace(VIEW, KG.stance, Literal("leans towards")),
        VIEW,
        "kg:stance",
        "An author view must have exactly one stance: endorses, rejects or no view.",
    ),
    "author view without its words": (
        _drop((VIEW, KG.span, None)),
        VIEW,
        "kg:span",
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
        _drop((v.span_iri(FN69), KG.source, None)),
        v.span_iri(FN69),
        "kg:source",
        "A text span must name exactly one source document.",
    ),
    "span without end": (
        _drop((v.span_iri(FN69), OA.end, None)),
        v.span_iri(FN69),
        "oa:end",
        "A text span must have exactly one end offset (an integer).",
    ),
    "span that ends before it starts": (
        _replace(v.span_iri(FN69), OA.end, Literal(330000)),
        v.span_iri(FN69),
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
