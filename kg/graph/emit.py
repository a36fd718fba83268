"""Emit triples: the one place where records become RDF.

Every node derived from text gets `kg:span` → a `kg:TextSpan` (source document, raw and cleaned
offsets, the exact excerpt) and `prov:wasDerivedFrom` → the document. IRIs are deterministic
(see kg.vocab), and nothing here is a blank node, so the same input gives the same N-Triples.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from kg.graph import vocab as v
from kg.graph.vocab import BIBO, BIRO, CITO, DOCO, ELI, FABIO, KG, OA
from kg.models import Commentary, Span

_DE = re.compile(r"\b(der|die|das|und|mit|von|für|über|zur|zum|im|des|Einstufung|Verordnung|Kommentar|Risiken|KI)\b")


def _node(x) -> ox.NamedNode:
    return x if isinstance(x, ox.NamedNode) else ox.NamedNode(str(x))


@dataclass
class Graph:
    """An append-only list of triples in the default graph."""

    quads: list[ox.Quad] = field(default_factory=list)

    def add(self, s, p, o) -> None:
        self.quads.append(ox.Quad(_node(s), _node(p), o if isinstance(o, (ox.Literal, ox.NamedNode)) else _node(o)))

    def lit(self, s, p, value, lang: str | None = None) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            o = ox.Literal("true" if value else "false", datatype=ox.NamedNode(str(XSD.boolean)))
        elif isinstance(value, int):
            o = ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
        elif lang:
            o = ox.Literal(value, language=lang)
        else:
            o = ox.Literal(value)
        self.quads.append(ox.Quad(_node(s), _node(p), o))

    def label(self, s, text: str, lang: str | None = "en") -> None:
        self.lit(s, RDFS.label, text, lang)
        self.lit(s, SKOS.prefLabel, text, lang)

    def span(self, node, span: Span | None, text: str | None = None) -> None:
        """Provenance of a node: the document, the raw and cleaned offsets, the excerpt."""
        if span is None:
            return
        doc = v.document_iri(span.document)
        sp = v.span_iri(node.value if isinstance(node, ox.NamedNode) else node)
        self.add(node, PROV.wasDerivedFrom, doc)
        self.add(node, KG.span, sp)
        self.add(sp, RDF.type, KG.TextSpan)
        self.add(sp, KG.source, doc)
        self.lit(sp, OA.start, span.raw_start)
        self.lit(sp, OA.end, span.raw_end)
        self.lit(sp, KG.cleanStart, span.start)
        self.lit(sp, KG.cleanEnd, span.end)
        if text is not None:
            self.lit(sp, OA.exact, text)


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
        doc = v.document_iri(name)
        g.add(doc, RDF.type, PROV.Entity)
        g.lit(doc, DCTERMS.identifier, name)
        g.label(doc, name, None)
        g.lit(doc, DCTERMS.format, "text/plain")
        g.lit(doc, DCTERMS.description, f"sha256 {hashlib.sha256(documents[name]).hexdigest()}")
        g.add(run, PROV.used, doc)
    return run


# ---- the commentary's structure ---------------------------------------------------------------


def emit_commentary(g: Graph, c: Commentary, key: str, run) -> None:
    ci = v.commentary_iri(key)
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
        if p.section:
            g.add(pi, KG.inSection, v.section_iri(key, p.section))
        g.span(pi, p.span)

    for f in c.footnotes:
        fi = v.footnote_iri(key, f.number)
        g.add(fi, RDF.type, KG.Footnote)
        g.add(fi, RDF.type, DOCO.Footnote)
        g.lit(fi, KG.footnoteNumber, f.number)
        g.lit(fi, SKOS.notation, f"fn {f.number}")
        g.label(fi, f"Art. {c.article} commentary, fn {f.number}")
        g.lit(fi, KG.text, f.text, "en")
        g.add(fi, KG.inCommentary, ci)
        if f.paragraph is not None:
            pi = v.paragraph_iri(key, f.paragraph)
            g.add(fi, KG.inParagraph, pi)
            g.add(pi, KG.hasFootnote, fi)
            g.lit(fi, KG.markerOffset, f.marker_offset)
        g.span(fi, f.span)

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
    parts = name.split()
    return f"{parts[-1]} {' '.join(parts[:-1])}" if len(parts) > 1 else name


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


def emit_act(g: Graph, instrument: str) -> ox.NamedNode:
    act = _node(v.act_iri(instrument))
    title = ACT_TITLES.get(instrument, instrument)
    g.add(act, RDF.type, KG.LegalAct)
    g.add(act, RDF.type, ELI.LegalResource)
    g.add(act, RDF.type, BIBO.Legislation)
    g.label(act, instrument)
    g.lit(act, ELI.title, title, "en")
    if instrument == "AI Act":
        g.lit(act, DCTERMS.identifier, v.AI_ACT_CELEX)
        g.lit(act, ELI.date_document, "2024-06-13")
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


def emit_provisions(g: Graph, provisions) -> None:
    """Provisions (kg.legal.Provision records) with their hierarchy up to the act."""
    acts = set()
    for p in provisions:
        node = v.provision_iri(p.key, p.instrument)
        acts.add(p.instrument)
        g.add(node, RDF.type, KIND_CLASS.get(p.kind, KG.Provision))
        g.add(node, RDF.type, KG.Provision)
        g.add(node, RDF.type, ELI.LegalResourceSubdivision)
        g.label(node, p.label)
        g.lit(node, SKOS.notation, p.notation)
        g.lit(node, ELI.id_local, p.key)
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
        emit_act(g, a)


# ---- works, people, citations -----------------------------------------------------------------

WORK_CLASS = {
    "chapter": FABIO.BookChapter,
    "article": FABIO.JournalArticle,
    "report": FABIO.ReportDocument,
    "book": FABIO.Book,
    "web": FABIO.WebPage,
    "case": BIBO.LegalDecision,
    "legislation": BIBO.Legislation,
}
EXTRA_CLASS = {"case": KG.CourtDecision, "guidelines": KG.Guidelines, "code": KG.CodeOfPractice, "web": KG.WebSource}
CHARACTERISATION = {
    None: CITO.citesAsEvidence,
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


def organisations(w) -> list[str]:
    """`European Parliament; Council of the European Union; European Commission` → three bodies."""
    return [x.strip() for x in (w.organisation or "").split(";") if x.strip()]


def emit_people(g: Graph, persons) -> None:
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


def emit_works(g: Graph, works) -> None:
    for w in works.values():
        node = v.work_iri(w.key)
        g.add(node, RDF.type, KG.Work)
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


def emit_citations(g: Graph, c: Commentary, key: str, citations, bibliography) -> None:
    for b_index, work_key in bibliography:
        g.add(v.work_iri(work_key), KG.inBibliography, v.bib_entry_iri(key, b_index))
        g.add(v.bib_entry_iri(key, b_index), BIRO.references, v.work_iri(work_key))
    first_seen: set[str] = set()
    fn_by_number = {f.number: f for f in c.footnotes}
    for cit in citations:
        node = v.citation_iri(key, cit.footnote, cit.index)
        fn = fn_by_number.get(cit.footnote)
        citing = v.footnote_iri(key, cit.footnote) if fn else v.commentary_iri(key)
        g.add(node, RDF.type, KG.Citation)
        g.add(node, RDF.type, CITO.Citation)
        g.add(node, CITO.hasCitingEntity, citing)
        g.lit(node, KG.citationIndex, cit.index)
        g.lit(node, KG.signal, cit.signal)
        g.lit(node, KG.pinpoint, cit.pinpoint)
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
    return Span(span.document, s, e, c.offsets.to_raw(s), c.offsets.to_raw(e, end=True))


def emit_references(
    g: Graph, c: Commentary, key: str, where: str, number: int, base_span: Span, refs, cross_refs
) -> None:
    """Provision references and cross-references found in a margin paragraph or footnote."""
    holder = v.paragraph_iri(key, number) if where == "para" else v.footnote_iri(key, number)
    for i, r in enumerate(refs, 1):
        node = _node(f"{holder}/ref/{i}")
        target = v.provision_iri(r.key.split(":", 1)[-1], r.instrument)
        g.add(node, RDF.type, KG.ProvisionReference)
        g.add(node, KG.inText, holder)
        g.add(node, KG.refersTo, target)
        g.label(node, r.label)
        g.add(holder, ELI.cites, target)
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
# the canons of interpretation and the maker's stances: concepts defined in ontology/kg.ttl
KIND_IRI = {
    k: v.res(f"argument-kind/{k}") for k in ("wording", "context", "purpose", "history", "comparison", "case-law")
}
ARGUMENT_STANCE_IRI = {k: v.res(f"argument-stance/{k}") for k in ("advances", "raises", "reports", "concedes")}


def emit_vocabulary_individuals(g: Graph) -> None:
    for name, node in STRENGTH_IRI.items():
        g.add(node, RDF.type, KG.AttributionStrength)
        g.add(node, RDF.type, SKOS.Concept)
        g.label(node, name)
        g.lit(node, SKOS.notation, name)
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


def emit_arguments(g: Graph, layer, commentaries: dict[str, tuple[Commentary, str]], works) -> None:
    """The argument layer: issues with their positions and the author's views, attributions, arguments."""
    by_issue: dict[str, list] = {}
    for p in layer.positions:
        by_issue.setdefault(p.issue, []).append(p)
    for issue in layer.issues:
        c, key = commentaries[issue.document]
        emit_issue(g, issue, key)
        positions = by_issue.get(issue.id, [])
        for p in positions:
            emit_position(g, p, positions)
            if p.view_stance is not None:
                emit_author_view(g, p, c, key)
    stance = {p.id: p.endorsed for p in layer.positions}
    for a in layer.attributions:
        c, key = commentaries[a.document]
        emit_attribution(g, a, c, key, works, stance.get(a.position))
    for arg in layer.arguments:
        c, key = commentaries[arg.document]
        emit_argument(g, arg, c, key, works)


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
    g.span(view, _sub_span(c, para.span, p.view_offset, p.view_offset + len(p.view_quote)), p.view_quote)


def emit_attribution(g: Graph, a, c: Commentary, key: str, works, endorsed: bool | None) -> None:
    node = v.attribution_iri(a.position, a.footnote, a.work)
    if endorsed is not None:
        # the commentary cites a holder of a view its author endorses (agrees with) or rejects
        g.add(
            v.citation_iri(key, a.footnote, a.citation.index),
            CITO.hasCitationCharacterization,
            CITO.agreesWith if endorsed else CITO.disagreesWith,
        )
    pn = v.position_iri(a.position)
    work = v.work_iri(a.work)
    fn = c.footnote(a.footnote)
    g.add(node, RDF.type, KG.Attribution)
    g.add(node, KG.attributes, pn)
    g.add(node, KG.holderWork, work)
    g.add(node, KG.atFootnote, v.footnote_iri(key, a.footnote))
    g.add(node, KG.viaCitation, v.citation_iri(key, a.footnote, a.citation.index))
    g.lit(node, KG.pinpoint, a.citation.pinpoint)
    g.lit(node, KG.signal, a.signal)
    g.add(node, KG.strength, STRENGTH_IRI[a.strength])
    g.lit(node, KG.derivation, a.derivation)
    g.label(node, f"fn {a.footnote}: {works[a.work].title[:60]} → {a.position}", None)
    g.add(work, KG.holds, pn)
    for person in works[a.work].authors:
        g.add(node, KG.holder, v.person_iri(person))
        g.add(v.person_iri(person), KG.holds, pn)
    for name in organisations(works[a.work]):
        org = v.organisation_iri(v.slug(name))
        g.add(node, KG.holder, org)
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
    base = c.footnote(arg.footnote).span if arg.made_in == "footnote" else c.paragraph(arg.paragraph).span
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
