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
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.ingest.legal import AI_ACT, label_for, ordinal_number, ref_key, roman_to_int
from kg.ingest.provision_patterns import (
    _ORD,
    ACT_ID,
    CHAPTER,
    COMMENTARY_ON,
    CONNECTOR,
    DESIG,
    INSTRUMENT_NAMES,
    KEYWORD,
    KNOWN_NUMBERS,
    NOT_THIS_WORK,
    NUM,
    OF_BEFORE,
    OF_THE_OR_DATE,
    ON_ARTICLE,
    PREFIX,
    PREFIX_ACT,
    PREFIX_DEFINED,
    PREFIX_OJ,
    PREFIX_SHORT,
    QUAL_ANNEX_NUMBERED_POINTS,
    QUAL_ANNEX_SECTION,
    QUAL_INTRO,
    QUAL_ORDS,
    QUAL_POINTS,
    QUOTE_CLOSED,
    ROMAN,
    SECTION_NEXT,
    SECTIONS,
    SUFFIX_ACT,
    SUFFIX_LONG,
    SUFFIX_SHORT,
    SUFFIX_THEREOF,
    TITLE_WORD,
)
from kg.models import CrossRef, ProvisionRef

__all__ = ["find_provisions", "find_cross_refs", "INSTRUMENT_NAMES", "KNOWN_NUMBERS"]

LAST_ARTICLE, LAST_RECITAL, LAST_ANNEX = 113, 180, 13  # of the AI Act


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


Qual = tuple[str, list[str]]  # ("sent", ["3"]), ("point", ["a", "b"]), ("npoint", ["2", "c"]), ("intro", [])

# ---- instruments ------------------------------------------------------------------------------


def _instrument_of(e: _Expression) -> str:
    return e.instrument or next((i.instrument for i in e.items if i.instrument), None) or AI_ACT


def _suffix_instrument(text: str, pos: int, expressions: list[_Expression]) -> tuple[str | None, int]:
    """`of Regulation (EU) 2018/1806`, `of the Charter`, ` DMA`, `thereof` after a reference."""
    if m := SUFFIX_ACT.match(text, pos):
        return _instrument_of_act(m.group("type"), m.group("num")), m.end()
    if m := SUFFIX_LONG.match(text, pos):
        return _instrument_name(m.group("name")), m.end()
    if m := SUFFIX_SHORT.match(text, pos):
        return _instrument_name(m.group("name")), m.end()
    if (m := SUFFIX_THEREOF.match(text, pos)) and expressions:
        return _instrument_of(expressions[-1]), m.end()
    return None, pos


def _prefix_instrument(text: str, pos: int) -> str | None:
    """`(“MSR”), art 18(3)`, `DMA, art 3(10)`, `... OJ L 265/1, art 3(1)`, `Regulation ... (n 116), art 76`."""
    window = text[max(0, pos - 300) : pos]
    if m := PREFIX_DEFINED.search(window):
        return _instrument_name(m.group("name"))
    if m := PREFIX_SHORT.search(window):
        return _instrument_name(m.group("name"))
    if PREFIX_OJ.search(window):
        # the act cited in full before: the last `Regulation ... of the/of 14 ...`
        before = text[max(0, pos - 1500) : pos]
        found = last = None
        for m in ACT_ID.finditer(before):
            last = m
            if OF_THE_OR_DATE.match(before[m.end() :]):
                found = m
        found = found or last
        if found:
            return _instrument_of_act(found.group("type"), found.group("num"))
        return None
    if m := PREFIX_ACT.search(window):
        return _instrument_of_act(m.group("type"), m.group("num"))
    return None


def _quoted_instrument(text: str, pos: int, expressions: list[_Expression]) -> str | None:
    """Inside a quotation that follows a reference to another instrument's provision, that
    instrument: `DMA, art 3(10) (‘... Articles 5, 6 and 7 ...’)`."""
    opening = text.rfind("‘", 0, pos)
    if opening < 0:
        return None
    if QUOTE_CLOSED.search(text, opening + 1, pos):
        return None  # the quotation closed before the reference
    for e in reversed(expressions):
        if e.end <= opening:
            if re.fullmatch(r"[\s(:]*", text[e.end : opening]) and _instrument_of(e) != AI_ACT:
                return _instrument_of(e)
            return None
    return None


# ---- qualifiers ---------------------------------------------------------------------------------

_UNIT = {"sentence": "sent", "subparagraph": "subpara", "paragraph": "para", "section": "sec"}


def _prefix_quals(text: str, pos: int, floor: int) -> tuple[list[Qual], int]:
    """Qualifiers before the keyword, nearest first: `the first subparagraph of`, `point (f) of`."""
    quals: list[Qual] = []
    while m := PREFIX.search(text, max(floor, pos - 200), pos):
        if m.group("ords"):
            quals.append((_UNIT[m.group("unit").rstrip("s")], _ords(m.group("ords"))))
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
    return quals, pos


def _ordinal_qual(m: re.Match[str], family: str) -> Qual | None:
    kind = _UNIT[m.group("unit").rstrip("s")]
    if family == "rct" and kind != "sent":
        return None  # a recital has sentences only
    return kind, _ords(m.group("ords"))


def _numbered_points(m: re.Match[str], family: str) -> Qual:
    subs = _desig_list(m.group("list")) if m.group("list") else []
    return "npoint", [m.group("num")] + subs


# Qualifiers after a reference, tried in order at each position (the first that matches is read;
# None from the reader ends the qualifiers): (pattern, families it applies to, reader).
SUFFIX_QUALIFIERS: list[tuple[re.Pattern[str], tuple[str, ...], Callable[[re.Match[str], str], Qual | None]]] = [
    (QUAL_ORDS, ("art", "rct", "anx"), _ordinal_qual),  # `’s third sentence`
    (QUAL_POINTS, ("art", "anx"), lambda m, _: ("point", _desig_list(m.group("list")))),  # `, point (a)`
    (QUAL_ANNEX_SECTION, ("anx",), lambda m, _: ("sec", [m.group("sec")])),  # `, s 2`
    (QUAL_ANNEX_NUMBERED_POINTS, ("anx",), _numbered_points),  # `, point 2(c)`
    (QUAL_INTRO, ("anx",), lambda m, _: ("intro", [])),  # `, introductory sentence`
]


def _suffix_quals(text: str, item: _Item, family: str) -> None:
    """Read the qualifiers after `item` into it, moving its end past them."""
    while (found := _suffix_qual_at(text, item.end, family)) is not None:
        m, read = found
        qual = read(m, family)
        if qual is None:
            return
        item.quals.append(qual)
        item.end = m.end()


def _suffix_qual_at(
    text: str, pos: int, family: str
) -> tuple[re.Match[str], Callable[[re.Match[str], str], Qual | None]] | None:
    for pattern, families, read in SUFFIX_QUALIFIERS:
        if family in families and (m := pattern.match(text, pos)):
            return m, read
    return None


# ---- items ----------------------------------------------------------------------------------------


def _designators(text: str, item: _Item) -> None:
    while m := DESIG.match(text, item.end):
        item.desigs.append(m.group(1))
        item.end = m.end()


def _first_item(text: str, family: str, pos: int) -> _Item | None:
    m = (ROMAN if family == "anx" else NUM).match(text, pos)
    if not m:
        return None
    if family == "anx":
        try:
            roman_to_int(m.group(0))
        except ValueError:
            return None
    item = _Item(m.group(0), m.start(), m.end())
    if family in ("art", "anx"):
        _designators(text, item)
    return item


@dataclass
class _Next:
    """Where the next item of a list may start: after `prev` and the connector `c`."""

    text: str
    family: str
    plural: bool
    prev: _Item
    c: re.Match[str]
    ranged: bool  # `–`, `to`
    at: int  # where the connector ends


def _sibling(n: _Next) -> list[_Item] | None:
    """`(a) and (b)`, `(1)(a) and (2)`, `(63)–(65)`: a designator that replaces one of `prev`'s."""
    if not (n.family in ("art", "anx") and not n.c.group("marker") and DESIG.match(n.text, n.at)):
        return None
    item = _Item(n.prev.number, n.at, n.at)
    _designators(n.text, item)
    level = _level_of(n.prev.desigs, item.desigs[0])
    if level is None:
        return []
    base = n.prev.desigs[:level]
    if n.ranged and level < len(n.prev.desigs) and len(item.desigs) == 1:
        values = _expand(n.prev.desigs[level], item.desigs[0])[1:]
        return [_Item(n.prev.number, n.at, item.end, base + [v]) for v in values]
    item.desigs = base + item.desigs
    return [item]


def _annex_numeral(n: _Next) -> list[_Item] | None:
    """`Annexes XI and XII`, `Annex XI–XIII`."""
    if not (n.family == "anx" and (n.plural or n.ranged) and (m := ROMAN.match(n.text, n.at))):
        return None
    try:
        roman_to_int(m.group(0))
    except ValueError:
        return []
    item = _Item(m.group(0), n.at, m.end())
    _designators(n.text, item)
    return [item]


def _number(n: _Next) -> list[_Item] | None:
    """`Articles 51 and 52`, `recitals 111–113`, `art 53(2) and 55(1)`."""
    if not (n.family in ("art", "rct") and (m := NUM.match(n.text, n.at))):
        return None
    follows_designator = n.family == "art" and DESIG.match(n.text, m.end())
    if not (n.plural or n.ranged or follows_designator):
        return []
    if n.ranged and not n.prev.desigs and not follows_designator and n.prev.number.isdigit():
        return [_Item(v, n.at, m.end()) for v in _expand(n.prev.number, m.group(0))[1:]]
    item = _Item(m.group(0), n.at, m.end())
    if n.family == "art":
        _designators(n.text, item)
    return [item]


# The forms the next item of a list can take, tried in order; a form returns None when it does
# not apply, [] when it applies but the list ends there.
CONTINUATIONS: list[Callable[[_Next], list[_Item] | None]] = [_sibling, _annex_numeral, _number]


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


# ---- the scan ---------------------------------------------------------------------------------------


class _Scanner:
    """Reads the reference expressions of a text left to right (an expression may take its
    instrument from one before it: `thereof`, a quotation of another act). long: the scan's
    state (text, expressions so far) with its five steps, none over twenty lines."""

    def __init__(self, text: str):
        self.text = text
        self.expressions: list[_Expression] = []

    def scan(self) -> list[_Expression]:
        cursor = 0
        for k in KEYWORD.finditer(self.text):
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

    def expression(self, family: str, plural: bool, kw_start: int, pos: int, floor: int) -> _Expression | None:
        t = self.text
        first = _first_item(t, family, pos)
        if first is None:
            return None
        self._finish(first, family)
        items = self._list(first, family, plural)
        # One instrument named after the last item of a list applies to the whole list
        # (`Articles 290 and 291 of the Treaty ...`), unless items name their own.
        if items[-1].instrument and not any(i.instrument for i in items[:-1]):
            for i in items[:-1]:
                i.instrument = items[-1].instrument
        quals, start = _prefix_quals(t, kw_start, floor)
        e = _Expression(family, start, items[-1].end, items, quals)
        e.skip = bool(COMMENTARY_ON.search(t, max(0, kw_start - 40), kw_start)) or (
            t[kw_start - 1 : kw_start] == "‘" and bool(TITLE_WORD.match(t, e.end))
        )
        if not any(i.instrument for i in items):
            e.instrument = _prefix_instrument(t, start) or _quoted_instrument(t, start, self.expressions)
        return e

    def _finish(self, item: _Item, family: str) -> None:
        """The qualifiers and the instrument after an item."""
        _suffix_quals(self.text, item, family)
        item.instrument, item.end = _suffix_instrument(self.text, item.end, self.expressions)

    def _list(self, first: _Item, family: str, plural: bool) -> list[_Item]:
        """`first` and the items that continue it (see CONTINUATIONS)."""
        items = [first]
        while True:
            prev = items[-1]
            c = CONNECTOR.match(self.text, prev.end)
            if not c or c.end() == prev.end:
                return items
            ranged = bool(c.group("dash")) or c.group("word") == "to"
            n = _Next(self.text, family, plural, prev, c, ranged, c.end())
            new: list[_Item] | None = None
            for form in CONTINUATIONS:
                new = form(n)
                if new is not None:
                    break
            if not new:
                return items
            last = new[-1]
            self._finish(last, family)
            for x in new[:-1]:
                x.end = last.end
                x.quals = list(last.quals)
                x.instrument = last.instrument
            items.extend(new)


def _refs(text: str, expressions: list[_Expression]) -> list[ProvisionRef]:
    """One ProvisionRef per key of each item of each expression (not `commentary on Article 52`)."""
    out: list[ProvisionRef] = []
    for e in expressions:
        if e.skip:
            continue
        seen: set[str] = set()
        for item in e.items:
            instrument = item.instrument or e.instrument or AI_ACT
            for key in _keys(text, e, item, instrument):
                rk = ref_key(instrument, key)
                if rk in seen:
                    continue
                seen.add(rk)
                end = e.end
                if item is e.items[-1] and item.end < end:
                    end = item.end
                out.append(ProvisionRef(rk, label_for(key, instrument), instrument, e.start, end, text[e.start : end]))
    return out


# ---- keys -----------------------------------------------------------------------------------------


def _keys(text: str, e: _Expression, item: _Item, instrument: str) -> list[str]:
    """The provision keys of one item at their finest grain: `art_52__para_1__sent_3`."""
    number = item.number
    if instrument == AI_ACT and not item.desigs:
        unmarked = _without_marker(text, e, item, number)
        if unmarked is None:
            return []
        number = unmarked
    if e.family == "art":
        if instrument == AI_ACT and not 1 <= int(number) <= LAST_ARTICLE:
            return []
        base = f"art_{number}"
        for level, d in enumerate(item.desigs):
            if d.isdigit() and level == 0:
                kind = "point" if instrument == AI_ACT and number == "3" else "para"  # Art. 3 has points
            else:
                kind = "point"
            base += f"__{kind}_{d}"
    elif e.family == "rct":
        base = f"rct_{number}"
    else:
        base = f"anx_{number}" + "".join(f"__point_{d}" for d in item.desigs)
    return _qualified(
        [base], e.family == "art" and bool(item.desigs) and item.desigs[0].isdigit(), item.quals + e.prefix_quals
    )


def _qualified(keys: list[str], has_para: bool, quals: list[Qual]) -> list[str]:
    """Each key refined by each qualifier in turn: `’s first and second sentence` → two keys."""
    for kind, values in quals:
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
                # `last`: no way to tell which sentence is last: the coarser key
                nxt.append(k if v == "last" else f"{k}__{seg}_{v}")
        keys = nxt
        if kind == "para":
            has_para = True
    return list(dict.fromkeys(keys))


def _without_marker(text: str, e: _Expression, item: _Item, number: str) -> str | None:
    """`5131` after `Article` is Article 51 followed by footnote marker 31."""
    if e.family == "anx":
        return number if roman_to_int(number) <= LAST_ANNEX else None
    limit = LAST_ARTICLE if e.family == "art" else LAST_RECITAL
    if 1 <= int(number) <= limit:
        return number
    for cut in range(len(number) - 1, 0, -1):
        head = number[:cut]
        if 1 <= int(head) <= limit and not number[cut:].startswith("0"):
            if item is e.items[-1] and item.end == e.end and text[item.start : item.end] == number:
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
    return _refs(text, _Scanner(text).scan())


# ---- cross-references to sections of this work ---------------------------------------------


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
        if OF_BEFORE.search(text[max(0, m.start() - 4) : m.start()]) and article is None:
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
