"""The longest units (functions, methods, classes) of the code, in code lines.

A code line is a line of the unit that holds code: blank lines, comment lines and docstrings do
not count. A class counts its own lines and those of its methods. Run on demand:

    .venv/bin/python scripts/longest_units.py [--top 15] [--over 60] [paths ...]   (default: kg)

With `--over N`, exits 1 when a unit has more than N code lines and no comment on its first
line or in its docstring that says why (the word `long:`).
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from pathlib import Path


def _code_lines(source: str) -> set[int]:
    """Line numbers that carry a token other than a comment, a newline or a docstring."""
    lines: set[int] = set()
    tree = ast.parse(source)
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                docstrings.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in skip:
            continue
        for n in range(tok.start[0], tok.end[0] + 1):
            if n not in docstrings:
                lines.add(n)
    return lines


def units(path: Path) -> list[tuple[int, str, str, bool]]:
    """(code lines, where, name, reason given) of every function, method and class in a file."""
    source = path.read_text(encoding="utf-8")
    code = _code_lines(source)
    src_lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            span = range(node.lineno, (node.end_lineno or node.lineno) + 1)
            n = sum(1 for i in span if i in code)
            doc = ast.get_docstring(node) or ""
            head = src_lines[node.lineno - 1]
            out.append((n, f"{path}:{node.lineno}", node.name, "long:" in doc or "long:" in head))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=["kg"])
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--over", type=int, default=None)
    a = ap.parse_args(argv)
    found = []
    for p in a.paths:
        files = sorted(Path(p).rglob("*.py")) if Path(p).is_dir() else [Path(p)]
        for f in files:
            found.extend(units(f))
    found.sort(key=lambda u: -u[0])
    for n, where, name, reason in found[: a.top]:
        print(f"{n:5d}  {name:32s} {where}{'  (reason given)' if reason else ''}")
    print(f"units: {len(found)}; 50+ code lines: {sum(1 for u in found if u[0] >= 50)}")
    if a.over is not None:
        bad = [u for u in found if u[0] > a.over and not u[3]]
        for n, where, name, _ in bad:
            print(f"over {a.over}: {name} ({n} code lines) at {where}", file=sys.stderr)
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
