"""Extract the axioms we test against from the published ELI, FaBiO, CiTO and FRBR files.

    .venv/bin/python scripts/vendor_external.py NAME SOURCE_FILE 'SOURCE NOTE' 'LICENCE NOTE'

NAME is eli, fabio, cito or frbr; the result is ontology/external/NAME.ttl. We keep, for every term
in the ontology's own namespace: its kind (class, object/datatype property and characteristics),
its class and property tree (rdfs:subClassOf, owl:equivalentClass with named classes,
rdfs:subPropertyOf, owl:inverseOf), domains and ranges (named classes and unions of them) and
disjointness (owl:disjointWith, owl:AllDisjointClasses, owl:propertyDisjointWith), plus the kind
of each outside class or property those axioms mention. Left out: documentation, restrictions,
individuals, and the source's own declarations of terms in other vocabularies (FaBiO and CiTO
declare dcterms: terms with conflicting kinds, so loading them whole is not OWL 2 DL).

xsd:date is not in the OWL 2 datatype map, so HermiT rejects it (ELI's eli:date_document and
eli:first_date_entry_in_force). Ranges of xsd:date are kept as xsd:date here; kg/graph/reason.py
maps xsd:date to xsd:dateTime (ranges and literals alike) when it hands the graph to HermiT.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

NAMESPACES = {
    "eli": ("http://data.europa.eu/eli/ontology#",),
    "fabio": ("http://purl.org/spar/fabio/",),
    "cito": ("http://purl.org/spar/cito/",),
    "frbr": ("http://purl.org/vocab/frbr/core#",),
}
KINDS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.AsymmetricProperty,
    OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty,
}
TREE = (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, RDFS.subPropertyOf, OWL.inverseOf)
TREE += (OWL.propertyDisjointWith, RDFS.domain, RDFS.range)
OUTSIDE_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype}
# Metadata vocabularies whose terms FaBiO and CiTO declare with kinds that differ from file to file
# (dcterms:title a datatype property here, an annotation property there): axioms that link to them
# are left out, so that the extract stays OWL 2 DL next to our own declarations.
METADATA = ("http://purl.org/dc/terms/", "http://purl.org/dc/elements/1.1/", "http://www.w3.org/2004/02/skos/core#",
            "http://prismstandard.org/namespaces/basic/2.0/", "http://xmlns.com/foaf/0.1/")  # fmt: skip


def _union(src: Graph, node: BNode) -> list[URIRef] | None:
    """The named members of `[ owl:unionOf ( ... ) ]`, or None for any other anonymous class."""
    members = src.value(node, OWL.unionOf)
    if members is None:
        return None
    items = list(Collection(src, members))
    return items if all(isinstance(i, URIRef) for i in items) else None


def extract(src: Graph, own: tuple[str, ...]) -> Graph:
    out = Graph()
    mentioned: set[URIRef] = set()
    terms = {s for s in src.subjects() if isinstance(s, URIRef) and str(s).startswith(own)}
    for t in sorted(terms):
        for kind in src.objects(t, RDF.type):
            if kind in KINDS:
                out.add((t, RDF.type, kind))
        for p in TREE:
            for o in src.objects(t, p):
                if isinstance(o, URIRef) and str(o).startswith(METADATA) and p != RDFS.range:
                    continue
                if isinstance(o, URIRef):
                    out.add((t, p, o))
                    mentioned.add(o)
                elif (members := _union(src, o)) is not None:
                    node, head = BNode(), BNode()
                    out.add((node, RDF.type, OWL.Class))
                    Collection(out, head, members)
                    out.add((node, OWL.unionOf, head))
                    out.add((t, p, node))
                    mentioned.update(members)
    for group in src.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(src, src.value(group, OWL.members)))
        if all(isinstance(m, URIRef) and str(m).startswith(own) for m in members):
            node, head = BNode(), BNode()
            out.add((node, RDF.type, OWL.AllDisjointClasses))
            Collection(out, head, members)
            out.add((node, OWL.members, head))
    for m in sorted(mentioned - terms):
        for kind in src.objects(m, RDF.type):
            if kind in OUTSIDE_KINDS:
                out.add((m, RDF.type, kind))
    _fix_union_kinds(out)
    return out


def _fix_union_kinds(g: Graph) -> None:
    """A union of datatypes (eli:id_local: xsd:anyURI ∪ xsd:string) is an rdfs:Datatype, not a class."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for node in list(g.subjects(OWL.unionOf, None)):
        items = list(Collection(g, g.value(node, OWL.unionOf)))
        if items and all(str(i).startswith(xsd) for i in items):
            g.remove((node, RDF.type, OWL.Class))
            g.add((node, RDF.type, RDFS.Datatype))


def main(argv: list[str]) -> int:
    name, source, note, licence = argv
    fmt = "nt" if source.endswith(".nt") else "turtle"
    src = Graph().parse(source, format=fmt)
    out = extract(src, NAMESPACES[name])
    for prefix, ns in (("owl", OWL), ("rdfs", RDFS), ("xsd", "http://www.w3.org/2001/XMLSchema#")):
        out.bind(prefix, ns)
    out.bind(name, NAMESPACES[name][0])
    header = (
        f"# Axioms of {name.upper()} that we test our ontology and graph against (class and property trees,\n"
        f"# domains, ranges, disjointness), extracted by scripts/vendor_external.py; nothing added.\n"
        f"# Source: {note}\n# Licence: {licence}\n# {len(out)} triples.\n\n"
    )
    target = Path(__file__).resolve().parents[1] / "ontology" / "external" / f"{name}.ttl"
    target.write_text(header + out.serialize(format="turtle"), encoding="utf-8")
    print(f"{target}: {len(out)} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
