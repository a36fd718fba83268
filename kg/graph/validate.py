"""Validate the emitted graph against `ontology/shapes.ttl` (SHACL, closed-world checks).

OWL (kg/reason.py) finds contradictions; it never complains that something is *missing*.
The shapes do: an attribution without its footnote, a position on two issues, an argument
anchored in no margin paragraph. The ontology is mixed in (not inferred over) so that
subclasses count (`kg:Article` is a `kg:Provision`) while a 100k-triple graph still validates
in seconds.

An attribution from footnote 69 whose kg:atFootnote was lost gives

    validate(graph).violations ==
    [('https://w3id.org/euaigraph/id/attribution/decision-required/fn69/haar-siglmuller-art-51',
      'kg:atFootnote',
      'An attribution must point to exactly one footnote (the footnote where the commentary '
      'attributes the position).')]
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from kg.graph.vocab import PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY = ONTOLOGY_DIR / "kg.ttl"
SHAPES = ONTOLOGY_DIR / "shapes.ttl"


@dataclass
class ValidationReport:
    """`violations` are (focus node, path, message) triples, sorted, paths written with prefixes."""

    conforms: bool
    violations: list[tuple[str, str, str]] = field(default_factory=list)
    text: str = ""


@lru_cache(maxsize=4)
def _load(path: str) -> Graph:
    return Graph().parse(path, format="turtle")


def validate(
    data: Graph, shapes_path: str | Path | None = None, only: tuple[str, ...] | None = None, own: bool = False
) -> ValidationReport:
    """Run the shapes over `data`; `shapes_path` defaults to ontology/shapes.ttl.
    `only` keeps the shapes that target those kg: classes (the build checks the argument layer
    on every run; `kg validate` checks everything). `data` is not modified unless `own` says the
    caller made it for this check: then the ontology is mixed into it in place, which spares
    pySHACL a copy of the whole data graph (a second of the build)."""
    shapes = _load(str(Path(shapes_path or SHAPES).resolve()))
    if only is not None:
        shapes = _select(shapes, tuple(sorted(only)))
    ontology = _load(str(ONTOLOGY))
    if own:
        for triple in ontology:
            data.add(triple)
    import pyshacl  # here, not at the top: a build whose report is cached never loads it

    conforms, results, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=None if own else ontology,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    return ValidationReport(bool(conforms), sorted(_violations(results)), text)


@lru_cache(maxsize=1)
def _pyshacl_version() -> str:
    from importlib.metadata import version

    return version("pyshacl")


def cache_key(ntriples: list[str], only: tuple[str, ...] | None) -> str:
    """What a validation depends on: the data (sorted N-Triples lines), the shapes selected, the
    shapes and ontology files, this module and pySHACL's version. Same key, same report."""
    h = hashlib.sha256()
    for part in (SHAPES.read_bytes(), ONTOLOGY.read_bytes(), Path(__file__).read_bytes()):
        h.update(hashlib.sha256(part).digest())
    h.update(f"{_pyshacl_version()}|{sorted(only or ())}".encode())
    for line in sorted(ntriples):
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()


def cache_dir() -> Path:
    """`$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/euaigraph`, else ~/.cache/euaigraph."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "euaigraph"


def cached_report(key: str) -> ValidationReport | None:
    """The report stored under `key`, or None (absent, unreadable or not ours: then validate again)."""
    try:
        data = json.loads((cache_dir() / "shacl" / f"{key}.json").read_text(encoding="utf-8"))
        return ValidationReport(bool(data["conforms"]), [tuple(v) for v in data["violations"]], data["text"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_report(key: str, report: ValidationReport) -> None:
    """Keep `report` under `key` (temporary file, then rename); a cache that cannot be written is skipped."""
    folder = cache_dir() / "shacl"
    body = json.dumps({"conforms": report.conforms, "violations": report.violations, "text": report.text})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(body)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        pass


@lru_cache(maxsize=8)
def _select(shapes: Graph, only: tuple[str, ...]) -> Graph:
    """The shapes targeting the given kg: classes, with everything they reach (property shapes, lists)."""
    from kg.graph.vocab import KG

    wanted = {KG[c] for c in only}
    out = Graph()
    todo = [s for s, c in shapes.subject_objects(SH.targetClass) if c in wanted]
    seen = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            out.add((node, p, o))
            if (
                isinstance(o, (BNode, URIRef))
                and (o, None, None) in shapes
                and p != SH.targetClass
                and p != SH["class"]
            ):
                todo.append(o)
    return out


def _violations(results: Graph) -> list[tuple[str, str, str]]:
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        messages = [str(m) for m in results.objects(result, SH.resultMessage)] or [""]
        for message in messages:
            out.append((str(focus), _path_text(results, path), message))
    return out


def _qname(node: Node) -> str:
    for prefix, ns in PREFIXES.items():
        if isinstance(node, URIRef) and str(node).startswith(str(ns)):
            return f"{prefix}:{str(node)[len(str(ns)) :]}"
    return str(node)


def _path_text(g: Graph, path: Node | None) -> str:
    """`kg:atFootnote`; an alternative path as `kg:supports|kg:attacks`; no path as ''."""
    if path is None:
        return ""
    if isinstance(path, BNode):
        alternatives = g.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(_path_text(g, p) for p in Collection(g, alternatives))
        inverse = g.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(g, inverse)
        if g.value(path, RDF.first) is not None:
            return "/".join(_path_text(g, p) for p in Collection(g, path))
    return _qname(path)
