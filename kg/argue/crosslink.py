"""Link: the same question treated in two chapters.

Each chapter of the commentary discusses the provisions of its article and, often, of its
neighbours: the Article 51 chapter asks whether a provider facing designation under Art. 52(4)
has a right to be heard, and the Article 52 chapter may ask it again. A researcher who reads one
chapter's treatment should be led to the other's. Two issues of different chapters are the same
question when

- they concern a common provision, recorded or named in their question (the same one, or one
  contains the other: Art. 52(4) contains its first subparagraph), and
- their label and question share most of their distinctive terms (at least three, and at least
  two in five of the shorter issue's terms), after dropping the words every issue of this law uses
  ("Article", "Commission", "model").

The rule is deliberately strict: a wrong link sends a reader to an unrelated debate, a missing one
only leaves them where they were. Each link records the shared provisions and terms that made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from kg.argue.layer import Issue
from kg.ingest.find_provisions import find_provisions

MIN_SHARED = 3
MIN_OVERLAP = 0.4

# Words that do not distinguish one question of this law from another (compared by stem).
_COMMON = """
about above after also among another article articles because before being between both cannot
could does either every from further have having into itself least made make many more most
must only other over same shall should since some such than that their them then there these
they this those through under upon very what when where whether which while with within would
act acts annex commission general purpose model models provider providers provision provisions
recital regulation systemic risk risks paragraph point sentence subparagraph
first second third fourth author authors argue argued consider considered others questioned been
divided scholars opinion view views held holds literature
""".split()  # noqa: SIM905 (a word list reads best as text)
_ABBREVIATED = re.compile(r"\bArt(s)?\. ")
_TERM = re.compile(r"[^\W\d_]{4,}")
STEM = 5  # truncation stemming: `notification` and `notify`, `designation` and `designate` are one term


def _stem(word: str) -> str:
    return word.lower()[:STEM]


_STOP = {_stem(w) for w in _COMMON}


def terms(issue: Issue) -> set[str]:
    """The distinctive terms of an issue's label and question, stemmed."""
    text = f"{issue.label} {issue.question}"
    return {s for s in (_stem(w) for w in _TERM.findall(text)) if s not in _STOP}


@dataclass(frozen=True)
class SameQuestion:
    """Two issues of different chapters on one question, and what they share."""

    issues: tuple[str, str]  # issue ids, sorted
    provisions: tuple[str, ...]  # provision keys both concern (the finer one where one contains the other)
    terms: tuple[str, ...]  # shared stemmed terms
    overlap: float  # shared terms / terms of the issue with fewer


def _contains(outer: str, inner: str) -> bool:
    return inner == outer or inner.startswith(outer + "__")


def provisions_of(issue: Issue) -> set[str]:
    """The AI Act provisions an issue concerns: those recorded, and those its question names
    (a curated question on "the notification obligation under Art. 52(1)" concerns Art. 52(1))."""
    text = _ABBREVIATED.sub(lambda m: "Articles " if m.group(1) else "Article ", f"{issue.label}. {issue.question}")
    named = find_provisions(text)  # the finder reads the commentary's "Article"; curators write "Art."
    return set(issue.provisions) | {r.key for r in named if r.instrument == "AI Act"}


def shared_provisions(a: Issue, b: Issue) -> tuple[str, ...]:
    """The provisions both issues concern: equal, or one containing the other (the finer is kept)."""
    out = set()
    for p in provisions_of(a):
        for q in provisions_of(b):
            if _contains(p, q):
                out.add(q)
            elif _contains(q, p):
                out.add(p)
    return tuple(sorted(out))


def same_question(a: Issue, b: Issue) -> SameQuestion | None:
    """The link between `a` and `b`, if they are one question in two chapters."""
    if a.document == b.document:
        return None
    provisions = shared_provisions(a, b)
    if not provisions:
        return None
    ta, tb = terms(a), terms(b)
    shared = ta & tb
    if not ta or not tb:
        return None
    overlap = len(shared) / min(len(ta), len(tb))
    if len(shared) < MIN_SHARED or overlap < MIN_OVERLAP:
        return None
    first, second = sorted((a.id, b.id))
    return SameQuestion((first, second), provisions, tuple(sorted(shared)), round(overlap, 3))


def across_chapters(issues: list[Issue]) -> list[SameQuestion]:
    """Every pair of issues in different chapters that ask the same question."""
    links = [link for a, b in combinations(issues, 2) if (link := same_question(a, b))]
    return sorted(links, key=lambda s: s.issues)
