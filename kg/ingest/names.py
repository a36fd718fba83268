"""Names of persons and organisations as citations write them.

Footnotes write a person `Given Family` (`Thomas Rainer Schmitt`), the select bibliography
`Family Initials` (`Förster Chr`); an author can also be a body (`European Commission`, `MIT`).
"""

from __future__ import annotations

import re

from kg.ingest.patterns import INITIAL

PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del", "dos", "ter", "zu"}
GIVEN_PARTICLES = PARTICLES | {"y"}  # inside given names (`María del Pilar`), written without an initial
# small words inside a name: `Court of Justice`, `RW v Österreichische Post`, `Bengio and others`
NAME_CONNECTORS = {"and", "others", "v", "of", "the", "for", "&", "et", "al", "al.", "für"} | PARTICLES
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


def is_organisation(name: str) -> bool:
    """`European Commission`, `Epoch AI`, `MIT` are organisations; `Tobias Haar` is not.

    >>> is_organisation("Epoch AI"), is_organisation("MIT"), is_organisation("Tobias Haar")
    (True, True, False)
    """
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


_ET_AL = re.compile(r",?\s+et\s+al\.?$")


def split_names(text: str) -> tuple[list[str], bool]:
    """`Somala, Ho and Krier` → (['Somala', 'Ho', 'Krier'], False); `Erben and others` → (['Erben'], True);
    `van der Linden et al.` → (['van der Linden'], True)."""
    text, etal = _ET_AL.subn("", text.strip())
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|\s+&\s+", text.strip()) if p.strip()]
    others = bool(etal)
    names = []
    for p in parts:
        if p.lower() in ("others", "et al", "et al."):
            others = True
        else:
            names.append(p)
    return names, others


def parse_given_family(name: str) -> tuple[str, str | None, str | None]:
    """`Thomas Rainer Schmitt` → ('Schmitt', 'Thomas Rainer', 'T R'); `Edelman` → ('Edelman', None, None).

    >>> parse_given_family("Pieter de Vries"), parse_given_family("Anne-Marie Dupont-Leclerc")
    (('de Vries', 'Pieter', 'P'), ('Dupont-Leclerc', 'Anne-Marie', 'A-M'))
    >>> parse_given_family("Lena van der Linden")
    ('van der Linden', 'Lena', 'L')
    >>> parse_given_family("María del Pilar García-Ortega")
    ('García-Ortega', 'María del Pilar', 'M P')
    """
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
    # `Anne-Marie` → `A-M`, as the bibliography writes a hyphenated given name
    initials = " ".join(
        "-".join(part[0] for part in t.split("-") if part) for t in given.split() if t.lower() not in GIVEN_PARTICLES
    )
    return family, given, initials


def parse_family_initials(name: str) -> tuple[str, str | None, str | None]:
    """Bibliography order: `Förster Chr` → ('Förster', None, 'Chr'); `Fernández Llorca D` →
    ('Fernández Llorca', None, 'D'); `Yang-Jacobi A M` → ('Yang-Jacobi', None, 'A M')."""
    toks = name.split()
    if len(toks) < 2:
        return name, None, None
    i = 1
    while i < len(toks) and not INITIAL.match(toks[i]):
        i += 1
    family = " ".join(toks[:i])
    initials = " ".join(t.rstrip(".") for t in toks[i:]) or None
    return family, None, initials
