"""Show: the JSON a researcher (or a checker) gets from `kg stats|footnotes|paragraphs|views`.

Everything is read back from the store through the named queries in queries/, so what is shown
is what is stored.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kg.graph import queries, store


def _rows(name: str, path=None) -> list[dict]:
    res = store.query(queries.get(name).sparql, path, max_rows=1_000_000)
    return [dict(zip(res.columns, r, strict=False)) for r in res.rows]


def _int(x):
    return int(x) if x is not None else None


def stats(path=None) -> dict:
    row = _rows("stats", path)[0]
    out = {k: int(v or 0) for k, v in row.items()}
    out["triples"] = len(store.open_read_only(path))
    return out


def chapters(path=None) -> list[dict]:
    """The chapters in the graph, one record each: file, article, title, author, date, counts and
    review coverage (citing footnotes, and how many of them are reviewed)."""
    out = []
    for r in _rows("chapters", path):
        out.append(
            {
                "commentary": r["document"],
                "article": r["article"],
                "title": r["title"],
                "author": r["author"],
                "date": r["date"],
                "sections": int(r["sections"] or 0),
                "paragraphs": int(r["paragraphs"] or 0),
                "footnotes": int(r["footnotes"] or 0),
                "citing_footnotes": int(r["citing"] or 0),
                "reviewed_footnotes": int(r["reviewed"] or 0),
            }
        )
    return out


def _authors(path=None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in _rows("work-authors", path):
        out[r["work"]].append(r["name"])
    return out


def _provisions_by(kind: str, path=None) -> dict[tuple[str, int], list[str]]:
    out: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r in _rows("text-provisions", path):
        if r["kind"] == kind:
            key = (r["document"], int(r["number"]))
            if r["label"] not in out[key]:
                out[key].append(r["label"])
    return out


def footnotes(path=None, document: str | None = None) -> list[dict]:
    authors = _authors(path)
    cites: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for r in _rows("footnote-citations", path):
        if r["work"] is None:
            continue
        c = {
            "work": r["title"],
            "work_id": r["workKey"],
            "authors": authors.get(r["work"], []),
            "pinpoint": r["pinpoint"],
            "signal": r["signal"],
        }
        if r["via"] is not None:
            c["via_footnote"] = int(r["via"])
        cites[(r["document"], int(r["footnote"]))].append(c)
    provs = _provisions_by("footnote", path)
    out = []
    for r in _rows("footnotes", path):
        if document and r["document"] != document:
            continue
        key = (r["document"], int(r["number"]))
        out.append(
            {
                "commentary": r["document"],
                "number": int(r["number"]),
                "paragraph": _int(r["paragraph"]),
                "marker_offset": _int(r["marker"]),
                "text": r["text"],
                "citations": cites.get(key, []),
                "provisions": provs.get(key, []),
            }
        )
    return out


def paragraphs(path=None, document: str | None = None) -> list[dict]:
    fns: dict[tuple[str, int], list[int]] = defaultdict(list)
    for r in _rows("footnotes", path):
        if r["paragraph"] is not None:
            fns[(r["document"], int(r["paragraph"]))].append(int(r["number"]))
    provs = _provisions_by("paragraph", path)
    out = []
    for r in _rows("paragraphs", path):
        if document and r["document"] != document:
            continue
        key = (r["document"], int(r["number"]))
        out.append(
            {
                "commentary": r["document"],
                "number": int(r["number"]),
                "section": r["section"],
                "text": r["text"],
                "footnotes": sorted(fns.get(key, [])),
                "provisions": provs.get(key, []),
            }
        )
    return out


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


# a position without a recorded view: the author neither takes a side nor says he leaves it open
NO_VIEW: dict = {"stance": "no view", "basis": "not recorded", "paragraph": None, "quote": None, "source": None}


def _source(r: dict, text: str = "excerpt") -> dict | None:
    if r.get("start") is None:
        return None
    return {"document": r["document"], "start": int(r["start"]), "end": int(r["end"]), "excerpt": r[text]}


def author_views_by_position(path=None) -> dict[str, dict]:
    """The author's view on each position (IRI → view): stance, stated or inferred, paragraph, quote."""
    out = {}
    for r in _rows("author-views", path):
        out[r["position"]] = {
            "stance": r["stance"],
            "basis": r["basis"],
            "derivation": r["derivation"],
            "inferred_from": _local(r["inferredFrom"]) if r["inferredFrom"] else None,
            "paragraph": int(r["paragraph"]),
            "quote": r["quote"],
            "source": _source(r, "quote"),
        }
    return out


def argument_sources(path=None, authors: dict[str, list[str]] | None = None) -> dict[str, list[dict]]:
    """The cited works that carry each argument (argument IRI → sources), each with its signal."""
    authors = authors if authors is not None else _authors(path)
    out: dict[str, list[dict]] = defaultdict(list)
    for r in _rows("argument-sources", path):
        out[r["argument"]].append(
            {
                "authors": authors.get(r["work"], []),
                "work": r["title"],
                "work_id": _local(r["work"]),
                "footnote": int(r["footnote"]),
                "signal": r["signal"],
                "pinpoint": r["pinpoint"],
                "source": _source(r),
            }
        )
    return out


def _argument_entry(r: dict, authors: dict[str, list[str]], sources: list[dict]) -> dict:
    """One argument as `kg views` shows it: who makes it with which stance, and from which words."""
    if r["work"]:
        who = " and ".join(authors.get(r["work"], [])) or r["workTitle"]
        advanced = f"{who}, ‘{r['workTitle']}’" if authors.get(r["work"]) else who
    elif r["personName"]:
        advanced = f"{r['personName']} (commentary author)"
    else:
        advanced = None  # raised by the author, advanced by no one
    author = "commentary author"
    if r["stance"] == "reports":
        maker = "; ".join(f"{' and '.join(s['authors']) or s['work']} (fn {s['footnote']})" for s in sources) or None
    else:
        maker = author
    return {
        "id": _local(r["argument"]),
        "label": r["label"],
        "relation": r["relation"],
        "kind": r["kind"],
        "stance": r["stance"],
        "maker": maker,
        "paragraph": int(r["paragraph"]),
        "footnote": _int(r["footnote"]),
        "made_in": r["wordsIn"],
        "source": _source(r),
        "located_by": r["locatedBy"],
        "sources": sources,
        "advanced_by": advanced,
    }


def views(match: str | None = None, path=None, chapter: str | None = None) -> dict:
    """Every view on every issue (or those matching `match`: an issue id or words of its label),
    in every chapter or in `chapter` (the article it comments on, its file name or its key)."""
    authors = _authors(path)
    issues = _matching(_issues(path), match)
    if chapter is not None:
        discussed = {r["issue"] for r in chapter_issues(chapter, path)}
        issues = {k: v for k, v in issues.items() if k in discussed}
    positions = _positions(issues, path, authors)
    _attach_arguments(positions, path, authors)
    _attach_same_questions(issues, path)
    from kg.argue.weight import annotate  # weight of opinion and acceptability (model outputs)

    return annotate({"issues": sorted(issues.values(), key=lambda i: (i["paragraphs"][:1] or [0], i["id"]))})


_SAME_QUESTIONS = """SELECT ?issue ?other ?label ?article WHERE {
  ?issue kg:sameQuestionAs ?other . ?other rdfs:label ?label .
  OPTIONAL { ?other kg:inCommentary/kg:refersTo/kg:ordinal ?article }
} ORDER BY ?issue ?other"""


def _attach_same_questions(issues: dict[str, dict], path) -> None:
    """Each issue's twins in other chapters (kg.argue.crosslink), so a reader sees every treatment."""
    for i in issues.values():
        i["same_question_in"] = []
    for r in _lookup(_SAME_QUESTIONS, path):
        if r["issue"] in issues:
            issues[r["issue"]]["same_question_in"].append(
                {"issue": _local(r["other"]), "label": r["label"], "chapter": r["article"]}
            )


def chapter_issues(chapter: str, path=None) -> list[dict]:
    """The issues one chapter discusses (queries/chapter-issues.rq); an unknown chapter is a QueryError."""
    q = queries.get("chapter-issues")
    sparql = queries.bind(q, {"chapter": chapter}, lambda text: _lookup(text, path))
    res = store.query(sparql, path, max_rows=1_000_000)
    return [dict(zip(res.columns, r, strict=False)) for r in res.rows]


def chapter_document(chapter: str, path=None) -> str:
    """The commentary file of a chapter named by its article (52), file name, key or IRI; an
    unknown chapter is a QueryError naming what was asked."""
    param = queries.Param("chapter", "chapter", "all")
    term = queries.resolve(param, chapter, lambda text: _lookup(text, path))
    rows = _lookup(f"SELECT ?d WHERE {{ {term} prov:wasDerivedFrom/dcterms:identifier ?d }}", path)
    if not rows:
        raise queries.QueryError(f"chapter {chapter!r} has no source file in the graph")
    return str(rows[0]["d"])


def _lookup(sparql: str, path) -> list[dict]:
    res = store.query(sparql, path, max_rows=1_000_000)
    return [dict(zip(res.columns, r, strict=False)) for r in res.rows]


def _issues(path) -> dict[str, dict]:
    """Every issue by IRI, with the provisions it is on and the margin paragraphs that discuss it."""
    issues: dict[str, dict] = {}
    for r in _rows("issues", path):
        i = issues.setdefault(
            r["issue"],
            {
                "id": _local(r["issue"]),
                "chapter": _local(r["chapter"]),
                "label": r["label"],
                "question": r["question"],
                "derivation": r["derivation"],
                "provisions": [],
                "paragraphs": [],
                "positions": [],
            },
        )
        if r["provisionLabel"] and r["provisionLabel"] not in i["provisions"]:
            i["provisions"].append(r["provisionLabel"])
        if r["paragraph"] is not None and int(r["paragraph"]) not in i["paragraphs"]:
            i["paragraphs"].append(int(r["paragraph"]))
    return issues


def _matching(issues: dict[str, dict], match: str | None) -> dict[str, dict]:
    """The issue whose id is `match`, else those whose label, question or id hold all its words."""
    if not match:
        return issues
    chosen = {k: v for k, v in issues.items() if v["id"] == match}
    if chosen:
        return chosen
    words = [w for w in re.split(r"\W+", match.lower()) if w]
    return {
        k: v for k, v in issues.items() if all(w in f"{v['label']} {v['question']} {v['id']}".lower() for w in words)
    }


def _positions(issues: dict[str, dict], path, authors: dict) -> dict[str, dict]:
    """The positions on `issues` (appended to their issue), each with its holders and the author's view."""
    positions: dict[str, dict] = {}
    views_by_position = author_views_by_position(path)
    for r in _rows("positions", path):
        if r["issue"] not in issues:
            continue
        p = positions.get(r["position"])
        if p is None:
            p = positions[r["position"]] = {
                "id": _local(r["position"]),
                "label": r["label"],
                "endorsed_by_commentary_author": {"endorses": True, "rejects": False}.get(r["stance"]),
                "author_view_paragraph": _int(r["viewParagraph"]),
                "author_view": views_by_position.get(r["position"], NO_VIEW),
                "holders": [],
                "arguments": [],
            }
            issues[r["issue"]]["positions"].append(p)
        if r["att"]:
            p["holders"].append(_holder_entry(r, authors))
    return positions


def _holder_entry(r: dict, authors: dict) -> dict:
    return {
        "authors": authors.get(r["work"], []),
        "work": r["title"],
        "work_id": _local(r["work"]),
        "footnote": int(r["footnote"]),
        "pinpoint": r["pinpoint"],
        "signal": r["signal"],
        "strength": r["strength"],
        "derivation": r["derivation"],
        "review": r.get("review"),  # extracted | extracted-and-confirmed | curated
        # the citation's exact words and raw-file offsets: the way back to the source
        "source": {"document": r["document"], "start": int(r["start"]), "end": int(r["end"]), "excerpt": r["excerpt"]},
    }


def _attach_arguments(positions: dict[str, dict], path, authors: dict) -> None:
    """Each argument goes with the position it concerns; one attacking an argument goes with the
    position its target concerns (followed three links deep)."""
    args = _rows("arguments", path)
    sources = argument_sources(path, authors)
    target_position: dict[str, str] = {}
    for r in args:
        if r["target"] in positions:
            target_position[r["argument"]] = r["target"]
    for _ in range(3):
        for r in args:
            if r["argument"] not in target_position and r["target"] in target_position:
                target_position[r["argument"]] = target_position[r["target"]]
    seen = set()
    for r in args:
        pos = target_position.get(r["argument"])
        if pos is None or (r["argument"], r["target"]) in seen:
            continue
        seen.add((r["argument"], r["target"]))
        if any(a["id"] == _local(r["argument"]) for a in positions[pos]["arguments"]):
            continue
        entry = _argument_entry(r, authors, sources.get(r["argument"], []))
        if r["target"] not in positions:
            entry["target_argument"] = _local(r["target"])
        positions[pos]["arguments"].append(entry)
    for p in positions.values():
        p["arguments"].sort(key=lambda a: (a["paragraph"], a["id"]))


def author_view_coverage(path=None) -> dict:
    """Every issue with its positions' author views, and the counts `kg coverage` reports: how many
    issues have no recorded author view (neither a side taken nor an explicit `no view`)."""
    recorded = author_views_by_position(path)
    issues: dict[str, dict] = {}
    for r in _rows("positions", path):
        i = issues.setdefault(r["issue"], {"id": _local(r["issue"]), "positions": {}})
        i["positions"].setdefault(
            r["position"], {"id": _local(r["position"]), "author_view": recorded.get(r["position"], NO_VIEW)}
        )
    out = [{"id": i["id"], "positions": list(i["positions"].values())} for i in issues.values()]
    views = [p["author_view"] for i in out for p in i["positions"]]
    stances = [v["stance"] if v["basis"] != "not recorded" else "not recorded" for v in views]
    without = [i["id"] for i in out if all(p["author_view"]["basis"] == "not recorded" for p in i["positions"])]
    counts = {
        "issues": len(out),
        "issues_without_author_view": len(without),
        "positions": len(views),
        "endorses": stances.count("endorses"),
        "rejects": stances.count("rejects"),
        "no view": stances.count("no view"),
        "not recorded": stances.count("not recorded"),
        "inferred": sum(v["basis"] == "inferred" for v in views),
    }
    return {"issues": sorted(out, key=lambda i: i["id"]), "issues_without_author_view": without, "counts": counts}
