"""Provision texts and the provision hierarchy.

Every provision has a key in the style of Akoma Ntoso eIds, local to its instrument:

    art_51                          Art. 51 AI Act
    art_51__para_1__point_a         Art. 51(1)(a) AI Act
    art_52__para_1__sent_3          Art. 52(1) AI Act, third sentence
    art_52__para_4__subpara_2       Art. 52(4) AI Act, second subparagraph
    art_3__point_63                 Art. 3(63) AI Act            (a definition)
    rct_111__sent_12                Recital 111 AI Act, twelfth sentence
    anx_XIII__intro                 Annex XIII AI Act, introductory sentence
    anx_XIII__point_f               Annex XIII AI Act, point (f)
    anx_XI__sec_1__point_2__point_c Annex XI AI Act, Section 1, point 2(c)

Other instruments use the same scheme with `instrument` set ("DMA", "TFEU", ...); there a
numbered subdivision of an article is a paragraph (`art_3__para_1` is Art. 3(1) DMA), while in
the AI Act the numbered subdivisions of Article 3 are its definitions (points).

The texts come from three kinds of source: the official text of an article
(`parse_article_text`), a recital page of the Commission's AI Act Service Desk
(`parse_service_desk`), and the copies printed on a commentary page
(`provisions_from_commentary`). `build_provisions` merges them, preferring the official text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from kg.models import Commentary, SourceError, Span

AI_ACT = "AI Act"

# ---- ordinal words -------------------------------------------------------------------------

_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = {
    10: "tenth",
    11: "eleventh",
    12: "twelfth",
    13: "thirteenth",
    14: "fourteenth",
    15: "fifteenth",
    16: "sixteenth",
    17: "seventeenth",
    18: "eighteenth",
    19: "nineteenth",
}
_TENS = {2: "twent", 3: "thirt", 4: "fort", 5: "fift", 6: "sixt", 7: "sevent", 8: "eight", 9: "ninet"}


def ordinal_word(n: int) -> str:
    """`ordinal_word(12) == "twelfth"`, `ordinal_word(21) == "twenty-first"` (1 to 99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"no ordinal word for {n}")
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n]
    tens, unit = divmod(n, 10)
    return f"{_TENS[tens]}ieth" if unit == 0 else f"{_TENS[tens]}y-{_UNITS[unit]}"


_ORDINALS = {ordinal_word(n): n for n in range(1, 100)}


def ordinal_number(word: str) -> int:
    """`ordinal_number("twelfth") == 12`; also accepts `twenty first` and `1st`/`12th`."""
    w = word.strip().lower().replace(" ", "-")
    if w in _ORDINALS:
        return _ORDINALS[w]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
    if m and int(m.group(1)) >= 1:
        return int(m.group(1))
    raise ValueError(f"not an ordinal: {word!r}")


ORDINAL_PATTERN = "|".join(sorted((re.escape(w) for w in _ORDINALS), key=len, reverse=True))

# ---- roman numerals ------------------------------------------------------------------------

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman_to_int(s: str) -> int:
    """`roman_to_int("XIII") == 13`; raises ValueError on a malformed numeral."""
    s = s.upper()
    value, i = 0, 0
    for n, r in _ROMAN:
        while s.startswith(r, i):
            value += n
            i += len(r)
    if i != len(s) or not s or int_to_roman(value) != s:
        raise ValueError(f"not a roman numeral: {s!r}")
    return value


def int_to_roman(n: int) -> str:
    out = []
    for v, r in _ROMAN:
        while n >= v:
            out.append(r)
            n -= v
    return "".join(out)


# ---- keys ----------------------------------------------------------------------------------

_SEGMENT = re.compile(r"([a-z]+)(?:_(\w+))?")
_KIND_OF_SEGMENT = {
    "art": "article",
    "para": "paragraph",
    "subpara": "subparagraph",
    "point": "point",
    "sent": "sentence",
    "rct": "recital",
    "anx": "annex",
    "sec": "annex_section",
    "intro": "intro",
}


def _segments(key: str) -> list[tuple[str, str | None]]:
    if ":" in key:  # an instrument-qualified reference key, e.g. "dma:art_3__para_1"
        key = key.split(":", 1)[1]
    out = []
    for part in key.split("__"):
        m = _SEGMENT.fullmatch(part)
        if not m or m.group(1) not in _KIND_OF_SEGMENT:
            raise ValueError(f"not a provision key: {key!r}")
        out.append((m.group(1), m.group(2)))
    return out


def parent_of(key: str) -> str | None:
    """`parent_of("art_52__para_1__sent_3") == "art_52__para_1"`; a top-level provision has None."""
    parts = key.split("__")
    return "__".join(parts[:-1]) if len(parts) > 1 else None


def ancestors(key: str) -> list[str]:
    """From the parent up: `ancestors("art_51__para_1__point_a") == ["art_51__para_1", "art_51"]`."""
    out, k = [], parent_of(key)
    while k:
        out.append(k)
        k = parent_of(k)
    return out


def kind_of(key: str, instrument: str = AI_ACT) -> str:
    """article | paragraph | subparagraph | point | sentence | recital | annex | annex_point |
    annex_section | intro | definition (`art_3__point_63` of the AI Act)."""
    segs = _segments(key)
    kind, _ = segs[-1]
    if kind == "point":
        if segs[0][0] == "anx":
            return "annex_point"
        if instrument == AI_ACT and len(segs) == 2 and segs[0] == ("art", "3"):
            return "definition"
    return _KIND_OF_SEGMENT[kind]


def ordinal_of(key: str) -> int | None:
    """The number of the last subdivision: 52 for `art_52`, 6 for `point_f`, 13 for `anx_XIII`."""
    kind, value = _segments(key)[-1]
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    if kind == "anx":
        try:
            return roman_to_int(value)
        except ValueError:
            return None
    if len(value) == 1 and value.isalpha():
        return ord(value.lower()) - ord("a") + 1
    return None


def _designator(value: str) -> str:
    return f"({value})"


def _notation_parts(key: str) -> tuple[str, str]:
    """(head, tail): `Art. 52(1)` and `, third sentence`; the instrument goes between."""
    segs = _segments(key)
    head, tail = "", ""
    top, value = segs[0]
    if top == "art":
        head = f"Art. {value}"
    elif top == "rct":
        head = f"Recital {value}"
    elif top == "anx":
        head = f"Annex {value}"
    else:
        raise ValueError(f"not a provision key: {key!r}")
    in_tail = False  # once a qualifier has been written, designators go to the tail
    i = 1
    while i < len(segs):
        kind, value = segs[i]
        value = cast(str, value)  # only `intro` has no value, and it reads none
        if kind in ("para",) and not in_tail or kind == "point" and top == "art" and not in_tail:
            head += _designator(value)
        elif kind == "point":
            # annex points: "point (f)"; a numbered point with lettered sub-points: "point 2(c)"
            if value.isdigit() and i + 1 < len(segs) and segs[i + 1][0] == "point":
                tail += f", point {value}"
                while i + 1 < len(segs) and segs[i + 1][0] == "point":
                    i += 1
                    tail += _designator(cast(str, segs[i][1]))
            elif value.isdigit():
                tail += f", point {value}"
            else:
                tail += f", point ({value})"
            in_tail = True
        elif kind == "subpara":
            tail += f", {ordinal_word(int(value))} subparagraph"
            in_tail = True
        elif kind == "sent":
            tail += f", {ordinal_word(int(value))} sentence"
            in_tail = True
        elif kind == "sec":
            tail += f", Section {value}"
            in_tail = True
        elif kind == "intro":
            tail += ", introductory sentence"
            in_tail = True
        elif kind == "para":
            tail += f", paragraph {value}"
        else:
            raise ValueError(f"not a provision key: {key!r}")
        i += 1
    return head, tail


def notation_for(key: str) -> str:
    """`notation_for("art_51__para_1__point_a") == "Art. 51(1)(a)"`;
    `notation_for("rct_111__sent_12") == "Recital 111, twelfth sentence"`."""
    head, tail = _notation_parts(key)
    return head + tail


def label_for(key: str, instrument: str = AI_ACT) -> str:
    """`label_for("art_52__para_1__sent_3") == "Art. 52(1) AI Act, third sentence"`;
    `label_for("art_3__para_1", "DMA") == "Art. 3(1) DMA"`."""
    head, tail = _notation_parts(key)
    return f"{head} {instrument}{tail}"


def instrument_slug(instrument: str) -> str:
    """`instrument_slug("DMA") == "dma"`; `instrument_slug("Regulation 2018/1806") == "regulation-2018-1806"`."""
    return re.sub(r"[^a-z0-9]+", "-", instrument.lower()).strip("-")


def ref_key(instrument: str, key: str) -> str:
    """The key a `ProvisionRef` carries: bare for the AI Act, `dma:art_3__para_1` otherwise."""
    return key if instrument == AI_ACT else f"{instrument_slug(instrument)}:{key}"


# ---- sentences -----------------------------------------------------------------------------

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "cf",
        "viz",
        "No",
        "no",
        "Nos",
        "nos",
        "Art",
        "art",
        "Arts",
        "arts",
        "para",
        "paras",
        "p",
        "pp",
        "s",
        "ss",
        "fn",
        "n",
        "nn",
        "Vol",
        "vol",
        "ed",
        "eds",
        "edn",
        "Mr",
        "Ms",
        "Mrs",
        "Dr",
        "Prof",
        "St",
        "v",
        "vs",
        "ibid",
        "Ibid",
        "op",
        "cit",
        "al",
        "approx",
        "Inc",
        "Ltd",
        "Co",
        "Fig",
        "fig",
        "Sec",
        "sec",
        "Ch",
        "ch",
        "OJ",
        "Reg",
        "Dir",
        "Dec",
        "Rec",
        "rec",
        "subpara",
        "seq",
    ]
)
_TERMINATOR = re.compile(r"[.?!]+(?P<close>[’”'\"\)\]]*)(?P<marker>\d{0,3})")
_OPENERS = "‘“\"'([«"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets `(start, end)` of the sentences of `text`, whitespace trimmed.

    A sentence ends at `.`, `?` or `!` (with any closing quote or bracket, and a footnote marker
    glued after it) followed by whitespace and a capital letter, possibly behind an opening
    quote. Abbreviations (`e.g.`, `i.e.`, `No.`, `Art.`, `para.`), initials and numbers
    (`2.1. `) do not end a sentence:

    >>> t = ("Where a model meets Article 51(1), point (a), it shall notify. "
    ...      "That notification shall include (e.g. data) the information.")
    >>> for s, e in split_sentences(t):
    ...     print(t[s:e])
    Where a model meets Article 51(1), point (a), it shall notify.
    That notification shall include (e.g. data) the information.
    """
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _TERMINATOR.finditer(text):
        end = m.end()
        if m.group("marker") and end < n and text[end].isdigit():
            continue
        j = end
        if j >= n or not text[j].isspace():
            continue
        while j < n and text[j].isspace():
            j += 1
        if j >= n:
            continue
        k = j
        while k < n and text[k] in _OPENERS:
            k += 1
        if k >= n or not text[k].isupper():
            continue
        if text[m.start()] == "." and _abbreviation_before(text, m.start()):
            continue
        if m.group("marker") and m.start() > 0 and text[m.start() - 1].isdigit():
            continue  # "10.5 Next" is a number, not a sentence end with a marker
        _add(out, text, start, end)
        start = j
    _add(out, text, start, n)
    return out


def _abbreviation_before(text: str, dot: int) -> bool:
    i = dot
    while i > 0 and not text[i - 1].isspace() and text[i - 1] not in _OPENERS:
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))  # "e.g", "i.e", "U.S"


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


# ---- records -------------------------------------------------------------------------------


@dataclass
class Provision:
    """A provision (article, paragraph, sentence, recital, annex point, definition ...)."""

    key: str
    instrument: str
    kind: str
    label: str
    notation: str
    text: str | None = None
    parent: str | None = None
    ordinal: int | None = None
    source: str | None = None  # file name of the document the text was taken from
    span: Span | None = None
    term: str | None = None  # for definitions: the defined term
    title: str | None = None  # for articles and annexes: their heading
    also_in: list[str] = field(default_factory=list)  # other documents printing the same text


def make_provision(key: str, instrument: str = AI_ACT, **fields) -> Provision:
    """A provision whose kind, labels, parent and ordinal follow from its key."""
    return Provision(
        key=key,
        instrument=instrument,
        kind=kind_of(key, instrument),
        label=label_for(key, instrument),
        notation=notation_for(key),
        parent=parent_of(key),
        ordinal=ordinal_of(key),
        **fields,
    )


def _sentences(parent: Provision, document: str | None, to_span) -> list[Provision]:
    """The sentences of a provision text, each with its span (`to_span(start, end)` maps
    offsets within the text to a Span, or returns None)."""
    if not parent.text:
        return []
    return [
        make_provision(
            f"{parent.key}__sent_{i}", parent.instrument, text=parent.text[s:e], source=document, span=to_span(s, e)
        )
        for i, (s, e) in enumerate(split_sentences(parent.text), 1)
    ]


# ---- the official text of an article -------------------------------------------------------

_ARTICLE_HEADING = re.compile(r"^Article (\d+)\s*$")
_NUMBERED = re.compile(r"^(\d+)\.\s+")
_LETTERED = re.compile(r"^\(([a-z]{1,4})\)\s+")


def parse_article_text(raw: str, document: str, instrument: str = AI_ACT) -> list[Provision]:
    """Parse the official text of one article: the article (with its title), its paragraphs,
    their subparagraphs where a paragraph has more than one, points, and the sentences of each
    paragraph or subparagraph. Offsets are those of the file.

    For `ai-act-article-52.txt`: `art_52` ('Procedure'), `art_52__para_1` ...
    `art_52__para_1__sent_3`, `art_52__para_4__subpara_2`, `art_52__para_4__subpara_2__sent_1`.
    """
    lines, pos = [], 0
    for line in raw.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    at = next((i for i, (_, s) in enumerate(lines) if _ARTICLE_HEADING.match(s.strip())), None)
    if at is None:
        raise SourceError(f"{document}: no 'Article N' heading: not an article text")
    number = _ARTICLE_HEADING.match(lines[at][1].strip()).group(1)  # type: ignore[union-attr]  # matched above
    article_key = f"art_{number}"
    title = None
    i = at + 1
    while i < len(lines) and not lines[i][1].strip():
        i += 1
    if i < len(lines) and not _NUMBERED.match(lines[i][1]):
        title = lines[i][1].strip()
        i += 1
    span = _file_span(document)
    out = [
        make_provision(
            article_key, instrument, title=title, source=document, span=span(lines[at][0], len(raw.rstrip()))
        )
    ]
    for number, blocks in _paragraph_blocks(lines[i:]):
        out.extend(_paragraph(raw, article_key, number, blocks, instrument, document))
    return out


def _file_span(document: str):
    def span(s: int, e: int) -> Span:
        return Span(document, s, e, s, e)

    return span


_Block = tuple[int, int, str]  # start, end, kind ("text" or "point")


def _paragraph_blocks(lines: list[tuple[int, str]]) -> list[tuple[str, list[_Block]]]:
    """The non-empty lines after the title, grouped by numbered paragraph ("" for an article of one
    paragraph); a line opening with `(a)` is a point, any other a subparagraph's text."""
    paragraphs: list[tuple[str, list[_Block]]] = []
    for start, line in lines:
        body = line.rstrip()
        if not body.strip():
            continue
        lead = len(body) - len(body.lstrip())
        if m := _NUMBERED.match(body.lstrip()):
            paragraphs.append((m.group(1), []))
            paragraphs[-1][1].append((start + lead + m.end(), start + len(body), "text"))
        elif paragraphs:
            kind = "point" if _LETTERED.match(body.lstrip()) else "text"
            paragraphs[-1][1].append((start + lead, start + len(body), kind))
        else:  # text before the first numbered paragraph: an article of one paragraph
            paragraphs.append(("", [(start + lead, start + len(body), "text")]))
    return paragraphs


def _paragraph(
    raw: str, article_key: str, number: str, blocks: list[_Block], instrument: str, document: str
) -> list[Provision]:
    """One paragraph: itself, its subparagraphs (where it has more than one), the sentences of each, its points."""
    span = _file_span(document)
    out = []
    para_key = f"{article_key}__para_{number}" if number else article_key
    if number:
        s, e = blocks[0][0], blocks[-1][1]
        out.append(make_provision(para_key, instrument, text=raw[s:e], source=document, span=span(s, e)))
    subparas = [b for b in blocks if b[2] == "text"]
    for k, (s, e, _kind) in enumerate(subparas, 1):
        holder_key = f"{para_key}__subpara_{k}" if len(subparas) > 1 else para_key
        if len(subparas) > 1:
            out.append(make_provision(holder_key, instrument, text=raw[s:e], source=document, span=span(s, e)))
        holder = make_provision(holder_key, instrument, text=raw[s:e])
        out.extend(_sentences(holder, document, lambda a, b, s=s: span(s + a, s + b)))
    for s, e, kind in blocks:
        if kind == "point":
            m = _LETTERED.match(raw[s:e])
            assert m is not None  # a block of kind "point" opens with `(a)`
            out.append(
                make_provision(
                    f"{para_key}__point_{m.group(1)}",
                    instrument,
                    text=raw[s + m.end() : e],
                    source=document,
                    span=span(s + m.end(), e),
                )
            )
    return out


# ---- the AI Act Service Desk's recital pages -----------------------------------------------

_RECITAL_HEADING = re.compile(r"^#\s+Recital\s+(\d+)\s*$", re.M)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|`+)(\S(?:.*?\S)?)\1")


def _strip_markdown(s: str) -> str:
    s = _MD_LINK.sub(r"\1", s)
    s = _MD_EMPHASIS.sub(r"\2", s)
    return s


def parse_service_desk(raw: str, document: str) -> Provision:
    """The recital on one AI Act Service Desk page (markdown with page chrome): the text under
    the `# Recital 111` heading (and its `## Overview` sub-heading) up to the next heading,
    stripped of markdown. The span covers the text in the file."""
    m = _RECITAL_HEADING.search(raw)
    if not m:
        raise SourceError(f"{document}: no '# Recital N' heading: not a Service Desk recital page")
    key = f"rct_{m.group(1)}"
    pos = m.end()
    blocks: list[tuple[int, int]] = []
    for line in raw[pos:].split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):
            if blocks and stripped.lstrip("#").strip().lower() != "overview":
                break
        elif stripped in ("---", "```"):
            if blocks:
                break
        elif stripped:
            lead = len(line) - len(line.lstrip())
            blocks.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    if not blocks:
        raise SourceError(f"{document}: recital {m.group(1)} has no text")
    text = " ".join(_strip_markdown(raw[s:e]) for s, e in blocks)
    s, e = blocks[0][0], blocks[-1][1]
    return make_provision(key, AI_ACT, text=text, source=document, span=Span(document, s, e, s, e))


def recital_sentences(recital: Provision) -> list[Provision]:
    """The sentences of a recital parsed from a file; spans are exact where the text is the file's
    own text (no markdown removed), otherwise None."""
    sp = recital.span
    exact = sp is not None and recital.text is not None

    def to_span(a: int, b: int) -> Span | None:
        if not exact:
            return None
        assert sp is not None  # exact implies a span
        return Span(sp.document, sp.start + a, sp.start + b, sp.raw_start + a, sp.raw_start + b)

    return _sentences(recital, recital.source, to_span)


# ---- the copies printed on a commentary page -----------------------------------------------


def provisions_from_commentary(c: Commentary) -> list[Provision]:
    """The commentary page's copies of the commented article (title, paragraphs, points), its
    annex (title, introductory sentence, points), its recitals (and their sentences), and the
    Article 3 definitions of its tooltips (`art_3__point_63`, with term and text)."""
    from kg.ingest.clean import clean  # the offset map back to the raw file

    offsets = clean(c.raw).offsets

    def raw_of(start: int, end: int) -> tuple[int, int]:
        return offsets.to_raw(start), offsets.to_raw(end, end=True)

    out: dict[str, Provision] = {}

    def ensure(key: str) -> Provision:
        if key not in out:
            out[key] = make_provision(key, AI_ACT)
        return out[key]

    for pt in c.provisions:
        key = pt.key
        if key.endswith("__title"):
            holder = ensure(key[: -len("__title")])
            holder.title, holder.source = pt.text, pt.source
            continue
        for anc in reversed(ancestors(key)):
            ensure(anc)
        p = make_provision(key, AI_ACT, text=pt.text, source=pt.source, span=pt.span)
        out[key] = p
        if p.kind == "recital" and pt.span is not None:
            base = c.text.find(pt.text, pt.span.start, pt.span.end + 1)

            def to_span(a: int, b: int, base=base, document=pt.span.document) -> Span | None:
                if base < 0:
                    return None
                rs, re_ = raw_of(base + a, base + b)
                return Span(document, base + a, base + b, rs, re_)

            for s in _sentences(p, pt.source, to_span):
                out[s.key] = s
    if c.definitions:
        ensure("art_3")
    for d in c.definitions:
        key = f"art_3__point_{d.number}"
        out[key] = make_provision(
            key,
            AI_ACT,
            text=d.text,
            term=d.term,
            source=c.document,
            span=_definition_span(c, offsets, d.number, d.text),
        )
    return list(out.values())


def _definition_span(c: Commentary, offsets, number: int, text: str) -> Span | None:
    """The first tooltip of a definition in the raw file. The tooltip is removed from the cleaned
    text, so the cleaned offsets are the (empty) place where it stood."""
    marker = f"Article 3({number}) AI Act: "
    at = c.raw.find(marker)
    if at < 0:
        return None
    raw_start = at + len(marker)
    if c.raw[raw_start : raw_start + len(text)].replace("\u00a0", " ") != text:
        return None
    # The cleaned offset where the tooltip stood: the raw text before it maps from the cleaned
    # text before it; search for the last cleaned offset mapping at or before `at`.
    lo, hi = 0, offsets.clean_len
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if offsets.to_raw(mid) <= at:
            lo = mid
        else:
            hi = mid - 1
    return Span(c.document, lo, lo, raw_start, raw_start + len(text))


# ---- merging -------------------------------------------------------------------------------


def _normalise(s: str) -> str:
    return " ".join(s.split())


def text_difference(a: str, b: str) -> str:
    """Where two texts first differ, after normalising whitespace, with a little context."""
    a, b = _normalise(a), _normalise(b)
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[len(a) - 1 - j] == b[len(b) - 1 - j]:
        j += 1
    j = min(j, len(a) - i, len(b) - i)
    return (
        f"at character {i}: {a[max(0, i - 30) : len(a) - j + 30][:240]!r} "
        f"vs {b[max(0, i - 30) : len(b) - j + 30][:240]!r}"
    )


def _read(path) -> tuple[str, str]:
    """(text, file name) of a path, or of a (text, name) pair already read (the build reads each source once)."""
    if isinstance(path, tuple):
        return path
    p = Path(path)
    return p.read_text(encoding="utf-8"), p.name


def build_provisions(commentaries=(), article_files=(), service_desk_files=()) -> tuple[list[Provision], list[str]]:
    """All provisions of all sources, merged by (instrument, key), with their parent chain.

    Where the official text (an article file, a Service Desk page) and a commentary print the same
    provision, the official copy is kept and the commentary is recorded in `also_in`; where two
    copies differ (after normalising whitespace), a warning names both documents and the
    difference. Returns (provisions in source order, warnings)."""
    warnings: list[str] = []
    batches: list[list[Provision]] = []
    for path in article_files:
        raw, name = _read(path)
        batches.append(parse_article_text(raw, name))
    for path in service_desk_files:
        raw, name = _read(path)
        recital = parse_service_desk(raw, name)
        batches.append([recital] + recital_sentences(recital))
    for c in commentaries:
        batches.append(provisions_from_commentary(c))

    merged: dict[tuple[str, str], Provision] = {}
    differing: set[tuple[str, str]] = set()
    for batch in batches:
        for p in batch:
            k = (p.instrument, p.key)
            kept = merged.get(k)
            if kept is None:
                merged[k] = replace(p, also_in=list(p.also_in))
                continue
            if p.source and p.source != kept.source and p.source not in kept.also_in and p.text:
                kept.also_in.append(p.source)
            if kept.text and p.text and _normalise(kept.text) != _normalise(p.text):
                differing.add(k)
                if not any((p.instrument, a) in differing for a in ancestors(p.key)):
                    warnings.append(
                        f"{p.label}: the copies in {kept.source} and {p.source} differ "
                        f"{text_difference(kept.text, p.text)}"
                    )
            for attr in ("text", "title", "term", "span", "source"):
                if getattr(kept, attr) is None and getattr(p, attr) is not None:
                    setattr(kept, attr, getattr(p, attr))
    for instrument, key in list(merged):
        for anc in ancestors(key):
            if (instrument, anc) not in merged:
                merged[(instrument, anc)] = make_provision(anc, instrument)
    return list(merged.values()), warnings


def is_valid_key(key: str) -> bool:
    """Whether `key` is a well-formed provision key (`art_52__para_1__sent_3`, `anx_XIII__point_f`)."""
    try:
        _segments(key)
    except ValueError:
        return False
    return True


def complete(provisions: list[Provision], referenced) -> list[Provision]:
    """Add a (text-less) node for every referenced provision missing so far, with its parent chain,
    so that each reference in the text points at a provision that sits in the act's hierarchy."""
    have = {(p.instrument, p.key) for p in provisions}
    out = list(provisions)
    for instrument, key in referenced:
        if ":" in key:
            key = key.split(":", 1)[1]
        for k in [key] + ancestors(key):
            if (instrument, k) not in have and is_valid_key(k):
                have.add((instrument, k))
                out.append(make_provision(k, instrument))
    return out
