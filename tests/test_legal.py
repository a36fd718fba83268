"""Provision texts and the provision hierarchy, on the real sources: the official text of
Article 52, the Service Desk's Recital 111, and the commentary page's copies of Article 51,
Annex XIII and Recitals 111-113."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.legal import (
    ancestors,
    build_provisions,
    kind_of,
    label_for,
    notation_for,
    ordinal_number,
    ordinal_word,
    parent_of,
    parse_article_text,
    parse_service_desk,
    provisions_from_commentary,
    recital_sentences,
    split_sentences,
)

ROOT = Path(__file__).resolve().parents[1]
COMMENTARY = ROOT / "sources" / "commentary" / "002_b07c53fab08c7372.txt"
ARTICLE_52 = ROOT / "sources" / "provisions" / "ai-act-article-52.txt"
RECITAL_111 = ROOT / "sources" / "provisions" / "000_5aa3d58fe5eabe7e.txt"


def normalise(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def article_52():
    raw = ARTICLE_52.read_text(encoding="utf-8")
    return raw, {p.key: p for p in parse_article_text(raw, ARTICLE_52.name)}


@pytest.fixture(scope="module")
def service_desk():
    raw = RECITAL_111.read_text(encoding="utf-8")
    return raw, parse_service_desk(raw, RECITAL_111.name)


@pytest.fixture(scope="module")
def from_commentary(commentary):
    return {p.key: p for p in provisions_from_commentary(commentary)}


@pytest.fixture(scope="module")
def built(commentary):
    provisions, warnings = build_provisions([commentary], [ARTICLE_52], [RECITAL_111])
    return {(p.instrument, p.key): p for p in provisions}, warnings


# ---- ordinals, keys, labels ----------------------------------------------------------------


def test_ordinal_words_both_ways():
    assert ordinal_word(1) == "first"
    assert ordinal_word(12) == "twelfth"
    assert ordinal_word(13) == "thirteenth"
    assert ordinal_word(20) == "twentieth"
    assert ordinal_word(21) == "twenty-first"
    assert ordinal_word(30) == "thirtieth"
    assert ordinal_number("twelfth") == 12
    assert ordinal_number("Twenty first") == 21
    assert ordinal_number("3rd") == 3
    for n in range(1, 100):
        assert ordinal_number(ordinal_word(n)) == n
    with pytest.raises(ValueError):
        ordinal_number("umpteenth")
    with pytest.raises(ValueError):
        ordinal_word(0)


@pytest.mark.parametrize(
    "key,instrument,label,notation,kind,parent",
    [
        ("art_51", "AI Act", "Art. 51 AI Act", "Art. 51", "article", None),
        ("art_51__para_1", "AI Act", "Art. 51(1) AI Act", "Art. 51(1)", "paragraph", "art_51"),
        ("art_51__para_1__point_a", "AI Act", "Art. 51(1)(a) AI Act", "Art. 51(1)(a)", "point", "art_51__para_1"),
        (
            "art_52__para_1__sent_3",
            "AI Act",
            "Art. 52(1) AI Act, third sentence",
            "Art. 52(1), third sentence",
            "sentence",
            "art_52__para_1",
        ),
        (
            "art_52__para_4__subpara_1",
            "AI Act",
            "Art. 52(4) AI Act, first subparagraph",
            "Art. 52(4), first subparagraph",
            "subparagraph",
            "art_52__para_4",
        ),
        (
            "art_52__para_4__subpara_2",
            "AI Act",
            "Art. 52(4) AI Act, second subparagraph",
            "Art. 52(4), second subparagraph",
            "subparagraph",
            "art_52__para_4",
        ),
        ("art_3__point_63", "AI Act", "Art. 3(63) AI Act", "Art. 3(63)", "definition", "art_3"),
        ("rct_111", "AI Act", "Recital 111 AI Act", "Recital 111", "recital", None),
        (
            "rct_111__sent_12",
            "AI Act",
            "Recital 111 AI Act, twelfth sentence",
            "Recital 111, twelfth sentence",
            "sentence",
            "rct_111",
        ),
        ("anx_XIII", "AI Act", "Annex XIII AI Act", "Annex XIII", "annex", None),
        (
            "anx_XIII__point_f",
            "AI Act",
            "Annex XIII AI Act, point (f)",
            "Annex XIII, point (f)",
            "annex_point",
            "anx_XIII",
        ),
        (
            "anx_XIII__intro",
            "AI Act",
            "Annex XIII AI Act, introductory sentence",
            "Annex XIII, introductory sentence",
            "intro",
            "anx_XIII",
        ),
        (
            "anx_XI__sec_1__point_2__point_c",
            "AI Act",
            "Annex XI AI Act, Section 1, point 2(c)",
            "Annex XI, Section 1, point 2(c)",
            "annex_point",
            "anx_XI__sec_1__point_2",
        ),
        ("art_3__para_1", "DMA", "Art. 3(1) DMA", "Art. 3(1)", "paragraph", "art_3"),
        ("art_263__para_4", "TFEU", "Art. 263(4) TFEU", "Art. 263(4)", "paragraph", "art_263"),
        (
            "art_290__para_1__subpara_2__sent_2",
            "TFEU",
            "Art. 290(1) TFEU, second subparagraph, second sentence",
            "Art. 290(1), second subparagraph, second sentence",
            "sentence",
            "art_290__para_1__subpara_2",
        ),
    ],
)
def test_labels_notation_kind_parent(key, instrument, label, notation, kind, parent):
    assert label_for(key, instrument) == label
    assert notation_for(key) == notation
    assert kind_of(key, instrument) == kind
    assert parent_of(key) == parent


def test_ancestors():
    assert ancestors("art_52__para_4__subpara_1__sent_1") == ["art_52__para_4__subpara_1", "art_52__para_4", "art_52"]
    assert ancestors("rct_111") == []
    assert label_for("dma:art_3__para_1", "DMA") == "Art. 3(1) DMA"  # a reference key is accepted too


def test_bad_key():
    with pytest.raises(ValueError):
        label_for("chapter_V")


# ---- sentences -----------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_split_sentences_is_robust_to_legal_abbreviations():
    # Article 52(4), first subparagraph (one sentence despite "Article 90(1), point (a),")
    text = (
        "The Commission may designate a general-purpose AI model as presenting systemic risks, ex officio or "
        "following a qualified alert from the scientific panel pursuant to Article 90(1), point (a), on the "
        "basis of criteria set out in Annex XIII."
    )
    assert sentences(text) == [text]
    # Annex XIII, point (d): "e.g." does not end a sentence
    text = (
        "the input and output modalities of the model, such as text to text (large language models), text to "
        "image, multi-modality, and the state of the art thresholds for determining high-impact capabilities "
        "for each modality, and the specific type of inputs and outputs (e.g. biological sequences);"
    )
    assert sentences(text) == [text]
    # footnote 1 of the commentary
    text = (
        "Regulation (EU) 2024/1689 of the European Parliament and of the Council of 13 June 2024 laying down "
        "harmonised rules on artificial intelligence (Artificial Intelligence Act) [2024] OJ L 1689/1 (“AI Act”)."
    )
    assert sentences(text) == [text]
    text = "See Art. 51 and para. 32, i.e. No. 5 of the list. Then the next one starts."
    assert sentences(text) == ["See Art. 51 and para. 32, i.e. No. 5 of the list.", "Then the next one starts."]
    # a quotation ending a sentence, and a footnote marker glued after the full stop
    text = (
        "The recitals imply a similar delineation, suggesting that Article 51 was intended to ‘establish a "
        "methodology’.12 However, these distinctions arguably oversimplify the matter."
    )
    assert len(sentences(text)) == 2
    assert sentences("") == []
    assert sentences("   ") == []


def test_article_52_paragraph_1_has_three_sentences(article_52):
    raw, arts = article_52
    s = [arts[f"art_52__para_1__sent_{i}"].text for i in (1, 2, 3)]
    assert "art_52__para_1__sent_4" not in arts
    assert s[0].startswith(
        "Where a general-purpose AI model meets the condition referred to in Article 51(1), point (a)"
    )
    assert s[1] == (
        "That notification shall include the information necessary to demonstrate that the relevant "
        "requirement has been met."
    )
    # the commentary: "Article 52(1)’s third sentence permits designation only of GPAI models ‘of which [the
    # Commission] has not been notified’"
    assert "of which it has not been notified" in s[2]


def test_article_52_paragraph_5_has_four_sentences(article_52):
    _, arts = article_52
    s = [arts[f"art_52__para_5__sent_{i}"].text for i in (1, 2, 3, 4)]
    assert "art_52__para_5__sent_5" not in arts
    # [fn 282] "See AI Act, art 52(5), first sentence: ‘Upon a reasoned request of a provider whose model has
    # been designated as a general-purpose AI model with systemic risk pursuant to paragraph 4, […]’."
    assert s[0].startswith(
        "Upon a reasoned request of a provider whose model has been designated as a "
        "general-purpose AI model with systemic risk pursuant to paragraph 4,"
    )
    assert s[1].startswith("Such a request shall contain")
    assert s[2].startswith("Providers may request reassessment")
    assert s[3].startswith("Where the Commission, following its reassessment")


def test_parse_article_text(article_52):
    raw, arts = article_52
    assert arts["art_52"].title == "Procedure"
    assert arts["art_52"].kind == "article"
    assert [k for k in arts if k.count("__") == 1] == [f"art_52__para_{i}" for i in range(1, 7)]
    assert "art_52__para_1__subpara_1" not in arts  # a paragraph of one subparagraph has none
    sub1, sub2 = arts["art_52__para_4__subpara_1"], arts["art_52__para_4__subpara_2"]
    assert sub1.text.startswith("The Commission may designate")
    assert sub2.text == (
        "The Commission is empowered to adopt delegated acts in accordance with Article 97 in "
        "order to amend Annex XIII by specifying and updating the criteria set out in that Annex."
    )
    assert arts["art_52__para_4__subpara_2__sent_1"].text == sub2.text
    assert sub2.label == "Art. 52(4) AI Act, second subparagraph"
    for p in arts.values():
        assert p.source == ARTICLE_52.name
        if p.text is not None:
            assert raw[p.span.raw_start : p.span.raw_end] == p.text
            assert (p.span.start, p.span.end) == (p.span.raw_start, p.span.raw_end)
        assert p.parent is None or p.parent in arts


# ---- Recital 111 ---------------------------------------------------------------------------


def test_service_desk_recital_111(service_desk):
    raw, recital = service_desk
    assert recital.key == "rct_111"
    assert recital.label == "Recital 111 AI Act"
    assert recital.text.startswith("It is appropriate to establish a methodology")
    assert recital.text.endswith("can still be considered to present systemic risks.")
    for chrome in ("#", "[", "](", "Contact", "Overview", "This Recital relates to", "```"):
        assert chrome not in recital.text
    assert raw[recital.span.raw_start : recital.span.raw_end] == recital.text


def test_service_desk_and_commentary_print_the_same_recital_111(service_desk, from_commentary):
    _, recital = service_desk
    assert normalise(recital.text) == normalise(from_commentary["rct_111"].text)


def test_recital_111_has_thirteen_sentences(service_desk, from_commentary):
    _, recital = service_desk
    desk = [s.text for s in recital_sentences(recital)]
    page = [from_commentary[f"rct_111__sent_{i}"].text for i in range(1, 14)]
    assert len(desk) == 13
    assert "rct_111__sent_14" not in from_commentary
    assert [normalise(s) for s in desk] == [normalise(s) for s in page]


# What the commentary says about each sentence it cites, and the sentence it lands on. The quotes
# are the commentary's own words (paragraph or footnote), the expected text is the recital's.
CITED_SENTENCES = [
    # [fn 12] "AI Act, recital 111, first sentence, and recital 112, first sentence" (methodology / procedure)
    ("rct_111__sent_1", "It is appropriate to establish a methodology"),
    ("rct_112__sent_1", "It is also necessary to clarify a procedure"),
    # para 17: "Recital 111’s second sentence, which states that ‘a general-purpose AI model should be
    # considered to present systemic risks if it has high-impact capabilities’"
    (
        "rct_111__sent_2",
        "a general-purpose AI model should be considered to present systemic risks if it has high-impact capabilities",
    ),
    # [fn 336] "AI Act, recital 111, fifth sentence; for a comprehensive discussion of the role of compute thresholds"
    ("rct_111__sent_5", "floating point operations is one of the relevant approximations for model capabilities"),
    # para 106: "‘intended to enhance the capabilities of the [student] model’ in the sense of Recital 111’s sixth sentence"
    ("rct_111__sent_6", "intended to enhance the capabilities of the model"),
    # [fn 481] "AI Act, art 51(3) and recital 111, seventh and eighth sentence"
    ("rct_111__sent_7", "an initial threshold of floating point operations should be set"),
    # [fn 482] "See AI Act, recital 111, eighth sentence: ‘[Article 51(2)’s] threshold should be adjusted over time"
    ("rct_111__sent_8", "threshold should be adjusted over time to reflect technological and industrial changes"),
    # [fn 526] "recital 111, ninth sentence (‘[T]he AI Office should engage with the scientific community"
    ("rct_111__sent_9", "the AI Office should engage with the scientific community"),
    # [fn 488] "recital 111, tenth sentence: ‘Thresholds, as well as tools and benchmarks for the assessment"
    ("rct_111__sent_10", "Thresholds, as well as tools and benchmarks for the assessment of high-impact capabilities"),
    # [fn 290] "AI Act, recital 111, eleventh sentence (‘To complement this system, there should be a possibility
    # for the Commission to take individual decisions designating"
    (
        "rct_111__sent_11",
        "To complement this system, there should be a possibility for the Commission to take individual decisions designating",
    ),
    # [fn 143] "See AI Act, recital 111, twelfth sentence: ‘That decision should be taken on the basis of an
    # overall assessment of the criteria"
    ("rct_111__sent_12", "That decision should be taken on the basis of an overall assessment of the criteria"),
    # [fn 335] "See AI Act, recital 112, fourth sentence: ‘[T]raining of general-purpose AI models takes
    # considerable planning"
    ("rct_112__sent_4", "training of general-purpose AI models takes considerable planning"),
]


@pytest.mark.parametrize("key,words", CITED_SENTENCES)
def test_cited_recital_sentences_land_on_what_the_commentary_says(from_commentary, key, words):
    assert words in from_commentary[key].text


def test_citations_the_commentary_itself_misnumbers(from_commentary, article_52):
    """Four citations in the commentary do not match the sentence they number; the split is right."""
    # [fn 313] "Recital 111’s sixth sentence acknowledges this by stating that ‘[a]ccording to the state of
    # the art at the time of entry into force of this Regulation ...’" (also [fn 145]): that is the fifth.
    assert from_commentary["rct_111__sent_5"].text.startswith(
        "According to the state of the art at the time of entry into force"
    )
    # para 14: "Recital 112’s first sentence, which states that ‘[a] general-purpose AI model that meets the
    # applicable threshold for high-impact capabilities should be presumed ...’": that is the second.
    assert from_commentary["rct_112__sent_2"].text.startswith(
        "A general-purpose AI model that meets the applicable threshold"
    )
    # [fn 369] "See AI Act, recital 113, third sentence": Recital 113 has two sentences.
    assert "rct_113__sent_2" in from_commentary and "rct_113__sent_3" not in from_commentary
    # [fn 510] "See AI Act, art 52(4), first subparagraph: ‘The Commission is empowered to adopt delegated
    # acts ...’": that is the second subparagraph.
    _, arts = article_52
    assert arts["art_52__para_4__subpara_2"].text.startswith("The Commission is empowered to adopt delegated acts")


# ---- the commentary's copies ---------------------------------------------------------------


def test_provisions_from_commentary(commentary, from_commentary):
    p = from_commentary
    assert p["art_51"].title.startswith("Classification of general-purpose AI models")
    assert p["art_51__para_1__point_a"].text.startswith("it has high impact capabilities")
    assert p["art_51__para_1__point_a"].label == "Art. 51(1)(a) AI Act"
    assert p["anx_XIII"].title.startswith("Criteria for the designation")
    assert p["anx_XIII__intro"].text.startswith("For the purpose of determining")
    assert [k for k in p if k.startswith("anx_XIII__point_")] == [f"anx_XIII__point_{x}" for x in "abcdefg"]
    assert {k for k in p if k.startswith("rct_") and "__" not in k} == {"rct_111", "rct_112", "rct_113"}
    gpai = p["art_3__point_63"]
    assert gpai.kind == "definition" and gpai.term == "general-purpose AI model" and gpai.parent == "art_3"
    assert gpai.text.startswith("‘general-purpose AI model’ means an AI model")
    assert commentary.raw[gpai.span.raw_start : gpai.span.raw_end].replace("\u00a0", " ") == gpai.text
    assert len([k for k in p if k.startswith("art_3__point_")]) == 16
    for prov in p.values():
        if prov.span is not None and prov.kind != "definition":
            assert normalise(commentary.text[prov.span.start : prov.span.end]) == normalise(prov.text)
        assert prov.parent is None or prov.parent in p


def test_recital_sentence_spans_map_back_to_the_raw_file(commentary, from_commentary):
    # The raw copy of Recital 111 carries definition tooltips; a sentence's raw span still begins and
    # ends where the sentence does.
    s12 = from_commentary["rct_111__sent_12"]
    raw = commentary.raw[s12.span.raw_start : s12.span.raw_end]
    assert raw.startswith("That decision should be taken")
    assert raw.endswith("the tools it has access to.")


# ---- merging -------------------------------------------------------------------------------


def test_build_provisions(built):
    provisions, warnings = built
    assert warnings == []
    keys = {k for _, k in provisions}
    assert {"art_51", "art_52", "art_3", "anx_XIII", "rct_111", "rct_112", "rct_113"} <= keys
    for (instrument, key), p in provisions.items():
        assert p.parent is None or (instrument, p.parent) in provisions, key
    # the official text is preferred, the commentary's copy recorded
    rct = provisions[("AI Act", "rct_111")]
    assert rct.source == RECITAL_111.name and COMMENTARY.name in rct.also_in
    assert provisions[("AI Act", "rct_111__sent_12")].source == RECITAL_111.name
    assert provisions[("AI Act", "art_52__para_1__sent_3")].source == ARTICLE_52.name
    assert provisions[("AI Act", "art_51__para_1__point_b")].source == COMMENTARY.name
    assert provisions[("AI Act", "art_3")].text is None


def test_build_provisions_warns_when_copies_differ(commentary, tmp_path):
    page = RECITAL_111.read_text(encoding="utf-8").replace("should be strong predictors", "should be good predictors")
    changed = tmp_path / "recital-111.md"
    changed.write_text(page, encoding="utf-8")
    provisions, warnings = build_provisions([commentary], [], [changed])
    assert len(warnings) == 1  # one for the recital, not again for its sentence
    assert "Recital 111 AI Act" in warnings[0]
    assert "recital-111.md" in warnings[0] and COMMENTARY.name in warnings[0]
    assert "good predictors" in warnings[0] and "strong predictors" in warnings[0]
    kept = next(p for p in provisions if p.key == "rct_111")
    assert "good predictors" in kept.text  # the official copy is kept


def test_build_gives_every_parent(commentary):
    provisions, _ = build_provisions([commentary], [ARTICLE_52], [RECITAL_111])
    keys = {p.key for p in provisions if p.instrument == "AI Act"}
    assert all(p.parent in keys for p in provisions if p.instrument == "AI Act" and p.parent)


def test_provision_is_a_plain_record(built):
    provisions, _ = built
    p = provisions[("AI Act", "art_52__para_1__sent_3")]
    assert dataclasses.asdict(p)["label"] == "Art. 52(1) AI Act, third sentence"


# ---- never raise ---------------------------------------------------------------------------

EXCERPTS = [
    "Where a general-purpose AI model meets the condition referred to in Article 51(1), point (a), the relevant "
    "provider shall notify the Commission without delay. That notification shall include the information.",
    "(see, for example, AI Act, recital 12, first sentence; recital 101, last sentence; e.g. No. 5).",
    "The Commission ‘shall adopt’ a delegated act.’57 But see Art. 97 (n 524) para 3. Next.",
]


def _check_sentences(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for s, e in spans:
        assert previous_end <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]
        previous_end = e


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_split_sentences_never_raises(text):
    _check_sentences(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EXCERPTS), st.data())
def test_split_sentences_on_mutated_excerpts(excerpt, data):
    text = excerpt
    for _ in range(data.draw(st.integers(0, 6))):
        i = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.text(alphabet=list(".?!’”‘“ ()0123456789AaZz\n"), max_size=4))
        text = text[:i] + piece + text[i + data.draw(st.integers(0, 3)) :]
    _check_sentences(text)
