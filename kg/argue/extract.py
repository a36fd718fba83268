"""Extraction: candidate issues, positions and attributions from the text's own cues.

Two kinds of cue:
- footnote signals that set out camps: `In favour of automatic classification under Article 51(1)(a): A; see also B`,
  `...; opposing view: C`, `seemingly opposing view: D`, `unclear: E`, `against:`, `however, see F`;
- body cue phrases around a footnote marker: `Scholars are divided on whether X69 or whether Y.70`,
  `Some authors contend that ...78`, `It has further been proposed ...`, `Legal scholars have rightly noted ...`.
Within a footnote without signals, a relative cue (`Haar (n 9) who argue ...; Bernsteiner (n 6) arguing ...`)
and a later sentence that opens with a work (`... 22. The Commission Guidelines (n 39) highlight ...`) start
camps of their own. After a cue has made a work a holder in a section, a footnote that is a bare pinpoint to
it (`Haar and Siglmüller, ‘Art. 51’ (n 9) para 41.`) continues that view.
Each camp becomes a candidate position whose holders are the works cited in that part of the
footnote (from the parsed, resolved citations); camps are grouped into one candidate issue per
section, and candidate positions of an issue that share an explicit holder are merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kg.argue.layer import ArgumentLayer, Attribution, Issue, Position, citations_by_footnote
from kg.ingest.find_provisions import find_provisions
from kg.models import Citation, Commentary, MarginParagraph, Work

OPENER = re.compile(
    r"(?P<favour>\bIn favour(?: of (?P<what>[^:;]{3,200}?))?:)"
    r"|(?P<seem>\(?\b(?:[Ss]eemingly|[Aa]pparently) opposing view\)?:?)"
    r"|(?P<oppose>\b[Oo]pposing view:?|\b(?:[Dd]ifferent|[Oo]ther|[Cc]ontrary|[Dd]issenting) (?:view|opinion):)"
    r"|(?P<against>\b(?:[Aa]gainst|[Cc]ontra|[Cc]ritical(?:ly)?(?: of)?|[Dd]issenting|[Dd]ifferently)"
    r"(?: this (?:view|reading|interpretation|position))?:"
    r"|\b[Cc]ontra(?=\s+(?:(?:de|da|di|van|von|zu|le)\s)?[A-Z]))"  # `contra Le Moigne (n 8)`, not `contra legem`
    r"|(?P<unclear>\b[Uu]nclear:|\bdo not expressly address)"
    r"|(?P<however>\b(?:[Hh]owever|[Bb]ut),? see\b|\b[Ss]ee,? however\b"
    r"|\b[Ff]or (?:a|the) (?:different|contrary|opposite|opposing|critical|dissenting)"
    r" (?:view|opinion|position),? see\b)"
    r"|(?P<contrast>(?:(?<=[.;] )|^)However,)"  # a footnote's sentence that answers the one before
)
# a holder named in the prose, with the particles of European names: `da Costa`, `von der Heydt`
NAME = (
    r"(?:(?:[Dd]e|[Dd]a|[Dd]i|[Dd]el|[Dd]ella|[Dd]os|[Dd]u|[Ll]e|[Ll]a|[Vv]an|[Vv]on|der|den|ten|ter|[Zz]u|zur)\ ){0,3}"
    r"[A-Z][\w’-]+"
)
HOLDERS = NAME + r"(?:\ and\ " + NAME + r"|\ and\ others|\ et\ al\.)?"
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
    | On\ this\ view | According\ to\ this\ view
    | [Tt]he\ (?:prevailing|majority|dominant|predominant|leading|prevalent)\ (?:view|opinion|position)
    # more ways of saying the literature is divided, and who stands where (not in the Art. 51 chapter)
    | [Tt]he\ majority\ of\ (?:authors|commentators|scholars) | [Aa]\ minority\ of\ (?:authors|commentators|scholars)
    | [Aa]\ minority\ (?:opinion|position) | (?:[Aa]uthors|[Ss]cholars|[Cc]ommentators)\ such\ as
    | [Mm]any\ (?:authors|commentators|scholars|writers)
    | is\ a\ matter\ of\ (?:debate|dispute|controversy)
    | [Tt]here\ is\ (?:no\ )?(?:disagreement|debate|controversy|consensus)
    | \b(?:is|are|remains?)\ (?:hotly\ |much\ |widely\ )?debated\b | [Oo]pinions\ are\ split
    # (not `adopted by` / `followed by` / `for whom`: `the Guidelines adopted by the Commission`,
    # `providers for whom ...` state facts)
    | \b(?:is|are|has\ been|have\ been)\ (?:rejected|criticised|contested|disputed|opposed|doubted|endorsed
                                          |not\ shared)\ by\b
    | \b(?:takes?|took|adopts?)\ (?:the|an?)\ (?:opposite|contrary|opposing|different)
      \ (?:view|position|approach|stance)\b
    | [Tt]his\ (?:argument|view|interpretation)
    | argument\ (?:against|in\ favour\ of|for)\b[^.]{0,120}\b(?:posits|holds|is)
    | [Aa]ccording\ to\ (?:its|the\ Commission(?:’s)?)\ Guidelines
    | [Aa]ccording\ to\ (?:the\ )?"""
    + NAME
    + r"""                                 # `According to Martini, ...`
    | \b"""
    + HOLDERS
    + r"""\ (?:considers?|argues?|contends?|suggests?|takes?\ the\ view)\b
    # the next chapters' ways of naming a holder (none of them occurs in the Art. 51 chapter's cued sentences)
    | \b"""
    + HOLDERS
    + r"""\ (?:holds?|maintains?|submits?|criticises?|rejects?|questions?|doubts?)
      \ (?:that|whether|the)\b
    | \b"""
    + HOLDERS
    + r"""\ (?:is|are)\ of\ the\ (?:view|opinion)\b | \b[Ii]n\ the\ view\ of\b
    | \b"""
    + HOLDERS
    + r"""\ (?:agrees?|concurs?|disagrees?|objects?|counters?|insists?)\b
    | \b(?:has|have)\ been\ (?:criticised|questioned|doubted|rejected|challenged)\b | \b[Cc]ritics\b | \b[Pp]roponents\b
    | [Ss]everal\ (?:authors|scholars|commentators) | [Aa]\ (?:number|range)\ of\ (?:authors|scholars|commentators)
    | [Cc]ommentators\ (?:have|argue|suggest|consider)
    | [Ii]n\ the\ literature\b | [Tt]he\ literature\ (?:argues|suggests)
    | (?:Commission|Commission’s|Guidelines)\ (?:takes?|took)\ the\ view | takes?\ the\ view
    | shared\ by
    | Commission\ Guidelines\ (?:suggest|state|take|consider|list|lay|specify|specifically\ mention|assume|set\ out
                               |highlight|envisage|expect|mention|indicate|require|demand|favour|support|reject|read
                               |interpret|clarify|emphasise|stress)
    | (?:report|scholars?|authors?)\ (?:proposed|suggested|argued|contended)
    | [Ss]cholars?\ (?:have\ )?(?:argued|noted|suggested|contended)
    | \b[Cc]ontrary\ to\b | [Oo]n\ the\ one\ hand | [Oo]n\ the\ other(?:\ hand)?
    # the commentary's own view on a question, backed by the works in the footnote
    | \barguably\b | \bappears?\ (?:to\ be\ |close\ at\ hand|plausible|unlikely)
    | \b(?:could|would|may)\ suggest\b | \bsuggests?\ that\b | \bimplies\b | \bprecludes?\b
    | \b(?:more\ |less\ |not\ entirely\ |not\ )?(?:compelling|convincing|persuasive)\b | \brightly\b
    | \b[Tt]he\ better\ (?:view|reading)\b | \b(?:is|seems|appears)\ (?:preferable|to\ be\ preferred)\b
    | \bis\ rebuttable\b | \bmore\ appropriate\b | \baligns?\ with\b
    | \breinforces?\ this\ (?:reading|view|interpretation)
    | \b(?:This|That)\ (?:supports|confirms|reinforces|underpins|corroborates)\b
    | \b(?:is|are)\ (?:underscored|supported|confirmed|reinforced)\ by\b
    | \bas\ pointed\ out\ by\b | \b(?:It|They)\ (?:proposed?|suggest(?:ed)?|argued?)\b
    | \bproposed\ (?:another|a|an|a\ different)\ (?:approach|reading|interpretation|test)\b
    | \bGuidelines,[^.;]{0,60}?\ set\ out\b | \bregards?\ [‘'][^’']{1,40}[’']\ as\b
    """,
    re.X,
)
# a work's pinpoint followed by what it says: `Carey (n 182) 9 mentions ...`, `Guidelines (n 39) para 123 state ...`
WORK_SAYS = (
    r"\((?:n \d+|\d{4})\)(?: (?:paras?|s|ss|p|pp)?\s?[\d–,\s]+)? (?:also |expressly |explicitly )?"
    r"(?:states?|highlights?|mentions?|notes?|stresses|suggests?|considers?|emphasises?|recognises?|assumes?|expresses|express"
    r"|argues?|takes? the view|do(?:es)? not (?:interpret|consider|share|regard|accept))\b"
)
FOOTNOTE_CUE = re.compile(
    r"\bwho (?:argues?|concludes?|emphasises?|derives?|describes?|doubts?|contends?|assumes?|considers?"
    r"|holds?|maintains?|rejects?|criticises?|questions?|submits?|proposes?|suggests?)\b|\barguing\b"
    r"|\bassuming that\b|^(?:[Ss]imilar(?:ly)?|[Ll]ikewise|[Tt]hus also|[Ss]o also|[Aa]greeing|[Cc]oncurring)\b"
    r"|[Tt]o the same effect|[Tt]o this effect|[Ii]n the same vein|[Ii]n this (?:sense|vein|direction)\b"
    r"|[Aa]pparently unconvinced|\bemphasise\b"
    r"|\b(?:is|are) (?:suggested|presupposed|assumed|shared) by\b|\baligns with\b|\bin favour of\b"
    r"|" + WORK_SAYS
)
# the part of FOOTNOTE_CUE that speaks of the one work it follows (`Haar (n 9) who argues ...`)
RELATIVE_CUE = re.compile(
    r"\bwho (?:argues?|concludes?|emphasises?|derives?|describes?|doubts?|contends?|assumes?|considers?"
    r"|holds?|maintains?|rejects?|criticises?|questions?|submits?|proposes?|suggests?)\b|\barguing\b"
    r"|" + WORK_SAYS
)
DIVIDED = re.compile(  # the question a sentence says the literature is divided on
    r"(?:(?:Scholars|Authors|Commentators|Opinions|Views|The literature) (?:are |is )?(?:divided|differ)"
    r" (?:on|as to|over)"
    r"|[Ii]t is (?:disputed|controversial|contested|debated)"
    r"|[Tt]here is (?:disagreement|debate|controversy|no consensus) (?:as to|on|over|about)"
    r"|[Oo]pinions are split (?:on|as to|over)"
    r"|[Ii]t is (?:questionable|doubtful|open to debate)|[Tt]he question (?:arises|is)"
    r"|[Dd]oubts have been (?:raised|expressed) (?:as to|about))"
    r" ((?:whether|how|when|which|what) .*)"
    # `Whether X is a matter of debate.`: the question opens the sentence
    r"|^(?P<opening>(?:Whether|How|When) .*?) (?:is|remains) (?:a matter of (?:debate|dispute|controversy)"
    r"|disputed|controversial|contested|debated|unsettled)\b"
)


def _question(m: re.Match[str]) -> str:
    """The question a DIVIDED match states, with a full stop (`whether ...`)."""
    if m.group("opening"):
        q = m.group("opening")
        return q[0].lower() + q[1:] + "."
    return m.group(1)


CONTRAST = re.compile(r"\s*(?:However|But|Conversely|By contrast|In contrast|Nevertheless)\b")
# a sentence that sets its footnote's works against the view before it
CONTRARY = re.compile(
    r"\b[Cc]ontrary to\b|\b(?:is|are|has been|have been) (?:rejected|criticised|contested|disputed|opposed|doubted"
    r"|not shared) by\b|\b(?:takes?|took|adopts?) (?:the|an?) (?:opposite|contrary|opposing|different)"
    r" (?:view|position|approach|stance)\b|\bdisagrees?\b"
)
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
    "contrast": "explicit",
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
    # favour | seem | oppose | against | unclear | however | contrast (`However,` opening a sentence) | None (no signal)
    kind: str | None
    phrase: str | None
    citations: list[Citation]

    @property
    def opposed(self) -> bool:
        return self.kind in ("seem", "oppose", "against", "however", "contrast")


def camps(document: str, footnote_number: int, text: str, citations: list[Citation]) -> list[Camp]:
    """Split a footnote's citations into camps at its stance signals.

    `X (n 9) para 27; see also Y (n 17) para 12; opposing view: Z (n 24) para 6` →
    [Camp(None, [X, Y]), Camp('oppose', [Z])].
    """
    cuts: list[tuple[int, int, str | None, str | None]] = []
    for m in OPENER.finditer(text):
        kind: str | None = next(
            k for k in ("favour", "seem", "oppose", "against", "unclear", "however", "contrast") if m.group(k)
        )
        cuts.append((m.start(), m.end(), kind, m.group("what")))
    bounds: list[tuple[int, str | None, str | None]] = [(0, None, None)] + [(e, k, w) for _, e, k, w in cuts]
    if not cuts:  # `X (n 80) 22. The Commission Guidelines (n 39) highlight ...`: a remark of its own
        remarks = _remarks(text, citations)
        cuts = [(r, r, None, None) for r in remarks]
        bounds += [(r, None, None) for r in remarks]
    out: list[Camp] = []
    for i, (start, kind, what) in enumerate(bounds):
        end = cuts[i][0] if i < len(cuts) else len(text)
        members = [c for c in citations if c.work and start <= c.start < end]
        if members:
            out.append(Camp(document, footnote_number, len(out) + 1, kind, what, members))
    return out


FOOTNOTE_SENTENCE = re.compile(r"(?:[^.]|\.(?!\s+[A-Z‘“])|(?<=\b[A-Z])\.)+\.?")  # `Oskar J. Gstrein` is one
REMARK_SUBJECT = re.compile(r"\s*(?:The\s+)?$")


def _remarks(text: str, citations: list[Citation]) -> list[int]:
    """Where a later sentence of a footnote is a remark of its own on the work it opens with:
    `Erben and others (n 80) 21–22. The Commission Guidelines (n 39) para 119 highlight that ...`."""
    out = []
    for m in list(FOOTNOTE_SENTENCE.finditer(text))[1:]:
        first = next((c for c in citations if c.work and m.start() <= c.start < m.end()), None)
        if first and REMARK_SUBJECT.match(text[m.start() : first.start]) and m.end() - first.end > 10:
            out.append(m.start())
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


SENTENCE_END = re.compile(r"[.?!](?:[’”)])?(?:\d{1,4})?(?=\s+[A-Z‘“(]|\s*$)")


def sentence_around(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding a footnote marker; a sentence may end in a marker (`law.70 According`)."""
    start = 0
    m: re.Match[str] | None
    for m in SENTENCE_END.finditer(text, 0, offset):
        if m.end() < offset:
            start = m.end()
    m = SENTENCE_END.search(text, max(0, offset - 2))
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
    cue: str | None = None  # what made it a camp when no cue phrase did (`continues fn 395`)


def extract(c: Commentary, key: str, citations: list[Citation], works: dict[str, Work] | None = None) -> ArgumentLayer:
    """Candidate issues, positions and attributions from signals and cue phrases alone."""
    by_fn = citations_by_footnote(citations)
    issues: dict[str, Issue] = {}
    sites: list[CampSite] = []
    rivals: list[tuple[str, str]] = []
    allies: list[tuple[str, str]] = []
    cued: list[tuple[CampSite, str | None]] = []  # every camp so far, with its cue
    for p in c.paragraphs:
        found = _paragraph_sites(c, key, p, by_fn, works, issues)
        sites += [site for site, _ in found]
        rivals += _footnote_rivals(found) + prose_rivals(p, found)
        allies += prose_allies(found, cued) + backed_views(c, found, cued)
        cued += found
    sites += continuations(c, key, sites, by_fn, works, issues)
    parent = _merge_sides(c, sites, rivals, allies)
    layer = ArgumentLayer()
    layer.positions, layer.attributions = _positions_and_holders(c, sites, parent)
    layer.issues = merge_issues(list(issues.values()), layer)
    return layer


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
        s, e = sentence_around(p.text, f.marker_offset)
        sentence = _strip_markers(p.text[s:e])
        cue = BODY_CUE.search(p.text[s:e])
        unsignalled = all(cp.kind in (None, "contrast") for cp in fcamps)  # `However,` alone is no stance signal
        if not fcamps or (not cue and not FOOTNOTE_CUE.search(f.text) and unsignalled):
            continue  # a plain `See X` footnote backs a statement; it does not set out a camp
        if not cue and unsignalled and not _whole_footnote_cue(f.text):
            fcamps = _relative_camps(fcamps, f.text)
        if cue and CONTRARY.search(p.text[s:e]):
            for cp in fcamps:
                cp.kind = cp.kind or "against"  # `Contrary to X, ...`: X's camp is the other side
        issue = _candidate_issue(
            c, key, p, sentence, cue is not None, issues, _lead_question(p.text, s) if cue else None
        )
        contrast = bool(CONTRAST.match(p.text[s:e]) or CONTRARY.search(p.text[s:e]))
        for cp in fcamps:
            site = CampSite(issue.id, f"cand-{key}-fn{fn}-{cp.index}", cp, _label(cp, sentence), p.number, s, contrast)
            out.append((site, cue.group(0) if cue else None))
    return out


def _whole_footnote_cue(text: str) -> bool:
    """A footnote cue that speaks for every work cited (`Similarly, ...`, `To the same effect`)."""
    return any(not RELATIVE_CUE.fullmatch(m.group(0)) for m in FOOTNOTE_CUE.finditer(text))


def _relative_camps(fcamps: list[Camp], text: str) -> list[Camp]:
    """`see Haar (n 9) who argue that ...; Bernsteiner (n 6) arguing that .... The DMA defines ...
    (Gohsl)`: where two relative cues each speak of the work they follow, each starts its own camp,
    which runs to the next one; the parts before the first cue hold no view."""
    parts = [m.span() for m in FOOTNOTE_PART.finditer(text)]
    cued = [i for i, (a, b) in enumerate(parts) if RELATIVE_CUE.search(text, a, b)]
    if len(cued) < 2:
        return fcamps
    out: list[Camp] = []
    for cp in fcamps:
        for n, i in enumerate(cued):
            a = parts[i][0]
            b = parts[cued[n + 1]][0] if n + 1 < len(cued) else len(text)
            members = [cit for cit in cp.citations if a <= cit.start < b]
            if members:
                out.append(Camp(cp.document, cp.footnote, len(out) + 1, cp.kind, cp.phrase, members))
    return out


FOOTNOTE_PART = re.compile(r"(?:[^;.]|\.(?!\s+[A-Z]))+")  # up to a semicolon or a full stop before a capital


BARE_PINPOINT = 60  # characters: `Haar and Siglmüller, ‘Art. 51’ (n 9) para 41.`, a footnote that is one pinpoint


def continuations(c: Commentary, key: str, sites: list[CampSite], by_fn, works, issues) -> list[CampSite]:
    """A footnote that is a bare pinpoint to one work (`Haar and Siglmüller, ‘Art. 51’ (n 9) para
    41.`) after a cue has made that work a holder in the same section: the commentary goes on
    citing the holder for its view, so the work holds it here too (and joins its side)."""
    first_held: dict[tuple[str, str], int] = {}  # (candidate issue, work) → its first cued footnote
    for site in sites:
        text = _footnote_text(c, site.camp.footnote)
        for cit in site.camp.citations:
            if site.camp.kind != "unclear" and strength(site.camp, cit, text) in ("explicit", "seemingly"):
                k = (site.issue, cit.work or "")
                first_held[k] = min(first_held.get(k, site.camp.footnote), site.camp.footnote)
    cued = {site.camp.footnote for site in sites}
    out: list[CampSite] = []
    for p in c.paragraphs:
        for fn in p.footnotes:
            f = c.footnote(fn)
            cits = holder_citations(by_fn.get(fn, []), None, works)
            if fn in cued or f is None or f.marker_offset is None or len(f.text) > BARE_PINPOINT or len(cits) != 1:
                continue
            first = first_held.get((_section_issue_id(key, p), cits[0].work or ""))
            if first is None or first >= fn or len(by_fn.get(fn, [])) != 1:
                continue
            s, e = sentence_around(p.text, f.marker_offset)
            sentence = _strip_markers(p.text[s:e])
            issue = _candidate_issue(c, key, p, sentence, False, issues)
            camp = Camp(c.document, fn, 1, None, None, cits)
            out.append(
                CampSite(issue.id, f"cand-{key}-fn{fn}-1", camp, sentence, p.number, s, cue=f"continues fn {first}")
            )
    return out


def _section_issue_id(key: str, p: MarginParagraph) -> str:
    return f"cand-{key}-s{(p.section or '0.').rstrip('.').replace('.', '-')}"


def _lead_question(text: str, before: int) -> str | None:
    """`It is disputed whether X. Some authors argue ...5`: the question a paragraph opens its
    camps with, in a sentence that carries no footnote of its own (the last such before `before`)."""
    question, pos = None, 0
    while pos < before:
        s, e = sentence_around(text, pos)
        if e <= pos:
            break
        if e <= before and (m := DIVIDED.search(_strip_markers(text[s:e]))):
            question = _question(m)
        pos = e + 1
    return question


def _candidate_issue(c, key, p, sentence: str, cued: bool, issues: dict[str, Issue], lead: str | None = None) -> Issue:
    """One candidate issue per section; `Scholars are divided on whether ...` gives its question,
    in the camp's sentence or in one before it in the paragraph (`lead`)."""
    section = p.section or "0."
    iid = _section_issue_id(key, p)
    if iid not in issues:
        title = next((x.title for x in c.sections if x.number == section), section)
        issues[iid] = Issue(iid, f"{section} {title}", sentence if cued else title, c.document, [], [], "extraction")
    issue = issues[iid]
    if p.number not in issue.paragraphs:
        issue.paragraphs.append(p.number)
    divided = DIVIDED.search(sentence) if cued else None
    if divided:
        issue.question = _question(divided)
    elif lead and not DIVIDED.match(f"It is disputed {issue.question}"):  # no question stated yet
        issue.question = lead
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
    # a camp that a footnote sets against the second view (`...; but see Z`) is no rival of the first
    out = [
        (a.position, b.position)
        for a in first
        for b in second
        if a.camp.footnote != b.camp.footnote and a.camp.opposed == b.camp.opposed
    ]
    for b, _ in found:  # `... this could suggest X.11 However, this arguably oversimplifies.13`; `Contrary to ...`
        before = [a for a, _ in found if a.sentence_start < b.sentence_start]
        if b.contrast and before:
            last = max(a.sentence_start for a in before)
            out += [(a.position, b.position) for a in before if a.sentence_start == last]
    return out + _sides_of_a_stated_question(p, found, out)


def _sides_of_a_stated_question(
    p: MarginParagraph, found: list[tuple[CampSite, str | None]], known: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """`There is disagreement as to whether X. Authors such as A accept ...5 B insists on ...6`: after
    a question stated in a sentence of its own, the first two sentences whose footnotes set out a
    camp are its two sides (unless the prose already said how they stand)."""
    cued = sorted({s.sentence_start for s, cue in found if cue})
    if len(cued) < 2 or _lead_question(p.text, cued[0]) is None:
        return []
    a_side = [s for s, cue in found if cue and s.sentence_start == cued[0]]
    b_side = [s for s, cue in found if cue and s.sentence_start == cued[1]]
    if any({a.position, b.position} == set(k) for a in a_side for b in b_side for k in known):
        return []
    return [(a.position, b.position) for a in a_side for b in b_side if a.camp.opposed == b.camp.opposed]


FIRST_READING = re.compile(r"\b[Tt]he (?:first|former) (?:reading|view|interpretation|position|opinion)\b")
SECOND_READING = re.compile(r"\b[Tt]he (?:second|latter) (?:reading|view|interpretation|position|opinion)\b")


def prose_allies(
    found: list[tuple[CampSite, str | None]], earlier: Sequence[tuple[CampSite, str | None]] = ()
) -> list[tuple[str, str]]:
    """`Some authors argue X.5 Others consider Y.6 The first reading is more convincing …7`: the
    camp of fn 7 is the camp of fn 5 (and `the latter view` the camp of fn 6), in one paragraph.
    A paragraph that opens with `The first reading ...` speaks of the camps of the paragraph
    before it on the same issue (`earlier`: the camps of the paragraphs before)."""
    out = []
    for site, _ in found:
        here = [(s, cue) for s, cue in found if s.sentence_start < site.sentence_start]
        if not here:  # nothing set out before it in this paragraph: the last paragraph on its issue
            before = [(s, cue) for s, cue in earlier if s.issue == site.issue]
            last = max((s.paragraph for s, _ in before), default=None)
            here = [(s, cue) for s, cue in before if s.paragraph == last]
        first = [s for s, cue in here if cue and FIRST_CAMP.search(cue)]
        second = [s for s, cue in here if cue and SECOND_CAMP.search(cue)]
        cued = sorted({s.sentence_start for s, cue in here if cue})
        if len(cued) >= 2 and bool(first) != bool(second):  # `According to X, ...5 Others take the opposite view.6`
            first = first or [s for s, cue in here if cue and s.sentence_start == cued[0]]
            second = second or [s for s, cue in here if cue and s.sentence_start == cued[-1]]
        for pattern, named in ((FIRST_READING, first), (SECOND_READING, second)):
            if pattern.search(site.label):
                out += [(n.position, site.position) for n in named if not n.camp.opposed]
        if THIS_SUPPORTS.match(site.label) and site.paragraph == (here[-1][0].paragraph if here else None):
            # `The Guidelines require X.23 This supports the prevailing view.24`: 23 backs what 24 backs
            last = max(s.sentence_start for s, _ in here)
            out += [(s.position, site.position) for s, _ in here if s.sentence_start == last and not s.camp.opposed]
    return out


AUTHOR_VIEW = re.compile(
    r"\b[Tt]he better (?:view|reading)\b|\b(?:is|seems|appears) (?:preferable|to be preferred)\b"
    r"|\b(?:more|most) (?:convincing|compelling|persuasive)\b"
)
_STEM = re.compile(r"[a-z]{5,}")
BACKED_VIEW_OVERLAP = 3  # stems (first five letters) the author's view shares with the camp it backs


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _STEM.findall(text.lower())}


def backed_views(
    c: Commentary, found: list[tuple[CampSite, str | None]], earlier: Sequence[tuple[CampSite, str | None]]
) -> list[tuple[str, str]]:
    """`The better view is that the period starts with the provider’s knowledge.10` backed only by
    `See also X`: X backs the camp set out before on the same issue whose words it repeats (at least
    BACKED_VIEW_OVERLAP stems, and more than any other camp's)."""
    out = []
    for site, cue in found:
        text = _footnote_text(c, site.camp.footnote)
        if (
            not (cue and AUTHOR_VIEW.search(cue))
            or FIRST_READING.search(site.label)
            or SECOND_READING.search(site.label)
        ):
            continue
        if any(strength(site.camp, cit, text) != "see-also" for cit in site.camp.citations):
            continue
        before = [s for s, _ in list(earlier) + found if s.issue == site.issue and s.position != site.position]
        before = [s for s in before if (s.paragraph, s.sentence_start) < (site.paragraph, site.sentence_start)]
        mine = _stems(site.label)
        scored = sorted(((len(mine & _stems(s.label)), s.position) for s in before), reverse=True)
        if scored and scored[0][0] >= BACKED_VIEW_OVERLAP and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            out.append((scored[0][1], site.position))
    return out


THIS_SUPPORTS = re.compile(r"(?:This|That|It) (?:supports|confirms|reinforces|underpins|corroborates)\b")


NEAR = 8


def _merge_sides(
    c: Commentary, sites: list[CampSite], rivals: list[tuple[str, str]], allies: tuple | list = ()
) -> dict[str, str]:
    """Union-find over candidate positions: camps the prose names as one (`the first reading`)
    and camps of one issue sharing an explicit holder take the same side, never two rivals (a
    holder cited on both sides of a rivalry is next read with its latest camp); two camps that
    oppose the same side are one side."""
    sides = _Sides([s.position for s in sites], rivals)
    for a, b in allies:
        sides.union(a, b)
    latest: dict[tuple[str, str], str] = {}  # (issue, work) → the last camp it held a side in
    for site in sites:
        if site.camp.kind == "unclear":
            continue
        text = _footnote_text(c, site.camp.footnote)
        strong = [cit for cit in site.camp.citations if strength(site.camp, cit, text) in ("explicit", "seemingly")]
        for cit in strong or site.camp.citations:  # `Similar: Haar (n 9)`: a see-also camp's holders name its side
            k = (site.issue, cit.work or "")
            if k in latest:
                sides.union(latest[k], site.position)  # refused between rivals; the next camp follows this one
            latest[k] = site.position
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
    """One position per side; a work holds a side once per footnote, however many of the
    footnote's camps (or citations) name it."""
    made: dict[str, Position] = {}
    attributions = []
    seen: set[tuple[str, int, str | None]] = set()
    for site in sites:
        root = parent[site.position]
        if root not in made:
            made[root] = Position(root, site.issue, site.label, "extraction")
        text = _footnote_text(c, site.camp.footnote)
        for cit in site.camp.citations:
            if (root, site.camp.footnote, cit.work) in seen:
                continue
            seen.add((root, site.camp.footnote, cit.work))
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
                    cue=site.cue,
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


# the words of a question: letters and hyphens, four or more ("high-impact" is one word, "51(2)" none),
# so a section title such as `Article 51(2): Presumption of high-impact capabilities` stays short
_QUESTION_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")


def same_question(a: Issue, b: Issue) -> bool:
    """`whether Article 51(1)(a) requires a Commission decision` asked again in a later section."""
    wa, wb = set(_QUESTION_WORD.findall(a.question.lower())), set(_QUESTION_WORD.findall(b.question.lower()))
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
