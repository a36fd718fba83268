"""Review coverage: which citing footnotes a curator has reviewed, and how each citation is used.

A reviewed footnote (`reviews:` in sources/annotations/*.yaml) has each citation of a work marked:
`attribution` (the work holds a position there), `support` (it advances an argument), `no-stance`
(cited for a fact, a definition, a quotation: the curator's reason is kept), or `unmarked`.
Footnote 69 (`In favour of the requirement of a Commission decision ...: Haar and Siglmüller ...`)
→ seven citations, all `attribution`; footnote 1 (the AI Act itself) cites no work and is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.argue.annotations import AnnotationError, Annotations, FootnoteReview
from kg.argue.curate import match_holder
from kg.argue.layer import ArgumentLayer, Candidate, citations_by_footnote
from kg.models import Citation, Commentary, Work

Mark = Literal["attribution", "support", "no-stance", "unmarked"]


@dataclass
class CitationMarking:
    index: int  # the citation's index in the footnote
    work: str
    excerpt: str
    mark: Mark
    reason: str | None = None


@dataclass
class FootnoteCoverage:
    document: str
    footnote: int
    paragraph: int | None
    section: str | None
    reviewed: bool
    marks: list[CitationMarking]
    raw_start: int
    raw_end: int


@dataclass
class Coverage:
    footnotes: list[FootnoteCoverage] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # neither adopted nor rejected

    def unreviewed(self, document: str | None = None) -> list[FootnoteCoverage]:
        return [f for f in self.footnotes if not f.reviewed and document in (None, f.document)]


def _reviews_of(annotations: Annotations | None, c: Commentary, by_fn: dict[int, list[Citation]]) -> dict:
    """footnote → its review; a review of a footnote that does not exist or cites no work is an error."""
    out: dict[int, FootnoteReview] = {}
    for r in annotations.reviews if annotations else []:
        if r.commentary != c.document:
            continue
        if c.footnote(r.footnote) is None:
            raise AnnotationError(r.file, r.line, f"footnote {r.footnote} does not exist in {c.document}")
        if not any(cit.work for cit in by_fn.get(r.footnote, [])):
            raise AnnotationError(r.file, r.line, f"footnote {r.footnote} cites no work: there is nothing to review")
        out[r.footnote] = r
    return out


def _used(layer: ArgumentLayer, document: str) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(footnote, work) pairs attributed to a position, and those advancing an argument."""
    attributed = {(a.footnote, a.work) for a in layer.attributions if a.document == document}
    advancing = {
        (a.advanced_by.footnote, a.advanced_by.work)
        for a in layer.arguments
        if a.advanced_by is not None and a.document == document
    }
    return attributed, advancing


def _marks(
    review: FootnoteReview | None,
    cits: list[Citation],
    used: tuple[set[tuple[int, str]], set[tuple[int, str]]],
    rejected: dict[tuple[int, str], str],
    works: dict[str, Work],
    persons,
) -> list[CitationMarking]:
    attributed, advancing = used
    named: dict[int, str] = {}
    for m in review.no_stance if review else []:
        cit = match_holder(m.ref(), cits, works, persons)  # raises: the footnote does not cite it
        named[cit.index] = m.reason
    out = []
    for cit in cits:
        if not cit.work:
            continue
        key = (cit.footnote or 0, cit.work)
        mark: Mark
        reason = None
        if key in attributed:
            mark = "attribution"
        elif key in advancing:
            mark = "support"
        elif cit.index in named or key in rejected or (review and review.reason):
            mark, reason = "no-stance", named.get(cit.index) or rejected.get(key) or (review.reason if review else None)
        else:
            mark = "unmarked"
        out.append(CitationMarking(cit.index, cit.work, cit.text, mark, reason))
    return out


def coverage(
    commentaries: dict[str, tuple[Commentary, str]],
    citations: dict[str, list[Citation]],
    layer: ArgumentLayer,
    annotations: Annotations | None,
    works: dict[str, Work],
    persons,
) -> Coverage:
    """Every footnote that cites a work, reviewed or not, with its citations marked."""
    out = Coverage()
    rejected = {
        (c.attribution.footnote, c.attribution.work): c.reason or "" for c in layer.candidates if c.status == "rejected"
    }
    for doc, (c, _) in commentaries.items():
        by_fn = citations_by_footnote(citations.get(doc, []))
        reviews = _reviews_of(annotations, c, by_fn)
        used = _used(layer, doc)
        for f in c.footnotes:
            cits = by_fn.get(f.number, [])
            if not any(cit.work for cit in cits):
                continue
            review = reviews.get(f.number)
            para = c.paragraph(f.paragraph) if f.paragraph is not None else None
            section = para.section if para is not None else None
            marks = _marks(review, cits, used, rejected, works, persons)  # reviewed or not: what the layer uses
            out.footnotes.append(
                FootnoteCoverage(
                    doc, f.number, f.paragraph, section, review is not None, marks, f.span.raw_start, f.span.raw_end
                )
            )
    out.candidates = [cand for cand in layer.candidates if cand.status == "open"]
    return out


def summary(cov: Coverage) -> dict:
    """Per section and for the chapter: citing footnotes, reviewed, and citation marks."""

    def count(fs: list[FootnoteCoverage]) -> dict:
        marks = [m.mark for f in fs for m in f.marks]
        return {
            "citing_footnotes": len(fs),
            "reviewed": sum(f.reviewed for f in fs),
            "attributed": marks.count("attribution"),
            "support": marks.count("support"),
            "no_stance": marks.count("no-stance"),
            "unmarked": marks.count("unmarked"),
        }

    sections: dict[str, list[FootnoteCoverage]] = {}
    for f in cov.footnotes:
        sections.setdefault(f.section or "-", []).append(f)
    return {
        "chapter": count(cov.footnotes),
        "sections": {s: count(fs) for s, fs in sections.items()},
        "unreviewed": [
            {
                "commentary": f.document,
                "footnote": f.footnote,
                "paragraph": f.paragraph,
                "section": f.section,
                "source": {"start": f.raw_start, "end": f.raw_end},
            }
            for f in cov.unreviewed()
        ],
        "open_candidates": [
            {
                "commentary": c.attribution.document,
                "footnote": c.attribution.footnote,
                "work_id": c.attribution.work,
                "position": c.attribution.position,
                "signal": c.attribution.signal,
                "source": {
                    "start": c.attribution.citation.start,
                    "end": c.attribution.citation.end,
                    "excerpt": c.attribution.citation.text,
                },
            }
            for c in cov.candidates
        ],
    }
