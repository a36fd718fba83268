"""Curation adds and corrects; review markings; coverage (`kg.argue.link`, `kg.argue.annotations`).

Real excerpts: the annotation of the flagship issue (footnotes 69–75) from the shipped files,
applied alone, and the extraction candidates of footnote 63 (‘See Haar and Siglmüller, ‘Art. 51’
(n 9) para 33; opposing view: Bernsteiner and Schmitt, ‘Art. 51’ (n 6) para 29.’), which that
annotation does not touch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ANNOTATIONS, DOCUMENT

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
