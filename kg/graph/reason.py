"""Check that the ontology and the graph do not contradict each other (OWL 2 DL, HermiT).

SHACL (kg/validate.py) finds what is missing; the reasoner finds what cannot all be true, e.g.
a position put on two issues that are different (`kg:onIssue` is functional), a position that is
an alternative to itself, or an author who both endorses and rejects one position. Only the
schema-relevant part of the data goes to the reasoner (types and the links of the argument layer
and the provision tree); texts, spans and citations cannot cause a clash and would only slow it down.

HermiT needs Java. Without it (or if it fails to start) we fall back to the OWL 2 RL closure of
`owlrl`, which catches the same clashes for this ontology. Errors never escape as tracebacks:

    check_consistency(graph)   # position/decision-required put on two owl:differentFrom issues
    → ReasoningReport(consistent=False, reasoner='HermiT', message='Inconsistent: the data
      contradicts the ontology. Likely cause: https://w3id.org/euaigraph/id/position/
      decision-required is on 2 issues (kg:onIssue is functional).', inconsistent_classes=[])
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from kg.graph.vocab import ELI, KG, SPARQL_PREFIXES

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "kg.ttl"
EXTERNAL = ONTOLOGY.parent / "external"  # the published ELI, FaBiO, CiTO and FRBR axioms
# XSD datatypes outside the OWL 2 datatype map, which HermiT rejects: ELI's eli:date_document is an
# xsd:date; FaBiO and CiTO use xsd:gYear and xsd:duration on properties we never use.
AS_DATETIME = {XSD.date}
NOT_IN_OWL2 = {XSD.date, XSD.gYear, XSD.gYearMonth, XSD.duration, XSD.time}
# Data values that cannot clash with any axiom (no range, not functional) and would only slow HermiT down.
FREE_TEXT = {KG.text, KG.cleanText, KG.parenthetical, URIRef("http://www.w3.org/ns/oa#exact")}

# Object properties whose assertions the reasoner sees (both ends must be typed individuals).
SCHEMA_PROPERTIES = (
    KG.onIssue,
    KG.alternativeTo,
    KG.holds,
    KG.endorses,
    KG.rejects,
    KG.attributes,
    KG.supports,
    KG.attacks,
    ELI.is_part_of,
)
IDENTITY_PROPERTIES = (OWL.sameAs, OWL.differentFrom)


@dataclass
class ReasoningReport:
    consistent: bool
    reasoner: str  # "HermiT" or "owlrl"
    message: str
    inconsistent_classes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # holders inferred in conflict with themselves


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@lru_cache(maxsize=1)
def standards() -> Graph:
    """kg.ttl with the published axioms of ELI, FaBiO, CiTO and FRBR (ontology/external/*.ttl),
    datatypes made OWL 2: an xsd:date range becomes xsd:dateTime (so a date given as a plain string
    still clashes with it); xsd:gYear and xsd:duration ranges, on properties we never use, are dropped."""
    g = Graph()
    g += _ontology()
    for path in sorted(EXTERNAL.glob("*.ttl")):
        g.parse(path, format="turtle")
    for s, p, o in [t for t in g if t[2] in NOT_IN_OWL2]:
        g.remove((s, p, o))
        if o in AS_DATETIME:
            g.add((s, p, XSD.dateTime))
    return g


def owl2_literal(o: Literal) -> Literal:
    """`"2024-06-13"^^xsd:date` → `"2024-06-13T00:00:00Z"^^xsd:dateTime` (HermiT knows no xsd:date)."""
    if o.datatype in AS_DATETIME:
        return Literal(f"{o}T00:00:00Z", datatype=XSD.dateTime)
    return o


# The Web Annotation machinery of the spans (a specific resource and two selectors per node derived
# from text, ~18,000 nodes): no ELI, FaBiO, CiTO or FRBR axiom speaks about it, and it would triple
# HermiT's work. kg:TextSpan's disjointness from the structure classes is checked by check_consistency.
ANNOTATION_MACHINERY = {
    URIRef("http://www.w3.org/ns/oa#" + c) for c in ("SpecificResource", "TextPositionSelector", "TextQuoteSelector")
} | {KG.TextSpan}


def standards_relevant(data: Graph, ontology: Graph) -> Graph:
    """Every type, every object property assertion and every data value except free text, of every
    node but the spans' selectors: what the published axioms (domains, ranges, disjointness,
    functionality) can speak about."""
    objects = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    values = set(ontology.subjects(RDF.type, OWL.DatatypeProperty)) - FREE_TEXT
    machinery = {s for c in ANNOTATION_MACHINERY for s in data.subjects(RDF.type, c)}
    out = Graph()
    for s, p, o in data:
        if s in machinery or o in machinery:
            continue
        if p == RDF.type or (p in objects and isinstance(o, URIRef)):
            out.add((s, p, o))
        elif p in values and isinstance(o, Literal):
            out.add((s, p, owl2_literal(o)))
    return out


def check_with_standards(data: Graph | None = None) -> ReasoningReport:
    """Ontology + published ELI/FaBiO/CiTO/FRBR axioms + `standards_relevant(data)` through HermiT."""
    try:
        ontology = standards()
        graph = Graph()
        graph += ontology
        if data is not None:
            graph += standards_relevant(data, ontology)
    except Exception as e:
        return ReasoningReport(False, "none", f"Could not load the ontologies: {e}")
    if _java() is None:
        return ReasoningReport(False, "none", "Java not found: the check against the published axioms needs HermiT.")
    report, error = _hermit(graph, data)
    return report if report is not None else ReasoningReport(False, "none", f"HermiT failed to run ({error}).")


def _declared_classes(ontology: Graph) -> set[URIRef]:
    return {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}


def schema_relevant(data: Graph) -> Graph:
    """Types from the ontology's classes, plus argument-layer, provision-tree and identity links
    between such typed individuals; everything else (texts, spans, citations) is left out."""
    classes = _declared_classes(_ontology())
    out = Graph()
    typed = set()
    for s, o in data.subject_objects(RDF.type):
        if isinstance(s, URIRef) and o in classes:
            out.add((s, RDF.type, o))
            typed.add(s)
    for p in SCHEMA_PROPERTIES + IDENTITY_PROPERTIES:
        for s, o in data.subject_objects(p):
            if s in typed and o in typed:
                out.add((s, p, o))
    return out


def check_consistency(data: Graph | None = None) -> ReasoningReport:
    """Ontology + `schema_relevant(data)` through HermiT, else through owlrl."""
    try:
        graph = Graph()
        graph += _ontology()
        if data is not None:
            graph += schema_relevant(data)
    except Exception as e:  # a broken ontology file is a report, not a crash
        return ReasoningReport(False, "none", f"Could not load the ontology: {e}")
    if _java() is not None:
        report, error = _hermit(graph, data)
        if report is not None:
            return report
        reason = f"HermiT failed to run ({error}); fell back to the OWL 2 RL closure (owlrl)."
    else:
        reason = "Java not found; used the OWL 2 RL closure (owlrl) instead of HermiT."
    report = _owlrl(graph, data)
    report.message = f"{reason} {report.message}"
    return report


def _java() -> str | None:
    try:
        import owlready2

        return shutil.which(owlready2.JAVA_EXE)
    except Exception:
        return None


def _hermit(graph: Graph, data: Graph | None) -> tuple[ReasoningReport | None, str]:
    """(report, ""), or (None, error) when Java or HermiT could not run, so the caller falls back."""
    import owlready2

    world = owlready2.World()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "kg.nt"
            graph.serialize(path, format="nt", encoding="utf-8")
            onto = world.get_ontology(path.as_uri()).load(format="ntriples")
            try:
                owlready2.sync_reasoner_hermit(onto, infer_property_values=True, debug=0)
            except owlready2.OwlReadyInconsistentOntologyError:
                return ReasoningReport(False, "HermiT", _inconsistent_message(data)), ""
            unsat = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
            if unsat:
                message = f"Unsatisfiable classes: {', '.join(unsat)}"
                return ReasoningReport(False, "HermiT", message, unsat), ""
            conflicts = _self_conflicts(world)
            message = f"Consistent: HermiT found no contradiction in {len(graph)} triples."
            if conflicts:
                message += (
                    f" It infers {len(conflicts)} holder(s) in conflict with themselves (kg:inConflictWith):"
                    f" {', '.join(conflicts[:20])}"
                )
            return ReasoningReport(True, "HermiT", message, [], conflicts), ""
    except Exception as e:  # Java or HermiT failed to start
        return None, " ".join(str(e).split())[:300] or type(e).__name__
    finally:
        with contextlib.suppress(Exception):
            world.close()


def _self_conflicts(world) -> list[str]:
    """Holders HermiT puts in conflict with themselves: attributed to two alternative positions."""
    prop = world[str(KG.inConflictWith)]
    if prop is None:
        return []
    return sorted({s.iri for s, o in prop.get_relations() if s is o})


def _owlrl(graph: Graph, data: Graph | None) -> ReasoningReport:
    """OWL 2 RL closure; a clash shows as owlrl error messages or members of owl:Nothing."""
    import owlrl
    from owlrl.Namespaces import ERRNS

    try:
        closure = Graph()
        closure += graph
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    except Exception as e:
        return ReasoningReport(False, "owlrl", f"owlrl failed: {e}")
    errors = sorted(str(m) for m in closure.objects(None, ERRNS.error))
    nothing = sorted(str(s) for s in closure.subjects(RDF.type, OWL.Nothing))
    unsat = sorted(
        str(c) for c in closure.subjects(OWL.equivalentClass, OWL.Nothing) if isinstance(c, URIRef) and c != OWL.Nothing
    )
    if errors or nothing:
        detail = "; ".join(errors[:5] + [f"{n} is a member of owl:Nothing" for n in nothing[:5]])
        return ReasoningReport(False, "owlrl", f"{_inconsistent_message(data)} owlrl: {detail}", unsat)
    if unsat:
        return ReasoningReport(False, "owlrl", f"Unsatisfiable classes: {', '.join(unsat)}", unsat)
    return ReasoningReport(True, "owlrl", f"Consistent under OWL 2 RL ({len(graph)} triples).", [])


# Known ways the graph can contradict the ontology, to say *why* HermiT (which gives no
# explanation) rejected it.
_DIAGNOSES = {
    "is on {n} issues (kg:onIssue is functional)": """
        SELECT ?x (COUNT(DISTINCT ?i) AS ?n) WHERE { ?x kg:onIssue ?i } GROUP BY ?x HAVING (COUNT(DISTINCT ?i) > 1)""",
    "is an alternative to itself": "SELECT ?x WHERE { ?x kg:alternativeTo ?x }",
    "both endorses and rejects a position": "SELECT ?x WHERE { ?x kg:endorses ?p ; kg:rejects ?p }",
    "is both a FRBR expression and a manifestation (fabio:WebPage is a web manifestation)": """
        SELECT ?x WHERE { ?x a fabio:WebPage ; a ?e . FILTER(?e IN (fabio:Expression, kg:Work)) }""",
    "has an eli:date_document that is not an xsd:date": """
        SELECT ?x WHERE { ?x eli:date_document ?d . FILTER(DATATYPE(?d) != xsd:date) }""",
}


def _inconsistent_message(data: Graph | None) -> str:
    if data is None:
        return "The ontology on its own is inconsistent."
    found = []
    for what, query in _DIAGNOSES.items():
        try:
            for row in data.query(SPARQL_PREFIXES + query):
                n = getattr(row, "n", None)
                found.append(f"{row.x} {what.format(n=n)}")  # type: ignore[union-attr]  # SELECT rows
        except Exception:
            continue
    cause = " Likely cause: " + "; ".join(found[:10]) + "." if found else ""
    return "Inconsistent: the data contradicts the ontology." + cause
