"""The starting annotation file of a chapter, written from what extraction found (`kg annotate init`).

The curator then reviews rather than types: every issue, position and holder that the extraction
proposes is written in the annotation format (`sources/annotations/*.yaml`), anchored to its margin
paragraphs and footnotes, with the chapter's SHA-256 so that the anchors are checked against this
version of the page. The file is checked before it is written (`check`): it loads as annotations,
and curating it reproduces every attribution it lists.
"""

from __future__ import annotations

import hashlib

import yaml

from kg.argue.layer import ArgumentLayer
from kg.models import Commentary, Work

HEADER = """\
# Starting annotation of {document}{about}, written by `kg annotate init` from
# what extraction alone found: {issues} issue(s), {positions} position(s), {holders} holder(s).
# Review it: correct labels and questions, merge or split positions, add the holders and
# arguments extraction missed (`kg candidates`, `kg coverage`), record the author's view
# (`author_view: {{stance, paragraph, quote}}`) and mark reviewed footnotes (docs/argument-map.md).
"""


def scaffold(c: Commentary, raw: bytes, layer: ArgumentLayer, works: dict[str, Work]) -> str:
    """The annotation file (YAML text) proposing what `layer` (extraction on chapter `c`) found."""
    issues = [i for i in layer.issues if i.document == c.document]
    positions = [p for p in layer.positions if any(p.issue == i.id for i in issues)]
    entries: list[dict] = []
    held = 0
    for issue in issues:
        proposed = [_position(p, layer, works, c) for p in positions if p.issue == issue.id]
        held += sum(len(p["holders"]) for p in proposed)
        entries.append(
            {
                "id": issue.id,
                "label": issue.label,
                "question": issue.question,
                "provisions": list(issue.provisions),
                "paragraphs": list(issue.paragraphs),
                "positions": proposed,
            }
        )
    body = {
        "commentary": c.document,
        "commentary_sha256": hashlib.sha256(raw).hexdigest(),
        "issues": entries,
    }
    about = f" (commentary on Article {c.article}, {c.author})" if c.article else ""
    header = HEADER.format(
        document=c.document, about=about, issues=len(entries), positions=len(positions), holders=held
    )
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=110)


def _position(p, layer: ArgumentLayer, works: dict[str, Work], c: Commentary) -> dict:
    holders = []
    for a in layer.attributions:
        if a.position != p.id or a.document != c.document:
            continue
        w = works.get(a.work)
        holder: dict[str, object] = {
            "footnote": a.footnote,
            "holder": a.citation.authors_text or (w.organisation if w else None),
        }
        if not holder["holder"] and w is not None:
            holder["holder"] = w.title[:60]
        if w is not None:  # words of the title: tell apart two works of one holder in a footnote
            holder["work"] = w.short_title or w.title
        holder["strength"] = a.strength
        holders.append(holder)
    return {"id": p.id, "label": p.label, "holders": holders}
