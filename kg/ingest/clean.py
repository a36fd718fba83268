"""Clean the scraped commentary page.

The web page inlines the Article 3 definition wherever a defined term occurs:

    "providers Article 3(3) AI Act: ‘provider’ means ... free of charge. whose model"
    → "providers whose model"

Cleaning removes those tooltips (keeping each distinct definition as a record), turns
non-breaking spaces into spaces, and restores lost superscripts (`1025 FLOPs` → `10^25 FLOPs`).
Every edit is recorded so that any offset in the cleaned text maps back to the raw file.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from kg.models import Definition

TOOLTIP = re.compile(r" ?Article 3\((\d+)\) AI Act: (?=[‘'])")
# A tooltip is followed by the rest of the sentence; a space left before punctuation or a
# footnote marker is an artefact of the removal: `risk Article 3(65) ... chain. ’.51` → `risk’.51`.
GLUED_AFTER = re.compile(r" (?=[.,;:?!’”)\]]|\d)")
EXPONENT = re.compile(r"(?<![\d.,/^])10(1\d|2\d|3\d)(?!\d)")
COMPUTE_CONTEXT = re.compile(r"FLOP|floating[- ]point|computation|compute", re.I)
TERM = re.compile(r"^[‘']([^’']+)[’']")


@dataclass
class Edit:
    raw_start: int
    raw_end: int
    replacement: str


class OffsetMap:
    """Maps offsets in the cleaned text back to offsets in the raw text."""

    def __init__(self, raw_len: int, edits: list[Edit]):
        self._clean_starts: list[int] = []
        self._segments: list[tuple[int, int, int, bool]] = []  # clean_start, raw_start, raw_end, kept
        pos_raw = pos_clean = 0
        for e in edits:
            if e.raw_start > pos_raw:
                self._add(pos_clean, pos_raw, e.raw_start, True)
                pos_clean += e.raw_start - pos_raw
            self._add(pos_clean, e.raw_start, e.raw_end, False)
            pos_clean += len(e.replacement)
            pos_raw = e.raw_end
        self._add(pos_clean, pos_raw, raw_len, True)
        self.clean_len = pos_clean + (raw_len - pos_raw)

    def _add(self, clean_start: int, raw_start: int, raw_end: int, kept: bool) -> None:
        self._clean_starts.append(clean_start)
        self._segments.append((clean_start, raw_start, raw_end, kept))

    def to_raw(self, offset: int, end: bool = False) -> int:
        """Raw offset of a cleaned offset. An end offset belongs to the text before it, so a span
        ending where a tooltip was removed ends before the tooltip, not after it."""
        if end and offset > 0:
            i = bisect.bisect_left(self._clean_starts, offset) - 1
        else:
            i = bisect.bisect_right(self._clean_starts, offset) - 1
        cs, rs, re_, kept = self._segments[max(i, 0)]
        if kept:
            return rs + (offset - cs)
        return re_ if end else rs


@dataclass
class Cleaned:
    raw: str
    text: str
    definitions: list[Definition]
    offsets: OffsetMap


_ABBREVIATIONS = ("e.g", "i.e", "No", "Art", "para", "cf", "etc", "Dir", "Reg")
_PERIOD = re.compile(r"\.(?=\s|$)")


def _definition_texts(text: str) -> dict[int, str]:
    """The text of each Article 3 definition occurring as a tooltip.

    A definition is one sentence, so it ends at its first full stop (abbreviations such as
    `e.g.` aside): `‘risk’ means the combination of ... severity of that harm.` Where a definition
    recurs, every copy must agree up to that point; a copy that does not is left in the text.
    """
    followers: dict[int, list[int]] = defaultdict(list)
    for m in TOOLTIP.finditer(text):
        followers[int(m.group(1))].append(m.end())
    defs: dict[int, str] = {}
    for number, starts in followers.items():
        first = text[starts[0] : starts[0] + 4000]
        for m in _PERIOD.finditer(first):
            if not first[: m.start()].endswith(_ABBREVIATIONS):
                defs[number] = first[: m.end()]
                break
    return defs


def clean(raw: str) -> Cleaned:
    """Clean a scraped commentary page; see the module docstring."""
    text = raw.replace("\u00a0", " ")  # same length, so offsets do not move
    defs = _definition_texts(text)
    edits: list[Edit] = []
    counts: dict[int, int] = defaultdict(int)
    for m in TOOLTIP.finditer(text):
        number = int(m.group(1))
        body = defs.get(number)
        if not body or not text.startswith(body, m.end()):
            continue  # not a tooltip we recognise: leave the text as it is
        end = m.end() + len(body)
        if edits and m.start() < edits[-1].raw_end:
            continue  # nested in the previous tooltip
        glued = GLUED_AFTER.match(text, end)
        if glued and m.group(0).startswith(" "):
            end += 1
        edits.append(Edit(m.start(), end, ""))
        counts[number] += 1
    # Lost superscripts: `1025` is 10^25 where the sentence speaks of computation.
    for m in EXPONENT.finditer(text):
        window = text[max(0, m.start() - 160) : m.end() + 40]
        power = "×" in text[max(0, m.start() - 3) : m.start()] or COMPUTE_CONTEXT.search(window)
        if power and not any(e.raw_start <= m.start() < e.raw_end for e in edits):
            edits.append(Edit(m.start(), m.end(), f"10^{m.group(1)}"))
    edits.sort(key=lambda e: e.raw_start)
    out, pos = [], 0
    for e in edits:
        out.append(text[pos : e.raw_start])
        out.append(e.replacement)
        pos = e.raw_end
    out.append(text[pos:])
    definitions = []
    for number in sorted(counts):
        body = defs[number]
        term = TERM.match(body)
        definitions.append(Definition(number, term.group(1) if term else "", body, counts[number]))
    return Cleaned(raw, "".join(out), definitions, OffsetMap(len(raw), edits))
