"""Extraction without annotations (`kg.argue.extract.extract`): body cues on real sentences of the
chapter, and a small synthetic chapter whose correct argument map is stated in each test.

The synthetic chapter is written in the page format of the real one; its footnotes cite real
works with the chapter's own full citations (Haar and Siglmüller, Bernsteiner and Schmitt, Bond
and Abbady, the Commission Guidelines, the JRC report by Erben and others, the DMA).
"""

from __future__ import annotations

import pytest

from kg.argue import extract
from kg.argue.layer import Issue
from kg.ingest.find_citations import find_in_commentary
from kg.ingest.parse import parse
from kg.ingest.resolve import resolve

HS = (
    "Tobias Haar and Jonas Siglmüller, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendungszweck als "
    "KI-Modelle mit allgemeinem Verwendungszweck mit systemischem Risiko’ in Jens Schefzig and Robert Kilian (eds), "
    "Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025) para 27"
)
BS = (
    "Clemens Bernsteiner and Thomas Rainer Schmitt, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem "
    "Verwendungszweck als KI-Modelle mit allgemeinem Verwendungszweck mit systemischem Risiko’ in Mario Martini and "
    "Christiane Wendehorst (eds), KI-VO: Verordnung über Künstliche Intelligenz: Kommentar (2nd edn, C H Beck 2026) para 12"
)
BOND = (
    "Toby Bond and Shima Abbady, ‘Article 52 Procedure’ in Ceyhun Necati Pehlivan, Nikolaus Forgó and Peggy Valcke "
    "(eds), The EU Artificial Intelligence (AI) Act: A Commentary (Wolters Kluwer 2024) 839–840, sec 1"
)
GUIDELINES = (
    "Annex to the Communication to the Commission – Approval of the content of the draft Communication from the "
    "Commission – Guidelines on the scope of the obligations for general-purpose AI models established by Regulation "
    "(EU) 2024/1689 (AI Act)’ C(2025) 5045 final (“Commission Guidelines”) para 119"
)
ERBEN = (
    "Alexander Erben and others, ‘Training Compute Thresholds – Key Considerations for the EU AI Act’ (Publications "
    "Office of the European Union, JRC143255, 2025) <https://publications.jrc.ec.europa.eu/repository/handle/JRC143255> 22"
)
HOFMANN = (
    "Jason Hofmann-Coombe, ‘§ 7. KI-Modelle mit allgemeinem Verwendungszweck’ in Eric Hilgendorf and David "
    "Roth-Isigkeit (eds), Die neue Verordnung der EU zur Künstlichen Intelligenz (2nd edn, C H Beck 2025) para 9"
)
DMA = (
    "Regulation (EU) 2022/1925 of the European Parliament and of the Council of 14 September 2022 on contestable and "
    "fair markets in the digital sector and amending Directives (EU) 2019/1937 and (EU) 2020/1828 (Digital Markets Act) "
    "[2022] OJ L 265/1 (“DMA”), art 3(1)"
)

SYNTHETIC = f"""Cambridge Commentary on EU General-Purpose AI Law

Commentary by Ada Lovelace

Select bibliography

  • Haar T and Siglmüller J, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendungszweck als KI-Modelle mit allgemeinem Verwendungszweck mit systemischem Risiko’ in Jens Schefzig and Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025).

Commentary

1. Classification

1.1. Commission decision

1On the one hand, some authors argue that classification under Article 51(1)(a) requires a Commission decision.1 On the other hand, others consider that such models are classified by operation of law.2

2Article 51 applies to GPAI models, not to GPAI systems.3 It is argued that the designation of gatekeepers under the DMA is a model for Article 51.4

2. Training compute

2.1. General rule

3According to the Commission Guidelines, all computational activities that contribute to the model’s capabilities count towards Article 51(2).5 Contrary to the Commission Guidelines, the report proposed that only activities that directly update the model’s parameters count.6

  1. See {HS}; {BS}. ↩︎
  2. See {BOND}. ↩︎
  3. See {HOFMANN}. ↩︎
  4. See {DMA}. ↩︎
  5. {GUIDELINES}. ↩︎
  6. {ERBEN}. ↩︎
Contents
"""


@pytest.fixture(scope="module")
def synthetic():
    c = parse(SYNTHETIC, "synthetic.txt")
    r = resolve([find_in_commentary(c)])
    layer = extract.extract(c, "synthetic", r.citations["synthetic.txt"], r.works)
    return c, r, layer


def _side(layer, fn: int) -> set[str]:
    return {a.position for a in layer.attributions if a.footnote == fn}


def _authors(r, layer, fn: int) -> set[str]:
    """The first author's family name of each work attributed at a footnote (else its organisation)."""
    out = set()
    for a in layer.attributions:
        if a.footnote == fn:
            w = r.works[a.work]
            out.add(r.persons[w.authors[0]].family if w.authors else w.organisation)
    return out


def test_synthetic_chapter_parses_with_its_citations(synthetic):
    c, r, _ = synthetic
    assert [p.number for p in c.paragraphs] == [1, 2, 3] and len(c.footnotes) == 6
    assert {f: len([x for x in r.citations["synthetic.txt"] if x.footnote == f and x.work]) for f in range(1, 7)} == {
        1: 2,
        2: 1,
        3: 1,
        4: 1,
        5: 1,
        6: 1,
    }


def test_one_hand_other_hand_sets_out_two_camps(synthetic):
    # correct map: one issue (1.1.), fn 1 = {Haar and Siglmüller, Bernsteiner and Schmitt} against fn 2 = {Bond and Abbady}
    _, r, layer = synthetic
    assert _authors(r, layer, 1) == {"Haar", "Bernsteiner"} and _authors(r, layer, 2) == {"Bond"}
    assert len(_side(layer, 1)) == 1 and len(_side(layer, 2)) == 1 and _side(layer, 1) != _side(layer, 2)
    issue = {p.issue for p in layer.positions if p.id in _side(layer, 1) | _side(layer, 2)}
    assert issue == {"cand-synthetic-s1-1"}


def test_a_plain_see_footnote_and_a_piece_of_legislation_hold_no_view(synthetic):
    # correct map: fn 3 backs a statement (no cue): no holder; fn 4 cites the DMA, the law itself: no holder
    _, _, layer = synthetic
    assert _side(layer, 3) == set() and _side(layer, 4) == set()


def test_institutional_work_is_a_holder_and_contrary_to_is_the_other_side(synthetic):
    # correct map: issue 2.1., the Commission Guidelines (fn 5) against the JRC report (fn 6)
    _, r, layer = synthetic
    (cg,) = [a for a in layer.attributions if a.footnote == 5]
    assert r.works[cg.work].kind == "guidelines"
    assert _authors(r, layer, 6) == {"Erben"}
    assert _side(layer, 5) != _side(layer, 6)
    labels = {p.id: p.label for p in layer.positions}
    assert labels[_side(layer, 6).pop()].startswith("Contrary to:")


# ---- body cues on real sentences of the chapter -------------------------------------------------

REAL_CUES = [
    # para 20
    ("Some authors contend that the vagueness of Article 51(1)’s substantive requirements", "Some authors"),
    # para 16
    (
        "According to its Guidelines, the Commission does not view designation as a necessary requirement",
        "According to its Guidelines",
    ),
    # para 31
    (
        "It has further been proposed that Article 51(1)(b) could allow the classification",
        "It has further been proposed",
    ),
    # para 92
    (
        "The Commission Guidelines specifically mention that computational activities directly contributing",
        "Commission Guidelines specifically mention",
    ),
    # para 2
    (
        "However, these distinctions arguably oversimplify the matter as the distinction is not as clear-cut.",
        "arguably",
    ),
    # para 18
    ("between Article 51(1) on one hand and Articles 3(1) DMA and 33(4) DSA on the other hand", "on the other hand"),
    # para 18: support for a reading, with the works that give it
    (
        "A comparison with the Digital Markets Act (“DMA”) and the Digital Services Act (“DSA”) reinforces this reading.",
        "reinforces this reading",
    ),
    # para 93: the JRC report's view, set out over three sentences
    (
        "A 2025 report prepared for the Commission’s Joint Research Centre proposed another approach",
        "proposed another approach",
    ),
    ("It proposed to take into account only computational activities that either directly update", "It proposed"),
    (
        "This approach has its merits since – as pointed out by the report – direct parameter updates",
        "as pointed out by",
    ),
    # para 121
    ("This is underscored by Article 52(2), which sets out a procedure for providers", "is underscored by"),
    # para 27: an institution's reading of a term
    (
        "the Safety and Security Chapter of the Code of Practice regards ‘appropriate’ as a less demanding standard",
        "regards ‘appropriate’ as",
    ),
    # para 129
    (
        "The Commission Guidelines, staying close to Article 51(3)’s wording, set out that the provision empowers",
        "Guidelines, staying close to Article 51(3)’s wording, set out",
    ),
]


@pytest.mark.parametrize("sentence, cue", REAL_CUES, ids=[c for _, c in REAL_CUES])
def test_body_cue_on_a_real_sentence(commentary, sentence, cue):
    assert sentence in " ".join(p.text for p in commentary.paragraphs)  # a real excerpt
    m = extract.BODY_CUE.search(sentence)
    assert m and m.group(0).lower() == cue.lower()


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("It is argued that Article 51(1)(a) requires a decision.", "It is argued"),
        ("The prevailing view reads Article 51(1)(a) as automatic.", "The prevailing view"),
        ("According to Martini, the threshold is a presumption.", "According to Martini"),
        ("Hofmann-Coombe considers Article 51(1) a legal definition.", "Hofmann-Coombe considers"),
        ("The Commission takes the view that the presumption is rebuttable.", "Commission takes the view"),
        ("Contrary to the Commission Guidelines, the report counts only parameter updates.", "Contrary to"),
        ("Ebers holds that the threshold captures too few models.", "Ebers holds that"),
        ("Wachter rejects the compute threshold as a proxy.", "Wachter rejects the"),
        ("Martini is of the view that Annex XIII is exhaustive.", "Martini is of the view"),
        ("In the view of Wendt and Wendt, the list is open.", "In the view of"),
        ("This reading has been criticised as too narrow.", "has been criticised"),
        ("Several authors read Article 52(4) as a mere empowerment.", "Several authors"),
        ("Commentators have read the provision as exhaustive.", "Commentators have"),
        ("Critics point to the rapid progress in algorithmic efficiency.", "Critics"),
        # holders whose names carry a particle, and `and others` (tests/test_second_chapter.py)
        ("According to da Costa, the period applies to designated models only.", "According to da Costa"),
        ("von der Heydt considers the list to be declaratory.", "von der Heydt considers"),
        (
            "Contrary to this view, Anderljung and others consider that evidence of mitigations should suffice.",
            "Contrary to",
        ),
        (
            "Anderljung and others consider that evidence of mitigations should suffice.",
            "Anderljung and others consider",
        ),
        ("Van den Bossche and Di Stefano hold that the standard is high.", "Van den Bossche and Di Stefano hold that"),
        ("The first reading is preferable: the third sentence would otherwise be superfluous.", "is preferable"),
        ("The better view is that the period starts with the provider’s knowledge.", "The better view"),
        # more ways of saying the literature is divided, and who stands where
        ("The prevailing opinion in the literature reads the list as open.", "The prevailing opinion"),
        ("Whether the duty applies to legacy models is a matter of debate.", "is a matter of debate"),
        ("There is disagreement as to whether the list is exhaustive.", "There is disagreement"),
        ("A number of commentators answer in the affirmative.", "A number of commentators"),
        ("Authors such as Kowalski and Smith read the list as open.", "Authors such as"),
        ("This reading is not shared by Kowalski, for whom Article 111(3) settles the matter.", "is not shared by"),
        ("Kowalski disagrees, pointing to Article 111(3).", "Kowalski disagrees"),
        ("Others take the opposite view.", "Others take"),
    ],
)
def test_body_cues_the_chapter_does_not_use(commentary, sentence, cue):
    """Cues of the next chapters: the holders of the Art. 51 chapter, in sentences it does not contain."""
    assert sentence not in " ".join(p.text for p in commentary.paragraphs)
    m = extract.BODY_CUE.search(sentence)
    assert m and m.group(0) == cue


@pytest.mark.parametrize(
    "words", ["Ebers (n 3) 12, who holds that", "Wachter (n 2) 697, who rejects", "Somala (n 313) who questions"]
)
def test_relative_cues_of_the_next_chapters(words):
    assert extract.RELATIVE_CUE.search(words) and extract.FOOTNOTE_CUE.search(words)


@pytest.mark.parametrize(
    "footnote, kinds",
    [
        ("von der Heydt (n 3) para 31; but see García-Ortega (n 13) 22.", ["however"]),
        ("da Costa (n 2) 470; see, however, Le Moigne (n 8) 90.", ["however"]),
        ("von der Heydt (n 3) para 9; contra Le Moigne (n 8) 81.", ["against"]),
        ("Critically: zu Dohna (n 31) 305.", ["against"]),
        ("An interpretation contra legem is excluded; see da Costa (n 2) 470.", []),
        ("Kowalski (n 3) 12; different view: Smith (n 4) 7.", ["oppose"]),
        ("Kowalski (n 3) 12; for a different view, see Smith (n 4) 7.", ["however"]),
        ("Kowalski (n 3) 12; for the opposite view see Smith (n 4) 7.", ["however"]),
        ("In favour of this view: Kowalski (n 3) 12; against this view: Smith (n 4) 7.", ["favour", "against"]),
        ("Critical of this reading: Smith (n 4) 7.", ["against"]),
    ],
)
def test_stance_signals_of_the_next_chapters(footnote, kinds):
    assert [m.lastgroup for m in extract.OPENER.finditer(footnote)] == kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "The Guidelines have been adopted by the Commission.",
        "Providers for whom the obligation applies must notify the Commission.",
        "The consultation was followed by a workshop.",
    ],
)
def test_sentences_that_state_a_fact_are_no_cue(sentence):
    assert not extract.BODY_CUE.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "This view is rejected by Kowalski.",
        "This reading has been criticised by Smith and Jones.",
        "Kowalski disagrees.",
        "Smith takes the opposite view.",
        "Kowalski and Smith take a different approach.",
        "Contrary to the Commission Guidelines, the report counts only parameter updates.",
    ],
)
def test_a_sentence_that_sets_its_works_against_the_view_before_it(sentence):
    assert extract.CONTRARY.search(sentence)


@pytest.mark.parametrize(
    "sentence, question",
    [
        (
            "Whether the duty applies to legacy models is a matter of debate.",
            "whether the duty applies to legacy models.",
        ),
        ("There is disagreement as to whether the list is exhaustive.", "whether the list is exhaustive."),
        ("Opinions are split on whether Annex XIII is exhaustive.", "whether Annex XIII is exhaustive."),
        ("The question arises whether the list is exhaustive.", "whether the list is exhaustive."),
        ("Doubts have been raised as to whether the threshold is apt.", "whether the threshold is apt."),
        ("Scholars are divided on whether the presumption is rebuttable.", "whether the presumption is rebuttable."),
    ],
)
def test_the_question_a_sentence_says_the_literature_is_divided_on(sentence, question):
    m = extract.DIVIDED.search(sentence)
    assert m and extract._question(m) == question


@pytest.mark.parametrize(
    "footnote",
    ["Likewise Smith (n 4) 7.", "Thus also Smith (n 4) 7.", "Agreeing: Smith (n 4) 7.", "In this sense Smith (n 4) 7."],
)
def test_a_footnote_that_agrees_with_the_body_is_a_cue(footnote):
    assert extract.FOOTNOTE_CUE.search(footnote) and extract._whole_footnote_cue(footnote)


def test_the_question_stated_before_the_camps_is_the_issues_question():
    mn16 = (
        "Opinions differ as to whether the six-month period also applies to models classified under "
        "Article 51(1)(a) rather than designated. According to da Costa, the period applies to designated "
        "models only.36 García-Ortega rejects that reading.37"
    )
    assert extract._lead_question(mn16, mn16.index("According")) == (
        "whether the six-month period also applies to models classified under Article 51(1)(a) rather than designated."
    )
    assert extract._lead_question(mn16, 10) is None  # nothing stated before the opening words


def test_prose_camps_in_the_real_chapter(commentary, resolved):
    # para 2: ‘this could suggest a division ...11 However, these distinctions arguably oversimplify ...13’
    layer = extract.extract(commentary, "article-51", resolved.citations[commentary.document], resolved.works)
    assert _side(layer, 11) and _side(layer, 13) and _side(layer, 11).isdisjoint(_side(layer, 13))


HYPHEN_QUESTION = (
    "The omission of the hyphen in Article 51(1)(a) and (2)’s spelling of ‘high impact capabilities’ appears to be "
    "an unintended drafting inconsistency without substantive relevance that does not prevent the definition of "
    "high-impact capabilities under Article 3(64) from applying in the context of Article 51(1)(a)."
)


def test_a_section_title_is_not_a_question_issues_merge_on():
    """Section 2.2's candidate issue has only its title as a question; it shares a provision and
    most of its few words with the hyphen question of 2.1.1.2 (para 28), yet is another issue."""
    doc = "002_b07c53fab08c7372.txt"
    title = Issue(
        "s2-2", "2.2.", "Article 51(2): Presumption of high-impact capabilities", doc, ["art_51__para_2"], [], ""
    )
    hyphen = Issue("s2-1-1-2", "2.1.1.2.", HYPHEN_QUESTION, doc, ["art_51__para_2", "art_3__para_64"], [], "")
    assert not extract.same_question(title, hyphen)
    again = Issue("s3", "3.", HYPHEN_QUESTION.replace("appears to be", "is"), doc, ["art_51__para_2"], [], "")
    assert extract.same_question(hyphen, again)  # the same question asked again is merged


# ---- holders the real chapter names without a cue phrase of its own ---------------------------


@pytest.fixture(scope="module")
def real_layer(commentary, resolved):
    return extract.extract(commentary, "article-51", resolved.citations[commentary.document], resolved.works)


def _holder_side(r, layer, fn: int, family: str) -> set[str]:
    return {
        a.position
        for a in layer.attributions
        if a.footnote == fn and r.works[a.work].authors and r.persons[r.works[a.work].authors[0]].family == family
    }


def test_a_bare_pinpoint_to_a_holder_goes_on_citing_its_view(commentary, resolved, real_layer):
    # para 98: ‘Some authors have even argued that the generation of synthetic data should not be included ...’395
    # para 99: ‘... whose generation is also not included in Article 51(2)’s compute count.’397
    assert commentary.footnote(397).text == "Haar and Siglmüller, ‘Art. 51’ (n 9) para 41."
    side = _holder_side(resolved, real_layer, 397, "Haar")
    assert side and side == _holder_side(resolved, real_layer, 395, "Haar")
    (a,) = [a for a in real_layer.attributions if a.footnote == 397]
    assert a.cue == "continues fn 395"


def test_a_footnote_that_says_more_than_a_pinpoint_is_not_a_continuation(commentary, resolved, real_layer):
    # fn 402 cites the same holder in the same section, but for its criticism of contracts, not for the view
    assert commentary.footnote(402).text.startswith("Critical of the viability of such contractual arrangements")
    assert not [a for a in real_layer.attributions if a.footnote == 402]


def test_two_relative_cues_in_one_footnote_are_two_camps(commentary, resolved, real_layer):
    # fn 252: ‘see Haar and Siglmüller ... who argue that this criterion relates to the business ...; Bernsteiner and
    # Schmitt ... arguing a user needs to operate individually ... The DMA defines ...’ (then Göhsl and Zimmer)
    assert "who argue that this criterion relates to the business" in commentary.footnote(252).text
    haar = _holder_side(resolved, real_layer, 252, "Haar")
    bernsteiner = _holder_side(resolved, real_layer, 252, "Bernsteiner")
    assert haar and bernsteiner and haar.isdisjoint(bernsteiner)
    assert not _holder_side(resolved, real_layer, 252, "Göhsl") & haar


def test_a_similar_camp_takes_the_side_of_its_holder(commentary, resolved, real_layer):
    # fn 165: ‘...; seemingly opposing view: Haar and Siglmüller, ‘Art. 51’ (n 9) paras 32, 58.’ fn 168: ‘Similar: Haar ...’
    assert commentary.footnote(168).text == "Similar: Haar and Siglmüller, ‘Art. 51’ (n 9) para 32."
    assert _holder_side(resolved, real_layer, 168, "Haar") == _holder_side(resolved, real_layer, 165, "Haar")


@pytest.mark.parametrize(
    "fn, words",
    [
        (481, "it is clear that Article 51(3) empowers the Commission to amend"),
        (526, "in line with the principles established in the Interinstitutional Agreement"),
        (340, "updates to Article 51(2) appear reasonable to expect"),
    ],
)
def test_a_statement_of_the_law_or_a_forecast_sets_out_no_camp(commentary, real_layer, fn, words):
    """`it is clear`, `in line with (the principles)`, `appear reasonable to expect`: the author states
    the law or a forecast, and the works in the footnote back it; they hold no side of a question."""
    f = commentary.footnote(fn)
    assert words in commentary.paragraph(f.paragraph).text
    assert not [a for a in real_layer.attributions if a.footnote == fn]


def test_a_holder_cited_on_both_sides_is_next_read_with_its_latest_camp(commentary, resolved, real_layer):
    # para 2: ‘this could suggest a division ...’11 (Hilgendorf and Härtlein among them) ‘However, these distinctions
    # arguably oversimplify the matter ...’13 (Hilgendorf and Härtlein again) ‘Conversely, Article 52 also contains
    # provisions that concern substantive criteria for classification.’15 ‘See Hilgendorf and Härtlein ... para 1.’
    assert commentary.footnote(15).text == "See Hilgendorf and Härtlein, ‘Art. 52’ (n 11) para 1."
    at = {fn: _holder_side(resolved, real_layer, fn, "Hilgendorf") for fn in (11, 13, 15)}
    assert at[11].isdisjoint(at[13])  # the two rival camps of fn 11 and fn 13
    assert at[15] == at[13]


def test_a_later_sentence_that_opens_with_a_work_is_its_own_remark(commentary, resolved, real_layer):
    # fn 356: ‘Erben and others (n 80) 21–22. The Commission Guidelines (n 39) para 119 highlight that ...’: the JRC
    # report backs the body's sentence (its own view, as at fn 355 and 357); the Guidelines' remark is theirs (fn 353)
    assert commentary.footnote(356).text.startswith("Erben and others (n 80) 21–22. The Commission Guidelines (n 39)")

    def guidelines(fn: int) -> set[str]:
        return {
            a.position
            for a in real_layer.attributions
            if a.footnote == fn and resolved.works[a.work].kind == "guidelines"
        }

    erben = _holder_side(resolved, real_layer, 356, "Erben")
    assert erben == _holder_side(resolved, real_layer, 355, "Erben") == _holder_side(resolved, real_layer, 357, "Erben")
    assert guidelines(356) and guidelines(356) == guidelines(353) and guidelines(356).isdisjoint(erben)


def test_a_work_holds_a_side_once_per_footnote(real_layer):
    # fn 354 names the Commission Guidelines in two sentences that both take the Guidelines' side
    keys = [(a.position, a.footnote, a.work) for a in real_layer.attributions]
    assert len(keys) == len(set(keys))
    assert len({a.position for a in real_layer.attributions if a.footnote == 354}) == 1


@pytest.mark.parametrize(
    "fn, words, family",
    [
        (265, "Carey (n 182) 9 mentions the number of one million registered end users", "Carey"),
        (468, "Schneider and Schneider, ‘Art. 51’ (n 4) para 40 express concern", "Schneider"),
    ],
)
def test_a_footnote_that_says_what_a_work_says_makes_it_a_holder(commentary, resolved, real_layer, fn, words, family):
    assert words in commentary.footnote(fn).text
    assert _holder_side(resolved, real_layer, fn, family)


def test_the_guidelines_stating_something_in_a_footnote_hold_it(commentary, resolved, real_layer):
    # fn 443: ‘The Commission Guidelines (n 39) para 123 state in that regard that providers ‘may choose any method ...’
    assert commentary.footnote(443).text.startswith("The Commission Guidelines (n 39) para 123 state in that regard")
    assert [a for a in real_layer.attributions if a.footnote == 443 and resolved.works[a.work].kind == "guidelines"]


def test_however_in_a_footnote_answers_the_sentence_before(commentary, resolved, real_layer):
    # fn 75: ‘Haar and Siglmüller ... para 28 argue that ... such a decision must likewise be necessary for Article
    # 51(1)(a). However, this argument is countered by ... (see Bond and Abbady, ‘Art. 52’ (n 70) 839–840 s 1).’
    assert "However, this argument is countered by the fact" in commentary.footnote(75).text
    haar, bond = (_holder_side(resolved, real_layer, 75, who) for who in ("Haar", "Bond"))
    assert haar and bond and haar.isdisjoint(bond)
    assert haar == _holder_side(resolved, real_layer, 69, "Haar") and bond == _holder_side(
        resolved, real_layer, 70, "Bond"
    )


# ---- a second synthetic chapter: holders named without a cue phrase of their own ---------------

UNCUED = f"""Cambridge Commentary on EU General-Purpose AI Law

Commentary by Ada Lovelace

Select bibliography

  • Haar T and Siglmüller J, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendungszweck als KI-Modelle mit allgemeinem Verwendungszweck mit systemischem Risiko’ in Jens Schefzig and Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025).

Commentary

1. Training compute

1.1. What counts

1Some authors argue that only computational activities that directly update the model’s parameters count towards Article 51(2).1 Others consider that every activity contributing to the model’s capabilities counts.2

2The direct-update criterion is easy to verify.3 Its scope for synthetic data is read in two ways.4

3It has been argued that synthetic data generation is excluded.5 It is argued that distillation counts only once.6

  1. {ERBEN}. ↩︎
  2. {GUIDELINES}. ↩︎
  3. Erben and others (n 1) 22. ↩︎
  4. {HS} who argue that synthetic data is training data; {BS} arguing that it is not. ↩︎
  5. {BOND}. The Commission Guidelines (n 2) para 120 highlight that synthetic data generation counts in full. ↩︎
  6. {HOFMANN} argues that the teacher's compute is counted once. However, this argument is countered by the wording (see Haar and Siglmüller, ‘Art. 51’ (n 4) para 28). ↩︎
Contents
"""


@pytest.fixture(scope="module")
def uncued():
    c = parse(UNCUED, "uncued.txt")
    r = resolve([find_in_commentary(c)])
    return c, r, extract.extract(c, "uncued", r.citations["uncued.txt"], r.works)


def test_the_uncued_chapter_resolves_every_short_form(uncued):
    _, r, _ = uncued
    cits = [x for x in r.citations["uncued.txt"] if x.short_form]
    assert len(cits) == 3 and all(x.work for x in cits)


def test_the_uncued_chapter_map(uncued):
    """The correct map, stated: one issue (1.1.).
    - fn 1 Erben (some authors) against fn 2 the Guidelines (others); fn 3, a bare pinpoint to Erben, is Erben's side;
    - fn 4: two relative cues, two camps: Haar and Siglmüller apart from Bernsteiner and Schmitt;
    - fn 5: Bond and Abbady back the body; the Guidelines' own remark is the Guidelines' side of fn 2, not Bond's;
    - fn 6: Hofmann-Coombe argues; `However, ...` Haar and Siglmüller on the other side (their side of fn 4)."""
    _, r, layer = uncued
    side = {
        (fn, who): _holder_side(r, layer, fn, who)
        for fn, who in [
            (1, "Erben"),
            (3, "Erben"),
            (4, "Haar"),
            (4, "Bernsteiner"),
            (5, "Bond"),
            (6, "Hofmann-Coombe"),
            (6, "Haar"),
        ]
    }
    guidelines = {
        fn: {a.position for a in layer.attributions if a.footnote == fn and r.works[a.work].kind == "guidelines"}
        for fn in (2, 5)
    }
    assert all(side.values()) and all(guidelines.values())
    assert side[1, "Erben"] == side[3, "Erben"] and side[1, "Erben"].isdisjoint(guidelines[2])
    assert side[4, "Haar"].isdisjoint(side[4, "Bernsteiner"])
    assert guidelines[5] == guidelines[2] and guidelines[5].isdisjoint(side[5, "Bond"])
    assert side[6, "Hofmann-Coombe"].isdisjoint(side[6, "Haar"]) and side[6, "Haar"] == side[4, "Haar"]
    assert {p.issue for p in layer.positions} == {"cand-uncued-s1-1"}


BACKED = """Cambridge Commentary on EU General-Purpose AI Law

Commentary by Ada Lovelace

Commentary

1. Notification

1It is argued that the period starts only once the provider knows that the threshold will be met.1 According to Le Moigne, by contrast, the period runs from the moment the threshold is met in fact.2 The Commission Guidelines require a notification once the threshold can be foreseen.3 This supports the first reading.4

2The better view is that the period starts with the provider’s knowledge, as the provision refers to what ‘becomes known’.5
  1. Giulia da Costa, ‘The Notification Procedure for Systemic-Risk Models’ (2025) 16 European Journal of Risk Regulation 455, 461. ↩︎
  2. Jean-Baptiste Le Moigne, ‘La procédure de désignation’ (2025) Revue trimestrielle de droit européen 77, 81. ↩︎
  3. Annex to the Communication to the Commission – Guidelines on the scope of the obligations for general-purpose AI models established by Regulation (EU) 2024/1689 (AI Act)’ C(2025) 5045 final (“Commission Guidelines”) para 112. ↩︎
  4. See also da Costa (n 1) 462. ↩︎
  5. See also Frontier Model Forum, ‘Frontier Capability Assessments’ (Issue Brief, 2024) 3. ↩︎
Contents
"""


def test_the_author_s_view_backed_by_see_also_joins_the_camp_whose_words_it_repeats():
    """mn 2's `The better view ...` repeats `period`, `start`, `provider` of fn 1's camp (and fewer
    words of any other): the Frontier Model Forum of fn 5 backs fn 1's side, not a side of its own;
    `This supports ...` puts the Guidelines of fn 3 with what fn 4 backs."""
    c = parse(BACKED, "backed.txt")
    r = resolve([find_in_commentary(c)])
    layer = extract.extract(c, "backed", r.citations["backed.txt"], r.works)
    side = {a.footnote: a.position for a in layer.attributions}
    assert side[5] == side[1] != side[2]
    assert side[3] == side[4]
