"""The `kg` command line: build, inspect, query and export the argument graph.

Errors a user can cause (a missing source, a malformed annotation, a bad query) are printed
as one clear line naming the file and the reason, with a non-zero exit; no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.argue.annotations import AnnotationError
from kg.argue.decisions import DecisionError
from kg.graph import queries, store
from kg.graph.rules import RuleError
from kg.graph.store import StoreError
from kg.ingest.parse import SourceError


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_build(a) -> int:
    from kg.build import Sources, build

    sources = Sources.default(a.commentary, annotations=not a.no_annotations)
    if a.annotations:
        sources.annotations = Path(a.annotations)
    result = build(sources, a.store, validate=not a.no_validate)
    print(f"Built the graph in {result.seconds:.2f} s: {result.triples} triples in {store.store_path(a.store)}")
    _print_counts(result.counts)
    _print_argument_layer(result)
    _print_findings(result)
    return _strict_verdict(result) if a.strict else 0


def _print_counts(c: dict) -> None:
    print(
        f"  {c['commentaries']} commentary file(s): {c['sections']} sections, {c['paragraphs']} margin paragraphs, "
        f"{c['footnotes']} footnotes, {c['definitions']} Article 3 definitions"
    )
    print(
        f"  {c['works']} works, {c['persons']} persons, {c['citations']} citations, "
        f"{c['provisions']} provisions, {c['provision_references']} provision references"
    )


def _print_argument_layer(result) -> None:
    """Issues, positions, attributions and arguments; the author's views; decisions; what was left out."""
    r, c = result.argument_report, result.counts
    print(
        f"  argument layer: {r.get('issues', 0)} issues, {r.get('positions', 0)} positions, "
        f"{r.get('attributions', 0)} attributions ({r.get('from_extraction', 0)} from extraction alone, "
        f"{r.get('needed_curation', 0)} needed curation), {r.get('arguments', 0)} arguments"
    )
    _print_author_views(r.get("author_views"))
    for skipped in r.get("annotations_skipped", []):
        print(f"  annotations not used (their commentary is not among the sources): {skipped}")
    if "decisions" in c:
        print(f"  decisions: {c['decisions']} with {c['holdings']} holdings (links derived by queries/rules/)")
    for skipped in r.get("decisions_skipped", []):
        print(f"  decision not used: {skipped}")


def _print_findings(result) -> None:
    """SHACL, unresolved citations, notes on the source, warnings (on stderr) and review coverage."""
    if result.validation is not None:
        shacl = "conforms" if result.validation.conforms else f"violations: {len(result.validation.violations)}"
        print(f"  SHACL: {shacl}")
    if result.unresolved:
        print(f"  {len(result.unresolved)} citation(s) left unresolved:")
        for u in result.unresolved:
            print(f"    - {u}")
    if result.notes:
        print(f"  {len(result.notes)} note(s) on the source, kept as written (e.g. ‘para 59–60’):")
        for n in result.notes:
            print(f"    - {n}")
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if result.coverage:
        ch = result.coverage["chapter"]
        print(
            f"  review: {ch['reviewed']} of {ch['citing_footnotes']} citing footnotes reviewed; citations: "
            f"{ch['attributed']} attributed, {ch['support']} support, {ch['no_stance']} no-stance, "
            f"{ch['unmarked']} unmarked"
        )


def _strict_verdict(result) -> int:
    """--strict: 1 when a citing footnote of an annotated chapter is unreviewed, or on any warning."""
    if result.unreviewed:
        print(
            f"strict: {len(result.unreviewed)} citing footnote(s) of an annotated chapter not reviewed "
            f"(first: {result.unreviewed[0]}); `kg coverage` lists them",
            file=sys.stderr,
        )
        return 1
    if result.warnings or (result.validation is not None and not result.validation.conforms):
        print(
            f"strict: {len(result.warnings)} warning(s); the graph was built but --strict fails on warnings",
            file=sys.stderr,
        )
        return 1
    return 0


def _listing(data, as_json: bool, line) -> int:
    """Print `data` as JSON, or one readable line per item."""
    if as_json:
        _print_json(data)
    else:
        for item in data:
            print(line(item))
    return 0


def cmd_stats(a) -> int:
    from kg.access.show import stats

    counts = stats(a.store)
    return _listing(counts if a.json else list(counts.items()), a.json, lambda kv: f"{kv[0]:>20}: {kv[1]}")


def cmd_chapters(a) -> int:
    from kg.access.show import chapters

    return _listing(
        chapters(a.store),
        a.json,
        lambda c: (
            f"Art. {c['article'] or '?'}: {c['author']}, ‘{c['title']}’ ({c['date']}): "
            f"{c['sections']} sections, {c['paragraphs']} paragraphs, {c['footnotes']} footnotes; "
            f"{c['reviewed_footnotes']} of {c['citing_footnotes']} citing footnotes reviewed [{c['commentary']}]"
        ),
    )


def _document(a) -> str | None:
    """`--document FILE` or `--chapter 52`: the commentary file a listing is limited to."""
    if a.chapter is None or a.chapter.lower() in ("all", "*"):
        return a.document
    from kg.access.show import chapter_document

    return chapter_document(a.chapter, a.store)


def cmd_footnotes(a) -> int:
    from kg.access.show import footnotes

    return _listing(
        footnotes(a.store, _document(a)),
        a.json,
        lambda f: f"fn {f['number']} (para {f['paragraph']}): {f['text'][:100]}",
    )


def cmd_paragraphs(a) -> int:
    from kg.access.show import paragraphs

    return _listing(
        paragraphs(a.store, _document(a)),
        a.json,
        lambda p: f"para {p['number']} [{p['section']}] fns {p['footnotes']}: {p['text'][:90]}",
    )


def cmd_views(a) -> int:
    from kg.access.show import views

    data = views(a.issue, a.store, a.chapter)
    if a.issue and not data["issues"]:
        print(f"no issue matches {a.issue!r}; `kg views` lists them all", file=sys.stderr)
        return 1
    if a.json:
        _print_json(data)
        return 0
    for i in data["issues"]:
        print(f"\n{i['label']}  [{i['id']}]\n  Q: {i['question']}")
        for p in i["positions"]:
            mark = {
                True: " (endorsed by the commentary's author)",
                False: " (rejected by the commentary's author)",
            }.get(p["endorsed_by_commentary_author"], "")
            print(f"  • {p['label']}{mark}")
            for h in p["holders"]:
                print(
                    f"      {', '.join(h['authors']) or h['work']}: {h['work'][:60]}, fn {h['footnote']}"
                    f"{', ' + h['pinpoint'] if h['pinpoint'] else ''} [{h['strength']}]"
                )
            for arg in p["arguments"]:
                fn = f", fn {arg['footnote']}" if arg.get("footnote") else ""
                print(
                    f"      {arg['relation']}: {arg['label']} (para {arg['paragraph']}{fn}, {arg['kind']}; "
                    f"{arg.get('maker') or 'no one'} {arg.get('stance', '')})"
                )
        for twin in i.get("same_question_in", []):
            print(f"  = also in the commentary on Article {twin['chapter']}: {twin['label']}  [{twin['issue']}]")
    return 0


def _print_author_views(v: dict | None) -> None:
    """The build's line on the author's views: how many taken, inferred, left open, and found by cues."""
    if not v:
        return
    print(
        f"  author views: {v['endorses']} endorsed, {v['rejects']} rejected ({v['inferred']} inferred from an "
        f"endorsed alternative), {v['no view']} left open, {v['not recorded']} not recorded; "
        f"{v['stated_found_by_cue']} of {v['stated']} stated views found by cue phrases; "
        f"{v['issues_without_author_view']} issues without a recorded view"
    )


def cmd_author_views(a) -> int:
    """The author's view on every position, and the issues on which none is recorded."""
    from kg.access.show import author_view_coverage

    data = author_view_coverage(a.store)
    if a.json:
        _print_json(data)
        return 0
    for i in data["issues"]:
        print(f"{i['id']}")
        for p in i["positions"]:
            v = p["author_view"]
            where = f"para {v['paragraph']}: “{v['quote'][:70]}”" if v["paragraph"] else ""
            print(f"  {v['stance']:<9} {v['basis']:<12} {p['id']}  {where}")
    c = data["counts"]
    print(
        f"\n{c['issues']} issues, {c['issues_without_author_view']} without a recorded author view; positions: "
        f"{c['endorses']} endorsed, {c['rejects']} rejected ({c['inferred']} inferred), {c['no view']} open, "
        f"{c['not recorded']} not recorded"
    )
    return 0


def _graph(a):
    """The graph the command asks: --endpoint or $KG_SPARQL_ENDPOINT, else the embedded store."""
    from kg.access.api import open_graph

    limit = getattr(a, "limit", store.MAX_ROWS)
    timeout = getattr(a, "timeout", store.TIMEOUT_S)
    return open_graph(
        a.store,
        endpoint=getattr(a, "endpoint", None),
        graph=getattr(a, "graph", None),
        max_rows=limit,
        timeout=timeout,
        allow_service=True if getattr(a, "allow_service", False) else None,
    )


def _params(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise queries.QueryError(
                f"--param {pair!r}: write NAME=VALUE, e.g. --param provision='Annex XIII point (f)'"
            )
        out[name.strip()] = value
    return out


def cmd_query(a) -> int:
    from kg.access.results import FORMATS

    res = _graph(a).run(a.sparql, _params(a.param))
    sys.stdout.write(FORMATS[a.format](res))
    if res.truncated:
        print(f"(stopped at {a.limit} rows, the row cap; raise --limit for more)", file=sys.stderr)
    return 0


def cmd_queries(a) -> int:
    for q in queries.all_queries().values():
        print(f"{q.name}\n    {q.title}: {q.description}")
        for prm in q.params:
            print(f"    --param {prm.name}=… ({prm.type}, default {prm.default}): {prm.help}")
    return 0


def cmd_export(a) -> int:
    if a.format in ("aif", "argdown", "graphml", "agreement-graphml"):
        from kg.access.argument_maps import export as export_map

        data = export_map(a.format, a.store, a.issue)
    elif a.issue:
        raise StoreError("--issue goes with an argument-map format (aif, argdown, graphml, agreement-graphml)")
    else:
        data = store.export(a.format, a.store)
    if a.output:
        out = Path(a.output)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(out)
        print(f"wrote {len(data)} bytes to {out}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_validate(a) -> int:
    from kg.build import ALL_SHAPED, to_rdflib
    from kg.graph.validate import validate

    report = validate(to_rdflib(store.quads(a.store), ALL_SHAPED))
    if report.conforms:
        print("SHACL: the graph conforms to ontology/shapes.ttl")
        return 0
    print(f"SHACL: {len(report.violations)} violation(s)")
    for focus, path, message in report.violations[:200]:
        print(f"  {focus} {path or ''}: {message}")
    return 1


def cmd_reason(a) -> int:
    from kg.build import to_rdflib
    from kg.graph.reason import check_consistency

    data = to_rdflib(store.quads(a.store))
    if getattr(a, "standards", False):
        from kg.graph.reason import check_with_standards

        report = check_with_standards(data)
    else:
        report = check_consistency(data)
    print(f"{report.reasoner}: {'consistent' if report.consistent else 'INCONSISTENT'} {report.message}")
    return 0 if report.consistent else 1


def cmd_ontology_page(a) -> int:
    from kg.graph.ontology_page import write

    out = Path(a.output)
    n = write(out)
    print(f"wrote {out}: {n} classes and properties of ontology/kg.ttl")
    return 0


def cmd_analytics(a) -> int:
    from kg.argue.analytics import analyse

    report = analyse(a.store, a.graphml)
    if a.json:
        _print_json(report)
    else:
        for k, v in report.items():
            print(f"{k}: {json.dumps(v, ensure_ascii=False)[:400]}")
    return 0


def _review_sources(a):
    from kg.build import Sources, review

    sources = Sources.default(a.commentary, annotations=not a.no_annotations)
    if a.annotations:
        sources.annotations = Path(a.annotations)
    return review(sources)


def cmd_coverage(a) -> int:
    """Review coverage per section and for the chapter, read from the sources being curated."""
    from kg.argue.coverage import Coverage, summary

    keyed, _, _, cov = _review_sources(a)
    if a.chapter:
        from kg.ingest.chapters import find_chapter

        document = find_chapter(keyed, a.chapter)
        cov = Coverage(
            [f for f in cov.footnotes if f.document == document],
            [c for c in cov.candidates if c.attribution.document == document],
        )
    report = summary(cov)
    if a.json:
        _print_json(report)
        return 0
    for name, row in [("chapter", report["chapter"])] + sorted(report["sections"].items()):
        print(f"{name:>16}: " + ", ".join(f"{k} {v}" for k, v in row.items()))
    for f in report["unreviewed"]:
        print(f"unreviewed: {f['commentary']} footnote {f['footnote']} (para {f['paragraph']}, {f['source']})")
    for c in report["open_candidates"]:
        print(f"open candidate: footnote {c['footnote']} {c['work_id']} → {c['position']}")
    return 0


def cmd_candidates(a) -> int:
    """The extraction's proposals with cue and source words: the curator's worklist."""
    from kg.argue.link import candidate_rows

    keyed, resolved, layer, _ = _review_sources(a)
    rows = candidate_rows(layer, keyed, resolved.works, a.section)
    if a.chapter:
        from kg.ingest.chapters import find_chapter

        document = find_chapter(keyed, a.chapter)
        rows = [r for r in rows if r["commentary"] == document]
    return _listing(
        rows, a.json, lambda r: f"fn {r['footnote']} [{r['status']}] {r['holder']} → {r['position']}: {r['source']}"
    )


def cmd_annotate_init(a) -> int:
    """Write the starting annotation file of a chapter from the extraction (kg.access.annotate)."""
    from kg.access.annotate import init

    out, counts = init(a.chapter, a.output, a.force)
    print(
        f"wrote {out}: {counts['issues']} issue(s), {counts['positions']} position(s), {counts['holders']} holder(s) "
        "proposed by extraction; review it, then `kg build`"
    )
    return 0


def _annotate_parser(sub) -> None:
    an = sub.add_parser("annotate", help="annotation files: `kg annotate init CHAPTER` writes a chapter's first one")
    steps = an.add_subparsers(dest="step", required=True)
    init = steps.add_parser("init", help="the starting annotation file of a chapter, from what extraction found")
    init.add_argument("chapter", help="a commentary file, a file of sources/commentary/, or an article number")
    init.add_argument("-o", "--output", help="where (default sources/annotations/article-N-start.yaml)")
    init.add_argument("--force", action="store_true", help="replace an existing file")
    init.set_defaults(func=cmd_annotate_init)


def _review_parser(sub, name: str, func, helptext: str) -> argparse.ArgumentParser:
    s = sub.add_parser(name, help=helptext)
    s.add_argument("--json", action="store_true")
    s.add_argument("--no-annotations", action="store_true", help="extraction alone")
    s.add_argument("--annotations", help="annotation folder (default sources/annotations)")
    s.add_argument("--commentary", action="append", metavar="FILE", help="this commentary file instead")
    s.add_argument("--chapter", help="only this chapter: the article it comments on (52), its file name or key")
    s.set_defaults(func=func)
    return s


def _positive_int(text: str) -> int:
    """`--limit`: a whole number of rows, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} rows: give at least 1")
    return value


def _positive_seconds(text: str) -> float:
    """`--timeout`: a finite number of seconds above 0 (`inf` and `nan` would never stop a query)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not (0 < value < 86_400):
        raise argparse.ArgumentTypeError(f"{text} seconds: give a number above 0 and below a day")
    return value


def cmd_serve(a) -> int:
    """The endpoint follows rebuilds (kg.access.follow) unless asked not to, or unless the Oxigraph
    server cannot open our store folders (another on-disk version: it then serves a loaded copy)."""
    import pyoxigraph as ox

    from kg.access import follow
    from kg.access.engines import serve, server_version

    if a.follow and a.host == follow.HOST and server_version() == ox.__version__:
        return follow.serve_following(a.store, a.port or follow.free_port(), a.timeout)
    return serve(a.store, a.port, a.host, a.timeout)


def cmd_push(a) -> int:
    from kg.access import engines

    if bool(a.virtuoso_isql) == bool(a.endpoint):
        raise StoreError("kg push: give either --endpoint URL (Graph Store Protocol) or --virtuoso-isql PORT")
    if a.virtuoso_isql:
        if not a.load_dir:
            raise StoreError("--virtuoso-isql needs --load-dir: a folder the server's DirsAllowed lists")
        n = engines.push_virtuoso(a.virtuoso_isql, a.load_dir, a.graph, a.store)
        print(f"loaded {n} triples into Virtuoso (isql port {a.virtuoso_isql}), graph <{a.graph}>")
    else:
        n = engines.push_graph_store(a.endpoint, a.graph, a.store)
        print(f"loaded {n} triples into <{a.graph}> at {a.endpoint} (SPARQL 1.1 Graph Store Protocol)")
    return 0


# ---- decisions (issue 9) ------------------------------------------------------------------------


def cmd_decision_add(a) -> int:
    from kg.access.citator import add_decision

    done = add_decision(Path(a.file), a.store, Path(a.sources) if a.sources else None, dry_run=a.check)
    if not done["written"]:
        print(f"{a.file}: decision {done['id']!r} is valid; nothing written (--check)")
        return 0
    print(f"added decision {done['id']!r} as {done['file']}; rebuilt the graph ({done['triples']} triples)")
    return 0


def cmd_decisions(a) -> int:
    from kg.access.citator import decisions

    data = decisions(a.store, a.id)
    if a.id and not data:
        print(f"no decision {a.id!r}; `kg decisions` lists them all", file=sys.stderr)
        return 1
    if a.json:
        _print_json(data)
        return 0
    for d in data:
        invented = "  (INVENTED: test fixture)" if d["invented"] else ""
        print(f"\n{d['id']}  [{d['kind']}, {d['date']}]{invented}\n  {d['title']}")
        for h in d["holdings"]:
            view = {"agrees": "the commentary's author agrees", "disagrees": "the author disagrees"}
            said = view.get(h["author_view"] or "", "no author view")
            print(f"  • {h['pinpoint']}: {h['stance']} {h['position']} ({said})")
            for label, side in (("supporting", h["supporting"]), ("opposing", h["opposing"])):
                for x in side:
                    print(
                        f"      {label}: {', '.join(x['authors']) or x['work']}, fn {x['footnote']} [{x['strength']}]"
                    )
            if h["unanswered"]:
                print(f"      unanswered: {', '.join(x['id'] for x in h['unanswered'])}")
        for c in d["cited_for"]:
            print(
                f"  • cited in fn {c['footnote']} ({c['pinpoint'] or '-'}) for {c['argument']} (para {c['paragraph']})"
            )
    return 0


def _add_decision_parsers(sub) -> None:
    da = sub.add_parser("decision", help="add a decision (sources/decisions/*.yaml)")
    dsub = da.add_subparsers(dest="decision_command", required=True)
    add = dsub.add_parser(
        "add", help="validate a decision file against the graph, copy it into sources/decisions/, rebuild"
    )
    add.add_argument("file")
    add.add_argument("--check", action="store_true", help="validate only; write nothing")
    add.add_argument(
        "--sources", help="the sources folder to add it to and build from (default: the project's sources/)"
    )
    add.set_defaults(func=cmd_decision_add)
    ds = sub.add_parser("decisions", help="decisions with the commentary that supports or opposes each holding")
    ds.add_argument("id", nargs="?", help="a decision identifier, e.g. 'C(2025) 5045 final' (default: all)")
    ds.add_argument("--json", action="store_true")
    ds.set_defaults(func=cmd_decisions)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg", description="The argument graph of EU AI law (Cambridge Commentary on Art. 51 AI Act)."
    )
    p.add_argument("--store", help="store folder (default: data/store, or $KG_STORE)")
    p.add_argument(
        "--endpoint",
        help="query this SPARQL endpoint instead of the embedded store ($KG_SPARQL_ENDPOINT); "
        "for `kg push`, the Graph Store Protocol URL to load into",
    )
    sub = p.add_subparsers(dest="command", required=True)
    _build_parser(sub)
    _listing_parsers(sub)
    _query_parsers(sub)
    _serve_parsers(sub)
    _export_parsers(sub)
    _add_decision_parsers(sub)
    _review_parser(
        sub, "coverage", cmd_coverage, "review coverage: reviewed footnotes, citation marks, open candidates"
    )
    cand = _review_parser(sub, "candidates", cmd_candidates, "extraction candidates with cue and source words")
    cand.add_argument("--section", help="only this section, e.g. 2.1.1.1.")
    _annotate_parser(sub)
    return p


def _build_parser(sub) -> None:
    """`kg build` and its options."""
    b = sub.add_parser("build", help="build the graph from sources/ into the store")
    b.add_argument("--strict", action="store_true", help="exit non-zero on any warning")
    b.add_argument("--no-annotations", action="store_true", help="extraction alone: ignore sources/annotations/")
    b.add_argument("--annotations", help="annotation folder (default sources/annotations)")
    b.add_argument(
        "--commentary",
        action="append",
        metavar="FILE",
        help="build this commentary file instead of sources/commentary/*.txt (repeatable: several chapters)",
    )
    b.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    b.set_defaults(func=cmd_build)


def _listing_parsers(sub) -> None:
    """What the graph holds, listed: counts, chapters, footnotes, paragraphs, views."""
    for name, func, helptext in (
        ("stats", cmd_stats, "counts"),
        ("chapters", cmd_chapters, "the commentary chapters with their counts, author, date and review coverage"),
        ("footnotes", cmd_footnotes, "footnotes with citations"),
        ("paragraphs", cmd_paragraphs, "margin paragraphs"),
    ):
        s = sub.add_parser(name, help=helptext)
        s.add_argument("--json", action="store_true")
        if name not in ("stats", "chapters"):
            s.add_argument("--document", help="only this commentary file (e.g. 002_b07c53fab08c7372.txt)")
            s.add_argument("--chapter", help="only this chapter: the article it comments on (52), its file name or key")
        s.set_defaults(func=func)

    v = sub.add_parser("views", help="every view on an issue: positions, holders, arguments")
    v.add_argument("issue", nargs="?", help="issue id or words of its label (default: all issues)")
    v.add_argument("--chapter", help="only the issues this chapter discusses (article number, file name or key)")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_views)

    av = sub.add_parser("author-views", help="the commentary author's view on every position (and what is missing)")
    av.add_argument("--json", action="store_true")
    av.set_defaults(func=cmd_author_views)


def _query_parsers(sub) -> None:
    """`kg query` and `kg queries`."""
    q = sub.add_parser("query", help="run a read-only SPARQL query (text, FILE.rq, or a name from queries/)")
    q.add_argument("sparql")
    q.add_argument(
        "--format",
        choices=["table", "json", "csv", "tsv"],
        default="table",
        help="json/csv/tsv: the W3C result formats",
    )
    q.add_argument("--param", action="append", metavar="NAME=VALUE", help="a named query's parameter (repeatable)")
    q.add_argument("--limit", type=_positive_int, default=store.MAX_ROWS, help="maximum rows (default %(default)s)")
    q.add_argument("--timeout", type=_positive_seconds, default=store.TIMEOUT_S, help="seconds (default %(default)s)")
    q.add_argument("--graph", help="with --endpoint: the named graph to query as default graph ($KG_SPARQL_GRAPH)")
    q.add_argument("--allow-service", action="store_true", help="let SERVICE clauses reach the network")
    q.set_defaults(func=cmd_query)

    sub.add_parser("queries", help="list the named queries").set_defaults(func=cmd_queries)


def _serve_parsers(sub) -> None:
    """`kg serve` and `kg push`: the graph in a SPARQL engine."""
    sv = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint on the store (the Oxigraph server)")
    sv.add_argument("--port", type=int, default=7878, help="port (default %(default)s; 0 picks a free one)")
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s: this machine only)")
    sv.add_argument("--timeout", type=float, default=store.TIMEOUT_S, help="per-query time limit in seconds")
    sv.add_argument(
        "--no-follow",
        dest="follow",
        action="store_false",
        help="serve the version the store holds now, without switching to a rebuilt one",
    )
    sv.set_defaults(func=cmd_serve)

    pu = sub.add_parser("push", help="load the graph into a SPARQL engine, as one named graph")
    pu.add_argument("--virtuoso-isql", type=int, metavar="PORT", help="Virtuoso's SQL port: use its bulk loader")
    pu.add_argument("--load-dir", help="with --virtuoso-isql: a folder listed in the server's DirsAllowed")
    pu.add_argument("--graph", default="https://w3id.org/euaigraph/graph/commentary", help="named graph IRI")
    pu.set_defaults(func=cmd_push)


def _export_parsers(sub) -> None:
    """Exports, checks and analytics of the stored graph."""
    e = sub.add_parser("export", help="export the graph")
    e.add_argument(
        "--format",
        choices=["ttl", "nt", "jsonld", "aif", "argdown", "graphml", "agreement-graphml"],
        default="ttl",
        help="the graph (ttl, nt, jsonld) or an argument map (aif: AIFdb/OVA; argdown; graphml: Gephi/yEd)",
    )
    e.add_argument("--issue", help="argument maps: only this issue (id or words of its label)")
    e.add_argument("-o", "--output")
    e.set_defaults(func=cmd_export)

    sub.add_parser("validate", help="SHACL validation of the stored graph").set_defaults(func=cmd_validate)
    r = sub.add_parser("reason", help="OWL consistency (HermiT, owlrl fallback)")
    r.add_argument("--standards", action="store_true", help="with the published ELI, FaBiO, CiTO, FRBR axioms")
    r.set_defaults(func=cmd_reason)
    op = sub.add_parser("ontology-page", help="write the HTML page documenting ontology/kg.ttl")
    op.add_argument("-o", "--output", default="docs/ontology.html")
    op.set_defaults(func=cmd_ontology_page)
    an = sub.add_parser("analytics", help="agreement between scholars, contested issues, conflicts")
    an.add_argument("--json", action="store_true")
    an.add_argument("--graphml", help="write the agreement network as GraphML")
    an.set_defaults(func=cmd_analytics)


GLOBAL_OPTIONS = ("--store", "--endpoint")


def hoist_global_options(argv: list[str]) -> list[str]:
    """Move the global options to the front, so `kg build --store X` works as `kg --store X build`.

    Users type options after the subcommand; argparse only takes the parent's options before it.

    >>> hoist_global_options(["build", "--strict", "--store", "/tmp/s"])
    ['--store', '/tmp/s', 'build', '--strict']
    >>> hoist_global_options(["views", "--store=/tmp/s", "flagship"])
    ['--store=/tmp/s', 'views', 'flagship']
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":  # everything after `--` is an operand
            rest.extend(argv[i:])
            break
        name = word.split("=", 1)[0]
        if name in GLOBAL_OPTIONS and rest:
            if "=" in word or i + 1 >= len(argv):
                front.append(word)
                i += 1
            else:
                front.extend(argv[i : i + 2])
                i += 2
            continue
        rest.append(word)
        i += 1
    return front + rest


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if (bad := next((a for a in argv if "\x00" in str(a)), None)) is not None:
        # a real command line cannot hold one; a caller in Python can, and every file call would fail
        print(f"error: argument {str(bad)[:40]!r} contains a NUL character", file=sys.stderr)
        return 2
    args = parser().parse_args(hoist_global_options(argv))
    try:
        return args.func(args) or 0
    except (SourceError, AnnotationError, DecisionError, RuleError, StoreError, KeyError) as e:
        msg = e.args[0] if isinstance(e, KeyError) and e.args else str(e)
        print(f"error: {msg}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as e:  # an output file that cannot be written, a store folder that cannot be created
        print(f"error: {e.filename or ''}: {e.strerror or e}".replace(": : ", ": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - last resort: one line, never a traceback
        print(f"error: unexpected {type(e).__name__}: {e} (please report)", file=sys.stderr)
        return 3
