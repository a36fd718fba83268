"""Emit triples: the one place where records become RDF.

Every node derived from text has `prov:wasDerivedFrom` its source document and a Web Annotation
`oa:SpecificResource` (`<node>#span`: `oa:hasSource` the document, `oa:hasSelector` a
`oa:TextPositionSelector` with raw-file offsets and a `oa:TextQuoteSelector` with the exact raw
characters). IRIs are deterministic (see kg.vocab), and nothing here is a blank node, so the same
input gives the same N-Triples.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.graph import vocab as v
from kg.graph.vocab import BIBO, BIRO, CITO, DOCO, ELI, FABIO, KG, OA
from kg.ingest.chapters import Chapter
from kg.ingest.names import parse_given_family
from kg.models import Citation, Commentary, CrossRef, Footnote, Person, ProvisionRef, Span, Work

if TYPE_CHECKING:
    from kg.argue.layer import ArgumentLayer
    from kg.ingest.legal import Provision

_DE = re.compile(r"\b(der|die|das|und|mit|von|für|über|zur|zum|im|des|Einstufung|Verordnung|Kommentar|Risiken|KI)\b")


Term = ox.NamedNode | str  # an IRI: a node, or a URIRef / string from kg.graph.vocab


_NODES: dict[str, ox.NamedNode] = {}


def _node(x: Term) -> ox.NamedNode:
    """Predicates, classes and shared nodes recur tens of thousands of times: made (checked) once.
    A URIRef is a str, so one dict serves both (a dict lookup, not lru_cache's wrapper and str())."""
    if isinstance(x, ox.NamedNode):
        return x
    node = _NODES.get(x)
    if node is None:
        if len(_NODES) > 1 << 18:  # a long-lived process that builds many graphs
            _NODES.clear()
        node = _NODES[x] = ox.NamedNode(x)
    return node


_BOOLEAN, _INTEGER = ox.NamedNode(str(XSD.boolean)), ox.NamedNode(str(XSD.integer))


@dataclass
class Graph:
    """An append-only list of triples in the default graph."""

    quads: list[ox.Quad] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # document name → raw text, for oa:exact

    def add(self, s: Term, p: Term, o: Term | ox.Literal) -> None:
        self.quads.append(ox.Quad(_node(s), _node(p), o if isinstance(o, (ox.Literal, ox.NamedNode)) else _node(o)))

    def lit(
        self, s: Term, p: Term, value: str | int | bool | None, lang: str | None = None, datatype: Term | None = None
    ) -> None:
        if value is None or value == "":
            return
        if datatype is not None:
            o = ox.Literal(str(value), datatype=_node(datatype))
        elif isinstance(value, bool):
            o = ox.Literal("true" if value else "false", datatype=_BOOLEAN)
        elif isinstance(value, int):
            o = ox.Literal(str(value), datatype=_INTEGER)
        elif lang:
            o = ox.Literal(value, language=lang)
        else:
            o = ox.Literal(value)
        self.quads.append(ox.Quad(_node(s), _node(p), o))

    def label(self, s: Term, text: str, lang: str | None = "en") -> None:
        self.lit(s, RDFS.label, text, lang)
        self.lit(s, SKOS.prefLabel, text, lang)

    def span(self, node: Term, span: Span | None, text: str | None = None) -> None:
        """Provenance of a node in Web Annotation terms: `<node>#span` is an oa:SpecificResource of the
        source document, selected by raw-file offsets (oa:TextPositionSelector) and by the exact raw
        characters there (oa:TextQuoteSelector). Where the cleaner removed a definition tooltip inside
        the span, the raw characters include it; the cleaned words are kept as kg:cleanText."""
        if span is None:
            return
        doc = v.document_iri(span.document)
        base = node.value if isinstance(node, ox.NamedNode) else str(node)
        sp, position, quote = v.span_iri(base), _node(f"{base}#position"), _node(f"{base}#quote")
        self.add(node, PROV.wasDerivedFrom, doc)
        self.add(node, PROV.wasDerivedFrom, sp)
        self.add(sp, RDF.type, KG.TextSpan)
        self.add(sp, RDF.type, OA.SpecificResource)
        self.add(sp, OA.hasSource, doc)
        self.add(sp, OA.hasSelector, position)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.lit(position, OA.start, span.raw_start)
        self.lit(position, OA.end, span.raw_end)
        self.lit(sp, KG.cleanStart, span.start)
        self.lit(sp, KG.cleanEnd, span.end)
        raw = self.sources.get(span.document)
        exact = raw[span.raw_start : span.raw_end] if raw is not None else text
        if exact:
            self.add(sp, OA.hasSelector, quote)
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.lit(quote, OA.exact, exact)
        if text is not None and text != exact:
            self.lit(sp, KG.cleanText, text)


def language(text: str) -> str:
    """German titles and quotes are German: `Art. 51 Einstufung von KI-Modellen ...` → de."""
    return "de" if len(_DE.findall(text)) >= 2 else "en"


def commentary_key(c: Commentary, taken: set[str]) -> str:
    key = f"article-{v.slug(c.article)}" if c.article else v.doc_slug(c.document)
    if key in taken:
        key = v.doc_slug(c.document)
    taken.add(key)
    return key


# ---- documents and build run -----------------------------------------------------------------


def emit_sources(g: Graph, documents: dict[str, bytes]) -> ox.NamedNode:
    """The raw source files and the build run that used them (IRI from their hashes, no clock)."""
    digest = hashlib.sha256()
    for name in sorted(documents):
        digest.update(name.encode() + b"\0" + hashlib.sha256(documents[name]).digest())
    run = _node(v.res(f"build/{digest.hexdigest()[:16]}"))
    g.add(run, RDF.type, KG.BuildRun)
    g.add(run, RDF.type, PROV.Activity)
    g.label(run, f"kg build over {len(documents)} source files")
    for name in sorted(documents):
        g.sources[name] = documents[name].decode("utf-8", errors="replace")
        doc = v.document_iri(name)
        g.add(doc, RDF.type, PROV.Entity)
        g.lit(doc, DCTERMS.identifier, name)
        g.label(doc, name, None)
        g.lit(doc, DCTERMS.format, "application/yaml" if name.endswith((".yaml", ".yml")) else "text/plain")
        g.lit(doc, DCTERMS.description, f"sha256 {hashlib.sha256(documents[name]).hexdigest()}")
        g.add(run, PROV.used, doc)
    return run


# ---- the commentary's structure ---------------------------------------------------------------


def emit_commentary(g: Graph, c: Commentary, key: str, run: ox.NamedNode) -> None:
    """The chapter as a work, then its sections, margin paragraphs, footnotes and bibliography."""
    ci = _emit_chapter(g, c, key, run)
    _emit_sections(g, c, key, ci)
    _emit_paragraphs(g, c, key, ci)
    _emit_footnotes(g, c, key, ci)
    _emit_bibliography(g, c, key, ci)


def _emit_chapter(g: Graph, c: Commentary, key: str, run: ox.NamedNode) -> ox.NamedNode:
    ci = _node(v.commentary_iri(key))
    g.add(ci, RDF.type, KG.Commentary)
    g.add(ci, RDF.type, FABIO.BookChapter)
    g.lit(ci, DCTERMS.title, c.title, "en")
    g.label(ci, f"{c.author}, ‘{c.title}’")
    g.lit(ci, DCTERMS.date, c.date)
    g.lit(ci, BIBO.uri, c.url)
    g.lit(ci, KG.containerTitle, "Cambridge Commentary on EU General-Purpose AI Law")
    g.add(ci, PROV.wasDerivedFrom, v.document_iri(c.document))
    g.add(ci, PROV.wasGeneratedBy, run)
    if c.author:
        author = v.person_iri(v.slug(_family_given(c.author)))
        g.add(ci, DCTERMS.creator, author)
        g.add(author, RDF.type, KG.Person)
        g.add(author, RDF.type, FOAF.Person)
        g.lit(author, FOAF.name, c.author)
        g.label(author, c.author, None)
    if c.article:
        g.add(ci, KG.refersTo, v.provision_iri(f"art_{c.article}"))
    return ci


def _emit_sections(g: Graph, c: Commentary, key: str, ci: ox.NamedNode) -> None:
    for s in c.sections:
        si = v.section_iri(key, s.number)
        g.add(si, RDF.type, KG.Section)
        g.add(si, RDF.type, DOCO.Section)
        g.lit(si, KG.sectionNumber, s.number)
        g.lit(si, SKOS.notation, s.number)
        g.lit(si, DCTERMS.title, s.title, "en")
        g.label(si, f"{s.number} {s.title}")
        g.add(si, KG.inCommentary, ci)
        g.add(ci, KG.hasSection, si)
        if s.parent:
            g.add(si, KG.subsectionOf, v.section_iri(key, s.parent))
        g.span(si, s.span, s.title)


def _emit_paragraphs(g: Graph, c: Commentary, key: str, ci: ox.NamedNode) -> None:
    for p in c.paragraphs:
        pi = v.paragraph_iri(key, p.number)
        g.add(pi, RDF.type, KG.MarginParagraph)
        g.add(pi, RDF.type, DOCO.Paragraph)
        g.lit(pi, KG.marginNumber, p.number)
        g.lit(pi, SKOS.notation, f"para {p.number}")
        g.label(
            pi,
            f"Gindlin, Art. {c.article} para {p.number}"
            if c.author.endswith("Gindlin")
            else f"{c.author}, Art. {c.article} para {p.number}",
        )
        g.lit(pi, KG.text, p.text, "en")
        g.add(pi, KG.inCommentary, ci)
        g.add(pi, DCTERMS.isPartOf, ci)
        if p.section:
            g.add(pi, KG.inSection, v.section_iri(key, p.section))
        g.span(pi, p.span)


def _emit_footnotes(g: Graph, c: Commentary, key: str, ci: ox.NamedNode) -> None:
    for f in c.footnotes:
        fi = v.footnote_iri(key, f.number)
        g.add(fi, RDF.type, KG.Footnote)
        g.add(fi, RDF.type, DOCO.Footnote)
        g.lit(fi, KG.footnoteNumber, f.number)
        g.lit(fi, SKOS.notation, f"fn {f.number}")
        g.label(fi, f"Art. {c.article} commentary, fn {f.number}")
        g.lit(fi, KG.text, f.text, "en")
        g.add(fi, KG.inCommentary, ci)
        g.add(fi, DCTERMS.isPartOf, ci)
        if f.paragraph is not None:
            pi = v.paragraph_iri(key, f.paragraph)
            g.add(fi, KG.inParagraph, pi)
            g.add(pi, KG.hasFootnote, fi)
            g.lit(fi, KG.markerOffset, f.marker_offset)
        g.span(fi, f.span)


def _emit_bibliography(g: Graph, c: Commentary, key: str, ci: ox.NamedNode) -> None:
    for b in c.bibliography:
        bi = v.bib_entry_iri(key, b.index)
        g.add(bi, RDF.type, KG.BibliographyEntry)
        g.add(bi, RDF.type, BIRO.BibliographicReference)
        g.lit(bi, KG.ordinal, b.index)
        g.lit(bi, KG.text, b.text)
        g.label(bi, b.text[:120], None)
        g.add(bi, KG.inCommentary, ci)
        g.span(bi, b.span)


def _family_given(name: str) -> str:
    """`Gregor Gindlin` → `Gindlin Gregor`; `Marta di Lorenzo` → `di Lorenzo Marta` (the particle
    belongs to the family name, as citation styles file it)."""
    family, given, _ = parse_given_family(name)
    return f"{family} {given}" if given else family


# ---- the acts ---------------------------------------------------------------------------------

ACT_TITLES = {
    "AI Act": "Regulation (EU) 2024/1689 (Artificial Intelligence Act)",
    "DMA": "Regulation (EU) 2022/1925 (Digital Markets Act)",
    "DSA": "Regulation (EU) 2022/2065 (Digital Services Act)",
    "TFEU": "Treaty on the Functioning of the European Union",
    "TEU": "Treaty on European Union",
    "MSR": "Regulation (EU) 2019/1020 (Market Surveillance Regulation)",
    "GDPR": "Regulation (EU) 2016/679 (General Data Protection Regulation)",
}


ACT_DATES = {"AI Act": "2024-06-13"}


def emit_act(g: Graph, instrument: str, cited: bool = False) -> ox.NamedNode:
    """An act as a whole (eli:LegalResource, the work level): its ELI, CELEX number (eli:id_local) and
    dcterms:title (ELI keeps eli:title for expressions). An act the commentary also cites as a work
    takes its title from that citation (emit_works), so it has one title."""
    act = _node(v.act_iri(instrument))
    g.add(act, RDF.type, KG.LegalAct)
    g.add(act, RDF.type, ELI.LegalResource)
    g.add(act, RDF.type, BIBO.Legislation)
    g.lit(act, SKOS.altLabel, instrument, "en")
    if not cited:
        g.label(act, instrument)
        g.lit(act, DCTERMS.title, ACT_TITLES.get(instrument, instrument), "en")
    g.lit(act, ELI.id_local, v.celex_of(instrument))
    g.lit(act, ELI.date_document, ACT_DATES.get(instrument), datatype=XSD.date)
    return act


KIND_CLASS = {
    "article": KG.Article,
    "paragraph": KG.ArticleParagraph,
    "subparagraph": KG.Subparagraph,
    "point": KG.Point,
    "sentence": KG.Sentence,
    "recital": KG.Recital,
    "annex": KG.Annex,
    "annex_point": KG.AnnexPoint,
    "definition": KG.Definition,
}


def emit_provisions(g: Graph, provisions: Iterable[Provision], works: dict[str, Work] | None = None) -> None:
    """Provisions (kg.legal.Provision records) with their hierarchy up to the act. The eId is the
    subdivision's dcterms:identifier; the EUR-Lex anchor of its article, recital or annex links it to
    the official text (rdfs:seeAlso). Sentence-grain eIds (`__sent_3`) extend Akoma Ntoso."""
    cited = {v.work_iri(w.key) for w in (works or {}).values() if w.kind == "legislation"}
    acts = set()
    for p in provisions:
        node = v.provision_iri(p.key, p.instrument)
        acts.add(p.instrument)
        g.add(node, RDF.type, KIND_CLASS.get(p.kind, KG.Provision))
        g.add(node, RDF.type, KG.Provision)
        g.add(node, RDF.type, ELI.LegalResourceSubdivision)
        g.label(node, p.label)
        g.lit(node, SKOS.notation, p.notation)
        g.lit(node, DCTERMS.identifier, p.key)
        g.lit(node, KG.eurLexAnchor, v.eurlex_anchor(p.key) if v.celex_of(p.instrument) else None)
        url = v.eurlex_url(p.instrument, p.key)
        if url:
            g.add(node, RDFS.seeAlso, ox.NamedNode(url))
        g.lit(node, KG.text, p.text, "en")
        g.lit(node, KG.ordinal, p.ordinal)
        if getattr(p, "term", None):
            g.lit(node, KG.definesTerm, p.term, "en")
        g.add(node, KG.instrument, v.act_iri(p.instrument))
        parent = v.provision_iri(p.parent, p.instrument) if p.parent else v.act_iri(p.instrument)
        g.add(node, ELI.is_part_of, parent)
        g.add(parent, ELI.has_part, node)
        g.span(node, p.span, p.text)
    for a in sorted(acts):
        emit_act(g, a, cited=v.act_iri(a) in cited)


# ---- works, people, citations -----------------------------------------------------------------

WORK_CLASS = {
    "chapter": FABIO.BookChapter,
    "article": FABIO.JournalArticle,
    "report": FABIO.ReportDocument,
    "book": FABIO.Book,
    "web": FABIO.WebContent,
    "case": BIBO.LegalDecision,
    "legislation": BIBO.Legislation,
}
EXTRA_CLASS = {"case": KG.CourtDecision, "guidelines": KG.Guidelines, "code": KG.CodeOfPractice, "web": KG.WebSource}
CHARACTERISATION = {
    None: CITO.cites,
    "See": CITO.citesAsEvidence,
    "see": CITO.citesAsEvidence,
    "see also": CITO.citesAsRelated,
    "cf": CITO.citesAsRelated,
    "similarly": CITO.citesAsRelated,
    "further": CITO.citesForInformation,
    "for example": CITO.citesAsEvidence,
    "e.g.": CITO.citesAsEvidence,
    "however, see": CITO.disagreesWith,
    "But see": CITO.disagreesWith,
    "but see": CITO.disagreesWith,
    "contra": CITO.disagreesWith,
    "opposing view": CITO.disagreesWith,
    "seemingly opposing view": CITO.disagreesWith,
    "In favour of": CITO.citesForInformation,
    "unclear": CITO.discusses,
}


def organisations(w: Work) -> list[str]:
    """`European Parliament; Council of the European Union; European Commission` → three bodies."""
    return [x.strip() for x in (w.organisation or "").split(";") if x.strip()]


def emit_people(g: Graph, persons: dict[str, Person]) -> None:
    for p in persons.values():
        node = v.person_iri(p.key)
        g.add(node, RDF.type, KG.Person)
        g.add(node, RDF.type, FOAF.Person)
        g.lit(node, FOAF.name, p.name)
        g.label(node, p.name, None)
        g.lit(node, FOAF.familyName, p.family)
        g.lit(node, FOAF.givenName, p.given)
        for variant in sorted(p.variants):
            g.lit(node, KG.nameVariant, variant)


_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_DATED = re.compile(r"\bof (\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b", re.IGNORECASE)


def date_of_act(title: str | None) -> str | None:
    """`Regulation (EU) 2024/1689 ... of 13 June 2024 laying down ...` → `2024-06-13` (the date of the document)."""
    m = _DATED.search(title or "")
    return f"{m.group(3)}-{_MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}" if m else None


def emit_works(g: Graph, works: dict[str, Work]) -> None:
    """Works at the FRBR expression level (fabio:Expression and the FaBiO class that fits); cited EU
    legislation is the act itself (its ELI, an eli:LegalResource at the work level), never a second node."""
    for w in works.values():
        node = v.work_iri(w.key)
        g.add(node, RDF.type, KG.Work)
        if w.kind == "legislation" and node.startswith(v.ELI_BASE):
            g.add(node, RDF.type, ELI.LegalResource)
            g.lit(node, ELI.id_local, v.celex_of(w.key))
            g.lit(node, ELI.date_document, date_of_act(w.title), datatype=XSD.date)
        elif w.kind != "legislation":
            g.add(node, RDF.type, FABIO.Expression)
        if w.kind in WORK_CLASS:
            g.add(node, RDF.type, WORK_CLASS[w.kind])
        if w.kind in EXTRA_CLASS:
            g.add(node, RDF.type, EXTRA_CLASS[w.kind])
        lang = language(w.title)
        g.lit(node, DCTERMS.title, w.title, lang)
        g.label(node, w.title, lang)
        g.lit(node, KG.workKind, w.kind)
        g.lit(node, KG.shortTitle, w.short_title)
        g.lit(node, KG.containerTitle, w.container)
        g.lit(node, KG.edition, w.edition)
        g.lit(node, KG.publisher, w.publisher)
        g.lit(node, KG.year, w.year)
        g.lit(node, BIBO.uri, w.url)
        g.lit(node, BIBO.doi, w.doi)
        g.lit(node, DCTERMS.identifier, w.identifier)
        for rank, person in enumerate(w.authors, 1):
            pnode = v.person_iri(person)
            role = _node(f"{node}/author/{rank}")
            g.add(node, DCTERMS.creator, pnode)
            g.add(node, KG.hasAuthorship, role)
            g.add(role, RDF.type, KG.Authorship)
            g.add(role, KG.author, pnode)
            g.lit(role, KG.rank, rank)
        for person in w.editors:
            g.add(node, KG.editor, v.person_iri(person))
        for name in organisations(w):
            org = v.organisation_iri(v.slug(name))
            g.add(org, RDF.type, KG.Organisation)
            g.add(org, RDF.type, FOAF.Organization)
            g.label(org, name)
            g.lit(org, FOAF.name, name)
            g.add(node, DCTERMS.creator, org)


def emit_citations(
    g: Graph, c: Commentary, key: str, citations: list[Citation], bibliography: list[tuple[int, str]]
) -> None:
    for b_index, work_key in bibliography:
        g.add(v.work_iri(work_key), KG.inBibliography, v.bib_entry_iri(key, b_index))
        g.add(v.bib_entry_iri(key, b_index), BIRO.references, v.work_iri(work_key))
    first_seen: set[str] = set()
    fn_by_number: dict[int | None, Footnote] = {f.number: f for f in c.footnotes}
    for cit in citations:
        node = v.citation_iri(key, cit.footnote, cit.index)
        fn = fn_by_number.get(cit.footnote)
        citing = v.footnote_iri(key, fn.number) if fn else v.commentary_iri(key)
        g.add(node, RDF.type, KG.Citation)
        g.add(node, RDF.type, CITO.Citation)
        g.add(node, CITO.hasCitingEntity, citing)
        g.lit(node, KG.citationIndex, cit.index)
        g.lit(node, KG.signal, cit.signal)
        g.lit(node, KG.pinpoint, cit.pinpoint)
        g.lit(node, BIBO.locator, cit.pinpoint)
        if (sk := signal_key(cit.signal)) is not None and sk in SIGNAL_IRI:
            g.add(node, KG.signalConcept, SIGNAL_IRI[sk])
        g.lit(node, KG.parenthetical, cit.parenthetical)
        g.lit(node, KG.resolution, cit.resolution)
        g.label(node, f"fn {cit.footnote}: {cit.text[:100]}", None)
        if fn:
            g.add(node, KG.inFootnote, citing)
        if cit.via_footnote is not None and cit.via_footnote in fn_by_number:
            g.add(node, KG.viaFootnote, v.footnote_iri(key, cit.via_footnote))
        if cit.work:
            work = v.work_iri(cit.work)
            g.add(node, CITO.hasCitedEntity, work)
            g.add(node, CITO.hasCitationCharacterization, CHARACTERISATION.get(cit.signal, CITO.cites))
            if fn:
                g.add(work, KG.citedInFootnote, citing)
                if cit.work not in first_seen:
                    first_seen.add(cit.work)
                    g.add(work, KG.firstCitedIn, citing)
        if fn:
            g.span(node, _sub_span(c, fn.span, cit.start, cit.end), cit.text)


def _sub_span(c: Commentary, span: Span, start: int, end: int) -> Span:
    """A span inside a footnote or paragraph (offsets relative to it), mapped back to the raw file
    through the cleaner's offset map: a tooltip removed inside the footnote shifts what follows."""
    s, e = span.start + start, span.start + end
    assert c.offsets is not None  # parse maps every commentary's offsets
    return Span(span.document, s, e, c.offsets.to_raw(s), c.offsets.to_raw(e, end=True))


def emit_references(
    g: Graph,
    c: Commentary,
    key: str,
    where: str,
    number: int,
    base_span: Span,
    refs: list[ProvisionRef],
    cross_refs: list[CrossRef],
    present: dict[str, Chapter] | None = None,
) -> None:
    """Provision references and cross-references found in a margin paragraph or footnote. A
    reference to another chapter lands on that chapter's section when the chapter is `present`
    (built too), and on a chapter placeholder otherwise."""
    holder = v.paragraph_iri(key, number) if where == "para" else v.footnote_iri(key, number)
    for i, r in enumerate(refs, 1):
        node = _node(f"{holder}/ref/{i}")
        target = v.provision_iri(r.key.split(":", 1)[-1], r.instrument)
        g.add(node, RDF.type, KG.ProvisionReference)
        g.add(node, KG.inText, holder)
        g.add(node, KG.refersTo, target)
        g.label(node, r.label)
        # a commentary is not legislation: it cites provisions in CiTO terms, not with eli:cites
        g.add(node, RDF.type, CITO.Citation)
        g.add(node, CITO.hasCitingEntity, holder)
        g.add(node, CITO.hasCitedEntity, target)
        g.add(node, CITO.hasCitationCharacterization, CITO.cites)
        g.add(holder, CITO.cites, target)
        g.span(node, _sub_span(c, base_span, r.start, r.end), r.text)
    sections = {s.number for s in c.sections}
    for i, x in enumerate(cross_refs, 1):
        node = _node(f"{holder}/xref/{i}")
        g.add(node, RDF.type, KG.CrossReference)
        g.add(node, KG.inText, holder)
        if x.article is None or x.article == c.article:
            if x.section not in sections:
                continue
            target = v.section_iri(key, x.section)
        elif present and x.article in present:  # the chapter is built too: its real section
            chapter = present[x.article]
            has = bool(x.section) and x.section in chapter.sections
            target = v.section_iri(chapter.key, x.section) if has else v.commentary_iri(chapter.key)
        else:
            target = v.placeholder_iri(x.article, x.section or None)
            g.add(target, RDF.type, KG.ChapterPlaceholder)
            g.label(target, f"Commentary on Article {x.article}" + (f", Section {x.section}" if x.section else ""))
            if x.section:
                g.add(target, KG.inCommentary, v.placeholder_iri(x.article))
                g.add(v.placeholder_iri(x.article), RDF.type, KG.ChapterPlaceholder)
                g.label(v.placeholder_iri(x.article), f"Commentary on Article {x.article}")
        g.add(node, KG.refersToSection, target)
        g.label(node, f"Section {x.section}" + (f" of the commentary on Article {x.article}" if x.article else ""))
        g.span(
            node, _sub_span(c, base_span, x.start, x.end), c.text[base_span.start + x.start : base_span.start + x.end]
        )


# ---- the argument layer -----------------------------------------------------------------------

STRENGTH_IRI = {s: v.res(f"strength/{s}") for s in ("explicit", "seemingly", "see-also", "unclear")}
STRENGTH_SCHEME = v.res("strength")
STRENGTH_DEFINITION = {
    "explicit": "The commentary says outright that the holder holds the position: the holder is listed after a "
    "stance signal such as 'In favour of ...:' or 'opposing view:', or the text says 'X argues'.",
    "seemingly": "The commentary attributes the position with a hedge: 'seemingly opposing view', 'apparently'.",
    "see-also": "The holder is listed after 'see also' or 'cf' within a camp: related, but not said to hold it "
    "as firmly.",
    "unclear": "The commentary lists the holder under 'unclear:': its position cannot be told.",
}
SIGNAL_SCHEME = v.res("signal")
# signal as printed (lower case) → (concept key, definition)
SIGNALS = {
    "see": ("see", "'See': the cited source supports the statement the footnote is attached to."),
    "see also": ("see-also", "'see also': a further source on the same point, after the main one."),
    "cf": ("cf", "'cf': compare; a source on an analogous or related point."),
    "similarly": ("similarly", "'similarly': a source that takes a similar view."),
    "further": ("further", "'further': a source for further reading on the point."),
    "for example": ("for-example", "'for example' / 'e.g.': a source that illustrates the point."),
    "e.g.": ("for-example", "'for example' / 'e.g.': a source that illustrates the point."),
    "in favour of": ("in-favour-of", "'In favour of X:': the sources that follow hold view X (a camp)."),
    "opposing view": ("opposing-view", "'opposing view:': the sources that follow hold the opposite view."),
    "seemingly opposing view": (
        "seemingly-opposing-view",
        "'seemingly opposing view:': the sources that follow appear to hold the opposite view.",
    ),
    "contra": ("contra", "'contra': the source takes the contrary view."),
    "however, see": ("however-see", "'however, see': a source that departs from the statement."),
    "but see": ("however-see", "'however, see': a source that departs from the statement."),
    "unclear": ("unclear", "'unclear:': the sources that follow do not take a clear position."),
}
SIGNAL_IRI = {key: v.res(f"signal/{key}") for key, _ in SIGNALS.values()}


def signal_key(signal: str | None) -> str | None:
    """`See` → `see`, `e.g.` → `for-example`: the concept of a printed signal (None if unknown)."""
    found = SIGNALS.get((signal or "").strip().lower())
    return found[0] if found else None


# the canons of interpretation and the maker's stances: concepts defined in ontology/kg.ttl
KIND_IRI = {
    k: v.res(f"argument-kind/{k}") for k in ("wording", "context", "purpose", "history", "comparison", "case-law")
}
ARGUMENT_STANCE_IRI = {k: v.res(f"argument-stance/{k}") for k in ("advances", "raises", "reports", "concedes")}


def emit_vocabulary_individuals(g: Graph) -> None:
    """The SKOS concept schemes of attribution strengths and citation signals (argument kinds below)."""
    for scheme, label, definition in (
        (STRENGTH_SCHEME, "attribution strengths", "How firmly the commentary attributes a position to a holder."),
        (SIGNAL_SCHEME, "citation signals", "The introductory signals of citations in legal footnotes (OSCOLA style)."),
    ):
        g.add(scheme, RDF.type, SKOS.ConceptScheme)
        g.label(scheme, label)
        g.lit(scheme, SKOS.definition, definition, "en")
    for name, node in STRENGTH_IRI.items():
        g.add(node, RDF.type, KG.AttributionStrength)
        g.add(node, RDF.type, SKOS.Concept)
        g.label(node, name)
        g.lit(node, SKOS.notation, name)
        g.add(node, SKOS.inScheme, STRENGTH_SCHEME)
        g.add(STRENGTH_SCHEME, SKOS.hasTopConcept, node)
        g.lit(node, SKOS.definition, STRENGTH_DEFINITION[name], "en")
    for printed, (key, definition) in SIGNALS.items():
        node = SIGNAL_IRI[key]
        if printed in ("e.g.", "but see"):
            g.lit(node, SKOS.altLabel, printed, "en")
            continue
        g.add(node, RDF.type, SKOS.Concept)
        g.label(node, printed)
        g.lit(node, SKOS.notation, key)
        g.add(node, SKOS.inScheme, SIGNAL_SCHEME)
        g.add(SIGNAL_SCHEME, SKOS.hasTopConcept, node)
        g.lit(node, SKOS.definition, definition, "en")
    emit_argument_schemes(g)


def emit_argument_schemes(g: Graph) -> None:
    """The two concept schemes of arguments (kinds, stances), as the data uses them."""
    for scheme, cls, concepts in (
        (KG.argumentKindScheme, KG.ArgumentKind, KIND_IRI),
        (KG.argumentStanceScheme, KG.ArgumentStance, ARGUMENT_STANCE_IRI),
    ):
        g.add(scheme, RDF.type, SKOS.ConceptScheme)
        for name, node in concepts.items():
            g.add(node, RDF.type, cls)
            g.add(node, RDF.type, SKOS.Concept)
            g.add(node, SKOS.inScheme, scheme)
            g.label(node, f"{name} argument" if cls == KG.ArgumentKind else name)
            g.lit(node, SKOS.notation, name)


def emit_arguments(
    g: Graph, layer: ArgumentLayer, commentaries: dict[str, tuple[Commentary, str]], works: dict[str, Work]
) -> None:
    """The argument layer: issues with their positions and the author's views, attributions, arguments."""
    by_issue: dict[str, list] = {}
    for p in layer.positions:
        by_issue.setdefault(p.issue, []).append(p)
    _distinct_issues(g, layer.issues)
    for issue in layer.issues:
        c, key = commentaries[issue.document]
        emit_issue(g, issue, key)
        positions = by_issue.get(issue.id, [])
        for p in positions:
            emit_position(g, p, positions)
            if p.view_stance is not None:
                emit_author_view(g, p, c, key)
    for cite, characterisation in _author_stances(layer, commentaries).items():
        g.add(cite, CITO.hasCitationCharacterization, characterisation)
    for a in layer.attributions:
        c, key = commentaries[a.document]
        emit_attribution(g, a, c, key, works)
    for arg in layer.arguments:
        c, key = commentaries[arg.document]
        emit_argument(g, arg, c, key, works)
    for same in layer.same_questions:
        emit_same_question(g, same)


def emit_same_question(g: Graph, same) -> None:
    """Two chapters' issues on one question: the edge, and the finding that says why."""
    first, second = (v.issue_iri(i) for i in same.issues)
    g.add(first, KG.sameQuestionAs, second)
    g.add(second, KG.sameQuestionAs, first)
    node = v.same_question_iri(*same.issues)
    g.add(node, RDF.type, KG.SameQuestion)
    g.label(node, f"same question: {same.issues[0]} and {same.issues[1]}")
    g.lit(node, KG.derivation, "extraction")
    for issue in (first, second):
        g.add(node, KG.linksIssue, issue)
        g.add(node, PROV.wasDerivedFrom, issue)
    for key in same.provisions:
        g.add(node, KG.sharedProvision, v.provision_iri(key))
    for term in same.terms:
        g.lit(node, KG.sharedTerm, term)
    g.lit(node, KG.termOverlap, f"{same.overlap:.3f}", datatype=XSD.decimal)


def emit_issue(g: Graph, issue, key: str) -> None:
    node = v.issue_iri(issue.id)
    g.add(node, RDF.type, KG.InterpretiveIssue)
    g.add(node, RDF.type, SKOS.Concept)
    g.label(node, issue.label)
    g.lit(node, KG.question, issue.question, "en")
    g.lit(node, KG.derivation, issue.derivation)
    g.add(node, KG.inCommentary, v.commentary_iri(key))
    for pk in issue.provisions:
        g.add(node, KG.concernsProvision, v.provision_iri(pk))
    for n in issue.paragraphs:
        g.add(node, KG.discussedIn, v.paragraph_iri(key, n))


def emit_position(g: Graph, p, positions: list) -> None:
    """A position and its alternatives (not those the text says can hold together with it)."""
    pn = v.position_iri(p.id)
    g.add(pn, RDF.type, KG.Position)
    g.label(pn, p.label)
    g.add(pn, KG.onIssue, v.issue_iri(p.issue))
    g.lit(pn, KG.derivation, p.derivation)
    for q in positions:
        if q.id != p.id and q.id not in p.coexists_with and p.id not in q.coexists_with:
            g.add(pn, KG.alternativeTo, v.position_iri(q.id))


def emit_author_view(g: Graph, p, c: Commentary, key: str) -> None:
    """The author's view on a position: stated in a quote, or a rejection inferred from his endorsement
    of an alternative (its span is then the endorsement's quote)."""
    pn = v.position_iri(p.id)
    view = _node(f"{pn}/author-view")
    author = v.person_iri(v.slug(_family_given(c.author)))
    g.add(view, RDF.type, KG.AuthorView)
    g.add(view, KG.viewOf, pn)
    g.lit(view, KG.stance, p.view_stance)
    g.lit(view, KG.viewBasis, p.view_basis)
    # a stated view whose sentence has a cue phrase of the same stance was proposed by extraction
    g.lit(view, KG.derivation, "extraction" if p.view_cue else "curation")
    if p.view_inferred_from:
        g.add(view, KG.inferredFrom, v.position_iri(p.view_inferred_from))
    g.add(view, KG.statedIn, v.paragraph_iri(key, p.view_paragraph))
    g.add(view, PROV.wasAttributedTo, author)
    if p.view_stance in ("endorses", "rejects"):
        g.add(author, KG.endorses if p.view_stance == "endorses" else KG.rejects, pn)
    g.label(view, f"{c.author} {p.view_stance}: {p.label}")
    para = c.paragraph(p.view_paragraph)
    assert para is not None  # link checked that it exists
    g.span(view, _sub_span(c, para.span, p.view_offset, p.view_offset + len(p.view_quote)), p.view_quote)


def emit_attribution(g: Graph, a, c: Commentary, key: str, works: dict[str, Work]) -> None:
    """An attribution of a position to a holder work at a footnote, read also as a Web Annotation."""
    node = v.attribution_iri(a.position, a.footnote, a.work)
    pn = v.position_iri(a.position)
    work = v.work_iri(a.work)
    fn = c.footnote(a.footnote)
    assert fn is not None  # link checked that it exists
    g.add(node, RDF.type, KG.Attribution)
    g.add(node, KG.attributes, pn)
    g.add(node, KG.holderWork, work)
    g.add(node, KG.atFootnote, v.footnote_iri(key, a.footnote))
    g.add(node, KG.viaCitation, v.citation_iri(key, a.footnote, a.citation.index))
    g.add(node, PROV.wasDerivedFrom, v.citation_iri(key, a.footnote, a.citation.index))
    g.lit(node, KG.pinpoint, a.citation.pinpoint)
    g.lit(node, KG.signal, a.signal)
    g.add(node, KG.strength, STRENGTH_IRI[a.strength])
    g.lit(node, KG.derivation, a.derivation)
    g.label(node, f"fn {a.footnote}: {works[a.work].title[:60]} → {a.position}", None)
    _attribution_annotation(g, node, pn, work, a.citation.pinpoint)
    g.add(work, KG.holds, pn)
    for person in works[a.work].authors:
        g.add(node, KG.holder, v.person_iri(person))
        g.add(node, PROV.wasAttributedTo, v.person_iri(person))
        g.add(v.person_iri(person), KG.holds, pn)
    for name in organisations(works[a.work]):
        org = v.organisation_iri(v.slug(name))
        g.add(node, KG.holder, org)
        g.add(node, PROV.wasAttributedTo, org)
        g.add(org, KG.holds, pn)
    g.span(node, _sub_span(c, fn.span, a.citation.start, a.citation.end), a.citation.text)


def emit_argument(g: Graph, arg, c: Commentary, key: str, works) -> None:
    """An argument: its target, kind, the author's stance, who advances it, and its own words."""
    node = v.argument_iri(arg.id)
    g.add(node, RDF.type, KG.Argument)
    g.label(node, arg.label)
    g.add(node, KG.argumentKind, KIND_IRI[arg.kind])
    g.add(node, KG.argumentStance, ARGUMENT_STANCE_IRI[arg.stance])
    g.add(node, KG.madeIn, v.paragraph_iri(key, arg.paragraph))
    if arg.footnote is not None:
        g.add(node, KG.madeInFootnote, v.footnote_iri(key, arg.footnote))
    if arg.supports:
        g.add(node, KG.supports, v.position_iri(arg.supports))
    if arg.attacks:
        g.add(node, KG.attacks, v.position_iri(arg.attacks))
    if arg.attacks_argument:
        g.add(node, KG.attacks, v.argument_iri(arg.attacks_argument))
    if arg.qualifies:
        target = v.argument_iri(arg.qualifies) if arg.qualifies_argument else v.position_iri(arg.qualifies)
        g.add(node, KG.qualifies, target)
    if arg.advanced_by_author:
        g.add(node, KG.advancedBy, v.person_iri(v.slug(_family_given(c.author))))
    elif arg.advanced_by:
        g.add(node, KG.advancedBy, v.work_iri(arg.advanced_by.work))
        for person in works[arg.advanced_by.work].authors:
            g.add(node, KG.advancedBy, v.person_iri(person))
    emit_argument_sources(g, arg, key)
    g.lit(node, KG.locatedBy, arg.located_by)
    g.lit(node, KG.wordsIn, arg.made_in)
    holder = c.footnote(arg.footnote) if arg.made_in == "footnote" and arg.footnote else c.paragraph(arg.paragraph)
    assert holder is not None  # link located the argument's words in it
    base = holder.span
    g.span(node, _sub_span(c, base, arg.source_start, arg.source_end), arg.source_text)


def emit_argument_sources(g: Graph, arg, key: str) -> None:
    """The cited works that carry an argument, each at its footnote and citation, with its signal."""
    node = v.argument_iri(arg.id)
    for i, src in enumerate(arg.sources, 1):
        sn = _node(f"{node}/source/{i}")
        g.add(sn, RDF.type, KG.ArgumentSource)
        g.add(node, KG.carriedBy, sn)
        g.add(sn, KG.sourceWork, v.work_iri(src.work))
        g.add(sn, KG.sourceFootnote, v.footnote_iri(key, src.footnote))
        g.add(sn, KG.sourceCitation, v.citation_iri(key, src.footnote, src.citation.index))
        g.lit(sn, KG.signal, src.signal)
        g.label(sn, f"fn {src.footnote}: {src.work} carries {arg.id}", None)


# ---- review: what the argument layer rests on ------------------------------------------------


def emit_review(g: Graph, layer, commentaries: dict[str, tuple[Commentary, str]], coverage=None) -> None:
    """`kg:review` on every attribution; a rejected candidate's citation carries `kg:review
    "rejected"` and the curator's reason; with a coverage (kg.argue.coverage), every reviewed
    footnote is `kg:reviewed true` and each of its citations carries its `kg:citationMark`."""
    for a in layer.attributions:
        g.lit(v.attribution_iri(a.position, a.footnote, a.work), KG.review, a.review)
    for cand in layer.candidates:
        if cand.status != "rejected":
            continue
        a = cand.attribution
        _, key = commentaries[a.document]
        cit = v.citation_iri(key, a.footnote, a.citation.index)
        g.lit(cit, KG.review, "rejected")
        g.lit(cit, KG.reviewNote, cand.reason)
    if coverage is None:
        return
    for fc in coverage.footnotes:
        _, key = commentaries[fc.document]
        g.lit(v.footnote_iri(key, fc.footnote), KG.reviewed, fc.reviewed)
        for m in fc.marks if fc.reviewed else []:
            cit = v.citation_iri(key, fc.footnote, m.index)
            g.lit(cit, KG.citationMark, m.mark)
            if m.mark == "no-stance":
                g.lit(cit, KG.reviewNote, m.reason)


def _distinct_issues(g: Graph, issues) -> None:
    """Issues are pairwise owl:differentFrom (per commentary), so that OWL, which does not assume that
    two IRIs name two things, sees a position on two issues (kg:onIssue is functional) as a contradiction."""
    by_document: dict[str, list[str]] = {}
    for issue in issues:
        by_document.setdefault(issue.document, []).append(issue.id)
    for ids in by_document.values():
        for i, a in enumerate(sorted(ids)):
            for b in sorted(ids)[i + 1 :]:
                g.add(v.issue_iri(a), OWL.differentFrom, v.issue_iri(b))


def _author_stances(layer, commentaries) -> dict[ox.NamedNode, ox.NamedNode]:
    """cito:agreesWith / cito:disagreesWith on a citation whose work holds a position the author
    endorses / rejects. A citation that would get both (its work is attributed two positions the author
    judges differently, e.g. fn 130 and fn 165), or whose signal already says 'disagrees', gets neither:
    the text does not say which."""
    stance = {p.id: p.endorsed for p in layer.positions}
    found: dict[ox.NamedNode, set[bool]] = {}
    opposed: set[ox.NamedNode] = set()
    for a in layer.attributions:
        if stance.get(a.position) is None:
            continue
        _, key = commentaries[a.document]
        cite = _node(v.citation_iri(key, a.footnote, a.citation.index))
        found.setdefault(cite, set()).add(bool(stance[a.position]))
        if CHARACTERISATION.get(a.citation.signal) == CITO.disagreesWith:
            opposed.add(cite)
    out = {}
    for cite, stances in found.items():
        if len(stances) == 1 and not (cite in opposed and True in stances):
            out[cite] = _node(CITO.agreesWith if True in stances else CITO.disagreesWith)
    return out


def _attribution_annotation(g: Graph, node, position, work, pinpoint: str | None) -> None:
    """An attribution read as a Web Annotation: the body is the position, the target the cited
    passage (the holder work at its pinpoint), prov:wasAttributedTo the holders (added by the caller)."""
    target = _node(f"{node}#target")
    g.add(node, RDF.type, OA.Annotation)
    g.add(node, OA.hasBody, position)
    g.add(node, OA.hasTarget, target)
    g.add(node, OA.motivatedBy, OA.classifying)
    g.add(target, RDF.type, OA.SpecificResource)
    g.add(target, OA.hasSource, work)
    g.lit(target, BIBO.locator, pinpoint)


# ---- decisions and their holdings (issue 9) ----------------------------------------------------

DECISION_CLASS = {
    "designation-decision-52-1": (KG.CommissionDecision,),
    "designation-decision-52-4": (KG.CommissionDecision,),
    "rejection-of-arguments-52-3": (KG.CommissionDecision,),
    "reassessment-decision-52-5": (KG.CommissionDecision,),
    "delegated-act-51-3": (KG.DelegatedAct, ELI.LegalResource, BIBO.Legislation),
    "delegated-act-52-4": (KG.DelegatedAct, ELI.LegalResource, BIBO.Legislation),
    "commission-guidelines": (KG.Guidelines,),
    "code-of-practice": (KG.CodeOfPractice,),
    "court-of-justice-judgment": (KG.CourtDecision, BIBO.LegalDecision),
    "court-of-justice-order": (KG.CourtDecision, BIBO.LegalDecision),
    "general-court-judgment": (KG.CourtDecision, BIBO.LegalDecision),
    "general-court-order": (KG.CourtDecision, BIBO.LegalDecision),
}
_DATE_TYPE = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def decision_node(checked) -> ox.NamedNode:
    """The cited work when the commentary cites the decision (one node per act), else its own IRI."""
    return _node(v.work_iri(checked.work) if checked.work else v.decision_iri(checked.decision.id))


def emit_decision_kinds(g: Graph, kinds: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    for kind, (label, _) in kinds.items():
        node = v.decision_kind_iri(kind)
        g.add(node, RDF.type, KG.DecisionKind)
        g.add(node, RDF.type, SKOS.Concept)
        g.label(node, label)
        g.lit(node, SKOS.notation, kind)


def emit_rules(g: Graph, rules) -> None:
    """The inference rules (kg.graph.rules.Rule) as nodes the derived links can name."""
    for r in rules:
        node = v.rule_iri(r.name)
        g.add(node, RDF.type, KG.InferenceRule)
        g.add(node, RDF.type, PROV.SoftwareAgent)
        g.label(node, r.title)
        g.lit(node, DCTERMS.description, r.description, "en")
        g.lit(node, KG.ruleFile, r.file)


def _emit_decision_node(g: Graph, node: ox.NamedNode, checked) -> None:
    d = checked.decision
    g.add(node, RDF.type, KG.Decision)
    for cls in DECISION_CLASS[d.kind]:
        g.add(node, RDF.type, cls)
    g.lit(node, KG.decisionId, d.id)
    g.lit(node, DCTERMS.identifier, d.id)
    if d.kind.startswith("delegated-act") and re.fullmatch(r"[0-9]\d{4}[A-Z]{1,2}\d{4}", d.id):
        g.lit(node, ELI.id_local, d.id)
    g.add(node, KG.decisionKind, v.decision_kind_iri(d.kind))
    if checked.work:  # the cited work keeps the commentary's title; the file's title is another name for it
        g.lit(node, SKOS.altLabel, d.title, language(d.title))
    else:
        g.lit(node, DCTERMS.title, d.title, language(d.title))
        g.label(node, f"{d.title} ({d.id})")
    g.quads.append(ox.Quad(node, _node(DCTERMS.date), ox.Literal(d.date, datatype=_node(_DATE_TYPE[len(d.date)]))))
    g.lit(node, BIBO.uri, d.url)
    if d.invented:
        g.lit(node, KG.invented, True)
    org = v.organisation_iri(v.slug(d.author))
    g.add(org, RDF.type, KG.Organisation)
    g.add(org, RDF.type, FOAF.Organization)
    g.label(org, d.author)
    g.lit(org, FOAF.name, d.author)
    g.add(node, DCTERMS.creator, org)
    g.add(node, PROV.wasDerivedFrom, v.document_iri(d.name))
    for instrument, key in checked.provisions:
        g.add(node, KG.appliesProvision, v.provision_iri(key, instrument))


def _emit_report(g: Graph, node, reported, commentaries: dict[str, tuple[Commentary, str]]) -> None:
    """Where the commentary reports a holding: the footnote, the citation and its exact words."""
    document, citation = reported
    c, key = commentaries[document]
    g.add(node, KG.reportedIn, v.footnote_iri(key, citation.footnote))
    g.add(node, KG.reportingCitation, v.citation_iri(key, citation.footnote, citation.index))
    fn = c.footnote(citation.footnote)
    assert fn is not None, "kg.argue.decisions.check found the citation in this footnote"
    g.span(node, _sub_span(c, fn.span, citation.start, citation.end), citation.text)


def emit_decisions(g: Graph, decisions, commentaries: dict[str, tuple[Commentary, str]]) -> None:
    """Decisions checked by kg.argue.decisions.check, with their holdings and the arguments they back."""
    for checked in decisions:
        d = checked.decision
        node = decision_node(checked)
        _emit_decision_node(g, node, checked)
        for n, h in enumerate(d.holdings):
            hn = v.holding_iri(node.value, n + 1)
            g.add(hn, RDF.type, KG.Holding)
            g.add(node, KG.hasHolding, hn)
            g.add(hn, KG.holdingIssue, v.issue_iri(h.issue))
            g.add(hn, KG.adoptsPosition if h.stance == "adopts" else KG.rejectsPosition, v.position_iri(h.position))
            g.lit(hn, KG.holdingStance, h.stance)
            g.lit(hn, KG.pinpoint, h.pinpoint)
            g.label(hn, f"{d.id}, {h.pinpoint}: {h.stance} {h.position}", None)
            for a in h.answers:
                g.add(hn, KG.answers, v.argument_iri(a))
            g.add(hn, PROV.wasDerivedFrom, v.document_iri(d.name))
            if n in checked.reports:
                _emit_report(g, hn, checked.reports[n], commentaries)
        for n, cf in enumerate(d.cited_for):
            an = v.cited_for_iri(node.value, n + 1)
            g.add(an, RDF.type, KG.ArgumentAuthority)
            g.add(node, KG.citedFor, an)
            g.add(an, KG.authorityFor, v.argument_iri(cf.argument))
            g.lit(an, KG.pinpoint, cf.pinpoint)
            g.label(an, f"{d.id} cited for {cf.argument} (fn {cf.footnote})", None)
            g.add(an, PROV.wasDerivedFrom, v.document_iri(d.name))
            _emit_report(g, an, checked.cited[n], commentaries)
