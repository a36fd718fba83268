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

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.argue.annotations import AUTHOR, AnnotationError, Annotations, HolderRef, IssueNote
from kg.models import Citation, Commentary, Person, Work

OPENER = re.compile(
    r"(?P<favour>\bIn favour(?: of (?P<what>[^:;]{3,200}?))?:)"
    r"|(?P<seem>\(?\b(?:[Ss]eemingly|[Aa]pparently) opposing view\)?:?)"
    r"|(?P<oppose>\b[Oo]pposing view:?)"
    r"|(?P<against>\b(?:[Aa]gainst|[Cc]ontra):)"
    r"|(?P<unclear>\b[Uu]nclear:|\bdo not expressly address)"
    r"|(?P<however>\b(?:[Hh]owever|[Bb]ut), see\b)"
)
BODY_CUE = re.compile(
    r"Scholars are divided|[Ss]ome (?:legal )?(?:authors|scholars)"
    r"|It has (?:further )?been (?:proposed|questioned|argued|suggested)"
    r"|it has been (?:argued|suggested|proposed)|[Ll]egal scholars have|[Oo]thers? (?:argue|contend|suggest)"
    r"|[Aa]uthors (?:argue|contend)|[Tt]hey (?:argue|contend|submit)|On this view|According to this view"
    r"|[Tt]his (?:argument|view|interpretation)|argument (?:against|in favour of|for)\b[^.]{0,120}\b(?:posits|holds|is)"
    r"|[Aa]ccording to (?:its|the Commission(?:’s)?) Guidelines|shared by"
    r"|Commission Guidelines (?:suggest|state|take|consider|list|lay)"
    r"|(?:report|scholars?|authors?) (?:proposed|suggested|argued|contended)"
    r"|[Ss]cholars? (?:have )?(?:argued|noted|suggested|contended)"
    # the commentary's own view on a question, backed by the works in the footnote
    r"|\b(?:more |less |not entirely |not )?(?:compelling|convincing|persuasive)\b|\brightly\b|\bthe better view\b"
    r"|\bis rebuttable\b|\bmore appropriate\b|\bin line with\b|\baligns? with\b"
)
FOOTNOTE_CUE = re.compile(
    r"\bwho (?:argues?|concludes?|emphasises?|derives?|describes?|doubts?|contends?|assumes?|considers?)\b|\barguing\b"
    r"|\bassuming that\b|^[Ss]imilar(?:ly)?\b|[Tt]o the same effect|[Aa]pparently unconvinced|\bemphasise\b"
    r"|\b(?:is|are) (?:suggested|presupposed|assumed|shared) by\b|\baligns with\b|\bin favour of\b"
)
DIVIDED = re.compile(r"Scholars are divided on (whether .*)")
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


@dataclass
class Issue:
    id: str
    label: str
    question: str
    document: str
    provisions: list[str]
    paragraphs: list[int]
    derivation: str


@dataclass
class ArgumentLayer:
    issues: list[Issue] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    report: dict = field(default_factory=dict)


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


def extract(c: Commentary, key: str, citations: list[Citation]) -> ArgumentLayer:
    """Candidate issues, positions and attributions from signals and cue phrases alone."""
    by_fn: dict[int, list[Citation]] = {}
    for cit in citations:
        if cit.footnote is not None:
            by_fn.setdefault(cit.footnote, []).append(cit)
    layer = ArgumentLayer()
    issues: dict[str, Issue] = {}
    groups: list[tuple[str, str, Camp, str]] = []  # issue id, position id, camp, label
    rivals: list[tuple[str, str]] = []
    for p in c.paragraphs:
        for fn in p.footnotes:
            f = c.footnote(fn)
            if f is None or f.marker_offset is None:
                continue
            fcamps = camps(c.document, fn, f.text, by_fn.get(fn, []))
            if not fcamps:
                continue
            s, e = _sentence_around(p.text, f.marker_offset)
            sentence = _strip_markers(p.text[s:e])
            cue = BODY_CUE.search(p.text[s:e])
            plain = not cue and not FOOTNOTE_CUE.search(f.text) and all(cp.kind is None for cp in fcamps)
            if plain:
                continue  # a plain `See X` footnote backs a statement; it does not set out a camp
            section = p.section or "0."
            iid = f"cand-{key}-s{section.rstrip('.').replace('.', '-')}"
            if iid not in issues:
                title = next((x.title for x in c.sections if x.number == section), section)
                issues[iid] = Issue(
                    iid, f"{section} {title}", sentence if cue else title, c.document, [], [], "extraction"
                )
            issue = issues[iid]
            if p.number not in issue.paragraphs:
                issue.paragraphs.append(p.number)
            if cue and (divided := DIVIDED.search(sentence)):
                issue.question = divided.group(1)
            ids = []
            for cp in fcamps:
                if cp.kind == "favour" and cp.phrase:
                    label = cp.phrase[0].upper() + cp.phrase[1:]
                elif cp.opposed:
                    label = f"Contrary to: {sentence}"
                elif cp.kind == "unclear":
                    label = f"Unclear whether: {sentence}"
                else:
                    label = sentence
                pid = f"cand-{key}-fn{fn}-{cp.index}"
                groups.append((iid, pid, cp, label))
                ids.append((pid, cp))

            for a, ca in ids:
                for b, cb in ids:
                    if a < b and (ca.opposed != cb.opposed or "unclear" in (ca.kind, cb.kind)):
                        rivals.append((a, b))
    parent = {pid: pid for _, pid, _, _ in groups}
    kind_of = {pid: cp.kind for _, pid, cp, _ in groups}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rival = {frozenset(r) for r in rivals}
    opposed_pairs = [(a, b) for a, b in rivals if kind_of[a] != "unclear" and kind_of[b] != "unclear"]

    def blocked(a: str, b: str) -> bool:
        return any(frozenset((x, y)) in rival for x in _members(parent, a, find) for y in _members(parent, b, find))

    def union(a: str, b: str) -> bool:
        a, b = find(a), find(b)
        if a == b or blocked(a, b):
            return False
        parent[b] = a
        return True

    # camps of one issue that share a holder (explicit, or seemingly) take the same side
    holders: dict[tuple[str, str | None], str] = {}
    for iid, pid, cp, _ in groups:
        if cp.kind == "unclear":
            continue
        text = c.footnote(cp.footnote).text  # type: ignore[union-attr]  # camps come from its footnotes
        for cit in cp.citations:
            if strength(cp, cit, text) not in ("explicit", "seemingly"):
                continue
            k = (iid, cit.work)
            if k in holders:
                union(holders[k], pid)
            holders.setdefault(k, pid)
    # two camps that both oppose the same side are one side (an issue has two sides here)
    changed = True
    while changed:
        changed = False
        enemies: dict[str, set[str]] = {}
        for a, b in opposed_pairs:
            enemies.setdefault(find(a), set()).add(find(b))
            enemies.setdefault(find(b), set()).add(find(a))
        for others in enemies.values():
            ordered = sorted(others)
            for o in ordered[1:]:
                if union(ordered[0], o):
                    changed = True
            if changed:
                break
    made: dict[str, Position] = {}
    for iid, pid, cp, label in groups:
        root = find(pid)
        if root not in made:
            made[root] = Position(root, iid, label, "extraction")
            layer.positions.append(made[root])
        text = c.footnote(cp.footnote).text  # type: ignore[union-attr]  # camps come from its footnotes
        seen = set()
        for cit in cp.citations:
            if cit.work in seen:
                continue
            seen.add(cit.work)
            layer.attributions.append(
                Attribution(
                    root,
                    c.document,
                    cp.footnote,
                    cit.work,  # type: ignore[arg-type]  # camp members are resolved citations
                    cit,
                    strength(cp, cit, text),
                    "extraction",
                    _signal(cp, cit),
                )
            )
    layer.issues = list(issues.values())
    return layer


def _members(parent, root, find):
    return [x for x in parent if find(x) == root]


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
        c, key = commentaries[note.commentary]
        by_fn: dict[int | None, list[Citation]] = {}
        for cit in citations.get(c.document, []):
            by_fn.setdefault(cit.footnote, []).append(cit)
        for n in note.paragraphs:
            if c.paragraph(n) is None:
                raise AnnotationError(note.file, note.line, f"issue {note.id}: margin paragraph {n} does not exist")
        for pk in note.provisions:
            if not provision_exists(pk):
                raise AnnotationError(note.file, note.line, f"issue {note.id}: unknown provision key {pk!r}")
        layer.issues.append(
            Issue(note.id, note.label, note.question, c.document, note.provisions, note.paragraphs, "curation")
        )
        extracted_camp = _camp_index(extracted.get(c.document))

        def attribution(
            ref: HolderRef,
            pid: str,
            c: Commentary = c,
            by_fn: dict[int | None, list[Citation]] = by_fn,
            extracted_camp: dict[tuple[int, str | None], Attribution] = extracted_camp,
        ) -> Attribution:
            if c.footnote(ref.footnote) is None:
                raise AnnotationError(ref.file, ref.line, f"footnote {ref.footnote} does not exist in {c.document}")
            cit = match_holder(ref, by_fn.get(ref.footnote, []), works, persons)
            cand = extracted_camp.get((ref.footnote, cit.work))
            st = ref.strength or (cand.strength if cand else "explicit")
            return Attribution(
                pid,
                c.document,
                ref.footnote,
                cit.work,  # type: ignore[arg-type]  # a matched holder is a resolved citation
                cit,
                st,
                "curation",
                cand.signal if cand else cit.signal,
            )

        position_ids = {p.id for p in note.positions}
        for pn in note.positions:
            if pn.id in positions_seen:
                raise AnnotationError(
                    pn.file, pn.line, f"position {pn.id!r} is on two issues ({positions_seen[pn.id]} and {note.id})"
                )
            positions_seen[pn.id] = note.id
            pos = Position(pn.id, note.id, pn.label, "curation")
            if pn.author_view:
                av = pn.author_view
                para = c.paragraph(av.paragraph)
                if para is None:
                    raise AnnotationError(
                        av.file, av.line, f"position {pn.id}: margin paragraph {av.paragraph} does not exist"
                    )
                at = para.text.find(av.quote)
                if at < 0:
                    raise AnnotationError(
                        av.file,
                        av.line,
                        f"position {pn.id}: the quote {av.quote!r} is not in margin paragraph {av.paragraph}",
                    )
                pos.endorsed = av.stance == "endorses"
                pos.view_paragraph, pos.view_quote, pos.view_offset = av.paragraph, av.quote, at
            layer.positions.append(pos)
            seen = set()
            for ref in pn.holders:
                a = attribution(ref, pn.id)
                if (a.footnote, a.work) in seen:
                    raise AnnotationError(
                        ref.file, ref.line, f"position {pn.id}: footnote {a.footnote} / {a.work} listed twice"
                    )
                seen.add((a.footnote, a.work))
                layer.attributions.append(a)
        for an in note.arguments:
            for target, pool, what in (
                (an.supports, position_ids, "position"),
                (an.attacks, position_ids, "position"),
                (an.attacks_argument, argument_ids, "argument"),
            ):
                if target is not None and target not in pool:
                    raise AnnotationError(
                        an.file,
                        an.line,
                        f"argument {an.id}: unknown {what} {target!r}"
                        + (" on this issue" if what == "position" else ""),
                    )
            if c.paragraph(an.paragraph) is None:
                raise AnnotationError(
                    an.file, an.line, f"argument {an.id}: margin paragraph {an.paragraph} does not exist"
                )
            adv = None
            if isinstance(an.advanced_by, HolderRef):  # not AUTHOR
                adv = attribution(an.advanced_by, an.supports or an.attacks or "")
            layer.arguments.append(
                Argument(
                    an.id,
                    note.id,
                    an.label,
                    an.kind,
                    an.paragraph,
                    an.supports,
                    an.attacks,
                    an.attacks_argument,
                    an.advanced_by == AUTHOR,
                    adv,
                    c.document,
                )
            )
            if adv is not None and an.supports:
                # a scholar who advances an argument for a position holds that position at that footnote
                placed = {(a.position, a.footnote, a.work) for a in layer.attributions}
                if (an.supports, adv.footnote, adv.work) not in placed:
                    layer.attributions.append(
                        Attribution(
                            an.supports,
                            adv.document,
                            adv.footnote,
                            adv.work,
                            adv.citation,
                            adv.strength,
                            "curation",
                            adv.signal,
                        )
                    )
    _mark_extracted(layer, extracted)
    return layer


def _applies(note: IssueNote, commentaries: dict[str, tuple[Commentary, str]]) -> bool:
    """Annotations apply to the named commentary, and only to the version of its text they were
    made on when they record its sha256 (anchors are footnote and paragraph numbers)."""
    if note.commentary not in commentaries:
        return False
    if note.commentary_sha256 is None:
        return True
    raw = commentaries[note.commentary][0].raw
    return hashlib.sha256(raw.encode("utf-8")).hexdigest() == note.commentary_sha256


def _camp_index(layer: ArgumentLayer | None) -> dict[tuple[int, str | None], Attribution]:
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


def link(
    commentaries: dict[str, tuple[Commentary, str]],
    citations: dict[str, list[Citation]],
    works: dict[str, Work],
    persons: dict[str, Person],
    annotations: Annotations | None,
    provision_exists: Callable[[str], bool],
) -> ArgumentLayer:
    """The argument layer of all commentaries: curated where annotated, extracted elsewhere."""
    extracted = {doc: extract(c, key, citations.get(doc, [])) for doc, (c, key) in commentaries.items()}
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
    not_adopted = 0
    for doc, ex in extracted.items():
        if doc in annotated_docs:
            curated = {(a.footnote, a.work) for a in layer.attributions if a.document == doc}
            not_adopted += sum((a.footnote, a.work) not in curated for a in ex.attributions)
            continue
        layer.issues += ex.issues
        layer.positions += ex.positions
        layer.attributions += ex.attributions
    total = len(layer.attributions)
    from_extraction = sum(a.derivation == "extraction" for a in layer.attributions)
    layer.report = {
        "attributions": total,
        "from_extraction": from_extraction,
        "needed_curation": total - from_extraction,
        "extracted_candidates": sum(len(ex.attributions) for ex in extracted.values()),
        "extracted_not_curated": not_adopted,
        "issues": len(layer.issues),
        "positions": len(layer.positions),
        "arguments": len(layer.arguments),
        "annotations_skipped": skipped,
    }
    return layer
