"""The build: clean → parse → find → resolve → link → emit → validate → store.

Everything is computed in memory and checked before the store is touched; the store is then
replaced in one swap (kg.store.replace), so a failed build leaves the previous graph as it was.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.argue import annotations as ann
from kg.argue import coverage, crosslink, link
from kg.argue import decisions as dec
from kg.graph import emit, rules, store
from kg.graph.emit import Graph
from kg.ingest import chapters, legal
from kg.ingest.find_citations import find_in_commentary
from kg.ingest.find_provisions import find_cross_refs, find_provisions
from kg.ingest.guard import guarded
from kg.ingest.parse import SourceError, parse
from kg.ingest.resolve import Resolved, resolve
from kg.models import Commentary, CrossRef, ProvisionRef, Warning_

if TYPE_CHECKING:
    from kg.graph.validate import ValidationReport

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


@dataclass
class Sources:
    commentaries: list[Path]
    articles: list[Path]
    service_desk: list[Path]
    annotations: Path | None
    decisions: Path | None = None  # sources/decisions/*.yaml
    extra_decisions: list[Path] = field(default_factory=list)  # a file being added (`kg decision add`)

    @classmethod
    def default(cls, commentaries: list[str] | None = None, annotations: bool = True, root: Path = SOURCES) -> Sources:
        """sources/commentary/*.txt are the commentary chapters, unless `commentaries` names the
        files to build instead; sources/provisions/ holds official article texts
        (`ai-act-article-N.txt`) and Service Desk pages (markdown)."""
        chosen = [Path(p) for p in commentaries] if commentaries else sorted((root / "commentary").glob("*.txt"))
        provisions = sorted((root / "provisions").glob("*.txt"))
        articles = [p for p in provisions if p.name.startswith("ai-act-article-")]
        desk = [p for p in provisions if p not in articles]
        return cls(chosen, articles, desk, (root / "annotations") if annotations else None, root / "decisions")


@dataclass
class BuildResult:
    triples: int
    counts: dict
    warnings: list[str]
    unresolved: list[str]
    argument_report: dict
    validation: ValidationReport | None
    seconds: float
    notes: list[str] = field(default_factory=list)
    quads: list = field(default_factory=list, repr=False)
    decision_context: object | None = field(default=None, repr=False)  # what decisions were checked against
    coverage: dict = field(default_factory=dict)  # kg.argue.coverage.summary
    unreviewed: list[str] = field(default_factory=list)  # citing footnotes of annotated chapters nobody reviewed


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except OSError as e:
        raise SourceError(f"{path}: cannot be read ({e.strerror})") from None


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not UTF-8 text (bad byte at offset {e.start})") from None


def compile_graph(sources: Sources, validate: bool = True) -> BuildResult:
    """Run every step in memory; returns (BuildResult without store) — raises SourceError/AnnotationError."""
    t0 = time.perf_counter()
    notes = ann.load(sources.annotations) if sources.annotations else None  # the cheap check first
    raw = _read_sources(sources)
    loaded = _load_decisions(sources, raw)  # file-level errors first: cheap
    commentaries = _parse(sources, raw)
    checked = chapters.check_chapters(commentaries)  # two chapters on one article: an error
    texts = {p: (_text(p, raw[p]), p.name) for p in sources.articles + sources.service_desk}  # read once
    provisions, prov_warnings = legal.build_provisions(
        commentaries, [texts[p] for p in sources.articles], [texts[p] for p in sources.service_desk]
    )
    # find: citations (then resolved to works and persons), provision references, cross-references
    resolved = resolve([find_in_commentary(c) for c in commentaries])
    finder_warnings: list[Warning_] = []
    found = _find_references(commentaries, finder_warnings)
    referenced = [r for refs, _ in found.values() for r in refs]
    taken: set[str] = set()
    keyed = {c.document: (c, emit.commentary_key(c, taken)) for c in commentaries}
    known = {(p.instrument, p.key) for p in provisions}

    def provision_exists(key: str) -> bool:
        return ("AI Act", key) in known or legal.is_valid_key(key)

    layer = link.link(keyed, resolved.citations, resolved.works, resolved.persons, notes, provision_exists)
    layer.same_questions = crosslink.across_chapters(layer.issues)
    layer.report["same_questions"] = len(layer.same_questions)
    loaded, layer.report["decisions_skipped"] = _applicable(loaded, layer)
    cov = review_coverage(keyed, resolved, layer, notes)
    g = Graph()
    run = emit.emit_sources(g, {p.name: raw[p] for p in raw} | {d.name: d.source_bytes for d in loaded})
    emit.emit_vocabulary_individuals(g)
    _emit_commentaries(g, keyed, run, resolved, found)
    provisions = legal.complete(
        provisions,
        [(r.instrument, r.key) for r in referenced] + [("AI Act", k) for i in layer.issues for k in i.provisions],
    )
    emit.emit_provisions(g, provisions, resolved.works)
    emit.emit_people(g, resolved.persons)
    emit.emit_works(g, resolved.works)
    emit.emit_arguments(g, layer, keyed, resolved.works)
    decided, decision_context = _decisions(loaded, g, layer, provisions, resolved, commentaries, keyed)
    emit.emit_review(g, layer, keyed, cov)

    chapter_notes, chapter_warnings = _dangling(commentaries, found, keyed)
    warnings = _warnings(commentaries, checked + chapter_warnings, prov_warnings, resolved, finder_warnings)
    validation = _validate(g, warnings) if validate else None
    counts = _counts(commentaries, resolved, provisions, referenced)
    counts["decisions"] = len(decided)
    counts["holdings"] = sum(len(d.decision.holdings) for d in decided)
    return BuildResult(
        len(set(g.quads)),
        counts,
        warnings,
        [f"{c.document}: footnote {c.footnote}: {c.text[:80]!r} ({c.note or 'no match'})" for c in resolved.unresolved],
        layer.report,
        validation,
        time.perf_counter() - t0,
        list(resolved.notes) + [str(w) for w in chapter_notes],
        g.quads,
        decision_context,
        coverage.summary(cov),
        _unreviewed(cov, notes),
    )


def _dangling(commentaries: list[Commentary], found: _Found, keyed) -> tuple[list[Warning_], list[Warning_]]:
    """Cross-references to a section their chapter lacks, as (notes, warnings): see kg.ingest.chapters."""
    return chapters.dangling_cross_references(
        commentaries,
        ((doc, kind, n, cross) for (doc, kind, n), (_, cross) in found.items()),
        chapters.present_chapters(keyed),
    )


def _warnings(
    commentaries: list[Commentary], chapter: list[Warning_], provisions: list[str], resolved, finders: list[Warning_]
) -> list[str]:
    """What the build warns about, step by step: parse, chapters, provisions, resolution, finders."""
    return (
        [str(w) for c in commentaries for w in c.warnings]
        + [str(w) for w in chapter]
        + list(provisions)
        + [str(w) for w in resolved.warnings]
        + [str(w) for w in finders]
    )


def _read_sources(sources: Sources) -> dict[Path, bytes]:
    raw = {p: _read(p) for p in sources.commentaries + sources.articles + sources.service_desk}
    if not sources.commentaries:
        raise SourceError("no commentary files: put them in sources/commentary/ or pass --commentary FILE")
    names = [p.name for p in raw]
    if len(set(names)) != len(names):
        raise SourceError(f"two source files share a name: {sorted(n for n in names if names.count(n) > 1)}")
    return raw


def _parse(sources: Sources, raw: dict[Path, bytes]) -> list[Commentary]:
    commentaries = []
    for p in sources.commentaries:
        c = parse(_text(p, raw[p]), p.name)
        if not c.paragraphs:
            raise SourceError(f"{p}: no margin paragraphs found: is this a commentary page?")
        commentaries.append(c)
    return commentaries


_Found = dict[tuple[str, str, int], tuple[list[ProvisionRef], list[CrossRef]]]


def _find_references(commentaries: list[Commentary], warnings: list[Warning_]) -> _Found:
    """Provision references and cross-references in every margin paragraph and footnote; one that
    trips a finder is left out with a located warning (kg.ingest.guard)."""

    def find(document: str, kind: str, n: int, text: str) -> tuple[list[ProvisionRef], list[CrossRef]]:
        where = f"{'margin paragraph' if kind == 'para' else 'footnote'} {n}"
        nothing: tuple[list[ProvisionRef], list[CrossRef]] = ([], [])
        return guarded(document, where, warnings, lambda: (find_provisions(text), find_cross_refs(text)), nothing)

    return {
        (c.document, kind, n): find(c.document, kind, n, text)
        for c in commentaries
        for kind, n, text in (
            [("para", p.number, p.text) for p in c.paragraphs] + [("fn", f.number, f.text) for f in c.footnotes]
        )
    }


def _emit_commentaries(
    g: Graph, keyed: dict[str, tuple[Commentary, str]], run: ox.NamedNode, resolved: Resolved, found: _Found
) -> None:
    """Each commentary's structure, citations, provision references and cross-references."""
    present = chapters.present_chapters(keyed)
    for c, key in keyed.values():
        emit.emit_commentary(g, c, key, run)
        emit.emit_citations(
            g, c, key, resolved.citations.get(c.document, []), resolved.bibliography.get(c.document, [])
        )
        for kind, items in (("para", c.paragraphs), ("fn", c.footnotes)):
            for item in items:
                refs, cross = found[(c.document, kind, item.number)]
                emit.emit_references(g, c, key, kind, item.number, item.span, refs, cross, present)


def _counts(
    commentaries: list[Commentary],
    resolved: Resolved,
    provisions: list[legal.Provision],
    referenced: list[ProvisionRef],
) -> dict[str, int]:
    return {
        "commentaries": len(commentaries),
        "sections": sum(len(c.sections) for c in commentaries),
        "paragraphs": sum(len(c.paragraphs) for c in commentaries),
        "footnotes": sum(len(c.footnotes) for c in commentaries),
        "definitions": sum(len(c.definitions) for c in commentaries),
        "works": len(resolved.works),
        "persons": len(
            set(resolved.persons) | {emit.v.slug(emit._family_given(c.author)) for c in commentaries if c.author}
        ),
        "citations": sum(len(v) for v in resolved.citations.values()),
        "provisions": len(provisions),
        "provision_references": len(referenced),
    }


def _validate(g: Graph, warnings: list[str]) -> ValidationReport:
    """SHACL on the argument layer (the shapes that a build checks); a violation is a warning."""
    from kg.graph.validate import cache_key, cached_report, store_report
    from kg.graph.validate import validate as shacl

    shaped = _shape_targets(g.quads, BUILD_SHAPED, follow=False)
    key = cache_key([str(q.triple) for q in shaped], BUILD_SHAPED)
    validation = cached_report(key)
    if validation is None:  # the same argument layer, shapes and ontology were checked before: same report
        validation = shacl(to_rdflib(shaped), only=BUILD_SHAPED, own=True)
        store_report(key, validation)
    if not validation.conforms:
        warnings.append(f"SHACL validation: {len(validation.violations)} violation(s); run `kg validate`")
    return validation


def _load_decisions(sources: Sources, raw: dict[Path, bytes]) -> list[dec.Decision]:
    loaded = dec.load(sources.decisions, sources.extra_decisions)
    names = [p.name for p in raw]
    clash = [d for d in loaded if d.name in names or [e.name for e in loaded].count(d.name) > 1]
    if clash:
        raise dec.DecisionError(clash[0].file, None, None, "another decision or source file has the same name")
    return loaded


def _applicable(loaded: list, layer) -> tuple[list, list[str]]:
    """Decisions are checked against a curated argument layer: with `--no-annotations`, or for a
    decision naming a commentary that is not built (or not annotated), they are reported and left out."""
    curated = {i.document for i in layer.issues if i.derivation == "curation"}
    used, skipped = [], []
    for d in loaded:
        if not curated:
            skipped.append(f"{d.file} (the argument layer is extraction alone)")
        elif d.commentary is not None and d.commentary not in curated:
            skipped.append(f"{d.file} (for {d.commentary}, which is not built with its annotations)")
        else:
            used.append(d)
    return used, skipped


def _decisions(loaded: list, g: Graph, layer, provisions, resolved, commentaries, keyed) -> tuple[list, dec.Context]:
    """Check the decisions against the graph being built, emit them, and run the rules of
    queries/rules/ after the argument layer; the derived links go into the graph."""
    context = dec.Context(
        issues={i.id: i.document for i in layer.issues},
        positions={p.id: p.issue for p in layer.positions},
        arguments={a.id: (a.issue, a.document, a.paragraph) for a in layer.arguments},
        provisions={p.label: (p.instrument, p.key) for p in provisions}
        | {p.notation: (p.instrument, p.key) for p in provisions if p.instrument == "AI Act"},
        works=resolved.works,
        citations=resolved.citations,
        footnote_paragraph={(c.document, f.number): f.paragraph for c in commentaries for f in c.footnotes},
    )
    checked = dec.check(loaded, context)
    emit.emit_decision_kinds(g, dec.KINDS)
    emit.emit_decisions(g, checked, keyed)
    chosen = rules.load()
    emit.emit_rules(g, chosen)
    g.quads.extend(rules.run(g.quads, chosen))
    return checked, context


def review_coverage(keyed, resolved, layer, notes):
    """Which citing footnotes are reviewed and how each citation is marked (kg.argue.coverage)."""
    return coverage.coverage(keyed, resolved.citations, layer, notes, resolved.works, resolved.persons)


def _unreviewed(cov, notes) -> list[str]:
    """Unreviewed citing footnotes of the chapters that have annotations (the shipped ones)."""
    annotated = {i.commentary for i in notes.issues} | {r.commentary for r in notes.reviews} if notes else set()
    return [f"{f.document}: footnote {f.footnote}" for f in cov.unreviewed() if f.document in annotated]


def review(sources: Sources):
    """Parse, resolve and link without emitting: the argument layer and its review coverage
    (for `kg coverage` and `kg candidates`, which read the sources a curator is working on)."""
    commentaries = [parse(_text(p, _read(p)), p.name) for p in sources.commentaries]
    resolved = resolve([find_in_commentary(c) for c in commentaries])
    taken: set[str] = set()
    keyed = {c.document: (c, emit.commentary_key(c, taken)) for c in commentaries}
    notes = ann.load(sources.annotations) if sources.annotations else None
    layer = link.link(keyed, resolved.citations, resolved.works, resolved.persons, notes, lambda k: True)
    return keyed, resolved, layer, review_coverage(keyed, resolved, layer, notes)


def build(sources: Sources, store_path=None, validate: bool = True) -> BuildResult:
    """Compile, then swap the new graph into the store (only once everything has succeeded).

    One build at a time per store (a second one is refused at once, before any work); a source
    file that changes or disappears while the build runs stops it before the swap, so the graph
    in the store always matches the files as they were read."""
    with store.build_lock(store_path):
        before = snapshot(sources)
        result = compile_graph(sources, validate)
        changed = [str(p) for p, digest in snapshot(sources).items() if before.get(p) != digest]
        changed += [str(p) for p in before if p not in snapshot(sources)]
        if changed:
            raise SourceError(
                f"{', '.join(sorted(set(changed)))}: changed or removed during the build; nothing was stored: "
                "run `kg build` again"
            )
        result.triples = store.replace(result.quads, store_path)
    result.quads = []
    return result


def snapshot(sources: Sources) -> dict[Path, str | None]:
    """sha256 of every source file the build reads (None for one that cannot be read)."""
    files = sources.commentaries + sources.articles + sources.service_desk
    if sources.annotations and sources.annotations.is_dir():
        files += sorted(sources.annotations.glob("*.yaml")) + sorted(sources.annotations.glob("*.yml"))
    if sources.decisions and sources.decisions.is_dir():
        files += sorted(sources.decisions.glob("*.yaml")) + sorted(sources.decisions.glob("*.yml"))
    files += list(sources.extra_decisions)
    out: dict[Path, str | None] = {}
    for p in files:
        try:
            out[p] = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError:
            out[p] = None
    return out


BUILD_SHAPED = (
    "Attribution",
    "Position",
    "Argument",
    "ArgumentSource",
    "InterpretiveIssue",
    "SameQuestion",
    "AuthorView",
    "Decision",
    "Holding",
    "ArgumentAuthority",
    "DerivedLink",
)
ALL_SHAPED = BUILD_SHAPED + ("Footnote", "MarginParagraph", "Citation", "Provision", "Work", "TextSpan")


def to_rdflib(quads, shaped: tuple[str, ...] | None = None, follow: bool = True):
    """The emitted triples as an rdflib Graph (for pySHACL and owlready2); with `shaped`, only the
    nodes of those kg: classes, their outgoing edges and the types of what they point to."""
    import rdflib

    if shaped is not None:
        quads = _shape_targets(quads, shaped, follow)
    g = rdflib.Graph()
    terms: dict = {}  # a node recurs in many triples: convert it once

    def term(t):
        got = terms.get(t)
        if got is None:
            got = terms[t] = _rdflib_term(t)
        return got

    add = g.add
    for q in quads:
        add((term(q.subject), term(q.predicate), term(q.object)))
    return g


def _rdflib_term(t):
    import pyoxigraph as ox
    import rdflib

    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    dt = t.datatype.value
    if dt == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(t.value)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(dt))


_INVERSE_EDGES = {
    "https://w3id.org/euaigraph/ontology#hasFootnote",
    "http://data.europa.eu/eli/ontology#has_part",
    "https://w3id.org/euaigraph/ontology#hasSection",
}


def _shaped_nodes(quads, classes: set[str], rdf_type: str) -> list:
    """The nodes of `classes`, their outgoing edges and the types of what they point to (what the
    build's shapes look at). Two passes over the quads, without indexing every subject."""
    types: dict = {}
    for q in quads:
        if q.predicate.value == rdf_type:
            types.setdefault(q.subject, []).append(q)
    start = {s for s, qs in types.items() if any(q.object.value in classes for q in qs)}
    keep = [q for q in quads if q.subject in start and q.predicate.value not in _INVERSE_EDGES]
    typed = {q.object for q in keep} - start
    return keep + [q for n in typed for q in types.get(n, [])]


def _shape_targets(quads, shaped: tuple[str, ...], follow: bool = True):
    """The nodes of the shaped classes with everything the shapes look at: their outgoing
    edges, the nodes they point to, and (closing over) any shaped node reached that way."""
    from kg.graph.vocab import KG

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    if not follow:
        return _shaped_nodes(quads, {str(KG[c]) for c in shaped}, rdf_type)
    targeted = {str(KG[c]) for c in ALL_SHAPED}
    out_edges: dict = {}
    types: dict = {}
    for q in quads:
        out_edges.setdefault(q.subject, []).append(q)
        if q.predicate.value == rdf_type:
            types.setdefault(q.subject, set()).add(q.object.value)
    start = {s for s, ts in types.items() if ts & {str(KG[c]) for c in shaped}}
    described, todo = set(), list(start)
    while todo:
        node = todo.pop()
        if node in described:
            continue
        described.add(node)
        for q in out_edges.get(node, []):
            o = q.object
            if q.predicate.value in _INVERSE_EDGES:
                continue  # paragraph → all its footnotes, act → all its parts: not needed to check the start nodes
            if follow and o not in described and o in out_edges and (node in start or types.get(o, set()) & targeted):
                todo.append(o)
    keep = [q for n in described for q in out_edges[n] if q.predicate.value not in _INVERSE_EDGES]
    typed = {q.object for q in keep} - described
    keep += [q for n in typed for q in out_edges.get(n, []) if q.predicate.value == rdf_type]
    return keep
