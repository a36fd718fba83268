"""Fuzz campaign: thousands of bad inputs through the whole `kg` command, counted by outcome.

Not a test (it runs for a long time). Families of cases:

- page:        the commentary page mutated as a whole (benchmarks/mutate.py), built with
               `kg build --commentary FILE` into a private store;
- annotation:  one file of sources/annotations/ mutated (lines, characters, YAML values), built
               on the real page with `kg build --annotations DIR`;
- decision:    a designation decision file of sources/decisions/ mutated, checked with `kg decision add FILE --check`;
- query:       named and ad-hoc SPARQL, mutated, through `kg query`;
- args:        odd command lines for every read command (`kg footnotes --document …`, `--limit -1` …);
- url:         query parameters of the app (only where the project has an app with `kg.access.params`).

Every case runs in-process through `kg.access.cli.main` (and every `--cli-every`-th case also as a real
`kg` process) and ends in one of: clean (exit 0, no warning), warnings (exit 0 with warnings),
refused (non-zero exit with one clear `error:` line) or internal (a traceback, an "unexpected …
(please report)" error, an unclear exit, or a store that is left damaged or changed by a refused build).
Every internal case is saved under tests/regressions/cases/ and replayed by tests/regressions/.

    .venv/bin/python benchmarks/fuzz_campaign.py --seed 1 --cases 10000
    .venv/bin/python benchmarks/fuzz_campaign.py --seed 7 --cases 300 --families page --cli-every 10

To keep 10,000 builds within reach on a small machine, the pure per-footnote finders
(`find_citations`, `find_provisions`, `find_cross_refs`) and `parse` are memoised by input text
in this process (results deep-copied, so behaviour is unchanged); a mutated footnote or page is
always computed afresh.
"""

from __future__ import annotations

import argparse
import copy
import functools
import gzip
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutate import PAGE_MUTATIONS, mutate_page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
PAGE = SOURCES / "commentary" / "002_b07c53fab08c7372.txt"
CASES = ROOT / "tests" / "regressions" / "cases"
KG = ROOT / ".venv" / "bin" / "kg"
OUTCOMES = ("clean", "warnings", "refused", "internal")


# ---- running one command ---------------------------------------------------------------------


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run_main(argv: list[str]) -> Ran:
    """`kg.access.cli.main(argv)` in this process; an exception escaping it is kept as its traceback."""
    from kg.access.cli import main

    out_b, err_b = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_b, encoding="utf-8", errors="replace", write_through=True)
    err = io.TextIOWrapper(err_b, encoding="utf-8", errors="replace", write_through=True)
    extra = ""
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse: usage error, exit 2
            code = e.code if isinstance(e.code, int) else 2
        except BaseException:  # noqa: BLE001 - this is what the campaign looks for
            code, extra = -1, traceback.format_exc()
    return Ran(code, out_b.getvalue().decode("utf-8", "replace"), err_b.getvalue().decode("utf-8", "replace") + extra)


def run_process(argv: list[str], timeout: float = 600) -> Ran:
    p = subprocess.run([str(KG), *argv], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    return Ran(p.returncode, p.stdout, p.stderr)


def classify(ran: Ran) -> tuple[str, str]:
    """(outcome, one line of detail)."""
    err_lines = [x for x in ran.err.splitlines() if x.strip()]
    if "Traceback" in ran.err or "Traceback" in ran.out or ran.code < 0:
        return "internal", (err_lines[-1] if err_lines else "traceback")
    if "please report" in ran.err or ran.code == 3:
        return "internal", next((x for x in err_lines if "please report" in x), f"exit {ran.code}")
    if ran.code == 0 or ran.code == 1 and any(x.startswith("strict:") for x in err_lines):
        return ("warnings", "") if any(x.startswith("warning:") for x in err_lines) else ("clean", "")
    clear = [x for x in err_lines if x.startswith(("error:", "strict:", "usage:", "kg: error:", "no issue matches"))]
    if ran.code in (1, 2) and clear:
        return "refused", clear[-1][:200]
    return "internal", f"exit {ran.code} without a clear error line: {(err_lines or [''])[-1][:160]}"


# ---- the store under test --------------------------------------------------------------------


def fingerprint(store: Path) -> tuple:
    """What identifies the graph in a store: triple count and a hash of a sorted sample of it."""
    from kg.graph import store as st

    s = st.open_read_only(store)
    n = len(s)
    del s
    return (n, st.current_version(store) if hasattr(st, "current_version") else None)


def store_damage(store: Path, before: tuple, outcome: str) -> str | None:
    """A store that cannot be opened, a leftover build folder, or a refused build that changed it."""
    leftovers = [p.name for p in store.parent.glob(".store-build-*")]
    if leftovers:
        return f"half-built store left behind: {leftovers}"
    try:
        after = fingerprint(store)
    except Exception as e:  # noqa: BLE001
        return f"store no longer opens: {e}"
    if outcome == "refused" and after != before:
        return f"a refused build changed the store: {before} -> {after}"
    return None


# ---- memoised pure steps ---------------------------------------------------------------------


def memoise_pure_steps() -> None:
    import kg.build as build
    import kg.ingest.find_citations as finder

    def cached(fn, size=50_000):
        inner = functools.lru_cache(maxsize=size)(fn)

        @functools.wraps(fn)
        def wrapper(*args):
            return copy.deepcopy(inner(*args))

        return wrapper

    finder.find_citations = cached(finder.find_citations)
    build.find_provisions = cached(build.find_provisions)
    build.find_cross_refs = cached(build.find_cross_refs)
    build.parse = cached(build.parse, 4)


# ---- families of cases -----------------------------------------------------------------------


@dataclass
class Case:
    family: str
    argv: list[str]  # with {store} and {dir} placeholders
    files: dict[str, bytes] = field(default_factory=dict)  # relative path in {dir} → content
    what: list[str] = field(default_factory=list)
    builds: bool = False


def short_chapter(raw: str, last_paragraph: int = 22) -> str:
    """A chapter-shaped cut of the real page (as tests/test_parse.py makes one): the body up to a
    margin paragraph and the footnotes referenced there; header, bibliography and trailer as they are."""
    import re

    lines = raw.split("\n")
    body_end = next(i for i, ln in enumerate(lines) if re.match(rf"{last_paragraph + 1}\D", ln))
    first_fn = next(i for i, ln in enumerate(lines) if ln.startswith("  1. Regulation (EU) 2024/1689"))
    from kg.ingest.parse import parse

    c = parse(raw, "full.txt")
    last_fn = max(f.number for f in c.footnotes if f.paragraph and f.paragraph <= last_paragraph)
    fn_end = next(i for i, ln in enumerate(lines) if ln.startswith(f"  {last_fn + 1}. "))
    contents = next(i for i, ln in enumerate(lines) if ln == "Contents")
    return "\n".join(lines[:body_end] + lines[first_fn:fn_end] + lines[contents:])


def page_case(rnd: random.Random, pages: dict[str, str]) -> Case:
    """A mutated page: the whole page (a fifth of the cases) or a shorter chapter cut from it."""
    base = "whole page" if rnd.random() < 0.2 else "short chapter"
    text, what = mutate_page(pages[base], rnd)
    what = [f"{base}: {w}" for w in what]
    argv = ["--store", "{store}", "build", "--commentary", "{dir}/commentary/" + PAGE.name]
    if rnd.random() < 0.9:
        argv.append("--no-validate")
    if rnd.random() < 0.2:
        argv.append("--strict")
    return Case("page", argv, {"commentary/" + PAGE.name: text.encode("utf-8", "surrogatepass")}, what, True)


_ODD_VALUES = [
    None,
    0,
    -1,
    10**12,
    3.5,
    True,
    "",
    "x",
    "69",
    "Art. 51",
    "\u0000",
    "𝔄" * 3,
    [],
    [1, "a"],
    {},
    {"footnote": 69},
    "commentary author",
    "a" * 5000,
]


def _yaml_value_mutation(data, rnd: random.Random, path: str = "") -> str:
    """Replace one value somewhere in the parsed YAML; returns where."""
    node, where = data, path
    for _ in range(rnd.randrange(1, 7)):
        if isinstance(node, dict) and node:
            k = rnd.choice(list(node))
            if rnd.random() < 0.3 or not isinstance(node[k], (dict, list)):
                if rnd.random() < 0.15:
                    del node[k]
                    return f"{where}.{k} deleted"
                node[k] = copy.deepcopy(rnd.choice(_ODD_VALUES))
                return f"{where}.{k} = {node[k]!r:.40}"
            node, where = node[k], f"{where}.{k}"
        elif isinstance(node, list) and node:
            i = rnd.randrange(len(node))
            if rnd.random() < 0.3 or not isinstance(node[i], (dict, list)):
                op = rnd.choice(["set", "del", "dup"])
                if op == "del":
                    del node[i]
                elif op == "dup":
                    node.insert(i, copy.deepcopy(node[i]))
                else:
                    node[i] = copy.deepcopy(rnd.choice(_ODD_VALUES))
                return f"{where}[{i}] {op}"
            node, where = node[i], f"{where}[{i}]"
        else:
            break
    return f"{where}: unchanged"


_YAML_TEXT_MUTATIONS = ["delete", "duplicate", "truncate", "move", "replace", "cut", "duplicate-stretch"]
_LAUGHS = [("a", '"x"'), ("b", "*a"), ("c", "*b"), ("d", "*c")]  # aliases that expand exponentially
_YAML_BOMB = "".join(f"{n}: &{n} [{', '.join([item] * 9)}]\n" for n, item in _LAUGHS) + "issues: [*d, *d, *d]\n"


def annotation_case(rnd: random.Random, files: dict[str, str]) -> Case:
    name = rnd.choice(sorted(files))
    text = files[name]
    what: list[str] = []
    r = rnd.random()
    if r < 0.45:
        for _ in range(rnd.choice([1, 1, 2])):
            kind = rnd.choice(_YAML_TEXT_MUTATIONS)
            text, w = PAGE_MUTATIONS[kind](text, rnd)
            what.append(f"{name}: {kind}: {w}")
    elif r < 0.97:
        data = yaml.safe_load(text)
        for _ in range(rnd.choice([1, 1, 2, 4])):
            what.append(f"{name}: {_yaml_value_mutation(data, rnd)}")
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    else:
        text = rnd.choice([_YAML_BOMB, "\t- a\n", "[" * 5000, "commentary: x\nissues:\n" + "  - " * 3 + "{}\n", ""])
        what.append(f"{name}: replaced by a pathological YAML document")
    out = {f"annotations/{n}": t.encode() for n, t in files.items()}
    out[f"annotations/{name}"] = text.encode("utf-8", "surrogatepass")
    argv = ["--store", "{store}", "build", "--annotations", "{dir}/annotations", "--no-validate"]
    return Case("annotation", argv, out, what, True)


def _fresh_id(text: str, rnd: random.Random) -> str:
    """The decision file with a new identifier of the same form, so `kg decision add` checks the
    rest of it: `ECLI:EU:C:2023:625` → `ECLI:EU:C:2023:9417`, `C(2025) 5045 final` → `C(2025) 9417
    final`, a URL gets a fragment."""
    n = rnd.randrange(9000, 9999)

    def fresh(m: re.Match) -> str:
        old = m.group(2)
        if old.startswith("ECLI:"):
            new = re.sub(r":\d+$", f":{n}", old)
        elif old.startswith("C("):
            new = re.sub(r"\) \d+ final$", f") {n} final", old)
        else:
            new = f"{old}#fuzz-{n}"
        return f"{m.group(1)}{new}{m.group(3)}"

    return re.sub(r'^(id: ")([^"]+)(")', fresh, text, count=1, flags=re.M)


def decision_case(rnd: random.Random, files: dict[str, str]) -> Case:
    """A designation decision file of sources/decisions/ mutated like an annotation file, checked with
    `kg decision add FILE --check` (which validates it against the graph and writes nothing)."""
    name = rnd.choice(sorted(files))
    text, what = _fresh_id(files[name], rnd), []  # a new decision: the shipped id would be refused at once
    name = f"fuzz-{name}"
    if rnd.random() < 0.5:
        kind = rnd.choice(_YAML_TEXT_MUTATIONS)
        text, w = PAGE_MUTATIONS[kind](text, rnd)
        what.append(f"{name}: {kind}: {w}")
    else:
        data = yaml.safe_load(text)
        for _ in range(rnd.choice([1, 1, 2, 4])):
            what.append(f"{name}: {_yaml_value_mutation(data, rnd)}")
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    argv = ["--store", "{store}", "decision", "add", "{dir}/decisions/" + name, "--check"]
    return Case("decision", argv, {"decisions/" + name: text.encode("utf-8", "surrogatepass")}, what, True)


_SPARQL_TOKENS = [
    "SELECT",
    "*",
    "WHERE",
    "{",
    "}",
    "?s",
    "?p",
    "?o",
    ".",
    "FILTER",
    "(",
    ")",
    "REGEX(?o, '(a+)+$')",
    "OPTIONAL",
    "UNION",
    "LIMIT",
    "99999999999999999999",
    "ORDER BY",
    "GROUP BY",
    "COUNT(*)",
    "kg:Footnote",
    "a",
    "rdfs:label",
    "<http://x>",
    "'x'",
    '"""',
    "#",
    "\n",
    "SERVICE <http://127.0.0.1:9/sparql>",
    "INSERT DATA",
    "DELETE WHERE",
    "LOAD <http://127.0.0.1:9/x>",
    "PREFIX kg: <x>",
    "BIND",
    "AS",
    "VALUES ?s { 1 2 }",
    "\x00",
    "𝔄",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "GRAPH ?g",
    "FROM <http://x>",
    "/",
    "|",
    "+",
    "^",
]


def query_case(rnd: random.Random, named: dict[str, str]) -> Case:
    r = rnd.random()
    if r < 0.35:
        name = rnd.choice(sorted(named))
        q, w = PAGE_MUTATIONS[rnd.choice(["replace", "cut", "duplicate-stretch", "delete", "truncate"])](
            named[name], rnd
        )
        what = [f"named query {name}: {w}"]
    elif r < 0.75:
        q = " ".join(rnd.choice(_SPARQL_TOKENS) for _ in range(rnd.randrange(1, 30)))
        what = ["ad-hoc tokens"]
    elif r < 0.9:
        q = rnd.choice(sorted(named))
        q = rnd.choice([q, q[:-1], q + "x", q.upper(), "../" + q, q + ".rq", "queries/" + q + ".rq", "/etc/passwd"])
        what = ["a query name"]
    else:
        q = rnd.choice(
            [
                "SELECT * WHERE { ?s ?p ?o }",
                "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
                "ASK {}",
                "CONSTRUCT WHERE { ?s ?p ?o }",
                "DESCRIBE <https://w3id.org/euaigraph/id/commentary/article-51/fn/69>",
                "",
                " ",
            ]
        )
        what = ["a large or odd query"]
    argv = ["--store", "{store}", "query", q]
    argv += ["--timeout", rnd.choice(["2", "0.5", "5"]), "--limit", rnd.choice(["1", "100", "1000"])]
    if rnd.random() < 0.5:
        argv += ["--format", rnd.choice(["json", "csv", "table"])]
    return Case("query", argv, {}, what)


_ODD_ARGS = [
    "",
    "-1",
    "0",
    "nan",
    "inf",
    "1e999",
    "--",
    "-",
    "x" * 300,
    "\u0000",
    "𝔄",
    "{dir}/out/../file",  # odd paths stay inside the case's folder: nothing outside it is touched
    "{dir}/file",
    "{dir}",
]


def args_case(rnd: random.Random) -> Case:
    odd = rnd.choice(_ODD_ARGS)
    cmd = rnd.choice(
        [
            ["stats", "--json"],
            ["footnotes", "--document", odd],
            ["paragraphs", "--json", "--document", odd],
            ["views", odd],
            ["views", odd, "--json"],
            ["query", "stats", "--limit", odd],
            ["query", "stats", "--timeout", odd],
            ["query", odd],
            ["export", "--format", rnd.choice(["ttl", "nt", "jsonld", odd]), "-o", "{dir}/out/" + odd],
            ["export", "--format", "nt", "-o", "{dir}"],
            ["analytics", "--graphml", "{dir}/none/" + odd],
            ["queries"],
            ["build", "--commentary", odd, "--no-validate"],
            ["build", "--annotations", odd, "--no-validate"],
            [odd],
        ]
    )
    # odd stores only inside the case's folder: a build must never be pointed at a system path
    store = ["--store", rnd.choice(["{store}", "{store}", "{dir}/nothing", "{dir}/file", "{dir}/folder", "{dir}"])]
    files = {"file": b"not a store", "folder/notes.txt": b"someone's files, not a store"}
    return Case("args", store + cmd, files, [" ".join(cmd)[:80]], cmd[0] == "build")


# ---- the campaign ----------------------------------------------------------------------------


def materialise(case: Case, folder: Path, store: Path) -> list[str]:
    for rel, data in case.files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return [a.replace("{store}", str(store)).replace("{dir}", str(folder)) for a in case.argv]


def save_case(case: Case, seed: int, index: int, outcome: str, detail: str) -> Path:
    """Write a case that ended in an internal error as a regression case (replayed by the tests)."""
    where = CASES / f"{case.family}-seed{seed}-{index}"
    where.mkdir(parents=True, exist_ok=True)
    for rel, data in case.files.items():
        p = where / "files" / (rel + ".gz")
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(gzip.compress(data, mtime=0))
    meta = {"family": case.family, "argv": case.argv, "what": case.what, "seed": seed, "index": index}
    meta |= {"outcome": outcome, "detail": detail}
    (where / "case.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return where


def plan(families: list[str], n: int, rnd: random.Random) -> list[str]:
    weights = {"page": 3, "annotation": 2, "decision": 1, "query": 6, "args": 2, "url": 2}
    pool = [f for f in families for _ in range(weights[f])]
    return [rnd.choice(pool) for _ in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--families", default="page,annotation,decision,query,args")
    ap.add_argument("--cli-every", type=int, default=100, help="also run every Nth case as a real `kg` process")
    ap.add_argument("--no-save", action="store_true", help="do not write regression cases")
    ap.add_argument("--json", help="write the counts to this file (also every 100 cases)")
    ap.add_argument("--minutes", type=float, help="stop after this many minutes (the counts say how many cases ran)")
    a = ap.parse_args(argv)
    families = a.families.split(",")
    rnd = random.Random(a.seed)
    memoise_pure_steps()
    page = PAGE.read_text(encoding="utf-8")
    pages = {"whole page": page, "short chapter": short_chapter(page)}
    annotations = {p.name: p.read_text(encoding="utf-8") for p in sorted((SOURCES / "annotations").glob("*.yaml"))}
    decisions = {p.name: p.read_text(encoding="utf-8") for p in sorted((SOURCES / "decisions").glob("*.yaml"))}
    from kg.graph.queries import all_queries

    named = {q.name: q.sparql for q in all_queries().values()}
    counts: dict[str, Counter] = {}
    internal: list[str] = []
    via_process = Counter()
    seconds: Counter = Counter()
    t0 = time.time()
    scratch = "/dev/shm" if Path("/dev/shm").is_dir() else None  # memory-backed where there is one
    with tempfile.TemporaryDirectory(prefix="kg-fuzz-", dir=scratch) as tmp:
        base = Path(tmp) / "base" / "store"
        ran = run_main(["--store", str(base), "build", "--no-validate"])
        assert ran.code == 0, ran.err
        done = 0
        for i, family in enumerate(plan(families, a.cases, rnd)):
            t_case = time.time()
            case = {
                "page": lambda: page_case(rnd, pages),
                "annotation": lambda: annotation_case(rnd, annotations),
                "decision": lambda: decision_case(rnd, decisions),
                "query": lambda: query_case(rnd, named),
                "args": lambda: args_case(rnd),
            }[family]()
            folder = Path(tmp) / f"case-{i}"
            store = folder / "store"
            if case.builds:
                shutil.copytree(base, store)  # the current version, as a plain-folder store
            else:
                store = base
            argv_i = materialise(case, folder, store)
            before = fingerprint(store) if case.builds else None
            res = run_main(argv_i)
            outcome, detail = classify(res)
            if case.builds and outcome != "internal" and "--store" in argv_i and argv_i[1] == str(store):
                damage = store_damage(store, before, outcome)
                if damage:
                    outcome, detail = "internal", damage
            if a.cli_every and i % a.cli_every == 0 and not any("\x00" in x for x in argv_i):  # no NUL in argv
                argv_p = argv_i
                if case.builds:  # a fresh copy of the store for the process
                    fresh = folder / "process" / "store"
                    shutil.copytree(base, fresh)
                    argv_p = [a.replace(str(store), str(fresh)) if a == str(store) else a for a in argv_i]
                p_outcome, p_detail = classify(run_process(argv_p))
                via_process[p_outcome] += 1
                if p_outcome == "internal" and outcome != "internal":
                    outcome, detail = "internal", f"(as a process) {p_detail}"
            counts.setdefault(family, Counter())[outcome] += 1
            if outcome == "internal":
                line = f"{family} #{i}: {detail} ← {'; '.join(case.what)[:200]}"
                internal.append(line)
                print("INTERNAL", line, flush=True)
                if not a.no_save:
                    save_case(case, a.seed, i, outcome, detail)
            shutil.rmtree(folder, ignore_errors=True)
            seconds[family] += time.time() - t_case
            done = i + 1
            if done % 100 == 0:
                print(f"{done} cases, {time.time() - t0:.0f} s: {_total(counts)}", flush=True)
                _write(a, done, counts, via_process, seconds, internal)
            if a.minutes and time.time() - t0 > a.minutes * 60:
                break
    _write(a, done, counts, via_process, seconds, internal)
    total = _total(counts)
    print(f"\nseed {a.seed}: {done} cases in {time.time() - t0:.0f} s")
    print(f"{'family':<12}" + "".join(f"{o:>10}" for o in OUTCOMES) + "  s/case")
    for fam, c in sorted(counts.items()):
        print(f"{fam:<12}" + "".join(f"{c[o]:>10}" for o in OUTCOMES) + f"  {seconds[fam] / sum(c.values()):.2f}")
    print(f"{'all':<12}" + "".join(f"{total[o]:>10}" for o in OUTCOMES))
    print(f"also run as a real `kg` process: {sum(via_process.values())} cases: {dict(via_process)}")
    return 1 if internal else 0


def _write(a, done: int, counts: dict[str, Counter], via_process: Counter, seconds: Counter, internal: list) -> None:
    if not a.json:
        return
    data = {"seed": a.seed, "cases": done, "by_family": {f: dict(c) for f, c in counts.items()}}
    data |= {"total": dict(_total(counts)), "process": dict(via_process), "internal": internal}
    data |= {"seconds_per_case": {f: round(seconds[f] / max(1, sum(c.values())), 3) for f, c in counts.items()}}
    Path(a.json).write_text(json.dumps(data, indent=2) + "\n")


def _total(counts: dict[str, Counter]) -> Counter:
    total: Counter = Counter()
    for c in counts.values():
        total.update(c)
    return total


if __name__ == "__main__":
    sys.exit(main())
