"""Link the argument layer: interpretive issues, positions, attributions and arguments.

Extraction (kg.argue.extract) reads the text's cues into candidates; curation (kg.argue.curate)
names, corrects and completes them from the annotations; this module joins the two per
commentary (curated where annotated, extracted elsewhere), reports what review did, and gives
the curator's worklist.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.argue.annotations import Annotations
from kg.argue.author_view import author_view_counts
from kg.argue.curate import adopt, annotation_applies, curate, rejected_candidates, review_no_stance, reviewed_footnotes
from kg.argue.extract import BODY_CUE, FOOTNOTE_CUE, extract, sentence_around
from kg.argue.layer import REVIEW, ArgumentLayer, Candidate, citations_by_footnote
from kg.models import Citation, Commentary, Person, Work


def link(
    commentaries: dict[str, tuple[Commentary, str]],
    citations: dict[str, list[Citation]],
    works: dict[str, Work],
    persons: dict[str, Person],
    annotations: Annotations | None,
    provision_exists: Callable[[str], bool],
) -> ArgumentLayer:
    """The argument layer of all commentaries: curated where annotated, extracted elsewhere."""
    extracted = {doc: extract(c, key, citations.get(doc, []), works) for doc, (c, key) in commentaries.items()}
    notes = annotations.issues if annotations else []
    annotated_docs = {i.commentary for i in notes if annotation_applies(i, commentaries)}
    skipped = sorted(
        {
            f"{i.file} (for {i.commentary}"
            + (", another version of the text" if i.commentary in commentaries else "")
            + ")"
            for i in notes
            if not annotation_applies(i, commentaries)
        }
    )
    layer = (
        curate(annotations, commentaries, citations, works, persons, extracted, provision_exists)
        if annotations and annotated_docs
        else ArgumentLayer()
    )
    for a in layer.attributions:
        a.review = "extracted-and-confirmed" if a.derivation == "extraction" else "curated"
    for doc, ex in extracted.items():
        c = commentaries[doc][0]
        reviewed = reviewed_footnotes(annotations, doc) if doc in annotated_docs else set()
        if doc in annotated_docs:
            by_fn = citations_by_footnote(citations.get(doc, []))
            rejected = rejected_candidates(annotations, c, by_fn, ex, works, persons)
            adopt(layer, ex, doc, rejected, reviewed, review_no_stance(annotations, doc, by_fn, works, persons))
            continue
        layer.issues += ex.issues
        layer.positions += ex.positions
        layer.attributions += ex.attributions
        layer.candidates += [Candidate(a, "open") for a in ex.attributions]
    layer.report = _report(layer, extracted, skipped)
    return layer


def _report(layer: ArgumentLayer, extracted: dict[str, ArgumentLayer], skipped: list[str]) -> dict:
    total = len(layer.attributions)
    from_extraction = sum(a.derivation == "extraction" for a in layer.attributions)
    status = {s: sum(c.status == s for c in layer.candidates) for s in CANDIDATE_STATUS}
    return {
        "attributions": total,
        "from_extraction": from_extraction,
        "needed_curation": total - from_extraction,
        "extracted_candidates": sum(len(ex.attributions) for ex in extracted.values()),
        "extracted_not_curated": status["adopted"] + status["open"] + status["rejected"],
        "candidates": status,
        "review": {r: sum(a.review == r for a in layer.attributions) for r in REVIEW[:3]},
        "issues": len(layer.issues),
        "positions": len(layer.positions),
        "arguments": len(layer.arguments),
        "annotations_skipped": skipped,
        "author_views": author_view_counts(layer),
    }


CANDIDATE_STATUS = ("confirmed", "corrected", "adopted", "rejected", "open")


# ---- the curator's worklist ------------------------------------------------------------------


def cue_of(c: Commentary, footnote: int) -> str | None:
    """The words that made extraction propose a camp at a footnote: a body cue phrase in the
    marker's sentence (`Scholars are divided`), else a footnote cue (`who argues`)."""
    f = c.footnote(footnote)
    p = c.paragraph(f.paragraph) if f is not None and f.paragraph is not None else None
    if f is None or p is None or f.marker_offset is None:
        return None
    s, e = sentence_around(p.text, f.marker_offset)
    m = BODY_CUE.search(p.text[s:e]) or FOOTNOTE_CUE.search(f.text)
    return m.group(0) if m else None


def candidate_rows(
    layer: ArgumentLayer, commentaries: dict[str, tuple[Commentary, str]], works: dict[str, Work], section: str | None
) -> list[dict]:
    """Every extraction candidate with its status, cue, signal and the citation's words, ready to
    copy into an annotation file as `{footnote: N, holder: ...}`."""
    rows = []
    for cand in layer.candidates:
        a = cand.attribution
        c = commentaries[a.document][0]
        f = c.footnote(a.footnote)
        p = c.paragraph(f.paragraph) if f is not None and f.paragraph is not None else None
        if section and (p is None or p.section != section):
            continue
        w = works[a.work]
        rows.append(
            {
                "commentary": a.document,
                "section": p.section if p else None,
                "paragraph": p.number if p else None,
                "footnote": a.footnote,
                "holder": a.citation.authors_text or w.organisation or w.title[:60],
                "work": w.short_title or w.title,
                "work_id": a.work,
                "position": a.position,
                "strength": a.strength,
                "signal": a.signal,
                "cue": a.cue or cue_of(c, a.footnote),
                "status": cand.status,
                "reason": cand.reason,
                "source": a.citation.text,
            }
        )
    return rows
