"""Find references to provisions, at their finest grain, in margin paragraphs and footnotes.

    "Article 52(1)’s third sentence"            → art_52__para_1__sent_3
    "AI Act, art 51(1)(b), annex XIII"           → art_51__para_1__point_b, anx_XIII
    "points (a)–(e) of Annex XIII"               → anx_XIII__point_a ... anx_XIII__point_e
    "recital 111, eighth and tenth sentences"    → rct_111__sent_8, rct_111__sent_10
    "Articles 3(1) DMA and 33(4) DSA"            → dma:art_3__para_1, dsa:art_33__para_4

A reference starts at `Article(s)`, `article(s)`, `art(s)`, `Recital(s)`, `recital(s)` or
`Annex(es)`/`annex(es)` followed by a number; it may be preceded by qualifiers (`the first
subparagraph of`, `point (f) of`) and followed by designators (`(1)(a)`), lists and ranges
(`(a) and (b)`, `111–113`), qualifiers (`’s first sentence`, `, point (a)`) and the instrument
(`TFEU`, `of the Charter`, `of Regulation (EU) 2018/1806`). The instrument may also precede
(`DMA, art 3(10)`, `(“MSR”), art 18(3)`, a full citation ending `OJ L 265/1 (“DMA”), art 3(1)`);
a reference inside a quotation of another instrument's provision belongs to that instrument
(`DMA, art 3(10) (‘... Articles 5, 6 and 7 ...’)`); otherwise it is the AI Act.

Not references: `‘Art. 51’` and `‘Article 97 Exercise of the Delegation’` (titles of cited
commentaries), `commentary on Article 52`
(a chapter of this work: see `find_cross_refs`), section numbers, dates, case numbers. Footnote
markers glued to a reference (`Article 51(1)(a).70`, `Recitals 163,25 17326 and 179.27`) are left
out: an AI Act article, recital or annex number beyond the last one (113, 180, XIII) is read as
a number followed by a marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.ingest.legal import AI_ACT, ORDINAL_PATTERN, label_for, ordinal_number, ref_key, roman_to_int
from kg.models import CrossRef, ProvisionRef

LAST_ARTICLE, LAST_RECITAL, LAST_ANNEX = 113, 180, 13  # of the AI Act

# Names an instrument goes by in the commentary → the short name used in keys and labels.
INSTRUMENT_NAMES = {
    "AI Act": AI_ACT,
    "Artificial Intelligence Act": AI_ACT,
    "DMA": "DMA",
    "Digital Markets Act": "DMA",
    "DSA": "DSA",
    "Digital Services Act": "DSA",
    "TFEU": "TFEU",
    "Treaty on the Functioning of the European Union": "TFEU",
    "TEU": "TEU",
    "Treaty on European Union": "TEU",
    "MSR": "MSR",
    "GDPR": "GDPR",
    "General Data Protection Regulation": "GDPR",
    "Charter": "Charter",
    "Charter of Fundamental Rights of the European Union": "Charter",
    "Charter of Fundamental Rights": "Charter",
}
# Acts known by their number.
KNOWN_NUMBERS = {"2024/1689": AI_ACT, "2022/1925": "DMA", "2022/2065": "DSA", "2019/1020": "MSR", "2016/679": "GDPR"}

_SHORT = r"AI Act|DMA|DSA|TFEU|TEU|MSR|GDPR"
_LONG = "|".join(sorted((re.escape(n) for n in INSTRUMENT_NAMES), key=len, reverse=True))
_ACT_ID = (
    r"(?:(?:Commission|Council)\s+)?(?:(?:Delegated|Implementing)\s+)?"
    r"(?P<type>Regulation|Directive|Decision)\s+(?:\((?:EU|EC|EEC|Euratom)\)\s+)?(?:No\s+)?"
    r"(?P<num>\d{1,4}/\d{1,4})(?:/(?:EU|EC|EEC|CE))?(?![\d/])"
)
ACT_ID = re.compile(_ACT_ID)

KEYWORD = re.compile(r"\b(?P<kw>[Aa]rticles?|arts?|[Rr]ecitals?|[Aa]nnex(?:es)?)\s+(?=\d|[IVXLC]+(?![A-Za-z]))")
NUM = re.compile(r"\d{1,6}(?![\d^]|/\d)")
ROMAN = re.compile(r"[IVXLC]+(?![A-Za-z])")
DESIG = re.compile(r"\((\d{1,3}|[a-z]{1,4})\)")
# Between two items of a list: `, ` `; ` `, and ` ` and ` ` or ` ` to ` `–` `-` (a footnote
# marker glued to a comma or semicolon is skipped: `163,25 173`).
CONNECTOR = re.compile(
    r"(?:\s*[,;](?P<marker>\d{1,3}(?=\s))?\s*(?:(?P<and1>and|or)\s+)?|\s+(?P<word>and|or|to)\s+|\s*(?P<dash>[–-])\s*)"
)
_ORD = rf"(?:{ORDINAL_PATTERN}|last)"
ORDS = rf"{_ORD}(?:\s*,\s*{_ORD}|\s*,?\s+(?:and|or)\s+{_ORD})*"
_DESIG_LIST = (
    r"\((?:\d{1,3}|[a-z]{1,4})\)(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+|[–-])\s*\((?:\d{1,3}|[a-z]{1,4})\))*"
)
QUAL_ORDS = re.compile(rf"(?:’s|'s|,)\s+(?P<ords>{ORDS})\s+(?P<unit>sentences?|subparagraphs?|paragraphs?)(?![A-Za-z])")
QUAL_POINTS = re.compile(rf",\s+points?\s+(?P<list>{_DESIG_LIST})")
QUAL_ANNEX_SECTION = re.compile(r",\s+s\s+(?P<sec>\d{1,2})(?!\d)")
QUAL_ANNEX_NUMBERED_POINTS = re.compile(
    r",\s+points?\s+(?P<num>\d{1,2})(?P<list>\((?:[a-z]{1,4})\)(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+|[–-])\s*\([a-z]{1,4}\))*)?"
)
QUAL_INTRO = re.compile(r",\s+introductory\s+sentence")
PREFIX = re.compile(
    rf"(?:(?<=[\s(‘“\[])|^)(?:the\s+)?(?:(?P<ords>{ORDS})\s+(?P<unit>sentences?|subparagraphs?|paragraphs?|sections?)"
    rf"|(?P<intro>introductory\s+sentence)"
    rf"|[Pp]oints?\s+(?P<plist>{_DESIG_LIST})"
    rf"|[Pp]oints?\s+(?P<pnum>\d{{1,2}})(?P<psub>\([a-z]{{1,4}}\))?"
    rf"|Section\s+(?P<sec>\d{{1,2}})\.?)\s+of\s+(?:the\s+)?\Z"
)
SUFFIX_SHORT = re.compile(rf",?\s+(?P<name>{_SHORT})(?![A-Za-z])")
SUFFIX_LONG = re.compile(rf"\s+of\s+(?:the\s+)?(?P<name>{_LONG})(?![A-Za-z])")
SUFFIX_ACT = re.compile(rf"\s+of\s+{_ACT_ID}")
SUFFIX_THEREOF = re.compile(r"\s+thereof\b")
PREFIX_SHORT = re.compile(rf"(?:^|[\s(;\[])(?P<name>{_SHORT})\s*,?\s*\Z")
PREFIX_DEFINED = re.compile(r"\(“(?P<name>[^”]{1,40})”\)\s*,?\s*\Z")
PREFIX_OJ = re.compile(r"OJ\s+[LC]\s+[\d/]+\s*,?\s*\Z")
PREFIX_ACT = re.compile(rf"{_ACT_ID}(?:\s*\(n\s*\d+\))?\s*,?\s*\Z")
COMMENTARY_ON = re.compile(r"commentary\s+on\s+\Z", re.I)
# `‘Article 97 Exercise of the Delegation’ in ...`: the title of a cited work, not a reference.
TITLE_WORD = re.compile(r"\s+[A-Z][a-z]")


def _instrument_of_act(type_: str, number: str) -> str:
    return KNOWN_NUMBERS.get(number) or f"{type_} {number}"


def _instrument_name(name: str) -> str:
    return INSTRUMENT_NAMES.get(name, name)


@dataclass
class _Item:
    number: str  # article or recital number, annex numeral
    start: int
    end: int
    desigs: list[str] = field(default_factory=list)
    quals: list[tuple[str, list[str]]] = field(default_factory=list)  # ("sent", ["3"]), ("point", ["a", "b"])
    instrument: str | None = None


@dataclass
class _Expression:
    family: str  # "art" | "rct" | "anx"
    start: int
    end: int
    items: list[_Item]
    prefix_quals: list[tuple[str, list[str]]]  # nearest first
    instrument: str | None = None  # explicit, for the whole expression
    skip: bool = False  # `commentary on Article 52`: a chapter of this work, not a provision


def _expand(a: str, b: str) -> list[str]:
    """The designators from a to b: `("63", "65")` → 63, 64, 65; `("a", "e")` → a ... e."""
    if a.isdigit() and b.isdigit() and int(a) < int(b) <= int(a) + 60:
        return [str(i) for i in range(int(a), int(b) + 1)]
    if len(a) == 1 and len(b) == 1 and a.isalpha() and b.isalpha() and a < b:
        return [chr(c) for c in range(ord(a), ord(b) + 1)]
    return [a, b]


def _desig_list(s: str) -> list[str]:
    """`(a)–(e)` → a..e; `(f) and (g)` → f, g."""
    out: list[str] = []
    pos = 0
    for m in DESIG.finditer(s):
        between = s[pos : m.start()]
        if out and re.search(r"[–-]|\bto\b", between):
            out.extend(_expand(out.pop(), m.group(1)))
        else:
            out.append(m.group(1))
        pos = m.end()
    return out


def _ords(s: str) -> list[str]:
    words = re.findall(_ORD, s)
    return ["last" if w == "last" else str(ordinal_number(w)) for w in words]


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.expressions: list[_Expression] = []

    # -- instruments --

    def suffix_instrument(self, pos: int) -> tuple[str | None, int]:
        t = self.text
        if m := SUFFIX_ACT.match(t, pos):
            return _instrument_of_act(m.group("type"), m.group("num")), m.end()
        if m := SUFFIX_LONG.match(t, pos):
            return _instrument_name(m.group("name")), m.end()
        if m := SUFFIX_SHORT.match(t, pos):
            return _instrument_name(m.group("name")), m.end()
        if m := SUFFIX_THEREOF.match(t, pos):
            previous = self.expressions[-1] if self.expressions else None
            if previous is not None:
                return self._instrument_of(previous), m.end()
        return None, pos

    def prefix_instrument(self, pos: int) -> str | None:
        t = self.text
        window = t[max(0, pos - 300) : pos]
        if m := PREFIX_DEFINED.search(window):
            return _instrument_name(m.group("name"))
        if m := PREFIX_SHORT.search(window):
            return _instrument_name(m.group("name"))
        if PREFIX_OJ.search(window):
            # the act cited in full before: the last `Regulation ... of the/of 14 ...`
            before = t[max(0, pos - 1500) : pos]
            found = last = None
            for m in ACT_ID.finditer(before):
                last = m
                if re.match(r"\s+of\s+(?:the\s|\d)", before[m.end() :]):
                    found = m
            found = found or last
            if found:
                return _instrument_of_act(found.group("type"), found.group("num"))
            return None
        if m := PREFIX_ACT.search(window):
            return _instrument_of_act(m.group("type"), m.group("num"))
        return None

    def _instrument_of(self, e: _Expression) -> str:
        return e.instrument or next((i.instrument for i in e.items if i.instrument), None) or AI_ACT

    # -- qualifiers --

    def prefix_quals(self, pos: int, floor: int) -> tuple[list[tuple[str, list[str]]], int]:
        quals: list[tuple[str, list[str]]] = []
        while True:
            lo = max(floor, pos - 200)
            m = PREFIX.search(self.text, lo, pos)
            if not m:
                return quals, pos
            if m.group("ords"):
                unit = m.group("unit").rstrip("s")
                kind = {"sentence": "sent", "subparagraph": "subpara", "paragraph": "para", "section": "sec"}[unit]
                quals.append((kind, _ords(m.group("ords"))))
            elif m.group("intro"):
                quals.append(("intro", []))
            elif m.group("plist"):
                quals.append(("point", _desig_list(m.group("plist"))))
            elif m.group("pnum"):
                sub = [m.group("psub")[1:-1]] if m.group("psub") else []
                quals.append(("npoint", [m.group("pnum")] + sub))
            elif m.group("sec"):
                quals.append(("sec", [m.group("sec")]))
            pos = m.start()

    def suffix_quals(self, item: _Item, family: str) -> None:
        t = self.text
        while True:
            pos = item.end
            if m := QUAL_ORDS.match(t, pos):
                unit = m.group("unit").rstrip("s")
                kind = {"sentence": "sent", "subparagraph": "subpara", "paragraph": "para"}[unit]
                if family == "rct" and kind != "sent":
                    return
                item.quals.append((kind, _ords(m.group("ords"))))
            elif family in ("art", "anx") and (m := QUAL_POINTS.match(t, pos)):
                item.quals.append(("point", _desig_list(m.group("list"))))
            elif family == "anx" and (m := QUAL_ANNEX_SECTION.match(t, pos)):
                item.quals.append(("sec", [m.group("sec")]))
            elif family == "anx" and (m := QUAL_ANNEX_NUMBERED_POINTS.match(t, pos)):
                subs = _desig_list(m.group("list")) if m.group("list") else []
                item.quals.append(("npoint", [m.group("num")] + subs))
            elif family == "anx" and (m := QUAL_INTRO.match(t, pos)):
                item.quals.append(("intro", []))
            else:
                return
            item.end = m.end()

    # -- items --

    def designators(self, item: _Item) -> None:
        while m := DESIG.match(self.text, item.end):
            item.desigs.append(m.group(1))
            item.end = m.end()

    def scan(self) -> list[_Expression]:
        t = self.text
        cursor = 0
        for k in KEYWORD.finditer(t):
            if k.start() < cursor:
                continue
            kw = k.group("kw").lower()
            family = "art" if kw.startswith("art") else "rct" if kw.startswith("recital") else "anx"
            plural = kw in ("articles", "arts", "recitals", "annexes")
            e = self.expression(family, plural, k.start(), k.end(), cursor)
            if e is None:
                continue
            self.expressions.append(e)
            cursor = e.end
        return self.expressions

    def first_item(self, family: str, pos: int) -> _Item | None:
        m = (ROMAN if family == "anx" else NUM).match(self.text, pos)
        if not m:
            return None
        if family == "anx":
            try:
                roman_to_int(m.group(0))
            except ValueError:
                return None
        item = _Item(m.group(0), m.start(), m.end())
        if family in ("art", "anx"):
            self.designators(item)
        return item

    def expression(self, family: str, plural: bool, kw_start: int, pos: int, floor: int) -> _Expression | None:
        t = self.text
        first = self.first_item(family, pos)
        if first is None:
            return None
        items = [first]
        self.suffix_quals(first, family)
        first.instrument, first.end = self.suffix_instrument(first.end)
        while True:
            prev = items[-1]
            c = CONNECTOR.match(t, prev.end)
            if not c or c.end() == prev.end:
                break
            ranged = bool(c.group("dash")) or c.group("word") == "to"
            at = c.end()
            new: list[_Item] = []
            if family in ("art", "anx") and not c.group("marker") and DESIG.match(t, at):
                # a sibling of the previous item: `(a) and (b)`, `(1)(a) and (2)`, `(63)–(65)`
                item = _Item(prev.number, at, at)
                self.designators(item)
                level = self._level_of(prev.desigs, item.desigs[0])
                if level is None:
                    break
                base = prev.desigs[:level]
                if ranged and level < len(prev.desigs) and len(item.desigs) == 1:
                    values = _expand(prev.desigs[level], item.desigs[0])[1:]
                    new = [_Item(prev.number, at, item.end, base + [v]) for v in values]
                else:
                    item.desigs = base + item.desigs
                    new = [item]
            elif family == "anx" and (plural or ranged) and (m := ROMAN.match(t, at)):
                try:
                    roman_to_int(m.group(0))
                except ValueError:
                    break
                new = [_Item(m.group(0), at, m.end())]
                self.designators(new[0])
            elif family in ("art", "rct") and (m := NUM.match(t, at)):
                follows_designator = family == "art" and DESIG.match(t, m.end())
                if not (plural or ranged or follows_designator):
                    break
                if ranged and not prev.desigs and not follows_designator and prev.number.isdigit():
                    values = _expand(prev.number, m.group(0))[1:]
                    new = [_Item(v, at, m.end()) for v in values]
                else:
                    new = [_Item(m.group(0), at, m.end())]
                    if family == "art":
                        self.designators(new[0])
            else:
                break
            last = new[-1]
            self.suffix_quals(last, family)
            last.instrument, last.end = self.suffix_instrument(last.end)
            for n in new[:-1]:
                n.end = last.end
                n.quals = list(last.quals)
                n.instrument = last.instrument
            items.extend(new)
        # One instrument named after the last item of a list applies to the whole list
        # (`Articles 290 and 291 of the Treaty ...`), unless items name their own.
        if items[-1].instrument and not any(i.instrument for i in items[:-1]):
            for i in items[:-1]:
                i.instrument = items[-1].instrument
        quals, start = self.prefix_quals(kw_start, floor)
        e = _Expression(family, start, items[-1].end, items, quals)
        e.skip = bool(COMMENTARY_ON.search(t, max(0, kw_start - 40), kw_start)) or (
            t[kw_start - 1 : kw_start] == "‘" and bool(TITLE_WORD.match(t, e.end))
        )
        if not any(i.instrument for i in items):
            e.instrument = self.prefix_instrument(start) or self.quoted_instrument(start)
        return e

    @staticmethod
    def _level_of(desigs: list[str], d: str) -> int | None:
        """The level a continuation designator `d` replaces: the deepest of the same type (number,
        letter, roman numeral `(iv)`); None when there is none (`(a);479 and (iv)` is an
        enumeration of the sentence, not a sibling of point (a))."""

        def type_of(x: str) -> str:
            return "number" if x.isdigit() else "letter" if len(x) == 1 else "roman"

        for level in range(len(desigs) - 1, -1, -1):
            if type_of(desigs[level]) == type_of(d):
                return level
        return None

    def quoted_instrument(self, pos: int) -> str | None:
        """Inside a quotation that follows a reference to another instrument's provision, that
        instrument: `DMA, art 3(10) (‘... Articles 5, 6 and 7 ...’)`."""
        t = self.text
        opening = t.rfind("‘", 0, pos)
        if opening < 0:
            return None
        closing = re.compile(r"’(?![A-Za-z])").search(t, opening + 1, pos)
        if closing:
            return None  # the quotation closed before the reference
        for e in reversed(self.expressions):
            if e.end <= opening:
                if re.fullmatch(r"[\s(:]*", t[e.end : opening]) and self._instrument_of(e) != AI_ACT:
                    return self._instrument_of(e)
                return None
        return None

    # -- keys --

    def refs(self) -> list[ProvisionRef]:
        out: list[ProvisionRef] = []
        for e in self.scan():
            if e.skip:
                continue
            seen: set[str] = set()
            for item in e.items:
                instrument = item.instrument or e.instrument or AI_ACT
                for key in self.keys(e, item, instrument):
                    rk = ref_key(instrument, key)
                    if rk in seen:
                        continue
                    seen.add(rk)
                    end = e.end
                    if item is e.items[-1] and item.end < end:
                        end = item.end
                    out.append(
                        ProvisionRef(rk, label_for(key, instrument), instrument, e.start, end, self.text[e.start : end])
                    )
        return out

    def keys(self, e: _Expression, item: _Item, instrument: str) -> list[str]:
        number = item.number
        if instrument == AI_ACT and not item.desigs:
            unmarked = self._without_marker(e, item, number)
            if unmarked is None:
                return []
            number = unmarked
        if e.family == "art":
            base = f"art_{number}"
            if instrument == AI_ACT and not 1 <= int(number) <= LAST_ARTICLE:
                return []
            for level, d in enumerate(item.desigs):
                if d.isdigit() and level == 0:
                    kind = "point" if instrument == AI_ACT and number == "3" else "para"
                else:
                    kind = "point"
                base += f"__{kind}_{d}"
        elif e.family == "rct":
            base = f"rct_{number}"
        else:
            base = f"anx_{number}"
            for d in item.desigs:
                base += f"__point_{d}"
        keys = [base]
        has_para = e.family == "art" and bool(item.desigs) and item.desigs[0].isdigit()
        for kind, values in item.quals + e.prefix_quals:
            nxt = []
            for k in keys:
                if kind == "npoint":  # `point 2(c)`, `points 2(c) and (d)`
                    number, subs = values[0], values[1:]
                    nxt.extend([f"{k}__point_{number}__point_{v}" for v in subs] or [f"{k}__point_{number}"])
                    continue
                if kind == "intro":
                    nxt.append(f"{k}__intro")
                    continue
                seg = kind
                if kind == "para" and (has_para or "__para_" in k):
                    seg = "subpara"  # `Article 52(4)’s first paragraph` is its first subparagraph
                for v in values:
                    if v == "last":
                        nxt.append(k)  # no way to tell which sentence is last: the coarser key
                    else:
                        nxt.append(f"{k}__{seg}_{v}")
            keys = nxt
            if kind == "para":
                has_para = True
        return list(dict.fromkeys(keys))

    def _without_marker(self, e: _Expression, item: _Item, number: str) -> str | None:
        """`5131` after `Article` is Article 51 followed by footnote marker 31."""
        if e.family == "anx":
            return number if roman_to_int(number) <= LAST_ANNEX else None
        limit = LAST_ARTICLE if e.family == "art" else LAST_RECITAL
        if 1 <= int(number) <= limit:
            return number
        for cut in range(len(number) - 1, 0, -1):
            head = number[:cut]
            if 1 <= int(head) <= limit and not number[cut:].startswith("0"):
                if item is e.items[-1] and item.end == e.end and self.text[item.start : item.end] == number:
                    e.end = item.end = item.start + cut
                return head
        return None


def find_provisions(text: str) -> list[ProvisionRef]:
    """Provision references in `text`, in order, each at its finest grain.

    >>> [r.key for r in find_provisions("Moreover, Article 52(1)’s third sentence allows the Commission")]
    ['art_52__para_1__sent_3']
    >>> [(r.key, r.label) for r in find_provisions("Articles 3(1) DMA and 33(4) DSA")]
    [('dma:art_3__para_1', 'Art. 3(1) DMA'), ('dsa:art_33__para_4', 'Art. 33(4) DSA')]
    """
    return _Scanner(text).refs()


# ---- cross-references to sections of this work ---------------------------------------------

SECTION_NUMBER = r"\d{1,2}(?:\.\d{1,3})*\.*"
SECTIONS = re.compile(rf"\b[Ss]ections?\s+(?P<first>{SECTION_NUMBER})")
SECTION_NEXT = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:[Ss]ections?\s+)?(?P<num>{SECTION_NUMBER})")
NOT_THIS_WORK = re.compile(r"\s*(?:\([^)]*\)\s*)?of\s+(?:the\s+)?(?:Chapter|Annex|Title|Part|Regulation|Directive)\b")
ON_ARTICLE = re.compile(r"commentary\s+on\s+Article\s+(?P<art>\d+(?:\(\d+\))?)\s*,\s*\Z", re.I)
CHAPTER = re.compile(
    r"\b(?:forthcoming\s+)?commentary\s+on\s+Article\s+(?P<art>\d+(?:\(\d+\))?)(?![\d(])(?!\s*,\s*[Ss]ections?\b)", re.I
)


def _section(number: str) -> str | None:
    """`2.1.1.1..` → `2.1.1.1.`; `2.3.1` → `2.3.1.`; `2.4.36` (no final dot, a marker glued to
    the last part) → `2.4.`."""
    dotted = number.endswith(".")
    parts = [p for p in number.split(".") if p]
    if not dotted and len(parts) > 1 and len(parts[-1]) > 1:
        parts = parts[:-1]
    if not parts or any(len(p) > 2 for p in parts):
        return None
    return ".".join(parts) + "."


def find_cross_refs(text: str) -> list[CrossRef]:
    """References to sections of this chapter or to other chapters of this work.

    >>> [(x.section, x.article) for x in find_cross_refs("See commentary on Article 52, Section 2.1.3.1. and "
    ...     "Section 2.3.1. in this work; see also Section 2.1.2.2.")]
    [('2.1.3.1.', '52'), ('2.3.1.', '52'), ('2.1.2.2.', None)]
    """
    out: list[CrossRef] = []
    pos = 0
    for m in SECTIONS.finditer(text):
        if m.start() < pos:
            continue
        article = None
        if a := ON_ARTICLE.search(text, max(0, m.start() - 60), m.start()):
            article = a.group("art")
        found = [(m.group("first"), m.start("first"), m.end("first"))]
        end = m.end()
        while n := SECTION_NEXT.match(text, end):
            found.append((n.group("num"), n.start("num"), n.end("num")))
            end = n.end()
        pos = end
        if NOT_THIS_WORK.match(text, end):
            continue  # `Section 1. of Chapter V`, `point 1(d) of Section 1. of Annex XI`
        if re.search(r"\bof\s+\Z", text[max(0, m.start() - 4) : m.start()]) and article is None:
            continue  # `... of Section 1. of ...` is a section of an act
        for number, s, e in found:
            section = _section(number)
            if section is None:
                continue
            if not number.endswith(".") and section.rstrip(".") != number:
                e = s + len(section) - 1
            out.append(CrossRef(section, article, s, e))
    for m in CHAPTER.finditer(text):
        out.append(CrossRef("", m.group("art"), m.start(), m.end()))
    out.sort(key=lambda x: x.start)
    return out
