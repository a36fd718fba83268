"""Find the citations in a footnote (or a bibliography entry).

A footnote is read the way a legal researcher reads it: as a string of *citation acts*, cut at
top-level semicolons and full stops (never inside quotations ‘…’ “…” nor inside parentheses),
each opened by an optional signal (`See`, `see also`, `however, see`, a group signal such as
`In favour of X:`), then the citation itself, its pinpoint and an explanatory tail
(`who argues ...`, `(arguing that ...)`). A parenthesis that holds citations of its own
(`(however, see Hofmann-Coombe (n 6) paras 48, 51 who argues ...)`) is read as a citation string
of its own.

Citations are recognised by their anchors, most specific first:

- a court case: `Case C-97/15 Sprengen/Pakweg Douane BV v ... [2016] ECLI:EU:C:2016:556 para 31`;
- legislation cited in full: `Regulation (EU) 2022/1925 ... [2022] OJ L 265/1 (“DMA”), art 3(1)`;
- a Commission document number: `... C(2025) 5045 final (“Commission Guidelines”) paras 26–27`;
- a quoted title with a bibliographic tail: `‘Title’ in Eds (eds), Book (4th edn, C H Beck 2025)`,
  `‘Title’ (2025) 28 Journal of Internet Law 6, 11`, `‘Title’ (RAND, 2024) <url>`,
  `‘Title’ (2025) <url> accessed 7 January 2026`;
- a short form: `Haar and Siglmüller, ‘Art. 51’ (n 9) para 27`, `Commission Guidelines (n 39)`;
- a book with an unquoted title: `Paul Craig, EU Administrative Law (Oxford University Press, 3rd edn, 2018)`;
- a back-reference to a work cited earlier in the same footnote without `(n N)`:
  `... in line with the use of the term in Bengio and others 17, 24`.

References to the AI Act itself (`AI Act, art 53(1)`), to other instruments by their
abbreviation (`DMA, art 3(10)`) and internal cross-references (`See Section 2.1.1.`) have no
anchor and are left to the provision finder.

    >>> [ (c.signal, c.authors_text, c.short_title, c.via_footnote, c.pinpoint)
    ...   for c in find_citations("See Haar and Siglmüller, ‘Art. 51’ (n 9) para 32; Martini (n 2) para 196", 61)]
    [('See', 'Haar and Siglmüller', 'Art. 51', 9, 'para 32'), ('See', 'Martini', None, 2, 'para 196')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.models import Citation

__all__ = [
    "find_citations",
    "find_bibliography_citation",
    "parse_given_family",
    "parse_family_initials",
    "split_names",
    "is_organisation",
    "split_organisations",
    "pinpoint_issue",
]

# ---- names ------------------------------------------------------------------------------------

PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del", "dos", "ter", "zu"}
ORG_WORDS = {
    "commission",
    "council",
    "parliament",
    "supervisor",
    "forum",
    "office",
    "union",
    "institute",
    "initiative",
    "court",
    "agency",
    "board",
    "panel",
    "group",
    "centre",
    "center",
    "ai",
    "mit",
    "rand",
    "dsit",
    "department",
    "ministry",
    "oecd",
    "committee",
    "presidency",
    "database",
    "secretariat",
    "authority",
    "foundation",
    "university",
    "lab",
    "labs",
}
_INITIAL = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]{0,2}\.?$")


def is_organisation(name: str) -> bool:
    """`European Commission`, `Epoch AI`, `MIT` are organisations; `Tobias Haar` is not."""
    toks = [t.strip(",.’'s") for t in name.replace("’s", "").split()]
    if not toks:
        return False
    if any(t.lower() in ORG_WORDS for t in toks):
        return True
    return len(toks) == 1 and toks[0].isupper() and len(toks[0]) > 1


def split_organisations(text: str) -> list[str]:
    """`European Parliament, Council of the European Union and European Commission` → three bodies."""
    parts = re.split(r",\s+|\s+and\s+", text.replace("’s", "").strip())
    return [p.strip() for p in parts if p.strip()]


def split_names(text: str) -> tuple[list[str], bool]:
    """`Somala, Ho and Krier` → (['Somala', 'Ho', 'Krier'], False); `Erben and others` → (['Erben'], True)."""
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|\s+&\s+", text.strip()) if p.strip()]
    others = False
    names = []
    for p in parts:
        if p.lower() in ("others", "et al", "et al."):
            others = True
        else:
            names.append(p)
    return names, others


def parse_given_family(name: str) -> tuple[str, str | None, str | None]:
    """`Thomas Rainer Schmitt` → ('Schmitt', 'Thomas Rainer', 'T R'); `Edelman` → ('Edelman', None, None)."""
    toks = name.replace("’s", "").split()
    if not toks:
        return name, None, None
    fam = [toks.pop()]
    while toks and toks[-1].lower() in PARTICLES:
        fam.insert(0, toks.pop())
    family = " ".join(fam)
    if not toks:
        return family, None, None
    given = " ".join(toks)
    initials = " ".join(t[0] for t in re.split(r"[\s]+", given) if t)
    return family, given, initials


def parse_family_initials(name: str) -> tuple[str, str | None, str | None]:
    """Bibliography order: `Förster Chr` → ('Förster', None, 'Chr'); `Fernández Llorca D` →
    ('Fernández Llorca', None, 'D'); `Yang-Jacobi A M` → ('Yang-Jacobi', None, 'A M')."""
    toks = name.split()
    if len(toks) < 2:
        return name, None, None
    i = 1
    while i < len(toks) and not _INITIAL.match(toks[i]):
        i += 1
    family = " ".join(toks[:i])
    initials = " ".join(t.rstrip(".") for t in toks[i:]) or None
    return family, None, initials


# ---- text structure: quotations and parentheses -----------------------------------------------


@dataclass
class _Text:
    text: str
    view: str  # quotation contents blanked (the quotation marks stay)
    quotes: list[tuple[int, int]]  # top-level ‘…’ spans: (index of ‘, index of ’)
    match: dict[int, int]  # index of ( → index of its ) (len(text) when never closed)
    stray: set[int]  # ) without a (


def _quote_spans(
    text: str, open_ch: str, close_ch: str, apostrophe_aware: bool, skip: list[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    ignore: set[int] = set()
    skipped = bytearray(len(text))
    for a, b in skip:
        skipped[a : b + 1] = b"\x01" * (b + 1 - a)
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
        ignore.add(stack[0])  # an opening mark never closed is taken literally
    return spans


def _structure(text: str) -> _Text:
    quotes = _quote_spans(text, "‘", "’", True)
    dquotes = _quote_spans(text, "“", "”", False, quotes)
    view = list(text)
    for a, b in quotes + dquotes:
        for k in range(a + 1, b):
            view[k] = " "
    v = "".join(view)
    stack, match, stray = [], {}, set()
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
    return _Text(text, v, quotes, match, stray)


# ---- patterns ---------------------------------------------------------------------------------

_YEAR = r"(?:1[89]|20)\d{2}"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SHORT = re.compile(r"\(n\s+(\d{1,4})\)")
CASE = re.compile(
    r"(?:(?P<kw>\bCases?)\s+)?(?P<num>\b[CT][‑-]\s?\d+(?:,\s*\d+(?:[‑-]\d+)?)+(?:\s+and\s+\d+)?/\d{2}"
    r"|\b[CT][‑-]\s?\d+/\d{2}(?:\s+P\b)?|(?<=Case )\d{1,4}/\d{2})"
    r"\s+(?P<name>[^\[\];<>]{3,300}?)\s+\[(?P<year>\d{4})\]\s+"
    r"(?P<rep>ECLI:[A-Z]{2}:[A-Z]:\d{4}:\d+|EU:[A-Z]:\d{4}:\d+|ECR\s+(?:I{1,2}-)?\d+)"
)
OJ = re.compile(
    r"\[(?P<year>\d{3,4})\]\s+OJ\s+(?P<s>[LC])\s+(?P<ref>\d+(?:/\d+)?)|,\s+OJ\s+(?P<s2>[LC])\s+(?P<ref2>\d+/\d+)"
)
LEG_KW = re.compile(
    r"(?:(?:Council|Commission(?:\s+Delegated|\s+Implementing)?)\s+)?(?:Regulation|Directive|Decision)\s+"
    r"(?:\((?:EU|EC|EEC|Euratom)\)\s+)?(?:No\s+)?\d+/\d+(?:/(?:EU|EC|EEC))?"
    r"|Consolidated version of the Treaty|Non-Binding Criteria|Charter of Fundamental Rights"
)
FOREIGN = re.compile(
    r"(?P<title>(?:California\s+)?Senate\s+Bill\s+No\.\s*\d+[^\[\];]*?|U\.S\.\s+Executive\s+Order\s+\d+[^\[\];]*?)"
    r",?\s*\[(?P<year>\d{4})\](?:\s+(?P<rep>\d+\s+F\.R\.\s+\d+))?"
)
DOCNO = re.compile(r"C\((?P<year>\d{4})\)\s*\d+\s+final")
DEFINED = re.compile(r"\s*\(“[^”]*”\)")
URL = re.compile(r"\s*<(?P<url>https?://[^>\s]+)>")
ACCESSED = re.compile(rf"\s*,?\s*accessed\s+(?P<date>\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})")
_CAPWORD = r"[A-ZÀ-Þ][\w’\-]*"
JOURNAL = rf"{_CAPWORD}(?:\s+(?:{_CAPWORD}|&|of|and|und|for|the|on|de|in))*"
CHAPTER = re.compile(
    rf",?\s+in\s+(?:(?P<eds>[^()<>]{{1,250}}?)\s+\((?P<edtag>eds?\.?)\),?\s+)?"
    rf"(?P<container>[^<>;]{{1,300}}?)\s+\((?P<pub>[^()]*?{_YEAR})\)"
)
J_YEAR_FIRST = re.compile(
    rf",?\s*\((?P<year>{_YEAR})\)\s+(?:(?P<vol>\d+)\s+)?(?P<journal>{JOURNAL})(?:\s+(?P<page>\d+)(?![\d–-]))?"
)
J_VOL_FIRST = re.compile(
    rf",?\s*(?P<vol>\d+)\s+(?P<journal>{JOURNAL})(?:\s+(?P<issue>\d+))?\s+\((?P<year>{_YEAR})\)\s+(?P<page>\d+)"
)
WEB_YEAR = re.compile(rf",?\s*\((?P<year>{_YEAR})\)(?=\s*<https?://)")
PUBYEAR = re.compile(rf",?\s*\((?P<pub>[^()]*?(?:{_YEAR}))\)")
EXTRA = re.compile(r"\s*\((?P<extra>[A-Z][^()]*(?:\([^()]*\)[^()]*)*)\)")
YEAR_ONLY = re.compile(rf",?\s*\((?P<year>{_YEAR})\)")
BOOK = re.compile(
    r"(?P<authors>(?:[A-ZÀ-Þ][\w.’\-]*\s+){1,3}[A-ZÀ-Þ][\w’\-]+(?:(?:,\s+|\s+and\s+)(?:[A-ZÀ-Þ][\w.’\-]*\s+){1,3}[A-ZÀ-Þ][\w’\-]+)*)"
    rf",\s+(?P<title>[A-ZÀ-Þ][^()<>;‘’]{{3,200}}?)\s+\((?P<pub>[^()]*?{_YEAR})\)"
)

# pinpoints: `para 27`, `paras 26–31`, `paras 43, 46`, `839–840, sec 1`, `s 4.1`, `app 1.3.1, points (4), (5) and (9)`
_LABEL = (
    r"(?:paras?|ss?|secs?|sections?|chs?|chapters?|apps?|fns?|arts?|recitals?|points?|Measures?|pp?|"
    r"annex|nos?)\.?"
)
_NUM = r"\d+(?:\.\d+)*(?:\([A-Za-z0-9]+\))*"
_VALUE = (
    rf"(?:{_NUM}(?:\s*[–‑-]\s*{_NUM})?|[A-Z]+(?:\.[A-Z0-9]+)+\.?|[A-Z](?:\.\d+)+|"
    r"\((?:\d+|[a-z])\)(?:\([a-z0-9]+\))*|[a-z](?![\w‑-]))"
)
_PAGES = r"\d+(?:\s*[–‑-]\s*\d+)?(?![\w/‑-])"
_ITEM = rf"(?:{_LABEL}\s+{_VALUE}|{_PAGES})"
_MORE = rf"(?:{_ITEM}|{_VALUE}|[A-Z](?![\w‑-]))"
PINPOINT = re.compile(
    rf"[ \t]*,?[ \t]*(?P<pin>{_ITEM}(?:(?:\s*,\s*|\s+and\s+){_MORE}(?![\w(])|\s+{_LABEL}\s+{_VALUE})*)(?![\w‑-])"
)
FIRST_PAGE = re.compile(r"^(\d+)\s*,\s*(\d+(?:\s*[–‑-]\s*\d+)?(?:\s*,\s*\d+(?:\s*[–‑-]\s*\d+)?)*)$")

CONNECTOR = re.compile(r"(?:,?\s*\b(?:and|as well as|or)\b(?:\s+[a-z]+){0,2}\s*|,\s*)$")

# signals
SIGNALS: list[
    tuple[re.Pattern, str, bool]
] = [  # (pattern, normalised, stance: only in a `...:` lead or its own parenthesis)
    (re.compile(r"\b(?:seemingly|apparently)\s+opposing\s+view\b", re.I), "seemingly opposing view", True),
    (re.compile(r"\bapparently\s+unconvinced\b", re.I), "seemingly opposing view", True),
    (re.compile(r"\bopposing\s+view\b", re.I), "opposing view", True),
    (re.compile(r"\bin\s+favour\b", re.I), "In favour of", True),
    (re.compile(r"\bunclear\b", re.I), "unclear", True),
    (re.compile(r"^\W*(?:against|contra)\b", re.I), "contra", True),
    (re.compile(r"\b(?:to\s+the\s+same\s+effect|in\s+the\s+same\s+sense|similar(?:ly)?)\b", re.I), "similarly", True),
    (re.compile(r"\bbut\s+see\b", re.I), "But see", False),
    (re.compile(r"\bhowever,?\s+see\b|\bsee,?\s+however\b", re.I), "however, see", False),
    (re.compile(r"\bsee\s+also\b|\balso,?\s+see\b", re.I), "see also", False),
    (re.compile(r"\bfurther,?\s+see\b|\bsee\s+further\b", re.I), "further", False),
    (re.compile(r"\bsee,?\s+(?:for\s+example|e\.g\.)", re.I), "for example", False),
    (re.compile(r"\be\.g\.", re.I), "e.g.", False),
    (re.compile(r"\bcf\b\.?|\bcompare\b", re.I), "cf", False),
    (re.compile(r"\bsee\b", re.I), "See", False),
]
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

NAME_CONNECTORS = {"and", "others", "v", "of", "the", "for", "&", "et", "al", "al.", "für"} | PARTICLES
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
ABBREVIATIONS = re.compile(
    r"(?:^|[\s(])(?:[A-Z][a-z]?|Art|Arts|No|Nos|Nr|Co|Ltd|Inc|St|Dr|Mr|Ms|Prof|paras?|"
    r"e\.g|i\.e|cf|eds?|edn|vs?|pp?|ss?|ch|sec|fn|nn?|Chr|Ph|Sec|(?:[A-Z]\.)+[A-Z]?)$"
)


# ---- acts -------------------------------------------------------------------------------------


@dataclass
class _Act:
    start: int
    end: int
    holes: list[tuple[int, int]]
    region: int
    sentence: int


@dataclass
class _Raw:
    """A citation found in an act, before signals and parentheticals are attached."""

    start: int
    end: int  # end of the bibliographic core, before the pinpoint
    kind: str | None
    priority: int
    short_form: bool = False
    via: int | None = None
    authors_text: str | None = None
    short_title: str | None = None
    first_page_rule: bool = False
    fields: dict = field(default_factory=dict)
    pin_end: int = 0
    pinpoint: str | None = None
    name_end: int | None = None  # where a name scanned leftwards ends (quote or `(n`)
    fallback_start: int | None = None  # where the citation starts when no name is found


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
    return not ABBREVIATIONS.search(before)


class _Finder:
    def __init__(self, text: str, footnote: int | None):
        self.t = _structure(text)
        self.text = text
        self.footnote = footnote
        self.acts: list[_Act] = []
        self._regions = 0
        self._has_cache: dict[tuple[int, int], bool] = {}

    # -- splitting --------------------------------------------------------------------------

    def split(self, lo: int, hi: int, depth: int = 0) -> None:
        region = self._regions
        self._regions += 1
        v = self.t.view
        sentence, act_start, holes = 0, lo, []
        i = lo
        while i < hi:
            ch = v[i]
            if ch == "(":
                j = min(self.t.match.get(i, hi), hi)
                if depth < 20 and self.has_citation(i + 1, j):
                    holes.append((i, min(j + 1, hi)))
                    self.split(i + 1, j, depth + 1)
                i = j + 1
                continue
            if ch == ";" or (ch == ")" and i in self.t.stray):
                self._emit(act_start, i, holes, region, sentence)
                act_start, holes = i + 1, []
            elif (ch == "." and _sentence_end(v, i)) or (ch in "’”" and _sentence_end(v, i, self.text)):
                self._emit(act_start, i + 1, holes, region, sentence)
                act_start, holes = i + 1, []
                sentence += 1
            i += 1
        self._emit(act_start, hi, holes, region, sentence)

    def _emit(self, start, end, holes, region, sentence):
        if self.text[start:end].strip():
            self.acts.append(_Act(start, end, list(holes), region, sentence))

    def has_citation(self, lo: int, hi: int) -> bool:
        key = (lo, hi)
        if key not in self._has_cache:
            self._has_cache[key] = bool(self.detect(self.t.view, lo, hi))
        return self._has_cache[key]

    # -- detection ----------------------------------------------------------------------------

    def act_view(self, act: _Act) -> str:
        if not act.holes:
            return self.t.view
        v = list(self.t.view)
        for a, b in act.holes:
            for k in range(a, b):
                v[k] = " "
        return "".join(v)

    def detect(self, av: str, lo: int, hi: int) -> list[_Raw]:
        raws: list[_Raw] = []
        raws += self._cases(av, lo, hi)
        raws += self._legislation(av, lo, hi)
        raws += self._documents(av, lo, hi)
        raws += self._titles(av, lo, hi)
        raws += self._short_forms(av, lo, hi)
        raws += self._books(av, lo, hi)
        for r in raws:
            if r.name_end is None:
                continue
            prev = max((a.end for a in raws if a is not r and r.start < a.end <= r.name_end), default=None)
            if prev is not None:
                start, name = self._name_before(av, prev, r.name_end)
                if r.short_form:
                    authors, title = _split_short(name, r.short_title)
                    r.authors_text, r.short_title = authors, title
                    if not name and not title:
                        r.start = r.end  # nothing left: dropped below
                        continue
                else:
                    r.authors_text = name
                    if name:
                        r.fields["authors_text"] = name
                    else:
                        r.fields.pop("authors_text", None)
                r.start = start if name else r.fallback_start
        accepted: list[_Raw] = []
        for r in sorted(raws, key=lambda r: (r.priority, r.start)):
            if r.start >= r.end:
                continue
            if all(r.end <= a.start or r.start >= a.end for a in accepted):
                accepted.append(r)
        return sorted(accepted, key=lambda r: r.start)

    def _cases(self, av, lo, hi):
        out = []
        for m in CASE.finditer(av, lo, hi):
            start = m.start("kw") if m.group("kw") else m.start("num")
            end = m.end()
            num = re.sub(r"[‑]", "-", re.sub(r"\s+", " ", self.text[m.start("num") : m.end("num")]))
            rep = m.group("rep")
            ecli = None
            if rep.startswith("ECLI:"):
                ecli = rep
            elif rep.startswith("EU:"):
                ecli = "ECLI:" + rep
            defined = None
            d = DEFINED.match(av, end, hi)
            if d:
                defined = self.text[d.start() : d.end()].strip()[2:-2].strip()
                end = d.end()
            year = m.group("year")
            court = "Court of Justice"
            if num.startswith("T"):
                court = "General Court" if int(year) >= 2009 else "Court of First Instance"
            name = self.text[m.start("name") : m.end("name")].strip()
            ident = f"Case {num}" + (f", {ecli}" if ecli else f", [{year}] {rep}")
            out.append(
                _Raw(
                    start,
                    end,
                    "case",
                    0,
                    fields=dict(
                        title=name,
                        year=year,
                        ecli=ecli,
                        case_number=num,
                        identifier=ident,
                        defined_name=defined,
                        organisation=court,
                        container=None if ecli else rep,
                    ),
                )
            )
        return out

    def _legislation(self, av, lo, hi):
        out = []
        prev = lo
        for m in FOREIGN.finditer(av, lo, hi):
            title = self.text[m.start("title") : m.end("title")].strip().rstrip(",")
            pin = None
            pm = re.search(r",\s*(Sec\s+\S+)$", title)
            if pm:
                pin, title = pm.group(1), title[: pm.start()]
            ident = re.match(r"(?:California\s+)?Senate\s+Bill\s+No\.\s*\d+|U\.S\.\s+Executive\s+Order\s+\d+", title)
            r = _Raw(
                m.start("title"),
                m.end(),
                "legislation",
                1,
                fields=dict(
                    title=title,
                    year=m.group("year"),
                    identifier=ident.group(0) if ident else None,
                    container=m.group("rep"),
                ),
            )
            if pin:
                r.fields["pinpoint_inside"] = pin
            out.append(r)
        for m in OJ.finditer(av, lo, hi):
            seg_lo = max(prev, lo)
            kw = LEG_KW.search(av, seg_lo, m.start())
            if kw:
                start = kw.start()
            else:
                start = self._lead_end(av, seg_lo, m.start())
            title = self.text[start : m.start()].strip().rstrip(",").strip()
            end = m.end()
            defined = None
            d = DEFINED.match(av, end, hi)
            if d:
                defined = self.text[d.start() : d.end()].strip()[2:-2].strip()
                end = d.end()
            year = m.group("year")
            ident = None
            if kw and re.match(
                r"(?:Council |Commission )?(?:Delegated |Implementing )?(?:Regulation|Directive|Decision)", kw.group(0)
            ):
                ident = re.sub(r"\s+", " ", kw.group(0))
            issues = []
            if year and len(year) != 4:
                issues.append(f"legislation year ‘[{year}]’ looks truncated; year taken from the instrument number")
                year = _instrument_year(ident)
            if not year and ident:
                year = _instrument_year(ident)
            series, ref = (m.group("s"), m.group("ref")) if m.group("s") else (m.group("s2"), m.group("ref2"))
            kind = "guidelines" if title.startswith("Non-Binding") else "legislation"
            out.append(
                _Raw(
                    start,
                    end,
                    kind,
                    1,
                    fields=dict(
                        title=title,
                        year=year,
                        identifier=ident,
                        defined_name=defined,
                        container=f"OJ {series} {ref}",
                        issues=issues,
                    ),
                )
            )
            prev = end
        return out

    def _documents(self, av, lo, hi):
        out = []
        for m in DOCNO.finditer(av, lo, hi):
            start = self._lead_end(av, lo, m.start())
            title = self.text[start : m.start()].strip().strip("‘’").strip()
            if not title:
                continue
            end = m.end()
            defined = None
            d = DEFINED.match(av, end, hi)
            if d:
                defined = self.text[d.start() : d.end()].strip()[2:-2].strip()
                end = d.end()
            out.append(
                _Raw(
                    start,
                    end,
                    "guidelines",
                    2,
                    fields=dict(
                        title=title,
                        year=m.group("year"),
                        identifier=re.sub(r"\s+", " ", m.group(0)),
                        defined_name=defined,
                        organisation="European Commission",
                    ),
                )
            )
        return out

    def _lead_end(self, av: str, lo: int, hi: int) -> int:
        """Where the citation starts in an act that opens with a signal (`See `, `In favour of X: `)."""
        seg = av[lo:hi]
        colon = seg.rfind(": ")
        best = lo
        if colon >= 0:
            best = lo + colon + 2
        for pat, _, _ in SIGNALS:
            for m in pat.finditer(seg):
                if lo + m.end() > best and not re.search(r"[A-Za-z]", seg[m.end() : m.end() + 1]):
                    best = lo + m.end()
        while best < hi and av[best] in " ,:":
            best += 1
        return best

    def _titles(self, av, lo, hi):
        out = []
        for o, c in self.t.quotes:
            if o < lo or c >= hi or av[o] != "‘":
                continue
            if SHORT.match(av, c + 1, hi) or re.match(r"\s*\(n\s+\d", av[c + 1 : hi]):
                continue
            tail = self._tail(av, c + 1, hi)
            if tail is None:
                continue
            end, fields, first_page_rule = tail
            fields["title"] = _clean_title(self.text[o + 1 : c])
            start, authors = self._name_before(av, lo, o)
            if authors:
                fields["authors_text"] = authors
            _kind_of(fields)
            out.append(
                _Raw(
                    start if authors else o,
                    end,
                    fields["kind"],
                    3,
                    authors_text=authors,
                    first_page_rule=first_page_rule,
                    fields=fields,
                    name_end=o,
                    fallback_start=o,
                )
            )
        return out

    def _tail(self, av, p, hi):
        """Parse what follows a quoted title; None when the quotation is not a title."""
        f: dict = {}
        m = CHAPTER.match(av, p, hi)
        if m and (m.group("eds") or _looks_like_pub(m.group("pub"))):
            if m.group("eds"):
                f["editors_text"] = self.text[m.start("eds") : m.end("eds")].strip()
            f["container"] = self.text[m.start("container") : m.end("container")].strip().rstrip(",")
            f.update(_pub(self.text[m.start("pub") : m.end("pub")]))
            f["shape"] = "chapter"
            return m.end(), f, True
        m = J_VOL_FIRST.match(av, p, hi)
        if m:
            f.update(
                year=m.group("year"),
                volume=m.group("vol"),
                container=m.group("journal").strip(),
                first_page=m.group("page"),
                shape="journal",
            )
            return m.end(), f, False
        m = WEB_YEAR.match(av, p, hi)
        if m:
            f["year"] = m.group("year")
            end = self._url_accessed(av, m.end(), hi, f)
            f["shape"] = "web"
            return end, f, False
        m = J_YEAR_FIRST.match(av, p, hi)
        if m and not re.match(r"(?:para|paras|s|ss)\b", m.group("journal")):
            f.update(
                year=m.group("year"),
                volume=m.group("vol"),
                container=m.group("journal").strip(),
                first_page=m.group("page"),
                shape="journal",
            )
            end = self._url_accessed(av, m.end(), hi, f)
            return end, f, False
        m = PUBYEAR.match(av, p, hi)
        if m and _looks_like_pub(m.group("pub")):
            f.update(_pub(self.text[m.start("pub") : m.end("pub")]))
            end = m.end()
            x = EXTRA.match(av, end, hi)
            if x:
                f["extra"] = self.text[x.start("extra") : x.end("extra")]
                end = x.end()
            end = self._url_accessed(av, end, hi, f)
            f["shape"] = "published"
            return end, f, False
        m = EXTRA.match(av, p, hi)
        if m and URL.match(av, m.end(), hi):
            f["organisation"] = self.text[m.start("extra") : m.end("extra")]
            end = self._url_accessed(av, m.end(), hi, f)
            f["shape"] = "web"
            return end, f, False
        m = re.compile(r",?").match(av, p, hi)
        if URL.match(av, m.end(), hi):
            end = self._url_accessed(av, m.end(), hi, f)
            f["shape"] = "web"
            return end, f, False
        m = YEAR_ONLY.match(av, p, hi)
        if m:
            f["year"] = m.group("year")
            f["shape"] = "year"
            return m.end(), f, False
        return None

    def _url_accessed(self, av, p, hi, f):
        m = URL.match(av, p, hi)
        if m:
            f["url"] = m.group("url")
            p = m.end()
        m = ACCESSED.match(av, p, hi)
        if m:
            f["accessed"] = m.group("date")
            p = m.end()
        return p

    def _name_before(self, av: str, lo: int, p: int) -> tuple[int, str | None]:
        """Scan left from `p` over a name (`Claudio Novelli and others, `, `RW v Österreichische Post AG `)."""
        i = p
        while i > lo and av[i - 1] in " ,":
            i -= 1
        end = i
        start = end
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

        def leading_junk(tok: str) -> bool:
            t = tok.rstrip(",").lower()
            return t in LEAD_STOP or t in NAME_CONNECTORS or bool(re.fullmatch(r"\d+(?:/\d+)?", t))

        while toks and leading_junk(toks[0][1]):
            toks.pop(0)
        if not toks:
            return p, None
        start = toks[0][0]
        name = self.text[start:end].strip().rstrip(",").strip()
        if name.endswith("’s") and " " not in name:
            name = name[:-2]  # `MIT’s ‘AI Incident Tracker’`
        return start, name or None

    def _short_forms(self, av, lo, hi):
        out = []
        for m in SHORT.finditer(av, lo, hi):
            short_title = None
            p = m.start()
            q = p
            while q > lo and av[q - 1] == " ":
                q -= 1
            span = next(((o, c) for o, c in self.t.quotes if c == q - 1 and o >= lo), None)
            if span:
                short_title = _clean_title(self.text[span[0] + 1 : span[1]])
                p = span[0]
            start, name = self._name_before(av, lo, p)
            if not name and not short_title:
                continue
            authors, short_title = _split_short(name, short_title)
            if not name:
                start = span[0]
            end = m.end()
            if av[end : end + 2] == "’s":
                end += 2
            out.append(
                _Raw(
                    start,
                    end,
                    None,
                    4,
                    short_form=True,
                    via=int(m.group(1)),
                    authors_text=authors,
                    short_title=short_title,
                    name_end=p,
                    fallback_start=span[0] if span else None,
                )
            )
        return out

    def _books(self, av, lo, hi):
        out = []
        for m in BOOK.finditer(av, lo, hi):
            pub = m.group("pub")
            if not _looks_like_pub(pub) or re.match(rf"^(?:{_MONTHS})\b", pub.strip()):
                continue
            toks = m.group("authors").split()
            start = m.start("authors")
            while toks and toks[0].lower() in LEAD_STOP:
                start = av.index(toks[0], start) + len(toks[0])
                toks.pop(0)
            while start < m.end() and av[start] == " ":
                start += 1
            authors = self.text[start : m.end("authors")]
            if not authors or is_organisation(authors):
                continue
            f = dict(
                title=self.text[m.start("title") : m.end("title")].strip(),
                authors_text=authors,
                kind="book",
                **_pub(self.text[m.start("pub") : m.end("pub")]),
            )
            out.append(_Raw(start, m.end(), "book", 5, authors_text=authors, first_page_rule=True, fields=f))
        return out

    def backrefs(self, av, lo, hi, earlier: list[_Raw]) -> list[_Raw]:
        """`Bengio and others 17, 24` or `Czech Republic v European Commission para 78`: a work cited in
        full earlier in the same footnote, named again without `(n N)`."""
        out = []
        for r in earlier:
            if r.kind == "case":
                party = r.fields["title"].split(" v ")[0].strip()
                if len(party) < 4:
                    continue
                pat = re.compile(rf"\b{re.escape(party)}\s+v\s+[^;()\[\]‘’]{{1,80}}?(?=\s+paras?\s+\d)")
            elif r.authors_text and not r.short_form and not is_organisation(r.authors_text):
                names, _ = split_names(r.authors_text)
                if not names:
                    continue
                fam = parse_given_family(names[0])[0]
                pat = re.compile(rf"\b{re.escape(fam)}(?:\s+and\s+others|\s+et\s+al\.?)?(?=\s+\d)")
            else:
                continue
            for m in pat.finditer(av, max(lo, r.end), hi):
                out.append(
                    _Raw(
                        m.start(),
                        m.end(),
                        None,
                        6,
                        short_form=True,
                        via=self.footnote,
                        authors_text=m.group(0),
                        fields={"backref": True},
                    )
                )
        return out

    # -- assembling ---------------------------------------------------------------------------

    def run(self) -> list[Citation]:
        self.split(0, len(self.text))
        per_act: list[tuple[_Act, str, list[_Raw]]] = []
        for act in self.acts:
            av = self.act_view(act)
            per_act.append((act, av, self.detect(av, act.start, act.end)))
        fulls = sorted((r for _, _, rs in per_act for r in rs if not r.short_form), key=lambda r: r.start)
        taken = [(r.start, r.end) for _, _, rs in per_act for r in rs]
        if fulls and self.footnote is not None:
            for n, (act, av, rs) in enumerate(per_act):
                extra = [
                    b
                    for b in self.backrefs(av, act.start, act.end, [f for f in fulls if f.end <= act.end])
                    if all(b.end <= s or b.start >= e for s, e in taken)
                ]
                if extra:
                    per_act[n] = (act, av, sorted(rs + extra, key=lambda r: r.start))
        out: list[Citation] = []
        state: dict[int, tuple[int, str | None, str | None]] = {}  # region → (sentence, signal, phrase)
        for act, av, raws in per_act:
            sentence, cur_sig, cur_phrase = state.get(act.region, (act.sentence, None, None))
            if sentence != act.sentence:
                cur_sig, cur_phrase = None, None
            if not raws:
                lead_sig, lead_phrase = _signal(self.text[act.start : act.end], av[act.start : act.end], at_start=True)
                if lead_sig:
                    cur_sig, cur_phrase = lead_sig, lead_phrase
                state[act.region] = (act.sentence, cur_sig, cur_phrase)
                continue
            prev_end = act.start
            for k, r in enumerate(raws):
                limit = raws[k + 1].start if k + 1 < len(raws) else act.end
                self._pinpoint(av, r, limit)
                lead_text, lead_view = self.text[prev_end : r.start], av[prev_end : r.start]
                joined = False
                if k > 0:
                    cm = CONNECTOR.search(lead_view)
                    if cm:
                        lead_text, lead_view = lead_text[cm.start() :], lead_view[cm.start() :]
                        joined = True
                sig, phrase = _signal(lead_text, lead_view, at_start=False)
                inherited = False
                if sig is None and (joined or not lead_view.strip(" ,")) or sig is None and k == 0 and not _is_prose(lead_view):
                    sig, phrase, inherited = cur_sig, cur_phrase, cur_sig is not None
                cit = self._citation(r, len(out), sig, phrase, inherited)
                par_end = limit
                if k + 1 < len(raws):
                    nxt_lead = av[r.pin_end : raws[k + 1].start]
                    cm = CONNECTOR.search(nxt_lead)
                    if cm:
                        par_end = r.pin_end + cm.start()
                cit.parenthetical = self._parenthetical(act, r.pin_end, par_end)
                out.append(cit)
                cur_sig, cur_phrase = sig, phrase
                prev_end = r.pin_end
            state[act.region] = (act.sentence, cur_sig, cur_phrase)
        out.sort(key=lambda c: c.start)
        for i, c in enumerate(out):
            c.index = i + 1
        return out

    def _pinpoint(self, av: str, r: _Raw, limit: int) -> None:
        r.pin_end = r.end
        pin = r.fields.pop("pinpoint_inside", None)
        m = PINPOINT.match(av, r.end, limit)
        if m:
            pin = self.text[m.start("pin") : m.end("pin")].strip().rstrip(",")
            r.pin_end = m.end("pin")
        if pin and r.first_page_rule:
            fp = FIRST_PAGE.match(pin)
            if fp:
                r.fields["first_page"] = fp.group(1)
                pin = fp.group(2)
        r.pinpoint = pin or None

    def _parenthetical(self, act: _Act, a: int, b: int) -> str | None:
        parts, i = [], a
        for ha, hb in act.holes:
            if hb <= a or ha >= b:
                continue
            parts.append(self.text[i : max(i, ha)])
            i = max(i, hb)
        parts.append(self.text[i:b])
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

    def _citation(self, r: _Raw, index: int, sig, phrase, inherited) -> Citation:
        f = r.fields
        end = r.pin_end
        c = Citation(
            footnote=self.footnote,
            index=index,
            text=self.text[r.start : end].strip(),
            start=r.start,
            end=r.start + len(self.text[r.start : end].rstrip()),
            signal=sig,
            pinpoint=r.pinpoint,
            short_form=r.short_form,
            via_footnote=r.via,
            authors_text=r.authors_text or f.get("authors_text"),
            short_title=r.short_title or f.get("defined_name"),
        )
        c.signal_phrase = phrase
        c.signal_inherited = inherited
        c.kind = r.kind
        if not r.short_form:
            for k in (
                "title",
                "container",
                "edition",
                "publisher",
                "year",
                "url",
                "doi",
                "identifier",
                "volume",
                "first_page",
                "accessed",
                "ecli",
                "case_number",
                "organisation",
                "editors_text",
            ):
                if f.get(k):
                    setattr(c, k, f[k])
            c.defined_name = f.get("defined_name")
            if c.url and not c.doi:
                dm = re.search(r"doi\.org/(10\.\S+)", c.url)
                if dm:
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
            c.issues.extend(f.get("issues", []))
            if f.get("extra"):
                c.identifier = "; ".join(x for x in (c.identifier, f["extra"]) if x)
        elif f.get("backref"):
            c.note = "named again without (n N): refers back to a work cited earlier in this footnote"
        return c


def _split_short(name: str | None, short_title: str | None) -> tuple[str | None, str | None]:
    """`Bengio and others, International AI Safety Report` → authors and an unquoted short title."""
    if name and short_title is None and ", " in name:
        head, _, tail = name.rpartition(", ")
        if re.search(r"\bothers$", head) or re.search(r"\d", tail):
            return head, tail
    return name, short_title


def _balanced(s: str) -> bool:
    d = 0
    for ch in s:
        d += ch == "("
        d -= ch == ")"
        if d < 0:
            return False
    return d == 0


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
    return bool(re.fullmatch(r"\d+(?:/\d+)?", core))


def _is_prose(lead_view: str) -> bool:
    """A lead-in that is running text (`This is suggested by`), not a list continuation."""
    s = lead_view.strip(" ,")
    return bool(re.search(r"[A-Za-z]{2,}", s))


def _signal(lead_text: str, lead_view: str, at_start: bool) -> tuple[str | None, str | None]:
    """Normalise the words before a citation: `In favour of X:` → ('In favour of', 'In favour of X')."""
    view = lead_view
    if at_start:  # an act without citations: only a signal at its very start counts
        m = re.match(
            r"\s*(?:(?:for|with regard to)\b[^;()‘’:]{0,250}?,?\s+)?(?:(?:however|further|also|but),?\s+)?"
            r"(?:see|cf\b\.?|compare)\b(?:,?\s+(?:also|however|further|for example|e\.g\.|in particular|"
            r"notably),?)?",
            view,
            re.I,
        )
        if not m:
            return None, None
        view, lead_text = view[: m.end()], lead_text[: m.end()]
    stripped = view.strip()
    if not stripped:
        return None, None
    colon = re.search(r":\s*$", view)
    own_paren = re.fullmatch(r"\W*(?:also\s+see|see)?\s*\((?:seemingly|apparently)\s+opposing\s+view\)\s*", view, re.I)
    for pat, norm, stance in SIGNALS:
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
        if phrase.lower() in TRIVIAL_PHRASES:
            phrase = None
        return norm, phrase
    if colon:
        phrase = re.sub(r"\s+", " ", lead_text[: colon.start()]).strip(" ,:")
        return None, phrase or None
    return None, None


def _instrument_year(ident: str | None) -> str | None:
    """`Regulation (EC) No 1272/2008` → 2008; `Regulation (EU) 2019/1020` → 2019; `Directive 92/43/EEC` → 1992."""
    if not ident:
        return None
    m = re.search(r"\bNo\s+\d+/(\d{4})\b", ident)
    if m:
        return m.group(1)
    m = re.search(r"\b((?:19|20)\d{2})/\d+", ident)
    if m:
        return m.group(1)
    m = re.search(r"\b(\d{2})/\d+/(?:EEC|EC|EU)\b", ident)
    if m:
        return ("19" if int(m.group(1)) > 50 else "20") + m.group(1)
    return None


def _clean_title(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _looks_like_pub(pub: str) -> bool:
    rest = re.sub(rf"{_YEAR}\s*$", "", pub).strip(" ,")
    return bool(re.search(r"[A-Za-z]{2,}", rest))


def _pub(pub: str) -> dict:
    """`4th edn, C H Beck 2025` → edition, publisher, year; `Publications Office ..., JRC143255, 2025`."""
    out: dict = {}
    s = pub.strip()
    ym = re.search(rf"({_YEAR})\s*$", s)
    if ym:
        out["year"] = ym.group(1)
        s = s[: ym.start()].strip(" ,")
    dm = re.search(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s*$", s)
    if dm:
        s = s[: dm.start()].strip(" ,")
    em = re.search(r"(\d+(?:st|nd|rd|th)\s+edn)\.?", s)
    if em:
        out["edition"] = em.group(1)
        s = (s[: em.start()] + s[em.end() :]).strip(" ,")
        s = re.sub(r"\s*,\s*,\s*", ", ", s)
    parts = [p.strip() for p in s.split(",") if p.strip()]
    ids = [p for p in parts if re.search(r"\d", p)]
    names = [p for p in parts if not re.search(r"\d", p)]
    if ids:
        out["identifier"] = "; ".join(ids)
        if not names:
            m = re.match(r"([A-Za-z]+)\s+(.*\d.*)$", ids[0])
            if m:
                names = [m.group(1)]
    if names:
        out["publisher"] = ", ".join(names)
    return out


_PREPRINT = {"arxiv.org": "arXiv", "biorxiv.org": "bioRxiv"}


def _kind_of(f: dict) -> None:
    shape = f.get("shape")
    title = f.get("title", "")
    url = f.get("url") or ""
    host = re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0]
    pub = f.get("publisher") or ""
    if title.startswith("Code of Practice"):
        f["kind"] = "code"
        f.setdefault("organisation", "European Commission")
    elif shape == "chapter":
        f["kind"] = "chapter"
    elif shape == "journal":
        f["kind"] = "article"
    elif host in _PREPRINT:
        f["kind"] = "article"
        f["container"] = _PREPRINT[host]
    elif re.search(r"JRC\d+", f.get("identifier") or "") or "Publications Office" in pub:
        f["kind"] = "report"
        f["organisation"] = "Joint Research Centre"
    elif shape == "published" and (
        pub in ("RAND", "DSIT") or "research_reports" in url or (f.get("identifier") and not url) or "Note from" in pub
    ):
        f["kind"] = "report"
        if pub in ("RAND", "DSIT"):
            f.setdefault("organisation", pub)
    elif url.endswith(".pdf") or shape == "year":
        f["kind"] = "report"
    elif url:
        f["kind"] = "web"
    else:
        f["kind"] = "report"


# ---- public API -------------------------------------------------------------------------------


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
    return _Finder(text, footnote).run()


def find_bibliography_citation(text: str, index: int) -> Citation | None:
    """Read one select-bibliography entry, whose authors are written `Family Initials`.

    >>> c = find_bibliography_citation("Haar T and Siglmüller J, ‘Art. 51 Einstufung ...’ in Jens Schefzig and "
    ...     "Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025).", 9)
    >>> c.authors, c.kind, c.edition, c.publisher, c.year
    ([('Haar', None, 'T'), ('Siglmüller', None, 'J')], 'chapter', '4th edn', 'C H Beck', '2025')
    """
    text = text.strip()
    fz = _Finder(text, None)
    t = fz.t
    f: dict | None = None
    authors_text = None
    end = len(text)
    if t.quotes:
        o, c = t.quotes[0]
        authors_text = text[:o].strip().rstrip(",").strip()
        tail = fz._tail(t.view, c + 1, len(text))
        f = tail[1] if tail else {}
        end = tail[0] if tail else c + 1
        f["title"] = _clean_title(text[o + 1 : c])
    else:
        parts = re.split(r"(,\s+|\s+and\s+)", text)
        names, i, pos = [], 0, 0
        while i < len(parts):
            unit = parts[i]
            if re.fullmatch(r"[A-ZÀ-Þ][\w’\-]+(?:\s+[A-ZÀ-Þ][\w’\-]+)*(?:\s+[A-Z][a-z]{0,2}\.?)+", unit):
                names.append(unit)
                pos += len(unit) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
                i += 2
            else:
                break
        if not names:
            return None
        authors_text = text[:pos].strip().rstrip(",").strip()
        if authors_text.endswith(" and"):
            authors_text = authors_text[:-4]
        rest = text[pos:]
        m = re.match(rf"(?P<title>.+?),\s+(?P<eds>[^()]+?)\s+\((?:eds?\.?)\),\s*\((?P<pub>[^()]*{_YEAR})\)", rest)
        if not m:
            m2 = re.match(rf"(?P<title>.+?)\s+\((?P<pub>[^()]*{_YEAR})\)", rest)
            if not m2:
                return None
            f = dict(title=m2.group("title").strip(" ,"), **_pub(m2.group("pub")), shape="published")
        else:
            f = dict(
                title=m.group("title").strip(), editors_bib=m.group("eds"), **_pub(m.group("pub")), shape="published"
            )
        end = len(text)
    if not f:
        return None
    f.setdefault("shape", "published")
    _kind_of(f)
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
    for k in (
        "title",
        "container",
        "edition",
        "publisher",
        "year",
        "url",
        "doi",
        "identifier",
        "volume",
        "first_page",
        "accessed",
        "organisation",
        "editors_text",
    ):
        if f.get(k):
            setattr(cit, k, f[k])
    cit.kind = f["kind"]
    if cit.url:
        dm = re.search(r"doi\.org/(10\.\S+)", cit.url)
        if dm:
            cit.doi = dm.group(1)
    if authors_text and not is_organisation(authors_text):
        names, others = split_names(authors_text)
        cit.authors = [parse_family_initials(n) for n in names]
        cit.others = others
    if f.get("editors_text"):
        names, _ = split_names(f["editors_text"])
        cit.editors = [parse_given_family(n) for n in names]
    elif f.get("editors_bib"):
        cit.editors_text = f["editors_bib"]
        names, _ = split_names(f["editors_bib"])
        cit.editors = [parse_family_initials(n) for n in names]
    if end < len(text) and not cit.first_page:
        rest = text[end:].strip(" .,")
        if re.fullmatch(r"\d+", rest):
            cit.first_page = rest
    cit.resolution = "full"
    return cit


def pinpoint_issue(pinpoint: str | None) -> str | None:
    """`para 59–60` → 'singular ‘para’ with a range'; `paras 24` → 'plural ‘paras’ with one number'."""
    if not pinpoint:
        return None
    if re.match(r"para\s+\d+\s*[–‑-]\s*\d+", pinpoint):
        return "singular ‘para’ with a range"
    if re.fullmatch(r"paras\s+\d+", pinpoint):
        return "plural ‘paras’ with one number"
    m = re.search(r"(\d+)\s*[–‑-]\s*(\d+)", pinpoint)
    if m and int(m.group(2)) < int(m.group(1)) and len(m.group(2)) >= len(m.group(1)):
        return "range runs backwards"
    return None
