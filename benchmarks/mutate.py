"""Whole-page mutations: how a scraped page goes wrong on a new user's bad day.

Each mutation takes the page text and a `random.Random` and returns (mutated text, description);
the description names the kind and where, so a failing case can be written down as a test.
Used by `benchmarks/fuzz_campaign.py`.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Mutation = Callable[[str, random.Random], tuple[str, str]]

_ODD = [
    "\u00a0",
    "\u200b",
    "\ufeff",
    "↩︎",
    "•",
    "\t",
    "\r",
    "’",
    "“",
    "§",
    "–",
    "\x00",
    "𝔄",
    "\u0301",
    "1",
    "9",
    "(",
    ")",
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def delete_lines(text: str, rnd: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    n = rnd.choice([1, 1, 1, 2, 5, 20])
    del lines[i : i + n]
    return "\n".join(lines), f"delete {n} line(s) at line {i + 1}"


def duplicate_lines(text: str, rnd: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    n = rnd.choice([1, 1, 3, 10])
    lines[i:i] = lines[i : i + n]
    return "\n".join(lines), f"duplicate {n} line(s) at line {i + 1}"


def truncate_line(text: str, rnd: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    k = rnd.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:k]
    return "\n".join(lines), f"truncate line {i + 1} at column {k}"


def move_lines(text: str, rnd: random.Random) -> tuple[str, str]:
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    n = rnd.choice([1, 1, 4])
    block = lines[i : i + n]
    del lines[i : i + n]
    j = rnd.randrange(len(lines) + 1)
    lines[j:j] = block
    return "\n".join(lines), f"move {n} line(s) from line {i + 1} to line {j + 1}"


def replace_characters(text: str, rnd: random.Random) -> tuple[str, str]:
    chars = list(text)
    n = rnd.choice([1, 3, 10, 50])
    at = []
    for _ in range(n):
        k = rnd.randrange(len(chars))
        chars[k] = rnd.choice(_ODD) if rnd.random() < 0.5 else chr(rnd.randrange(32, 0x2FFF))
        at.append(k)
    return "".join(chars), f"replace {n} character(s) at offsets {sorted(at)[:5]}…"


def cut(text: str, rnd: random.Random) -> tuple[str, str]:
    a = rnd.randrange(len(text))
    n = rnd.choice([1, 10, 100, 1000, 20000, len(text)])
    return text[:a] + text[a + n :], f"cut {n} characters at offset {a}"


def duplicate_stretch(text: str, rnd: random.Random) -> tuple[str, str]:
    a = rnd.randrange(len(text))
    n = rnd.choice([5, 50, 500, 5000])
    return text[: a + n] + text[a : a + n] + text[a + n :], f"duplicate {n} characters at offset {a}"


def stray_numbered_line(text: str, rnd: random.Random) -> tuple[str, str]:
    """A numbered line where the page has numbered lines: `    27. …` (the first crash found)."""
    lines = _lines(text)
    i = rnd.randrange(min(len(lines), 80)) if rnd.random() < 0.7 else rnd.randrange(len(lines))
    indent = " " * rnd.choice([0, 2, 4, 6])
    number = rnd.choice([0, 1, 26, 27, 99, 1234, 10**6])
    lines.insert(i, f"{indent}{number}. stray line {rnd.choice(['', 'text ↩︎', 'Art. 51(1)(a) AI Act'])}")
    return "\n".join(lines), f"insert `{indent}{number}. …` before line {i + 1}"


def zone_line(text: str, rnd: random.Random) -> tuple[str, str]:
    """A line that opens or shapes a zone, in a random place: headings, titles, footnotes."""
    lines = _lines(text)
    i = rnd.randrange(len(lines))
    line = rnd.choice(
        [
            "Commentary",
            "Select bibliography",
            "Contents",
            "Recitals",
            "Recital 999",
            "Article 52a: A new article",
            "Annex XIII: Criteria",
            "Annex MMMM: Criteria",
            "1. Heading",
            "9.9.9. Heading",
            "0. Heading",
            "  1. A footnote ↩︎",
            "  999. A footnote ↩︎",
            "  0. A footnote ↩︎",
            "999999Margin paragraph text",
            "0Margin",
            "• bibliography entry",
            "Cite",
            "Commentary by",
        ]
    )
    lines.insert(i, line)
    return "\n".join(lines), f"insert {line!r} before line {i + 1}"


def swap_digits(text: str, rnd: random.Random) -> tuple[str, str]:
    """Footnote markers, paragraph and footnote numbers changed."""
    chars = list(text)
    digits = [k for k, c in enumerate(chars) if c.isdigit()]
    at = rnd.sample(digits, min(len(digits), rnd.choice([1, 5, 30])))
    for k in at:
        chars[k] = rnd.choice("0123456789")
    return "".join(chars), f"change {len(at)} digit(s) at offsets {sorted(at)[:5]}…"


PAGE_MUTATIONS: dict[str, Mutation] = {
    "delete": delete_lines,
    "duplicate": duplicate_lines,
    "truncate": truncate_line,
    "move": move_lines,
    "replace": replace_characters,
    "cut": cut,
    "duplicate-stretch": duplicate_stretch,
    "stray-numbered-line": stray_numbered_line,
    "zone-line": zone_line,
    "digits": swap_digits,
}


def mutate_page(text: str, rnd: random.Random, rounds: int | None = None) -> tuple[str, list[str]]:
    """One to three mutations of random kinds."""
    done = []
    for _ in range(rounds or rnd.choice([1, 1, 1, 2, 3])):
        kind = rnd.choice(list(PAGE_MUTATIONS))
        text, what = PAGE_MUTATIONS[kind](text, rnd)
        done.append(f"{kind}: {what}")
    return text, done
