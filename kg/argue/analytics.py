"""Graph analytics over the argument layer (networkx): who sides with whom, which issues are
most contested, and which holders are attributed to two alternative positions.

The agreement network has one node per holder (scholar or organisation) and one edge per pair
that met on at least one issue, with `agree` and `disagree` counts; it exports to GraphML.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from kg.access.show import _authors, _local, _rows


def holder_positions(path=None) -> dict[str, dict[str, set[str]]]:
    """issue → position → set of holder names (authors, or the work's title for organisations)."""
    authors = _authors(path)
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in _rows("positions", path):
        out[_local(r["issue"])][_local(r["position"])]  # positions without holders still count
        if r["att"]:
            for name in authors.get(r["work"]) or [r["title"]]:
                out[_local(r["issue"])][_local(r["position"])].add(name)
    return out


def agreement_network(issues: dict[str, dict[str, set[str]]]) -> nx.Graph:
    g = nx.Graph()
    for issue, positions in issues.items():
        for holders in positions.values():
            for h in holders:
                g.add_node(h, label=h)
            for a, b in combinations(sorted(holders), 2):
                e = g.get_edge_data(a, b) or {"agree": 0, "disagree": 0, "issues": ""}
                g.add_edge(
                    a, b, agree=e["agree"] + 1, disagree=e["disagree"], issues=(e["issues"] + " " + issue).strip()
                )
        for (_p1, h1), (_p2, h2) in combinations(sorted(positions.items()), 2):
            for a in h1:
                for b in h2:
                    if a == b:
                        continue
                    e = g.get_edge_data(a, b) or {"agree": 0, "disagree": 0, "issues": ""}
                    g.add_edge(
                        a, b, agree=e["agree"], disagree=e["disagree"] + 1, issues=(e["issues"] + " " + issue).strip()
                    )
    return g


def contested(issues: dict[str, dict[str, set[str]]]) -> list[dict]:
    """Issues ranked by how evenly holders are split: the size of the second-largest camp, then holders."""
    ranked = []
    for issue, positions in issues.items():
        sizes = sorted((len(h) for h in positions.values()), reverse=True)
        ranked.append(
            {
                "issue": issue,
                "positions": len(positions),
                "holders": sum(sizes),
                "minority_camp": sizes[1] if len(sizes) > 1 else 0,
            }
        )
    return sorted(ranked, key=lambda r: (-r["minority_camp"], -r["holders"], r["issue"]))


def conflicts(issues: dict[str, dict[str, set[str]]]) -> list[dict]:
    """Holders attributed to two alternative positions on the same issue."""
    out = []
    for issue, positions in issues.items():
        for (p1, h1), (p2, h2) in combinations(sorted(positions.items()), 2):
            for h in sorted(h1 & h2):
                out.append({"holder": h, "issue": issue, "positions": [p1, p2]})
    return out


def analyse(path=None, graphml: str | None = None) -> dict:
    issues = holder_positions(path)
    g = agreement_network(issues)
    if graphml:
        nx.write_graphml(g, graphml)
    pairs = sorted(
        ((a, b, d) for a, b, d in g.edges(data=True)), key=lambda e: (-(e[2]["agree"] + e[2]["disagree"]), e[0], e[1])
    )
    return {
        "weight_of_opinion": weight_of_opinion(path),
        "holders": g.number_of_nodes(),
        "pairs": g.number_of_edges(),
        "most_contested": contested(issues)[:10],
        "conflicts": conflicts(issues),
        "sides_with": [{"a": a, "b": b, "agree": d["agree"], "disagree": d["disagree"]} for a, b, d in pairs[:25]],
    }


def weight_of_opinion(path=None) -> list[dict]:
    """Per issue: works and authors per position, the prevailing view where one is clearly wider,
    and the grounded extension's labels (kg.argue.weight; model outputs)."""
    from kg.access.show import views

    out = []
    for issue in views(None, path)["issues"]:
        prevailing = [p["id"] for p in issue["positions"] if p["weight"]["prevailing"]]
        labels = [a["accepted"] for p in issue["positions"] for a in p["arguments"]]
        out.append(
            {
                "issue": issue["id"],
                "positions": {p["id"]: {k: p["weight"][k] for k in ("works", "authors")} for p in issue["positions"]},
                "prevailing": prevailing[0] if prevailing else None,
                "arguments": {lab: labels.count(lab) for lab in ("in", "out", "undecided")},
            }
        )
    return out
