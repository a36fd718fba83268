"""`kg annotate init CHAPTER`: the starting annotation file of a chapter, from the extraction.

CHAPTER is a commentary file (a path, or the name of a file in sources/commentary/) or the number
of the article it comments on (`52`). The file is written to sources/annotations/ (or `-o FILE`)
only after it has been checked: it loads as annotations, and curating it gives back every
attribution it proposes. An existing file is not replaced without `--force`; the file is written
to a temporary name beside it and renamed, so a reader never sees half of it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.argue.annotations import AnnotationError
from kg.ingest.parse import SourceError


def chapter_file(chapter: str, root: Path) -> Path:
    """The commentary file that `chapter` names: a path, a file of sources/commentary/, an article."""
    given = Path(chapter)
    if given.is_file():
        return given
    shipped = root / "commentary" / chapter
    if shipped.is_file():
        return shipped
    if chapter.isdigit():
        from kg.ingest.parse import parse_file

        for path in sorted((root / "commentary").glob("*.txt")):
            if parse_file(path).article == chapter:
                return path
        raise SourceError(f"no chapter in {root / 'commentary'} comments on Article {chapter}")
    raise SourceError(
        f"{chapter}: no such commentary file (a path, a file of sources/commentary/ or an article number)"
    )


def init(chapter: str, output: str | None, force: bool) -> tuple[Path, dict]:
    """Write the scaffold of `chapter`; returns where, and the counts it proposes."""
    from kg.build import SOURCES, Sources, review

    path = chapter_file(chapter, SOURCES)
    keyed, resolved, layer, _ = review(Sources.default([str(path)], annotations=False))
    commentary = keyed[path.name][0]
    from kg.argue.scaffold import scaffold

    text = scaffold(commentary, path.read_bytes(), layer, resolved.works)
    name = f"article-{commentary.article}-start.yaml" if commentary.article else f"{path.stem}-start.yaml"
    out = Path(output) if output else SOURCES / "annotations" / name
    if out.exists() and not force:
        raise AnnotationError(str(out), None, "already exists; review it, or give --force to replace it")
    counts = _check(text, out.name, keyed, resolved, layer)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out, counts


def _check(text: str, name: str, keyed, resolved, extracted) -> dict:
    """Load the scaffold as annotations and curate it: every proposed holder must come back."""
    from kg.argue import annotations as ann
    from kg.argue import link

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / name).write_text(text, encoding="utf-8")
        notes = ann.load(Path(d))
        curated = link.link(keyed, resolved.citations, resolved.works, resolved.persons, notes, lambda _key: True)
    proposed = {(a.position, a.footnote, a.work) for a in extracted.attributions}
    got = {(a.position, a.footnote, a.work) for a in curated.attributions}
    if proposed - got:
        position, footnote, work = sorted(proposed - got)[0]
        raise AnnotationError(name, None, f"the scaffold loses {work} in footnote {footnote} ({position}): not written")
    return {"issues": len(notes.issues), "positions": len(curated.positions), "holders": len(proposed)}
