"""Argument maps for the tools of the field: AIF JSON (AIFdb, OVA), Argdown, GraphML (Gephi,
Cytoscape, yEd). `kg export --format aif|argdown|graphml|agreement-graphml [--issue ID]`.

All are written from the same record `kg views --json` gives (kg.access.show.views) plus the
`kg:alternativeTo` pairs, so a map carries exactly what the graph holds:
- AIF: issues, positions and arguments are I-nodes; an argument supporting a position or another
  argument goes through an RA-node, an attack (and two alternative positions) through a CA-node;
  each holder is an L-node (locution) with its work, footnote and pinpoint, asserting (YA) the
  position, and its authors are the locution's participants.
- Argdown: one heading per issue, positions as statements `[id]: text`, arguments `<id>: text`,
  `+`/`-` for support and attack, `><` between alternative positions; the author's stance and the
  argument kind as tags, holders and footnotes as the element's data `{...}`. Argdown reads `[`,
  `]`, `<`, `>`, `#`, `{`, `}` inside text as syntax, so those are replaced (`ESCAPES`).
- GraphML: the argument graph (issues, positions, arguments, works; edges on-issue, supports,
  attacks, alternative-to, holds with footnote and pinpoint) and the agreement graph of holders.
"""

from __future__ import annotations

import io
import json
import os
from itertools import count
from typing import Any

import networkx as nx

from kg.access import show
from kg.graph import store

ESCAPES: dict[int, str] = {
    ord(k): v for k, v in {"[": "(", "]": ")", "<": "‹", ">": "›", "#": "№", "{": "(", "}": ")"}.items()
}
BRACES: dict[int, str] = {ord("{"): "(", ord("}"): ")"}
ALTERNATIVES = "SELECT ?a ?b WHERE { ?a kg:alternativeTo ?b }"
FORMATS = ("aif", "argdown", "graphml", "agreement-graphml")


def argdown_text(s: str) -> str:
    """Text as Argdown reads it back: no syntax characters, one line."""
    return " ".join(s.translate(ESCAPES).split())


def alternatives(path: str | os.PathLike | None = None) -> set[tuple[str, str]]:
    """Pairs of alternative positions (by id), each pair once."""
    res = store.query(ALTERNATIVES, path, max_rows=1_000_000)
    return {tuple(sorted((show._local(a or ""), show._local(b or "")))) for a, b in res.rows}  # type: ignore[misc]


def _holder_text(h: dict[str, Any]) -> str:
    who = " and ".join(h["authors"]) or h["work"]
    pin = f", {h['pinpoint']}" if h.get("pinpoint") else ""
    return f"{who}, ‘{h['work']}’ (fn {h['footnote']}{pin})"


# ---- AIF --------------------------------------------------------------------------------------


def to_aif(views: dict[str, Any], alternative: set[tuple[str, str]]) -> dict[str, Any]:
    """The AIF JSON of AIFdb/OVA: nodes (I, RA, CA, L, YA), edges, locutions, participants."""
    ids = count(1)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    participants: dict[str, dict[str, Any]] = {}
    locutions: list[dict[str, Any]] = []
    node_of: dict[str, str] = {}

    def node(type_: str, text: str, **extra: Any) -> str:
        nid = str(next(ids))
        nodes.append({"nodeID": nid, "text": text, "type": type_, "timestamp": "", **extra})
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b, "formEdgeID": None})

    def scheme(type_: str, source: str, target: str, text: str) -> None:
        s = node(type_, text)
        edge(source, s)
        edge(s, target)

    for issue in views["issues"]:
        node_of[issue["id"]] = node("I", issue["question"], kg_id=issue["id"], kg_kind="issue")
        for p in issue["positions"]:
            node_of[p["id"]] = node("I", p["label"], kg_id=p["id"], kg_kind="position")
            for h in p["holders"]:
                loc = node("L", f"{_holder_text(h)}: {p['label']}", footnote=h["footnote"], pinpoint=h.get("pinpoint"))
                scheme("YA", loc, node_of[p["id"]], "Asserting")
                for name in h["authors"] or [h["work"]]:
                    pid = participants.setdefault(
                        name,
                        {
                            "participantID": str(len(participants) + 1),
                            "firstname": " ".join(name.split()[:-1]),
                            "surname": name.split()[-1],
                        },
                    )["participantID"]
                    locutions.append({"nodeID": loc, "personID": pid})
            for a in p["arguments"]:
                if a["id"] not in node_of:
                    node_of[a["id"]] = node(
                        "I", a["label"], kg_id=a["id"], kg_kind="argument", paragraph=a["paragraph"]
                    )
    for issue in views["issues"]:
        for p in issue["positions"]:
            for a in p["arguments"]:
                target = node_of.get(a.get("target_argument") or p["id"])
                if target is None:
                    continue
                if a["relation"] == "supports":
                    scheme("RA", node_of[a["id"]], target, "Default Inference")
                else:
                    scheme("CA", node_of[a["id"]], target, "Default Conflict")
    for x, y in sorted(alternative):
        if x in node_of and y in node_of:
            scheme("CA", node_of[x], node_of[y], "Default Conflict")
            scheme("CA", node_of[y], node_of[x], "Default Conflict")
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": list(participants.values())}


# ---- Argdown ----------------------------------------------------------------------------------

STANCE_TAG = {True: " #endorsed-by-author", False: " #rejected-by-author", None: ""}


def _data(d: dict[str, Any]) -> str:
    """Element data in Argdown's `{...}` (YAML flow; JSON is YAML), braces kept out of strings."""

    def clean(v: Any) -> Any:
        if isinstance(v, str):
            return v.translate(BRACES)
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        return v

    return json.dumps(clean(d), ensure_ascii=False)


def to_argdown(views: dict[str, Any], alternative: set[tuple[str, str]]) -> str:
    out = ["===", "title: Argument map of the Cambridge Commentary on Art. 51 AI Act", "==="]
    defined: set[str] = set()
    for issue in views["issues"]:
        out += ["", f"# {argdown_text(issue['label'])}", ""]
        out.append(f"[{issue['id']}]: {argdown_text(issue['question'])} #issue")
        ids = {p["id"] for p in issue["positions"]}
        for p in issue["positions"]:
            holders = [
                {"holder": _holder_text(h), "footnote": h["footnote"], "strength": h["strength"]} for h in p["holders"]
            ]
            data = _data({"holders": holders}) if holders else ""
            out += [
                "",
                f"[{p['id']}]: {argdown_text(p['label'])}{STANCE_TAG[p['endorsed_by_commentary_author']]} {data}",
            ]
            for x, y in sorted(alternative):
                if x == p["id"] and y in ids:
                    out.append(f"  >< [{y}]")
            for a in p["arguments"]:
                if not a.get("target_argument"):
                    out.append(f"  {'+' if a['relation'] == 'supports' else '-'} <{a['id']}>")
        for p in issue["positions"]:
            for a in p["arguments"]:
                if a["id"] in defined:
                    continue
                defined.add(a["id"])
                data = _data({"paragraph": a["paragraph"], "advanced_by": a["advanced_by"]})
                out += ["", f"<{a['id']}>: {argdown_text(a['label'])} #{a['kind']} {data}"]
                for b in p["arguments"]:
                    if b.get("target_argument") == a["id"]:
                        out.append(f"  {'+' if b['relation'] == 'supports' else '-'} <{b['id']}>")
    return "\n".join(out) + "\n"


# ---- GraphML ----------------------------------------------------------------------------------


def argument_graph(views: dict[str, Any], alternative: set[tuple[str, str]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for issue in views["issues"]:
        g.add_node(issue["id"], kind="issue", label=issue["label"], question=issue["question"])
        for p in issue["positions"]:
            stance = {True: "endorses", False: "rejects"}.get(p["endorsed_by_commentary_author"], "")
            g.add_node(p["id"], kind="position", label=p["label"], author_stance=stance)
            g.add_edge(p["id"], issue["id"], relation="on-issue")
            for h in p["holders"]:
                g.add_node(h["work_id"], kind="work", label=h["work"], authors="; ".join(h["authors"]))
                g.add_edge(
                    h["work_id"],
                    p["id"],
                    relation="holds",
                    footnote=h["footnote"],
                    pinpoint=h.get("pinpoint") or "",
                    strength=h["strength"],
                )
            for a in p["arguments"]:
                g.add_node(
                    a["id"], kind="argument", label=a["label"], argument_kind=a["kind"], paragraph=a["paragraph"]
                )
                g.add_edge(a["id"], a.get("target_argument") or p["id"], relation=a["relation"])
    for x, y in sorted(alternative):
        if x in g and y in g:
            g.add_edge(x, y, relation="alternative-to")
    return _dedupe(g)


def _dedupe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One edge per (source, target, relation, footnote): an argument listed under two positions
    of `kg views` is one edge."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(g.nodes(data=True))
    seen = set()
    for a, b, d in g.edges(data=True):
        key = (a, b, d["relation"], d.get("footnote"))
        if key not in seen:
            seen.add(key)
            out.add_edge(a, b, **d)
    return out


def agreement_graph(path: str | os.PathLike | None, issue_ids: set[str] | None) -> nx.Graph:
    from kg.argue.analytics import agreement_network, holder_positions

    issues = holder_positions(path)
    return agreement_network({k: v for k, v in issues.items() if issue_ids is None or k in issue_ids})


def _graphml(g: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue()


def export(fmt: str, path: str | os.PathLike | None = None, issue: str | None = None) -> bytes:
    """One export, of every issue or of those `issue` matches (an id or words of its label)."""
    views = show.views(issue, path)
    if issue and not views["issues"]:
        raise store.StoreError(f"no issue matches {issue!r}; `kg views` lists them all")
    alternative = alternatives(path)
    if fmt == "aif":
        return (json.dumps(to_aif(views, alternative), ensure_ascii=False, indent=1) + "\n").encode()
    if fmt == "argdown":
        return to_argdown(views, alternative).encode()
    if fmt == "graphml":
        return _graphml(argument_graph(views, alternative))
    if fmt == "agreement-graphml":
        return _graphml(agreement_graph(path, {i["id"] for i in views["issues"]} if issue else None))
    raise store.StoreError(f"unknown argument-map format {fmt!r}: use {', '.join(FORMATS)}")
