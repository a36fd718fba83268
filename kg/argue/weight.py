"""Weight of opinion and acceptability, computed over `kg views` (model outputs, never verdicts).

Weight: per position, the distinct works and authors holding it, a work counted once per
position however often it is cited. A position is marked `prevailing` only when it is clearly
wider: at least three works and at least twice the works of every other position on the issue (an
issue with one position has no prevailing view).
E.g. automatic classification (fn 69 vs 70–75): 7 works for a decision requirement, 3 against
→ the decision requirement is marked prevailing, with both counts shown.

Acceptability: the issue's arguments as a Dung abstract argumentation framework (networkx
DiGraph): an argument attacking an argument attacks it; an argument attacking a position attacks
every argument supporting that position; supports are kept as edges of their own. The grounded
extension (least fixed point of the characteristic function) labels each argument `in`, `out`
or `undecided`.
"""

from __future__ import annotations

import networkx as nx

PREVAILING_MIN_WORKS = 3
PREVAILING_RATIO = 2


def weight(position: dict) -> dict:
    """Distinct works and authors of a `kg views` position (organisations count as authors)."""
    works = {h["work_id"] for h in position["holders"]}
    authors = {a for h in position["holders"] for a in (h["authors"] or [h["work"]])}
    return {"works": len(works), "authors": len(authors), "citations": len(position["holders"])}


def weigh_issue(issue: dict) -> None:
    """Set `weight` on every position of an issue and mark a clearly wider one as prevailing."""
    for p in issue["positions"]:
        p["weight"] = weight(p) | {"prevailing": False}
    ranked = sorted(issue["positions"], key=lambda p: -p["weight"]["works"])
    if len(ranked) < 2:
        return  # one position: nothing to be wider than
    top, rest = ranked[0]["weight"], [p["weight"]["works"] for p in ranked[1:]]
    if top["works"] >= PREVAILING_MIN_WORKS and all(top["works"] >= PREVAILING_RATIO * n for n in rest):
        top["prevailing"] = True
        top["basis"] = f"{top['works']} works against at most {max(rest, default=0)} for any other position"


def framework(issue: dict) -> nx.DiGraph:
    """The issue's arguments with `attack` and `support` edges."""
    g = nx.DiGraph()
    supporting: dict[str, list[str]] = {}
    args = [(p["id"], a) for p in issue["positions"] for a in p["arguments"]]
    for pid, a in args:
        g.add_node(a["id"])
        if a["relation"] == "supports" and "target_argument" not in a:
            supporting.setdefault(pid, []).append(a["id"])
    for pid, a in args:
        if a["relation"] != "attacks":
            continue
        if "target_argument" in a:
            g.add_edge(a["id"], a["target_argument"], relation="attack")
        else:
            for b in supporting.get(pid, []):
                g.add_edge(a["id"], b, relation="attack")
    for _, a in args:
        if a["relation"] == "supports" and "target_argument" in a:
            g.add_edge(a["id"], a["target_argument"], relation="support")
    return g


def grounded(g: nx.DiGraph) -> dict[str, str]:
    """Grounded labelling: `in` when every attacker is out, `out` when some attacker is in."""
    attackers = {n: [u for u, _, d in g.in_edges(n, data=True) if d.get("relation") == "attack"] for n in g}
    label: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for n in g:
            if n in label:
                continue
            if all(label.get(u) == "out" for u in attackers[n]):
                label[n], changed = "in", True
            elif any(label.get(u) == "in" for u in attackers[n]):
                label[n], changed = "out", True
    return {n: label.get(n, "undecided") for n in g}


def annotate(views: dict) -> dict:
    """Add `weight` per position and `accepted` per argument to a `kg views` answer."""
    for issue in views["issues"]:
        weigh_issue(issue)
        labels = grounded(framework(issue))
        for p in issue["positions"]:
            for a in p["arguments"]:
                a["accepted"] = labels.get(a["id"], "undecided")
    views["model_outputs"] = {
        "weight": "distinct works and authors per position; 'prevailing' marks a clearly wider position "
        f"(at least {PREVAILING_MIN_WORKS} works and {PREVAILING_RATIO}x any other), a count, not a verdict",
        "accepted": "grounded extension of the issue's abstract argumentation framework (in / out / undecided); "
        "a model output, not a legal assessment",
    }
    return views
