"""The library of named SPARQL queries in queries/*.rq, and how their parameters are bound.

A query file starts with a header of `#` lines (the file name without .rq is the query's name):

    # title: All issues on a provision, most contested first
    # question: Which interpretive issues concern this provision or any of its sub-provisions ...?
    # param: provision provision = anx_XIII__point_f ; the provision: an eId, its IRI or its label

`question` is the research question in plain words (older files say `description`). Each
`param` line is `NAME TYPE = DEFAULT ; help`. The query body holds one `VALUES ?NAME { ... }`
block per parameter, filled with the default, so the file runs as it stands in any SPARQL tool.
Binding a parameter replaces that block's data with one RDF term built and serialised by
pyoxigraph (`NamedNode`, `Literal`): a value given by a user is never pasted into the query text,
so it cannot close a string or add a pattern. Types: `provision`, `issue`, `position`, `scholar`,
`holder`, `work`, `chapter` (resolved to an IRI in the graph: an id, an IRI, or words of the label) and
`section`, `string` (literals). Prefixes (kg:, eli:, cito:, ...) are supplied by the store, or
declared in front of the query for a remote endpoint (`with_prefixes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.graph.vocab import BASE, SPARQL_PREFIXES

QUERIES = Path(__file__).resolve().parents[2] / "queries"

# A lookup of candidates for each IRI-typed parameter: ?s and a text to match words against.
# These are fixed queries: user input only ever meets their results, in Python.
CANDIDATES: dict[str, str] = {
    "provision": (
        "SELECT ?s ?text WHERE { ?s a kg:Provision . { ?s rdfs:label ?text } UNION { ?s skos:notation ?text } }"
    ),
    "issue": "SELECT ?s ?text WHERE { ?s a kg:InterpretiveIssue ; rdfs:label ?text }",
    "position": "SELECT ?s ?text WHERE { ?s a kg:Position ; rdfs:label ?text }",
    "scholar": "SELECT ?s ?text WHERE { ?s a foaf:Person ; foaf:name ?text }",
    "holder": "SELECT ?s ?text WHERE { { ?s a foaf:Person } UNION { ?s a kg:Organisation } ?s foaf:name ?text }",
    "work": "SELECT ?s ?text WHERE { ?s a kg:Work ; dcterms:title ?text }",
    # a chapter by its key (article-52), its file name or the number of the article it comments on
    "chapter": (
        "SELECT ?s ?text WHERE { ?s a kg:Commentary . { ?s prov:wasDerivedFrom/dcterms:identifier ?text } "
        "UNION { ?s kg:refersTo/kg:ordinal ?n BIND(STR(?n) AS ?text) } }"
    ),
}
LITERAL_TYPES = {"string", "section"}
ALL = ("all", "*")  # a chapter parameter's value for "every chapter"


class QueryError(KeyError):
    """A named query that does not exist, or a parameter that is unknown or cannot be resolved."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str
    help: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str  # the research question in plain words
    sparql: str
    params: tuple[Param, ...] = field(default=())

    @property
    def question(self) -> str:
        return self.description


_PARAM = re.compile(r"^\s*(\w+)\s+(\w+)\s*=\s*([^;]*?)\s*(?:;\s*(.*))?$")


def _values_block(name: str) -> re.Pattern[str]:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{[^}]*\}")


def _read(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        key = key.strip()
        if key == "param":
            m = _PARAM.match(value)
            if not m:
                raise QueryError(
                    f"{path.name}: malformed `# param:` line {value.strip()!r} (NAME TYPE = DEFAULT ; help)"
                )
            name, type_, default, help_ = m.group(1), m.group(2), m.group(3), m.group(4) or ""
            if type_ not in CANDIDATES and type_ not in LITERAL_TYPES:
                raise QueryError(f"{path.name}: parameter {name!r} has unknown type {type_!r}")
            if not _values_block(name).search(text):
                raise QueryError(f"{path.name}: parameter {name!r} has no `VALUES ?{name} {{ ... }}` block")
            params.append(Param(name, type_, default, help_))
        else:
            meta[key] = value.strip()
    question = meta.get("question") or meta.get("description", "")
    return NamedQuery(path.stem, meta.get("title", path.stem), question, text, tuple(params))


def all_queries() -> dict[str, NamedQuery]:
    return {p.stem: _read(p) for p in sorted(QUERIES.glob("*.rq"), key=lambda p: p.stem)}


def get(name: str) -> NamedQuery:
    path = QUERIES / f"{name}.rq"
    if not path.exists():
        raise QueryError(f"no named query {name!r}; known: {', '.join(sorted(all_queries()))}")
    return _read(path)


def is_named(arg: str) -> bool:
    return bool(re.fullmatch(r"[\w.-]+", arg)) and (QUERIES / f"{arg}.rq").exists()


def sparql_of(arg: str) -> str:
    """A query given as SPARQL text, a path to a .rq file, or the name of a query in queries/."""
    p = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 200 and "\n" not in arg and p.suffix == ".rq"):
        try:
            return p.read_text(encoding="utf-8")
        except OSError as e:
            raise QueryError(f"{arg}: cannot read query file ({e.strerror})") from None
    if is_named(arg):
        return get(arg).sparql
    return arg


def with_prefixes(sparql: str) -> str:
    """The query with our prefixes declared in front, for engines that do not know them (Virtuoso,
    Fuseki, the Oxigraph server). A prefix declared twice to the same IRI is legal SPARQL."""
    return SPARQL_PREFIXES + sparql


# ---- resolving parameter values to RDF terms --------------------------------------------------

Rows = Callable[[str], list[dict[str, str | None]]]


def _words(s: str) -> list[str]:
    words = re.findall(r"\w+", s.lower())
    words = ["art" if w in ("article", "arts") else w for w in words]
    return [w for w in words if w not in ("ai", "act", "of", "the")]


def _key(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def resolve(param: Param, value: str, rows: Rows) -> str:
    """The N-Triples form of the term `value` stands for: an IRI found in the graph, or a literal."""
    if param.type == "chapter" and value.strip().lower() in ALL:
        return "UNDEF"  # VALUES ?chapter { UNDEF }: the variable is left free, every chapter matches
    if param.type in LITERAL_TYPES:
        if param.type == "section" and value and not value.endswith("."):
            value += "."
        return str(ox.Literal(value))
    if re.match(r"https?://", value):
        try:
            return str(ox.NamedNode(value))
        except ValueError:
            raise QueryError(f"parameter {param.name}: {value!r} is not a valid IRI") from None
    candidates = [(r["s"] or "", r["text"] or "") for r in rows(CANDIDATES[param.type])]
    exact = sorted({s for s, _ in candidates if _key(s) == value})
    if not exact:
        wanted = _words(value)
        exact = sorted({s for s, t in candidates if _words(t) == wanted})
        if param.type != "provision":  # a provision's label names it in full; other labels by some words
            exact = exact or sorted({s for s, t in candidates if wanted and all(w in _words(t) for w in wanted)})
    if len(exact) == 1:
        return str(ox.NamedNode(exact[0]))
    if not exact:
        raise QueryError(f"parameter {param.name}: no {param.type} matches {value!r}")
    shown = ", ".join(_key(s) for s in exact[:6])
    raise QueryError(
        f"parameter {param.name}: {value!r} matches {len(exact)} {param.type}s ({shown} …); be more precise"
    )


def bind(nq: NamedQuery, params: dict[str, str], rows: Rows) -> str:
    """The query text with each given parameter's VALUES block holding the resolved term."""
    known = {p.name: p for p in nq.params}
    unknown = sorted(set(params) - set(known))
    if unknown:
        names = ", ".join(known) or "none"
        raise QueryError(f"query {nq.name!r} has no parameter {', '.join(unknown)} (its parameters: {names})")
    text = nq.sparql
    for name, value in params.items():
        term = resolve(known[name], str(value), rows)
        m = _values_block(name).search(text)
        if m is None:  # _read checked every parameter has its block
            raise QueryError(f"query {nq.name!r}: no VALUES block for ?{name}")
        text = text[: m.start()] + f"VALUES ?{name} {{ {term} }}" + text[m.end() :]
    return text


__all__ = ["BASE", "NamedQuery", "Param", "QueryError", "all_queries", "bind", "get", "resolve", "sparql_of"]
