"""Find the citations in a footnote (or a bibliography entry).

A footnote is read the way a legal researcher reads it: as a string of *citation acts*, cut at
top-level semicolons and full stops (never inside quotations ‘…’ “…” nor inside parentheses),
each opened by an optional signal (`See`, `see also`, `however, see`, a group signal such as
`In favour of X:`), then the citation itself, its pinpoint and an explanatory tail
(`who argues ...`, `(arguing that ...)`). A parenthesis that holds citations of its own
(`(however, see Hofmann-Coombe (n 6) paras 48, 51 who argues ...)`) is read as a citation string
of its own.

The steps: `structure` (quotations and parentheses), `_ActSplitter` (citation acts),
`kg.ingest.detectors.detect` (the citations of each act, by the ordered list of detectors: cases,
legislation, Commission documents, quoted titles with their tails, short forms, books),
`_with_backrefs` (a work named again without `(n N)`), then `_assemble` (signals, pinpoints,
parentheticals, one `Citation` each).

References to the AI Act itself (`AI Act, art 53(1)`), to other instruments by their
abbreviation (`DMA, art 3(10)`) and internal cross-references (`See Section 2.1.1.`) have no
anchor and are left to the provision finder.

    >>> [ (c.signal, c.authors_text, c.short_title, c.via_footnote, c.pinpoint)
    ...   for c in find_citations("See Haar and Siglmüller, ‘Art. 51’ (n 9) para 32; Martini (n 2) para 196", 61)]
    [('See', 'Haar and Siglmüller', 'Art. 51', 9, 'para 32'), ('See', 'Martini', None, 2, 'para 196')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import partial

from kg.ingest import patterns as P
from kg.ingest.detectors import Found, Text, backrefs, clean_title, detect, kind_of, read_publication, read_tail
from kg.ingest.detectors import structure as structure
from kg.ingest.guard import guarded
from kg.ingest.names import (
    is_organisation,
    parse_family_initials,
    parse_given_family,
    split_names,
    split_organisations,
)
from kg.models import Bibliographic, Citation, Commentary, CommentaryCitations, Warning_

__all__ = [
    "find_in_commentary",
    "find_citations",
    "find_bibliography_citation",
    "parse_given_family",
    "parse_family_initials",
    "split_names",
    "is_organisation",
    "split_organisations",
    "pinpoint_issue",
]

# a lead-in that says no more than its signal: not kept as the signal phrase
IBID_NOTE = "ibid: the work of the citation just before it"
TRIVIAL_PHRASES = {
    "see",
    "see also",
    "also see",
    "cf",
    "cf.",
    "compare",
    "however, see",
    "see, however",
    "but see",
    "further, see",
    "further see",
    "see further",
    "in favour",
    "opposing view",
    "against",
    "contra",
    "unclear",
    "e.g.",
    "see, for example",
    "see, e.g.",
    "similar",
    "similarly",
    "see also:",
    "seemingly opposing view",
}
BIB_FIELDS = tuple(f.name for f in fields(Bibliographic))


# ---- citation acts -------------------------------------------------------------------------------


@dataclass
class _Act:
    start: int
    end: int
    holes: list[tuple[int, int]]  # parentheses holding citations of their own
    region: int  # the footnote itself, or a parenthesis read as a string of its own
    sentence: int  # signals carry over within a sentence of a region


class _ActSplitter:
    """Cut a footnote into acts at top-level `;`, a stray `)` and sentence ends; a parenthesis
    that holds citations is split on its own (a region), leaving a hole in the act around it."""

    def __init__(self, t: Text):
        self.t = t
        self.acts: list[_Act] = []
        self._regions = 0
        self._has_cache: dict[tuple[int, int], bool] = {}

    def split(self, lo: int, hi: int, depth: int = 0) -> list[_Act]:
        region = self._regions
        self._regions += 1
        v = self.t.view
        sentence, act_start = 0, lo
        holes: list[tuple[int, int]] = []
        i = lo
        while i < hi:
            ch = v[i]
            if ch == "(":
                j = min(self.t.match.get(i, hi), hi)
                if depth < 20 and self._has_citation(i + 1, j):
                    holes.append((i, min(j + 1, hi)))
                    self.split(i + 1, j, depth + 1)
                i = j + 1
                continue
            if ch == ";" or (ch == ")" and i in self.t.stray):
                self._emit(act_start, i, holes, region, sentence)
                act_start, holes = i + 1, []
            elif (ch == "." and _sentence_end(v, i)) or (ch in "’”" and _sentence_end(v, i, self.t.text)):
                self._emit(act_start, i + 1, holes, region, sentence)
                act_start, holes = i + 1, []
                sentence += 1
            i += 1
        self._emit(act_start, hi, holes, region, sentence)
        return self.acts

    def _emit(self, start: int, end: int, holes: list[tuple[int, int]], region: int, sentence: int) -> None:
        if self.t.text[start:end].strip():
            self.acts.append(_Act(start, end, list(holes), region, sentence))

    def _has_citation(self, lo: int, hi: int) -> bool:
        key = (lo, hi)
        if key not in self._has_cache:
            self._has_cache[key] = bool(detect(self.t, self.t.view, lo, hi))
        return self._has_cache[key]


def _sentence_end(view: str, i: int, text: str | None = None) -> bool:
    if text is not None and view[i] in "’”)":
        # `... reproducibility.’ For a definition` — the full stop sits inside the quotation
        if text[i - 1 : i] not in (".", "!", "?") or (view[i] == ")" and text[i - 2 : i] == ".."):
            return False
        rest = view[i + 1 :]
        return bool(rest[:1].isspace()) and bool(rest.lstrip()[:1].isupper())
    nxt = view[i + 1 : i + 3]
    if not nxt or not nxt[0].isspace():
        return False
    rest = view[i + 1 :].lstrip()
    if not rest or not (rest[0].isupper() or rest[0] in "‘“"):
        return False
    before = view[max(0, i - 12) : i]
    return not P.ABBREVIATIONS.search(before)


def _act_view(t: Text, act: _Act) -> str:
    """The view with the act's holes blanked: citations inside them belong to their own region."""
    if not act.holes:
        return t.view
    v = list(t.view)
    for a, b in act.holes:
        for k in range(a, b):
            v[k] = " "
    return "".join(v)


# ---- the steps ----------------------------------------------------------------------------------

_PerAct = list[tuple[_Act, str, list[Found]]]


def find_citations(text: str, footnote: int | None) -> list[Citation]:
    """Every citation act in one footnote's text, in order, with offsets into `text`.

    Footnote 73 (abridged):

        >>> [c.__dict__[k] for c in find_citations(
        ...   "which does not appear close at hand (however, see Hofmann-Coombe (n 6) paras 48, 51 who argues for "
        ...   "a two-stage procedure).", 73) for k in ("signal", "authors_text", "pinpoint", "parenthetical")]
        ['however, see', 'Hofmann-Coombe', 'paras 48, 51', 'who argues for a two-stage procedure']
    """
    if not text or not text.strip():
        return []
    t = structure(text)
    per_act: _PerAct = []
    for act in _ActSplitter(t).split(0, len(text)):
        av = _act_view(t, act)
        per_act.append((act, av, detect(t, av, act.start, act.end)))
    if footnote is not None:
        per_act = _with_backrefs(t, footnote, per_act)
    out = _assemble(t, footnote, per_act)
    out.sort(key=lambda c: c.start)
    for i, c in enumerate(out):
        c.index = i + 1
    return out


def _with_backrefs(t: Text, footnote: int, per_act: _PerAct) -> _PerAct:
    """Add the works named again later in the footnote without `(n N)` (kg.ingest.detectors.backrefs)."""
    fulls = sorted((r for _, _, rs in per_act for r in rs if not r.short_form), key=lambda r: r.start)
    if not fulls:
        return per_act
    taken = [(r.start, r.end) for _, _, rs in per_act for r in rs]
    out = []
    for act, av, rs in per_act:
        earlier = [f for f in fulls if f.end <= act.end]
        extra = [
            b
            for b in backrefs(t, footnote, av, act.start, act.end, earlier)
            if all(b.end <= s or b.start >= e for s, e in taken)
        ]
        out.append((act, av, sorted(rs + extra, key=lambda r: r.start)) if extra else (act, av, rs))
    return out


def _assemble(t: Text, footnote: int | None, per_act: _PerAct) -> list[Citation]:
    """One Citation per found citation; a signal carries over to the following citations of the
    same sentence of the same region (`See A; B` — B is cited under `See` too)."""
    out: list[Citation] = []
    state: dict[int, tuple[int, str | None, str | None]] = {}  # region → (sentence, signal, phrase)
    for act, av, found in per_act:
        sentence, sig, phrase = state.get(act.region, (act.sentence, None, None))
        if sentence != act.sentence:
            sig, phrase = None, None
        if not found:
            lead_sig, lead_phrase = _signal(t.text[act.start : act.end], av[act.start : act.end], at_start=True)
            if lead_sig:
                sig, phrase = lead_sig, lead_phrase
        else:
            cits, sig, phrase = _act_citations(t, footnote, act, av, found, sig, phrase)
            out.extend(cits)
        state[act.region] = (act.sentence, sig, phrase)
    return out


def _act_citations(
    t: Text, footnote: int | None, act: _Act, av: str, found: list[Found], sig: str | None, phrase: str | None
) -> tuple[list[Citation], str | None, str | None]:
    """The citations of one act, each with its pinpoint, signal and parenthetical; returns them
    and the signal in force after the act."""
    out = []
    prev_end = act.start
    for k, r in enumerate(found):
        limit = found[k + 1].start if k + 1 < len(found) else act.end
        _pinpoint(t, av, r, limit)
        sig, phrase, inherited = _lead_signal(t, av, prev_end, r.start, k, sig, phrase)
        cit = _make_citation(t, footnote, r, sig, phrase, inherited)
        par_end = limit
        if k + 1 < len(found):
            cm = P.CONNECTOR.search(av[r.pin_end : found[k + 1].start])
            if cm:
                par_end = r.pin_end + cm.start()
        cit.parenthetical = _parenthetical(t, act, r.pin_end, par_end)
        out.append(cit)
        prev_end = r.pin_end
    return out, sig, phrase


def _lead_signal(
    t: Text, av: str, lo: int, hi: int, k: int, cur_sig: str | None, cur_phrase: str | None
) -> tuple[str | None, str | None, bool]:
    """The signal before the k-th citation of an act (text `[lo, hi)`), or the one in force when
    the citation continues a list (`, and`) or opens the act without running text."""
    lead_text, lead_view = t.text[lo:hi], av[lo:hi]
    joined = False
    if k > 0:
        cm = P.CONNECTOR.search(lead_view)
        if cm:
            lead_text, lead_view = lead_text[cm.start() :], lead_view[cm.start() :]
            joined = True
    sig, phrase = _signal(lead_text, lead_view, at_start=False)
    if sig is None and (joined or not lead_view.strip(" ,")) or sig is None and k == 0 and not _is_prose(lead_view):
        return cur_sig, cur_phrase, cur_sig is not None
    return sig, phrase, False


def _pinpoint(t: Text, av: str, r: Found, limit: int) -> None:
    """`para 27`, `paras 26–31`, `6, 11` (first page 6, pinpoint 11 for an article or chapter)."""
    r.pin_end = r.end
    pin = r.pinpoint_inside
    m = P.PINPOINT.match(av, r.end, limit)
    if m:
        pin = t.text[m.start("pin") : m.end("pin")].strip().rstrip(",")
        r.pin_end = m.end("pin")
    if pin and r.first_page_rule:
        fp = P.FIRST_PAGE.match(pin)
        if fp:
            r.bib.first_page = fp.group(1)
            pin = fp.group(2)
    r.pinpoint = pin or None


def _parenthetical(t: Text, act: _Act, a: int, b: int) -> str | None:
    """The explanation after a citation: `who argues ...`, `(arguing that ...)`."""
    parts, i = [], a
    for ha, hb in act.holes:
        if hb <= a or ha >= b:
            continue
        parts.append(t.text[i : max(i, ha)])
        i = max(i, hb)
    parts.append(t.text[i:b])
    s = re.sub(r"\s+", " ", "".join(parts)).strip()
    s = s.lstrip(",:; ").rstrip(" ,;")
    if s.endswith(".") and not s.endswith("..."):
        s = s[:-1].rstrip()
    while s.endswith(")") and s.count(")") > s.count("("):
        s = s[:-1].rstrip(" .,;")
    if not re.search(r"\w", s):
        return None
    if s[0].isupper() and s[0] not in "‘“":
        return None  # a new sentence that lost its full stop
    if s.startswith("(") and s.endswith(")") and _balanced(s[1:-1]):
        s = s[1:-1].strip()
    return s or None


def _make_citation(
    t: Text, footnote: int | None, r: Found, sig: str | None, phrase: str | None, inherited: bool
) -> Citation:
    core = t.text[r.start : r.pin_end]
    c = Citation(
        footnote=footnote,
        index=0,  # numbered in text order by find_citations
        text=core.strip(),
        start=r.start,
        end=r.start + len(core.rstrip()),
        signal=sig,
        pinpoint=r.pinpoint,
        short_form=r.short_form,
        via_footnote=r.via,
        authors_text=r.authors_text,
        short_title=r.short_title or r.defined_name,
    )
    c.signal_phrase = phrase
    c.signal_inherited = inherited
    c.kind = r.kind
    if r.short_form:
        if r.backref:
            c.note = "named again without (n N): refers back to a work cited earlier in this footnote"
        elif r.ibid:
            c.note = IBID_NOTE
        return c
    _copy_bib(r.bib, c)
    c.defined_name = r.defined_name
    if c.url and not c.doi and (dm := P.DOI.search(c.url)):
        c.doi = dm.group(1)
    names_text = c.authors_text
    if names_text and not is_organisation(names_text):
        names, others = split_names(names_text)
        c.authors = [parse_given_family(n) for n in names]
        c.others = others
    elif names_text and not c.organisation:
        c.organisation = "; ".join(split_organisations(names_text))
    if c.editors_text:
        names, _ = split_names(c.editors_text)
        c.editors = [parse_given_family(n) for n in names]
    c.issues.extend(r.issues)
    if r.extra:
        c.identifier = "; ".join(x for x in (c.identifier, r.extra) if x)
    return c


def _copy_bib(bib: Bibliographic, c: Citation) -> None:
    """The bibliographic fields read from the text onto the citation (those that were found)."""
    for name in BIB_FIELDS:
        value = getattr(bib, name)
        if value:
            setattr(c, name, value)


def _balanced(s: str) -> bool:
    d = 0
    for ch in s:
        d += ch == "("
        d -= ch == ")"
        if d < 0:
            return False
    return d == 0


def _is_prose(lead_view: str) -> bool:
    """A lead-in that is running text (`This is suggested by`), not a list continuation."""
    s = lead_view.strip(" ,")
    return bool(re.search(r"[A-Za-z]{2,}", s))


def _signal(lead_text: str, lead_view: str, at_start: bool) -> tuple[str | None, str | None]:
    """Normalise the words before a citation: `In favour of X:` → ('In favour of', 'In favour of X')."""
    view = lead_view
    if at_start:  # an act without citations: only a signal at its very start counts
        m = P.LEAD_SIGNAL.match(view)
        if not m:
            return None, None
        view, lead_text = view[: m.end()], lead_text[: m.end()]
    if not view.strip():
        return None, None
    colon = P.LEAD_COLON.search(view)
    own_paren = P.OWN_PARENTHESIS.fullmatch(view)
    for pat, norm, stance in P.SIGNALS:
        m = pat.search(view)
        if not m:
            continue
        if stance and not (colon or own_paren):
            continue
        if colon:
            phrase = lead_text[: colon.start()].strip()
        elif own_paren:
            phrase = lead_text.strip()
        else:
            cut = m.end()
            rest = view[cut:]
            if rest.strip() and rest.lstrip().startswith(",") and rest.rstrip().endswith(","):
                cut = len(view.rstrip().rstrip(","))
            phrase = lead_text[:cut].strip()
        phrase = re.sub(r"\s+", " ", phrase).strip(" ,:")
        return norm, (None if phrase.lower() in TRIVIAL_PHRASES else phrase)
    if colon:
        phrase = re.sub(r"\s+", " ", lead_text[: colon.start()]).strip(" ,:")
        return None, phrase or None
    return None, None


# ---- a whole commentary ----------------------------------------------------------------------------


def find_in_commentary(com: Commentary) -> CommentaryCitations:
    """The citations of every footnote and every select-bibliography entry of a commentary."""
    citations = []
    warnings: list[Warning_] = []
    nothing: list[Citation] = []
    for fn in com.footnotes:  # a footnote that trips the finder is left out with a warning (kg.ingest.guard)
        read = partial(find_citations, fn.text, fn.number)
        for c in guarded(com.document, f"footnote {fn.number}", warnings, read, nothing):
            c.document = com.document
            citations.append(c)
    bibliography = []
    for entry in com.bibliography:
        cit = find_bibliography_citation(entry.text, entry.index)
        if cit is None:
            where = f"bibliography [{entry.index}]"
            warnings.append(Warning_(com.document, where, f"entry not recognised: {entry.text[:60]!r}"))
            continue
        cit.document = com.document
        bibliography.append((entry.index, cit))
    return CommentaryCitations(com.document, [f.number for f in com.footnotes], citations, bibliography, warnings)


# ---- the select bibliography ----------------------------------------------------------------------


def find_bibliography_citation(text: str, index: int) -> Citation | None:
    """Read one select-bibliography entry, whose authors are written `Family Initials`.

    >>> c = find_bibliography_citation("Haar T and Siglmüller J, ‘Art. 51 Einstufung ...’ in Jens Schefzig and "
    ...     "Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025).", 9)
    >>> c.authors, c.kind, c.edition, c.publisher, c.year
    ([('Haar', None, 'T'), ('Siglmüller', None, 'J')], 'chapter', '4th edn', 'C H Beck', '2025')
    """
    text = text.strip()
    read = _bib_quoted(text) or _bib_unquoted(text)
    if read is None:
        return None
    authors_text, bib, shape, end, editors_bib = read
    kind = kind_of(bib, shape)
    cit = Citation(
        footnote=None,
        index=index,
        text=text,
        start=0,
        end=len(text),
        signal=None,
        pinpoint=None,
        authors_text=authors_text,
    )
    _copy_bib(bib, cit)
    cit.kind = kind
    if cit.url and (dm := P.DOI.search(cit.url)):
        cit.doi = dm.group(1)
    if authors_text and not is_organisation(authors_text):
        names, others = split_names(authors_text)
        cit.authors = [parse_family_initials(n) for n in names]
        cit.others = others
    if bib.editors_text:
        names, _ = split_names(bib.editors_text)
        cit.editors = [parse_given_family(n) for n in names]
    elif editors_bib:
        cit.editors_text = editors_bib
        names, _ = split_names(editors_bib)
        cit.editors = [parse_family_initials(n) for n in names]
    if end < len(text) and not cit.first_page:
        rest = text[end:].strip(" .,")
        if re.fullmatch(r"\d+", rest):
            cit.first_page = rest
    cit.resolution = "full"
    return cit


_BibRead = tuple[str, Bibliographic, str, int, str | None]  # authors, fields, shape, end, editors (bibliography order)


def _bib_quoted(text: str) -> _BibRead | None:
    """`Haar T and Siglmüller J, ‘Title’ in ... (4th edn, C H Beck 2025).`: the tail as in a footnote."""
    t = structure(text)
    if not t.quotes:
        return None
    o, c = t.quotes[0]
    tail = read_tail(t, t.view, c + 1, len(text))
    bib, shape, end = (tail[1], tail[2], tail[0]) if tail else (Bibliographic(), "published", c + 1)
    bib.title = clean_title(text[o + 1 : c])
    return text[:o].strip().rstrip(",").strip(), bib, shape, end, None


def _bib_unquoted(text: str) -> _BibRead | None:
    """`Craig P, EU Administrative Law (3rd edn, OUP 2018)` or an edited book `Title, Eds (eds), (Publisher 2025)`."""
    if structure(text).quotes:
        return None
    parts = re.split(r"(,\s+|\s+and\s+)", text)
    names, i, pos = [], 0, 0
    while i < len(parts) and P.BIB_NAME.fullmatch(parts[i]):
        names.append(parts[i])
        pos += len(parts[i]) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
        i += 2
    if not names:
        return None
    authors_text = text[:pos].strip().rstrip(",").strip()
    if authors_text.endswith(" and"):
        authors_text = authors_text[:-4]
    rest = text[pos:]
    editors = None
    if m := P.BIB_EDITED.match(rest):
        bib = Bibliographic(title=m.group("title").strip())
        editors = m.group("eds")
    elif m := P.BIB_PUBLISHED.match(rest):
        bib = Bibliographic(title=m.group("title").strip(" ,"))
    else:
        return None
    read_publication(bib, m.group("pub"))
    return authors_text, bib, "published", len(text), editors


def pinpoint_issue(pinpoint: str | None) -> str | None:
    """`para 59–60` → 'singular ‘para’ with a range'; `paras 24` → 'plural ‘paras’ with one number'."""
    if not pinpoint:
        return None
    if P.PARA_RANGE.match(pinpoint):
        return "singular ‘para’ with a range"
    if P.PARAS_ONE.fullmatch(pinpoint):
        return "plural ‘paras’ with one number"
    m = P.RANGE.search(pinpoint)
    if m and int(m.group(2)) < int(m.group(1)) and len(m.group(2)) >= len(m.group(1)):
        return "range runs backwards"
    return None
