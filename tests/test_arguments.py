"""Arguments and the author's view (issue 11): cue phrases on real excerpts, inferred rejections,
where an argument's words are, and the flagship arguments of margin paragraphs 17–21 as
`kg views --json` gives them (maker's stance, footnote, exact words, kind)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import COMMENTARY, DOCUMENT, result_rows, run_kg

from kg.argue import author_view, curate
from kg.argue.annotations import AnnotationError, load_file
from kg.argue.layer import Position


def _same_words(raw: str, source: dict) -> bool:
    """The raw offsets hold the excerpt: it starts there, and every word of it is in the raw span (which
    may also keep a definition tooltip the cleaner removed, e.g. after ‘provider’, and non-breaking spaces)."""
    text = raw[source["start"] : source["end"]].replace("\u00a0", " ")
    words = source["excerpt"].replace("\u00a0", " ").split()
    found = sum(w.strip(".,;:’‘()") in text for w in words)  # `10^25` is `1025` in the raw file
    return text.startswith(words[0]) and found >= 0.95 * len(words)


# ---- cue phrases for the author's view (real excerpts) -----------------------------------------


def _stances(text: str) -> list[tuple[str, str]]:
    return [(c.phrase, c.stance) for c in author_view.view_cues(0, text)]


def test_more_compelling_view_endorses():
    text = "The more compelling view is that Annex XIII is non-exhaustive.192"  # para 43
    assert _stances(text) == [("more compelling", "endorses")]


def test_not_entirely_convincing_rejects_rather_than_endorses():
    text = "The counterarguments against automatic classification under Article 51(1)(a) are not entirely convincing."
    assert _stances(text) == [("not entirely convincing", "rejects")]


def test_less_convincing_rejects():
    text = "Such an interpretation, while ultimately less convincing, finds some support in the fact"  # para 56
    assert _stances(text) == [("less convincing", "rejects")]


def test_highly_uncertain_leaves_the_question_open():
    text = (
        "Whether and to what extent the substantive requirements under Article 51(1) constitute ‘essential "
        "elements’ within the meaning of Article 290(1) TFEU appears highly uncertain.497"
    )  # para 131
    assert _stances(text) == [("highly uncertain", "no view")]


def test_the_classic_cues_of_a_commentary():
    assert [s for _, s in _stances("It is submitted that the better view deserves preference.")] == [
        "endorses",
        "endorses",
        "endorses",
    ]
    assert [s for _, s in _stances("This reading is not persuasive and cannot be followed.")] == [
        "rejects",
        "rejects",
    ]


def test_cue_for_a_curated_view_is_found_in_its_sentence(commentary):
    para = commentary.paragraph(17)
    at = para.text.find("is compelling")
    cue = author_view.cue_for_view(para.text, 17, at, "is compelling", "endorses")
    assert cue is not None and cue.phrase == "is compelling"
    assert author_view.cue_for_view(para.text, 17, at, "is compelling", "rejects") is None


def test_the_commentary_has_cues_in_both_directions(commentary):
    cues = author_view.propose_author_views(commentary)
    found = {(c.paragraph, c.stance) for c in cues}
    assert {(17, "endorses"), (20, "rejects"), (43, "endorses"), (103, "endorses"), (131, "no view")} <= found


# ---- rejection follows from endorsing an alternative --------------------------------------------


def _positions(*ids: str) -> list[Position]:
    return [Position(i, "issue", i, "curation") for i in ids]


def test_endorsing_one_alternative_rejects_the_others():
    a, b, c = _positions("non-exhaustive", "exhaustive", "partly")
    a.view_stance, a.view_basis, a.view_paragraph, a.view_quote, a.view_offset = (
        "endorses",
        "stated",
        43,
        "The more compelling view is that Annex XIII is non-exhaustive.",
        0,
    )
    author_view.infer_rejections([a, b, c])
    assert (b.view_stance, b.view_basis, b.view_inferred_from, b.endorsed) == ("rejects", "inferred", a.id, False)
    assert c.view_stance == "rejects" and b.view_quote == a.view_quote


def test_positions_that_coexist_are_not_rejected():
    a, b = _positions("reach-alone-insufficient", "reach-presumption-suffices")
    a.view_stance, a.view_paragraph, a.view_quote, a.view_offset = "endorses", 59, "ultimately correct", 0
    b.coexists_with = [a.id]
    author_view.infer_rejections([a, b])
    assert b.view_stance is None


def test_an_open_question_infers_nothing():
    a, b = _positions("broad", "narrow")
    a.view_stance = "no view"
    author_view.infer_rejections([a, b])
    assert b.view_stance is None


# ---- where an argument's words are --------------------------------------------------------------


def test_best_sentence_finds_the_argument_in_its_paragraph(commentary):
    text = commentary.paragraph(81).text
    s, e = curate.best_sentence(
        text, "Had the drafters intended pathways beyond Art. 51(1)(a) and (b), the logical place would have been"
    )
    assert text[s:e].startswith("If the drafters had intended to create pathways beyond Article 51(1)(a) and (b)")


def test_marker_in_a_sentence_names_its_footnote(commentary):
    text = commentary.paragraph(18).text
    at = text.find("A comparison with the Digital Markets Act")
    assert curate.marker_in(commentary, 18, at, text.find("reinforces this reading.") + 24) == 74


# ---- annotation rules ----------------------------------------------------------------------------

HEAD = f"commentary: {DOCUMENT}\nissues:\n  - id: i\n    label: L\n    positions:\n      - {{id: p, label: P}}\n"


def _load(tmp_path: Path, argument: str):
    f = tmp_path / "a.yaml"
    f.write_text(HEAD + "    arguments:\n" + argument, encoding="utf-8")
    return load_file(f)


def test_the_author_cannot_advance_an_argument_he_only_raises(tmp_path):
    with pytest.raises(AnnotationError, match="does not advance an argument he only raises"):
        _load(
            tmp_path,
            "      - {id: a, label: A, kind: wording, paragraph: 36, attacks: p, stance: raises,"
            " advanced_by: commentary author}\n",
        )


def test_a_kind_outside_the_canons_is_refused(tmp_path):
    with pytest.raises(AnnotationError, match="kind 'other' is not one of"):
        _load(tmp_path, "      - {id: a, label: A, kind: other, paragraph: 36, attacks: p}\n")


def test_legacy_kinds_read_as_their_canon(tmp_path):
    (issue,) = _load(tmp_path, "      - {id: a, label: A, kind: teleological, paragraph: 36, attacks: p}\n")
    assert issue.arguments[0].kind == "purpose" and issue.arguments[0].stance == "advances"


def test_an_argument_made_in_a_footnote_names_it(tmp_path):
    with pytest.raises(AnnotationError, match="made in a footnote, but names no `footnote`"):
        _load(tmp_path, "      - {id: a, label: A, kind: wording, paragraph: 17, attacks: p, made_in: footnote}\n")


# ---- the built graph: kg views --json -----------------------------------------------------------


@pytest.fixture(scope="module")
def views(graph):
    run = run_kg("--store", graph.store, "views", "--json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def _arguments(views) -> dict[str, dict]:
    return {a["id"]: a for i in views["issues"] for p in i["positions"] for a in p["arguments"]}


def _positions_by_id(views) -> dict[str, dict]:
    return {p["id"]: p for i in views["issues"] for p in i["positions"]}


# the kind (canon of interpretation) and the author's stance of every flagship argument, paras 17–21
FLAGSHIP = {
    "a51-1a-arg-wording-shall-be-classified": ("wording", "reports", 72),
    "a51-1a-arg-express-decision-only-in-51-1-b": ("context", "advances", 73),
    "a51-1a-arg-double-decision-under-51-1-b": ("context", "advances", 73),
    "a51-1a-arg-two-stage-procedure-51-1-b": ("context", "reports", 73),
    "a51-1a-arg-recital-111-no-decision": ("context", "advances", None),
    "a51-1a-arg-dma-dsa-terminology": ("comparison", "advances", 75),
    "a51-1a-arg-dsa-terminology": ("comparison", "advances", 74),
    "a51-1a-arg-dsa-parallel-legislative-process": ("history", "reports", 75),
    "a51-1a-arg-text-deviates-from-dsa": ("comparison", "advances", 75),
    "a51-1a-arg-no-legal-basis-for-designation": ("context", "advances", None),
    "a51-1a-arg-legal-uncertainty": ("purpose", "reports", 78),
    "a51-1a-arg-legal-uncertainty-reasonable-for-51-1-b": ("context", "concedes", 79),
    "a51-1a-arg-compute-presumption-self-assessable": ("context", "advances", 82),
    "a51-1a-arg-notification-presupposes-self-assessment": ("context", "advances", 83),
    "a51-1a-arg-delegated-indicators-facilitate": ("context", "advances", 84),
    "a51-1a-arg-contestation-requires-designation": ("context", "reports", 85),
    "a51-1a-arg-acceptance-decision-independent": ("context", "advances", 87),
    "a51-1a-arg-52-3-rejection-not-designation": ("wording", "advances", None),
}


def test_every_flagship_argument_has_its_kind_stance_and_footnote(views):
    issue = next(i for i in views["issues"] if i["id"] == "a51-1a-automatic-classification")
    args = {a["id"]: a for p in issue["positions"] for a in p["arguments"]}
    assert {k: (a["kind"], a["stance"], a["footnote"]) for k, a in args.items()} == FLAGSHIP


def test_the_dma_comparison_is_the_authors_and_bond_abbady_carry_only_the_dsa_point(views):
    args = _arguments(views)
    dma = args["a51-1a-arg-dma-dsa-terminology"]
    assert dma["maker"] == "commentary author" and dma["sources"] == []
    assert dma["advanced_by"] == "Gregor Gindlin (commentary author)"
    dsa = args["a51-1a-arg-dsa-terminology"]
    assert [(s["authors"], s["footnote"], s["signal"]) for s in dsa["sources"]] == [
        (["Toby Bond", "Shima Abbady"], 74, "See")
    ]


def test_the_reply_in_fn_75_is_the_authors_and_made_in_the_footnote(views, raw):
    reply = _arguments(views)["a51-1a-arg-text-deviates-from-dsa"]
    assert (reply["stance"], reply["made_in"], reply["footnote"], reply["relation"]) == (
        "advances",
        "footnote",
        75,
        "attacks",
    )
    assert reply["target_argument"] == "a51-1a-arg-dsa-parallel-legislative-process"
    src = reply["source"]
    assert _same_words(raw, src)
    assert src["excerpt"].startswith("this argument is countered by the fact that the actual provisions")


def test_arguments_the_author_rejects_are_never_his(views):
    """An argument for a position he rejects is raised or reported, unless he concedes part of it."""
    positions = _positions_by_id(views)
    for p in positions.values():
        if p["author_view"]["stance"] != "rejects":
            continue
        for a in p["arguments"]:
            if a["relation"] == "supports" and "target_argument" not in a:
                assert a["stance"] in ("raises", "reports", "concedes"), a["id"]
                assert a["advanced_by"] != "Gregor Gindlin (commentary author)" or a["stance"] == "concedes"


def test_the_art_3_65_objection_is_raised_not_advanced(views):
    objection = _arguments(views)["a51-1b-arg-systemic-risk-specific-to-hic"]
    assert (objection["stance"], objection["advanced_by"], objection["paragraph"]) == ("raises", None, 36)


def test_every_argument_states_its_stance_kind_and_exact_words(views, raw):
    kinds = {"wording", "context", "purpose", "history", "comparison", "case-law"}
    for a in _arguments(views).values():
        assert a["stance"] in ("advances", "raises", "reports", "concedes"), a["id"]
        assert a["kind"] in kinds, a["id"]
        assert _same_words(raw, a["source"]), a["id"]
        if a["made_in"] == "footnote":
            assert a["footnote"] is not None, a["id"]


def test_arguments_made_only_in_footnotes_are_captured(views):
    made_in = {a["footnote"] for a in _arguments(views).values() if a["made_in"] == "footnote"}
    assert {39, 73, 75, 488, 497, 499} <= made_in


def test_the_essential_elements_argument_and_its_counter_in_fn_497(views):
    args = _arguments(views)
    pro = args["delegation-essential-element-determines-applicability"]
    contra = args["delegation-not-essential-contestable"]
    assert (pro["footnote"], pro["stance"], contra["footnote"], contra["target_argument"]) == (
        497,
        "raises",
        497,
        pro["id"],
    )


def test_the_para_20_concession_limits_the_legal_uncertainty_argument(views):
    concession = _arguments(views)["a51-1a-arg-legal-uncertainty-reasonable-for-51-1-b"]
    assert (concession["relation"], concession["stance"]) == ("qualifies", "concedes")
    assert concession["target_argument"] == "a51-1a-arg-legal-uncertainty"
    assert (
        concession["source"]["excerpt"]
        == "This concern appears reasonable with respect to classification under Article 51(1)(b)"
    )


def test_author_views_para_43_and_para_103(views, raw):
    positions = _positions_by_id(views)
    exhaustive = positions["annex-xiii-exhaustive"]["author_view"]
    assert (exhaustive["stance"], exhaustive["basis"], exhaustive["paragraph"]) == ("rejects", "inferred", 43)
    assert exhaustive["quote"] == "The more compelling view is that Annex XIII is non-exhaustive."
    assert _same_words(raw, exhaustive["source"]) and exhaustive["source"]["excerpt"] == exhaustive["quote"]
    for excluding in ("synthetic-data-exclude-all", "synthetic-data-public-private-distinction"):
        assert positions[excluding]["author_view"]["stance"] == "rejects"
    assert positions["synthetic-data-include-all"]["author_view"]["stance"] == "endorses"


def test_an_open_question_is_said_to_be_open(views):
    broad = _positions_by_id(views)["delegation-broad-substantive-criteria"]["author_view"]
    assert (broad["stance"], broad["basis"], broad["paragraph"]) == ("no view", "stated", 131)


def test_author_views_listing_counts_issues_without_a_view(graph, cli):
    run = cli("--store", graph.store, "author-views", "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    c = data["counts"]
    assert c["issues"] == len(data["issues"])
    assert c["issues_without_author_view"] == len(data["issues_without_author_view"])
    assert c["endorses"] + c["rejects"] + c["no view"] + c["not recorded"] == c["positions"]
    assert COMMENTARY.exists()


def test_the_flagship_sparql_gives_the_same_arguments_stances_and_footnotes(graph, cli):
    run = cli("--store", graph.store, "query", "every-view-on-automatic-classification", "--format", "json")
    assert run.code == 0, run.err
    rows = [
        {
            k: r.get(k)
            for k in ("argument", "argumentKind", "argumentStance", "argumentFootnote", "position", "authorStance")
        }
        | {"viewParagraph": r.get("viewParagraph")}
        for r in result_rows(run.out)
    ]
    got = {
        r["argument"].rsplit("/", 1)[-1]: (
            r["argumentKind"],
            r["argumentStance"],
            int(r["argumentFootnote"]) if r["argumentFootnote"] else None,
        )
        for r in rows
        if r["argument"]
    }
    assert got == FLAGSHIP
    views = {r["position"].rsplit("/", 1)[-1]: (r["authorStance"], r["viewParagraph"]) for r in rows}
    assert views == {
        "a51-1a-classification-by-operation-of-law": ("endorses", "17"),
        "a51-1a-designation-decision-required": ("rejects", "20"),
    }


def test_a_view_with_a_cue_phrase_was_proposed_by_extraction(views):
    positions = _positions_by_id(views)
    assert positions["a51-1a-classification-by-operation-of-law"]["author_view"]["derivation"] == "extraction"
    # "generally does not require an independent determination" takes a side without a stock phrase
    assert positions["a51-1a-no-independent-systemic-risk-determination"]["author_view"]["derivation"] == "curation"
    # an inferred rejection is proposed exactly when the endorsement it follows from was
    assert positions["annex-xiii-exhaustive"]["author_view"]["derivation"] == "extraction"
