"""A short HTML page documenting ontology/kg.ttl: every class and property with its label, comment,
superclasses or superproperties, domain and range, and the standard terms it aligns with.

pyLODE does not install on this machine (its PyPI build lacks its version file), so the page is
made here with rdflib and the standard library: `kg ontology-page -o docs/ontology.html`.
"""

from __future__ import annotations

import html
from pathlib import Path

from rdflib import BNode, Graph, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.graph.vocab import KG, PREFIXES

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "kg.ttl"
KINDS = (
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Concept schemes", SKOS.ConceptScheme),  # the canons of interpretation, the stances of the author
)
CHARACTERISTICS = (OWL.FunctionalProperty, OWL.SymmetricProperty, OWL.IrreflexiveProperty)


def qname(node: Node) -> str:
    for prefix, ns in PREFIXES.items():
        if isinstance(node, URIRef) and str(node).startswith(str(ns)):
            return f"{prefix}:{str(node)[len(str(ns)) :]}"
    return str(node)


def _term(g: Graph, node: Node) -> str:
    """A linked qname for our terms, a plain one for others, `A ⊔ B` for unions, a datatype's values."""
    if isinstance(node, BNode):
        for op, sign in ((OWL.unionOf, " ⊔ "), (OWL.oneOf, " | ")):
            items = g.value(node, op)
            if items is not None:
                return "(" + sign.join(_term(g, i) for i in Collection(g, items)) + ")"
        return "…"
    if not isinstance(node, URIRef):
        return html.escape(repr(str(node)))
    name = html.escape(qname(node))
    return f'<a href="#{name[3:]}">{name}</a>' if str(node).startswith(str(KG._NS)) else f"<code>{name}</code>"


def _row(g: Graph, label: str, values: list[Node]) -> str:
    return f"<dt>{label}</dt><dd>{', '.join(_term(g, x) for x in values)}</dd>" if values else ""


def _entry(g: Graph, term: URIRef) -> str:
    name = qname(term)[3:]
    label = g.value(term, RDFS.label)
    comment = g.value(term, RDFS.comment)
    kinds = [qname(k)[4:] for k in CHARACTERISTICS if (term, RDF.type, k) in g]
    details = "".join(
        (
            _row(g, "subclass of", sorted(g.objects(term, RDFS.subClassOf), key=str)),
            _row(g, "subproperty of", sorted(g.objects(term, RDFS.subPropertyOf), key=str)),
            _row(g, "inverse of", list(g.objects(term, OWL.inverseOf))),
            _row(g, "domain", list(g.objects(term, RDFS.domain))),
            _row(g, "range", list(g.objects(term, RDFS.range))),
            _row(g, "disjoint with", sorted(g.objects(term, OWL.disjointWith), key=str)),
            _row(g, "see also", sorted(g.objects(term, RDFS.seeAlso), key=str)),
        )
    )
    return (
        f'<section id="{html.escape(name)}"><h3>kg:{html.escape(name)}'
        f"{' <small>(' + ', '.join(kinds) + ')</small>' if kinds else ''}</h3>"
        f"<p><em>{html.escape(str(label or ''))}</em>. {html.escape(str(comment or ''))}</p>"
        f"<dl>{details}</dl></section>"
    )


def render(path: Path = ONTOLOGY) -> str:
    """The page as HTML text."""
    g = Graph().parse(path, format="turtle")
    head = URIRef("https://w3id.org/euaigraph/ontology")
    title = html.escape(str(g.value(head, DCTERMS.title) or "Ontology"))
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto;line-height:1.4}"
        "section{border-top:1px solid #ddd;padding:.3em 0}dt{font-weight:bold;float:left;width:9em}"
        "dd{margin-left:10em}code{color:#555}</style></head><body>",
        f"<h1>{title}</h1><p>{html.escape(str(g.value(head, DCTERMS.description) or ''))}</p>",
        f"<p>{html.escape(str(g.value(head, RDFS.comment) or ''))}</p>",
        f"<p>Version {html.escape(str(g.value(head, OWL.versionInfo) or ''))}; generated from "
        "<code>ontology/kg.ttl</code> by <code>kg ontology-page</code>.</p>",
    ]
    for heading, kind in KINDS:
        terms = sorted(
            t for t in g.subjects(RDF.type, kind) if isinstance(t, URIRef) and str(t).startswith(str(KG._NS))
        )
        parts.append(f"<h2>{heading} ({len(terms)})</h2><p>")
        parts.append(" · ".join(f'<a href="#{qname(t)[3:]}">{qname(t)}</a>' for t in terms) + "</p>")
        parts.extend(_entry(g, t) for t in terms)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write(out: Path, path: Path = ONTOLOGY) -> int:
    """Write the page (temp file, then swap); returns the number of documented terms."""
    text = render(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return text.count("<section id=")
