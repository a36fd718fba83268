"""`kg.link`: camps and strengths on real footnotes, candidate issues from extraction, and the
build's count of attributions found by extraction versus those that needed curation.

Citations come from `kg.find_citations.find_citations` as resolved by `kg.resolve.resolve` on
the parsed real commentary (session fixtures `commentary` and `resolved`).
"""

from __future__ import annotations

import json
import re

import pytest
from factories import DOCUMENT, build_store, result_rows

from kg.argue import extract
from kg.ingest.find_citations import find_citations


@pytest.fixture(scope="module")
def cites(resolved):
    """footnote number → its resolved citations, in order."""
    out: dict[int, list] = {}
    for c in resolved.citations[DOCUMENT]:
        out.setdefault(c.footnote, []).append(c)
    return out


@pytest.fixture
def camps_of(commentary, cites):
    def run(n: int):
        return extract.camps(DOCUMENT, n, commentary.footnote(n).text, cites.get(n, []))

    return run


@pytest.fixture
def who(resolved):
    """A citation's holder as the family names of the cited work's authors: ('Haar', 'Siglmüller')."""

    def run(citation) -> tuple[str, ...]:
        w = resolved.works[citation.work]
        return tuple(resolved.persons[a].family for a in w.authors) or (w.organisation or w.title,)

    return run


def strengths(camp, text, who) -> dict[tuple[str, ...], str]:
    return {who(c): extract.strength(camp, c, text) for c in camp.citations}


# ---- camps and strength on real footnotes -----------------------------------------------------


def test_fn69_one_camp_in_favour_of_a_decision(commentary, camps_of, who):
    text = commentary.footnote(69).text
    (camp,) = camps_of(69)
    assert (camp.kind, camp.opposed) == ("favour", False)
    assert camp.phrase == "the requirement of a Commission decision for classification under article 51(1)(a)"
    assert strengths(camp, text, who) == {
        ("Haar", "Siglmüller"): "explicit",
        ("Bernsteiner", "Schmitt"): "explicit",
        ("Hofmann-Coombe",): "explicit",
        ("Hilgendorf", "Härtlein"): "explicit",
        ("Martini",): "explicit",
        ("Schöbel", "Yang-Jacobi"): "explicit",
        ("Novelli",): "explicit",
    }


def test_fn70_in_favour_of_automatic_classification_with_a_see_also(commentary, camps_of, who):
    # ‘In favour of automatic classification under Article 51(1)(a): Toby Bond and Shima Abbady, ‘Article 52
    #  Procedure’ in ... 839–840, sec 1; see also Förster and Straburzynski (n 39) para 66.’
    text = commentary.footnote(70).text
    (camp,) = camps_of(70)
    assert (camp.kind, camp.phrase) == ("favour", "automatic classification under Article 51(1)(a)")
    assert strengths(camp, text, who) == {("Bond", "Abbady"): "explicit", ("Förster", "Straburzynski"): "see-also"}


def test_fn63_opposing_view(commentary, camps_of, who):
    # ‘See Haar and Siglmüller, ‘Art. 51’ (n 9) para 33; opposing view: Bernsteiner and Schmitt, ‘Art. 51’ (n 6) para 29.’
    text = commentary.footnote(63).text
    backing, opposing = camps_of(63)
    assert (backing.kind, backing.opposed) == (None, False)
    assert (opposing.kind, opposing.opposed) == ("oppose", True)
    assert strengths(backing, text, who) == {("Haar", "Siglmüller"): "explicit"}
    assert strengths(opposing, text, who) == {("Bernsteiner", "Schmitt"): "explicit"}
    assert [c.pinpoint for c in opposing.citations] == ["para 29"]


def test_fn130_seemingly_opposing_view(commentary, camps_of, who):
    # ‘Bernsteiner and Schmitt ... para 25; see also Wendt and Wendt ...; Martini ...; Engel ...;
    #  seemingly opposing view: Haar and Siglmüller, ‘Art. 51’ (n 9) paras 32, 58.’
    text = commentary.footnote(130).text
    backing, seeming = camps_of(130)
    assert strengths(backing, text, who) == {
        ("Bernsteiner", "Schmitt"): "explicit",
        ("Wendt", "Wendt"): "see-also",
        ("Martini",): "see-also",
        ("Engel",): "see-also",
    }
    assert (seeming.kind, seeming.opposed) == ("seem", True)
    assert strengths(seeming, text, who) == {("Haar", "Siglmüller"): "seemingly"}


def test_fn182_unclear(commentary, camps_of, who):
    # ‘See Schneider and Schneider ... para 16 who argues that ...; see also Bernsteiner and Schmitt ... para 27;
    #  unclear: Samuel Carey, ‘Regulating Uncertainty ...’’
    text = commentary.footnote(182).text
    backing, unclear = camps_of(182)
    assert strengths(backing, text, who) == {
        ("Schneider", "Schneider"): "explicit",
        ("Bernsteiner", "Schmitt"): "see-also",
    }
    assert (unclear.kind, unclear.opposed) == ("unclear", False)
    assert strengths(unclear, text, who) == {("Carey",): "unclear"}


def test_fn483_in_favour_against_unclear(commentary, camps_of, who):
    # ‘In favour: Bond and Abbady ...; Carey (n 182) 10; Bernsteiner and Schmitt ... para 40;
    #  against: Haar and Siglmüller ... para 82; unclear: Schneider and Schneider ... 39; see also European Commission ...’
    text = commentary.footnote(483).text
    favour, against, unclear = camps_of(483)
    assert (favour.kind, favour.phrase, favour.opposed) == ("favour", None, False)
    assert strengths(favour, text, who) == {
        ("Bond", "Abbady"): "explicit",
        ("Carey",): "explicit",
        ("Bernsteiner", "Schmitt"): "explicit",
    }
    assert (against.kind, against.opposed) == ("against", True)
    assert strengths(against, text, who) == {("Haar", "Siglmüller"): "explicit"}
    assert [c.pinpoint for c in against.citations] == ["para 82"]
    assert unclear.kind == "unclear"
    assert strengths(unclear, text, who)[("Schneider", "Schneider")] == "unclear"
    assert [cp.index for cp in (favour, against, unclear)] == [1, 2, 3]


def test_camps_hold_only_resolved_works(commentary, cites):
    """Unresolved citations (straight from find_citations) never make a holder; once resolved, the
    same citations at the same offsets form the camps."""
    text = commentary.footnote(483).text
    found = find_citations(text, 483)
    assert [c.start for c in found] == [c.start for c in cites[483]]
    assert all(c.work is None for c in found)
    assert extract.camps(DOCUMENT, 483, text, found) == []
    assert [cp.kind for cp in extract.camps(DOCUMENT, 483, text, cites[483])] == ["favour", "against", "unclear"]


def test_a_plain_footnote_is_one_camp_without_signal(commentary, camps_of):
    # fn 72: ‘Haar and Siglmüller, ‘Art. 51’ (n 9) para 27. In the German language version ...’
    (camp,) = camps_of(72)
    assert (camp.kind, camp.phrase, camp.opposed) == (None, None, False)
    assert extract.strength(camp, camp.citations[0], commentary.footnote(72).text) == "explicit"


# ---- extraction on the real commentary --------------------------------------------------------


@pytest.fixture(scope="module")
def extracted(commentary, resolved):
    return extract.extract(commentary, "article-51", resolved.citations[DOCUMENT])


def test_extract_finds_the_designation_controversy_in_2_1_1_1(extracted, who):
    issues = [i for i in extracted.issues if i.label.startswith("2.1.1.1. ")]
    assert len(issues) == 1
    issue = issues[0]
    assert issue.label == "2.1.1.1. Commission designation in the context of Article 51(1)(a)"
    assert issue.derivation == "extraction" and issue.document == DOCUMENT
    assert 16 in issue.paragraphs
    # ‘Scholars are divided on whether the classification ... requires a Commission decision or whether ...’
    assert issue.question.startswith("whether the classification of GPAI models with high-impact capabilities")
    positions = {p.id for p in extracted.positions if p.issue == issue.id}
    holders = [a for a in extracted.attributions if a.position in positions]

    def side(fn: int) -> set[str]:
        return {a.position for a in holders if a.footnote == fn}

    assert len(side(69)) == 1 and len(side(70)) == 1
    assert side(69) != side(70)
    decision, automatic = side(69).pop(), side(70).pop()
    fn69 = {who(a.citation) for a in holders if a.footnote == 69}
    fn70 = {who(a.citation) for a in holders if a.footnote == 70}
    assert fn69 == {
        ("Haar", "Siglmüller"),
        ("Bernsteiner", "Schmitt"),
        ("Hofmann-Coombe",),
        ("Hilgendorf", "Härtlein"),
        ("Martini",),
        ("Schöbel", "Yang-Jacobi"),
        ("Novelli",),
    }
    assert fn70 == {("Bond", "Abbady"), ("Förster", "Straburzynski")}
    assert all(a.position == decision for a in holders if a.footnote == 69)
    assert all(a.position == automatic for a in holders if a.footnote == 70)
    assert all(a.derivation == "extraction" for a in holders)
    labels = {p.id: p.label for p in extracted.positions}
    assert labels[automatic] == "Automatic classification under Article 51(1)(a)"
    assert labels[decision].startswith("The requirement of a Commission decision")


# ---- the build report: extraction versus curation ----------------------------------------------

SUMMARY = re.compile(r"(\d+) attributions \((\d+) from extraction alone, (\d+) needed curation\)")


def test_build_report_counts_extraction_and_curation(graph, cli):
    total, extraction, curation = map(int, SUMMARY.search(graph.run.out).groups())
    assert total == extraction + curation
    assert extraction > 0 and curation > 0
    run = cli(
        "--store",
        graph.store,
        "query",
        "--format",
        "json",
        "SELECT ?d (COUNT(?a) AS ?n) WHERE { ?a a kg:Attribution ; kg:derivation ?d } GROUP BY ?d",
    )
    stored = {r["d"]: int(r["n"]) for r in result_rows(run.out)}
    assert stored == {"extraction": extraction, "curation": curation}


def test_no_annotations_build_needs_no_curation(cli, tmp_path):
    built = build_store(tmp_path / "store", "--no-annotations")
    total, extraction, curation = map(int, SUMMARY.search(built.run.out).groups())
    assert total > 0 and extraction == total and curation == 0
    assert re.search(r"\d+ attributions .*, 0 arguments$", built.run.out, re.M)
    views = json.loads(cli("--store", built.store, "views", "--json").out)
    assert views["issues"] and {i["derivation"] for i in views["issues"]} == {"extraction"}
    derivations = {h["derivation"] for i in views["issues"] for p in i["positions"] for h in p["holders"]}
    assert derivations == {"extraction"}
    designation = [i for i in views["issues"] if i["label"].startswith("2.1.1.1. ")]
    assert len(designation) == 1
