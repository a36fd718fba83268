"""Curation: the annotations (sources/annotations/*.yaml) name and word issues and positions and
place holders and arguments, every anchor checked against the parsed text. Where a commentary
has annotations they are authoritative; each curated attribution is marked `extraction` when the
extraction found the same (footnote, work) in the same camp as the other holders it was placed
with, else `curation`. Adoption: curation adds and corrects; an extraction candidate it does not
touch stays, and dropping one is an explicit rejection with a reason."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kg.argue.annotations import AUTHOR, AnnotationError, Annotations, HolderRef, IssueNote
from kg.argue.author_view import cue_for_view, infer_rejections
from kg.argue.extract import SENTENCE_END
from kg.argue.layer import (
    Argument,
    ArgumentLayer,
    ArgumentSource,
    Attribution,
    Candidate,
    Issue,
    Position,
    citations_by_footnote,
)
from kg.models import Citation, Commentary, Person, Work

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
        if not annotation_applies(note, commentaries):
            continue  # curation of a chapter (or a version of it) not being built: reported by `link`
        c, _ = commentaries[note.commentary]
        chapter = _Chapter(c, citations_by_footnote(citations.get(c.document, [])), works, persons, extracted)
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
        if add.commentary not in commentaries or not annotation_applies(add, commentaries):
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


def annotation_applies(note: IssueNote, commentaries: dict[str, tuple[Commentary, str]]) -> bool:
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


# ---- where an argument's words are -------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
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
