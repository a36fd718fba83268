"""The library of named SPARQL queries in queries/*.rq.

Each file starts with `# title:` and `# description:` lines; the file name (without .rq) is
the query's name. Prefixes (kg:, eli:, cito:, ...) are supplied by the store, so the files
stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

QUERIES = Path(__file__).resolve().parents[2] / "queries"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    sparql: str


def _read(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        meta[key.strip()] = value.strip()
    return NamedQuery(path.stem, meta.get("title", path.stem), meta.get("description", ""), text)


def all_queries() -> dict[str, NamedQuery]:
    return {p.stem: _read(p) for p in sorted(QUERIES.glob("*.rq"))}


def get(name: str) -> NamedQuery:
    path = QUERIES / f"{name}.rq"
    if not path.exists():
        raise KeyError(f"no named query {name!r}; known: {', '.join(sorted(all_queries()))}")
    return _read(path)


def sparql_of(arg: str) -> str:
    """A query given as SPARQL text, a path to a .rq file, or the name of a query in queries/."""
    p = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 200 and "\n" not in arg and p.suffix == ".rq"):
        try:
            return p.read_text(encoding="utf-8")
        except OSError as e:
            raise KeyError(f"{arg}: cannot read query file ({e.strerror})") from None
    if (QUERIES / f"{arg}.rq").exists():
        return get(arg).sparql
    return arg
