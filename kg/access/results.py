"""Query results in the W3C formats: SPARQL 1.1 Query Results JSON, CSV and TSV; and a table for people.

JSON keeps every term's type, datatype and language; CSV keeps only values (as the W3C CSV
format says); TSV writes each term in Turtle/N-Triples syntax (`<iri>`, `"text"@en`).
"""

from __future__ import annotations

import csv
import io
import json

from kg.graph.store import Result

XSD = "http://www.w3.org/2001/XMLSchema#"


def to_json(res: Result) -> str:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)."""
    if res.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(res.boolean)}) + "\n"
    bindings = [{c: t for c, t in zip(res.columns, row, strict=True) if t is not None} for row in res.terms]
    doc = {"head": {"vars": res.columns}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_csv(res: Result) -> str:
    """SPARQL 1.1 Query Results CSV: a header of variable names, then values; CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if res.kind == "ask":
        w.writerow(["_askResult"])
        w.writerow([str(bool(res.boolean)).lower()])
        return buf.getvalue()
    w.writerow(res.columns)
    for row in res.terms:
        w.writerow(["" if t is None else (f"_:{t['value']}" if t["type"] == "bnode" else t["value"]) for t in row])
    return buf.getvalue()


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def tsv_term(t: dict[str, str] | None) -> str:
    """One term in the TSV result format: Turtle syntax; unbound is empty."""
    if t is None:
        return ""
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    if t["type"] != "literal":
        return t["value"]
    lit = f'"{_escape(t["value"])}"'
    if "xml:lang" in t:
        return f"{lit}@{t['xml:lang']}"
    if "datatype" in t:
        return f"{lit}^^<{t['datatype']}>"
    return lit


def to_tsv(res: Result) -> str:
    """SPARQL 1.1 Query Results TSV: `?var` header, terms in Turtle syntax, tab separated."""
    if res.kind == "ask":
        return "?_askResult\n" + str(bool(res.boolean)).lower() + "\n"
    lines = ["\t".join(f"?{c}" for c in res.columns)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in res.terms]
    return "\n".join(lines) + "\n"


def to_table(res: Result, width: int = 60) -> str:
    """Aligned columns for reading in a terminal; long values are cut at `width` characters."""
    if res.kind == "ask":
        return str(bool(res.boolean)).lower() + "\n"
    if res.kind == "graph" and res.ntriples is not None:
        return res.ntriples
    widths = [min(width, max([len(c)] + [len(str(r[i] or "")) for r in res.rows])) for i, c in enumerate(res.columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(res.columns, widths, strict=True)).rstrip()]
    for r in res.rows:
        out.append(
            "  ".join(str(x if x is not None else "")[:width].ljust(w) for x, w in zip(r, widths, strict=True)).rstrip()
        )
    return "\n".join(out) + "\n"


def python_value(t: dict[str, str] | None) -> object:
    """A term as the Python value a DataFrame should hold: numbers and booleans typed, the rest text."""
    if t is None:
        return None
    dt = t.get("datatype", "")
    try:
        if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "short", XSD + "nonNegativeInteger"):
            return int(t["value"])
        if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
            return float(t["value"])
    except ValueError:
        return t["value"]
    if dt == XSD + "boolean":
        return t["value"] in ("true", "1")
    return t["value"]


FORMATS = {"json": to_json, "csv": to_csv, "tsv": to_tsv, "table": to_table}
