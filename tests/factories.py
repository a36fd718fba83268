"""Builders for tests: a commentary from footnote texts, a citation with chosen fields, the
citations of commentaries found and resolved, and a small hand-made graph of the Article 51
commentary that conforms to the shapes (tests break it one rule at a time).

Builders are named `make_…` (or name what they build) so that none shares its name with a
fixture in conftest.py.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS

from kg.graph import vocab as v
from kg.graph.vocab import CITO, DOCO, ELI, FABIO, KG, OA
from kg.ingest.find_citations import find_in_commentary
from kg.ingest.resolve import Resolved, resolve
from kg.models import BibEntry, Citation, Commentary, Footnote, Span

# ---- the sources ---------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
COMMENTARY = ROOT / "sources" / "commentary" / "002_b07c53fab08c7372.txt"
ANNOTATIONS = ROOT / "sources" / "annotations"
DOCUMENT = COMMENTARY.name


# ---- running the CLI ------------------------------------------------------------------------------


@dataclass
class Run:
    """What one `kg` command did: exit code, stdout and stderr."""

    code: int
    out: str
    err: str


def run_kg(*argv) -> Run:
    """`kg.cli.main(argv)` with its output captured, for session fixtures (which cannot use capsys).
    stdout has a byte buffer behind it, as `kg export` writes bytes."""
    from kg.access.cli import main

    out_b, err_b = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_b, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_b, encoding="utf-8", write_through=True)
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    out.flush()
    err.flush()
    return Run(code, out_b.getvalue().decode("utf-8"), err_b.getvalue().decode("utf-8"))


@dataclass
class Built:
    """A store built by `kg build`, with what the build printed."""

    store: Path
    run: Run


def build_store(store: Path, *options) -> Built:
    run = run_kg("--store", store, "build", *options)
    if run.code != 0:
        raise RuntimeError(f"kg build {' '.join(map(str, options))} failed ({run.code}): {run.err}")
    return Built(store, run)


def kg_json(store: Path, *argv) -> Any:
    """What `kg --store STORE ARGV --json` prints, read as JSON (the command must succeed)."""
    run = run_kg("--store", store, *argv, "--json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def ask_store(store: Path, sparql: str) -> bool:
    """An ASK query on a built store, read-only."""
    import pyoxigraph as ox

    return bool(ox.Store.read_only(str(store)).query(sparql))


# ---- commentaries and citations --------------------------------------------------------------------


def make_commentary(footnotes: dict[int, str], bibliography: dict[int, str] | None = None, document: str = "test.txt"):
    span = Span(document, 0, 0, 0, 0)
    return Commentary(
        document=document,
        title="t",
        author="a",
        article="51",
        text="",
        raw="",
        sections=[],
        paragraphs=[],
        footnotes=[Footnote(n, t, span) for n, t in sorted(footnotes.items())],
        bibliography=[BibEntry(i, t, span) for i, t in sorted((bibliography or {}).items())],
        provisions=[],
        definitions=[],
    )


def make_citation(**overrides: Any) -> Citation:
    """A footnote citation (`Haar and Siglmüller, ‘Art. 51’ (n 9) para 27` in footnote 13) with
    any field replaced: `make_citation(short_form=False, title="...")`."""
    fields: dict[str, Any] = {
        "footnote": 13,
        "index": 1,
        "text": "Haar and Siglmüller, ‘Art. 51’ (n 9) paras 17–22",
        "start": 4,
        "end": 52,
        "signal": "See",
        "pinpoint": "paras 17–22",
        "short_form": True,
        "via_footnote": 9,
        "authors_text": "Haar and Siglmüller",
        "short_title": "Art. 51",
        "document": "test.txt",
    }
    fields.update(overrides)
    return Citation(**fields)


def find_and_resolve(commentaries: list[Commentary]) -> Resolved:
    """What the build does with citations: find them in each commentary, then resolve them."""
    return resolve([find_in_commentary(c) for c in commentaries])


# ---- a small graph that conforms to the shapes --------------------------------------------------------

C = "article-51"
DOC = v.document_iri("002_b07c53fab08c7372.txt")
COMMENTARY_IRI = v.commentary_iri(C)
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
    """The Web Annotation pattern the emitter writes: node → oa:SpecificResource → two selectors."""
    span, position, quote = v.span_iri(node), URIRef(f"{node}#position"), URIRef(f"{node}#quote")
    g.add((node, PROV.wasDerivedFrom, DOC))
    g.add((node, PROV.wasDerivedFrom, span))
    g.add((span, RDF.type, KG.TextSpan))
    g.add((span, RDF.type, OA.SpecificResource))
    g.add((span, OA.hasSource, DOC))
    g.add((span, OA.hasSelector, position))
    g.add((span, OA.hasSelector, quote))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(start)))
    g.add((position, OA.end, Literal(end)))
    g.add((span, KG.cleanStart, Literal(start - 120)))
    g.add((span, KG.cleanEnd, Literal(end - 120)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(exact)))


def sample_graph() -> Graph:
    """The Article 51(1)(a) Commission-decision debate, as the emitter would write it."""
    g = Graph()
    for prefix, ns in v.PREFIXES.items():
        g.bind(prefix, ns)
    add = g.add

    # structure
    add((DOC, RDF.type, PROV.Entity))
    add((COMMENTARY_IRI, RDF.type, KG.Commentary))
    add((COMMENTARY_IRI, RDF.type, FABIO.BookChapter))
    add(
        (
            COMMENTARY_IRI,
            DCTERMS.title,
            Literal(
                "Classification of general-purpose AI models as general-purpose AI models with systemic risk", lang="en"
            ),
        )
    )
    add((COMMENTARY_IRI, DCTERMS.creator, GINDLIN))
    add((COMMENTARY_IRI, KG.hasSection, SECTION))
    add((SECTION, RDF.type, KG.Section))
    add((SECTION, RDF.type, DOCO.Section))
    add((SECTION, KG.sectionNumber, Literal("2.1.1.1.")))
    add((SECTION, RDFS.label, Literal("2.1.1.1. Commission designation in the context of Article 51(1)(a)", lang="en")))
    add((SECTION, KG.inCommentary, COMMENTARY_IRI))
    for para, number, text in ((PARA16, 16, PARA16_TEXT), (PARA17, 17, PARA17_TEXT)):
        add((para, RDF.type, KG.MarginParagraph))
        add((para, KG.marginNumber, Literal(number)))
        add((para, KG.text, Literal(text, lang="en")))
        add((para, KG.inSection, SECTION))
        add((para, KG.inCommentary, COMMENTARY_IRI))
    _span(g, PARA16, 40210, 40210 + len(PARA16_TEXT), PARA16_TEXT)
    for fn, number, para in ((FN9, 9, None), (FN69, 69, PARA16), (FN70, 70, PARA16)):
        add((fn, RDF.type, KG.Footnote))
        add((fn, KG.footnoteNumber, Literal(number)))
        add((fn, KG.inCommentary, COMMENTARY_IRI))
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
    add((ACT, RDFS.label, Literal("AI Act", lang="en")))
    for node, cls, notation, parent, ordinal in (
        (ART51, KG.Article, "Art. 51", ACT, 51),
        (ART51_1, KG.ArticleParagraph, "Art. 51(1)", ART51, 1),
        (ART51_1_A, KG.Point, "Art. 51(1)(a)", ART51_1, 1),
    ):
        add((node, RDF.type, cls))
        add((node, RDF.type, KG.Provision))
        add((node, SKOS.notation, Literal(notation)))
        add((node, RDFS.label, Literal(f"{notation} AI Act", lang="en")))
        add((node, ELI.is_part_of, parent))
        add((parent, ELI.has_part, node))
        add((node, KG.instrument, ACT))
        add((node, KG.ordinal, Literal(ordinal)))
    add((PARA16, CITO.cites, ART51_1_A))

    # argument layer
    add((EXPLICIT, RDF.type, KG.AttributionStrength))
    add((EXPLICIT, SKOS.prefLabel, Literal("explicit", lang="en")))
    add((EXPLICIT, SKOS.inScheme, v.res("strength")))
    add(
        (
            EXPLICIT,
            SKOS.definition,
            Literal("The commentary says outright that the holder holds the position.", lang="en"),
        )
    )
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
    _span(g, ARGUMENT, 85300, 85347, "The express provision for a Commission decision")
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


def result_rows(text: str) -> list[dict[str, str]]:
    """The rows of a SPARQL 1.1 Query Results JSON document (`kg query --format json`) as
    {variable: value} dicts, unbound variables left out."""
    import json

    doc = json.loads(text)
    return [{k: t["value"] for k, t in b.items()} for b in doc["results"]["bindings"]]


def truncated_chapter(raw: str, last_paragraph: int, keep_bibliography: int) -> tuple[str, int]:
    """A chapter-shaped variant of the real page: the body up to a margin paragraph, the footnotes
    referenced there, the first bibliography entries; everything else (header, trailer) as is."""
    import re

    lines = raw.split("\n")
    body_end = next(i for i, ln in enumerate(lines) if re.match(rf"{last_paragraph + 1}\D", ln))
    first_fn = next(i for i, ln in enumerate(lines) if ln.startswith("  1. Regulation (EU) 2024/1689"))
    from kg.ingest.parse import parse

    c = parse(raw, "full.txt")
    last_fn = max(f.number for f in c.footnotes if f.paragraph <= last_paragraph)
    fn_end = next(i for i, ln in enumerate(lines) if ln.startswith(f"  {last_fn + 1}. "))
    contents = next(i for i, ln in enumerate(lines) if ln == "Contents")
    bullets = [i for i, ln in enumerate(lines) if ln.startswith("  • ")]
    dropped = set(bullets[keep_bibliography:])
    kept = [ln for i, ln in enumerate(lines[:body_end]) if i not in dropped]
    return "\n".join(kept + lines[first_fn:fn_end] + lines[contents:]), last_fn


# ---- the app ------------------------------------------------------------------------------------

FLAGSHIP = "a51-1a-automatic-classification"  # the issue the app and its browser tests open first
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
