"""The notebook API: one small interface over the embedded store and any SPARQL 1.1 endpoint.

    from kg import open_graph
    g = open_graph()                                   # the embedded store (data/store, or $KG_STORE)
    g = open_graph(endpoint="http://127.0.0.1:7878/query")   # or $KG_SPARQL_ENDPOINT
    g.query("issues-on-provision", provision="Annex XIII point (f)")   # a pandas DataFrame
    g.views("automatic classification"); g.holdings("Haar"); g.citator("commission-guidelines-2025")

The same named queries, the same parameter binding (kg.graph.queries.bind) and the same safety
checks (read-only, no SERVICE unless enabled, a time limit and a row cap) apply to both, so the
CLI, a notebook and the app give the same answers whichever engine holds the graph.
"""

from __future__ import annotations

import os
import re
import warnings
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyoxigraph as ox

from kg.access.results import python_value
from kg.graph import queries, store
from kg.graph.store import Result, StoreError
from kg.graph.vocab import PREFIXES

ENDPOINT_ENV = "KG_SPARQL_ENDPOINT"
GRAPH_ENV = "KG_SPARQL_GRAPH"


def check_syntax(sparql: str) -> None:
    """Parse the query before sending it anywhere, so a malformed query reports its line and
    column the same way on every engine (an empty in-memory store answers at once)."""
    try:
        ox.Store().query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()})
    except SyntaxError as e:
        raise StoreError(store.syntax_message(e)) from None
    except (OSError, ValueError, RuntimeError):
        pass  # a query that parses but cannot run on an empty store is for the engine to judge


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of these keywords outside IRIs, strings, comments."""
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", store.code_only(sparql), re.I)
    return m.group(1).upper() if m else "SELECT"


@dataclass
class Graph(ABC):
    """What every engine offers: `run` a read-only query and get a Result. The rest is shared.
    long: the notebook's questions, one short method each, on one object a researcher can explore."""

    max_rows: int = store.MAX_ROWS
    timeout: float = store.TIMEOUT_S
    allow_service: bool | None = None

    @abstractmethod
    def run_sparql(self, sparql: str) -> Result:
        """Each engine runs the (already checked) query its own way."""

    @abstractmethod
    def describe(self) -> str:
        """Where the graph is: the store folder or the endpoint URL."""

    def _checked(self, sparql: str) -> str:
        store.check_read_only(sparql)
        store.check_service(sparql, self.allow_service)
        return sparql

    def rows(self, sparql: str) -> list[dict[str, str | None]]:
        res = self.run_sparql(self._checked(sparql))
        return [dict(zip(res.columns, r, strict=False)) for r in res.rows]

    def sparql_for(self, text_or_name: str, params: dict[str, Any] | None = None) -> str:
        """The query text: a named query with its parameters bound, or SPARQL text as given."""
        params = {k: v for k, v in (params or {}).items() if v is not None}
        if queries.is_named(text_or_name):
            return queries.bind(queries.get(text_or_name), {k: str(v) for k, v in params.items()}, self.rows)
        if params:
            raise queries.QueryError("parameters can only be given to a named query (see `kg queries`)")
        return queries.sparql_of(text_or_name)

    def run(self, text_or_name: str, params: dict[str, Any] | None = None) -> Result:
        """A query (named, a .rq file, or text) as a Result: what the CLI prints in W3C formats."""
        return self.run_sparql(self._checked(self.sparql_for(text_or_name, params)))

    def query(self, text_or_name: str, **params: Any) -> pd.DataFrame:
        """A SELECT as a DataFrame (numbers typed); ASK as a one-cell frame; CONSTRUCT as triples."""
        res = self.run(text_or_name, params)
        if res.kind == "ask":
            return pd.DataFrame({"boolean": [bool(res.boolean)]})
        frame = pd.DataFrame([[python_value(t) for t in row] for row in res.terms], columns=res.columns)
        frame.attrs["truncated"] = res.truncated
        if res.truncated:
            warnings.warn(
                f"stopped at {self.max_rows} rows (the row cap); pass max_rows= to open_graph for more", stacklevel=2
            )
        return frame

    # ---- the common questions ----
    def views(self, issue: str = "a51-1a-automatic-classification") -> pd.DataFrame:
        """Every view on an issue (an id or words of its label): positions, holders, the author's stance."""
        return self.query("views-on-issue", issue=issue)

    def holdings(self, scholar: str) -> pd.DataFrame:
        """Everything a scholar (an id such as haar-tobias, or a name) holds, across issues."""
        return self.query("scholar-holdings", scholar=scholar)

    def citator(self, work: str) -> pd.DataFrame:
        """Every footnote citing a work (an id, or words of its title), with pinpoints and signals."""
        return self.query("work-citator", work=work)

    def issues(self, provision: str) -> pd.DataFrame:
        """The issues on a provision and its sub-provisions, most contested first."""
        return self.query("issues-on-provision", provision=provision)

    # ---- decisions (issue 9): the `kg decisions --json` shape ----
    def decisions(self) -> list[dict]:
        """Every decision with its holdings: supporting and opposing holders, arguments, the author's view."""
        from kg.access.citator import decisions

        return decisions(self._decision_store())

    def decision(self, decision_id: str) -> dict | None:
        """One decision by its identifier (`C(2025) 5045 final`, `ECLI:EU:C:2017:595`), or None."""
        from kg.access.citator import decision

        return decision(self._decision_store(), decision_id)

    def _decision_store(self) -> Path | None:
        if not isinstance(self, EmbeddedGraph):
            raise StoreError(
                "decisions are read from the embedded store (kg decisions); on an endpoint, "
                "query `commentary-on-decision` and `decisions-on-issue`"
            )
        return self.path

    def named_queries(self) -> pd.DataFrame:
        rows = [
            (q.name, q.title, q.question, ", ".join(f"{p.name}={p.default}" for p in q.params))
            for q in queries.all_queries().values()
        ]
        return pd.DataFrame(rows, columns=["name", "title", "question", "parameters"])


@dataclass
class EmbeddedGraph(Graph):
    """The pyoxigraph store on disk, opened read-only; each query runs in a child process that is
    stopped at the time limit (kg.graph.store.query)."""

    path: Path | None = None

    def __post_init__(self) -> None:
        store.open_read_only(self.path)  # fail now, clearly, if there is no graph

    def describe(self) -> str:
        return f"embedded store at {store.store_path(self.path)}"

    def run_sparql(self, sparql: str) -> Result:
        return store.query(sparql, self.path, self.max_rows, self.timeout, self.allow_service)


@dataclass
class RemoteGraph(Graph):
    """A SPARQL 1.1 endpoint (the Oxigraph server, Virtuoso, GraphDB, Fuseki) through SPARQLWrapper.
    Our prefixes are declared in front of each query; `graph` is sent as `default-graph-uri` so
    queries see the named graph `kg push` loaded."""

    endpoint: str = ""
    graph: str | None = None

    def describe(self) -> str:
        return f"SPARQL endpoint {self.endpoint}" + (f" (graph {self.graph})" if self.graph else "")

    def run_sparql(self, sparql: str) -> Result:
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        check_syntax(sparql)
        sw = SPARQLWrapper(self.endpoint)
        sw.setMethod(POST)
        sw.setTimeout(max(1, round(self.timeout)))
        sw.setQuery(queries.with_prefixes(sparql))
        if self.graph:
            sw.addDefaultGraph(self.graph)
        # SPARQLWrapper guesses the form with a regex that comments can fool (and then sends an
        # `update=`); the query was checked read-only, so say what it is.
        sw.queryType = query_form(sparql)
        graph_query = sw.queryType in ("CONSTRUCT", "DESCRIBE")
        sw.setReturnFormat(TURTLE if graph_query else JSON)
        try:
            raw = sw.query().response.read()
        except SPARQLWrapperException as e:
            raise StoreError(
                f"the endpoint {self.endpoint} refused the query: {' '.join(str(e).split())[:300]}"
            ) from None
        except TimeoutError:
            raise StoreError(f"query stopped after {self.timeout:g} s (time limit) at {self.endpoint}") from None
        except OSError as e:
            if isinstance(getattr(e, "reason", None), TimeoutError):
                raise StoreError(f"query stopped after {self.timeout:g} s (time limit) at {self.endpoint}") from None
            raise StoreError(f"cannot reach the SPARQL endpoint {self.endpoint}: {e}") from None
        if graph_query:
            return _graph_result(raw, self.max_rows)
        return _json_result(raw, self.max_rows)


def _json_result(raw: bytes, max_rows: int) -> Result:
    import json

    doc = json.loads(raw)
    if "boolean" in doc:
        return Result("ask", [], [], boolean=bool(doc["boolean"]))
    cols = doc["head"]["vars"]
    bindings = doc["results"]["bindings"]
    terms = [[_normal(b.get(c)) for c in cols] for b in bindings[:max_rows]]
    rows = [[t["value"] if t else None for t in row] for row in terms]
    return Result("select", cols, rows, len(bindings) > max_rows, terms=terms)


def _normal(t: dict[str, str] | None) -> dict[str, str] | None:
    """SPARQL JSON as engines write it: Virtuoso says `typed-literal`, and `datatype` xsd:string."""
    if t is None:
        return None
    t = dict(t)
    if t.get("type") == "typed-literal":
        t["type"] = "literal"
    if t.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
        del t["datatype"]
    return t


def _graph_result(raw: bytes, max_rows: int) -> Result:
    triples = list(ox.parse(raw, format=ox.RdfFormat.TURTLE))
    kept = triples[:max_rows]
    return Result(
        "graph",
        ["subject", "predicate", "object"],
        [[store._term(t.subject), store._term(t.predicate), store._term(t.object)] for t in kept],
        len(triples) > max_rows,
        ntriples=(ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) or b"").decode(),
        terms=[[store.json_term(t.subject), store.json_term(t.predicate), store.json_term(t.object)] for t in kept],
    )


def open_graph(
    store_dir: str | os.PathLike | None = None,
    *,
    endpoint: str | None = None,
    graph: str | None = None,
    max_rows: int = store.MAX_ROWS,
    timeout: float = store.TIMEOUT_S,
    allow_service: bool | None = None,
) -> Graph:
    """The graph to ask: a SPARQL endpoint if given (or $KG_SPARQL_ENDPOINT), else the embedded store."""
    endpoint = endpoint or os.environ.get(ENDPOINT_ENV) or None
    if endpoint:
        if not endpoint.startswith(("http://", "https://")):
            raise StoreError(f"the SPARQL endpoint must be an http(s) URL, not {endpoint!r}")
        return RemoteGraph(max_rows, timeout, allow_service, endpoint, graph or os.environ.get(GRAPH_ENV) or None)
    return EmbeddedGraph(max_rows, timeout, allow_service, Path(store_dir) if store_dir else None)
