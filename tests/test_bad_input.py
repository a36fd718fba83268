"""Bad input: every mistake a user can make ends in one clear `error:` line that names the file
and the reason, a non-zero exit, no traceback, and the existing store left exactly as it was.

The store under attack is a private copy of the session graph (`victim`); after each case its
`kg export --format nt` is compared with the export taken before.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from factories import COMMENTARY, DOCUMENT, build_store, result_rows, run_kg

PART1 = "article-51-part1.yaml"


@dataclass
class Victim:
    store: Path
    nt: bytes


@pytest.fixture(scope="module")
def victim(graph, graph_nt, tmp_path_factory) -> Victim:
    store = tmp_path_factory.mktemp("victim") / "store"
    shutil.copytree(graph.store, store)
    return Victim(store, graph_nt)


def assert_unchanged(victim: Victim, tmp_path: Path) -> None:
    out = tmp_path / "after.nt"
    run = run_kg("--store", victim.store, "export", "--format", "nt", "-o", out)
    assert run.code == 0, run.err
    assert out.read_bytes() == victim.nt, "the store changed"
    assert not list(victim.store.parent.glob(".store-build-*")), "a half-built store was left behind"


def assert_one_error_line(run, *words: str) -> str:
    assert run.code != 0
    assert "Traceback" not in run.err and "Traceback" not in run.out
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    line = lines[0]
    assert line.startswith("error: "), line
    for w in words:
        assert w in line, f"{w!r} not in {line!r}"
    return line


# ---- sources that cannot be read or are not commentaries ----------------------------------------


def test_missing_commentary_file(cli, victim, tmp_path):
    run = cli("--store", victim.store, "build", "--commentary", "/nonexistent.txt")
    assert_one_error_line(run, "/nonexistent.txt", "file not found")
    assert run.out == ""
    assert_unchanged(victim, tmp_path)


def test_commentary_that_is_not_utf8(cli, victim, tmp_path):
    bad = tmp_path / "latin1.txt"
    # the real page, saved as Latin-1 (its first non-ASCII character becomes a lone byte)
    text = COMMENTARY.read_text(encoding="utf-8")[:20000]
    bad.write_bytes(text.encode("cp1252", errors="replace"))
    run = cli("--store", victim.store, "build", "--commentary", bad)
    assert_one_error_line(run, str(bad), "not UTF-8")
    assert_unchanged(victim, tmp_path)


@pytest.mark.parametrize(
    "content, reason",
    [
        ("Dear reader,\n\nthis is a letter, not a page of the commentary.\n", "does not look like a commentary page"),
        (
            "Select bibliography\n\nCommentary\n\nThe section headings were lost in the scrape.\n",
            "no margin paragraphs found",
        ),
    ],
    ids=["no-commentary-line", "no-margin-paragraphs"],
)
def test_file_that_is_not_a_commentary(cli, victim, tmp_path, content, reason):
    page = tmp_path / "letter.txt"
    page.write_text(content, encoding="utf-8")
    run = cli("--store", victim.store, "build", "--commentary", page)
    assert_one_error_line(run, "letter.txt", reason)
    assert_unchanged(victim, tmp_path)


# ---- broken annotations -----------------------------------------------------------------------


def break_annotation(folder: Path, old: str, new: str, name: str = PART1) -> tuple[Path, int]:
    """Replace the first `old` by `new` in one annotation file; returns the file and the line changed."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    at = text.index(old)  # fails loudly if the curated file no longer has this anchor
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return path, text.count("\n", 0, at) + 1


def reported_line(line: str, path: Path) -> int:
    m = re.search(re.escape(str(path)) + r":(\d+):", line)
    assert m, f"no {path}:LINE in {line!r}"
    return int(m.group(1))


def build_with(cli, victim, folder):
    return cli("--store", victim.store, "build", "--annotations", folder)


def test_annotation_yaml_syntax_error(cli, victim, annotations_copy, tmp_path):
    path, changed = break_annotation(
        annotations_copy,
        "label: No independent systemic-risk determination under Art. 51(1)(a)",
        "label: No independent: systemic-risk determination",
    )  # `key: a: b` is not YAML
    line = assert_one_error_line(build_with(cli, victim, annotations_copy), "YAML syntax error")
    assert reported_line(line, path) == changed
    assert_unchanged(victim, tmp_path)


def test_annotation_with_unknown_footnote(cli, victim, annotations_copy, tmp_path):
    path, changed = break_annotation(
        annotations_copy, "{footnote: 69, holder: Martini}", "{footnote: 9999, holder: Martini}"
    )
    line = assert_one_error_line(build_with(cli, victim, annotations_copy), "footnote 9999 does not exist", DOCUMENT)
    assert reported_line(line, path) == changed
    assert_unchanged(victim, tmp_path)


def test_annotation_holder_not_cited_in_that_footnote(cli, victim, annotations_copy, tmp_path):
    # Martini is cited in fn 69 (para 197), not in fn 70 (Bond and Abbady; Förster and Straburzynski)
    path, changed = break_annotation(
        annotations_copy, "{footnote: 69, holder: Martini}", "{footnote: 70, holder: Martini}"
    )
    line = assert_one_error_line(build_with(cli, victim, annotations_copy), "footnote 70 does not cite 'Martini'")
    assert reported_line(line, path) == changed
    assert "Grundlegende Begriffe" in line  # it says what the footnote does cite
    assert_unchanged(victim, tmp_path)


def test_same_position_id_on_two_issues(cli, victim, annotations_copy, tmp_path):
    path, changed = break_annotation(
        annotations_copy,
        "- id: a51-1a-significant-impact-required\n",
        "- id: a51-1a-independent-systemic-risk-determination-required\n",
    )
    line = assert_one_error_line(
        build_with(cli, victim, annotations_copy),
        "position 'a51-1a-independent-systemic-risk-determination-required'",
        "two issues",
    )
    assert reported_line(line, path) == changed
    first = path.read_text(encoding="utf-8").index("- id: a51-1a-independent-systemic-risk-determination-required")
    assert f"first at {path}:" in line
    assert first < path.read_text(encoding="utf-8").index(
        "- id: a51-1a-independent-systemic-risk-determination-required", first + 1
    )
    assert_unchanged(victim, tmp_path)


def test_author_view_quote_not_in_the_paragraph(cli, victim, annotations_copy, tmp_path):
    path, changed = break_annotation(
        annotations_copy, 'paragraph: 17, quote: "is compelling"', 'paragraph: 17, quote: "is utterly unpersuasive"'
    )
    line = assert_one_error_line(
        build_with(cli, victim, annotations_copy), "'is utterly unpersuasive' is not in margin paragraph 17"
    )
    assert reported_line(line, path) == changed
    assert_unchanged(victim, tmp_path)


def test_argument_supporting_an_unknown_position(cli, victim, annotations_copy, tmp_path):
    path, _ = break_annotation(
        annotations_copy, "supports: a51-1a-no-significant-impact-requirement", "supports: a51-1a-no-such-position"
    )
    line = assert_one_error_line(
        build_with(cli, victim, annotations_copy),
        "argument a51-1a-arg-wording-precludes-impact-requirement",
        "unknown position 'a51-1a-no-such-position'",
    )
    text = path.read_text(encoding="utf-8")
    argument_line = text.count("\n", 0, text.index("- id: a51-1a-arg-wording-precludes-impact-requirement")) + 1
    assert reported_line(line, path) == argument_line
    assert_unchanged(victim, tmp_path)


# ---- queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "# a comment first\nDELETE WHERE { ?s ?p ?o }",
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX ex: <http://example.org/> "
        "INSERT DATA { ex:a rdf:type ex:b }",
        "prefix ex: <http://example.org/>\ndrop all",
    ],
    ids=["insert-data", "after-comment", "one-line-prologue", "lowercase"],
)
def test_updates_are_refused(cli, victim, tmp_path, update):
    run = cli("--store", victim.store, "query", update)
    assert_one_error_line(run, "SPARQL update", "read-only")
    assert_unchanged(victim, tmp_path)


def test_sparql_syntax_error(cli, victim, tmp_path):
    run = cli("--store", victim.store, "query", "SELECT ?s WHERE { ?s ?p ")
    assert_one_error_line(run, "error: SPARQL syntax error")
    assert_unchanged(victim, tmp_path)


def test_unreadable_rq_file(cli, victim, tmp_path):
    run = cli("--store", victim.store, "query", tmp_path / "missing.rq")
    assert_one_error_line(run, "missing.rq", "cannot read query file")


def test_query_time_limit(cli, victim, tmp_path):
    expensive = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 63k^3 rows
    run = cli("--store", victim.store, "query", "--timeout", "0.5", expensive)
    assert_one_error_line(run, "stopped after 0.5 s", "time limit")
    assert_unchanged(victim, tmp_path)


def test_row_limit(cli, victim):
    run = cli(
        "--store",
        victim.store,
        "query",
        "--limit",
        "3",
        "--format",
        "json",
        "SELECT ?fn ?n WHERE { ?fn a kg:Footnote ; kg:footnoteNumber ?n } ORDER BY ?n",
    )
    assert run.code == 0
    assert [r["n"] for r in result_rows(run.out)] == ["1", "2", "3"]
    assert "stopped at 3 rows" in run.err


def test_query_on_a_missing_store(cli, tmp_path):
    run = cli("--store", tmp_path / "nothing-here", "stats")
    assert_one_error_line(run, str(tmp_path / "nothing-here"), "run `kg build` first")


# ---- a further chapter of the same shape, with the faults a scrape can have ----------------------

VARIANT = """\
Cambridge Commentary on EU General-Purpose AI Law

Explore the Cambridge Commentary
Chapter V
Procedure
Commentary by Gregor Gindlin

Select bibliography

  • Haar T and Siglmüller J, ‘Art. 52 Verfahren’ in Jens Schefzig and Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025).

Commentary

1. General remarks

1Article 52 AI Act sets out the procedure for the classification of GPAI models as presenting systemic risk.1 It complements Article 51.2

1.1. Notification

2Scholars are divided on whether a notified model is classified without a Commission decision3 or whether the Commission must designate it.4 The commentary leaves this open.5

1.3. Contestation

3The provider may contest the classification when submitting the notification.6

4A further remark closes the variant.
  1. Tobias Haar and Jonas Siglmüller, ‘Art. 52 Verfahren’ in Jens Schefzig and Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025) para 2. ↩︎
  2. See AI Act, art 51(1)(a). ↩︎
  3. In favour of automatic classification: Haar and Siglmüller, ‘Art. 52’ (n 1) para 3. ↩︎
  4. Opposing view: Haar and Siglmüller, ‘Art. 52’ (n 999) para 4. ↩︎
  6. See AI Act, art 52(2). ↩︎
  7. A footnote that no marker refers to. ↩︎
Contents
Cite
Gregor Gindlin, 'Article 52: Procedure' (Cambridge Commentary on EU General-Purpose AI Law, 13 Mar 2026) <https://cambridge-commentary.ai/article-52/>
"""


@pytest.fixture(scope="module")
def variant_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("variant") / "variant.txt"
    path.write_text(VARIANT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def variant_graph(variant_file, tmp_path_factory):
    """The Article 51 chapter and the variant built together (`--commentary` twice)."""
    from factories import COMMENTARY

    return build_store(
        tmp_path_factory.mktemp("variant-graph") / "store", "--commentary", COMMENTARY, "--commentary", variant_file
    )


@pytest.fixture(scope="module")
def variant_alone(variant_file, tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("variant-alone") / "store", "--commentary", variant_file)


def test_variant_builds_with_located_warnings(variant_alone):
    run = variant_alone.run
    assert run.code == 0
    assert "1 commentary file(s): 3 sections, 4 margin paragraphs, 6 footnotes" in run.out
    warnings = run.err.splitlines()
    for expected in (
        "warning: variant.txt: line 22: heading 1.3. out of sequence after 1.1.",
        "warning: variant.txt: margin paragraph 2: footnote marker 5 has no footnote",
        "warning: variant.txt: footnote 7: footnote is never referenced in the text",
        "warning: variant.txt: footnote 4: (n 999) points to no footnote",
    ):
        assert expected in warnings, run.err
    assert "Traceback" not in run.err
    # the short form that points nowhere is reported as unresolved, not guessed
    assert re.search(r"variant\.txt: footnote 4: .*\(n 999\)", run.out)


def test_variant_fails_a_strict_build(cli, variant_file, tmp_path):
    run = cli("--store", tmp_path / "store", "build", "--strict", "--commentary", variant_file)
    assert run.code != 0
    assert "warning: variant.txt: line 22: heading 1.3. out of sequence after 1.1." in run.err
    assert re.search(r"^strict: \d+ warning\(s\)", run.err, re.M)
    assert "Traceback" not in run.err


def test_variant_footnotes_sit_in_their_paragraphs(cli, variant_graph):
    run = cli("--store", variant_graph.store, "footnotes", "--json")
    assert run.code == 0
    notes = json.loads(run.out)
    by_doc = {}
    for f in notes:
        by_doc.setdefault(f["commentary"], {})[f["number"]] = f
    assert set(by_doc) == {DOCUMENT, "variant.txt"}
    assert len(by_doc[DOCUMENT]) == 556
    variant = by_doc["variant.txt"]
    assert {n: f["paragraph"] for n, f in variant.items()} == {1: 1, 2: 1, 3: 2, 4: 2, 6: 3, 7: None}
    assert by_doc[DOCUMENT][1]["paragraph"] == 1 and by_doc[DOCUMENT][1]["text"].startswith("Regulation (EU) 2024/1689")
    # fn 3 `(n 1)` resolves to the work cited in full in fn 1 of the same chapter
    (cit,) = variant[3]["citations"]
    assert cit["via_footnote"] == 1 and cit["work"] == "Art. 52 Verfahren" and cit["pinpoint"] == "para 3"
    assert variant[4]["citations"] == []  # `(n 999)` stays unresolved
    assert variant[6]["provisions"] == ["Art. 52(2) AI Act"]


def test_variant_alone_counts(cli, variant_alone):
    """`--commentary FILE` builds that chapter instead of sources/commentary/: its own counts."""
    stats = json.loads(cli("--store", variant_alone.store, "stats", "--json").out)
    assert (stats["paragraphs"], stats["footnotes"], stats["sections"]) == (4, 6, 3)
    notes = json.loads(cli("--store", variant_alone.store, "footnotes", "--json").out)
    assert {f["commentary"] for f in notes} == {"variant.txt"}


def test_variant_paragraphs_are_told_apart(cli, variant_graph):
    run = cli("--store", variant_graph.store, "paragraphs", "--json", "--document", "variant.txt")
    paras = json.loads(run.out)
    assert [(p["number"], p["section"], p["footnotes"]) for p in paras] == [
        (1, "1.", [1, 2]),
        (2, "1.1.", [3, 4]),
        (3, "1.3.", [6]),
        (4, "1.3.", []),
    ]
    stats = json.loads(cli("--store", variant_graph.store, "stats", "--json").out)
    assert (stats["paragraphs"], stats["footnotes"]) == (147 + 4, 556 + 6)


def test_variant_alone_uses_extraction_and_skips_other_annotations(variant_file, tmp_path):
    """A chapter built without the Article 51 file: the Article 51 annotations are not used (and
    say so); the variant's argument layer comes from extraction alone."""
    from kg.build import Sources, compile_graph

    sources = Sources.default()
    sources.commentaries = [variant_file]
    result = compile_graph(sources)
    assert result.counts["commentaries"] == 1
    assert result.argument_report["needed_curation"] == 0
    assert any("article-51-part1.yaml" in s for s in result.argument_report["annotations_skipped"])


def test_annotations_for_another_version_of_the_text_are_not_applied(annotations_copy):
    """Anchors are footnote and paragraph numbers: annotations made on another version of the
    commentary file (a different sha256) are reported and left out, never misapplied."""
    from kg.build import Sources, compile_graph

    for path in annotations_copy.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("commentary_sha256: 9431", "commentary_sha256: 0000"), encoding="utf-8")
    sources = Sources.default()
    sources.annotations = annotations_copy
    result = compile_graph(sources, validate=False)
    assert result.argument_report["needed_curation"] == 0
    assert any("another version of the text" in s for s in result.argument_report["annotations_skipped"])


def test_a_malformed_article_text_is_a_clear_error(tmp_path):
    """A provision source that is not an article text stops the build with the file and the reason."""
    import shutil

    from kg.build import Sources, compile_graph
    from kg.ingest.parse import SourceError

    root = tmp_path / "sources"
    shutil.copytree(Path(__file__).resolve().parent.parent / "sources", root)
    (root / "provisions" / "ai-act-article-52.txt").write_text("Procedure\n\n1. Where a model ...\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"ai-act-article-52\.txt: no 'Article N' heading"):
        compile_graph(Sources.default(root=root))


# ---- broken review markings (sources/annotations/article-51-review.yaml) ----------------------

REVIEW = "article-51-review.yaml"


def test_rejecting_a_candidate_that_does_not_exist(cli, victim, annotations_copy, tmp_path):
    # footnote 7 (‘See Hofmann-Coombe (n 6) para 35.’) backs a statement: extraction proposes no camp there
    path, changed = break_annotation(
        annotations_copy,
        "{footnote: 259, holder: Lenaerts and Gutiérrez-Fons,",
        "{footnote: 7, holder: Hofmann-Coombe,",
        REVIEW,
    )
    line = assert_one_error_line(build_with(cli, victim, annotations_copy), "rejects a candidate that does not exist")
    assert reported_line(line, path) == changed
    assert_unchanged(victim, tmp_path)


def test_marking_a_citation_the_footnote_does_not_contain(cli, victim, annotations_copy, tmp_path):
    # footnote 19 cites only Cottier and Owen
    path, changed = break_annotation(
        annotations_copy,
        "  - {footnote: 19, reason:",
        '  - {footnote: 19, no_stance: [{holder: Martini, reason: "a fact"}], reason:',
        REVIEW,
    )
    line = assert_one_error_line(build_with(cli, victim, annotations_copy), "footnote 19 does not cite 'Martini'")
    assert reported_line(line, path) == changed
    assert_unchanged(victim, tmp_path)


def test_marking_a_footnote_twice(cli, victim, annotations_copy, tmp_path):
    path = annotations_copy / REVIEW
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '  - {footnote: 69, reason: "again"}\n', encoding="utf-8")
    line = assert_one_error_line(build_with(cli, victim, annotations_copy), "footnote 69 is marked twice")
    assert reported_line(line, path) == text.count("\n") + 1
    assert_unchanged(victim, tmp_path)


# ---- a --store that is not ours is never swapped away ---------------------------------------------


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_store_path_that_is_not_a_store_is_refused_and_left_alone(cli, tmp_path, what):
    # a build once renamed /dev/null away when given `--store /dev/null`
    target = tmp_path / "precious"
    if what == "file":
        target.write_text("not a store", encoding="utf-8")
    else:
        target.mkdir()
        (target / "thesis.docx").write_text("chapter 1", encoding="utf-8")
    run = cli("--store", target, "build", "--no-validate")
    assert run.code == 2 and "nothing was changed" in run.err and "Traceback" not in run.err
    if what == "file":
        assert target.is_file() and target.read_text(encoding="utf-8") == "not a store"
    else:
        assert sorted(p.name for p in target.iterdir()) == ["thesis.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious"]


def test_an_id_that_cannot_be_part_of_an_iri(cli, victim, annotations_copy, tmp_path):
    """Found by the fuzz campaign (seed 21, case 301): an issue id with a space reached the IRI
    maker and ended in `unexpected ValueError: Invalid IRI code point`."""
    path, changed = break_annotation(
        annotations_copy, "- id: a51-1a-significant-impact-required\n", "- id: significant impact required\n"
    )
    line = assert_one_error_line(
        build_with(cli, victim, annotations_copy), "'significant impact required'", "not an identifier"
    )
    assert reported_line(line, path) == changed
    assert_unchanged(victim, tmp_path)


@pytest.mark.parametrize(
    "old, new, wanted",
    [
        ("issues:\n", "reviews: -1\nissues:\n", "`reviews` must be a list, not -1"),  # fuzz seed 22, case 705
        ("    paragraphs: [14, 15]\n", "    paragraphs: [14, fifteen]\n", "a paragraph must be a margin number"),
    ],
)
def test_a_list_that_is_not_a_list(cli, victim, annotations_copy, tmp_path, old, new, wanted):
    path, _ = break_annotation(annotations_copy, old, new)
    assert_one_error_line(build_with(cli, victim, annotations_copy), wanted)
    assert_unchanged(victim, tmp_path)
