"""More chapters in one graph: a chapter by another author (name particles, a provision paragraph
with two subparagraphs) built alone and together with the Article 51 chapter.

`tests/chapters/article-52-sample.txt` is an INVENTED chapter in the page format of the Cambridge
Commentary (the real Article 52 chapter is not among our sources): its author, works and views are
made up for the test; its Article 52 text is the official text. Its correct figures are stated here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from factories import ROOT, ask_store, build_store, kg_json, run_kg

SAMPLE = Path(__file__).parent / "chapters" / "article-52-sample.txt"
ART51 = ROOT / "sources" / "commentary" / "002_b07c53fab08c7372.txt"
RES = "https://w3id.org/euaigraph/id/"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("sample") / "store", "--strict", "--commentary", SAMPLE)


@pytest.fixture(scope="module")
def together(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("together") / "store", "--commentary", ART51, "--commentary", SAMPLE)


def test_the_sample_chapter_builds_strict_without_a_warning(sample):
    assert "warning" not in sample.run.err and "unresolved" not in sample.run.out


def test_the_sample_chapter_is_parsed_exactly(sample):
    (chapter,) = kg_json(sample.store, "chapters")
    assert (chapter["article"], chapter["author"], chapter["title"]) == (
        "52",
        "Marta di Lorenzo",
        "Article 52: Procedure",
    )
    assert (chapter["sections"], chapter["paragraphs"], chapter["footnotes"]) == (7, 10, 17)


@pytest.mark.parametrize(
    ("footnote", "family"),
    [(5, "de Vries"), (5, "van der Linden"), (7, "de Vries"), (9, "van der Linden"), (16, "de Vries")],
)
def test_short_forms_with_a_name_particle_resolve(sample, footnote, family):
    fn = next(f for f in kg_json(sample.store, "footnotes") if f["number"] == footnote)
    works = [c["work_id"] for c in fn["citations"] if c["via_footnote"]]
    assert any(family.lower().replace(" ", "-") in (w or "") for w in works), fn["citations"]


def test_particles_stay_with_the_family_name_in_person_iris(sample):
    for key in ("de-vries-pieter", "van-der-linden-lena", "von-stein-karl", "di-lorenzo-marta"):
        assert ask_store(sample.store, f"ASK {{ <{RES}person/{key}> a <http://xmlns.com/foaf/0.1/Person> }}"), key
    assert not ask_store(sample.store, f"ASK {{ <{RES}person/vries-pieter-de> ?p ?o }}")


def test_a_hyphenated_given_name_and_its_initials_are_one_person(sample):
    rows = ox.Store.read_only(str(sample.store)).query(
        "SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> . FILTER(CONTAINS(STR(?p), 'dupont-leclerc')) }"
    )
    assert [str(r["p"].value).rsplit("/", 1)[-1] for r in rows] == ["dupont-leclerc-anne-marie"]


def test_the_second_subparagraph_of_article_52_4_is_addressable(sample):
    sub = "https://w3id.org/euaigraph/eli/reg/2024/1689/art_52__para_4__subpara_2"
    assert ask_store(sample.store, f"ASK {{ <{sub}> ?p ?o }}")
    refs = next(f for f in kg_json(sample.store, "footnotes") if f["number"] == 13)["provisions"]
    assert any("second subparagraph" in r for r in refs), refs


def test_together_the_cross_reference_lands_on_the_real_section(together):
    target = f"{RES}commentary/article-52/section/2.4"
    fn554 = f"{RES}commentary/article-51/fn/554"
    kg = "https://w3id.org/euaigraph/ontology#"
    assert ask_store(together.store, f"ASK {{ ?x <{kg}inText> <{fn554}> ; <{kg}refersToSection> <{target}> }}")
    assert ask_store(together.store, f"ASK {{ <{target}> a <{kg}Section> }}")
    assert not ask_store(together.store, f"ASK {{ <{target}> a <{kg}ChapterPlaceholder> }}")
    assert not ask_store(together.store, f"ASK {{ <{RES}commentary/article-52> a <{kg}ChapterPlaceholder> }}")


def test_together_a_section_the_present_chapter_lacks_is_reported(together):
    assert re.search(
        r"warning: 002_b07c53fab08c7372\.txt: footnote 16: refers to Section 2\.2\.2\. of the commentary on "
        r"Article 52, which that chapter \(article-52-sample\.txt\) does not have",
        together.run.err,
    )


def test_together_the_article_51_chapter_figures_do_not_change(graph, together):
    def facts(footnotes):  # the provisions of a footnote are a set (the listing does not order them)
        return [{**f, "provisions": sorted(f["provisions"])} for f in footnotes]

    alone = facts(kg_json(graph.store, "footnotes"))
    both = facts([f for f in kg_json(together.store, "footnotes") if f["commentary"] == ART51.name])
    assert both == alone
    chapters = {c["article"]: c for c in kg_json(together.store, "chapters")}
    assert (chapters["51"]["sections"], chapters["51"]["paragraphs"], chapters["51"]["footnotes"]) == (49, 147, 556)
    # review coverage per chapter: the shipped chapter fully reviewed, the sample not at all
    assert (chapters["51"]["citing_footnotes"], chapters["51"]["reviewed_footnotes"]) == (272, 272)
    assert chapters["52"]["reviewed_footnotes"] == 0 < chapters["52"]["citing_footnotes"]
    assert chapters["52"]["paragraphs"] == 10


def test_two_chapters_claiming_one_article_are_refused(tmp_path):
    twin = tmp_path / "twin.txt"
    twin.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    run = run_kg("--store", tmp_path / "s", "build", "--commentary", SAMPLE, "--commentary", twin)
    assert run.code == 2
    assert "twin.txt: comments on Article 52, as article-52-sample.txt does" in run.err
    assert "Traceback" not in run.err and not (tmp_path / "s").exists()


def test_a_chapter_whose_title_names_no_article_is_a_located_warning(tmp_path):
    page = SAMPLE.read_text(encoding="utf-8").replace("'Article 52: Procedure'", "'Procedure'")
    page = page.replace("Article 52: Procedure\n\n  1.", "Procedure\n\n  1.", 1)
    f = tmp_path / "untitled.txt"
    f.write_text(page, encoding="utf-8")
    run = run_kg("--store", tmp_path / "s", "build", "--strict", "--commentary", f)
    assert run.code != 0 and "untitled.txt: title: the chapter’s title ‘Procedure’ names no article" in run.err


def test_a_short_form_pointing_into_another_chapter_stays_unresolved_and_is_reported(tmp_path):
    # fn 5 of the sample points at (n 1); here it points at n 9, which in this chapter cites other works
    page = SAMPLE.read_text(encoding="utf-8").replace("de Vries (n 1) 41", "Haar and Siglmüller, ‘Art. 51’ (n 9) 41")
    f = tmp_path / "astray.txt"
    f.write_text(page, encoding="utf-8")
    run = run_kg("--store", tmp_path / "s", "build", "--commentary", ART51, "--commentary", f)
    assert run.code == 0
    assert re.search(r"warning: astray\.txt: footnote 5: .*Haar and Siglmüller.*\(n 9\) unresolved", run.err)


# ---- the first annotation file of a new chapter: `kg annotate init` ------------------------------


def _held(layer) -> set[tuple[str, int, str]]:
    return {(a.position, a.footnote, a.work) for a in layer.attributions}


def test_annotate_init_writes_what_extraction_found_as_an_annotation_file(tmp_path):
    """The curator starts from the extraction: the file names each issue, position and holder
    (de Vries, van der Linden and von Stein, Dupont-Leclerc …) by footnote, and curating it gives
    back exactly the attributions extraction found."""
    from kg.build import Sources, review

    out = tmp_path / "annotations" / "article-52-start.yaml"
    run = run_kg("annotate", "init", SAMPLE, "-o", out)
    assert run.code == 0, run.err
    assert f"wrote {out}: 3 issue(s), 5 position(s), 7 holder(s)" in run.out
    text = out.read_text(encoding="utf-8")
    assert "commentary: article-52-sample.txt" in text and "holder: de Vries" in text
    assert "holder: van der Linden and von Stein" in text
    _, _, extracted, _ = review(Sources.default([str(SAMPLE)], annotations=False))
    curated_sources = Sources.default([str(SAMPLE)])
    curated_sources.annotations = out.parent
    _, _, curated, _ = review(curated_sources)
    assert _held(curated) == _held(extracted) and len(_held(extracted)) == 7
    # each curated holder is one extraction found: counted "from extraction alone", none needed curation
    assert {a.derivation for a in curated.attributions} == {"extraction"}
    assert [p.label for p in curated.positions] == [p.label for p in extracted.positions]


def test_annotate_init_finds_a_chapter_by_its_article(tmp_path):
    out = tmp_path / "a51.yaml"
    run = run_kg("annotate", "init", "51", "-o", out)
    assert run.code == 0, run.err
    assert "commentary: 002_b07c53fab08c7372.txt" in out.read_text(encoding="utf-8")


def test_annotate_init_does_not_replace_a_file_without_force(tmp_path):
    out = tmp_path / "article-52-start.yaml"
    out.write_text("# the curator's work\n", encoding="utf-8")
    run = run_kg("annotate", "init", SAMPLE, "-o", out)
    assert run.code == 2 and "already exists" in run.err and "Traceback" not in run.err
    assert out.read_text(encoding="utf-8") == "# the curator's work\n"
    assert run_kg("annotate", "init", SAMPLE, "-o", out, "--force").code == 0
    assert "holder: de Vries" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["article-52-start.yaml"]  # no temporary file left


@pytest.mark.parametrize("chapter, message", [("99", "comments on Article 99"), ("no-such.txt", "no such commentary")])
def test_annotate_init_of_an_unknown_chapter_is_a_clear_error(tmp_path, chapter, message):
    run = run_kg("annotate", "init", chapter, "-o", tmp_path / "x.yaml")
    assert run.code == 2 and message in run.err and "Traceback" not in run.err
    assert not (tmp_path / "x.yaml").exists()


# ---- one graph, many chapters: filtering by chapter ----------------------------------------------


def test_views_of_one_chapter_among_two(together):
    """Built together, `kg views --chapter` shows one chapter's issues: the sample's three under
    Article 52, the Article 51 chapter's 61 under 51, and all of them without the option."""
    every = {i["id"] for i in kg_json(together.store, "views")["issues"]}
    a52 = {i["id"] for i in kg_json(together.store, "views", "--chapter", "52")["issues"]}
    a51 = {i["id"] for i in kg_json(together.store, "views", "--chapter", "002_b07c53fab08c7372.txt")["issues"]}
    assert a52 == {"cand-article-52-s2-1-1", "cand-article-52-s2-2", "cand-article-52-s2-3"}
    assert len(a51) == 61 and a51 | a52 == every and not a51 & a52
    assert {i["id"] for i in kg_json(together.store, "views", "--chapter", "article-52-sample.txt")["issues"]} == a52


def test_views_of_a_chapter_not_in_the_graph_is_a_clear_error(together):
    run = run_kg("--store", together.store, "views", "--chapter", "53")
    assert run.code == 2 and "no chapter matches '53'" in run.err and "Traceback" not in run.err


# ---- one graph, many chapters: the same question in two chapters --------------------------------

KG = "https://w3id.org/euaigraph/ontology#"
NOTIFY_51, NOTIFY_52 = "compute-notification-anticipated-threshold", "cand-article-52-s2-1-1"


def test_together_the_same_question_in_two_chapters_is_linked(together):
    """The Article 51 chapter asks whether the notification duty arises once the provider knows
    the threshold will be met (mn 120); the sample's section 2.1.1 asks when the two-week period
    of Art. 52(1), first sentence, starts. Each issue leads to the other, and only these two."""
    views = {i["id"]: i for i in kg_json(together.store, "views")["issues"]}
    linked = {k: [t["issue"] for t in i["same_question_in"]] for k, i in views.items() if i["same_question_in"]}
    assert linked == {NOTIFY_51: [NOTIFY_52], NOTIFY_52: [NOTIFY_51]}
    assert views[NOTIFY_52]["same_question_in"][0]["chapter"] == "51"
    assert views[NOTIFY_52]["chapter"] == "article-52" and views[NOTIFY_51]["chapter"] == "article-51"


def test_the_link_says_why_and_where_it_comes_from(together):
    node = f"<{RES}same-question/{NOTIFY_52}--{NOTIFY_51}>"
    shared = "https://w3id.org/euaigraph/eli/reg/2024/1689/art_52__para_1__sent_1"
    assert ask_store(
        together.store,
        f"ASK {{ {node} a <{KG}SameQuestion> ; <{KG}sharedProvision> <{shared}> ; <{KG}sharedTerm> 'notif' ; "
        f"<http://www.w3.org/ns/prov#wasDerivedFrom> <{RES}issue/{NOTIFY_51}> , <{RES}issue/{NOTIFY_52}> }}",
    )
    rows = run_kg(
        "--store", together.store, "query", "same-question", "--param", f"issue={NOTIFY_52}", "--format", "csv"
    )
    assert rows.code == 0, rows.err
    own, other = rows.out.splitlines()[1:]  # the issue itself first, then its twin in the Article 51 chapter
    assert own.split(",")[1].endswith(NOTIFY_52) and ",52,1" in own
    assert (
        other.split(",")[1].endswith(NOTIFY_51) and ",51,0.5," in other and "Art. 52(1) AI Act, first sentence" in other
    )


def test_one_chapter_alone_links_nothing(graph):
    assert not ask_store(graph.store, f"ASK {{ ?a <{KG}sameQuestionAs> ?b }}")


def test_a_view_of_one_issue_shows_the_other_chapters_treatment(together):
    run = run_kg("--store", together.store, "views", NOTIFY_52)
    assert run.code == 0, run.err
    assert "= also in the commentary on Article 51: Notification obligation triggered" in run.out


# ---- filtering by chapter: named queries, listings, the curator's worklist ----------------------


@pytest.mark.parametrize("name", ["issues", "positions", "footnotes", "paragraphs", "author-views"])
def test_a_named_query_filtered_by_chapter_gives_that_chapters_rows(together, name):
    def rows(*param):
        run = run_kg("--store", together.store, "query", name, *param, "--format", "csv", "--limit", "100000")
        assert run.code == 0, run.err
        return set(run.out.splitlines()[1:])

    every, a51, a52 = rows(), rows("--param", "chapter=51"), rows("--param", "chapter=article-52")
    assert a51 and a51 | a52 == every and not a51 & a52
    assert rows("--param", "chapter=all") == every
    if name in ("footnotes", "paragraphs"):  # the sample's 17 footnotes and 10 paragraphs, by its file name
        assert all(r.startswith("article-52-sample.txt,") for r in a52) and len(a52) == {"footnotes": 17}.get(name, 10)


def test_a_sections_provisions_are_that_chapters_own(together):
    """Section numbers are each chapter's own: both chapters have a section 1. Before the chapter
    parameter, section-provisions counted the references of both chapters' sections together."""

    def refs(*param) -> dict[str, int]:
        argv = ("query", "section-provisions", "--param", "section=1.", *param, "--format", "json")
        run = run_kg("--store", together.store, *argv)
        assert run.code == 0, run.err
        return {
            b["provision"]["value"]: int(b["references"]["value"]) for b in json.loads(run.out)["results"]["bindings"]
        }

    a51, a52, every = refs("--param", "chapter=51"), refs("--param", "chapter=52"), refs("--param", "chapter=all")
    assert a51 and a52 and refs() == a51  # the default is the Article 51 chapter
    assert every == {p: a51.get(p, 0) + a52.get(p, 0) for p in a51.keys() | a52.keys()}


def test_footnotes_and_paragraphs_of_one_chapter(together):
    fns = kg_json(together.store, "footnotes", "--chapter", "52")
    assert [f["number"] for f in fns] == list(range(1, 18)) and {f["commentary"] for f in fns} == {SAMPLE.name}
    assert len(kg_json(together.store, "paragraphs", "--chapter", "51")) == 147
    run = run_kg("--store", together.store, "footnotes", "--chapter", "53")
    assert run.code == 2 and "no chapter matches '53'" in run.err and "Traceback" not in run.err


def test_the_curators_worklist_of_one_chapter(tmp_path):
    """`kg candidates --chapter 52` with both chapters: the sample's seven proposals (the Article
    51 chapter's open candidates are not shown); an unknown chapter names the chapters there are."""
    both = ["--commentary", ART51, "--commentary", SAMPLE]
    run = run_kg("candidates", *both, "--chapter", "52", "--json")
    assert run.code == 0, run.err
    rows = json.loads(run.out)
    assert {r["commentary"] for r in rows} == {SAMPLE.name} and len(rows) == 7
    assert {(r["footnote"], r["holder"]) for r in rows} >= {(5, "de Vries"), (9, "van der Linden and von Stein")}
    cov = run_kg("coverage", *both, "--chapter", "52", "--json")
    chapter = json.loads(cov.out)["chapter"]
    assert cov.code == 0 and (chapter["citing_footnotes"], chapter["reviewed"]) == (8, 0)
    # unreviewed, and still counted: the seven citations extraction attributes, three left unmarked
    assert (chapter["attributed"], chapter["unmarked"]) == (7, 3)
    bad = run_kg("candidates", *both, "--chapter", "99")
    assert bad.code == 2 and "no chapter '99' among the sources; the chapters are: 51" in bad.err


def test_the_app_filters_issues_by_chapter_and_leads_to_the_other_chapters_treatment(together, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KG_STORE", str(together.store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    chapter = at.selectbox(key="issue-chapter")
    assert chapter.options == ["(every chapter)", "Article 51", "Article 52"]
    chapter.set_value("article-52").run()
    labels = {"2.1.1. The duty to notify", "2.2. Contesting the classification", "2.3. Designation"}
    assert set(at.selectbox(key="issue-pick").options) == labels  # the sample's three, and no other
    at.query_params["issue"] = NOTIFY_52
    at.run()
    shown = "\n".join(m.value for m in at.markdown)
    assert "same question in the commentary on Article 51" in shown and f"?issue={NOTIFY_51}" in shown


def test_the_app_shows_no_chapter_filter_for_one_chapter(graph, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KG_STORE", str(graph.store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception and not [s for s in at.selectbox if s.key == "issue-chapter"]


# ---- extraction on a chapter worded otherwise -----------------------------------------------------


@pytest.mark.parametrize(
    "first, second, divided",
    [
        ("According to one view, the", "According to another view, it", "Opinions differ as to whether"),
        ("Some commentators argue that the", "Other authors maintain that it", "It is disputed whether"),
    ],
)
def test_camps_in_other_words_are_found_as_in_the_sample(tmp_path, first, second, divided):
    """The sample's `Some authors argue … Others consider …` (mn 3) and `Scholars are divided on
    whether …` (mn 5) in the other words commentaries use: the same holders on the same sides,
    and the same question."""
    from kg.build import Sources, review

    page = SAMPLE.read_text(encoding="utf-8")
    page = page.replace("Some authors argue that the two-week", f"{first} two-week", 1)
    page = page.replace("Others consider that it starts", f"{second} starts", 1)
    page = page.replace("Scholars are divided on whether", divided, 1)
    assert page.count(first) == page.count(second) == page.count(divided) == 1
    reworded = tmp_path / "article-52-reworded.txt"
    reworded.write_text(page, encoding="utf-8")

    def layer(path):
        return review(Sources.default([str(path)], annotations=False))[2]

    def sides(lay):  # footnote, work → the set of (footnote, work) on the same position
        by_position: dict[str, set] = {}
        for a in lay.attributions:
            by_position.setdefault(a.position, set()).add((a.footnote, a.work))
        return sorted(sorted(members) for members in by_position.values())

    original, other = layer(SAMPLE), layer(reworded)
    assert sides(other) == sides(original) and len(other.attributions) == 7
    question = next(i.question for i in other.issues if i.id.endswith("s2-2"))
    assert question == "whether arguments under Article 52(2) may rely on capabilities evaluated after training."


def test_the_first_reading_is_the_first_camp():
    """mn 3: `Some authors argue X.5 Others consider Y.6 The first reading is more convincing …7`:
    de Vries in fn 7 holds X with de Vries and van der Linden and von Stein in fn 5, and not Y."""
    from kg.build import Sources, review

    lay = review(Sources.default([str(SAMPLE)], annotations=False))[2]
    position = {(a.footnote, a.work): a.position for a in lay.attributions}
    de_vries = next(w for fn, w in position if fn == 7)
    assert position[(7, de_vries)] == position[(5, de_vries)]
    assert position[(7, de_vries)] != next(p for (fn, _), p in position.items() if fn == 6)


def test_an_annotation_error_without_a_line_names_the_file_alone():
    from kg.argue.annotations import AnnotationError

    assert (
        str(AnnotationError("article-52-start.yaml", None, "already exists")) == "article-52-start.yaml: already exists"
    )
    assert str(AnnotationError("a.yaml", 7, "bad")) == "a.yaml:7: bad"


@pytest.mark.parametrize("short", ["van der Linden et al.", "van der Linden and others", "van der Linden, et al."])
def test_a_short_form_with_et_al_or_and_others_resolves(tmp_path, short):
    page = SAMPLE.read_text(encoding="utf-8").replace(
        "van der Linden and von Stein (n 3) para 7", f"{short} (n 3) para 7"
    )
    f = tmp_path / "article-52-etal.txt"
    f.write_text(page, encoding="utf-8")
    run = run_kg("--store", tmp_path / "s", "build", "--strict", "--commentary", f)
    assert run.code == 0 and "unresolved" not in run.err + run.out, run.err
    fn5 = next(x for x in kg_json(tmp_path / "s", "footnotes") if x["number"] == 5)
    assert ("van-der-linden-von-stein-2025-art-52", 3) in {
        (c["work_id"], c.get("via_footnote")) for c in fn5["citations"]
    }
