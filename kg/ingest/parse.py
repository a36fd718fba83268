"""Parse a cleaned commentary page into its structure.

The page has zones, each opened by a fixed line: the provision texts (`Article 51: ...`,
`Annex XIII: ...`, `Recital 111`), `Select bibliography`, `Commentary` (numbered headings
such as `2.1.1.1. Commission designation ...` and margin paragraphs whose number is glued to
their first word: `16Scholars are divided ...`), then the footnotes (`  69. In favour of ...: ... ↩︎`).

Footnote markers are digits glued to the text (`decision69`, `law.70`, `FP32450).451`); they are
told from other numbers by the rising sequence of footnote numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.clean import Cleaned, clean
from kg.ingest.guard import guarded
from kg.models import (
    BibEntry,
    Commentary,
    Footnote,
    FootnoteMarker,
    MarginParagraph,
    ProvisionText,
    Section,
    SourceError,
    Span,
    Warning_,
)

HEADING = re.compile(r"^((?:\d+\.)+) (\S.*)$")
PARAGRAPH = re.compile(r"^([1-9]\d{0,3})(?=[^\d\s.])")  # a margin number never starts with 0
FOOTNOTE = re.compile(r"^ {1,4}(\d{1,4})\. (.*?)\s*↩︎\s*$")
BULLET = re.compile(r"^ *• (.*)$")
ARTICLE_TITLE = re.compile(r"^Article (\d+[a-z]?): (.+)$")
ANNEX_TITLE = re.compile(r"^Annex ([IVXLC]+): (.+)$")
RECITAL_TITLE = re.compile(r"^Recital (\d+)$")
LIST_ITEM = re.compile(r"^( +)(\d+)\. (.*)$")
CITE_LINE = re.compile(
    r"^(?P<author>[^,]+), '(?P<title>.+)' \((?P<series>.+), (?P<date>\d{1,2} \w+ \d{4})\) <(?P<url>[^>]+)>"
)
# A character after which a glued number can be a footnote marker.
MARKER_BEFORE = re.compile(r"[^\s\d(^/\-–§]")

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class _Line:
    number: int  # 1-based line number in the file
    start: int  # offset of the line in the cleaned text
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for i, line in enumerate(text.split("\n"), 1):
        out.append(_Line(i, pos, line))
        pos += len(line) + 1
    return out


def parse(raw: str, document: str) -> Commentary:
    """Parse one scraped commentary page (raw text) into a `Commentary` record."""
    cleaned = clean(raw)
    return parse_cleaned(cleaned, document)


def parse_cleaned(cleaned: Cleaned, document: str) -> Commentary:
    text = cleaned.text
    lines = _lines(text)
    warnings: list[Warning_] = []

    def span(start: int, end: int) -> Span:
        return Span(document, start, end, cleaned.offsets.to_raw(start), cleaned.offsets.to_raw(end, end=True))

    def find_line(predicate, begin: int = 0) -> int | None:
        return next((i for i in range(begin, len(lines)) if predicate(lines[i].text)), None)

    bib_at = find_line(lambda s: s.strip() == "Select bibliography")
    body_at = find_line(lambda s: s.strip() == "Commentary", bib_at or 0)
    if body_at is None:
        raise SourceError(f"{document}: no 'Commentary' line: this does not look like a commentary page")
    fn_at = find_line(lambda s: bool(FOOTNOTE.match(s)), body_at)
    end_at = find_line(lambda s: s.strip() == "Contents", fn_at or body_at) or len(lines)

    def zone(where: str, read, instead):
        return guarded(document, where, warnings, read, instead)

    title, author, url, date = zone("front matter", lambda: _front_matter(lines, end_at), ("", "", None, None))
    provisions = zone(
        "provision texts", lambda: _provision_texts(lines[: bib_at or body_at], span, document, warnings), []
    )
    bibliography = zone("bibliography", lambda: _bibliography(lines[(bib_at or body_at) : body_at], span), [])
    sections, paragraphs = zone(
        "commentary body", lambda: _body(lines[body_at + 1 : (fn_at or end_at)], span, document, warnings), ([], [])
    )
    footnotes = zone("footnotes", lambda: _footnotes(lines[(fn_at or end_at) : end_at], span, document, warnings), [])
    zone("footnote markers", lambda: _place_markers(text, paragraphs, sections, footnotes, document, warnings), None)
    article = None
    m = re.search(r"Article (\d+[a-z]?)", title)
    if m:
        article = m.group(1)
    return Commentary(
        document=document,
        title=title,
        author=author,
        article=article,
        text=text,
        raw=cleaned.raw,
        sections=sections,
        paragraphs=paragraphs,
        footnotes=footnotes,
        bibliography=bibliography,
        provisions=provisions,
        definitions=cleaned.definitions,
        warnings=warnings,
        url=url,
        date=date,
        offsets=cleaned.offsets,
    )


def _bibliography(lines: list[_Line], span) -> list[BibEntry]:
    return [
        BibEntry(i, m.group(1).strip(), span(ln.start + m.start(1), ln.start + m.end(1)))
        for i, (ln, m) in enumerate(((ln, BULLET.match(ln.text)) for ln in lines), 1)
        if m
    ]


def _front_matter(lines: list[_Line], end_at: int) -> tuple[str, str, str | None, str | None]:
    """Title, author, URL and date, from the page's 'Cite' line or, failing that, its header."""
    for ln in lines[end_at:]:
        m = CITE_LINE.match(ln.text.strip())
        if m:
            return m.group("title"), m.group("author"), m.group("url"), m.group("date")
    author = next((ln.text.split("Commentary by", 1)[1].strip() for ln in lines[:20] if "Commentary by" in ln.text), "")
    title = next((ln.text.strip() for ln in lines[:20] if ln.text.startswith("Classification")), "")
    return title, author, None, None


def _provision_texts(lines: list[_Line], span, document: str, warnings: list[Warning_]) -> list[ProvisionText]:
    """The page's own copy of the commented article, its annex and recitals. A numbered point
    that has no letter (`    27. …`: points run from (a) to (z)) is a located warning, not a point."""
    out: list[ProvisionText] = []
    current: str | None = None  # "art_51" | "anx_XIII" | "rct_111"
    para: str | None = None

    def point(holder: str, number: int, ln: _Line) -> str | None:
        if 1 <= number <= len(LETTERS):
            return f"{holder}__point_{LETTERS[number - 1]}"
        warnings.append(
            Warning_(
                document, f"line {ln.number}", f"numbered line {number} under {holder} is not a point (a)-(z): ignored"
            )
        )
        return None

    for ln in lines:
        s = ln.text
        if m := ARTICLE_TITLE.match(s):
            current = f"art_{m.group(1)}"
            out.append(
                ProvisionText(
                    f"{current}__title", m.group(2).strip(), span(ln.start + m.start(2), ln.start + m.end(2)), document
                )
            )
            para = None
        elif m := ANNEX_TITLE.match(s):
            current = f"anx_{m.group(1)}"
            out.append(
                ProvisionText(
                    f"{current}__title", m.group(2).strip(), span(ln.start + m.start(2), ln.start + m.end(2)), document
                )
            )
        elif m := RECITAL_TITLE.match(s):
            current = f"rct_{m.group(1)}"
        elif current and (m := LIST_ITEM.match(s)):
            indent, number, body = len(m.group(1)), int(m.group(2)), m.group(3)
            sp = span(ln.start + m.start(3), ln.start + m.end(3))
            if current.startswith("art_"):
                if indent <= 2 and number >= 1:
                    para = f"{current}__para_{number}"
                    out.append(ProvisionText(para, body.strip(), sp, document))
                elif indent <= 2:
                    warnings.append(Warning_(document, f"line {ln.number}", f"paragraph 0 of {current}: ignored"))
                elif para and (key := point(para, number, ln)):
                    out.append(ProvisionText(key, body.strip(), sp, document))
            elif current.startswith("anx_") and (key := point(current, number, ln)):
                out.append(ProvisionText(key, body.strip(), sp, document))
        elif current and current.startswith("art_") and para and s.startswith(" ") and s.strip():
            _add_subparagraph(
                out, para, s.strip(), span(ln.start + len(s) - len(s.lstrip()), ln.start + len(s.rstrip()))
            )
        elif current and s.strip() and s.strip() != "Recitals":
            key = current if current.startswith("rct_") else f"{current}__intro"
            if not any(p.key == key for p in out):
                out.append(ProvisionText(key, s.strip(), span(ln.start, ln.start + len(s.rstrip())), document))
    return out


def _add_subparagraph(out: list[ProvisionText], para: str, text: str, sp: Span) -> None:
    """An indented, unnumbered line after a numbered paragraph continues it as a further
    subparagraph (Art. 52(4): `The Commission is empowered to adopt delegated acts …`). The
    paragraph's text becomes all its subparagraphs; each subparagraph is addressable on its own
    (`art_52__para_4__subpara_2`), as in the official text."""
    at = next(i for i in range(len(out) - 1, -1, -1) if out[i].key == para)
    whole = out[at]
    subs = [p for p in out if p.key.startswith(f"{para}__subpara_")]
    if not subs:
        first = ProvisionText(f"{para}__subpara_1", whole.text, whole.span, whole.source)
        out.append(first)
        subs = [first]
    out.append(ProvisionText(f"{para}__subpara_{len(subs) + 1}", text, sp, whole.source))
    joined = Span(whole.span.document, whole.span.start, sp.end, whole.span.raw_start, sp.raw_end) if whole.span else sp
    out[at] = ProvisionText(para, f"{whole.text} {text}", joined, whole.source)


def _body(lines: list[_Line], span, document: str, warnings: list[Warning_]):
    sections: list[Section] = []
    paragraphs: list[MarginParagraph] = []
    current: str | None = None
    expected = 1
    for ln in lines:
        s = ln.text
        if not s.strip():
            continue
        if m := HEADING.match(s):
            number, title = m.group(1), m.group(2).strip()
            parent = _parent(number)
            if not _follows(sections[-1].number if sections else None, number):
                warnings.append(
                    Warning_(
                        document,
                        f"line {ln.number}",
                        f"heading {number} out of sequence after {sections[-1].number if sections else 'the start'}",
                    )
                )
            if parent and not any(x.number == parent for x in sections):
                parent = None
            sections.append(Section(number, title, parent, span(ln.start + m.start(2), ln.start + len(s.rstrip()))))
            current = number
            continue
        number = _paragraph_number(s, expected)
        if number is None:
            warnings.append(
                Warning_(document, f"line {ln.number}", f"text outside any margin paragraph ignored: {s[:60]!r}")
            )
            continue
        if number != expected:
            warnings.append(
                Warning_(document, f"line {ln.number}", f"margin paragraph {number} where {expected} was expected")
            )
        digits = len(str(number))
        paragraphs.append(
            MarginParagraph(number, current, s[digits:].rstrip(), span(ln.start + digits, ln.start + len(s.rstrip())))
        )
        expected = number + 1
    return sections, paragraphs


def _paragraph_number(line: str, expected: int) -> int | None:
    """`16Scholars are ...` → 16. Prefer the expected number when the text itself starts with digits."""
    if line.startswith(str(expected)) and not line[len(str(expected)) :][:1].isspace():
        return expected
    m = PARAGRAPH.match(line)
    return int(m.group(1)) if m else None


def _parent(number: str) -> str | None:
    parts = number.rstrip(".").split(".")
    return ".".join(parts[:-1]) + "." if len(parts) > 1 else None


def _follows(previous: str | None, number: str) -> bool:
    """A heading may open a first child, or increment the last heading or one of its ancestors."""
    new = [int(x) for x in number.rstrip(".").split(".")]
    if previous is None:
        return new == [1]
    old = [int(x) for x in previous.rstrip(".").split(".")]
    if new == old + [1]:
        return True
    k = len(new)
    return k <= len(old) and new[:-1] == old[: k - 1] and new[-1] == old[k - 1] + 1


def _footnotes(lines: list[_Line], span, document: str, warnings: list[Warning_]) -> list[Footnote]:
    out: list[Footnote] = []
    for ln in lines:
        if not ln.text.strip():
            continue
        m = FOOTNOTE.match(ln.text)
        if not m:
            if out:  # a footnote continued on a further line
                warnings.append(
                    Warning_(document, f"line {ln.number}", f"line outside any footnote ignored: {ln.text[:60]!r}")
                )
            continue
        number = int(m.group(1))
        if out and number != out[-1].number + 1:
            warnings.append(
                Warning_(document, f"line {ln.number}", f"footnote {number} follows footnote {out[-1].number}")
            )
        out.append(Footnote(number, m.group(2).strip(), span(ln.start + m.start(2), ln.start + m.end(2))))
    return out


def _place_markers(
    text: str,
    paragraphs: list[MarginParagraph],
    sections: list[Section],
    footnotes: list[Footnote],
    document: str,
    warnings: list[Warning_],
) -> None:
    """Find each footnote marker in the body, in rising order, and attach the footnote to its paragraph."""
    blocks: list[tuple[int, int, MarginParagraph | None, str | None]] = []
    for s in sections:
        blocks.append((s.span.start, s.span.end, None, s.number))
    for p in paragraphs:
        blocks.append((p.span.start, p.span.end, p, p.section))
    blocks.sort(key=lambda b: b[0])
    by_number = {f.number: f for f in footnotes}
    wanted = sorted(by_number)
    expected = 1
    bi, pos = 0, blocks[0][0] if blocks else 0
    last = wanted[-1] if wanted else 0
    markers: list[FootnoteMarker] = []
    while expected <= last + 50 and bi < len(blocks):
        found = _next_marker(text, blocks, bi, pos, expected)
        if found is None:
            nxt = _next_marker(text, blocks, bi, pos, expected + 1)
            if nxt is not None and expected in by_number:
                warnings.append(Warning_(document, "body", f"footnote {expected} has no marker in the text"))
                expected += 1
                continue
            break
        bi, at = found
        start, end, para, section = blocks[bi]
        markers.append(
            FootnoteMarker(expected, para.number if para else None, section, at, at - start if para else None)
        )
        pos = at + len(str(expected))
        expected += 1
    for mk in markers:
        fn = by_number.get(mk.number)
        where = f"margin paragraph {mk.paragraph}" if mk.paragraph else f"heading {mk.section}"
        if fn is None:
            warnings.append(Warning_(document, where, f"footnote marker {mk.number} has no footnote"))
            continue
        fn.paragraph = mk.paragraph
        fn.marker_offset = mk.offset_in_paragraph
        if mk.paragraph:
            next(p for p in paragraphs if p.number == mk.paragraph).footnotes.append(mk.number)
    marked = {mk.number for mk in markers}
    for n in wanted:
        if n not in marked:
            warnings.append(Warning_(document, f"footnote {n}", "footnote is never referenced in the text"))


def _next_marker(text: str, blocks, bi: int, pos: int, k: int) -> tuple[int, int] | None:
    """The first plausible marker `k` at or after `pos`: glued to a non-digit, or else (as in
    `FP32450`) to a digit, provided marker k+1 does not come first."""
    needle = str(k)
    plain = _search(text, blocks, bi, pos, needle, lambda c: bool(MARKER_BEFORE.match(c)))
    if plain is not None:
        return plain
    nxt = _search(text, blocks, bi, pos, str(k + 1), lambda c: bool(MARKER_BEFORE.match(c)))
    digit = _search(text, blocks, bi, pos, needle, str.isdigit)
    if digit is not None and (nxt is None or (digit[0], digit[1]) < (nxt[0], nxt[1])):
        return digit
    return None


def _search(text: str, blocks, bi: int, pos: int, needle: str, before_ok) -> tuple[int, int] | None:
    for j in range(bi, len(blocks)):
        start, end, _, _ = blocks[j]
        i = max(start, pos) if j == bi else start
        while True:
            i = text.find(needle, i, end)
            if i < 0:
                break
            after = text[i + len(needle) : i + len(needle) + 1]
            if i > start and before_ok(text[i - 1]) and not after.isdigit():
                return j, i
            i += 1
    return None


def parse_file(path) -> Commentary:
    """Read and parse a commentary file; unreadable files raise `SourceError` naming the file."""
    from pathlib import Path

    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(f"{p}: file not found") from None
    except UnicodeDecodeError as e:
        raise SourceError(f"{p}: not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise SourceError(f"{p}: cannot be read ({e.strerror})") from None
    return parse(raw, p.name)
