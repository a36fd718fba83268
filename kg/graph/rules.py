"""Inference: run the declarative SPARQL CONSTRUCT rules of queries/rules/ over the built graph.

The rules derive, for each holding of a decision, the commentary that supports or opposes it,
the arguments for and against its reading, the unanswered ones and the commentary author's view
(see docs/decisions.md). They run in file-name order on an in-memory copy of the graph, each
seeing what the earlier ones derived; every derived link must name the rule that made it
(`kg:derivedBy`), which `run` checks, so a reader can always tell why a work is listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.graph.queries import _read
from kg.graph.vocab import KG, PREFIXES, rule_iri

RULES = Path(__file__).resolve().parents[2] / "queries" / "rules"


class RuleError(Exception):
    """A rule file that is not a CONSTRUCT query, or a derived link that does not name its rule."""


@dataclass(frozen=True)
class Rule:
    name: str  # `supporting-commentary` for queries/rules/02-supporting-commentary.rq
    title: str
    description: str
    file: str  # relative to the project
    sparql: str


def load(folder: Path = RULES) -> list[Rule]:
    out = []
    for path in sorted(folder.glob("*.rq")):
        q = _read(path)
        name = path.stem.split("-", 1)[1] if path.stem[:2].isdigit() else path.stem
        out.append(Rule(name, q.title, q.description, f"queries/rules/{path.name}", q.sparql))
    return out


def run(quads: list[ox.Quad], rules: list[Rule]) -> list[ox.Quad]:
    """The triples the rules derive from `quads` (not already in it), in rule order."""
    store = ox.Store()
    store.bulk_extend(quads)
    derived: list[ox.Quad] = []
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    derived_by, link = ox.NamedNode(str(KG.derivedBy)), ox.NamedNode(str(KG.DerivedLink))
    for rule in rules:
        try:
            result = store.query(rule.sparql, prefixes=prefixes)
        except SyntaxError as e:
            raise RuleError(f"{rule.file}: SPARQL syntax error: {' '.join(str(e).split())[:200]}") from None
        if not isinstance(result, ox.QueryTriples):
            raise RuleError(f"{rule.file}: a rule must be a CONSTRUCT query")
        new = [ox.Quad(t.subject, t.predicate, t.object) for t in result]
        links = {q.subject for q in new if q.object == link}
        own = ox.NamedNode(str(rule_iri(rule.name)))
        named = {q.subject for q in new if q.predicate == derived_by and q.object == own}
        if links - named:
            raise RuleError(
                f"{rule.file}: {len(links - named)} derived link(s) do not name this rule with kg:derivedBy"
            )
        fresh = [q for q in new if q not in store]
        store.extend(fresh)
        derived.extend(fresh)
    return derived
