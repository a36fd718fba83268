"""The chapters of one commentary built together: which article each comments on, and where the
cross-references between them land.

The Cambridge Commentary has a chapter per article. Built together, footnote 554 of the Article 51
chapter (`See commentary on Article 52, Section 2.4. in this work`) lands on the Article 52
chapter's own section 2.4. A reference to a chapter that is not among the sources stays a
placeholder; a reference to a section that a present chapter lacks is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.models import Commentary, CrossRef, SourceError, Warning_


@dataclass(frozen=True)
class Chapter:
    """A chapter present in the build: its key (`article-52`) and its section numbers."""

    document: str
    key: str
    sections: frozenset[str]


def check_chapters(commentaries: list[Commentary]) -> list[Warning_]:
    """Two chapters claiming the same article is an error (their nodes would merge); a chapter whose
    title names no article is a warning (it is built under its file name)."""
    claimed: dict[str, str] = {}
    warnings: list[Warning_] = []
    for c in commentaries:
        if c.article is None:
            warnings.append(
                Warning_(
                    c.document, "title", f"the chapter’s title ‘{c.title}’ names no article: built under its file name"
                )
            )
            continue
        if c.article in claimed:
            raise SourceError(
                f"{c.document}: comments on Article {c.article}, as {claimed[c.article]} does: "
                "two chapters cannot claim the same article; remove one of them"
            )
        claimed[c.article] = c.document
    return warnings


def find_chapter(keyed: dict[str, tuple[Commentary, str]], chapter: str) -> str:
    """The document of the chapter `chapter` names: its file name, its key (`article-52`) or the
    number of the article it comments on; anything else is a SourceError listing the chapters."""
    for c, key in keyed.values():
        if chapter in (c.document, key, c.article, f"article-{c.article}"):
            return c.document
    known = ", ".join(f"{c.article or '-'} ({c.document})" for c, _ in keyed.values())
    raise SourceError(f"no chapter {chapter!r} among the sources; the chapters are: {known}")


def present_chapters(keyed: dict[str, tuple[Commentary, str]]) -> dict[str, Chapter]:
    """Article number → the chapter built for it."""
    return {
        c.article: Chapter(c.document, key, frozenset(s.number for s in c.sections))
        for c, key in keyed.values()
        if c.article
    }


def dangling_cross_references(
    commentaries: list[Commentary], found: Iterable[tuple[str, str, int, list[CrossRef]]], present: dict[str, Chapter]
) -> tuple[list[Warning_], list[Warning_]]:
    """Cross-references to a section that their chapter lacks, as (notes, warnings). Within one
    chapter it is the chapter's own slip, kept as written and noted (the Article 51 chapter points
    to a Section 2.1.3.2. it does not have, in fn 294); to another chapter that is present it is a
    warning, since one of the two chapters is not the version the other was written against.
    `found` yields (document, `para`|`fn`, number, cross-references)."""
    article_of = {c.document: c.article for c in commentaries}
    sections_of = {c.document: {s.number for s in c.sections} for c in commentaries}
    notes: list[Warning_] = []
    out: list[Warning_] = []
    for document, kind, number, refs in found:
        where = f"{'paragraph' if kind == 'para' else 'footnote'} {number}"
        for x in refs:
            own = x.article is None or x.article == article_of[document]
            if own and x.section and x.section not in sections_of[document]:
                notes.append(
                    Warning_(document, where, f"refers to Section {x.section}, which this chapter does not have")
                )
            elif not own and x.article in present and x.section and x.section not in present[x.article].sections:
                chapter = present[x.article]
                out.append(
                    Warning_(
                        document,
                        where,
                        f"refers to Section {x.section} of the commentary on Article {x.article}, "
                        f"which that chapter ({chapter.document}) does not have",
                    )
                )
    return notes, out
