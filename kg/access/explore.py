"""Explore: what the researcher's app shows, as plain records and DataFrames, read from the store.

The app's pages (kg/access/app/) only lay these out; every query and every piece of graph logic
is here, tested without a browser. Input from a URL (an issue, provision, scholar or work key) is
checked against a strict pattern before it goes into a query, and an unknown key gives None
(the page says "not found"), never an exception.

On the commentary, `issue_table(views())` lists the flagship issue (automatic classification
under Art. 51(1)(a)) first, and `provision("art_52__para_1__sent_3")["label"]` is
'Art. 52(1) AI Act, third sentence'. A provision label rolls up to its article:

    >>> _base("Art. 52(1) AI Act, third sentence")
    'Art. 52(1)'
"""

from __future__ import annotations

import io
import os
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from kg.access import api, argument_maps, results, show
from kg.graph import queries, store
from kg.graph.vocab import position_iri, provision_iri, work_iri

KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,200}")
WORKBENCH_ROWS = 1_000
WORKBENCH_TIMEOUT_S = 10.0
Row = dict[str, Any]

# ---- where queries run: the one seam between the app and the store ---------------------------


@dataclass
class Outcome:
    """A query's answer as the workbench shows it: a table, its SPARQL JSON, and the limits hit."""

    kind: str  # select | ask | graph
    table: pd.DataFrame
    sparql_json: bytes
    seconds: float
    truncated: bool = False
    boolean: bool | None = None
    max_rows: int = WORKBENCH_ROWS

    @property
    def records(self) -> list[Row]:
        return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in self.table.to_dict("records")]


class QueryError(Exception):
    """A query that cannot run, with the line and column of a syntax error when there is one."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def run(
    sparql: str,
    path: str | os.PathLike | None = None,
    max_rows: int = WORKBENCH_ROWS,
    timeout: float = WORKBENCH_TIMEOUT_S,
    params: dict[str, str] | None = None,
) -> Outcome:
    """Run a read-only query (SPARQL text, or a named query with its parameters) within a row and
    time limit, on the embedded store or on $KG_SPARQL_ENDPOINT (kg.access.api.open_graph).

    The one place where the app's queries meet the graph."""
    start = time.perf_counter()
    try:
        graph = api.open_graph(path, max_rows=max_rows, timeout=timeout)
        res = graph.run(sparql, params or None)
    except (store.StoreError, queries.QueryError, KeyError) as e:
        message = str(e).strip("\"'")
        m = re.search(r"at line (\d+), column (\d+)", message)
        raise QueryError(message, int(m[1]), int(m[2])) if m else QueryError(message) from None
    seconds = time.perf_counter() - start
    data = results.to_json(res).encode("utf-8")
    if res.kind == "ask":
        return Outcome(res.kind, pd.DataFrame({"answer": [res.boolean]}), data, seconds, boolean=res.boolean)
    table = pd.DataFrame(res.rows, columns=res.columns, dtype=object)
    return Outcome(res.kind, table, data, seconds, res.truncated, max_rows=max_rows)


def rows(sparql: str, path: str | os.PathLike | None = None) -> list[Row]:
    """The rows of one of our own queries (no row limit that could cut a view short)."""
    try:
        return run(sparql, path, max_rows=1_000_000, timeout=60).records
    except QueryError as e:
        raise store.StoreError(str(e)) from None


def _key(value: str | None) -> str | None:
    """A key from a URL, if it is one (anything else cannot name a node: not found)."""
    return value if value and KEY.fullmatch(value) else None


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def csv_bytes(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False).encode("utf-8")


# ---- issues and argument maps ----------------------------------------------------------------


def views(path: str | os.PathLike | None = None) -> dict:
    """Every issue with its positions, holders and arguments (`kg views`)."""
    return show.views(None, path)


def _base(label: str) -> str:
    """`Art. 52(1) AI Act, third sentence` → `Art. 52(1)` (for rolling sub-provisions up)."""
    return label.split(" AI Act")[0].split(",")[0].strip()


def provision_filter_options(v: dict) -> list[str]:
    """Articles, paragraphs and recitals the issues concern, for the filter (sub-provisions roll up)."""
    out: set[str] = set()
    for i in v["issues"]:
        for label in i["provisions"]:
            base = _base(label)
            out.add(base)
            out.add(re.sub(r"\(.*$", "", base))
    return sorted(out, key=lambda s: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s)])


def _concerns(issue: dict, provision_label: str) -> bool:
    return any(
        _base(label) == provision_label or _base(label).startswith(provision_label + "(")
        for label in issue["provisions"]
    )


def _natural(key: str) -> list:
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", key)]


def chapter_options(v: dict) -> dict[str, str]:
    """The chapters the issues come from, key → label (`article-52` → `Article 52`), in order."""
    keys = sorted({i["chapter"] for i in v["issues"]}, key=_natural)
    return {k: re.sub(r"^article-(\w+)$", r"Article \1", k) for k in keys}


def issue_table(
    v: dict, words: str = "", provision_label: str | None = None, chapter: str | None = None
) -> pd.DataFrame:
    """The issues, most contested first: those where two or more camps have holders, by number of
    holder works; searchable by words, filterable by provision (sub-provisions roll up) and by
    chapter (its key, `article-52`)."""
    recs = []
    needle = [w for w in re.split(r"\W+", words.lower()) if w]
    for i in v["issues"]:
        if chapter and i["chapter"] != chapter:
            continue
        text = f"{i['label']} {i['question']}".lower()
        if needle and not all(w in text for w in needle):
            continue
        if provision_label and not _concerns(i, provision_label):
            continue
        held = [p for p in i["positions"] if p["holders"]]
        recs.append(
            {
                "id": i["id"],
                "issue": i["label"],
                "question": i["question"],
                "positions": len(i["positions"]),
                "contested by": len(held),
                "holders": sum(len({h["work_id"] for h in p["holders"]}) for p in i["positions"]),
                "paragraphs": ", ".join(str(n) for n in i["paragraphs"]),
                "provisions": "; ".join(i["provisions"]),
            }
        )
    table = pd.DataFrame(
        recs, columns=["id", "issue", "question", "positions", "contested by", "holders", "paragraphs", "provisions"]
    )
    table["contested"] = table["contested by"] >= 2  # at least two camps have holders
    table = table.sort_values(["contested", "holders", "contested by"], ascending=False, kind="stable")
    return table.drop(columns=["contested"]).reset_index(drop=True)


def find_issue(v: dict, key: str | None) -> dict | None:
    key = _key(key)
    return next((i for i in v["issues"] if i["id"] == key), None)


def weight_of_opinion(issue: dict) -> pd.DataFrame:
    """Per position: distinct holder works, explicit ones, footnotes, share of the issue's holders."""
    recs = []
    total = sum(len({h["work_id"] for h in p["holders"]}) for p in issue["positions"]) or 1
    for p in issue["positions"]:
        works = {h["work_id"] for h in p["holders"]}
        recs.append(
            {
                "position": p["label"],
                "works": len(works),
                "explicit": len({h["work_id"] for h in p["holders"] if h["strength"] == "explicit"}),
                "footnotes": len({h["footnote"] for h in p["holders"]}),
                "share": f"{len(works) / total:.0%}",
                "author's view": {True: "endorses", False: "rejects", None: ""}[p["endorsed_by_commentary_author"]],
            }
        )
    return pd.DataFrame(recs, columns=["position", "works", "explicit", "footnotes", "share", "author's view"])


def holders_table(position: dict) -> pd.DataFrame:
    recs = [
        {
            "authors": " and ".join(h["authors"]),
            "work": h["work"],
            "footnote": h["footnote"],
            "pinpoint": h["pinpoint"] or "",
            "signal": h["signal"] or "",
            "strength": h["strength"],
        }
        for h in position["holders"]
    ]
    return pd.DataFrame(recs, columns=["authors", "work", "footnote", "pinpoint", "signal", "strength"])


def arguments_table(position: dict) -> pd.DataFrame:
    recs = [
        {
            "paragraph": a["paragraph"],
            "relation": a["relation"] + (" an argument" if "target_argument" in a else " the position"),
            "kind": a["kind"],
            "argument": a["label"],
            "advanced by": a["advanced_by"],
        }
        for a in position["arguments"]
    ]
    return pd.DataFrame(recs, columns=["paragraph", "relation", "kind", "argument", "advanced by"])


def author_views(issue: dict, path: str | os.PathLike | None = None) -> list[Row]:
    """The commentary author's stance on the issue's positions, with the exact words that state it."""
    keys = " ".join(f"<{position_iri(p['id'])}>" for p in issue["positions"] if _key(p["id"]))
    if not keys:
        return []
    recs = rows(
        f"""SELECT ?position ?stance ?paragraph ?quote ?author WHERE {{
          VALUES ?position {{ {keys} }}
          ?view kg:viewOf ?position ; kg:stance ?stance ; kg:statedIn/kg:marginNumber ?paragraph .
          OPTIONAL {{ ?view prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }}
          OPTIONAL {{ ?view prov:wasAttributedTo/foaf:name ?author }}
        }} ORDER BY ?paragraph""",
        path,
    )
    label = {p["id"]: p["label"] for p in issue["positions"]}
    return [
        {
            "position": label[_local(r["position"])],
            "position_id": _local(r["position"]),
            "stance": r["stance"],
            "paragraph": int(r["paragraph"]),
            "quote": r["quote"],
            "author": r["author"] or "the commentary's author",
        }
        for r in recs
    ]


def footnote_texts(numbers: list[int], path: str | os.PathLike | None = None) -> dict[int, str]:
    """The text of the given footnotes (of every commentary in the store), by number."""
    if not numbers:
        return {}
    values = " ".join(str(int(n)) for n in sorted(set(numbers)))
    recs = rows(
        f"SELECT ?n ?text WHERE {{ VALUES ?n {{ {values} }} ?f a kg:Footnote ; kg:footnoteNumber ?n ; kg:text ?text }}",
        path,
    )
    return {int(r["n"]): r["text"] for r in recs}


# ---- the map as a graph: one networkx graph, drawn by cytoscape, exported as GraphML/PNG/SVG ---------


def map_graph(issue: dict) -> nx.DiGraph:
    """Issue, positions, holders (works), arguments and the author's view as one directed graph.

    Edges carry `relation`: on (position → issue), holds (work → position), supports / attacks
    (argument → position or argument), endorses / rejects (author → position)."""
    g = nx.DiGraph()
    g.add_node(issue["id"], kind="issue", label=issue["label"])
    for p in issue["positions"]:
        g.add_node(p["id"], kind="position", label=p["label"])
        g.add_edge(p["id"], issue["id"], relation="on")
        for h in p["holders"]:
            w = "work:" + h["work_id"]
            who = " and ".join(h["authors"]) or h["work"]
            g.add_node(w, kind="holder", label=f"{who}, ‘{h['work']}’")
            notes = (
                g.edges[w, p["id"]]["footnotes"] + f", {h['footnote']}"
                if g.has_edge(w, p["id"])
                else str(h["footnote"])
            )
            g.add_edge(w, p["id"], relation="holds", footnotes=notes)
        for a in p["arguments"]:
            g.add_node(a["id"], kind="argument", label=f"para {a['paragraph']}: {a['label']}", paragraph=a["paragraph"])
            g.add_edge(a["id"], a.get("target_argument", p["id"]), relation=a["relation"])
        if p["endorsed_by_commentary_author"] is not None:
            g.add_node("commentary-author", kind="author", label="Commentary author")
            g.add_edge(
                "commentary-author", p["id"], relation="endorses" if p["endorsed_by_commentary_author"] else "rejects"
            )
    return g


def map_layout(g: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """A fixed layout that reads like the page: the issue on top, positions side by side, each
    with its holders on the left and the arguments on it (and those attacking them) on the right."""
    at: dict[str, tuple[float, float]] = {}
    positions = [n for n, d in g.nodes(data=True) if d["kind"] == "position"]
    for i, p in enumerate(positions):
        x = i * 900.0
        at[p] = (x, 200.0)
        holders = [s for s, _, d in g.in_edges(p, data=True) if d["relation"] == "holds"]
        for j, h in enumerate(holders):
            at.setdefault(h, (x - 260.0, 320.0 + 60.0 * j))
        column = [s for s, _, d in g.in_edges(p, data=True) if d["relation"] in ("supports", "attacks")]
        row = 0
        for a in column:
            at[a] = (x + 180.0, 320.0 + 70.0 * row)
            for k, b in enumerate(
                s for s, _, d in g.in_edges(a, data=True) if d["relation"] in ("supports", "attacks")
            ):
                at[b] = (x + 480.0, 320.0 + 70.0 * (row + k))
                row = max(row, row + k)
            row += 1
    issue = next((n for n, d in g.nodes(data=True) if d["kind"] == "issue"), None)
    width = 900.0 * max(len(positions) - 1, 0)
    if issue:
        at[issue] = (width / 2, 0.0)
    if "commentary-author" in g:
        at["commentary-author"] = (width / 2, 120.0)
    for n in g:  # anything left (an argument attacking an argument of another position)
        at.setdefault(n, (width + 400.0, 320.0 + 70.0 * len(at)))
    return at


def cytoscape_elements(g: nx.DiGraph) -> list[dict]:
    """Elements for st-cytoscape; labels are drawn on a canvas as text, never parsed as markup."""
    at = map_layout(g)
    nodes = [
        {
            "data": {"id": n, "label": _short(d["label"]), "kind": d["kind"]},
            "classes": d["kind"],
            "position": {"x": at[n][0], "y": at[n][1]},
        }
        for n, d in g.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"{s}->{t}", "source": s, "target": t, "relation": d["relation"]}, "classes": d["relation"]}
        for s, t, d in g.edges(data=True)
    ]
    return nodes + edges


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


MAP_STYLE = [
    {
        "selector": "node",
        "style": {
            "label": "data(label)",
            "font-size": 11,
            "text-wrap": "wrap",
            "text-max-width": 220,
            "text-valign": "bottom",
        },
    },
    {
        "selector": ".issue",
        "style": {"shape": "round-rectangle", "background-color": "#333", "width": 40, "height": 40},
    },
    {
        "selector": ".position",
        "style": {
            "shape": "diamond",
            "background-color": "#1f77b4",
            "width": 30,
            "height": 30,
            "text-valign": "top",
            "font-weight": "bold",
        },
    },
    {"selector": ".holder", "style": {"background-color": "#9467bd", "width": 16, "height": 16}},
    {"selector": ".argument", "style": {"shape": "round-rectangle", "background-color": "#bbb", "width": 18}},
    {"selector": ".author", "style": {"shape": "star", "background-color": "#ff7f0e", "width": 30, "height": 30}},
    {"selector": "edge", "style": {"curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.5}},
    {"selector": ".supports", "style": {"line-color": "#2ca02c", "target-arrow-color": "#2ca02c"}},
    {
        "selector": ".attacks",
        "style": {
            "line-color": "#d62728",
            "target-arrow-color": "#d62728",
            "line-style": "dashed",
            "target-arrow-shape": "tee",
        },
    },
    {"selector": ".holds", "style": {"line-color": "#9467bd", "target-arrow-color": "#9467bd"}},
    {"selector": ".endorses", "style": {"line-color": "#ff7f0e", "target-arrow-color": "#ff7f0e", "width": 3}},
    {"selector": ".rejects", "style": {"line-color": "#ff7f0e", "line-style": "dotted", "target-arrow-shape": "tee"}},
    {"selector": ".on", "style": {"line-color": "#333", "target-arrow-color": "#333"}},
]


def graphml_bytes(g: nx.DiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue()


EDGE_COLOURS = {"supports": "#2ca02c", "attacks": "#d62728", "holds": "#9467bd", "on": "#333333"}
NODE_COLOURS = {
    "issue": "#333333",
    "position": "#1f77b4",
    "holder": "#9467bd",
    "argument": "#bbbbbb",
    "author": "#ff7f0e",
}


def map_image(g: nx.DiGraph, fmt: str = "png") -> bytes:
    """The map drawn with matplotlib (PNG or SVG): support solid green, attack dashed red."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(14, 10))
    pos = {n: (x, -y) for n, (x, y) in map_layout(g).items()}
    for rel, colour in EDGE_COLOURS.items():
        es = [(s, t) for s, t, d in g.edges(data=True) if d["relation"] == rel]
        nx.draw_networkx_edges(g, pos, es, ax=ax, edge_color=colour, style="dashed" if rel == "attacks" else "solid")
    es = [(s, t) for s, t, d in g.edges(data=True) if d["relation"] in ("endorses", "rejects")]
    nx.draw_networkx_edges(g, pos, es, ax=ax, edge_color="#ff7f0e", width=2.5)
    nx.draw_networkx_nodes(
        g, pos, ax=ax, node_color=[NODE_COLOURS[d["kind"]] for _, d in g.nodes(data=True)], node_size=120
    )
    labels = {n: _short(d["label"], 40) for n, d in g.nodes(data=True)}
    nx.draw_networkx_labels(g, pos, labels, ax=ax, font_size=6)
    ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


# ---- provisions ---------------------------------------------------------------------------------


def provisions(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Every provision whose text the graph holds (Art. 3(63)–(65), 51, 52, Annex XIII, Recitals
    111–113 …), at its finest grain, in the order of the act, with its parent."""
    recs = rows(
        """SELECT ?key ?label ?text ?parent ?ordinal WHERE {
          ?p a kg:Provision ; dcterms:identifier ?key ; rdfs:label ?label ; kg:text ?text ;
             kg:instrument <http://data.europa.eu/eli/reg/2024/1689/oj> .
          FILTER(STRLEN(?text) > 0)
          OPTIONAL { ?p eli:is_part_of/dcterms:identifier ?parent }
          OPTIONAL { ?p kg:ordinal ?ordinal }
        }""",
        path,
    )
    table = pd.DataFrame(recs, columns=["key", "label", "text", "parent", "ordinal"])
    table["order"] = table["key"].map(_provision_order)
    return table.sort_values("order").drop(columns=["order", "ordinal"]).reset_index(drop=True)


def _provision_order(key: str) -> list:
    kinds = {"art": 1, "anx": 2, "rct": 3}
    roman = {"I": 1, "V": 5, "X": 10}
    out: list = []
    for part in key.split("__"):
        name, _, num = part.partition("_")
        if name == "anx" and num and set(num) <= set(roman):
            num = str(sum(roman[c] for c in num))  # good enough to order XI, XII, XIII
        out.append((kinds.get(name, 0), int(num) if num.isdigit() else 0, num))
    return out


def provision(key: str | None, path: str | os.PathLike | None = None) -> dict | None:
    """One provision with its sub-provisions' texts; None when the key names no provision."""
    key = _key(key)
    if key is None:
        return None
    table = provisions(path)
    own = table[table["key"] == key]
    subs = table[table["key"].str.startswith(key + "__")]
    if own.empty and subs.empty:
        return None
    if own.empty:  # an article or recital known only through its parts
        label = rows(f"SELECT ?label WHERE {{ <{provision_iri(key)}> rdfs:label ?label }}", path)
        head = {"key": key, "label": label[0]["label"] if label else key, "text": "", "parent": None}
    else:
        head = own.iloc[0].to_dict()
    return {**head, "parts": subs.to_dict("records")}


def provision_discussion(key: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Margin paragraphs and footnotes that refer to the provision or to any of its sub-provisions."""
    if _key(key) is None:
        return pd.DataFrame(columns=["kind", "number", "refers to", "words"])
    iri = provision_iri(key)
    recs = rows(
        f"""SELECT ?kind ?number ?label ?words WHERE {{
          ?sub eli:is_part_of* <{iri}> .
          ?ref a kg:ProvisionReference ; kg:refersTo ?sub ; kg:inText ?in ; rdfs:label ?label ;
               prov:wasDerivedFrom/oa:hasSelector/oa:exact ?words .
          {{ ?in kg:marginNumber ?number . BIND("paragraph" AS ?kind) }}
          UNION {{ ?in kg:footnoteNumber ?number . BIND("footnote" AS ?kind) }}
        }}""",
        path,
    )
    table = pd.DataFrame(recs, columns=["kind", "number", "label", "words"]).rename(columns={"label": "refers to"})
    table["number"] = table["number"].astype(int)
    return table.drop_duplicates().sort_values(["kind", "number"], ascending=[False, True]).reset_index(drop=True)


def provision_issues(key: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The issues that concern the provision or one of its sub-provisions."""
    if _key(key) is None:
        return pd.DataFrame(columns=["id", "issue", "provision"])
    recs = rows(
        f"""SELECT DISTINCT ?issue ?label ?provision WHERE {{
          ?sub eli:is_part_of* <{provision_iri(key)}> .
          ?issue a kg:InterpretiveIssue ; kg:concernsProvision ?sub ; rdfs:label ?label .
          ?sub rdfs:label ?provision .
        }} ORDER BY ?label""",
        path,
    )
    table = pd.DataFrame(
        [{"id": _local(r["issue"]), "issue": r["label"], "provision": r["provision"]} for r in recs],
        columns=["id", "issue", "provision"],
    )
    return table.groupby(["id", "issue"], as_index=False, sort=False).agg({"provision": "; ".join})


# ---- scholars and works -------------------------------------------------------------------------


def holdings(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Who holds what: one row per holder (person or institution), position and footnote."""
    recs = rows(
        """SELECT ?holder ?name ?position ?positionLabel ?issue ?issueLabel ?work ?title ?footnote ?pinpoint ?strength
        WHERE {
          ?att a kg:Attribution ; kg:holder ?holder ; kg:attributes ?position ; kg:holderWork ?work ;
               kg:atFootnote/kg:footnoteNumber ?footnote ; kg:strength/skos:notation ?strength .
          ?holder foaf:name ?name . ?work dcterms:title ?title .
          ?position rdfs:label ?positionLabel ; kg:onIssue ?issue . ?issue rdfs:label ?issueLabel .
          OPTIONAL { ?att kg:pinpoint ?pinpoint }
        }""",
        path,
    )
    cols = ["holder", "name", "position", "positionLabel", "issue", "issueLabel", "work", "title", "footnote"]
    table = pd.DataFrame(recs, columns=[*cols, "pinpoint", "strength"])
    for c in ("holder", "position", "issue", "work"):
        table[c] = table[c].map(_local)
    table["footnote"] = table["footnote"].astype(int)
    return table.sort_values(["name", "issue", "footnote"]).reset_index(drop=True)


def scholars(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Every person or institution with a work in the graph, with how many works and positions."""
    recs = rows(
        """SELECT ?who ?name (COUNT(DISTINCT ?work) AS ?works) WHERE {
          ?work a kg:Work ; dcterms:creator ?who . ?who foaf:name ?name .
        } GROUP BY ?who ?name""",
        path,
    )
    held = holdings(path).groupby("holder")["position"].nunique()
    table = pd.DataFrame(
        [{"key": _local(r["who"]), "name": r["name"], "works": int(r["works"])} for r in recs],
        columns=["key", "name", "works"],
    )
    table["positions"] = table["key"].map(held).fillna(0).astype(int)
    return table.sort_values(["positions", "name"], ascending=[False, True]).reset_index(drop=True)


def works_of(key: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    if _key(key) is None:
        return pd.DataFrame(columns=["key", "title", "year", "citations"])
    recs = rows(
        f"""SELECT ?work ?title ?year (COUNT(DISTINCT ?cit) AS ?citations) WHERE {{
          ?work dcterms:creator ?who ; dcterms:title ?title . FILTER(STRENDS(STR(?who), "/{key}"))
          OPTIONAL {{ ?work kg:year ?year }}
          OPTIONAL {{ ?cit cito:hasCitedEntity ?work }}
        }} GROUP BY ?work ?title ?year ORDER BY ?year ?title""",
        path,
    )
    return pd.DataFrame(
        [
            {"key": _local(r["work"]), "title": r["title"], "year": r["year"] or "", "citations": int(r["citations"])}
            for r in recs
        ],
        columns=["key", "title", "year", "citations"],
    )


@dataclass
class Agreement:
    """Who agrees (same position) and disagrees (an alternative position on the same issue)."""

    agrees: dict[tuple[str, str], int] = field(default_factory=dict)
    disagrees: dict[tuple[str, str], int] = field(default_factory=dict)


def agreement(h: pd.DataFrame) -> Agreement:
    held: dict[str, set[tuple[str, str]]] = defaultdict(set)  # holder → {(issue, position)}
    for r in h.itertuples():
        held[r.name].add((r.issue, r.position))
    out = Agreement()
    names = sorted(held)
    for a in names:
        for b in names:
            if a == b:
                continue
            same = len({p for _, p in held[a]} & {p for _, p in held[b]})
            other = sum(1 for i, p in held[a] for j, q in held[b] if i == j and p != q)
            if same:
                out.agrees[a, b] = same
            if other:
                out.disagrees[a, b] = other
    return out


def agreement_matrix(h: pd.DataFrame) -> pd.DataFrame:
    """Long form for a heatmap: scholar × scholar, positions shared minus positions opposed."""
    ag = agreement(h)
    names = sorted(set(h["name"]))
    recs = [
        {
            "scholar": a,
            "other": b,
            "agree": ag.agrees.get((a, b), 0),
            "disagree": ag.disagrees.get((a, b), 0),
            "score": ag.agrees.get((a, b), 0) - ag.disagrees.get((a, b), 0),
        }
        for a in names
        for b in names
        if a != b
    ]
    return pd.DataFrame(recs, columns=["scholar", "other", "agree", "disagree", "score"])


def allies_and_opponents(h: pd.DataFrame, name: str) -> pd.DataFrame:
    m = agreement_matrix(h)
    m = m[(m["scholar"] == name) & ((m["agree"] > 0) | (m["disagree"] > 0))]
    return m.drop(columns=["scholar"]).sort_values(["score", "other"], ascending=[False, True]).reset_index(drop=True)


def work(key: str | None, path: str | os.PathLike | None = None) -> dict | None:
    key = _key(key)
    if key is None:
        return None
    recs = rows(
        f"""SELECT ?title ?year ?kind ?name WHERE {{
          <{work_iri(key)}> dcterms:title ?title .
          OPTIONAL {{ <{work_iri(key)}> kg:year ?year }} OPTIONAL {{ <{work_iri(key)}> kg:workKind ?kind }}
          OPTIONAL {{ <{work_iri(key)}> dcterms:creator/foaf:name ?name }}
        }}""",
        path,
    )
    if not recs:
        return None
    return {
        "key": key,
        "title": recs[0]["title"],
        "year": recs[0]["year"],
        "kind": recs[0]["kind"],
        "authors": sorted({r["name"] for r in recs if r["name"]}),
    }


def citator(key: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Every place the commentary cites the work: footnote, margin paragraph, pinpoint, signal,
    how the citation characterises it (CiTO), and the citation's exact words."""
    cols = ["footnote", "paragraph", "pinpoint", "signal", "via footnote", "characterisation", "words"]
    if _key(key) is None:
        return pd.DataFrame(columns=cols)
    recs = rows(
        f"""SELECT ?footnote ?paragraph ?index ?pinpoint ?signal ?via ?text
                   (GROUP_CONCAT(DISTINCT STRAFTER(STR(?ch), "/cito/"); SEPARATOR=", ") AS ?characterisation) WHERE {{
          ?cit a kg:Citation ; cito:hasCitedEntity <{work_iri(key)}> ; kg:inFootnote ?fn ; kg:citationIndex ?index ;
               prov:wasDerivedFrom/oa:hasSelector/oa:exact ?text .
          ?fn kg:footnoteNumber ?footnote .
          OPTIONAL {{ ?fn kg:inParagraph/kg:marginNumber ?paragraph }}
          OPTIONAL {{ ?cit kg:pinpoint ?pinpoint }} OPTIONAL {{ ?cit kg:signal ?signal }}
          OPTIONAL {{ ?cit kg:viaFootnote/kg:footnoteNumber ?via }}
          OPTIONAL {{ ?cit cito:hasCitationCharacterization ?ch }}
        }} GROUP BY ?footnote ?paragraph ?index ?pinpoint ?signal ?via ?text""",
        path,
    )
    table = pd.DataFrame(
        [
            {
                "footnote": int(r["footnote"]),
                "paragraph": int(r["paragraph"]) if r["paragraph"] else None,
                "pinpoint": r["pinpoint"] or "",
                "signal": r["signal"] or "",
                "via footnote": r["via"] or "",
                "characterisation": r["characterisation"] or "",
                "words": r["text"],
                "index": int(r["index"]),
            }
            for r in recs
        ],
        columns=[*cols, "index"],
    )
    return table.sort_values(["footnote", "index"]).drop(columns=["index"]).reset_index(drop=True)


# ---- the commentary reader -----------------------------------------------------------------------


def sections(path: str | os.PathLike | None = None) -> pd.DataFrame:
    recs = rows(
        """SELECT ?document ?number ?title WHERE {
          ?s a kg:Section ; kg:sectionNumber ?number ; dcterms:title ?title ;
             prov:wasDerivedFrom/oa:hasSource/dcterms:identifier ?document .
        }""",
        path,
    )
    recs.sort(key=lambda r: (r["document"], [int(x) for x in re.findall(r"\d+", r["number"])]))
    return pd.DataFrame(recs, columns=["document", "number", "title"])


READER_CITATIONS = """SELECT ?document ?footnote ?index ?work ?title ?pinpoint WHERE {
  ?cit a kg:Citation ; kg:inFootnote ?fn ; kg:citationIndex ?index ; cito:hasCitedEntity ?work .
  ?work dcterms:title ?title .
  ?fn kg:footnoteNumber ?footnote ; prov:wasDerivedFrom/oa:hasSource/dcterms:identifier ?document .
  OPTIONAL { ?cit kg:pinpoint ?pinpoint }
}"""
READER_REFERENCES = """SELECT ?document ?kind ?number ?provision ?label WHERE {
  ?ref a kg:ProvisionReference ; kg:inText ?in ; kg:refersTo ?provision ; rdfs:label ?label .
  ?in prov:wasDerivedFrom/oa:hasSource/dcterms:identifier ?document .
  { ?in kg:footnoteNumber ?number . BIND("footnote" AS ?kind) }
  UNION { ?in kg:marginNumber ?number . BIND("paragraph" AS ?kind) }
}"""


def reference_links(path: str | os.PathLike | None = None) -> dict[tuple[str, str, int], list[Row]]:
    """Provision references by (document, paragraph|footnote, number): label, and the key when the
    provision's text is in the graph (so the reader can link to it)."""
    with_text = set(provisions(path)["key"])
    out: dict[tuple[str, str, int], list[Row]] = defaultdict(list)
    for r in rows(READER_REFERENCES, path):
        key = _local(r["provision"])
        out[r["document"], r["kind"], int(r["number"])].append(
            {"label": r["label"], "key": key if key in with_text else None}
        )
    return out


def reader(path: str | os.PathLike | None = None) -> list[Row]:
    """Margin paragraphs in order, each with its section, its footnotes (text, citations with
    their work keys, provision references) and its own provision references. (Lean queries of
    its own: the general `footnote-citations` and `text-provisions` carry every span's words.)"""
    authors: dict[str, list[str]] = defaultdict(list)
    for r in rows(queries.get("work-authors").sparql, path):
        authors[r["work"]].append(r["name"])
    cites: dict[tuple[str, int], list[tuple[int, Row]]] = defaultdict(list)
    for r in rows(READER_CITATIONS, path):
        c = {
            "work": r["title"],
            "work_id": _local(r["work"]),
            "authors": authors.get(r["work"], []),
            "pinpoint": r["pinpoint"],
        }
        cites[r["document"], int(r["footnote"])].append((int(r["index"]), c))
    refs = reference_links(path)
    notes: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for r in rows(queries.get("footnotes").sparql, path):
        key = (r["document"], int(r["number"]))
        f = {
            "commentary": r["document"],
            "number": key[1],
            "text": r["text"],
            "paragraph": int(r["paragraph"]) if r["paragraph"] else None,
            "marker_offset": int(r["marker"]) if r["marker"] else None,
            "citations": [c for _, c in sorted(cites.get(key, []), key=lambda x: x[0])],
            "references": refs.get((r["document"], "footnote", key[1]), []),
        }
        notes[r["document"], f["paragraph"]].append(f)
    out = []
    for r in rows(queries.get("paragraphs").sparql, path):
        doc, n = r["document"], int(r["number"])
        out.append(
            {
                "commentary": doc,
                "number": n,
                "section": r["section"],
                "text": r["text"],
                "notes": sorted(notes.get((doc, n), []), key=lambda f: f["number"]),
                "references": refs.get((doc, "paragraph", n), []),
            }
        )
    return sorted(out, key=lambda p: (p["commentary"], p["number"]))


def marked_segments(paragraph: Row) -> list[tuple[str, int | None]]:
    """The paragraph's text cut at its footnote markers: [(text, None), (marker, footnote number) …]."""
    text, out, at = paragraph["text"], [], 0
    for f in paragraph["notes"]:
        off = f.get("marker_offset")
        mark = str(f["number"])
        if off is None or text[off : off + len(mark)] != mark or off < at:
            continue
        out.append((text[at:off], None))
        out.append((mark, f["number"]))
        at = off + len(mark)
    out.append((text[at:], None))
    return [s for s in out if s[0]]


def search(paragraphs: list[Row], words: str, limit: int = 200) -> pd.DataFrame:
    """Margin paragraphs and footnotes holding every one of the words (case-insensitive)."""
    needle = [w for w in words.lower().split() if w]
    cols = ["kind", "number", "paragraph", "excerpt"]
    if not needle:
        return pd.DataFrame(columns=cols)
    recs = []
    for p in paragraphs:
        items = [("paragraph", p["number"], p["text"])] + [("footnote", f["number"], f["text"]) for f in p["notes"]]
        for kind, number, text in items:
            low = text.lower()
            if all(w in low for w in needle):
                at = low.find(needle[0])
                recs.append({"kind": kind, "number": number, "paragraph": p["number"], "excerpt": _excerpt(text, at)})
    return pd.DataFrame(recs[:limit], columns=cols)


def _excerpt(text: str, at: int, width: int = 90) -> str:
    start = max(0, at - width)
    return ("…" if start else "") + text[start : at + width] + ("…" if at + width < len(text) else "")


# ---- the SPARQL workbench ---------------------------------------------------------------------------


def named_queries() -> list[queries.NamedQuery]:
    return list(queries.all_queries().values())


def named_query(name: str | None) -> queries.NamedQuery | None:
    if _key(name) is None:
        return None
    return queries.all_queries().get(name or "")


# ---- the store opened once, and what the pages read from it, each read once ----------------------


class Explorer:
    """The graph as the app reads it: the store location checked once, each listing read once.

    Listings are cached on first use (the app keeps one Explorer per process), so choosing an
    issue or opening a provision is a lookup, not a query."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = store.store_path(path)
        store.open_read_only(self.path)  # fails now, with the command to run, if there is no graph
        self._cache: dict[str, Any] = {}

    def _once(self, name: str, make: Any) -> Any:
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    def has_read(self, name: str) -> bool:
        """Whether a listing is already cached (the app shows a spinner only while one is read)."""
        return name in self._cache

    def views(self) -> dict:
        return self._once("views", lambda: views(self.path))

    def provisions(self) -> pd.DataFrame:
        return self._once("provisions", lambda: provisions(self.path))

    def holdings(self) -> pd.DataFrame:
        return self._once("holdings", lambda: holdings(self.path))

    def scholars(self) -> pd.DataFrame:
        return self._once("scholars", lambda: scholars(self.path))

    def reader(self) -> list[Row]:
        return self._once("reader", lambda: reader(self.path))

    def sections(self) -> pd.DataFrame:
        return self._once("sections", lambda: sections(self.path))

    def footnote_texts(self, issue: dict) -> dict[int, str]:
        numbers = [h["footnote"] for p in issue["positions"] for h in p["holders"]]
        return self._once(f"footnotes/{issue['id']}", lambda: footnote_texts(numbers, self.path))

    def author_views(self, issue: dict) -> list[Row]:
        return self._once(f"author-views/{issue['id']}", lambda: author_views(issue, self.path))

    def provision(self, key: str | None) -> dict | None:
        return self._once(f"provision/{key}", lambda: provision(key, self.path))

    def provision_discussion(self, key: str) -> pd.DataFrame:
        return self._once(f"discussion/{key}", lambda: provision_discussion(key, self.path))

    def provision_issues(self, key: str) -> pd.DataFrame:
        return self._once(f"provision-issues/{key}", lambda: provision_issues(key, self.path))

    def works_of(self, key: str) -> pd.DataFrame:
        return self._once(f"works/{key}", lambda: works_of(key, self.path))

    def work(self, key: str | None) -> dict | None:
        return self._once(f"work/{key}", lambda: work(key, self.path))

    def citator(self, key: str) -> pd.DataFrame:
        return self._once(f"citator/{key}", lambda: citator(key, self.path))

    def agreement_matrix(self) -> pd.DataFrame:
        return self._once("agreement", lambda: agreement_matrix(self.holdings()))

    def map_export(self, issue: dict, fmt: str) -> bytes:
        """The map in AIF, Argdown or GraphML (kg.access.argument_maps, shared with `kg export-map`)."""
        return self._once(f"export/{issue['id']}.{fmt}", lambda: argument_maps.export(fmt, self.path, issue["id"]))

    def map_image(self, issue: dict, fmt: str) -> bytes:
        return self._once(f"map/{issue['id']}.{fmt}", lambda: map_image(map_graph(issue), fmt))
