"""The regular expressions of the citation finder, in one place and written verbose.

Each pattern names what it recognises and gives an example for each alternative, so a new form of
citation starts here: add or extend a pattern, then a detector in kg.ingest.detectors.
The patterns of the provision finder are in kg.ingest.provision_patterns.

A pattern is matched against a *view* of the footnote (kg.ingest.find_citations.structure) in which
the contents of quotations are blanked, so `(`, `;` or `[2016]` inside a quoted title never count.
"""

from __future__ import annotations

import re

# ---- building blocks --------------------------------------------------------------------------

YEAR = r"(?:1[89]|20)\d{2}"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
CAPWORD = r"[A-ZÀ-Þ][\w’\-]*"
# a journal's name: capitalised words and the small words between them (`Journal of Internet Law`)
JOURNAL = rf"{CAPWORD}(?:\s+(?:{CAPWORD}|&|of|and|und|for|the|on|de|in))*"
# a journal named in another language keeps its small words (`Revue trimestrielle de droit européen 77`):
# any lowercase word but a pinpoint's (`Internet Policy Review s 3`), as long as the name ends at a first page
_PIN_WORD = r"(?:paras?|ss?|pp?|fn|nn?|at|arts?|points?|sec|ch)\b"
JOURNAL_BEFORE_PAGE = rf"{CAPWORD}(?:\s+(?:{CAPWORD}|&|(?!{_PIN_WORD})[a-zà-ÿ][\w’\-]*)){{0,8}}?(?=\s+\d+(?![\d–-]))"

# ---- anchors: what makes a stretch of text a citation -----------------------------------------

SHORT = re.compile(
    r"""
    \( n \s+ (\d{1,4}) \)       # `(n 9)`: the footnote where the work is cited in full
    """,
    re.X,
)
IBID = re.compile(r"\b[Ii]bid\b\.?")  # `Ibid 461.`: the citation just before it
SHORT_AFTER_QUOTE = re.compile(
    r"""
    \s* \( n \s+ \d             # a quotation followed by `(n 9`: a short title, not a full one
    """,
    re.X,
)
CASE = re.compile(
    r"""
    (?: (?P<kw>\bCases?) \s+ )?                             # `Case` or `Cases`, optional
    (?P<num>
        \b[CT][‑-]\s?\d+ (?:,\s*\d+(?:[‑-]\d+)?)+           # joined cases sharing a year:
            (?:\s+and\s+\d+)? /\d{2}                        #   `C-511, 512 and 520/18`
      | \b[CT][‑-]\s?\d+/\d{2} (?:\s+P\b)?                  # `C-97/15`, an appeal `C-682/18 P`
      | (?<=Case\ ) \d{1,4}/\d{2}                           # before 1989: `Case 26/62`
    )
    \s+ (?P<name>[^\[\];<>]{3,300}?)                        # the parties: `Sprengen/Pakweg Douane BV v ...`
    \s+ \[(?P<year>\d{4})\] \s+                             # `[2016]`
    (?P<rep>
        ECLI:[A-Z]{2}:[A-Z]:\d{4}:\d+                       # `ECLI:EU:C:2016:556`
      | EU:[A-Z]:\d{4}:\d+                                  # `EU:C:2020:559` (ECLI without its prefix)
      | ECR \s+ (?:I{1,2}-)?\d+                             # a report: `ECR I-5495`
    )
    """,
    re.X,
)
OJ = re.compile(
    r"""
      \[(?P<year>\d{3,4})\] \s+ OJ \s+ (?P<s>[LC]) \s+ (?P<ref>\d+(?:/\d+)?)    # `[2022] OJ L 265/1`, also a
                                                                                #   truncated year `[200] OJ L 353/1`
    | ,\s+ OJ \s+ (?P<s2>[LC]) \s+ (?P<ref2>\d+/\d+)                            # without a year: `, OJ L 119/1`
    """,
    re.X,
)
LEG_KW = re.compile(
    r"""
      (?: (?:Council | Commission (?:\s+Delegated | \s+Implementing)?) \s+ )?   # `Commission Delegated`
      (?:Regulation|Directive|Decision) \s+
      (?: \((?:EU|EC|EEC|Euratom)\) \s+ )? (?:No\s+)?                           # `(EU)`, `(EC) No`
      \d+/\d+ (?:/(?:EU|EC|EEC))?                                               # `2022/1925`, `92/43/EEC`
    | Consolidated\ version\ of\ the\ Treaty                                    # the treaties
    | Non-Binding\ Criteria                                                     # guidelines published in the OJ
    | Charter\ of\ Fundamental\ Rights
    """,
    re.X,
)
INSTRUMENT_TYPE = re.compile(
    r"""
    (?:Council\ |Commission\ )? (?:Delegated\ |Implementing\ )?     # a keyword that names an instrument
    (?:Regulation|Directive|Decision)                               #   (not `Consolidated version ...`)
    """,
    re.X,
)
FOREIGN = re.compile(
    r"""
    (?P<title>
        (?:California\s+)? Senate \s+ Bill \s+ No\. \s* \d+ [^\[\];]*?     # `California Senate Bill No. 53, ...`
      | U\.S\. \s+ Executive \s+ Order \s+ \d+ [^\[\];]*?                  # `U.S. Executive Order 14110 ...`
    )
    ,?\s* \[(?P<year>\d{4})\]                                              # `[2023]`
    (?: \s+ (?P<rep>\d+ \s+ F\.R\. \s+ \d+) )?                             # the Federal Register: `88 F.R. 75191`
    """,
    re.X,
)
FOREIGN_ID = re.compile(
    r"""
      (?:California\s+)? Senate \s+ Bill \s+ No\. \s* \d+      # `Senate Bill No. 53`
    | U\.S\. \s+ Executive \s+ Order \s+ \d+                   # `U.S. Executive Order 14110`
    """,
    re.X,
)
SECTION_AT_END = re.compile(
    r"""
    ,\s* (Sec \s+ \S+) $        # a pinpoint inside a foreign act's title: `..., Sec 3`
    """,
    re.X,
)
DOCNO = re.compile(
    r"""
    C\( (?P<year>\d{4}) \) \s* \d+ \s+ final        # a Commission document: `C(2025) 5045 final`
    """,
    re.X,
)
DEFINED = re.compile(
    r"""
    \s* \( “[^”]* ” \)          # the name a work is defined by: `(“Commission Guidelines”)`
    """,
    re.X,
)

# ---- the bibliographic tail after a quoted title ----------------------------------------------

URL = re.compile(
    r"""
    \s* < (?P<url>https?://[^>\s]+) >       # `<https://...>`
    """,
    re.X,
)
COMMA = re.compile(r",?")
ACCESSED = re.compile(
    rf"""
    \s* ,? \s* accessed \s+
    (?P<date> \d{{1,2}} \s+ (?:{MONTHS}) \s+ \d{{4}} )        # `accessed 7 January 2026`
    """,
    re.X,
)
CHAPTER = re.compile(
    rf"""
    ,? \s+ in \s+                                                   # `in`
    (?: (?P<eds>[^()<>]{{1,250}}?) \s+ \((?P<edtag>eds?\.?)\) ,?\s+ )?  # `Jens Schefzig and Robert Kilian (eds)`
    (?P<container>[^<>;]{{1,300}}?)                                 # `Beck’scher Online-Kommentar KI-Recht`
    \s+ \( (?P<pub>[^()]*?{YEAR}) \)                                # `(4th edn, C H Beck 2025)`
    """,
    re.X,
)
J_YEAR_FIRST = re.compile(
    rf"""
    ,? \s* \( (?P<year>{YEAR}) \) \s+               # `(2025)`
    (?: (?P<vol>\d+) \s+ )?                         # `28`
    (?P<journal>{JOURNAL_BEFORE_PAGE}|{JOURNAL})    # `Journal of Internet Law`
    (?: \s+ (?P<page>\d+) (?![\d–-]) )?             # `6` (first page; a range is a pinpoint)
    """,
    re.X,
)
J_VOL_FIRST = re.compile(
    rf"""
    ,? \s* (?P<vol>\d+) \s+                         # `64`
    (?P<journal>{JOURNAL})                          # `Common Market Law Review`
    (?: \s+ (?P<issue>\d+) )?                       # `3`
    \s+ \( (?P<year>{YEAR}) \) \s+                  # `(2027)`
    (?P<page>\d+)                                   # `519`
    """,
    re.X,
)
NOT_A_JOURNAL = re.compile(
    r"""
    (?:para|paras|s|ss)\b       # `(2025) para 4` is a pinpoint, not a journal named `para`
    """,
    re.X,
)
WEB_YEAR = re.compile(
    rf"""
    ,? \s* \( (?P<year>{YEAR}) \)       # `(2025)` followed by a link: a web page
    (?= \s* <https?:// )
    """,
    re.X,
)
PUBYEAR = re.compile(
    rf"""
    ,? \s* \( (?P<pub>[^()]*?(?:{YEAR})) \)         # `(RAND, 2024)`, `(Publications Office ..., 2025)`
    """,
    re.X,
)
EXTRA = re.compile(
    r"""
    \s* \( (?P<extra> [A-Z][^()]* (?:\([^()]*\)[^()]*)* ) \)      # `(Note from the Presidency ... (WK 123))`
    """,
    re.X,
)
YEAR_ONLY = re.compile(
    rf"""
    ,? \s* \( (?P<year>{YEAR}) \)       # only a year: `‘Title’ (2024)`
    """,
    re.X,
)
BOOK = re.compile(
    rf"""
    (?P<authors>                                                    # `Paul Craig`, `A and B`
        (?:[A-ZÀ-Þ][\w.’\-]*\s+){{1,3}} [A-ZÀ-Þ][\w’\-]+
        (?: (?:,\s+|\s+and\s+) (?:[A-ZÀ-Þ][\w.’\-]*\s+){{1,3}} [A-ZÀ-Þ][\w’\-]+ )*
    )
    ,\s+ (?P<title>[A-ZÀ-Þ][^()<>;‘’]{{3,200}}?)                    # `EU Administrative Law`, unquoted
    \s+ \( (?P<pub>[^()]*?{YEAR}) \)                                # `(Oxford University Press, 3rd edn, 2018)`
    """,
    re.X,
)
MONTH_FIRST = re.compile(
    rf"""
    ^(?:{MONTHS})\b         # `(March 2024)`: a date, not a publisher
    """,
    re.X,
)

# ---- pinpoints: `para 27`, `paras 26–31`, `839–840, sec 1`, `app 1.3.1, points (4), (5) and (9)` --

_LABEL = r"""
    (?: paras? | ss? | secs? | sections? | chs? | chapters? | apps? | fns? | arts? | recitals?
      | points? | Measures? | pp? | annex | nos? ) \.?
"""
_NUM = r"\d+ (?:\.\d+)* (?:\([A-Za-z0-9]+\))*"  # `27`, `1.3.1`, `3(1)(a)`
_VALUE = rf"""
    (?: {_NUM} (?: \s*[–‑-]\s* {_NUM} )?        # `27`, `26–31`
      | [A-Z]+ (?:\.[A-Z0-9]+)+ \.?             # `II.3.`
      | [A-Z] (?:\.\d+)+                        # `A.2`
      | \( (?:\d+|[a-z]) \) (?:\([a-z0-9]+\))*  # `(4)`, `(a)(i)`
      | [a-z] (?![\w‑-])                        # `b`
    )
"""
_PAGES = r"\d+ (?: \s*[–‑-]\s* \d+ )? (?![\w/‑-])"  # `839–840`
_ITEM = rf"(?: {_LABEL} \s+ {_VALUE} | {_PAGES} )"
_MORE = rf"(?: {_ITEM} | {_VALUE} | [A-Z](?![\w‑-]) )"
PINPOINT = re.compile(
    rf"""
    [ \t]* ,? [ \t]*
    (?P<pin>
        {_ITEM}                                         # `para 27`, `839–840`
        (?: (?:\s*,\s*|\s+and\s+) {_MORE} (?![\w(])     # `, 31`, `and 33`, `, sec 1`
          | \s+ {_LABEL} \s+ {_VALUE}                   # `app 1.3.1 points (4)`
        )*
    )
    (?![\w‑-])
    """,
    re.X,
)
FIRST_PAGE = re.compile(
    r"""
    ^ (\d+) \s*,\s*                                             # `6, 11`: first page 6, pinpoint 11
    ( \d+ (?:\s*[–‑-]\s*\d+)? (?: \s*,\s* \d+ (?:\s*[–‑-]\s*\d+)? )* ) $
    """,
    re.X,
)
CONNECTOR = re.compile(
    r"""
    (?: ,?\s* \b(?:and|as\ well\ as|or)\b (?:\s+[a-z]+){0,2} \s*     # `and`, `as well as the`, `or in`
      | ,\s*                                                        # a comma
    ) $
    """,
    re.X,
)

# ---- signals --------------------------------------------------------------------------------

# (pattern, normalised signal, stance: counts only in a `...:` lead or in its own parenthesis);
# the first that matches wins, so the longer forms come first.
SIGNALS: list[tuple[re.Pattern[str], str, bool]] = [
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
LEAD_SIGNAL = re.compile(
    r"""
    \s*
    (?: (?:for|with\ regard\ to)\b [^;()‘’:]{0,250}? ,?\s+ )?      # `For the opposite view,`
    (?: (?:however|further|also|but) ,?\s+ )?                      # `however,`
    (?: see | cf\b\.? | compare )\b                                # the signal itself
    (?: ,?\s+ (?:also|however|further|for\ example|e\.g\.|in\ particular|notably) ,? )?   # `see, for example,`
    """,
    re.X | re.I,
)
OWN_PARENTHESIS = re.compile(
    r"""
    \W* (?:also\s+see|see)? \s*
    \( (?:seemingly|apparently) \s+ opposing \s+ view \) \s*       # `(seemingly opposing view)`
    """,
    re.X | re.I,
)
LEAD_COLON = re.compile(r":\s*$")  # `In favour of a two-stage test:`
ABBREVIATIONS = re.compile(
    r"""
    (?:^|[\s(])
    (?: [A-Z][a-z]?                                             # an initial: `C H Beck`, `Chr.`
      | Art | Arts | No | Nos | Nr | Co | Ltd | Inc | St | Dr | Mr | Ms | Prof
      | paras? | e\.g | i\.e | cf | eds? | edn | vs? | pp? | ss? | ch | sec | fn | nn? | Chr | Ph | Sec
      | (?:[A-Z]\.)+[A-Z]?                                      # `U.S`
    ) $
    """,
    re.X,
)

# ---- names ----------------------------------------------------------------------------------

INITIAL = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]{0,2}\.?(?:-[A-ZÀ-Þ][a-zà-ÿ]{0,2}\.?)?$")  # `T`, `Chr`, `A.`, `A-M`
NUMBER_TOKEN = re.compile(r"\d+(?:/\d+)?")  # `2024`, `2022/1925`
BIB_NAME = re.compile(
    r"""
    [A-ZÀ-Þ][\w’\-]+ (?:\s+[A-ZÀ-Þ][\w’\-]+)*       # a family name: `Fernández Llorca`
    (?: \s+ [A-Z][a-z]{0,2}\.? (?:-[A-Z][a-z]{0,2}\.?)? )+  # initials: `D`, `Chr`, `A M`, `A-M` (Anne-Marie)
    """,
    re.X,
)
BIB_EDITED = re.compile(
    rf"""
    (?P<title>.+?) ,\s+                             # `Title`
    (?P<eds>[^()]+?) \s+ \((?:eds?\.?)\) ,\s*       # `Editors (eds)`
    \( (?P<pub>[^()]*{YEAR}) \)                     # `(Publisher 2025)`
    """,
    re.X,
)
BIB_PUBLISHED = re.compile(
    rf"""
    (?P<title>.+?) \s+ \( (?P<pub>[^()]*{YEAR}) \)  # `Title (Publisher 2025)`
    """,
    re.X,
)

# ---- the publication details inside a parenthesis: `(4th edn, C H Beck 2025)` ----------------

PUB_YEAR = re.compile(rf"({YEAR})\s*$")  # `... 2025`
PUB_DAY = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTHS})\s*$")  # `... 7 January`
EDITION = re.compile(r"(\d+(?:st|nd|rd|th)\s+edn)\.?")  # `4th edn`
SERIES_NUMBER = re.compile(r"([A-Za-z]+)\s+(.*\d.*)$")  # `JRC 143255`: publisher and number
DOI = re.compile(r"doi\.org/(10\.\S+)")
URL_HOST = re.compile(r"^https?://(?:www\.)?")
JRC_NUMBER = re.compile(r"JRC\d+")

# ---- the year of an instrument, from its number ----------------------------------------------

YEAR_IN_OLD_NUMBER = re.compile(r"\bNo\s+\d+/(\d{4})\b")  # `Regulation (EC) No 1272/2008`
YEAR_IN_NEW_NUMBER = re.compile(r"\b((?:19|20)\d{2})/\d+")  # `Regulation (EU) 2019/1020`
YEAR_IN_DIRECTIVE = re.compile(r"\b(\d{2})/\d+/(?:EEC|EC|EU)\b")  # `Directive 92/43/EEC`

# ---- pinpoints worth a note -------------------------------------------------------------------

PARA_RANGE = re.compile(r"para\s+\d+\s*[–‑-]\s*\d+")  # `para 59–60`
PARAS_ONE = re.compile(r"paras\s+\d+")  # `paras 24`
RANGE = re.compile(r"(\d+)\s*[–‑-]\s*(\d+)")


def backref_to_case(party: str) -> re.Pattern[str]:
    """`Czech Republic v European Commission para 78`: a case named again by its parties."""
    return re.compile(rf"\b{re.escape(party)}\s+v\s+[^;()\[\]‘’]{{1,80}}?(?=\s+paras?\s+\d)")


def backref_to_author(family: str) -> re.Pattern[str]:
    """`Bengio and others 17, 24`: a work named again by its first author and a page."""
    return re.compile(rf"\b{re.escape(family)}(?:\s+and\s+others|\s+et\s+al\.?)?(?=\s+\d)")
