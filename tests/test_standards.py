"""The graph read through the standards (issue 13): ELI, FaBiO, CiTO, FRBR, Web Annotation, PROV,
SKOS. Each test would fail on the graph as it was before the fix (noted per test), and the
reasoning claims are each checked with a case that must fail.

Most tests query the real graph (the session build) in an in-memory pyoxigraph store; the
consistency checks run HermiT over our ontology with the published ELI, FaBiO, CiTO and FRBR axioms
(ontology/external/)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from factories import CITE, HAAR_SIGLMULLER, sample_graph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from kg.graph import vocab as v
from kg.graph.reason import check_consistency, check_with_standards, schema_relevant, standards
from kg.graph.vocab import ELI, FABIO, KG, PREFIXES
from kg.ingest.clean import clean

ROOT = Path(__file__).resolve().parent.parent
RAW = (ROOT / "sources" / "commentary" / "002_b07c53fab08c7372.txt").read_text(encoding="utf-8")
AI_ACT = "http://data.europa.eu/eli/reg/2024/1689/oj"
FN69_HAAR = v.attribution_iri("a51-1a-designation-decision-required", 69, "haar-siglmuller-2025-art-51")
DECISION_REQUIRED = v.position_iri("a51-1a-designation-decision-required")


@pytest.fixture(scope="module")
def store(graph_nt) -> ox.Store:
    s = ox.Store()
    s.load(graph_nt, format=ox.RdfFormat.N_TRIPLES)
    return s


def rows(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    res = store.query(sparql, prefixes={k: str(ns) for k, ns in PREFIXES.items()})
    cols = [x.value for x in res.variables]
    return [{c: (sol[c].value if sol[c] is not None else None) for c in cols} for sol in res]


def ask(store: ox.Store, sparql: str) -> bool:
    return bool(store.query(sparql, prefixes={k: str(ns) for k, ns in PREFIXES.items()}))


@pytest.fixture(scope="module")
def real(store) -> Graph:
    """The real graph as an rdflib Graph (for the reasoner and SHACL)."""
    from kg.build import to_rdflib

    return to_rdflib(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))


# ---- 1. FaBiO: web sources are expressions (fabio:WebContent), not manifestations -----------------


def test_web_sources_are_web_content(store):
    """Before: the 19 web sources were fabio:WebPage, a manifestation, and also fabio:Expression."""
    assert not ask(store, "ASK { ?w a fabio:WebPage }")
    web = rows(store, "SELECT ?w WHERE { ?w a kg:WebSource }")
    assert len(web) >= 10
    assert not ask(store, "ASK { ?w a kg:WebSource FILTER NOT EXISTS { ?w a fabio:WebContent } }")


def test_published_axioms_reject_a_web_page_that_is_an_expression():
    """With FaBiO's and FRBR's axioms loaded, fabio:WebPage ⊑ fabio:WebManifestation and FRBR makes
    expressions and manifestations disjoint: the old typing is a contradiction, the new one is not."""
    g = sample_graph()
    assert check_with_standards(g).consistent is True
    g.add((HAAR_SIGLMULLER, RDF.type, FABIO.Expression))
    g.add((HAAR_SIGLMULLER, RDF.type, URIRef("http://purl.org/spar/fabio/WebPage")))
    report = check_with_standards(g)
    assert (report.consistent, report.reasoner) == (False, "HermiT"), report.message
    assert "is both a FRBR expression and a manifestation" in report.message


def test_published_axioms_are_loaded_with_their_trees_and_disjointness():
    g = standards()
    frbr = "http://purl.org/vocab/frbr/core#"
    web_page = URIRef("http://purl.org/spar/fabio/WebPage")
    assert (
        web_page,
        URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
        URIRef("http://purl.org/spar/fabio/WebManifestation"),
    ) in g
    assert (FABIO.WebContent, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), FABIO.Expression) in g
    assert (URIRef(frbr + "Expression"), OWL.disjointWith, URIRef(frbr + "Manifestation")) in g
    assert (
        ELI.LegalResourceSubdivision,
        URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
        ELI.LegalResource,
    ) in g
    # xsd:date is not an OWL 2 datatype: its ranges reach HermiT as xsd:dateTime
    assert (ELI.date_document, URIRef("http://www.w3.org/2000/01/rdf-schema#range"), XSD.dateTime) in g
    assert not any(g.triples((None, None, XSD.date)))


def test_a_date_document_given_as_a_string_contradicts_eli():
    """eli:date_document's range (xsd:date, handed to HermiT as xsd:dateTime) bites: before the fix the
    AI Act's date was a plain string."""
    g = sample_graph()
    act = URIRef(AI_ACT)
    g.add((act, ELI.date_document, Literal("2024-06-13", datatype=XSD.date)))
    assert check_with_standards(g).consistent is True
    g.set((act, ELI.date_document, Literal("2024-06-13")))
    report = check_with_standards(g)
    assert report.consistent is False
    assert "not an xsd:date" in report.message


def test_the_real_graph_is_consistent_with_the_published_axioms(real):
    report = check_with_standards(real)
    assert (report.consistent, report.reasoner) == (True, "HermiT"), report.message


# ---- 2. no eli:cites from commentary text ---------------------------------------------------------


def test_commentary_text_cites_provisions_in_cito_not_eli(store):
    """Before: 942 eli:cites triples from footnotes and margin paragraphs (ELI's domain is legislation)."""
    assert not ask(store, "ASK { ?s eli:cites ?o }")
    n = rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?text cito:cites ?p . ?p a kg:Provision }")[0]["n"]
    assert int(n) > 900
    # every provision reference is a cito:Citation from its paragraph or footnote to the provision
    assert not ask(
        store,
        """ASK { ?r a kg:ProvisionReference ; kg:inText ?t ; kg:refersTo ?p .
                 FILTER NOT EXISTS { ?r a cito:Citation ; cito:hasCitingEntity ?t ; cito:hasCitedEntity ?p } }""",
    )


# ---- 3. one node per act: its ELI -----------------------------------------------------------------


def test_citations_of_the_ai_act_point_at_its_eli(store):
    """Before: citations pointed at …/id/work/regulation-eu-2024-1689, the provisions at the ELI."""
    cites = rows(store, f"SELECT ?c WHERE {{ ?c cito:hasCitedEntity <{AI_ACT}> }}")
    assert cites, "the AI Act is cited in full in footnote 1"
    assert ask(store, f"ASK {{ <{AI_ACT}> a kg:Work , kg:LegalAct , eli:LegalResource ; eli:has_part ?p }}")
    assert not ask(store, "ASK { ?w a kg:Work FILTER(REGEX(STR(?w), '/id/work/(regulation|directive|decision)-')) }")


@pytest.mark.parametrize(
    "name, eli",
    [
        ("Directive 2011/95/EU", "http://data.europa.eu/eli/dir/2011/95/oj"),
        ("Council Directive 92/43/EEC", "http://data.europa.eu/eli/dir/1992/43/oj"),
        ("Regulation (EC) No 1272/2008", "http://data.europa.eu/eli/reg/2008/1272/oj"),
        ("Regulation (EU) No 909/2014", "http://data.europa.eu/eli/reg/2014/909/oj"),
        ("Commission Delegated Regulation (EU) 2023/2772", "http://data.europa.eu/eli/reg_del/2023/2772/oj"),
        ("Regulation (EU) 2022/2065", "http://data.europa.eu/eli/reg/2022/2065/oj"),
        ("DMA", "http://data.europa.eu/eli/reg/2022/1925/oj"),
        ("MSR", "http://data.europa.eu/eli/reg/2019/1020/oj"),
        ("California Senate Bill No. 53", None),
        ("TFEU", None),
    ],
)
def test_eli_follows_from_type_year_and_number(name, eli):
    assert v.eli_of(name) == eli


def test_every_cited_eu_act_is_its_eli(store):
    """All cited EU legislation (an identifier with type and number) is one node, its ELI, and the
    provisions of the DMA, DSA and MSR hang on the same node their citations point at."""
    works = rows(store, "SELECT ?w ?id WHERE { ?w kg:workKind 'legislation' ; dcterms:identifier ?id }")
    eu = [r for r in works if v.eli_of(r["id"])]
    assert len(eu) >= 12
    assert all(r["w"] == v.eli_of(r["id"]) for r in eu), [r for r in eu if r["w"] != v.eli_of(r["id"])]
    for act in ("reg/2022/1925", "reg/2022/2065", "reg/2019/1020"):
        eli = f"http://data.europa.eu/eli/{act}/oj"
        assert ask(store, f"ASK {{ ?c cito:hasCitedEntity <{eli}> . ?p eli:is_part_of <{eli}> }}"), act


# ---- 4. ELI details -------------------------------------------------------------------------------


def test_acts_have_dcterms_title_typed_date_and_celex(store):
    """Before: eli:title on the act (a LegalExpression property), the date a plain string, CELEX in
    dcterms:identifier and eli:id_local holding element ids."""
    assert not ask(store, "ASK { ?s <http://data.europa.eu/eli/ontology#title> ?t }")
    act = rows(
        store,
        f"SELECT ?t ?d ?celex WHERE {{ <{AI_ACT}> dcterms:title ?t ; eli:date_document ?d ; eli:id_local ?celex }}",
    )
    assert len(act) == 1
    assert act[0]["celex"] == "32024R1689" and act[0]["d"] == "2024-06-13"
    assert ask(store, f"ASK {{ <{AI_ACT}> eli:date_document ?d FILTER(DATATYPE(?d) = xsd:date) }}")
    assert not ask(store, "ASK { ?s eli:date_document ?d FILTER(DATATYPE(?d) != xsd:date) }")
    assert not ask(store, "ASK { ?p a kg:Provision ; eli:id_local ?x }")
    assert ask(store, "ASK { <http://data.europa.eu/eli/dir/2011/95/oj> eli:id_local '32011L0095' }")


def test_provisions_link_to_their_eurlex_anchor(store):
    url = "https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#"
    r = rows(
        store,
        f"""SELECT ?anchor ?page ?eid WHERE {{ <{v.provision_iri("art_51__para_1__point_a")}> kg:eurLexAnchor ?anchor ;
                 rdfs:seeAlso ?page ; dcterms:identifier ?eid }}""",
    )
    assert r == [{"anchor": "art_51", "page": url + "art_51", "eid": "art_51__para_1__point_a"}]
    recital = rows(store, f"SELECT ?a WHERE {{ <{v.provision_iri('rct_111__sent_2')}> kg:eurLexAnchor ?a }}")
    assert recital == [{"a": "rct_111"}]
    assert not ask(
        store, f"ASK {{ ?p a kg:Article ; eli:is_part_of* <{AI_ACT}> FILTER NOT EXISTS {{ ?p kg:eurLexAnchor ?a }} }}"
    )


def test_sentence_grain_eids_are_documented_as_an_akoma_ntoso_extension():
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")
    comment = str(onto.value(KG.Sentence, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")))
    assert "extension of Akoma Ntoso" in comment


# ---- 5. CiTO characterisations where a signal warrants them ---------------------------------------


def test_a_citation_without_signal_is_plain_cito_cites(store):
    """Before: 386 of 627 characterisations were citesAsEvidence for citations without any signal."""
    bare = rows(
        store,
        """SELECT ?ch (COUNT(*) AS ?n) WHERE { ?c a kg:Citation ; cito:hasCitationCharacterization ?ch
             FILTER NOT EXISTS { ?c kg:signal ?s } } GROUP BY ?ch""",
    )
    found = {r["ch"].rsplit("/", 1)[-1] for r in bare}
    assert "cites" in found
    assert "citesAsEvidence" not in found and "citesAsRelated" not in found


def test_no_citation_both_agrees_and_disagrees(store):
    """Before: the citations in fn 130 and fn 165 carried both cito:agreesWith and cito:disagreesWith."""
    assert not ask(store, "ASK { ?c cito:hasCitationCharacterization cito:agreesWith , cito:disagreesWith }")
    for fn in (130, 165):
        assert ask(store, f"ASK {{ ?c kg:inFootnote/kg:footnoteNumber {fn} ; cito:hasCitedEntity ?w }}")


# ---- 6. provenance in Web Annotation terms --------------------------------------------------------


def test_spans_are_specific_resources_with_position_and_quote_selectors(store):
    """Before: kg:span / kg:source, and oa:exact on the position selector."""
    assert not ask(store, "ASK { ?s <https://w3id.org/euaigraph/ontology#span> ?o }")
    assert not ask(store, "ASK { ?s <https://w3id.org/euaigraph/ontology#source> ?o }")
    assert not ask(store, "ASK { ?s a oa:TextPositionSelector ; oa:exact ?e }")
    # every span has the whole structure: counted both ways, since Oxigraph evaluates this
    # FILTER NOT EXISTS with its blank-node selectors by materialising them (it ran for hours)
    spans = rows(store, "SELECT (COUNT(DISTINCT ?sp) AS ?n) WHERE { ?sp a kg:TextSpan }")[0]["n"]
    whole = rows(
        store,
        """SELECT (COUNT(DISTINCT ?sp) AS ?n) WHERE { ?sp a kg:TextSpan , oa:SpecificResource ; oa:hasSource ?d ;
             oa:hasSelector ?p , ?q . ?p a oa:TextPositionSelector ; oa:start ?s ; oa:end ?e .
             ?q a oa:TextQuoteSelector ; oa:exact ?x }""",
    )[0]["n"]
    assert int(spans) > 3000
    assert whole == spans


def test_every_exact_is_the_raw_files_characters(store):
    """oa:exact belongs to the source (the raw file): before, 45 excerpts silently lacked the words of
    a definition tooltip inside them. Now exact is what the raw file has there, and the cleaned words
    are kept beside it as kg:cleanText."""
    spans = rows(
        store,
        """SELECT ?s ?e ?exact ?clean WHERE { ?sp oa:hasSource/dcterms:identifier '002_b07c53fab08c7372.txt' ;
             oa:hasSelector ?p , ?q . ?p oa:start ?s ; oa:end ?e . ?q oa:exact ?exact
             OPTIONAL { ?sp kg:cleanText ?clean } }""",
    )
    assert len(spans) > 3000
    assert [r for r in spans if RAW[int(r["s"]) : int(r["e"])] != r["exact"]] == []
    with_tooltip = {(r["s"], r["e"]) for r in spans if r["clean"] and len(r["exact"]) > len(r["clean"]) + 20}
    assert len(with_tooltip) >= 45  # the 45 excerpts of footnotes and paragraphs, and the spans built on them
    # the characters the cleaned words lack are a definition tooltip's: the definition's own words
    definitions = [d.text for d in clean(RAW).definitions]
    assert all(
        any(d in r["exact"].replace("\u00a0", " ") for d in definitions)
        for r in spans
        if (r["s"], r["e"]) in with_tooltip
    )


# ---- 7. reasoning claims --------------------------------------------------------------------------


def test_issues_are_pairwise_different_so_hermit_rejects_a_position_on_two_issues(real):
    """The claim in kg.ttl: a position on two issues is a contradiction. It needs the issues to be
    owl:differentFrom (OWL would merge them otherwise); the graph asserts it, and both halves hold."""
    part = schema_relevant(real)
    issues = sorted(set(real.subjects(RDF.type, KG.InterpretiveIssue)))
    assert len(issues) >= 10
    assert (issues[0], OWL.differentFrom, issues[1]) in part or (issues[1], OWL.differentFrom, issues[0]) in part
    on = real.value(DECISION_REQUIRED, KG.onIssue)
    other = next(i for i in issues if i != on)
    part.add((DECISION_REQUIRED, KG.onIssue, other))
    report = check_consistency(part)
    assert (report.consistent, report.reasoner) == (False, "HermiT"), report.message
    assert "is on 2 issues" in report.message
    part.remove((None, OWL.differentFrom, None))
    assert check_consistency(part).consistent is True  # without owl:differentFrom OWL merges the issues


# ---- SKOS -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme, concept", [("strength", "explicit"), ("signal", "see-also")])
def test_strengths_and_signals_are_concept_schemes(store, scheme, concept):
    base = f"https://w3id.org/euaigraph/id/{scheme}"
    assert ask(
        store, f"ASK {{ <{base}> a skos:ConceptScheme ; skos:definition ?d ; skos:hasTopConcept <{base}/{concept}> }}"
    )
    assert not ask(
        store,
        f"""ASK {{ ?c skos:inScheme <{base}> .
                  FILTER NOT EXISTS {{ ?c a skos:Concept ; skos:definition ?d ; skos:prefLabel ?l }} }}""",
    )
    assert len(rows(store, f"SELECT ?c WHERE {{ ?c skos:inScheme <{base}> }}")) >= 4


def test_citations_link_their_printed_signal_to_its_concept(store):
    assert not ask(
        store,
        """ASK { ?c a kg:Citation ; kg:signal ?s . FILTER(LCASE(?s) IN ("see", "see also", "cf", "contra"))
                 FILTER NOT EXISTS { ?c kg:signalConcept/skos:inScheme <https://w3id.org/euaigraph/id/signal> } }""",
    )
    r = rows(
        store,
        """SELECT ?n WHERE { ?c kg:inFootnote/kg:footnoteNumber 69 ; kg:citationIndex 1 ;
                              kg:signalConcept/skos:notation ?n }""",
    )
    assert r == [{"n": "in-favour-of"}]


def test_sample_citation_check_is_not_vacuous():
    """The SHACL rule against agree + disagree fires when planted (see test_planted_errors for the graph)."""
    from kg.graph.validate import validate

    g = sample_graph()
    g.add(
        (
            CITE,
            URIRef("http://purl.org/spar/cito/hasCitationCharacterization"),
            URIRef("http://purl.org/spar/cito/agreesWith"),
        )
    )
    assert validate(g).conforms is True
    g.add(
        (
            CITE,
            URIRef("http://purl.org/spar/cito/hasCitationCharacterization"),
            URIRef("http://purl.org/spar/cito/disagreesWith"),
        )
    )
    assert any("both agree and disagree" in m for _, _, m in validate(g).violations)
