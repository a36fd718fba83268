"""Curation adds and corrects; review markings; coverage (`kg.argue.link`, `kg.argue.annotations`).

Real excerpts: the annotation of the flagship issue (footnotes 69–75) from the shipped files,
applied alone, and the extraction candidates of footnote 63 (‘See Haar and Siglmüller, ‘Art. 51’
(n 9) para 33; opposing view: Bernsteiner and Schmitt, ‘Art. 51’ (n 6) para 29.’), which that
annotation does not touch.
"""

from __future__ import annotations

import pytest
from factories import ANNOTATIONS, DOCUMENT

from kg.argue import annotations as ann
from kg.argue import link

FLAGSHIP = "a51-1a-automatic-classification"


def _flagship_only() -> ann.Annotations:
    issues = ann.load_file(ANNOTATIONS / "article-51-part1.yaml")
    return ann.Annotations([i for i in issues if i.id == FLAGSHIP], [])


def _link(commentary, resolved, notes):
    return link.link(
        {DOCUMENT: (commentary, "article-51")},
        resolved.citations,
        resolved.works,
        resolved.persons,
        notes,
        lambda k: True,
    )


def _mark(fn: int, holder: str, work: str | None, reason: str) -> ann.CitationMark:
    return ann.CitationMark(fn, holder, work, reason, "test.yaml", 7)


def test_untouched_candidates_are_kept_as_extracted(commentary, resolved):
    layer = _link(commentary, resolved, _flagship_only())
    fn63 = [a for a in layer.attributions if a.footnote == 63]
    assert len(fn63) == 2 and {a.review for a in fn63} == {"extracted"}
    assert len({a.position for a in fn63}) == 2  # the opposing view stays on the other side
    flagship = [a for a in layer.attributions if a.footnote == 69]
    assert flagship and {a.review for a in flagship} <= {"curated", "extracted-and-confirmed"}
    assert {c.status for c in layer.candidates if c.attribution.footnote == 63} == {"open"}


def test_a_rejection_drops_the_candidate_and_records_the_reason(commentary, resolved):
    notes = _flagship_only()
    notes.rejections = [ann.Rejection(_mark(63, "Bernsteiner and Schmitt", "Art. 51", "wrong camp"), DOCUMENT)]
    layer = _link(commentary, resolved, notes)
    kept = [a for a in layer.attributions if a.footnote == 63]
    assert [resolved.works[a.work].authors for a in kept] == [["haar-tobias", "siglmuller-jonas"]]
    (rejected,) = [c for c in layer.candidates if c.status == "rejected"]
    assert rejected.attribution.footnote == 63 and rejected.reason == "wrong camp"


def test_rejecting_a_candidate_that_does_not_exist_names_file_and_line(commentary, resolved):
    notes = _flagship_only()
    # footnote 61 cites Martini, but extraction proposes it in footnote 61's camp: pick footnote 7 (plain `See`)
    notes.rejections = [ann.Rejection(_mark(7, "Hofmann-Coombe", None, "not a view"), DOCUMENT)]
    with pytest.raises(ann.AnnotationError) as e:
        _link(commentary, resolved, notes)
    assert (e.value.file, e.value.line) == ("test.yaml", 7)
    assert "rejects a candidate that does not exist" in e.value.reason


# ---- weight of opinion and acceptability (kg views --json) -----------------------------------


@pytest.fixture(scope="module")
def flagship(graph):
    from conftest import run_kg

    run = run_kg("--store", graph.store, "views", FLAGSHIP, "--json")
    assert run.code == 0, run.err
    import json

    (issue,) = json.loads(run.out)["issues"]
    return {p["id"]: p for p in issue["positions"]}


def test_weight_counts_a_work_once_per_position(flagship):
    decision = flagship["a51-1a-designation-decision-required"]
    works = {h["work_id"] for h in decision["holders"]}
    # Haar and Siglmüller's ‘Art. 51’ is cited at fn 69, 72 and 75 for this position: one work
    assert sum(h["work_id"] == "haar-siglmuller-2025-art-51" for h in decision["holders"]) >= 2
    assert decision["weight"]["works"] == len(works) < decision["weight"]["citations"]


def test_prevailing_view_is_marked_with_counts_only_when_clearly_wider(flagship):
    decision, automatic = (
        flagship["a51-1a-designation-decision-required"],
        flagship["a51-1a-classification-by-operation-of-law"],
    )
    assert decision["weight"]["works"] >= 2 * automatic["weight"]["works"]
    assert decision["weight"]["prevailing"] and not automatic["weight"]["prevailing"]
    assert str(decision["weight"]["works"]) in decision["weight"]["basis"]


def test_grounded_extension_rejects_arguments_attacked_by_unattacked_ones(flagship):
    args = {a["id"]: a for p in flagship.values() for a in p["arguments"]}
    # para 17: the German wording ‘shall be classified’ argument is attacked by Art. 51(1)(b)'s express decision
    attacked = [a for a in args.values() if a.get("target_argument") and a["accepted"] == "in"]
    assert attacked
    for a in attacked:
        assert args[a["target_argument"]]["accepted"] == "out"
    assert {a["accepted"] for a in args.values()} <= {"in", "out", "undecided"}


# ---- coverage ---------------------------------------------------------------------------------


def test_coverage_marks_every_citation_of_a_reviewed_footnote(cli):
    import json

    run = cli("coverage", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    ch = report["chapter"]
    assert ch["citing_footnotes"] == ch["reviewed"] + len(report["unreviewed"])
    assert ch["unmarked"] == 0
    assert all(set(s) == set(ch) for s in report["sections"].values())


def test_strict_build_fails_on_an_unreviewed_footnote(cli, tmp_path, annotations_copy):
    review = annotations_copy / "article-51-review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("  - {footnote: 19, reason:", "  # {footnote: 19,"))
    run = cli("--store", tmp_path / "store", "build", "--strict", "--annotations", annotations_copy)
    assert run.code == 1
    assert "not reviewed" in run.err and "footnote 19" in run.err
