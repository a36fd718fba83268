"""The commentary author's own view: the cue phrases with which he takes a side, rejections
inferred from an endorsed alternative, and the issues where no view is recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.argue.extract import sentence_around
from kg.argue.layer import ArgumentLayer, Position
from kg.models import Commentary

# Phrases with which the commentary's author takes a side, in the order they are tried (a longer
# phrase before the shorter one it contains: "not entirely convincing" before "convincing").
VIEW_CUES: list[tuple[str, re.Pattern[str]]] = [
    # he rejects: "not entirely convincing" (paras 20, 32, 37), "ultimately less convincing" (56),
    # "not persuasive", "cannot be followed", "does not appear sufficient justification" (94),
    # "not close at hand" (136, fn 73), "lack necessary nuance" (114), "does not appear supported" (117)
    (
        "rejects",
        re.compile(
            r"\b(?:not|less|hardly)\s+(?:entirely\s+|very\s+|particularly\s+)?(?:convincing|persuasive|compelling)\b"
            r"|\bcannot be followed\b|\bnot (?:be )?persuasive\b"
            r"|\bdoes not appear (?:sufficient|supported|close at hand|entirely convincing)\b"
            r"|\bnot close at hand\b|\black[s]? (?:the )?necessary nuance\b|\bsits in tension with\b"
            r"|\bshould (?:therefore )?not be misunderstood\b|\bIt is unlikely that\b|\bappears (?:rather )?doubtful\b"
            r"|\bfails to recognise\b|\bis questionable\b|\bappears unjustified\b|\bweigh against\b",
        ),
    ),
    # he leaves it open: "appears highly uncertain" (para 131), "it remains uncertain whether" (132),
    # "Compelling arguments can be made in support of both interpretations" (41), "far from certain" (108)
    (
        "no view",
        re.compile(
            r"\b(?:highly |rather )?uncertain\b|\bremains? (?:unclear|open)\b|\bfar from certain\b"
            r"|\bin support of both\b|\bmerits consideration\b|\bno simple answer\b",
        ),
    ),
    # he endorses: "is compelling" (17), "The more compelling view is" (43, 57), "is indeed convincing" (78),
    # "the more compelling arguments support" (103, 144), "rightly" (33), "appears more natural" (67),
    # "it is submitted", "in our view", "deserves preference", "the better view"
    (
        "endorses",
        re.compile(
            r"\b(?:more |indeed |is |are )?(?:compelling|convincing|persuasive)\b|\b[Ii]t is submitted\b"
            r"|\b[Ii]n our view\b|\bdeserves? preference\b|\b[Tt]he better view\b|\brightly\b"
            r"|\bmore (?:natural|appropriate)\b"
            r"|\bis (?:ultimately )?correct\b|\bthe view taken here\b|\bstrongly suggests?\b|\bis clear\b",
        ),
    ),
]


@dataclass(frozen=True)
class ViewCue:
    """A cue phrase in a margin paragraph: `The more compelling view is that ...` → endorses."""

    paragraph: int
    start: int  # offsets in the paragraph's text
    end: int
    phrase: str
    stance: str  # endorses | rejects | no view


def view_cues(paragraph: int, text: str) -> list[ViewCue]:
    """Every cue phrase of a paragraph, each span claimed by the first pattern that matches it."""
    found: list[ViewCue] = []
    taken: list[tuple[int, int]] = []
    for stance, pattern in VIEW_CUES:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(ViewCue(paragraph, m.start(), m.end(), m.group(0), stance))
    return sorted(found, key=lambda v: v.start)


def propose_author_views(c: Commentary) -> list[ViewCue]:
    """The cues of the whole commentary: where its author may take a side (curation confirms)."""
    return [cue for p in c.paragraphs for cue in view_cues(p.number, p.text)]


def cue_for_view(text: str, paragraph: int, offset: int, quote: str, stance: str) -> ViewCue | None:
    """The cue of the curated stance in the sentence(s) the quote sits in, if extraction finds one."""
    start, _ = sentence_around(text, offset)
    _, end = sentence_around(text, offset + len(quote))
    for cue in view_cues(paragraph, text[start:end]):
        if cue.stance == stance:
            return ViewCue(paragraph, start + cue.start, start + cue.end, cue.phrase, cue.stance)
    return None


def infer_rejections(positions: list[Position]) -> None:
    """A position the author says nothing about is rejected when he endorses an alternative on the
    same issue, unless the annotation says the two can hold together (`coexists_with`)."""
    by_issue: dict[str, list[Position]] = {}
    for p in positions:
        by_issue.setdefault(p.issue, []).append(p)
    for group in by_issue.values():
        endorsed = [p for p in group if p.view_stance == "endorses"]
        for p in group:
            if p.view_stance is not None:
                continue
            rivals = [e for e in endorsed if e.id not in p.coexists_with and p.id not in e.coexists_with]
            if rivals:
                e = rivals[0]
                p.view_stance, p.endorsed, p.view_basis, p.view_inferred_from = "rejects", False, "inferred", e.id
                p.view_paragraph, p.view_quote, p.view_offset = e.view_paragraph, e.view_quote, e.view_offset
                p.view_cue = e.view_cue  # proposed by extraction exactly when the endorsement was


def issues_without_author_view(layer: ArgumentLayer) -> list[str]:
    """Issues on none of whose positions the author's view is recorded (stated, open or inferred):
    the count `kg coverage` reports."""
    recorded = {p.issue for p in layer.positions if p.view_stance is not None}
    return [i.id for i in layer.issues if i.id not in recorded]


def author_view_counts(layer: ArgumentLayer) -> dict[str, int]:
    """How many positions carry each author view, and how many stated views the cues found."""
    views = [p.view_stance or "not recorded" for p in layer.positions]
    stated = [p for p in layer.positions if p.view_basis == "stated"]
    return {
        "endorses": views.count("endorses"),
        "rejects": views.count("rejects"),
        "no view": views.count("no view"),
        "not recorded": views.count("not recorded"),
        "inferred": sum(p.view_basis == "inferred" for p in layer.positions),
        "stated": len(stated),
        "stated_found_by_cue": sum(p.view_cue is not None for p in stated),
        "issues_without_author_view": len(issues_without_author_view(layer)),
    }
