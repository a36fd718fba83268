"""The citator: decisions next to the commentary that supports or opposes them (`kg decisions`).

`decisions()` reads back from the store what the rules of queries/rules/ derived for each holding
and puts it in the words of `kg views`: the supporting and opposing holders are the very holder
objects `kg views --json` gives (looked up by position, footnote and work), so the two can be
compared one to one. `add_decision()` is the one way a decision gets into sources/decisions/: it
checks the file against a full build first, and writes the file and the store only when all holds.

    decisions(decision_id="C(2025) 5045 final")[0]["holdings"][0]["position"]
    == "a51-1a-classification-by-operation-of-law"    # para 27, reported in footnote 71
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

from kg.access import show
from kg.argue import decisions as dec
from kg.graph import queries, store
from kg.graph.vocab import slug

Store = str | os.PathLike | None


def _rows(name: str, path: Store, **params: str | None) -> list[dict]:
    """A named query's rows; a parameter given as None is left open (`VALUES ?name { UNDEF }`)."""
    nq = queries.get(name)
    sparql = queries.bind(nq, {k: v for k, v in params.items() if v is not None}, lambda q: [])
    for key in (k for k, v in params.items() if v is None):
        sparql = re.sub(r"VALUES\s+\?" + key + r"\s*\{[^}]*\}", f"VALUES ?{key} {{ UNDEF }}", sparql, count=1)
    res = store.query(sparql, path, max_rows=1_000_000)
    return [dict(zip(res.columns, r, strict=True)) for r in res.rows]


def _local(iri: str | None) -> str | None:
    return show._local(iri) if iri else None


def _index_views(path: Store) -> tuple[dict, dict, dict, dict]:
    """From `kg views --json`: holders by (position, footnote, work), arguments by id (with the
    position they are listed under), positions and issues by id."""
    holders: dict[tuple[str, int, str], dict] = {}
    arguments: dict[str, dict] = {}
    positions: dict[str, dict] = {}
    issues: dict[str, dict] = {}
    for issue in show.views(None, path)["issues"]:
        issues[issue["id"]] = issue
        for p in issue["positions"]:
            positions[p["id"]] = p
            for h in p["holders"]:
                holders[(p["id"], h["footnote"], h["work_id"])] = h
            for a in p["arguments"]:
                arguments.setdefault(a["id"], {**a, "position": p["id"]})
    return holders, arguments, positions, issues


def _holding(rows: list[dict], views: tuple[dict, dict, dict, dict]) -> dict:
    holders, arguments, positions, issues = views
    first = rows[0]
    issue, position = _local(first["issue"]), _local(first["position"])
    by_role: dict[str, list[dict]] = defaultdict(list)
    rules: dict[str, set[str]] = defaultdict(set)
    seen = set()
    for r in rows:
        if r["role"] is None:
            continue
        key = (
            r["role"],
            r["attPosition"],
            r["footnote"],
            r["work"],
            r["argument"],
            r["linkedPosition"],
            r["viewPosition"],
        )
        if key in seen:
            continue
        seen.add(key)
        by_role[r["role"]].append(r)
        rules[r["role"]].add(str(_local(r["rule"])))

    def side(role: str) -> list[dict]:
        found = [holders[(_local(r["attPosition"]), int(r["footnote"]), _local(r["work"]))] for r in by_role[role]]
        return sorted(found, key=lambda h: (h["footnote"], h["work_id"]))

    def args(role: str) -> list[dict]:
        found = [{**arguments[a], "rule": sorted(rules[role])} for a in {_local(r["argument"]) for r in by_role[role]}]
        return sorted(found, key=lambda a: (a["paragraph"], a["id"]))

    views_basis = [
        {
            "position": _local(r["viewPosition"]),
            "stance": r["viewStance"],
            "paragraph": positions[str(_local(r["viewPosition"]))]["author_view_paragraph"],
        }
        for role in ("author-agrees", "author-disagrees")
        for r in by_role[role]
    ]
    agrees, disagrees = bool(by_role["author-agrees"]), bool(by_role["author-disagrees"])
    return {
        "issue": issue,
        "issue_label": issues[str(issue)]["label"] if issue in issues else None,
        "position": position,
        "position_label": positions[str(position)]["label"] if position in positions else None,
        "stance": first["stance"],
        "pinpoint": first["pinpoint"],
        "reported_in": int(first["reportedIn"]) if first["reportedIn"] else None,
        "upholds": sorted(str(_local(r["linkedPosition"])) for r in by_role["upholds"]),
        "overrules": sorted(str(_local(r["linkedPosition"])) for r in by_role["overrules"]),
        "supporting": side("supporting"),
        "opposing": side("opposing"),
        "arguments_for": args("argument-for"),
        "arguments_against": args("argument-against"),
        "unanswered": args("unanswered"),
        "author_view": "mixed" if agrees and disagrees else "agrees" if agrees else "disagrees" if disagrees else None,
        "author_view_basis": sorted(views_basis, key=lambda v: str(v["position"])),
        "derived_by": {role: sorted(names) for role, names in sorted(rules.items())},
    }


def decisions(store: Store = None, decision_id: str | None = None) -> list[dict]:
    """Every decision (or the one with `decision_id`) with its holdings: the `kg decisions --json` shape."""
    out: dict[str, dict] = {}
    for r in _rows("decision-list", store):
        if decision_id and r["decisionId"] != decision_id:
            continue
        d = out.setdefault(
            r["decisionId"],
            {
                "id": r["decisionId"],
                "kind": r["kind"],
                "kind_label": r["kindLabel"],
                "date": r["date"],
                "title": r["title"],
                "author": r["author"],
                "url": r["url"],
                "provisions": [],
                "invented": r["invented"] == "true",
                "work_id": r["work"],
                "holdings": [],
                "cited_for": [],
            },
        )
        if r["provision"] and r["provision"] not in d["provisions"]:
            d["provisions"].append(r["provision"])
    if not out:
        return []
    views = _index_views(store)
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in _rows("commentary-on-decision", store, decisionId=decision_id):
        grouped[(r["decisionId"], r["holding"])].append(r)
    for (ident, _holding_iri), rows in sorted(
        grouped.items(), key=lambda kv: (kv[0][0], int(kv[0][1].rsplit("/", 1)[1]))
    ):
        if ident in out:
            out[ident]["holdings"].append(_holding(rows, views))
    for r in _rows("decision-authorities", store):
        if r["decisionId"] in out:
            a = views[1].get(str(_local(r["argument"])), {"id": _local(r["argument"])})
            out[r["decisionId"]]["cited_for"].append(
                {
                    "argument": a["id"],
                    "label": a.get("label"),
                    "paragraph": a.get("paragraph"),
                    "relation": a.get("relation"),
                    "position": a.get("position"),
                    "footnote": int(r["footnote"]),
                    "pinpoint": r["pinpoint"],
                    "source": {
                        "document": r["document"],
                        "start": int(r["start"]),
                        "end": int(r["end"]),
                        "excerpt": r["excerpt"],
                    },
                }
            )
    return list(out.values())


# ---- adding a decision ------------------------------------------------------------------------


def _text_of(decision: dict | str) -> str:
    if isinstance(decision, str):
        return decision
    clean = {k: v for k, v in decision.items() if v not in (None, "", [])}
    return yaml.safe_dump(clean, allow_unicode=True, sort_keys=False)


def add_decision(
    decision: dict | str | Path,
    store_path: Store = None,
    sources_root: Path | None = None,
    dry_run: bool = False,
) -> dict:
    """Check a decision (a file, YAML text, or a dict from a form) against a full build; unless
    `dry_run`, copy it into sources/decisions/ and swap the rebuilt graph into the store.
    Raises DecisionError (file, field, reason) and changes nothing when anything fails."""
    from kg.build import SOURCES, Sources, compile_graph

    root = sources_root or SOURCES
    folder = root / "decisions"
    if isinstance(decision, Path):
        label, text = str(decision), dec.load_file(decision).source_bytes.decode("utf-8")
        name = decision.name
    else:
        text = _text_of(decision)
        label = "the decision form" if isinstance(decision, dict) else "the decision text"
        name = None
    parsed = dec.parse_text(text, label)
    name = name if name and name.endswith((".yaml", ".yml")) else f"{slug(parsed.id)}.yaml"
    target = folder / name
    if target.exists():
        raise dec.DecisionError(
            label, None, None, f"{target} already exists: a decision file of that name is in the sources"
        )
    with tempfile.TemporaryDirectory(prefix="kg-decision-") as tmp:
        candidate = Path(tmp) / name
        candidate.write_text(text, encoding="utf-8")
        sources = Sources.default(root=root)
        sources.extra_decisions = [candidate]
        try:
            result = compile_graph(sources, validate=True)
        except dec.DecisionError as e:
            raise dec.DecisionError(label if e.file == str(candidate) else e.file, e.line, e.field, e.reason) from None
        skipped = [x for x in result.argument_report.get("decisions_skipped", []) if x.startswith(str(candidate))]
        if skipped:
            reason = skipped[0][len(str(candidate)) :].strip(" ()")
            raise dec.DecisionError(label, parsed.line, "commentary", f"not applied to the graph: {reason}")
        if dry_run:
            return {"id": parsed.id, "file": str(target), "written": False}
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.tmp"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
        try:
            store.replace(result.quads, store_path)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return {"id": parsed.id, "file": str(target), "written": True, "triples": len(set(result.quads))}


def decision(store: Store = None, decision_id: str = "") -> dict | None:
    """One decision in the `kg decisions --json` shape, or None when there is none with that id."""
    found = decisions(store, decision_id)
    return found[0] if found else None
