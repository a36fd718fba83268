"""The regular expressions of the provision finder (kg.ingest.find_provisions), written verbose.

A reference is a keyword and a number (`Article 52`), designators (`(1)(a)`), lists and ranges
(`(a) and (b)`, `111–113`), qualifiers before (`the first subparagraph of`) or after
(`’s third sentence`, `, point (a)`), and an instrument before (`DMA, art 3(10)`) or after
(`of the TFEU`). A new form of reference starts here.
"""

from __future__ import annotations

import re

from kg.ingest.legal import AI_ACT, ORDINAL_PATTERN

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

# ---- building blocks --------------------------------------------------------------------------

_SHORT = r"AI\ Act|DMA|DSA|TFEU|TEU|MSR|GDPR"  # instruments by their abbreviation
_LONG = "|".join(sorted((re.escape(n) for n in INSTRUMENT_NAMES), key=len, reverse=True))  # longest first
_ACT_ID = r"""
    (?: (?:Commission|Council) \s+ )? (?: (?:Delegated|Implementing) \s+ )?
    (?P<type>Regulation|Directive|Decision) \s+
    (?: \((?:EU|EC|EEC|Euratom)\) \s+ )? (?:No\s+)?             # `(EU)`, `(EC) No`
    (?P<num>\d{1,4}/\d{1,4}) (?:/(?:EU|EC|EEC|CE))? (?![\d/])   # `2018/1806`, `92/43/EEC`
"""
_ORD = rf"(?:{ORDINAL_PATTERN}|last)"  # `first` ... `twelfth`, `last`
ORDS = rf"{_ORD}(?:\s*,\s*{_ORD}|\s*,?\s+(?:and|or)\s+{_ORD})*"  # `first and second`, `first, third or last`
_DESIG_LIST = r"""
    \((?:\d{1,3}|[a-z]{1,4})\)                                  # `(a)`
    (?: \s* (?: ,\s*(?:and\s+|or\s+)? | \s+(?:and|or|to)\s+ | [–-] ) \s*
        \((?:\d{1,3}|[a-z]{1,4})\) )*                           # `, (b) and (c)`, `–(e)`
"""

# ---- the reference itself ---------------------------------------------------------------------

ACT_ID = re.compile(_ACT_ID, re.X)  # `Regulation (EU) 2018/1806`
KEYWORD = re.compile(
    r"""
    \b (?P<kw> [Aa]rticles? | arts? | [Rr]ecitals? | [Aa]nnex(?:es)? ) \s+      # `Article`, `art`, `recitals`, `Annex`
    (?= \d | [IVXLC]+(?![A-Za-z]) )                                             # then a number or numeral
    """,
    re.X,
)
NUM = re.compile(r"\d{1,6}(?![\d^]|/\d)")  # an article or recital number (not `10^25`, not `2024/1689`)
ROMAN = re.compile(r"[IVXLC]+(?![A-Za-z])")  # an annex numeral
DESIG = re.compile(r"\((\d{1,3}|[a-z]{1,4})\)")  # a designator: `(1)`, `(a)`, `(iv)`
CONNECTOR = re.compile(
    r"""
    (?: \s* [,;] (?P<marker>\d{1,3}(?=\s))? \s* (?: (?P<and1>and|or) \s+ )?    # `, ` `; ` `, and `; a footnote
                                                                               #   marker glued on: `163,25 173`
      | \s+ (?P<word>and|or|to) \s+                                            # ` and ` ` or ` ` to `
      | \s* (?P<dash>[–-]) \s*                                                 # a range: `–`, `-`
    )
    """,
    re.X,
)

# ---- qualifiers after the reference -----------------------------------------------------------

QUAL_ORDS = re.compile(
    rf"""
    (?:’s|'s|,) \s+ (?P<ords>{ORDS}) \s+                        # `’s first and second`, `, third`
    (?P<unit>sentences?|subparagraphs?|paragraphs?) (?![A-Za-z])
    """,
    re.X,
)
QUAL_POINTS = re.compile(rf",\s+ points?\s+ (?P<list>{_DESIG_LIST})", re.X)  # `, point (a)`, `, points (a) and (b)`
QUAL_ANNEX_SECTION = re.compile(r",\s+ s\s+ (?P<sec>\d{1,2}) (?!\d)", re.X)  # `annex XI, s 2`
QUAL_ANNEX_NUMBERED_POINTS = re.compile(
    r"""
    ,\s+ points? \s+ (?P<num>\d{1,2})                           # `, point 2`
    (?P<list> \((?:[a-z]{1,4})\)                                # `(c)`
        (?: \s* (?: ,\s*(?:and\s+|or\s+)? | \s+(?:and|or|to)\s+ | [–-] ) \s* \([a-z]{1,4}\) )*   # ` and (d)`
    )?
    """,
    re.X,
)
QUAL_INTRO = re.compile(r",\s+ introductory\s+ sentence", re.X)  # `, introductory sentence`

# ---- qualifiers before the reference ----------------------------------------------------------

PREFIX = re.compile(
    rf"""
    (?: (?<=[\s(‘“\[]) | ^ ) (?:the\s+)?
    (?: (?P<ords>{ORDS}) \s+ (?P<unit>sentences?|subparagraphs?|paragraphs?|sections?)   # `the first subparagraph`
      | (?P<intro>introductory\s+sentence)                                              # `introductory sentence`
      | [Pp]oints? \s+ (?P<plist>{_DESIG_LIST})                                         # `points (a)–(e)`
      | [Pp]oints? \s+ (?P<pnum>\d{{1,2}}) (?P<psub>\([a-z]{{1,4}}\))?                  # `point 2(c)`
      | Section \s+ (?P<sec>\d{{1,2}}) \.?                                              # `Section 2.`
    )
    \s+ of \s+ (?:the\s+)? \Z                                                           # `of (the)`, then the keyword
    """,
    re.X,
)

# ---- the instrument after the reference -------------------------------------------------------

SUFFIX_SHORT = re.compile(rf",?\s+ (?P<name>{_SHORT}) (?![A-Za-z])", re.X)  # `art 3(1) DMA`
SUFFIX_LONG = re.compile(rf"\s+ of \s+ (?:the\s+)? (?P<name>{_LONG}) (?![A-Za-z])", re.X)  # `of the Charter`
SUFFIX_ACT = re.compile(rf"\s+ of \s+ {_ACT_ID}", re.X)  # `of Regulation (EU) 2018/1806`
SUFFIX_THEREOF = re.compile(r"\s+thereof\b")  # `Article 8 thereof`: the instrument just named

# ---- the instrument before the reference ------------------------------------------------------

PREFIX_SHORT = re.compile(rf"(?:^|[\s(;\[]) (?P<name>{_SHORT}) \s*,?\s* \Z", re.X)  # `DMA, art 3(10)`
PREFIX_DEFINED = re.compile(r"\(“ (?P<name>[^”]{1,40}) ”\) \s*,?\s* \Z", re.X)  # `(“MSR”), art 18(3)`
PREFIX_OJ = re.compile(r"OJ\s+ [LC]\s+ [\d/]+ \s*,?\s* \Z", re.X)  # a full citation: `... OJ L 265/1, art 3(1)`
PREFIX_ACT = re.compile(
    rf"{_ACT_ID} (?:\s*\(n\s*\d+\))? \s*,?\s* \Z", re.X
)  # `Regulation (EU) No 909/2014 (n 116), art 76`
OF_THE_OR_DATE = re.compile(r"\s+of\s+(?:the\s|\d)")  # `Regulation ... of the European Parliament`, `... of 14 June`

# ---- not a provision --------------------------------------------------------------------------

COMMENTARY_ON = re.compile(r"commentary\s+on\s+\Z", re.I)  # `commentary on Article 52`: a chapter of this work
# `‘Article 97 Exercise of the Delegation’ in ...`: the title of a cited work, not a reference.
TITLE_WORD = re.compile(r"\s+[A-Z][a-z]")
QUOTE_CLOSED = re.compile(r"’(?![A-Za-z])")  # a closing quotation mark (not an apostrophe: `model’s`)

# ---- cross-references to sections of this work --------------------------------------------------

SECTION_NUMBER = r"\d{1,2}(?:\.\d{1,3})*\.*"  # `2.1.1.1.`
SECTIONS = re.compile(rf"\b[Ss]ections?\s+(?P<first>{SECTION_NUMBER})")  # `Section 2.1.`, `Sections 2.1. and 2.3.`
SECTION_NEXT = re.compile(
    rf"""
    (?: \s*,\s*(?:and\s+)? | \s+and\s+ )        # `, ` `, and ` ` and `
    (?:[Ss]ections?\s+)? (?P<num>{SECTION_NUMBER})  # `2.3.1.`, `Section 2.4.`
    """,
    re.X,
)
NOT_THIS_WORK = re.compile(
    r"""
    \s* (?:\([^)]*\)\s*)? of \s+ (?:the\s+)?
    (?:Chapter|Annex|Title|Part|Regulation|Directive)\b         # `Section 1. of Chapter V`: a section of an act
    """,
    re.X,
)
OF_BEFORE = re.compile(r"\bof\s+\Z")  # `... of Section 1.`
ON_ARTICLE = re.compile(r"commentary\s+on\s+Article\s+(?P<art>\d+(?:\(\d+\))?)\s*,\s*\Z", re.I)
CHAPTER = re.compile(
    r"""
    \b (?:forthcoming\s+)? commentary \s+ on \s+ Article \s+ (?P<art>\d+(?:\(\d+\))?)     # `commentary on Article 52`
    (?![\d(]) (?!\s*,\s*[Ss]ections?\b)                                                 # not `..., Section 2.1.`
    """,
    re.X | re.I,
)
