"""Link the argument layer: interpretive issues, positions, attributions and arguments.

Extraction (in code) reads two kinds of cue:
- footnote signals that set out camps: `In favour of automatic classification under Article 51(1)(a): A; see also B`,
  `...; opposing view: C`, `seemingly opposing view: D`, `unclear: E`, `against:`, `however, see F`;
- body cue phrases around a footnote marker: `Scholars are divided on whether X69 or whether Y.70`,
  `Some authors contend that ...78`, `It has further been proposed ...`, `Legal scholars have rightly noted ...`.
Each camp becomes a candidate position whose holders are the works cited in that part of the
footnote (from the parsed, resolved citations); camps are grouped into one candidate issue per
section, and candidate positions of an issue that share an explicit holder are merged.

Curation (sources/annotations/*.yaml) names and words issues and positions and places holders
and arguments; every anchor is checked against the parsed text. Where a commentary has
annotations they are authoritative; each curated attribution is marked `extraction` when the
extraction found the same (footnote, work) in the same camp as the other holders it was
placed with, else `curation`.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kg.argue.annotations import AUTHOR, AnnotationError, Annotations, HolderRef, IssueNote
from kg.ingest.find_provisions import find_provisions
from kg.models import Citation, Commentary, MarginParagraph, Person, Work

OPENER = re.compile(
    r"(?P<favour>\bIn favour(?: of (?P<what>[^:;]{3,200}?))?:)"
    r"|(?P<seem>\(?\b(?:[Ss]eemingly|[Aa]pparently) opposing view\)?:?)"
    r"|(?P<oppose>\b[Oo]pposing view:?)"
    r"|(?P<against>\b(?:[Aa]gainst|[Cc]ontra):)"
    r"|(?P<unclear>\b[Uu]nclear:|\bdo not expressly address)"
    r"|(?P<however>\b(?:[Hh]owever|[Bb]ut), see\b)"
)
BODY_CUE = re.compile(
    r"""
      Scholars\ are\ divided | [Ss]ome\ (?:legal\ )?(?:authors|scholars|commentators)  # camps of the literature
    | (?:[Oo]pinions|[Vv]iews|[Aa]uthors|[Cc]ommentators|[Tt]he\ literature)\ (?:are\ |is\ )?(?:divided|differ)
    | [Ii]t\ is\ (?:disputed|controversial|contested|debated)\ whether
    | \b(?:is|remains)\ (?:disputed|controversial|contested)\b
    | [Aa]ccording\ to\ (?:one|another|a\ further|the\ opposing|a\ (?:minority|competing|different|contrary))
      \ (?:view|opinion|reading)
    | [Oo]ne\ view | [Aa]nother\ view | [Aa]\ (?:minority|competing|contrary|different)\ view | [Tt]he\ opposing\ view
    | [Oo]ther\ (?:authors|commentators|scholars) | [Mm]ost\ (?:authors|commentators|scholars)
    | [Oo]thers?\ (?:hold|maintain|reject|disagree|object)
    | [Ii]t\ has\ (?:further\ )?been\ (?:proposed|questioned|argued|suggested)   # `It has been questioned whether ...`
    | [Ii]t\ is\ (?:argued|suggested|contended|submitted)                          # `It is argued that ...`
    | [Ll]egal\ scholars\ have | [Oo]thers?\ (?:argue|contend|suggest|consider|take)
    | [Aa]uthors\ (?:argue|contend) | [Tt]hey\ (?:argue|contend|submit)
    | On\ this\ view | According\ to\ this\ view | [Tt]he\ prevailing\ view | [Tt]he\ (?:majority|dominant)\ view
    | [Tt]his\ (?:argument|view|interpretation)
    | argument\ (?:against|in\ favour\ of|for)\b[^.]{0,120}\b(?:posits|holds|is)
    | [Aa]ccording\ to\ (?:its|the\ Commission(?:’s)?)\ Guidelines
    | [Aa]ccording\ to\ (?:the\ )?[A-Z][\w’-]+                                   # `According to Martini, ...`
    | \b[A-Z][\w’-]+(?:\ and\ [A-Z][\w’-]+)?\ (?:considers?|argues?|contends?|suggests?|takes?\ the\ view)\b
    | (?:Commission|Commission’s|Guidelines)\ (?:takes?|took)\ the\ view | takes?\ the\ view
    | shared\ by
    | Commission\ Guidelines\ (?:suggest|state|take|consider|list|lay|specify|specifically\ mention|assume|set\ out
                               |highlight|envisage|expect|mention|indicate)
    | (?:report|scholars?|authors?)\ (?:proposed|suggested|argued|contended)
    | [Ss]cholars?\ (?:have\ )?(?:argued|noted|suggested|contended)
    | \b[Cc]ontrary\ to\b | [Oo]n\ the\ one\ hand | [Oo]n\ the\ other(?:\ hand)?
    # the commentary's own view on a question, backed by the works in the footnote
    | \barguably\b | \bappears?\ (?:to\ be\ |close\ at\ hand|plausible|unlikely|sensible|reasonable)
    | \b(?:could|would|may)\ suggest\b | \bsuggests?\ that\b | \bimplies\b | \bit\ is\ clear\b | \bprecludes?\b
    | \b(?:more\ |less\ |not\ entirely\ |not\ )?(?:compelling|convincing|persuasive)\b | \brightly\b
    | \bthe\ better\ view\b | \bis\ rebuttable\b | \bmore\ appropriate\b | \bin\ line\ with\b | \baligns?\ with\b
    """,
    re.X,
)
FOOTNOTE_CUE = re.compile(
    r"\bwho (?:argues?|concludes?|emphasises?|derives?|describes?|doubts?|contends?|assumes?|considers?)\b|\barguing\b"
    r"|\bassuming that\b|^[Ss]imilar(?:ly)?\b|[Tt]o the same effect|[Aa]pparently unconvinced|\bemphasise\b"
    r"|\b(?:is|are) (?:suggested|presupposed|assumed|shared) by\b|\baligns with\b|\bin favour of\b"
)
DIVIDED = re.compile(  # the question a sentence says the literature is divided on
    r"(?:(?:Scholars|Authors|Commentators|Opinions|Views|The literature) (?:are |is )?(?:divided|differ)"
    r" (?:on|as to|over)"
    r"|[Ii]t is (?:disputed|controversial|contested|debated))"
    r" (whether .*)"
)
CONTRAST = re.compile(r"\s*(?:However|But|Conversely|By contrast|In contrast|Nevertheless)\b")
CONTRARY = re.compile(r"\b[Cc]ontrary to\b")
FIRST_CAMP = re.compile(
    r"[Oo]n the one hand|[Ss]ome (?:legal )?(?:authors|scholars|commentators)"
    r"|[Aa]ccording to one (?:view|opinion|reading)|[Oo]ne view"
)
SECOND_CAMP = re.compile(
    r"[Oo]n the other(?: hand)?|[Oo]thers? (?:argue|contend|consider|suggest|take|hold|maintain|reject|disagree)"
    r"|[Oo]ther (?:authors|commentators|scholars)"
    r"|[Aa]ccording to (?:another|the opposing|a (?:different|competing|contrary)) (?:view|opinion|reading)"
    r"|[Aa]nother view|[Tt]he opposing view|[Aa] (?:minority|competing|contrary|different) view"
)
STRENGTH_OF = {
    "favour": "explicit",
    "seem": "seemingly",
    "oppose": "explicit",
    "against": "explicit",
    "unclear": "unclear",
    "however": "explicit",
    None: "explicit",
}
SEE_ALSO = re.compile(r"\b(?:see also|[Aa]lso see|similarly|cf\.?|further,? see)\b[^;]*$")
MARKER = re.compile(r"(?<=[^\s\d(^/\-–§])(\d{1,4})(?!\d)")


@dataclass
class Camp:
    """One camp of a footnote: the citations after a stance signal, up to the next one."""

    document: str
    footnote: int
    index: int
    kind: str | None  # favour | seem | oppose | against | unclear | however | None (before any signal)
    phrase: str | None
    citations: list[Citation]

    @property
    def opposed(self) -> bool:
        return self.kind in ("seem", "oppose", "against", "however")


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


@dataclass
class ArgumentLayer:
    issues: list[Issue] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    same_questions: list = field(default_factory=list)  # kg.argue.crosslink.SameQuestion, across chapters


# ---- extraction -------------------------------------------------------------------------------


def camps(document: str, footnote_number: int, text: str, citations: list[Citation]) -> list[Camp]:
    """Split a footnote's citations into camps at its stance signals.

    `X (n 9) para 27; see also Y (n 17) para 12; opposing view: Z (n 24) para 6` →
    [Camp(None, [X, Y]), Camp('oppose', [Z])].
    """
    cuts = []
    for m in OPENER.finditer(text):
        kind: str | None = next(k for k in ("favour", "seem", "oppose", "against", "unclear", "however") if m.group(k))
        cuts.append((m.start(), m.end(), kind, m.group("what")))
    bounds: list[tuple[int, str | None, str | None]] = [(0, None, None)] + [(e, k, w) for _, e, k, w in cuts]
    out: list[Camp] = []
    for i, (start, kind, what) in enumerate(bounds):
        end = cuts[i][0] if i < len(cuts) else len(text)
        members = [c for c in citations if c.work and start <= c.start < end]
        if members:
            out.append(Camp(document, footnote_number, len(out) + 1, kind, what, members))
    return out


def strength(camp: Camp, citation: Citation, text: str) -> str:
    """`see also` inside a camp weakens to see-also; the camp's signal decides otherwise."""
    base = STRENGTH_OF.get(camp.kind, "explicit")
    if base == "explicit":
        before = text[: citation.start]
        last_semicolon = max(before.rfind(";"), before.rfind(":"), before.rfind("."))
        if SEE_ALSO.search(before[last_semicolon + 1 :] + " ") or (citation.signal or "").lower() in (
            "see also",
            "cf",
            "similarly",
        ):
            return "see-also"
    return base


_SENTENCE_END = re.compile(r"[.?!](?:[’”)])?(?:\d{1,4})?(?=\s+[A-Z‘“(]|\s*$)")


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding a footnote marker; a sentence may end in a marker (`law.70 According`)."""
    start = 0
    m: re.Match[str] | None
    for m in _SENTENCE_END.finditer(text, 0, offset):
        if m.end() < offset:
            start = m.end()
    m = _SENTENCE_END.search(text, max(0, offset - 2))
    end = m.end() if m else len(text)
    return start, end


def _strip_markers(s: str) -> str:
    return MARKER.sub("", s).strip()


def _key(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:60]


@dataclass
class CampSite:
    """A camp with where the commentary sets it out: its candidate issue and position, the
    sentence carrying the footnote marker, and the label extraction gives the position."""

    issue: str
    position: str
    camp: Camp
    label: str
    paragraph: int
    sentence_start: int = 0  # where the marker's sentence starts in the paragraph
    contrast: bool = False  # the sentence opens with `However,` / `Conversely,`: it answers the one before


def extract(c: Commentary, key: str, citations: list[Citation], works: dict[str, Work] | None = None) -> ArgumentLayer:
    """Candidate issues, positions and attributions from signals and cue phrases alone."""
    by_fn = _by_footnote(citations)
    issues: dict[str, Issue] = {}
    sites: list[CampSite] = []
    rivals: list[tuple[str, str]] = []
    allies: list[tuple[str, str]] = []
    for p in c.paragraphs:
        found = _paragraph_sites(c, key, p, by_fn, works, issues)
        sites += [site for site, _ in found]
        rivals += _footnote_rivals(found) + prose_rivals(p, found)
        allies += prose_allies(found)
    parent = _merge_sides(c, sites, rivals, allies)
    layer = ArgumentLayer()
    layer.positions, layer.attributions = _positions_and_holders(c, sites, parent)
    layer.issues = merge_issues(list(issues.values()), layer)
    return layer


def _by_footnote(citations: list[Citation]) -> dict[int, list[Citation]]:
    out: dict[int, list[Citation]] = {}
    for cit in citations:
        if cit.footnote is not None:
            out.setdefault(cit.footnote, []).append(cit)
    return out


def holder_citations(camp_citations: list[Citation], kind: str | None, works: dict[str, Work] | None) -> list[Citation]:
    """The citations that can hold a view: never a piece of legislation (it is the law, not an
    opinion on it); a judgment only where a stance signal sets out its camp."""
    if works is None:
        return camp_citations
    out = []
    for cit in camp_citations:
        w = works.get(cit.work or "")
        if w is not None and (w.kind == "legislation" or (w.kind == "case" and kind is None)):
            continue
        out.append(cit)
    return out


def _paragraph_sites(c, key, p, by_fn, works, issues) -> list[tuple[CampSite, str | None]]:
    """The camps of a margin paragraph's footnotes, each with the cue that made it a camp."""
    out = []
    for fn in p.footnotes:
        f = c.footnote(fn)
        if f is None or f.marker_offset is None:
            continue
        fcamps = []
        for cp in camps(c.document, fn, f.text, by_fn.get(fn, [])):
            cp.citations = holder_citations(cp.citations, cp.kind, works)
            if cp.citations:
                fcamps.append(cp)
        s, e = _sentence_around(p.text, f.marker_offset)
        sentence = _strip_markers(p.text[s:e])
        cue = BODY_CUE.search(p.text[s:e])
        if not fcamps or (not cue and not FOOTNOTE_CUE.search(f.text) and all(cp.kind is None for cp in fcamps)):
            continue  # a plain `See X` footnote backs a statement; it does not set out a camp
        if cue and CONTRARY.search(p.text[s:e]):
            for cp in fcamps:
                cp.kind = cp.kind or "against"  # `Contrary to X, ...`: X's camp is the other side
        issue = _candidate_issue(c, key, p, sentence, cue is not None, issues)
        contrast = bool(CONTRAST.match(p.text[s:e]) or CONTRARY.search(p.text[s:e]))
        for cp in fcamps:
            site = CampSite(issue.id, f"cand-{key}-fn{fn}-{cp.index}", cp, _label(cp, sentence), p.number, s, contrast)
            out.append((site, cue.group(0) if cue else None))
    return out


def _candidate_issue(c, key, p, sentence: str, cued: bool, issues: dict[str, Issue]) -> Issue:
    """One candidate issue per section; `Scholars are divided on whether ...` gives its question."""
    section = p.section or "0."
    iid = f"cand-{key}-s{section.rstrip('.').replace('.', '-')}"
    if iid not in issues:
        title = next((x.title for x in c.sections if x.number == section), section)
        issues[iid] = Issue(iid, f"{section} {title}", sentence if cued else title, c.document, [], [], "extraction")
    issue = issues[iid]
    if p.number not in issue.paragraphs:
        issue.paragraphs.append(p.number)
    divided = DIVIDED.search(sentence) if cued else None
    if divided:
        issue.question = divided.group(1)
    for ref in find_provisions(sentence) if cued else []:
        if ref.instrument == "AI Act" and ref.key not in issue.provisions:
            issue.provisions.append(ref.key)
    return issue


ISSUE_DEPTH = 4  # camps of sections under one `2.1.2.1.` may be one side of one question
SHARED_ACROSS_SECTIONS = 2  # ... when they share at least this many works


def _section_family(issue_id: str) -> str:
    """`cand-article-51-s2-1-2-1-1` → `2-1-2`: the subtree a candidate issue's section sits in."""
    return "-".join(issue_id.rsplit("-s", 1)[-1].split("-")[:ISSUE_DEPTH])


def _footnote_text(c: Commentary, number: int) -> str:
    f = c.footnote(number)
    return f.text if f is not None else ""


def _label(cp: Camp, sentence: str) -> str:
    if cp.kind == "favour" and cp.phrase:
        return cp.phrase[0].upper() + cp.phrase[1:]
    if cp.opposed:
        return f"Contrary to: {sentence}"
    if cp.kind == "unclear":
        return f"Unclear whether: {sentence}"
    return sentence


def _footnote_rivals(found: list[tuple[CampSite, str | None]]) -> list[tuple[str, str]]:
    """Camps of one footnote on opposite sides of a stance signal (or one of them unclear)."""
    out = []
    for a, _ in found:
        for b, _ in found:
            opposite = a.camp.opposed != b.camp.opposed or "unclear" in (a.camp.kind, b.camp.kind)
            if a.camp.footnote == b.camp.footnote and a.position < b.position and opposite:
                out.append((a.position, b.position))
    return out


def prose_rivals(p: MarginParagraph, found: list[tuple[CampSite, str | None]]) -> list[tuple[str, str]]:
    """Camps set out in prose: `On the one hand ...` against `on the other ...`, `Some authors
    argue ...` against `Others consider ...` in the same margin paragraph."""
    first = [s for s, cue in found if cue and FIRST_CAMP.search(cue)]
    second = [s for s, cue in found if cue and SECOND_CAMP.search(cue)]
    out = [(a.position, b.position) for a in first for b in second if a.camp.footnote != b.camp.footnote]
    for b, _ in found:  # `... this could suggest X.11 However, this arguably oversimplifies.13`; `Contrary to ...`
        before = [a for a, _ in found if a.sentence_start < b.sentence_start]
        if b.contrast and before:
            last = max(a.sentence_start for a in before)
            out += [(a.position, b.position) for a in before if a.sentence_start == last]
    return out


FIRST_READING = re.compile(r"\b[Tt]he (?:first|former) (?:reading|view|interpretation|position|opinion)\b")
SECOND_READING = re.compile(r"\b[Tt]he (?:second|latter) (?:reading|view|interpretation|position|opinion)\b")


def prose_allies(found: list[tuple[CampSite, str | None]]) -> list[tuple[str, str]]:
    """`Some authors argue X.5 Others consider Y.6 The first reading is more convincing …7`: the
    camp of fn 7 is the camp of fn 5 (and `the latter view` the camp of fn 6), in one paragraph."""
    first = [s for s, cue in found if cue and FIRST_CAMP.search(cue)]
    second = [s for s, cue in found if cue and SECOND_CAMP.search(cue)]
    out = []
    for site, _ in found:
        for pattern, named in ((FIRST_READING, first), (SECOND_READING, second)):
            if pattern.search(site.label):
                out += [(n.position, site.position) for n in named if n.sentence_start < site.sentence_start]
    return out


def _merge_sides(
    c: Commentary, sites: list[CampSite], rivals: list[tuple[str, str]], allies: tuple | list = ()
) -> dict[str, str]:
    """Union-find over candidate positions: camps the prose names as one (`the first reading`)
    and camps of one issue sharing an explicit holder take the same side, never two rivals; two
    camps that oppose the same side are one side."""
    sides = _Sides([s.position for s in sites], rivals)
    for a, b in allies:
        sides.union(a, b)
    holders: dict[tuple[str, str], str] = {}
    for site in sites:
        if site.camp.kind == "unclear":
            continue
        text = _footnote_text(c, site.camp.footnote)
        for cit in site.camp.citations:
            if strength(site.camp, cit, text) in ("explicit", "seemingly"):
                k = (site.issue, cit.work or "")
                if k in holders:
                    sides.union(holders[k], site.position)
                holders.setdefault(k, site.position)
    _merge_across_sections(sites, sides)
    kind_of = {s.position: s.camp.kind for s in sites}
    sides.join_common_enemies([(a, b) for a, b in rivals if "unclear" not in (kind_of[a], kind_of[b])])
    return {x: sides.find(x) for x in sides.parent}


def _merge_across_sections(sites: list[CampSite], sides: _Sides) -> None:
    """A question argued again in a subsection: camps of sister sections that cite the same
    works (at least SHARED_ACROSS_SECTIONS of them) take the same side."""
    works = {s.position: {c.work for c in s.camp.citations} for s in sites if s.camp.kind != "unclear"}
    family = {s.position: _section_family(s.issue) for s in sites}
    issue = {s.position: s.issue for s in sites}
    ids = sorted(works)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if issue[a] != issue[b] and family[a] == family[b] and len(works[a] & works[b]) >= SHARED_ACROSS_SECTIONS:
                sides.union(a, b)


class _Sides:
    """Union-find that refuses to join two positions whose members are rivals."""

    def __init__(self, items: list[str], rivals: list[tuple[str, str]]):
        self.parent = {x: x for x in items}
        self.rival = {frozenset(r) for r in rivals}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def members(self, root: str) -> list[str]:
        return [x for x in self.parent if self.find(x) == root]

    def union(self, a: str, b: str) -> bool:
        a, b = self.find(a), self.find(b)
        if a == b or any(frozenset((x, y)) in self.rival for x in self.members(a) for y in self.members(b)):
            return False
        self.parent[b] = a
        return True

    def join_common_enemies(self, opposed: list[tuple[str, str]]) -> None:
        """Two camps that both oppose the same side are one side (an issue has two sides here)."""
        changed = True
        while changed:
            changed = False
            enemies: dict[str, set[str]] = {}
            for a, b in opposed:
                enemies.setdefault(self.find(a), set()).add(self.find(b))
                enemies.setdefault(self.find(b), set()).add(self.find(a))
            for others in enemies.values():
                ordered = sorted(others)
                for o in ordered[1:]:
                    changed = self.union(ordered[0], o) or changed  # join them all, not just the first
                if changed:
                    break


def _positions_and_holders(c: Commentary, sites: list[CampSite], parent: dict[str, str]):
    """One position per side; each work of a camp is attributed once per footnote."""
    made: dict[str, Position] = {}
    attributions = []
    for site in sites:
        root = parent[site.position]
        if root not in made:
            made[root] = Position(root, site.issue, site.label, "extraction")
        text = _footnote_text(c, site.camp.footnote)
        seen = set()
        for cit in site.camp.citations:
            if cit.work in seen:
                continue
            seen.add(cit.work)
            attributions.append(
                Attribution(
                    root,
                    c.document,
                    site.camp.footnote,
                    cit.work or "",
                    cit,
                    strength(site.camp, cit, text),
                    "extraction",
                    _signal(site.camp, cit),
                )
            )
    return list(made.values()), attributions


def merge_issues(issues: list[Issue], layer: ArgumentLayer) -> list[Issue]:
    """Candidate issues of different sections that ask the same question (most of their
    question's words in common) about the same provision are one issue; their positions move."""
    kept: list[Issue] = []
    into: dict[str, str] = {}
    for issue in issues:
        target = next((k for k in kept if same_question(k, issue)), None)
        if target is None:
            kept.append(issue)
            continue
        into[issue.id] = target.id
        target.paragraphs += [n for n in issue.paragraphs if n not in target.paragraphs]
        target.provisions += [k for k in issue.provisions if k not in target.provisions]
    for p in layer.positions:
        p.issue = into.get(p.issue, p.issue)
    return kept


_WORD = re.compile(r"[a-z0-9()]{4,}")


def same_question(a: Issue, b: Issue) -> bool:
    """`whether Article 51(1)(a) requires a Commission decision` asked again in a later section."""
    wa, wb = set(_WORD.findall(a.question.lower())), set(_WORD.findall(b.question.lower()))
    if min(len(wa), len(wb)) < 6:
        return False  # a section title is not a question
    overlap = len(wa & wb) / min(len(wa), len(wb))
    return bool(set(a.provisions) & set(b.provisions)) and overlap >= 0.6


def _signal(camp: Camp, cit: Citation) -> str | None:
    if cit.signal:
        return cit.signal
    return {
        "favour": "In favour of",
        "seem": "seemingly opposing view",
        "oppose": "opposing view",
        "against": "against",
        "unclear": "unclear",
        "however": "however, see",
    }.get(camp.kind or "")


# ---- curation ---------------------------------------------------------------------------------

_ABBREV = [(re.compile(r"\bArt\.\s*"), "article "), (re.compile(r"\s+"), " ")]


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower()
    for rx, rep in _ABBREV:
        s = rx.sub(rep, s)
    return s.replace("‘", "").replace("’", "").replace("'", "").strip()


def match_holder(ref: HolderRef, cits: list[Citation], works: dict[str, Work], persons: dict[str, Person]) -> Citation:
    """The one citation in the footnote whose work the annotation names; else an AnnotationError."""
    names = [
        n for n in re.split(r",\s*|\s+and\s+|\s*&\s*", ref.holder.replace(" and others", "").replace(" et al", "")) if n
    ]
    found: dict[str, Citation] = {}
    for cit in cits:
        w = works.get(cit.work) if cit.work else None
        if w is None:
            continue
        families = [_norm(persons[a].family) for a in w.authors if a in persons]
        hay = _norm(
            " ".join(
                filter(
                    None,
                    [
                        w.title,
                        w.short_title or "",
                        w.identifier or "",
                        w.organisation or "",
                        w.container or "",
                        cit.text,
                    ],
                )
            )
        )
        if families and all(any(_norm(n) == f for f in families) for n in names):
            ok = True
        else:
            ok = _norm(ref.holder) in hay or _norm(ref.holder) in _norm(cit.text)
        if ok and ref.work:
            ok = _norm(ref.work) in _norm(
                " ".join(filter(None, [w.title, w.short_title or "", cit.short_title or "", cit.text]))
            )
        if ok:
            found.setdefault(w.key, cit)
    if len(found) == 1:
        return next(iter(found.values()))
    cited = sorted({(works[c.work].short_title or works[c.work].title)[:50] for c in cits if c.work in works})
    if not found:
        raise AnnotationError(
            ref.file,
            ref.line,
            f"footnote {ref.footnote} does not cite {ref.holder!r}"
            + (f" ({ref.work!r})" if ref.work else "")
            + f"; it cites: {cited}",
        )
    raise AnnotationError(
        ref.file,
        ref.line,
        f"footnote {ref.footnote}: {ref.holder!r} matches {len(found)} works "
        f"{sorted(found)}; add `work:` with words of the title",
    )


def curate(
    annotations: Annotations,
    commentaries: dict[str, tuple[Commentary, str]],
    citations: dict[str, list[Citation]],
    works: dict[str, Work],
    persons: dict[str, Person],
    extracted: dict[str, ArgumentLayer],
    provision_exists: Callable[[str], bool],
) -> ArgumentLayer:
    """Turn annotation files into the argument layer, validating every anchor."""
    layer = ArgumentLayer()
    positions_seen: dict[str, str] = {}
    argument_ids = {a.id for i in annotations.issues for a in i.arguments}
    for note in annotations.issues:
        if not _applies(note, commentaries):
            continue  # curation of a chapter (or a version of it) not being built: reported by `link`
        c, _ = commentaries[note.commentary]
        chapter = _Chapter(c, _footnote_citations(citations.get(c.document, [])), works, persons, extracted)
        layer.issues.append(_curated_issue(note, c, provision_exists))
        _curate_positions(layer, note, chapter, positions_seen)
        position_ids = {pn.id for pn in note.positions}
        for an in note.arguments:
            _check_argument_targets(an, position_ids, argument_ids)
            arg = _curated_argument(an, note.id, chapter, argument_ids)
            layer.arguments.append(arg)
            if an.stance == "reports" and an.supports:
                _reported_holders(layer, an.supports, arg.sources, chapter)
    _add_holders(layer, annotations, commentaries, citations, works, persons, extracted, positions_seen)
    infer_rejections(layer.positions)
    _mark_extracted(layer, extracted)
    return layer


@dataclass
class _Chapter:
    """What curating one issue needs of its chapter: the text, the citations of each footnote, the
    works and persons they resolve to, and the extractor's attributions (for strength and signal)."""

    commentary: Commentary
    by_footnote: dict[int, list[Citation]]
    works: dict[str, Work]
    persons: dict[str, Person]
    extracted: dict[str, ArgumentLayer]
    camp: dict[tuple[int, str], Attribution] = field(init=False)

    def __post_init__(self) -> None:
        self.camp = _camp_index(self.extracted.get(self.commentary.document))

    def attribution(self, ref: HolderRef, pid: str) -> Attribution:
        """The holder `ref` names, matched to a citation of its footnote, as an attribution to `pid`."""
        c = self.commentary
        if c.footnote(ref.footnote) is None:
            raise AnnotationError(ref.file, ref.line, f"footnote {ref.footnote} does not exist in {c.document}")
        cit = match_holder(ref, self.by_footnote.get(ref.footnote, []), self.works, self.persons)
        cand = self.camp.get((ref.footnote, cit.work or ""))
        st = ref.strength or (cand.strength if cand else "explicit")
        return Attribution(
            pid, c.document, ref.footnote, cit.work or "", cit, st, "curation", cand.signal if cand else cit.signal
        )


def _footnote_citations(cits: list[Citation]) -> dict[int, list[Citation]]:
    by_fn: dict[int, list[Citation]] = {}
    for cit in cits:
        if cit.footnote is not None:
            by_fn.setdefault(cit.footnote, []).append(cit)
    return by_fn


def _curated_issue(note, c: Commentary, provision_exists: Callable[[str], bool]) -> Issue:
    """The issue as annotated, once its margin paragraphs and provisions are known to exist."""
    for n in note.paragraphs:
        if c.paragraph(n) is None:
            raise AnnotationError(note.file, note.line, f"issue {note.id}: margin paragraph {n} does not exist")
    for pk in note.provisions:
        if not provision_exists(pk):
            raise AnnotationError(note.file, note.line, f"issue {note.id}: unknown provision key {pk!r}")
    return Issue(note.id, note.label, note.question, c.document, note.provisions, note.paragraphs, "curation")


def _curate_positions(layer: ArgumentLayer, note, chapter: _Chapter, positions_seen: dict[str, str]) -> None:
    """Each position of the issue (on no other issue), the author's stated view, and its holders (each once)."""
    for pn in note.positions:
        if pn.id in positions_seen:
            raise AnnotationError(
                pn.file, pn.line, f"position {pn.id!r} is on two issues ({positions_seen[pn.id]} and {note.id})"
            )
        positions_seen[pn.id] = note.id
        pos = Position(pn.id, note.id, pn.label, "curation", coexists_with=list(pn.coexists_with))
        if pn.author_view:
            _stated_view(pos, pn.author_view, chapter.commentary)
        layer.positions.append(pos)
        seen = set()
        for ref in pn.holders:
            a = chapter.attribution(ref, pn.id)
            if (a.footnote, a.work) in seen:
                raise AnnotationError(
                    ref.file, ref.line, f"position {pn.id}: footnote {a.footnote} / {a.work} listed twice"
                )
            seen.add((a.footnote, a.work))
            layer.attributions.append(a)


def _check_argument_targets(an, position_ids: set[str], argument_ids: set[str]) -> None:
    """What an argument supports, attacks or qualifies must be a position of its issue or a known argument."""
    for target, pool, what in (
        (an.supports, position_ids, "position"),
        (an.attacks, position_ids, "position"),
        (an.attacks_argument, argument_ids, "argument"),
        (an.qualifies, position_ids | argument_ids, "position or argument"),
    ):
        if target is not None and target not in pool:
            raise AnnotationError(
                an.file,
                an.line,
                f"argument {an.id}: unknown {what} {target!r}" + (" on this issue" if what == "position" else ""),
            )


def _curated_argument(an, issue_id: str, chapter: _Chapter, argument_ids: set[str]) -> Argument:
    """The argument, anchored in its margin paragraph, with its sources and who advances it."""
    c = chapter.commentary
    if c.paragraph(an.paragraph) is None:
        raise AnnotationError(an.file, an.line, f"argument {an.id}: margin paragraph {an.paragraph} does not exist")
    sources = [_argument_source(ref, c, chapter.by_footnote, chapter.works, chapter.persons) for ref in an.sources]
    adv = None
    if isinstance(an.advanced_by, HolderRef):  # not AUTHOR
        adv = chapter.attribution(an.advanced_by, an.supports or an.attacks or "")
    elif an.stance in ("reports", "raises") and an.sources:
        adv = chapter.attribution(an.sources[0], an.supports or an.attacks or "")  # the cited work that makes it
    arg = Argument(
        an.id,
        issue_id,
        an.label,
        an.kind,
        an.paragraph,
        an.supports,
        an.attacks,
        an.attacks_argument,
        an.advanced_by == AUTHOR,
        adv,
        c.document,
        stance=an.stance,
        qualifies=an.qualifies,
        footnote=an.footnote,
        made_in=an.made_in,
        sources=sources,
    )
    arg.qualifies_argument = an.qualifies in argument_ids
    _locate_argument(arg, an, c)
    return arg


def _reported_holders(layer: ArgumentLayer, position: str, sources, chapter: _Chapter) -> None:
    """A scholar to whom the commentary attributes an argument for a position holds that position."""
    placed = {(a.position, a.footnote, a.work) for a in layer.attributions}
    camp = chapter.camp
    for src in sources:
        if (position, src.footnote, src.work) not in placed:
            cand = camp.get((src.footnote, src.work))
            layer.attributions.append(
                Attribution(
                    position,
                    src.document,
                    src.footnote,
                    src.work,
                    src.citation,
                    cand.strength if cand else "explicit",
                    "curation",
                    src.signal,
                )
            )
            placed.add((position, src.footnote, src.work))


def _add_holders(layer, annotations, commentaries, citations, works, persons, extracted, positions_seen) -> None:
    """Holders that a later file (`additions:`) adds to a position declared elsewhere."""
    for add in annotations.additions:
        if add.commentary not in commentaries or not _applies(add, commentaries):
            continue
        if add.position not in positions_seen:
            raise AnnotationError(add.file, add.line, f"addition to an unknown position {add.position!r}")
        c, _ = commentaries[add.commentary]
        camp = _camp_index(extracted.get(c.document))
        placed = {(a.footnote, a.work) for a in layer.attributions if a.position == add.position}
        for ref in add.holders:
            if c.footnote(ref.footnote) is None:
                raise AnnotationError(ref.file, ref.line, f"footnote {ref.footnote} does not exist in {c.document}")
            fn_cits = [x for x in citations.get(c.document, []) if x.footnote == ref.footnote]
            cit = match_holder(ref, fn_cits, works, persons)
            if (ref.footnote, cit.work) in placed:
                raise AnnotationError(
                    ref.file, ref.line, f"position {add.position}: footnote {ref.footnote} / {cit.work} listed twice"
                )
            placed.add((ref.footnote, cit.work))
            cand = camp.get((ref.footnote, cit.work or ""))
            st = ref.strength or (cand.strength if cand else "explicit")
            sig = cand.signal if cand else cit.signal
            layer.attributions.append(
                Attribution(add.position, c.document, ref.footnote, cit.work or "", cit, st, "curation", sig)
            )


def _stated_view(pos: Position, av, c: Commentary) -> None:
    """The author's view as the annotation states it, its quote checked against the paragraph."""
    para = c.paragraph(av.paragraph)
    if para is None:
        raise AnnotationError(av.file, av.line, f"position {pos.id}: margin paragraph {av.paragraph} does not exist")
    at = para.text.find(av.quote)
    if at < 0:
        raise AnnotationError(
            av.file, av.line, f"position {pos.id}: the quote {av.quote!r} is not in margin paragraph {av.paragraph}"
        )
    pos.endorsed = {"endorses": True, "rejects": False}.get(av.stance)
    pos.view_stance, pos.view_basis = av.stance, "stated"
    pos.view_paragraph, pos.view_quote, pos.view_offset = av.paragraph, av.quote, at
    cue = cue_for_view(para.text, av.paragraph, at, av.quote, av.stance)
    pos.view_cue = cue.phrase if cue else None


def _argument_source(ref: HolderRef, c: Commentary, by_fn, works, persons) -> ArgumentSource:
    """A cited work that carries an argument, found among the footnote's parsed citations."""
    if c.footnote(ref.footnote) is None:
        raise AnnotationError(ref.file, ref.line, f"footnote {ref.footnote} does not exist in {c.document}")
    cit = match_holder(ref, by_fn.get(ref.footnote, []), works, persons)
    if cit.work is None:  # match_holder only returns citations resolved to a work
        raise AnnotationError(ref.file, ref.line, f"footnote {ref.footnote}: {ref.holder!r} is not resolved to a work")
    return ArgumentSource(c.document, ref.footnote, cit.work, cit, cit.signal)


def _locate_argument(arg: Argument, an, c: Commentary) -> None:
    """The argument's own words: the curated quote in its paragraph or footnote, else the paragraph's
    sentence that best matches its label; and the footnote it carries, if it has one."""
    if an.made_in == "footnote":
        fn = c.footnote(an.footnote)
        if fn is None:
            raise AnnotationError(an.file, an.line, f"argument {an.id}: footnote {an.footnote} does not exist")
        text, where = fn.text, f"footnote {an.footnote}"
    else:
        para = c.paragraph(an.paragraph)
        if para is None:
            raise AnnotationError(an.file, an.line, f"argument {an.id}: margin paragraph {an.paragraph} does not exist")
        text, where = para.text, f"margin paragraph {an.paragraph}"
    if an.quote:
        at = text.find(an.quote)
        if at < 0:
            raise AnnotationError(an.file, an.line, f"argument {an.id}: the quote {an.quote!r} is not in {where}")
        start, end, arg.located_by = at, at + len(an.quote), "quote"
    else:
        (start, end), arg.located_by = best_sentence(text, an.label), "sentence"
    arg.source_start, arg.source_end, arg.source_text = start, end, text[start:end]
    if arg.footnote is None and an.made_in == "paragraph":
        arg.footnote = marker_in(c, an.paragraph, start, end)


def _applies(note: IssueNote, commentaries: dict[str, tuple[Commentary, str]]) -> bool:
    """Annotations apply to the named commentary, and only to the version of its text they were
    made on when they record its sha256 (anchors are footnote and paragraph numbers)."""
    if note.commentary not in commentaries:
        return False
    if note.commentary_sha256 is None:
        return True
    return _sha256(commentaries[note.commentary][0].raw) == note.commentary_sha256


@functools.lru_cache(maxsize=16)
def _sha256(raw: str) -> str:
    """The text's sha256, once per chapter (every annotated issue asks)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _camp_index(layer: ArgumentLayer | None) -> dict[tuple[int, str], Attribution]:
    return {(a.footnote, a.work): a for a in (layer.attributions if layer else [])}


def _mark_extracted(layer: ArgumentLayer, extracted: dict[str, ArgumentLayer]) -> None:
    """A curated attribution counts as extracted when extraction found it in a camp that maps
    to the same curated position as the majority of that camp's curated holders."""
    cand = {}
    for doc, ex in extracted.items():
        for a in ex.attributions:
            cand[(doc, a.footnote, a.work)] = a.position
    votes: dict[str, dict[str, int]] = {}
    for a in layer.attributions:
        cp = cand.get((a.document, a.footnote, a.work))
        if cp:
            votes.setdefault(cp, {}).setdefault(a.position, 0)
            votes[cp][a.position] += 1
    for a in layer.attributions:
        cp = cand.get((a.document, a.footnote, a.work))
        if cp and max(votes[cp], key=votes[cp].__getitem__) == a.position:
            a.derivation = "extraction"


# ---- adoption: curation adds and corrects; extraction it does not touch stays ----------------


def rejected_candidates(
    annotations: Annotations | None,
    c: Commentary,
    by_fn: dict[int, list[Citation]],
    extracted: ArgumentLayer,
    works: dict[str, Work],
    persons,
) -> dict[tuple[int, str], str]:
    """(footnote, work) → the curator's reason, for every rejection of this commentary; a
    rejection of a candidate that extraction did not propose is an AnnotationError."""
    proposed = {(a.footnote, a.work) for a in extracted.attributions}
    out: dict[tuple[int, str], str] = {}
    for r in annotations.rejections if annotations else []:
        if r.commentary != c.document:
            continue
        m = r.mark
        if c.footnote(m.footnote) is None:
            raise AnnotationError(m.file, m.line, f"footnote {m.footnote} does not exist in {c.document}")
        cit = match_holder(m.ref(), by_fn.get(m.footnote, []), works, persons)
        if (m.footnote, cit.work) not in proposed:
            raise AnnotationError(
                m.file,
                m.line,
                f"rejects a candidate that does not exist: extraction proposes no holder {m.holder!r} "
                f"at footnote {m.footnote}",
            )
        out[(m.footnote, cit.work or "")] = m.reason
    return out


def _curated_target(a: Attribution, extracted: ArgumentLayer, curated: list[Attribution]) -> str | None:
    """The curated position most of the candidate's camp-mates were placed in, if any."""
    mates = {(x.footnote, x.work) for x in extracted.attributions if x.position == a.position}
    votes: dict[str, int] = {}
    for x in curated:
        if (x.footnote, x.work) in mates:
            votes[x.position] = votes.get(x.position, 0) + 1
    return max(sorted(votes), key=lambda p: votes[p]) if votes else None


def adopt(
    layer: ArgumentLayer,
    extracted: ArgumentLayer,
    document: str,
    rejected: dict[tuple[int, str], str],
    reviewed: set[int],
    no_stance: dict[tuple[int, str], str] | None = None,
) -> None:
    """Keep every candidate curation did not touch: in the curated position its camp-mates went
    to, else in its own candidate position; a rejected candidate is recorded, not kept. In a
    reviewed footnote, a candidate the review marks `no-stance` is rejected for that reason."""
    rejected = {**(no_stance or {}), **rejected}
    curated = [a for a in layer.attributions if a.document == document]
    placed = {(a.footnote, a.work): a for a in curated}
    kept_positions = {p.id for p in layer.positions}
    for a in extracted.attributions:
        key = (a.footnote, a.work)
        if key in rejected:
            layer.candidates.append(Candidate(a, "rejected", rejected[key]))
            continue
        if key in placed:
            confirmed = any(x.derivation == "extraction" for x in curated if (x.footnote, x.work) == key)
            layer.candidates.append(Candidate(a, "confirmed" if confirmed else "corrected"))
            continue
        target = _curated_target(a, extracted, curated)
        if target is None:
            target = a.position
            if target not in kept_positions:
                pos = next(p for p in extracted.positions if p.id == target)
                layer.positions.append(pos)
                kept_positions.add(target)
                if all(i.id != pos.issue for i in layer.issues):
                    layer.issues.append(next(i for i in extracted.issues if i.id == pos.issue))
        kept = replace(a, position=target, derivation="extraction", review="extracted")
        layer.attributions.append(kept)
        placed[key] = kept
        layer.candidates.append(Candidate(a, "adopted" if a.footnote in reviewed else "open"))


def reviewed_footnotes(annotations: Annotations | None, document: str) -> set[int]:
    return {r.footnote for r in (annotations.reviews if annotations else []) if r.commentary == document}


def review_no_stance(
    annotations: Annotations | None, document: str, by_fn: dict[int, list[Citation]], works, persons
) -> dict[tuple[int, str], str]:
    """(footnote, work) → the review's no-stance reason: a named citation, else the footnote's reason
    for every work it cites (curated attributions take precedence over both)."""
    out: dict[tuple[int, str], str] = {}
    for r in annotations.reviews if annotations else []:
        if r.commentary != document:
            continue
        if r.reason:
            for cit in by_fn.get(r.footnote, []):
                if cit.work:
                    out[(r.footnote, cit.work)] = r.reason
        for m in r.no_stance:
            cit = match_holder(m.ref(), by_fn.get(r.footnote, []), works, persons)
            out[(r.footnote, cit.work or "")] = m.reason
    return out


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
    annotated_docs = {i.commentary for i in notes if _applies(i, commentaries)}
    skipped = sorted(
        {
            f"{i.file} (for {i.commentary}"
            + (", another version of the text" if i.commentary in commentaries else "")
            + ")"
            for i in notes
            if not _applies(i, commentaries)
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
            by_fn: dict[int, list[Citation]] = {}
            for cit in citations.get(doc, []):
                if cit.footnote is not None:
                    by_fn.setdefault(cit.footnote, []).append(cit)
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
    s, e = _sentence_around(p.text, f.marker_offset)
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
                "cue": cue_of(c, a.footnote),
                "status": cand.status,
                "reason": cand.reason,
                "source": a.citation.text,
            }
        )
    return rows


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


# ---- the author's view: cue phrases, inferred rejections, coverage ---------------------------

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
    start, _ = _sentence_around(text, offset)
    _, end = _sentence_around(text, offset + len(quote))
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


# ---- where an argument's words are -------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text.rstrip()):
        out.append((start, len(text)))
    return out


def best_sentence(text: str, label: str) -> tuple[int, int]:
    """The sentence of a paragraph sharing most words with an argument's label (the first on a tie):
    where the curator has not quoted the argument's words, its source is this sentence."""
    words = {w.lower() for w in _WORD.findall(label)}
    best, best_score = (0, len(text)), -1
    for s, e in _sentences(text):
        score = len(words & {w.lower() for w in _WORD.findall(text[s:e])})
        if score > best_score:
            best, best_score = (s, e), score
    s, e = best
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def marker_in(c: Commentary, paragraph: int, start: int, end: int) -> int | None:
    """The first footnote whose marker sits in a paragraph's span (or right after it)."""
    p = c.paragraph(paragraph)
    if p is None:
        return None
    for fn in p.footnotes:
        f = c.footnote(fn)
        if f is not None and f.marker_offset is not None and start <= f.marker_offset <= end + 6:
            return fn
    return None
