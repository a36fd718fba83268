"""The argument layer as plain data: issues, positions, attributions, arguments and the
extraction candidates review decided on. Extraction (kg.argue.extract) proposes it, curation
(kg.argue.curate) corrects and completes it, kg.argue.link joins the two."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.models import Citation


@dataclass
class Attribution:
    position: str
    document: str
    footnote: int
    work: str
    citation: Citation
    strength: str
    derivation: str  # extraction | curation
    signal: str | None
    review: str = "extracted"  # extracted | extracted-and-confirmed | curated (see REVIEW)
    cue: str | None = None  # extraction: what proposed it where no cue phrase did (`continues fn 395`)


@dataclass
class Position:
    id: str
    issue: str
    label: str
    derivation: str
    endorsed: bool | None = None  # True endorses, False rejects, None: no view stated
    view_paragraph: int | None = None
    view_quote: str | None = None
    view_offset: int | None = None
    view_stance: str | None = None  # endorses | rejects | no view; None: nothing recorded
    view_basis: str | None = None  # stated (the quote says so) | inferred (he endorses an alternative)
    view_inferred_from: str | None = None  # the endorsed alternative a rejection follows from
    view_cue: str | None = None  # the cue phrase extraction found in the quoted sentence, if any
    coexists_with: list[str] = field(default_factory=list)


@dataclass
class ArgumentSource:
    """A cited work that carries an argument: the footnote and citation where the commentary cites it."""

    document: str
    footnote: int
    work: str
    citation: Citation
    signal: str | None


@dataclass
class Argument:
    id: str
    issue: str
    label: str
    kind: str
    paragraph: int
    supports: str | None
    attacks: str | None
    attacks_argument: str | None
    advanced_by_author: bool
    advanced_by: Attribution | None  # the cited holder who advances it
    document: str
    stance: str = "advances"  # the commentary author's: advances | raises | reports | concedes
    qualifies: str | None = None  # the position or argument a concession or qualification limits
    qualifies_argument: bool = False  # the qualified target is an argument (else a position)
    footnote: int | None = None  # where it is made, or the footnote its sentence carries
    made_in: str = "paragraph"  # paragraph | footnote
    source_start: int = 0  # offsets of its words within that paragraph's or footnote's text
    source_end: int = 0
    source_text: str = ""
    located_by: str = "quote"  # quote (curated words) | sentence (the paragraph's best-matching sentence)
    sources: list[ArgumentSource] = field(default_factory=list)


@dataclass
class Issue:
    id: str
    label: str
    question: str
    document: str
    provisions: list[str]
    paragraphs: list[int]
    derivation: str


REVIEW = ("extracted", "extracted-and-confirmed", "curated", "rejected")


@dataclass
class Candidate:
    """An extraction candidate and what review did with it: `confirmed` (curation placed it where
    extraction did), `corrected` (curation placed the same citation elsewhere), `adopted` (left
    as extracted in a reviewed footnote), `rejected` (with the curator's reason), or `open`
    (left as extracted in a footnote nobody has reviewed)."""

    attribution: Attribution
    status: str
    reason: str | None = None


def citations_by_footnote(citations: list[Citation]) -> dict[int, list[Citation]]:
    """A commentary's citations grouped by the footnote that carries them, in text order."""
    out: dict[int, list[Citation]] = {}
    for cit in citations:
        if cit.footnote is not None:
            out.setdefault(cit.footnote, []).append(cit)
    return out


@dataclass
class ArgumentLayer:
    issues: list[Issue] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    same_questions: list = field(default_factory=list)  # kg.argue.crosslink.SameQuestion, across chapters
