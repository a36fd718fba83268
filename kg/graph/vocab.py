"""Vocabularies as code, and the one place that defines every IRI pattern.

Our own terms are declared once here as a `DefinedNamespace`, so a mistyped term fails at
import; `tests/test_ontology.py` checks this list against `ontology/kg.ttl` both ways.
Standard vocabularies that rdflib does not ship (ELI, CiTO, FaBiO, DoCO, C4O, BIRO, OA, BIBO, AIF)
are declared the same way, limited to the terms we use.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

BASE = "https://w3id.org/euaigraph/"
AI_ACT = URIRef("http://data.europa.eu/eli/reg/2024/1689/oj")
AI_ACT_CELEX = "32024R1689"


class KG(DefinedNamespace):
    """The project's ontology (ontology/kg.ttl); long: one declared term a line, as in the ontology."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # commentary structure
    Commentary: URIRef
    Section: URIRef
    MarginParagraph: URIRef
    Footnote: URIRef
    BibliographyEntry: URIRef
    ChapterPlaceholder: URIRef
    TextSpan: URIRef
    BuildRun: URIRef
    # works and holders
    Work: URIRef
    Authorship: URIRef
    Person: URIRef
    Organisation: URIRef
    CourtDecision: URIRef
    Guidelines: URIRef
    CodeOfPractice: URIRef
    WebSource: URIRef
    Citation: URIRef
    # provisions
    LegalAct: URIRef
    Provision: URIRef
    Article: URIRef
    ArticleParagraph: URIRef
    Subparagraph: URIRef
    Point: URIRef
    Sentence: URIRef
    Recital: URIRef
    Annex: URIRef
    AnnexPoint: URIRef
    Definition: URIRef
    ProvisionReference: URIRef
    CrossReference: URIRef
    # argument layer
    InterpretiveIssue: URIRef
    SameQuestion: URIRef
    Position: URIRef
    Attribution: URIRef
    AttributionStrength: URIRef
    Argument: URIRef
    ArgumentKind: URIRef
    AuthorView: URIRef
    # arguments: the maker's stance, the cited works that carry them, the two concept schemes
    ArgumentStance: URIRef
    ArgumentSource: URIRef
    argumentKindScheme: URIRef
    argumentStanceScheme: URIRef

    # structure properties
    hasSection: URIRef
    inSection: URIRef
    subsectionOf: URIRef
    inCommentary: URIRef
    marginNumber: URIRef
    footnoteNumber: URIRef
    sectionNumber: URIRef
    inParagraph: URIRef
    hasFootnote: URIRef
    markerOffset: URIRef
    text: URIRef
    ordinal: URIRef
    # provenance of text
    cleanStart: URIRef
    cleanEnd: URIRef
    cleanText: URIRef
    # works
    hasAuthorship: URIRef
    author: URIRef
    rank: URIRef
    editor: URIRef
    containerTitle: URIRef
    edition: URIRef
    publisher: URIRef
    year: URIRef
    shortTitle: URIRef
    workKind: URIRef
    citedInFootnote: URIRef
    firstCitedIn: URIRef
    inBibliography: URIRef
    nameVariant: URIRef
    # citations
    inFootnote: URIRef
    pinpoint: URIRef
    signal: URIRef
    viaFootnote: URIRef
    resolution: URIRef
    citationIndex: URIRef
    parenthetical: URIRef
    signalConcept: URIRef
    # provisions
    refersTo: URIRef
    inText: URIRef
    definesTerm: URIRef
    instrument: URIRef
    refersToSection: URIRef
    eurLexAnchor: URIRef
    # argument layer
    concernsProvision: URIRef
    discussedIn: URIRef
    question: URIRef
    onIssue: URIRef
    alternativeTo: URIRef
    sameQuestionAs: URIRef
    linksIssue: URIRef
    sharedProvision: URIRef
    sharedTerm: URIRef
    termOverlap: URIRef
    attributes: URIRef
    holder: URIRef
    holderWork: URIRef
    atFootnote: URIRef
    viaCitation: URIRef
    strength: URIRef
    derivation: URIRef
    review: URIRef
    reviewNote: URIRef
    citationMark: URIRef
    reviewed: URIRef
    supports: URIRef
    attacks: URIRef
    argumentKind: URIRef
    madeIn: URIRef
    advancedBy: URIRef
    viewOf: URIRef
    stance: URIRef
    statedIn: URIRef
    endorses: URIRef
    rejects: URIRef
    holds: URIRef
    heldBy: URIRef
    inConflictWith: URIRef
    # arguments and author views (issue 11)
    argumentStance: URIRef
    qualifies: URIRef
    madeInFootnote: URIRef
    carriedBy: URIRef
    sourceWork: URIRef
    sourceFootnote: URIRef
    sourceCitation: URIRef
    locatedBy: URIRef
    wordsIn: URIRef
    viewBasis: URIRef
    inferredFrom: URIRef

    # decisions and their holdings (kg/argue/decisions.py, queries/rules/)
    Decision: URIRef
    CommissionDecision: URIRef
    DelegatedAct: URIRef
    DecisionKind: URIRef
    Holding: URIRef
    ArgumentAuthority: URIRef
    DerivedLink: URIRef
    InferenceRule: URIRef
    decisionId: URIRef
    decisionKind: URIRef
    appliesProvision: URIRef
    invented: URIRef
    hasHolding: URIRef
    holdingIssue: URIRef
    holdingStance: URIRef
    adoptsPosition: URIRef
    rejectsPosition: URIRef
    answers: URIRef
    reportedIn: URIRef
    reportingCitation: URIRef
    citedFor: URIRef
    authorityFor: URIRef
    ofHolding: URIRef
    linkRole: URIRef
    linkedPosition: URIRef
    linkedAttribution: URIRef
    linkedArgument: URIRef
    linkedAuthorView: URIRef
    derivedBy: URIRef
    ruleFile: URIRef


class ELI(DefinedNamespace):
    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True
    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    is_part_of: URIRef
    has_part: URIRef
    id_local: URIRef
    number: URIRef
    date_document: URIRef
    first_date_entry_in_force: URIRef


class CITO(DefinedNamespace):
    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True
    Citation: URIRef
    hasCitingEntity: URIRef
    hasCitedEntity: URIRef
    hasCitationCharacterization: URIRef
    cites: URIRef
    citesAsAuthority: URIRef
    citesAsEvidence: URIRef
    citesAsRelated: URIRef
    citesForInformation: URIRef
    obtainsSupportFrom: URIRef
    agreesWith: URIRef
    disagreesWith: URIRef
    disputes: URIRef
    critiques: URIRef
    discusses: URIRef
    supports: URIRef
    qualifies: URIRef


class FABIO(DefinedNamespace):
    _NS = Namespace("http://purl.org/spar/fabio/")
    _fail = True
    BookChapter: URIRef
    JournalArticle: URIRef
    ReportDocument: URIRef
    Book: URIRef
    WebContent: URIRef
    Expression: URIRef


class DOCO(DefinedNamespace):
    _NS = Namespace("http://purl.org/spar/doco/")
    _fail = True
    Section: URIRef
    Paragraph: URIRef
    Footnote: URIRef
    SectionTitle: URIRef


class BIRO(DefinedNamespace):
    _NS = Namespace("http://purl.org/spar/biro/")
    _fail = True
    BibliographicReference: URIRef
    references: URIRef


class OA(DefinedNamespace):
    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True
    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    motivatedBy: URIRef
    classifying: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


class BIBO(DefinedNamespace):
    _NS = Namespace("http://purl.org/ontology/bibo/")
    _fail = True
    LegalDecision: URIRef
    Legislation: URIRef
    locator: URIRef
    doi: URIRef
    uri: URIRef


class AIF(DefinedNamespace):
    _NS = Namespace("http://www.arg.dundee.ac.uk/aif#")
    _fail = True
    I_node: URIRef = URIRef("http://www.arg.dundee.ac.uk/aif#I-node")
    RA_node: URIRef = URIRef("http://www.arg.dundee.ac.uk/aif#RA-node")
    CA_node: URIRef = URIRef("http://www.arg.dundee.ac.uk/aif#CA-node")


def _materialise(ns: type[DefinedNamespace]) -> None:
    """Each declared term as a plain class attribute: a DefinedNamespace looks every term up through
    its metaclass's `__getattr__` (a check of the declaration each time), and the build reads terms
    some 130,000 times. A term not declared still goes through `__getattr__`, and still fails."""
    for name in getattr(ns, "__annotations__", {}):
        if not name.startswith("_"):
            setattr(ns, name, ns[name])


for _ns in (KG, ELI, CITO, FABIO, DOCO, BIRO, OA, BIBO, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD):
    _materialise(_ns)

PREFIXES = {
    "kg": KG._NS,
    "eli": ELI._NS,
    "cito": CITO._NS,
    "fabio": FABIO._NS,
    "doco": DOCO._NS,
    "biro": BIRO._NS,
    "oa": OA._NS,
    "bibo": BIBO._NS,
    "aif": AIF._NS,
    "frbr": Namespace("http://purl.org/vocab/frbr/core#"),
    "foaf": Namespace(str(FOAF)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "res": Namespace(BASE + "id/"),
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

# ---- IRI patterns -----------------------------------------------------------------------------


def slug(text: str) -> str:
    """`Siglmüller` → `siglmuller`; `Art. 51` → `art-51`."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") or "x"


def doc_slug(document: str) -> str:
    return slug(document.rsplit(".", 1)[0])


def res(path: str) -> URIRef:
    return URIRef(f"{BASE}id/{path}")


def commentary_iri(commentary_key: str) -> URIRef:
    return res(f"commentary/{commentary_key}")


def section_iri(commentary_key: str, number: str) -> URIRef:
    return res(f"commentary/{commentary_key}/section/{number.rstrip('.')}")


def paragraph_iri(commentary_key: str, number: int) -> URIRef:
    return res(f"commentary/{commentary_key}/para/{number}")


def footnote_iri(commentary_key: str, number: int) -> URIRef:
    return res(f"commentary/{commentary_key}/fn/{number}")


def citation_iri(commentary_key: str, footnote: int | None, index: int) -> URIRef:
    where = f"fn/{footnote}" if footnote is not None else "bibliography"
    return res(f"commentary/{commentary_key}/{where}/cite/{index}")


def bib_entry_iri(commentary_key: str, index: int) -> URIRef:
    return res(f"commentary/{commentary_key}/bibliography/{index}")


def placeholder_iri(article: str, section: str | None = None) -> URIRef:
    """A chapter of the same commentary that we have not ingested (yet)."""
    base = f"commentary/article-{slug(article)}"
    return res(base if not section else f"{base}/section/{section.rstrip('.')}")


def document_iri(document: str) -> URIRef:
    return res(f"source/{doc_slug(document)}")


def person_iri(key: str) -> URIRef:
    return res(f"person/{key}")


def organisation_iri(key: str) -> URIRef:
    return res(f"org/{key}")


ELI_BASE = "http://data.europa.eu/eli/"
# Acts the commentary names by a short name; their ELIs follow from type, year and number.
ACT_NUMBERS = {
    "AI Act": "Regulation 2024/1689",
    "DMA": "Regulation 2022/1925",
    "DSA": "Regulation 2022/2065",
    "MSR": "Regulation 2019/1020",
    "GDPR": "Regulation 2016/679",
    "P2B Regulation": "Regulation 2019/1150",
}
# Legislation cited as a work under a key that is not its number: the work is the act's node.
ACT_WORK_KEYS = {"tfeu": "TFEU"}
_ELI_TYPE = {"regulation": "reg", "directive": "dir", "decision": "dec"}
_CELEX_TYPE = {"reg": "R", "dir": "L", "dec": "D"}


def _year(x: str) -> int | None:
    """A plausible year of an EU act: `2011`, or `92` (→ 1992) in a two-digit number."""
    if len(x) == 4 and 1950 <= int(x) <= 2035:
        return int(x)
    if len(x) == 2:
        return 1900 + int(x) if int(x) >= 50 else 2000 + int(x)
    return None


def act_number(name: str) -> tuple[str, int, int] | None:
    """(ELI type, year, number) of an EU act named by type and number, however written:
    `Regulation (EU) 2024/1689`, `Directive 2011/95/EU`, `Council Directive 92/43/EEC`,
    `Regulation (EC) No 1272/2008`, `Commission Delegated Regulation (EU) 2023/2772`, or the work
    keys made from them (`regulation-ec-1272-2008`, `directive-92-43-eec`). None for anything else."""
    t = ACT_NUMBERS.get(name, name).lower().replace("-", " ")
    m = re.match(r"(?:council |commission )?(?:(delegated|implementing) )?(regulation|directive|decision)\b(.*)$", t)
    if not m:
        return None
    nums = re.findall(r"\d+", m.group(3))
    if len(nums) != 2 or re.search(r"[a-z]{4,}", re.sub(r"\b(eu|ec|eec|euratom|no)\b", "", m.group(3))):
        return None
    a, b = nums
    kind = _ELI_TYPE[m.group(2)] + {"delegated": "_del", "implementing": "_impl"}.get(m.group(1) or "", "")
    long_years = [x for x in (a, b) if len(x) == 4 and _year(x)]
    if long_years:
        year, number = (a, b) if long_years[0] == a else (b, a)
    elif _year(a) and _year(b):  # 92/43/EEC: directives and decisions put the year first, old regulations last
        year, number = (a, b) if kind.startswith(("dir", "dec")) else (b, a)
    else:
        year, number = (b, a) if _year(b) else (a, b)
    return kind, _year(year) or int(year), int(number)


def eli_of(name: str) -> str | None:
    """`eli_of("Directive 2011/95/EU") == "http://data.europa.eu/eli/dir/2011/95/oj"`."""
    found = act_number(name)
    return f"{ELI_BASE}{found[0]}/{found[1]}/{found[2]}/oj" if found else None


def celex_of(name: str) -> str | None:
    """The CELEX number of an EU act (sector 3): `Regulation (EU) 2024/1689` → `32024R1689`."""
    found = act_number(name)
    if not found:
        return None
    kind, year, number = found
    return f"3{year}{_CELEX_TYPE[kind.split('_')[0]]}{number:04d}"


def act_iri(instrument: str) -> URIRef:
    """An act is its official ELI where type, year and number give one (the AI Act, DMA, Directive
    2011/95 ...); else (TFEU, the Charter) a project IRI."""
    eli = eli_of(instrument)
    return URIRef(eli) if eli else res(f"act/{slug(instrument)}")


def work_iri(key: str) -> URIRef:
    """A cited work; cited legislation is the act's own node (its ELI), never a second node."""
    if key in ACT_WORK_KEYS:
        return act_iri(ACT_WORK_KEYS[key])
    eli = eli_of(key)
    return URIRef(eli) if eli else res(f"work/{key}")


def provision_iri(key: str, instrument: str = "AI Act") -> URIRef:
    """Akoma Ntoso-style eId under the act's ELI path: `art_51__para_1__point_a`."""
    if instrument == "AI Act":
        return URIRef(f"{BASE}eli/reg/2024/1689/{key}")
    return res(f"act/{slug(instrument)}/{key}")


EURLEX_PREFIX = {"art": "art", "rct": "rct", "anx": "anx"}


def eurlex_anchor(key: str) -> str | None:
    """The EUR-Lex HTML anchor of the article, recital or annex a provision is in: `art_51__para_1`
    → `art_51`, `rct_111__sent_2` → `rct_111`, `anx_XIII__point_f` → `anx_XIII`. EUR-Lex has no
    stable anchors below that, so finer provisions link to the anchor of the unit they are in."""
    head = key.split("__", 1)[0]
    kind, _, number = head.partition("_")
    return f"{kind}_{number}" if kind in EURLEX_PREFIX and number else None


def eurlex_url(instrument: str, key: str) -> str | None:
    """`https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:32024R1689#art_51`."""
    celex, anchor = celex_of(instrument), eurlex_anchor(key)
    if not celex or not anchor:
        return None
    return f"https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:{celex}#{anchor}"


def definition_iri(number: int) -> URIRef:
    return provision_iri(f"art_3__point_{number}")


def issue_iri(key: str) -> URIRef:
    return res(f"issue/{key}")


def same_question_iri(first: str, second: str) -> URIRef:
    return res(f"same-question/{first}--{second}")


def position_iri(key: str) -> URIRef:
    return res(f"position/{key}")


def argument_iri(key: str) -> URIRef:
    return res(f"argument/{key}")


def attribution_iri(position: str, footnote: int, work: str) -> URIRef:
    return res(f"attribution/{position}/fn{footnote}/{work}")


def span_iri(node: str) -> URIRef:
    return URIRef(f"{node}#span")


# ---- decisions ---------------------------------------------------------------------------------


def decision_iri(identifier: str) -> URIRef:
    """A decision the commentary does not cite: `C(2025) 5045 final` → …/id/decision/c-2025-5045-final.
    A decision it cites is the work node of those citations (one node per act)."""
    return res(f"decision/{slug(identifier)}")


def holding_iri(decision: str, n: int) -> URIRef:
    return URIRef(f"{decision}/holding/{n}")


def cited_for_iri(decision: str, n: int) -> URIRef:
    return URIRef(f"{decision}/cited-for/{n}")


def decision_kind_iri(kind: str) -> URIRef:
    return res(f"decision-kind/{kind}")


def rule_iri(name: str) -> URIRef:
    return res(f"rule/{name}")
