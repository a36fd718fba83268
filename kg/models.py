"""Plain records passed between the pipeline steps (clean → parse → find → resolve → link → emit).

Every record that comes from text carries a `Span`: the source document and the character
offsets in the *cleaned* text plus the same span mapped back to the raw file, so a
researcher can always get back to the sentence a fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from kg.ingest.clean import OffsetMap


class SourceError(Exception):
    """A source that cannot be read or parsed at all: the build stops, the store stays as it was."""


@dataclass(frozen=True)
class Span:
    """Where a piece of text sits: `document` (file name), cleaned offsets, raw offsets."""

    document: str
    start: int
    end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class Definition:
    """An Article 3 definition harvested from the page's inline tooltips, e.g. Art. 3(63)."""

    number: int
    term: str
    text: str
    occurrences: int


@dataclass
class Section:
    """A numbered heading of the commentary, e.g. `2.1.1.1.` 'Commission designation ...'."""

    number: str  # "2.1.1.1."
    title: str
    parent: str | None
    span: Span

    @property
    def depth(self) -> int:
        return self.number.count(".")


@dataclass
class FootnoteMarker:
    """The superscript number in the body that points to a footnote."""

    number: int
    paragraph: int | None  # margin paragraph; None when the marker sits in a heading
    section: str | None
    offset: int  # offset in the cleaned document
    offset_in_paragraph: int | None


@dataclass
class MarginParagraph:
    number: int
    section: str | None
    text: str
    span: Span
    footnotes: list[int] = field(default_factory=list)


@dataclass
class Footnote:
    number: int
    text: str
    span: Span
    paragraph: int | None = None
    marker_offset: int | None = None  # character position of the marker within the paragraph text


@dataclass
class BibEntry:
    """One line of the select bibliography, before the work is recognised."""

    index: int
    text: str
    span: Span


@dataclass
class ProvisionText:
    """A provision text as printed in a source (the page's copy of Art. 51, Annex XIII, recitals,
    or the official text of Art. 52). `key` is the local id, e.g. `art_51__para_1__point_a`."""

    key: str
    text: str
    span: Span | None
    source: str


@dataclass
class Warning_:
    """A problem worth a researcher's attention that does not stop the build."""

    document: str
    where: str
    message: str

    def __str__(self) -> str:
        """`002_….txt: footnote 123: (n 999) points to no footnote`; a warning about the whole build
        (`persons: ...`) has no document."""
        return ": ".join(p for p in (self.document, self.where, self.message) if p)


@dataclass
class Commentary:
    """One parsed commentary chapter."""

    document: str
    title: str
    author: str
    article: str | None  # commented article number, e.g. "51"
    text: str  # cleaned text
    raw: str
    sections: list[Section]
    paragraphs: list[MarginParagraph]
    footnotes: list[Footnote]
    bibliography: list[BibEntry]
    provisions: list[ProvisionText]
    definitions: list[Definition]
    warnings: list[Warning_] = field(default_factory=list)
    url: str | None = None
    date: str | None = None
    offsets: OffsetMap | None = None  # cleaned offsets → raw-file offsets

    def paragraph(self, number: int) -> MarginParagraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def footnote(self, number: int) -> Footnote | None:
        return next((f for f in self.footnotes if f.number == number), None)


# ---- citations -------------------------------------------------------------------------------

WorkKind = Literal["chapter", "article", "report", "book", "guidelines", "code", "case", "web", "legislation"]
# how a citation found its work: cited in full, a short form `(n N)` followed, or not at all
Resolution = Literal["full", "short-form", "unresolved"]


@dataclass
class Person:
    key: str  # e.g. "haar-tobias"
    family: str
    given: str | None = None
    initials: str | None = None
    variants: set[str] = field(default_factory=set)
    # added by resolve: the roles this person plays across works ("author", "editor")
    roles: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return (
            f"{self.given} {self.family}"
            if self.given
            else (f"{self.family} {self.initials}" if self.initials else self.family)
        )


@dataclass
class Work:
    """A cited work: a commentary chapter, article, report, guidelines, judgment, web page."""

    key: str
    kind: WorkKind
    title: str
    authors: list[str] = field(default_factory=list)  # person keys
    editors: list[str] = field(default_factory=list)
    container: str | None = None
    edition: str | None = None
    publisher: str | None = None
    year: str | None = None
    url: str | None = None
    doi: str | None = None
    identifier: str | None = None  # ECLI, case number, document number
    short_title: str | None = None
    in_bibliography: bool = False
    first_footnote: int | None = None
    organisation: str | None = None  # Commission, court, JRC
    # added by resolve
    volume: str | None = None  # journal volume
    first_page: str | None = None  # first page of an article or chapter (not a pinpoint)
    case_number: str | None = None  # `C-97/15`
    ecli: str | None = None  # `ECLI:EU:C:2016:556`
    accessed: str | None = None  # `7 January 2026`
    cited_in: list[int] = field(default_factory=list)  # footnotes citing the work (full or short form)
    bibliography_entries: list[int] = field(default_factory=list)  # select-bibliography indexes


@dataclass(kw_only=True)
class Bibliographic:
    """The bibliographic fields a citation gives for its work, as written (all optional).

    A detector fills them in from the text (kg.ingest.detectors); `Citation` carries them. A new
    field goes here and nowhere else to travel from the text to the citation.
    """

    title: str | None = None
    container: str | None = None  # the book of a chapter, the journal of an article, `OJ L 265/1`
    edition: str | None = None
    publisher: str | None = None
    year: str | None = None
    url: str | None = None
    doi: str | None = None
    identifier: str | None = None  # ECLI, case number, document number, report number
    volume: str | None = None
    first_page: str | None = None  # first page of an article or chapter (not a pinpoint)
    accessed: str | None = None
    ecli: str | None = None
    case_number: str | None = None
    organisation: str | None = None  # the body behind a work: Commission, court, JRC
    editors_text: str | None = None


@dataclass
class Citation(Bibliographic):
    """One act of citing inside a footnote (or the bibliography); its bibliographic fields are
    keyword-only (from `Bibliographic`)."""

    footnote: int | None
    index: int  # order within the footnote
    text: str  # the citation's own text
    start: int  # offsets within the footnote text
    end: int
    signal: str | None
    pinpoint: str | None
    work: str | None = None  # work key once resolved
    short_form: bool = False
    via_footnote: int | None = None  # the `(n N)` target
    authors_text: str | None = None
    short_title: str | None = None
    parenthetical: str | None = None
    resolution: Resolution = "unresolved"
    note: str | None = None
    # ---- added by find_citations / resolve ----
    document: str | None = None
    signal_phrase: str | None = None  # the whole lead-in where longer than the signal ("In favour of ...")
    signal_inherited: bool = False  # the signal was carried over from an earlier citation of the same string
    kind: WorkKind | None = None  # as recognised in the text (None for short forms until resolved)
    authors: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (family, given, initials)
    others: bool = False  # `and others`
    editors: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    defined_name: str | None = None  # (“Schrems II”), (“Commission Guidelines”)
    resolved_by: str | None = None  # how the work was found
    issues: list[str] = field(default_factory=list)  # pinpoint or source oddities worth a warning


@dataclass
class CommentaryCitations:
    """The citations found in one commentary (kg.ingest.find_citations.find_in_commentary), before
    they are resolved to works (kg.ingest.resolve)."""

    document: str
    footnotes: list[int]  # the numbers of its footnotes, the targets a short form `(n N)` may name
    citations: list[Citation]  # of all its footnotes, in order
    bibliography: list[tuple[int, Citation]]  # (bibliography index, the entry read as a citation)
    warnings: list[Warning_] = field(default_factory=list)  # entries that could not be read


@dataclass
class ProvisionRef:
    """A reference in the text to a provision at its finest grain."""

    key: str  # provision key, e.g. "art_52__para_1__sent_3" or "dma:art_3__para_1"
    label: str  # "Art. 52(1) AI Act, third sentence"
    instrument: str  # "AI Act", "DMA", ...
    start: int
    end: int
    text: str


@dataclass
class CrossRef:
    """`See Section 2.1.1.` or `commentary on Article 52, Section 2.2.2. in this work`."""

    section: str
    article: str | None  # None: this chapter
    start: int
    end: int
