"""Resolve citations to works and names to persons.

Every full citation (in a footnote or in the select bibliography) becomes a `Work`; the same work
cited twice, or listed in the bibliography, is merged by identity (case number, instrument number,
Commission document number, or first author's family name + title). Every short form is then
followed to the footnote it names and accepted only when exactly one work there fits
(eyecite's rule: one candidate, or none):

    `Haar and Siglmüller, ‘Art. 51’ (n 9) para 27`
        → footnote 9 cites three works; only one is by Haar and Siglmüller *and* has a title
          starting ‘Art. 51’ (their ‘Art. 52’ is cited in footnote 24) → `haar-siglmuller-2025-art-51`.
    `Bond and Abbady, ‘Art. 52’ (n 70)` → ‘Article 52 Procedure’ (`Art.` and `Article` are one word).
    `Commission Guidelines (n 39)` → the work defined as (“Commission Guidelines”) in footnote 39.
    `Schrems II (n 10)` → Case C-311/18.

A short form whose target footnote itself cites the work in a short form is followed down the chain;
a short form pointing to no footnote, or to a footnote where no single work fits, stays unresolved
with the reason in `note` and a warning naming document and footnote.

Persons are merged conservatively: `Haar T` (bibliography), `Tobias Haar` (footnote) and `Haar`
(short form) are one person, `haar-tobias`; `Schneider A` and `Schneider L` stay apart because their
initials fit only Adrian and Leonie respectively; an initial that fits two given names merges with neither.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from kg.graph.vocab import slug
from kg.ingest.find_citations import IBID_NOTE, pinpoint_issue, split_names
from kg.ingest.names import GIVEN_PARTICLES
from kg.models import Citation, CommentaryCitations, Person, Warning_, Work, WorkKind

__all__ = [
    "Resolved",
    "resolve",
    "group_works",
    "resolve_short_forms",
    "match_short_form",
    "merge_persons",
    "make_works",
    "citation_key",
]


@dataclass
class Resolved:
    works: dict[str, Work]
    persons: dict[str, Person]
    citations: dict[str, list[Citation]]  # document → citations of all its footnotes, in order
    bibliography: dict[str, list[tuple[int, str]]]  # document → (bibliography index, work key)
    unresolved: list[Citation] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # quirks of the source kept as written (not build warnings)


# ---- normalisation ----------------------------------------------------------------------------

_STOP = {
    "a",
    "an",
    "the",
    "of",
    "in",
    "for",
    "and",
    "on",
    "to",
    "with",
    "der",
    "die",
    "das",
    "und",
    "mit",
    "von",
    "zur",
    "zum",
    "im",
    "als",
    "by",
    "from",
    "at",
    "its",
    "is",
    "be",
    "are",
    "how",
    "what",
    "why",
}


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("‑", "-").replace("–", "-").replace("—", "-")
    return s.casefold()


def _words(s: str | None) -> list[str]:
    """`‘Art. 52’` and `Article 52 Procedure` share the words `article 52`."""
    if not s:
        return []
    w = re.findall(r"[a-z0-9]+", _fold(s))
    return ["article" if t == "art" else t for t in w]


def _norm_title(s: str | None) -> str:
    return " ".join(_words(s))


def _norm_id(s: str | None) -> str:
    if not s:
        return ""
    t = _fold(s)
    t = re.sub(r"\b(?:no|council|commission|case|cases)\b", " ", t)
    return re.sub(r"[^a-z0-9/]+", "", t)


def _fam(s: str) -> str:
    return slug(s)


# ---- works ------------------------------------------------------------------------------------


@dataclass
class _Work:
    """A work while it is being assembled from its full citations (footnotes first, then bibliography)."""

    id: int
    identity: tuple
    fulls: list[Citation] = field(default_factory=list)
    bib: list[Citation] = field(default_factory=list)
    citing: set[int] = field(default_factory=set)
    short_titles: list[str] = field(default_factory=list)
    variants: list[tuple[int, str]] = field(default_factory=list)  # (author position, name as written)

    def all(self) -> list[Citation]:
        return self.fulls + self.bib

    def first(self, attr: str):
        return next((getattr(c, attr) for c in self.all() if getattr(c, attr)), None)

    @property
    def kind(self) -> WorkKind:
        return self.first("kind") or "report"

    @property
    def authors(self) -> list[tuple[str, str | None, str | None]]:
        best = max((c.authors for c in self.all()), key=len, default=[])
        return best

    @property
    def others(self) -> bool:
        lists = [c for c in self.all() if c.authors]
        if not lists:
            return False
        longest = max(lists, key=lambda c: len(c.authors))
        return longest.others

    @property
    def families(self) -> list[str]:
        return [_fam(a[0]) for a in self.authors]

    @property
    def organisations(self) -> list[str]:
        org = self.first("organisation")
        return [o.strip() for o in org.split(";")] if org else []

    @property
    def names(self) -> list[str]:
        """Names the work can be cited by without authors: defined names, case names, identifiers, bodies."""
        out = []
        for c in self.all():
            for v in (c.defined_name, c.short_title if not c.short_form else None):
                if v:
                    out.append(v)
            if c.kind == "case" and c.title:
                out.append(c.title)
            if c.kind in ("legislation", "guidelines") and c.identifier:
                out.append(c.identifier)
        return out


def _identity(c: Citation) -> tuple:
    if c.kind == "case" and c.case_number:
        first = re.match(r"([CT]-)?\s?(\d+)", c.case_number)
        assert first is not None  # a case number opens with its court's letter or its number (CASE)
        year = re.search(r"/(\d{2})", c.case_number)
        return ("case", (first.group(1) or "") + first.group(2) + "/" + (year.group(1) if year else ""))
    if c.kind in ("legislation", "guidelines") and c.identifier:
        return ("id", _norm_id(c.identifier.split(";")[0]))
    if c.kind in ("legislation", "guidelines") and c.defined_name:
        return ("id", _norm_id(c.defined_name))
    if c.authors:
        return ("work", _fam(c.authors[0][0]), _norm_title(c.title))
    if c.organisation:
        return ("work", _fam(c.organisation.split(";")[0]), _norm_title(c.title))
    return ("work", "", _norm_title(c.title))


def _title_slug(title: str | None, n: int = 3) -> str:
    if not title:
        return "untitled"
    m = re.match(r"\s*(?:Art\.?|Article)\s*(\d+[a-z]?)\b", title)
    if m:
        return f"art-{m.group(1).lower()}"
    m = re.match(r"\s*§\s*(\d+)\.?\s*(.*)", title)
    prefix = ""
    if m:
        prefix, title = f"s{m.group(1)}", m.group(2)
        n = 2
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", _fold(title.split(":")[0] if len(title.split(":")[0]) > 12 else title))
        if w not in _STOP
    ]
    return "-".join(([prefix] if prefix else []) + words[:n]) or "untitled"


def _work_key(w: _Work, year: str | None) -> str:
    kind = w.kind
    y = f"-{year}" if year else ""
    defined = w.first("defined_name")
    ident = w.first("identifier")
    if kind == "case":
        num = w.first("case_number") or ""
        m = re.match(r"([CT])?-?\s?(\d+).*?/(\d{2})(\s+P)?", num)
        if m:
            return "case-" + "-".join(
                p for p in ((m.group(1) or "").lower(), m.group(2), m.group(3), "p" if m.group(4) else "") if p
            )
        return "case-" + slug(num)
    if kind == "code":
        title = w.first("title") or ""
        sub = title.split("–")[-1] if "–" in title else title
        return f"code-of-practice{y}-{slug(sub)}"
    if kind == "guidelines" and defined and ident and ident.startswith("C("):
        return f"{slug(defined)}{y}"
    if kind in ("legislation", "guidelines"):
        if ident and re.match(
            r"(?:Council |Commission )?(?:Delegated |Implementing )?(?:Regulation|Directive|Decision)", ident
        ):
            core = re.sub(r"^(?:Council|Commission)\s+", "", ident)
            return slug(core.replace(" No ", " "))
        if defined:
            return slug(defined) + (y if kind == "guidelines" else "")
        if ident:
            return slug(ident)
    fams = [_fam(a[0]) for a in w.authors]
    if fams:
        if len(fams) == 1 and not w.others:
            who = fams[0]
        elif len(fams) == 2 and not w.others:
            who = f"{fams[0]}-{fams[1]}"
        else:
            who = f"{fams[0]}-et-al"
        return f"{who}{y}-{_title_slug(w.first('title'))}"
    orgs = w.organisations
    if orgs:
        return f"{slug(orgs[0])}{y}-{_title_slug(w.first('title'))}"
    return f"{_title_slug(w.first('title'), 4)}{y}"


# ---- short-form matching ----------------------------------------------------------------------


def _title_fits(short: str, w: _Work) -> bool:
    """`Art. 51` fits ‘Art. 51 Einstufung ...’; `Art. 52` fits ‘Article 52 Procedure’ but not ‘Article 51 ...’."""
    s = _words(short)
    if not s:
        return False
    for c in w.all():
        for t in (c.title, c.defined_name):
            tw = _words(t)
            if tw[: len(s)] == s:
                return True
    return False


def _case_name_fits(name: str, case: str) -> bool:
    """`RW v Österreichische Post AG`, `Chemische Fabrik Kreussler`, `Czech Republic v European Commission`
    (for `Czech Republic v Commission`)."""
    n, c = _words(name), _words(case)
    if not n:
        return False
    if c[: len(n)] == n:
        return True
    if " v " in name and " v " in case:
        a1, b1 = (_words(x) for x in name.split(" v ", 1))
        a2, b2 = (_words(x) for x in case.split(" v ", 1))
        short, long_ = sorted((b1, b2), key=len)
        return a1 == a2 and bool(short) and long_[-len(short) :] == short
    return False


def _match(short: Citation, w: _Work) -> tuple[str | None, str | None]:
    """(strength, reason): strength 'strong' or 'weak' (given-name only), or (None, None)."""
    name, title = short.authors_text, short.short_title
    reason = None
    if name:
        names, others = split_names(name)
        fams = [_fam(n) for n in names]  # a short form names authors by family name only
        wf = w.families
        if wf and fams and ((others and wf[: len(fams)] == fams) or (not others and wf == fams)):
            reason = "authors " + ", ".join(names) + (" and others" if others else "")
        if reason is None:
            for alias in w.names:
                if (
                    _norm_title(alias) == _norm_title(name)
                    or (w.kind == "case" and _case_name_fits(name, alias))
                    or (w.kind in ("legislation", "guidelines") and _norm_id(alias) == _norm_id(name))
                ):
                    reason = f"name ‘{name}’"
                    break
        if reason is None:
            for org in w.organisations:
                if _norm_title(org) == _norm_title(name):
                    reason = f"organisation ‘{name}’"
                    break
        if reason is None and not w.authors:
            nw, tw = set(_words(name)), set(_words(w.first("title")))
            if len(nw) >= 3 and nw <= tw:
                reason = f"title words ‘{name}’"
        if reason is None:
            auth = w.authors
            if (
                auth
                and auth[0][1]
                and len(fams) == 1
                and _fam(names[0]) == _fam(auth[0][1].split()[0])
                and (not title or _title_fits(title, w))
            ):
                return "weak", (
                    f"‘{names[0]}’ is the given name of the first author "
                    f"({auth[0][1]} {auth[0][0]}); no work in the footnote has that family name"
                )
            return None, None
    if title:
        if not _title_fits(title, w):
            return None, None
        reason = (reason + " + " if reason else "") + f"title ‘{title}’"
    return ("strong", reason) if reason else (None, None)


# ---- persons ----------------------------------------------------------------------------------


@dataclass
class _Mention:
    family: str
    given: str | None
    initials: str | None
    variant: str
    role: str
    work: int
    rank: int


def _compatible(initials: str, given: str) -> bool:
    """`Chr` fits `Christian`, `A M` fits `Anna Maria`, `T R` fits `Thomas Rainer`, `A-M` fits `Anne-Marie`.

    >>> _compatible("A-M", "Anne-Marie"), _compatible("A", "Anne-Marie"), _compatible("A-M", "Anna")
    (True, True, False)
    >>> _compatible("M P", "María del Pilar")  # a particle inside the given names has no initial
    True
    """
    it = [t.rstrip(".") for t in initials.split()]
    gt = [g for g in given.replace(".", " ").split() if g.lower() not in GIVEN_PARTICLES]
    if len(it) > len(gt):
        return False
    return all(_fits(i, g) for i, g in zip(it, gt, strict=False))


def _fits(initial: str, given: str) -> bool:
    """One initial against one given name; a hyphenated initial (`A-M`) needs as many name parts."""
    parts, names = initial.split("-"), given.split("-")
    if len(parts) == 1:
        return _fold(given).startswith(_fold(initial))
    return len(parts) == len(names) and all(
        _fold(n).startswith(_fold(p.rstrip("."))) for p, n in zip(parts, names, strict=True)
    )


@dataclass
class _Cluster:
    """Name mentions taken to be one person."""

    family: str
    given: str | None
    initials: str | None
    members: list[int] = field(default_factory=list)  # mention indexes
    work: int | None = None  # a bare family name is one person within one work only


def _persons(
    mentions: list[_Mention], warnings: list[Warning_], where: str
) -> tuple[dict[str, Person], dict[int, str]]:
    """Cluster name mentions into persons; returns persons and mention index → person key."""
    by_family: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_family[_fam(m.family)].append(i)
    clusters: list[_Cluster] = []
    for idxs in by_family.values():
        fam_clusters: list[_Cluster] = []
        _cluster_given_names(mentions, idxs, fam_clusters)
        _cluster_initials(mentions, idxs, fam_clusters, warnings, where)
        _cluster_family_only(mentions, idxs, fam_clusters)
        clusters.extend(fam_clusters)
    persons: dict[str, Person] = {}
    owner: dict[int, str] = {}
    for cl in sorted(clusters, key=lambda c: min(c.members)):
        p = _person(cl, persons)
        for i in cl.members:
            p.variants.add(mentions[i].variant)
            p.roles.add(mentions[i].role)
            owner[i] = p.key
        persons[p.key] = p
    return persons, owner


def _cluster_given_names(mentions: list[_Mention], idxs: list[int], clusters: list[_Cluster]) -> None:
    """Mentions with a given name: one person per given name (`Tobias Haar`)."""
    for i in idxs:
        m = mentions[i]
        if m.given:
            g = _fold(m.given).replace(".", "").strip()
            cl = next((c for c in clusters if c.given and _fold(c.given).replace(".", "").strip() == g), None)
            if cl is None:
                cl = _Cluster(m.family, m.given, m.initials)
                clusters.append(cl)
            cl.members.append(i)


def _cluster_initials(
    mentions: list[_Mention], idxs: list[int], clusters: list[_Cluster], warnings: list[Warning_], where: str
) -> None:
    """Mentions with initials only (`Haar T`) join the one given name they fit, else stay apart."""
    for i in idxs:
        m = mentions[i]
        if m.given or not m.initials:
            continue
        initials = m.initials
        fits = [c for c in clusters if c.given and _compatible(initials, c.given)]
        if len(fits) == 1:
            fits[0].members.append(i)
            continue
        if len(fits) > 1:
            names = ", ".join(f"{c.given} {c.family}" for c in fits)
            warnings.append(Warning_("", where, f"name ‘{m.variant}’ fits several persons ({names}); kept apart"))
        cl = next((c for c in clusters if not c.given and c.initials == initials and len(fits) <= 1), None)
        if cl is None:
            cl = _Cluster(m.family, None, initials)
            clusters.append(cl)
        cl.members.append(i)


def _cluster_family_only(mentions: list[_Mention], idxs: list[int], clusters: list[_Cluster]) -> None:
    """Mentions by family name only (`Edelman`): one person per work."""
    for i in idxs:
        m = mentions[i]
        if m.given or m.initials:
            continue
        cl = next((c for c in clusters if not c.given and not c.initials and c.work == m.work), None)
        if cl is None:
            cl = _Cluster(m.family, None, None, work=m.work)
            clusters.append(cl)
        cl.members.append(i)


def _person(cl: _Cluster, taken: dict[str, Person]) -> Person:
    """The person of a cluster, with a key not yet taken (`haar-tobias`, `schneider-a`, `edelman-2`)."""
    fam, given = cl.family, cl.given
    initials = cl.initials
    if given:
        initials = " ".join(t[0] for t in given.replace(".", " ").split() if t.lower() not in GIVEN_PARTICLES)
    base = slug(f"{fam} {given}") if given else slug(f"{fam} {cl.initials}") if cl.initials else slug(fam)
    key, k = base, 2
    while key in taken:
        key, k = f"{base}-{k}", k + 1
    return Person(key=key, family=fam, given=given, initials=initials)


# ---- the resolver: named steps ------------------------------------------------------------------

CitationKey = tuple[str, int | None, int]  # (document, footnote — None for the bibliography, index)


def citation_key(c: Citation) -> CitationKey:
    """A citation's stable key: its document, footnote (None in the bibliography) and index there."""
    return (c.document or "", c.footnote, c.index)


@dataclass
class _Grouping:
    """The works being assembled, and which work each full (or resolved) citation cites."""

    works: list[_Work] = field(default_factory=list)
    by_identity: dict[tuple, _Work] = field(default_factory=dict)
    of_citation: dict[CitationKey, _Work] = field(default_factory=dict)

    def work_for(self, c: Citation) -> _Work:
        ident = _identity(c)
        w = self.by_identity.get(ident)
        if w is None:
            w = _Work(len(self.works), ident)
            self.works.append(w)
            self.by_identity[ident] = w
        return w


def resolve(found: list[CommentaryCitations]) -> Resolved:
    """Resolve the citations found in every commentary (kg.ingest.find_citations.find_in_commentary)
    to works and persons, in four steps (after splitting compound family names the chapters write
    elsewhere: step 0): group works, resolve short forms (and ibid), merge persons, make works.

    On the Article 51 commentary: 509 citations in 556 footnotes, 15 bibliography entries, every
    `(n N)` short form resolved (the one resolved on a given name is flagged in `note`).
    """
    warnings = [w for f in found for w in f.warnings]
    notes: list[str] = []
    split_compound_families(found)
    grouping = _Grouping()
    for f in found:
        notes.extend(group_works(f, grouping))
    unresolved: list[Citation] = []
    for f in found:
        unresolved.extend(resolve_short_forms(f, grouping, warnings, notes))
    persons, authors_of, editors_of = merge_persons(grouping.works, warnings)
    works, key_of = make_works(grouping.works, authors_of, editors_of)
    for f in found:
        notes.extend(_link_citations(f, grouping, key_of))
    bibliography = {
        f.document: [(i, key_of[grouping.of_citation[citation_key(c)].id]) for i, c in f.bibliography] for f in found
    }
    citations = {f.document: f.citations for f in found}
    return Resolved(works, persons, citations, bibliography, unresolved, warnings, notes)


def split_compound_families(found: list[CommentaryCitations]) -> None:
    """Step 0: a full name does not say where the given names end (`João Ferreira dos Santos`); the
    short forms (`Ferreira dos Santos (n 6)`) and bibliographies (`Ferreira dos Santos J`) do. A full
    name that ends in a family name of several words written so in any chapter is split there, as
    citation styles file it (`ferreira-dos-santos-joao`), so that every chapter has one person."""
    known: set[str] = set()
    for f in found:
        for c in f.citations:
            if c.short_form and c.authors_text:
                known.update(n for n in split_names(c.authors_text)[0] if " " in n)
        for _, c in f.bibliography:
            known.update(fam for fam, _, _ in c.authors if " " in fam)
    longest_first = sorted(known, key=len, reverse=True)
    for c in (c for f in found for c in f.citations):
        if c.short_form:
            continue
        for i, (family, given, _) in enumerate(c.authors):
            if not given:
                continue
            full = f"{given} {family}"
            fam = next((k for k in longest_first if full.endswith(" " + k) and len(k) > len(family)), None)
            if fam:
                rest = full[: -len(fam) - 1]
                c.authors[i] = (fam, rest, " ".join(t[0] for t in rest.split() if t.lower() not in GIVEN_PARTICLES))


def group_works(found: CommentaryCitations, grouping: _Grouping) -> list[str]:
    """Step 1: every full citation makes or joins a work (by identity: case number, instrument
    number, first author and title); each bibliography entry joins its work. Returns notes."""
    notes: list[str] = []
    for c in found.citations:
        if not c.short_form:
            assert c.footnote is not None  # a footnote citation
            w = grouping.work_for(c)
            w.fulls.append(c)
            w.citing.add(c.footnote)
            grouping.of_citation[citation_key(c)] = w
            c.resolution, c.resolved_by = "full", "full citation"
        for issue in c.issues:
            notes.append(f"{found.document}: footnote {c.footnote}: {issue}")
    for index, c in found.bibliography:
        known = grouping.by_identity.get(_identity(c))
        w = known or grouping.work_for(c)
        if known is None:
            notes.append(
                f"{found.document}: bibliography [{index}]: ‘{(c.title or '')[:60]}’ is never cited in full "
                f"in the footnotes"
            )
        w.bib.append(c)
        grouping.of_citation[citation_key(c)] = w
        c.resolved_by = "bibliography entry"
    return notes


@dataclass
class ShortFormMatch:
    """What following one short form found: its work and the rule that picked it, or no work and
    the reason why."""

    work: _Work | None
    rule: str
    target: Citation | None = None  # the citation of the work in the footnote named
    weak: bool = False  # picked on a given name only
    candidates: int = 0  # works cited in the footnote named


def resolve_short_forms(
    found: CommentaryCitations, grouping: _Grouping, warnings: list[Warning_], notes: list[str]
) -> list[Citation]:
    """Step 2: follow each short form `(n N)` to footnote N, in footnote order, so that a chain of
    short forms resolves through earlier footnotes; returns the citations left unresolved."""
    in_fn: dict[int | None, list[Citation]] = defaultdict(list)
    for c in found.citations:
        in_fn[c.footnote].append(c)
    numbers = set(found.footnotes)
    unresolved = []
    for c in found.citations:
        if not c.short_form:
            continue
        where, n = f"footnote {c.footnote}", c.via_footnote
        if c.note == IBID_NOTE:
            if not _resolve_ibid(c, in_fn, grouping, notes, found.document):
                c.resolution, c.note = "unresolved", "ibid: no citation before it"
                warnings.append(Warning_(found.document, where, f"‘{c.text}’ unresolved: {c.note}"))
                unresolved.append(c)
            continue
        if n is None or n not in numbers:
            c.resolution, c.note = "unresolved", f"(n {n}) points to no footnote"
            warnings.append(Warning_(found.document, where, c.note))
            unresolved.append(c)
            continue
        same = n == c.footnote and "named again" in (c.note or "")
        if not same and n >= (c.footnote or 0):
            warnings.append(Warning_(found.document, where, f"(n {n}) points forward or to its own footnote"))
        label = _label(c)
        m = match_short_form(c, in_fn[n], grouping.of_citation, same)
        if m.work is None:
            c.resolution, c.note = "unresolved", m.rule
            warnings.append(Warning_(found.document, where, f"‘{label}’ (n {n}) unresolved: {c.note}"))
            unresolved.append(c)
            continue
        _accept(c, m, grouping, same)
        if m.weak:
            notes.append(f"{found.document}: {where}: ‘{label}’ (n {n}) resolved only because {m.rule}")
    return unresolved


def _resolve_ibid(
    c: Citation, in_fn: dict[int | None, list[Citation]], grouping: _Grouping, notes: list[str], document: str
) -> bool:
    """`Ibid 461`: the work of the citation just before it, in this footnote or else the last one
    of the footnote before (OSCOLA); a footnote before that cites several works is noted."""
    assert c.footnote is not None
    before = [t for t in in_fn[c.footnote] if t.start < c.start]
    n = c.footnote if before else c.footnote - 1
    candidates = before or in_fn.get(n, [])
    target = candidates[-1] if candidates else None
    work = grouping.of_citation.get(citation_key(target)) if target is not None else None
    if target is None or work is None:
        return False
    c.via_footnote = n
    works = {w.id for t in in_fn[n] if (w := grouping.of_citation.get(citation_key(t))) is not None}
    _accept(c, ShortFormMatch(work, "ibid", target, candidates=len(works)), grouping, n == c.footnote)
    c.resolved_by = f"ibid → the citation just before it, in {'this footnote' if n == c.footnote else f'footnote {n}'}"
    if not before and len(works) > 1:
        notes.append(
            f"{document}: footnote {c.footnote}: ‘{c.text}’ read as the last of the {len(works)} works of fn {n}"
        )
    return True


def _label(c: Citation) -> str:
    return (c.authors_text or "") + (f", ‘{c.short_title}’" if c.short_title else "")


def match_short_form(
    c: Citation, in_target: list[Citation], of_citation: dict[CitationKey, _Work], same: bool
) -> ShortFormMatch:
    """The one work cited in the target footnote that the short form fits (eyecite's rule: one
    candidate, or none); a weak match (given name only) counts only when the footnote cites one work."""
    cands: dict[int, tuple[_Work, Citation]] = {}
    for t in in_target:
        if citation_key(t) in of_citation and (not same or t.start < c.start):
            w = of_citation[citation_key(t)]
            cands.setdefault(w.id, (w, t))
    strong, weak = [], []
    for w, t in cands.values():
        strength, reason = _match(c, w)
        if strength == "strong":
            strong.append((w, t, reason))
        elif strength == "weak":
            weak.append((w, t, reason))
    pick = strong if strong else (weak if len(cands) == 1 else [])
    if len(pick) == 1:
        w, t, reason = pick[0]
        return ShortFormMatch(w, reason or "", t, weak=not strong, candidates=len(cands))
    n = c.via_footnote
    if not cands:
        why = f"footnote {n} cites no work"
    elif not pick and not strong:
        why = f"no work in footnote {n} fits ‘{_label(c)}’ (candidates: " + "; ".join(
            _describe(w) for w, _ in cands.values()
        )
        why += ")"
    else:
        why = f"ambiguous: {len(pick)} works in footnote {n} fit ‘{_label(c)}’: " + "; ".join(
            _describe(w) for w, _, _ in pick
        )
    return ShortFormMatch(None, why, candidates=len(cands))


def _accept(c: Citation, m: ShortFormMatch, grouping: _Grouping, same: bool) -> None:
    """A resolved short form: its work, how it was found, and what it teaches about the work
    (a short title, the names of its authors as written)."""
    w, t = m.work, m.target
    assert w is not None and t is not None and c.footnote is not None
    grouping.of_citation[citation_key(c)] = w
    w.citing.add(c.footnote)
    c.resolution = "short-form"
    via = "this footnote" if same else f"footnote {c.via_footnote}"
    chain = f" (cited there as a short form to n {t.via_footnote})" if t.short_form and not same else ""
    c.resolved_by = f"{m.rule} → the only fitting work of {m.candidates} in {via}{chain}"
    if m.weak:
        c.note = f"resolved on a weak match: {m.rule}"
    _fix_short_fields(c, w, m.rule)
    if c.short_title and c.short_title not in w.short_titles:
        w.short_titles.append(c.short_title)
    if c.authors_text and w.authors:
        names, _ = split_names(c.authors_text)
        for i, nm in enumerate(names):
            if i < len(w.authors) and _fam(nm) == _fam(w.authors[i][0]):
                w.variants.append((i, nm))


def merge_persons(
    works: list[_Work], warnings: list[Warning_]
) -> tuple[dict[str, Person], dict[int, list[str]], dict[int, list[str]]]:
    """Step 3: the persons behind every name mention (see `_persons`); returns them and, per work
    id, its authors and editors (person keys, in order)."""
    mentions: list[_Mention] = []
    slots: list[tuple[_Work, str, int]] = []  # (work, role, mention index) of the citation read for the work
    for w in works:
        src = max((c for c in w.all() if c.authors), key=lambda c: len(c.authors), default=None)
        for c in w.all():
            for rank, (fam, given, initials) in enumerate(c.authors, 1):
                mentions.append(_Mention(fam, given, initials, _variant(c, fam, given, initials), "author", w.id, rank))
                if c is src:
                    slots.append((w, "author", len(mentions) - 1))
            for rank, (fam, given, initials) in enumerate(c.editors, 1):
                mentions.append(_Mention(fam, given, initials, _variant(c, fam, given, initials), "editor", w.id, rank))
                if c is next((x for x in w.all() if x.editors), None):
                    slots.append((w, "editor", len(mentions) - 1))
    persons, owner = _persons(mentions, warnings, "persons")
    authors_of: dict[int, list[str]] = defaultdict(list)
    editors_of: dict[int, list[str]] = defaultdict(list)
    for w, role, i in slots:
        (authors_of if role == "author" else editors_of)[w.id].append(owner[i])
    for w in works:
        for pos, nm in w.variants:
            if pos < len(authors_of[w.id]):
                persons[authors_of[w.id][pos]].variants.add(nm)
    return persons, authors_of, editors_of


def make_works(
    works: list[_Work], authors_of: dict[int, list[str]], editors_of: dict[int, list[str]]
) -> tuple[dict[str, Work], dict[int, str]]:
    """Step 4: each work gets its key (`haar-siglmuller-2025-art-51`) and its fields, the first
    value its citations give (footnotes first, then the bibliography)."""
    out: dict[str, Work] = {}
    key_of: dict[int, str] = {}
    for w in works:
        year = w.first("year")
        base = _work_key(w, year)
        key, k = base, 2
        while key in out:
            key, k = f"{base}-{k}", k + 1
        key_of[w.id] = key
        fn_fulls = [c.footnote for c in w.fulls if c.footnote is not None]
        out[key] = Work(
            key=key,
            kind=w.kind,
            title=w.first("title") or "",
            authors=authors_of[w.id],
            editors=editors_of[w.id],
            container=w.first("container"),
            edition=w.first("edition"),
            publisher=w.first("publisher"),
            year=year,
            url=w.first("url"),
            doi=w.first("doi"),
            identifier=w.first("identifier"),
            short_title=w.first("defined_name") or (w.short_titles[0] if w.short_titles else None),
            in_bibliography=bool(w.bib),
            first_footnote=min(fn_fulls) if fn_fulls else None,
            organisation=w.first("organisation"),
            volume=w.first("volume"),
            first_page=w.first("first_page"),
            case_number=w.first("case_number"),
            ecli=w.first("ecli"),
            accessed=w.first("accessed"),
            cited_in=sorted(w.citing),
            bibliography_entries=[c.index for c in w.bib],
        )
    return out, key_of


def _link_citations(found: CommentaryCitations, grouping: _Grouping, key_of: dict[int, str]) -> list[str]:
    """Every citation gets its work's key; odd pinpoints are noted. Returns the notes."""
    notes = []
    for c in found.citations:
        w = grouping.of_citation.get(citation_key(c))
        c.work = key_of[w.id] if w else None
        issue = pinpoint_issue(c.pinpoint)
        if issue:
            c.issues.append(f"pinpoint ‘{c.pinpoint}’: {issue}")
            notes.append(
                f"{found.document}: footnote {c.footnote}: pinpoint ‘{c.pinpoint}’ in ‘{c.text[:60]}’: {issue}"
            )
        if c.short_form and c.work and not c.pinpoint:
            c.issues.append("no pinpoint")  # a reference to the work as a whole: recorded, not warned
    for _, c in found.bibliography:
        c.work = key_of[grouping.of_citation[citation_key(c)].id]
        c.resolution = "full"
    return notes


def _variant(c: Citation, fam: str, given: str | None, initials: str | None) -> str:
    """The name as the source wrote it: `Tobias Haar` (footnote), `Haar T` (bibliography), `Edelman`."""
    if given:
        return f"{given} {fam}"
    if c.footnote is None and initials:  # bibliography: `Haar T`
        return f"{fam} {initials}"
    return fam


def _describe(w: _Work) -> str:
    who = " and ".join(a[0] for a in w.authors[:2]) or (w.organisations[0] if w.organisations else "")
    return f"{who + ', ' if who else ''}‘{(w.first('title') or '')[:50]}’"


def _fix_short_fields(c: Citation, w: _Work, reason: str) -> None:
    """`Commission Guidelines (n 39)` names the work, not its authors: move the name to `short_title`."""
    c.kind = w.kind
    if c.authors_text and reason.startswith(("name ", "title words")):
        if not c.short_title:
            c.short_title = c.authors_text
        c.authors_text = None
