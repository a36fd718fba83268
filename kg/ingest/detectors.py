"""The citation detectors: one function per kind of citation, run in the order of `DETECTORS`.

A detector looks at one stretch `[lo, hi)` of a footnote's view (quotations blanked, see
`structure`) and returns every citation of its kind there, as a `Found` record: where it starts and
where its bibliographic core ends, its kind, and the bibliographic fields it read. Where two
detectors claim overlapping text, the one earlier in `DETECTORS` wins (a case's party names are
not a book's authors), so the order of the list is the order of trust.

To add a kind of citation: write its pattern in kg.ingest.patterns, a detector here, put the
detector in `DETECTORS` at the place of its trust, and add a test with a real footnote to
tests/test_find_citations.py.

    >>> t = structure("See Case C-97/15 Sprengen/Pakweg Douane BV v Staatssecretaris [2016] ECLI:EU:C:2016:556 para 31")
    >>> [(f.kind, f.bib.case_number, f.bib.ecli) for f in detect(t, t.view, 0, len(t.text))]
    [('case', 'C-97/15', 'ECLI:EU:C:2016:556')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.ingest import patterns as P
from kg.ingest.names import NAME_CONNECTORS, PARTICLES, is_organisation, parse_given_family, split_names
from kg.models import Bibliographic, WorkKind

# ---- the text as the detectors see it -----------------------------------------------------------


@dataclass
class Text:
    """A footnote (or bibliography entry) read for its structure."""

    text: str
    view: str  # quotation contents blanked (the quotation marks stay)
    quotes: list[tuple[int, int]]  # top-level ‘…’ spans: (index of ‘, index of ’)
    match: dict[int, int]  # index of ( → index of its ) (len(text) when never closed)
    stray: set[int]  # ) without a (


def _quote_spans(
    text: str, open_ch: str, close_ch: str, apostrophe_aware: bool, skip: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """The top-level quotations; an opening mark never closed is taken literally (up to 50 of them)."""
    ignore: set[int] = set()
    skipped = bytearray(len(text))
    for a, b in skip or []:
        skipped[a : b + 1] = b"\x01" * (b + 1 - a)
    spans: list[tuple[int, int]] = []
    for _ in range(50):
        spans, stack = [], []
        for i, ch in enumerate(text):
            if skipped[i] or i in ignore:
                continue
            if ch == open_ch:
                stack.append(i)
            elif ch == close_ch and stack:
                if apostrophe_aware and text[i + 1 : i + 2].isalpha():
                    continue  # Beck’scher, article’s
                o = stack.pop()
                if not stack:
                    spans.append((o, i))
        if not stack:
            return spans
        ignore.add(stack[0])
    return spans


def structure(text: str) -> Text:
    """Quotations ‘…’ and “…” (blanked in the view) and the matching of parentheses outside them."""
    quotes = _quote_spans(text, "‘", "’", True)
    dquotes = _quote_spans(text, "“", "”", False, quotes)
    view = list(text)
    for a, b in quotes + dquotes:
        for k in range(a + 1, b):
            view[k] = " "
    v = "".join(view)
    stack: list[int] = []
    match: dict[int, int] = {}
    stray: set[int] = set()
    for i, ch in enumerate(v):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                match[stack.pop()] = i
            else:
                stray.add(i)
    for o in stack:
        match[o] = len(text)
    return Text(text, v, quotes, match, stray)


# ---- what a detector returns --------------------------------------------------------------------

Shape = str  # the form of a quoted title's tail: chapter | journal | web | published | year


@dataclass
class Found:
    """A citation found in a stretch of text, before its signal and parenthetical are attached."""

    start: int
    end: int  # end of the bibliographic core, before the pinpoint
    kind: WorkKind | None  # None for a short form (its kind is the work's, once resolved)
    bib: Bibliographic = field(default_factory=Bibliographic)
    short_form: bool = False
    via: int | None = None  # the `(n N)` target
    authors_text: str | None = None
    short_title: str | None = None
    defined_name: str | None = None  # (“Commission Guidelines”)
    first_page_rule: bool = False  # a pinpoint `6, 11` is first page 6, pinpoint 11
    extra: str | None = None  # a parenthesis after the publication details, kept as an identifier
    issues: list[str] = field(default_factory=list)
    pinpoint_inside: str | None = None  # a pinpoint written inside the title (`..., Sec 3`)
    backref: bool = False  # named again without `(n N)`
    ibid: bool = False  # `Ibid 461`: the citation just before it
    name_end: int | None = None  # where a name scanned leftwards ends (quote or `(n`)
    fallback_start: int | None = None  # where the citation starts when no name is found
    rank: int = 0  # the detector's place in DETECTORS
    pin_end: int = 0
    pinpoint: str | None = None


Detector = Callable[[Text, str, int, int], list[Found]]


# ---- detectors, in the order of trust -----------------------------------------------------------


def cases(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """`Case C-97/15 Sprengen/Pakweg Douane BV v ... [2016] ECLI:EU:C:2016:556`."""
    out = []
    for m in P.CASE.finditer(av, lo, hi):
        start = m.start("kw") if m.group("kw") else m.start("num")
        num = re.sub(r"[‑]", "-", re.sub(r"\s+", " ", t.text[m.start("num") : m.end("num")]))
        rep = m.group("rep")
        ecli = rep if rep.startswith("ECLI:") else "ECLI:" + rep if rep.startswith("EU:") else None
        end, defined = _defined_name(t, av, m.end(), hi)
        year = m.group("year")
        court = "Court of Justice"
        if num.startswith("T"):
            court = "General Court" if int(year) >= 2009 else "Court of First Instance"
        bib = Bibliographic(
            title=t.text[m.start("name") : m.end("name")].strip(),
            year=year,
            ecli=ecli,
            case_number=num,
            identifier=f"Case {num}" + (f", {ecli}" if ecli else f", [{year}] {rep}"),
            organisation=court,
            container=None if ecli else rep,
        )
        out.append(Found(start, end, "case", bib, defined_name=defined))
    return out


def legislation(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """An act cited in full: a foreign act (`Senate Bill No. 53 [2025]`) or one in the Official
    Journal (`Regulation (EU) 2022/1925 ... [2022] OJ L 265/1 (“DMA”)`)."""
    return _foreign_acts(t, av, lo, hi) + _official_journal_acts(t, av, lo, hi)


def _foreign_acts(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    out = []
    for m in P.FOREIGN.finditer(av, lo, hi):
        title = t.text[m.start("title") : m.end("title")].strip().rstrip(",")
        pin = None
        if pm := P.SECTION_AT_END.search(title):
            pin, title = pm.group(1), title[: pm.start()]
        ident = P.FOREIGN_ID.match(title)
        bib = Bibliographic(
            title=title, year=m.group("year"), identifier=ident.group(0) if ident else None, container=m.group("rep")
        )
        out.append(Found(m.start("title"), m.end(), "legislation", bib, pinpoint_inside=pin))
    return out


def _official_journal_acts(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    out = []
    prev = lo
    for m in P.OJ.finditer(av, lo, hi):
        seg_lo = max(prev, lo)
        kw = P.LEG_KW.search(av, seg_lo, m.start())
        start = kw.start() if kw else lead_end(av, seg_lo, m.start())
        title = t.text[start : m.start()].strip().rstrip(",").strip()
        end, defined = _defined_name(t, av, m.end(), hi)
        year = m.group("year")
        ident = re.sub(r"\s+", " ", kw.group(0)) if kw and P.INSTRUMENT_TYPE.match(kw.group(0)) else None
        issues = []
        if year and len(year) != 4:
            issues.append(f"legislation year ‘[{year}]’ looks truncated; year taken from the instrument number")
            year = _instrument_year(ident)
        if not year and ident:
            year = _instrument_year(ident)
        series, ref = (m.group("s"), m.group("ref")) if m.group("s") else (m.group("s2"), m.group("ref2"))
        kind: WorkKind = "guidelines" if title.startswith("Non-Binding") else "legislation"
        bib = Bibliographic(title=title, year=year, identifier=ident, container=f"OJ {series} {ref}")
        out.append(Found(start, end, kind, bib, defined_name=defined, issues=issues))
        prev = end
    return out


def commission_documents(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """`Commission, ‘Guidelines on ...’ C(2025) 5045 final (“Commission Guidelines”)`."""
    out = []
    for m in P.DOCNO.finditer(av, lo, hi):
        start = lead_end(av, lo, m.start())
        title = t.text[start : m.start()].strip().strip("‘’").strip()
        if not title:
            continue
        end, defined = _defined_name(t, av, m.end(), hi)
        bib = Bibliographic(
            title=title,
            year=m.group("year"),
            identifier=re.sub(r"\s+", " ", m.group(0)),
            organisation="European Commission",
        )
        out.append(Found(start, end, "guidelines", bib, defined_name=defined))
    return out


def quoted_titles(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """A quoted title with a bibliographic tail (see TAILS): `Haar and Siglmüller, ‘Art. 51’ in
    Schefzig and Kilian (eds), BeckOK KI-Recht (4th edn, C H Beck 2025)`."""
    out = []
    for o, c in t.quotes:
        if o < lo or c >= hi or av[o] != "‘":
            continue
        if P.SHORT.match(av, c + 1, hi) or P.SHORT_AFTER_QUOTE.match(av[c + 1 : hi]):
            continue
        tail = read_tail(t, av, c + 1, hi)
        if tail is None:
            continue
        end, bib, shape, first_page_rule, extra = tail
        bib.title = clean_title(t.text[o + 1 : c])
        start, authors = name_before(t, av, lo, o)
        kind = kind_of(bib, shape)
        found = Found(start if authors else o, end, kind, bib, authors_text=authors, first_page_rule=first_page_rule)
        found.extra, found.name_end, found.fallback_start = extra, o, o
        out.append(found)
    return out


def short_forms(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """`Haar and Siglmüller, ‘Art. 51’ (n 9)`, `Commission Guidelines (n 39)`."""
    out = []
    for m in P.SHORT.finditer(av, lo, hi):
        short_title = None
        p = m.start()
        q = p
        while q > lo and av[q - 1] == " ":
            q -= 1
        span = next(((o, c) for o, c in t.quotes if c == q - 1 and o >= lo), None)
        if span:
            short_title = clean_title(t.text[span[0] + 1 : span[1]])
            p = span[0]
        start, name = name_before(t, av, lo, p)
        if not name and not short_title:
            continue
        authors, short_title = split_short(name, short_title)
        if not name:
            assert span is not None  # a short form without a name has a quoted short title
            start = span[0]
        end = m.end()
        if av[end : end + 2] == "’s":
            end += 2
        found = Found(start, end, None, short_form=True, via=int(m.group(1)), authors_text=authors)
        found.short_title, found.name_end, found.fallback_start = short_title, p, span[0] if span else None
        out.append(found)
    return out


def ibid_forms(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """`Ibid 461.`, `ibid para 14`: the work of the citation just before it (in this footnote, else
    the last of the footnote before), which the resolver looks up (kg.ingest.resolve)."""
    return [Found(m.start(), m.end(), None, short_form=True, ibid=True) for m in P.IBID.finditer(av, lo, hi)]


def books(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """A book with an unquoted title: `Paul Craig, EU Administrative Law (Oxford University Press, 3rd edn, 2018)`."""
    out = []
    for m in P.BOOK.finditer(av, lo, hi):
        pub = m.group("pub")
        if not looks_like_pub(pub) or P.MONTH_FIRST.match(pub.strip()):
            continue
        toks = m.group("authors").split()
        start = m.start("authors")
        while toks and toks[0].lower() in LEAD_STOP:
            start = av.index(toks[0], start) + len(toks[0])
            toks.pop(0)
        while start < m.end() and av[start] == " ":
            start += 1
        authors = t.text[start : m.end("authors")]
        if not authors or is_organisation(authors):
            continue
        bib = Bibliographic(title=t.text[m.start("title") : m.end("title")].strip())
        read_publication(bib, t.text[m.start("pub") : m.end("pub")])
        out.append(Found(start, m.end(), "book", bib, authors_text=authors, first_page_rule=True))
    return out


DETECTORS: list[Detector] = [cases, legislation, commission_documents, quoted_titles, short_forms, ibid_forms, books]


def detect(t: Text, av: str, lo: int, hi: int) -> list[Found]:
    """Every citation in `[lo, hi)`, in text order; overlaps go to the detector earlier in DETECTORS."""
    found: list[Found] = []
    for rank, detector in enumerate(DETECTORS):
        for f in detector(t, av, lo, hi):
            f.rank = rank
            found.append(f)
    for f in found:
        _trim_name(t, av, f, found)
    accepted: list[Found] = []
    for f in sorted(found, key=lambda f: (f.rank, f.start)):
        if f.start >= f.end:
            continue
        if all(f.end <= a.start or f.start >= a.end for a in accepted):
            accepted.append(f)
    return sorted(accepted, key=lambda f: f.start)


def _trim_name(t: Text, av: str, f: Found, found: list[Found]) -> None:
    """A name scanned leftwards stops at the end of the citation before it (`X (n 3) and Y (n 4)`)."""
    if f.name_end is None:
        return
    prev = max((a.end for a in found if a is not f and f.start < a.end <= f.name_end), default=None)
    if prev is None:
        return
    start, name = name_before(t, av, prev, f.name_end)
    if f.short_form:
        f.authors_text, f.short_title = split_short(name, f.short_title)
        if not name and not f.short_title:
            f.start = f.end  # nothing left: dropped
            return
    else:
        f.authors_text = name
    if name:
        f.start = start
    else:
        assert f.fallback_start is not None  # set by every detector that scans a name
        f.start = f.fallback_start


def backrefs(t: Text, footnote: int | None, av: str, lo: int, hi: int, earlier: list[Found]) -> list[Found]:
    """`Bengio and others 17, 24` or `Czech Republic v European Commission para 78`: a work cited in
    full earlier in the same footnote, named again without `(n N)`."""
    out = []
    for r in earlier:
        if r.kind == "case":
            party = (r.bib.title or "").split(" v ")[0].strip()
            if len(party) < 4:
                continue
            pat = P.backref_to_case(party)
        elif r.authors_text and not r.short_form and not is_organisation(r.authors_text):
            names, _ = split_names(r.authors_text)
            if not names:
                continue
            pat = P.backref_to_author(parse_given_family(names[0])[0])
        else:
            continue
        for m in pat.finditer(av, max(lo, r.end), hi):
            out.append(
                Found(m.start(), m.end(), None, short_form=True, via=footnote, authors_text=m.group(0), backref=True)
            )
    return out


# ---- the tail of a quoted title: ordered forms, the first that fits wins ------------------------

Tail = tuple[int, Bibliographic, Shape, bool, str | None]  # end, fields, shape, first-page rule, extra


def _chapter(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`in Eds (eds), Book (4th edn, C H Beck 2025)`."""
    m = P.CHAPTER.match(av, p, hi)
    if not (m and (m.group("eds") or looks_like_pub(m.group("pub")))):
        return None
    bib = Bibliographic()
    if m.group("eds"):
        bib.editors_text = t.text[m.start("eds") : m.end("eds")].strip()
    bib.container = t.text[m.start("container") : m.end("container")].strip().rstrip(",")
    read_publication(bib, t.text[m.start("pub") : m.end("pub")])
    return m.end(), bib, "chapter", True, None


def _journal_volume_first(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`64 Common Market Law Review 3 (2027) 519`."""
    m = P.J_VOL_FIRST.match(av, p, hi)
    if not m:
        return None
    bib = Bibliographic(
        year=m.group("year"), volume=m.group("vol"), container=m.group("journal").strip(), first_page=m.group("page")
    )
    return m.end(), bib, "journal", False, None


def _web_page(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`(2025) <https://...> accessed 7 January 2026`."""
    m = P.WEB_YEAR.match(av, p, hi)
    if not m:
        return None
    bib = Bibliographic(year=m.group("year"))
    return url_accessed(av, m.end(), hi, bib), bib, "web", False, None


def _journal_year_first(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`(2025) 28 Journal of Internet Law 6`."""
    m = P.J_YEAR_FIRST.match(av, p, hi)
    if not (m and not P.NOT_A_JOURNAL.match(m.group("journal"))):
        return None
    bib = Bibliographic(
        year=m.group("year"), volume=m.group("vol"), container=m.group("journal").strip(), first_page=m.group("page")
    )
    return url_accessed(av, m.end(), hi, bib), bib, "journal", False, None


def _published(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`(RAND, 2024) <url>`, `(Publications Office of the EU, JRC143255, 2025)`."""
    m = P.PUBYEAR.match(av, p, hi)
    if not (m and looks_like_pub(m.group("pub"))):
        return None
    bib = Bibliographic()
    read_publication(bib, t.text[m.start("pub") : m.end("pub")])
    end = m.end()
    extra = None
    if x := P.EXTRA.match(av, end, hi):
        extra = t.text[x.start("extra") : x.end("extra")]
        end = x.end()
    return url_accessed(av, end, hi, bib), bib, "published", False, extra


def _organisation_web(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`(Epoch AI) <https://...>`."""
    m = P.EXTRA.match(av, p, hi)
    if not (m and P.URL.match(av, m.end(), hi)):
        return None
    bib = Bibliographic(organisation=t.text[m.start("extra") : m.end("extra")])
    return url_accessed(av, m.end(), hi, bib), bib, "web", False, None


def _link(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`<https://...>` right after the title."""
    m = P.COMMA.match(av, p, hi)
    assert m is not None  # `,?` always matches
    if not P.URL.match(av, m.end(), hi):
        return None
    bib = Bibliographic()
    return url_accessed(av, m.end(), hi, bib), bib, "web", False, None


def _year_only(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """`(2024)`."""
    m = P.YEAR_ONLY.match(av, p, hi)
    if not m:
        return None
    return m.end(), Bibliographic(year=m.group("year")), "year", False, None


TAILS: list[Callable[[Text, str, int, int], Tail | None]] = [
    _chapter,
    _journal_volume_first,
    _web_page,
    _journal_year_first,
    _published,
    _organisation_web,
    _link,
    _year_only,
]


def read_tail(t: Text, av: str, p: int, hi: int) -> Tail | None:
    """What follows a quoted title, by the first form in TAILS that fits; None when the quotation
    is not a title (a quoted phrase)."""
    for form in TAILS:
        tail = form(t, av, p, hi)
        if tail is not None:
            return tail
    return None


def url_accessed(av: str, p: int, hi: int, bib: Bibliographic) -> int:
    """Read `<url>` and `accessed 7 January 2026` at `p`, where present; returns the end."""
    if m := P.URL.match(av, p, hi):
        bib.url = m.group("url")
        p = m.end()
    if m := P.ACCESSED.match(av, p, hi):
        bib.accessed = m.group("date")
        p = m.end()
    return p


def _defined_name(t: Text, av: str, end: int, hi: int) -> tuple[int, str | None]:
    """`(“DMA”)` after a citation: the name the work goes by later, and where the citation ends."""
    d = P.DEFINED.match(av, end, hi)
    if not d:
        return end, None
    return d.end(), t.text[d.start() : d.end()].strip()[2:-2].strip()


# ---- names before a citation ----------------------------------------------------------------------

LEAD_STOP = {
    "see",
    "the",
    "cases",
    "case",
    "notably",
    "however",
    "moreover",
    "further",
    "furthermore",
    "also",
    "in",
    "for",
    "compare",
    "cf",
    "cf.",
    "similarly",
    "thus",
    "this",
    "according",
    "beyond",
    "by",
    "with",
    "and",
    "of",
    "e.g.",
    "while",
    "whereas",
    "but",
    "as",
    "to",
    "from",
    "on",
    "at",
    "both",
}


def lead_end(av: str, lo: int, hi: int) -> int:
    """Where the citation starts in an act that opens with a signal (`See `, `In favour of X: `)."""
    seg = av[lo:hi]
    colon = seg.rfind(": ")
    best = lo
    if colon >= 0:
        best = lo + colon + 2
    for pat, _, _ in P.SIGNALS:
        for m in pat.finditer(seg):
            if lo + m.end() > best and not re.search(r"[A-Za-z]", seg[m.end() : m.end() + 1]):
                best = lo + m.end()
    while best < hi and av[best] in " ,:":
        best += 1
    return best


def name_before(t: Text, av: str, lo: int, p: int) -> tuple[int, str | None]:
    """Scan left from `p` over a name (`Claudio Novelli and others, `, `RW v Österreichische Post AG `)."""
    i = p
    while i > lo and av[i - 1] in " ,":
        i -= 1
    end = i
    toks: list[tuple[int, str]] = []
    while i > lo:
        j = i
        while j > lo and av[j - 1].isspace():
            j -= 1
        k = j
        while k > lo and not av[k - 1].isspace():
            k -= 1
        tok = av[k:j]
        if not tok or not _name_token(tok):
            break
        toks.insert(0, (k, tok))
        i = k
    while toks and _leading_junk(toks[0][1]) and not _particle_of_name(toks):
        toks.pop(0)
    if not toks:
        return p, None
    start = toks[0][0]
    name = t.text[start:end].strip().rstrip(",").strip()
    if name.endswith("’s") and " " not in name:
        name = name[:-2]  # `MIT’s ‘AI Incident Tracker’`
    return start, name or None


def _particle_of_name(toks: list[tuple[int, str]]) -> bool:
    """`de Vries`, `van der Linden`, `von Stein`: a particle that leads up to a capitalised
    family name is part of the name, not a connector to strip (`de Vries (n 11) 41`)."""
    i = 0
    while i < len(toks) and toks[i][1].lower() in PARTICLES:
        i += 1
    return 0 < i < len(toks) and toks[i][1][:1].isupper()


def _leading_junk(tok: str) -> bool:
    t = tok.rstrip(",").lower()
    return t in LEAD_STOP or t in NAME_CONNECTORS or bool(P.NUMBER_TOKEN.fullmatch(t))


def _name_token(tok: str) -> bool:
    if tok[-1] in ":;" or "‘" in tok or "’" in tok.replace("’s", "") or "“" in tok or "”" in tok:
        return False
    core = tok.rstrip(",")
    if core.endswith("’s"):
        core = core[:-2]
    if not core:
        return False
    if "(" in core or ")" in core:
        return core in ("(EU)", "(EC)", "(EEC)")
    if core[0].isupper():
        return True
    if core.lower() in NAME_CONNECTORS:
        return True
    return bool(P.NUMBER_TOKEN.fullmatch(core))


def split_short(name: str | None, short_title: str | None) -> tuple[str | None, str | None]:
    """`Bengio and others, International AI Safety Report` → authors and an unquoted short title."""
    if name and short_title is None and ", " in name:
        head, _, tail = name.rpartition(", ")
        if re.search(r"\bothers$", head) or re.search(r"\d", tail):
            return head, tail
    return name, short_title


# ---- publication details and the kind of work -------------------------------------------------------


def clean_title(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def looks_like_pub(pub: str) -> bool:
    """`C H Beck 2025` names a publisher; a bare `2025` does not."""
    rest = re.sub(rf"{P.YEAR}\s*$", "", pub).strip(" ,")
    return bool(re.search(r"[A-Za-z]{2,}", rest))


def read_publication(bib: Bibliographic, pub: str) -> None:
    """`4th edn, C H Beck 2025` → edition, publisher, year; `Publications Office ..., JRC143255, 2025`."""
    s = pub.strip()
    if ym := P.PUB_YEAR.search(s):
        bib.year = ym.group(1)
        s = s[: ym.start()].strip(" ,")
    if dm := P.PUB_DAY.search(s):
        s = s[: dm.start()].strip(" ,")
    if em := P.EDITION.search(s):
        bib.edition = em.group(1)
        s = (s[: em.start()] + s[em.end() :]).strip(" ,")
        s = re.sub(r"\s*,\s*,\s*", ", ", s)
    parts = [p.strip() for p in s.split(",") if p.strip()]
    ids = [p for p in parts if re.search(r"\d", p)]
    names = [p for p in parts if not re.search(r"\d", p)]
    if ids:
        bib.identifier = "; ".join(ids)
        if not names and (m := P.SERIES_NUMBER.match(ids[0])):
            names = [m.group(1)]
    if names:
        bib.publisher = ", ".join(names)


_PREPRINT = {"arxiv.org": "arXiv", "biorxiv.org": "bioRxiv"}


def kind_of(bib: Bibliographic, shape: Shape | None) -> WorkKind:
    """The kind of work a quoted title with this tail is (and the body behind a report)."""
    url = bib.url or ""
    host = P.URL_HOST.sub("", url).split("/")[0]
    pub = bib.publisher or ""
    if (bib.title or "").startswith("Code of Practice"):
        bib.organisation = bib.organisation or "European Commission"
        return "code"
    if shape == "chapter":
        return "chapter"
    if shape == "journal":
        return "article"
    if host in _PREPRINT:
        bib.container = _PREPRINT[host]
        return "article"
    if P.JRC_NUMBER.search(bib.identifier or "") or "Publications Office" in pub:
        bib.organisation = "Joint Research Centre"
        return "report"
    if shape == "published" and (
        pub in ("RAND", "DSIT") or "research_reports" in url or (bib.identifier and not url) or "Note from" in pub
    ):
        if pub in ("RAND", "DSIT"):
            bib.organisation = bib.organisation or pub
        return "report"
    if url.endswith(".pdf") or shape == "year":
        return "report"
    if url:
        return "web"
    return "report"


def _instrument_year(ident: str | None) -> str | None:
    """`Regulation (EC) No 1272/2008` → 2008; `Regulation (EU) 2019/1020` → 2019; `Directive 92/43/EEC` → 1992."""
    if not ident:
        return None
    if m := P.YEAR_IN_OLD_NUMBER.search(ident):
        return m.group(1)
    if m := P.YEAR_IN_NEW_NUMBER.search(ident):
        return m.group(1)
    if m := P.YEAR_IN_DIRECTIVE.search(ident):
        return ("19" if int(m.group(1)) > 50 else "20") + m.group(1)
    return None
