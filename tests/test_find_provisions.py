"""Provision references and cross-references, on real excerpts of the commentary on Article 51.

Each excerpt is copied verbatim from the cleaned commentary (margin paragraphs and footnotes);
footnote markers glued to the text (`...Article 51(1)(a).73 This ...`) are part of the excerpt.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.find_provisions import find_cross_refs, find_provisions

ROOT = Path(__file__).resolve().parents[1]
COMMENTARY = ROOT / "sources" / "commentary" / "002_b07c53fab08c7372.txt"


def keys(text: str) -> list[str]:
    return [r.key for r in find_provisions(text)]


# (excerpt, the keys found, in order)
CASES = [
    # sentences of a paragraph
    (
        "Moreover, Article 52(1)’s third sentence allows the Commission to designate a GPAI model of which it has not been notified",
        ["art_52__para_1__sent_3"],
    ),
    (
        "Moreover, other provisions, such as the notification obligation under Article 52(1)’s first and second sentence, demonstrate that",
        ["art_52__para_1__sent_1", "art_52__para_1__sent_2"],
    ),
    ("[fn 307] AI Act, art 52(1), third sentence.", ["art_52__para_1__sent_3"]),
    (
        "[fn 454] AI Act, art 52(1), first and second sentences; see commentary on Article 52, Section 2.1.2. in this work.",
        ["art_52__para_1__sent_1", "art_52__para_1__sent_2"],
    ),
    (
        "In particular, article 52(1)’s second sentence requires providers to include information",
        ["art_52__para_1__sent_2"],
    ),
    # points
    ("For example, Article 51(1)(b) establishes the requirement of a Commission decision", ["art_51__para_1__point_b"]),
    ("[fn 188] See AI Act, art 53(1)(a).", ["art_53__para_1__point_a"]),
    (
        "that has capabilities or an impact equivalent to those set out in Article 51(1), point (a), the Commission shall take into account",
        ["art_51__para_1__point_a"],
    ),
    (
        "[fn 79] See AI Act, recital 111, twelfth sentence; see also AI Act, art 51(1)(b), annex XIII.",
        ["rct_111__sent_12", "art_51__para_1__point_b", "anx_XIII"],
    ),
    (
        "This raises several questions regarding the relationship between Article 51(1)(a) and (b): first, is it sufficient",
        ["art_51__para_1__point_a", "art_51__para_1__point_b"],
    ),
    (
        "The omission of the hyphen in Article 51(1)(a) and (2)’s spelling of ‘high impact capabilities’",
        ["art_51__para_1__point_a", "art_51__para_2"],
    ),
    (
        "is primarily procedural in nature, as the difference between point (a) and (b) of Article 51(1) is primarily procedural",
        ["art_51__para_1__point_a", "art_51__para_1__point_b"],
    ),
    # paragraphs, lists and ranges of paragraphs
    (
        "For example, Article 52(2) and (3) establish the substantive requirements under which the Commission can reject",
        ["art_52__para_2", "art_52__para_3"],
    ),
    (
        "which its provider can rebut by contesting the model’s classification under Article 52(2)–(3).520",
        ["art_52__para_2", "art_52__para_3"],
    ),
    ("by contesting the model’s classification under Article 52(2)-(3).", ["art_52__para_2", "art_52__para_3"]),
    (
        "Articles 51 and 52 together make up the ‘Classification rules’8 contained in Section 1. of Chapter V of the AI Act",
        ["art_51", "art_52"],
    ),
    (
        "The procedure to contest classification under Article 52’s second and third paragraph would then operate",
        ["art_52__para_2", "art_52__para_3"],
    ),
    (
        "[fn 293] According to article 113(2) and (3)(b), article 52 applies from 2 August 2025, whereas article 94 only applies from 2 August 2026.",
        ["art_113__para_2", "art_113__para_3__point_b", "art_52", "art_94"],
    ),
    ("(see article 53(2) and 55(1) of the French language version", ["art_53__para_2", "art_55__para_1"]),
    (
        "[fn 332] see also commentary on Article 52, Sections 2.1.3.5., 2.2.3.3., 2.3.1.2. and 2.4.3. in this work for Commission decisions under art 52(1), third sentence; (3); (4), first subparagraph; and (5) respectively).",
        ["art_52__para_1__sent_3", "art_52__para_3", "art_52__para_4__subpara_1", "art_52__para_5"],
    ),
    # subparagraphs
    (
        "while Article 52(4)’s first subparagraph addresses the designation of a GPAI based on the criteria set out in Annex XIII",
        ["art_52__para_4__subpara_1", "anx_XIII"],
    ),
    (
        "Interestingly, Article 52(4)’s second subparagraph by its wording only empowers the Commission",
        ["art_52__para_4__subpara_2"],
    ),
    (
        "[fn 186] AI Act, art 52(4), first subparagraph, and recital 111, twelfth sentence.",
        ["art_52__para_4__subpara_1", "rct_111__sent_12"],
    ),
    (
        "the Commission’s duty to have regard to Annex XIII for designation under Article 51(1)(b) in conjunction with the first subparagraph of Article 52(4).262",
        ["anx_XIII", "art_51__para_1__point_b", "art_52__para_4__subpara_1"],
    ),
    # `article 52(4)’s first paragraph` (sic): the first subparagraph of a paragraph
    (
        "Article 51(1)(b), article 52(4)’s first paragraph and annex XIII lack common indicators",
        ["art_51__para_1__point_b", "art_52__para_4__subpara_1", "anx_XIII"],
    ),
    # definitions of Article 3
    ("Article 3(64) defines high-impact capabilities as ‘capabilities that match or exceed", ["art_3__point_64"]),
    ("See article 3(66) which defines a GPAI system as ‘an AI system", ["art_3__point_66"]),
    (
        "[fn 37] See AI Act, art 3(63)–(65). These definitions are analysed in the forthcoming commentary on Article 3(63), the forthcoming commentary on Article 3(64) and the forthcoming commentary on Article 3(65) in this work respectively.",
        ["art_3__point_63", "art_3__point_64", "art_3__point_65"],
    ),
    ("[fn 18] AI Act, arts 3(65) and (64).", ["art_3__point_65", "art_3__point_64"]),
    # recitals
    (
        "finds some (albeit limited) support in Recital 111’s twelfth sentence, which states that designation decisions",
        ["rct_111__sent_12"],
    ),
    (
        "The rules for the classification of GPAI models as presenting systemic risk were adopted in light of Recitals 111–113.24 These rules are further referred to in Recitals 163,25 17326 and 179.27",
        ["rct_111", "rct_112", "rct_113", "rct_163", "rct_173", "rct_179"],
    ),
    # the same list without the glued footnote markers
    ("These rules are further referred to in Recitals 163, 173 and 179.", ["rct_163", "rct_173", "rct_179"]),
    (
        "[fn 102] See AI Act, art 51(3); annex XIII, point (d); recital 111, fifth, seventh, eighth, tenth and eleventh sentences, and recital 112, fourth sentence.",
        [
            "art_51__para_3",
            "anx_XIII__point_d",
            "rct_111__sent_5",
            "rct_111__sent_7",
            "rct_111__sent_8",
            "rct_111__sent_10",
            "rct_111__sent_11",
            "rct_112__sent_4",
        ],
    ),
    (
        "(see, for example, AI Act, recital 12, first sentence; recital 101, last sentence; recital 138, second sentence; and recital 179, seventh sentence).",
        ["rct_12__sent_1", "rct_101", "rct_138__sent_2", "rct_179__sent_7"],
    ),
    ("as well as the corresponding first sentence of Recital 97 which states that", ["rct_97__sent_1"]),
    # Annex XIII and other annexes
    ("The presumption under point (f) of Annex XIII is rebuttable.", ["anx_XIII__point_f"]),
    (
        "Points (a)–(e) of Annex XIII contain criteria particularly relevant",
        ["anx_XIII__point_a", "anx_XIII__point_b", "anx_XIII__point_c", "anx_XIII__point_d", "anx_XIII__point_e"],
    ),
    (
        "the criteria in points (a) to (e) of Annex XIII primarily relate",
        ["anx_XIII__point_a", "anx_XIII__point_b", "anx_XIII__point_c", "anx_XIII__point_d", "anx_XIII__point_e"],
    ),
    (
        "the model’s number of registered business and end users (Annex XIII, points (f) and (g)).",
        ["anx_XIII__point_f", "anx_XIII__point_g"],
    ),
    ("[fn 253] See Wachter (n 2) 715, fn 202 (‘Annex XIII(f) assumes systemic risk", ["anx_XIII__point_f"]),
    (
        "[fn 180] See AI Act, annex XIII, introductory sentence, and recital 111, twelfth sentence.",
        ["anx_XIII__intro", "rct_111__sent_12"],
    ),
    ("to update Annex XIII and Annexes XI and XII, respectively.", ["anx_XIII", "anx_XI", "anx_XII"]),
    (
        "comprising Articles 53 and 54, together with the related Annex XI. Under Article 53(1)(a)",
        ["art_53", "art_54", "anx_XI", "art_53__para_1__point_a"],
    ),
    (
        "are listed together in point 1(d) of Section 1. of Annex XI as part of the technical documentation",
        ["anx_XI__sec_1__point_1__point_d"],
    ),
    (
        "Under Article 53(1)(a) in conjunction with the second section of Annex XI, providers",
        ["art_53__para_1__point_a", "anx_XI__sec_2"],
    ),
    (
        "[fn 403] AI Act, art 53(1)(a) in conjunction with AI Act, annex XI, s 1, points 2(c) and (d).",
        ["art_53__para_1__point_a", "anx_XI__sec_1__point_2__point_c", "anx_XI__sec_1__point_2__point_d"],
    ),
    # other instruments
    ("In particular, the provider has the right to be heard under Article 18(3) MSR.294", ["msr:art_18__para_3"]),
    (
        "This terminological difference between Article 51(1) on one hand and Articles 3(1) DMA and 33(4) DSA on the other hand",
        ["art_51__para_1", "dma:art_3__para_1", "dsa:art_33__para_4"],
    ),
    (
        "deviate textually from the rules for designation of VLOPs and VLOSEs under Article 33 DSA (see Bond and Abbady",
        ["dsa:art_33"],
    ),
    (
        "or an action for annulment before the Court of Justice of the European Union under Article 263(4) TFEU.332",
        ["tfeu:art_263__para_4"],
    ),
    (
        "This delegation of power to the Commission is based on Article 290(1) TFEU,469 and the powers",
        ["tfeu:art_290__para_1"],
    ),
    (
        "amending Directives (EU) 2019/1937 and (EU) 2020/1828 (Digital Markets Act) [2022] OJ L 265/1 (“DMA”), art 3(1), and Regulation (EU) 2022/2065 of the European Parliament and of the Council of 19 October 2022 on a Single Market For Digital Services and amending Directive 2000/31/EC (Digital Services Act) [2022] OJ L 277/1 (“DSA”), art 33(4).",
        ["dma:art_3__para_1", "dsa:art_33__para_4"],
    ),
    (
        "and amending Directive 2004/42/EC and Regulations (EC) No 765/2008 and (EU) No 305/2011, OJ L 169/1 (“MSR”), art 18(3); see also commentary on Article 52, Section 2.1.3.2. in this work.",
        ["msr:art_18__para_3"],
    ),
    (
        "[fn 334] See DMA, art 3(10) (‘The gatekeeper shall comply with the obligations laid down in Articles 5, 6 and 7 within 6 months after a core platform service has been listed in the designation decision pursuant to paragraph 9 of this Article.’) and DSA, art 33(6), second subparagraph, second sentence",
        ["dma:art_3__para_10", "dma:art_5", "dma:art_6", "dma:art_7", "dsa:art_33__para_6__subpara_2__sent_2"],
    ),
    ("[fn 319] (see DSA, art 33(1) and (6)).", ["dsa:art_33__para_1", "dsa:art_33__para_6"]),
    (
        "whereas the DMA defines a ‘business user’ as ‘any natural or legal person’ (DMA art 2(21))",
        ["dma:art_2__para_21"],
    ),
    (
        "Article 3(2)(b) of the DMA mentions the number of 45 million monthly active end users",
        ["dma:art_3__para_2__point_b"],
    ),
    ("may derived from article 41(2)(a) of the Charter.", ["charter:art_41__para_2__point_a"]),
    (
        "held that ‘[a]n element is essential within the meaning of the second sentence of the second subparagraph of Article 290(1) TFEU in particular if",
        ["tfeu:art_290__para_1__subpara_2__sent_2"],
    ),
    (
        "see Non-Binding Criteria for the application of Articles 290 and 291 of the Treaty on the Functioning of the European Union [2019] OJ C 223/1",
        ["tfeu:art_290", "tfeu:art_291"],
    ),
    (
        "failing to adopt, pursuant to point (f) of the first paragraph of article 7 of Regulation 2018/1806, a delegated act",
        ["regulation-2018-1806:art_7__para_1__point_f"],
    ),
    (
        "A typical indicator of an non-exhaustive list under EU law is the phrase ‘inter alia’ (see, for example, Directive 2011/95/EU of the European Parliament and of the Council of 13 December 2011 on standards for the qualification of third-country nationals or stateless persons as beneficiaries of international protection, for a uniform status for refugees or for persons eligible for subsidiary protection, and for the content of the protection granted (recast) [2011] OJ L 337/9, art 9(2)). A typical indicator of an exhaustive list under EU law is the word ‘only’ (see, for example, Council Directive 92/43/EEC of 21 May 1992 on the conservation of natural habitats and of wild fauna and flora [1992] OJ L 206/7, art 6(4)).",
        ["directive-2011-95:art_9__para_2", "directive-92-43:art_6__para_4"],
    ),
    (
        "Directive (EU) 2024/1203 of the European Parliament and of the Council of 11 April 2024 on the protection of the environment through criminal law and replacing Directives 2008/99/EC and 2009/123/EC [2024] OJ L 1203 recitals 9, 13 and 25 (‘the qualitative",
        ["directive-2024-1203:rct_9", "directive-2024-1203:rct_13", "directive-2024-1203:rct_25"],
    ),
    # the act cited in full is the first one, not the acts it amends
    (
        "[fn 194] For the use of ‘having regard to’ in an apparently non-exhaustive way see, for example, Regulation (EC) No 1272/2008 of the European Parliament and of the Council of 16 December 2008 on classification, labelling and packaging of substances and mixtures, amending and repealing Directives 67/548/EEC and 1999/45/EC, and amending Regulation (EC) No 1907/2006 [200] OJ L 353/1, art 54(2): ‘Where reference is made to this paragraph, Articles 5 and 7 of Decision 1999/468/EC shall apply, having regard to the provisions of Article 8 thereof.’",
        [
            "regulation-1272-2008:art_54__para_2",
            "decision-1999-468:art_5",
            "decision-1999-468:art_7",
            "decision-1999-468:art_8",
        ],
    ),
    # inside the quotation of another act's provision, references are to that act
    (
        "[fn 518] Examples where the legislature made the applicability of EU law provisions contingent upon the adoption of a delegated act include Regulation (EU) No 909/2014 (n 116), art 76(5) (‘The settlement discipline measures referred to in Article 7(1) to (13) and the amendment laid down in Article 72 shall apply from the date of entry into force of the delegated act adopted by the Commission pursuant to Article 7(15).’)",
        ["regulation-909-2014:art_76__para_5"]
        + [f"regulation-909-2014:art_7__para_{i}" for i in range(1, 14)]
        + ["regulation-909-2014:art_72", "regulation-909-2014:art_7__para_15"],
    ),
    # the AI Act, also when named
    ("Article 51 AI Act1 sets out rules for the classification", ["art_51"]),
    (
        "the Commission shall adopt delegated acts in accordance with Article 97 in order to amend Annex XIII",
        ["art_97", "anx_XIII"],
    ),
    # footnote markers are not part of a reference
    (
        "indicates that no such requirement exists for Article 51(1)(a).73 This interpretation",
        ["art_51__para_1__point_a"],
    ),
    (
        "(iii) indicators and benchmarks referred to under Article 51(1)(a);479 and (iv) the criteria contained within Annex XIII.480",
        ["art_51__para_1__point_a", "anx_XIII"],
    ),
    # not references
    ("Bernsteiner and Schmitt, ‘Art. 51’ (n 6) para 27; see Section 2.1.1.", []),
    ("Clara Saillant, ‘Article 97 Exercise of the Delegation’ in Ceyhun Necati Pehlivan", []),
    ("See commentary on Article 52, Section 2.2.2. in this work.", []),
    ("See Case T-55/24 Meta Platforms Ireland Ltd v European Commission [2025] ECLI:EU:T:2025:842, paras 43–44", []),
    (
        "the initial setting of Article 51(2)’s training compute threshold at 10^25 floating-point operations",
        ["art_51__para_2"],
    ),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_provisions_on_real_excerpts(text, expected):
    assert keys(text) == expected


def test_labels_and_instruments():
    refs = find_provisions("Articles 3(1) DMA and 33(4) DSA on the other hand")
    assert [(r.label, r.instrument) for r in refs] == [("Art. 3(1) DMA", "DMA"), ("Art. 33(4) DSA", "DSA")]
    (r,) = find_provisions("Moreover, Article 52(1)’s third sentence allows the Commission")
    assert r.label == "Art. 52(1) AI Act, third sentence"
    assert r.instrument == "AI Act"
    (r,) = find_provisions("See AI Act, recital 111, twelfth sentence;")
    assert r.label == "Recital 111 AI Act, twelfth sentence"


def test_spans_cover_the_reference_without_the_footnote_marker():
    text = "indicates that no such requirement exists for Article 51(1)(a).73 This interpretation"
    (r,) = find_provisions(text)
    assert text[r.start : r.end] == r.text == "Article 51(1)(a)"
    text = "further referred to in Recitals 163,25 17326 and 179.27"
    refs = find_provisions(text)
    assert {r.text for r in refs} == {"Recitals 163,25 17326 and 179"}
    text = "See Articles 51 and 5213 for"  # a marker glued to the last article number
    refs = find_provisions(text)
    assert [r.key for r in refs] == ["art_51", "art_52"]
    assert refs[-1].text == "Articles 51 and 52"


# ---- cross-references ----------------------------------------------------------------------

XCASES = [
    ("See Section 2.1.1.", [("2.1.1.", None)]),
    (
        "[fn 30] See Section 2.1.2.1.3. and Section 2.1.2.1.4. respectively.",
        [("2.1.2.1.3.", None), ("2.1.2.1.4.", None)],
    ),
    (
        "For the role of annex XIII in the context of article 51(1)(b), see Section 2.1.2.1.2..; for an overview over annex XIII, see Section 2.4.1.",
        [("2.1.2.1.2.", None), ("2.4.1.", None)],
    ),
    ("[fn 16] See commentary on Article 52, Section 2.2.2. in this work.", [("2.2.2.", "52")]),
    (
        "[fn 43] See commentary on Article 52, Section 2.1.3.1. in this work; see also the commentary on Article 52, Section 2.1.3.3. and Section 2.3.1.1. in this work.",
        [("2.1.3.1.", "52"), ("2.1.3.3.", "52"), ("2.3.1.1.", "52")],
    ),
    (
        "for these provisions see commentary on Article 52, Section 2.1.3. and 2.3.1 in this work respectively.",
        [("2.1.3.", "52"), ("2.3.1.", "52")],
    ),
    (
        "see also commentary on Article 52, Sections 2.1.3.5., 2.2.3.3., 2.3.1.2. and 2.4.3. in this work",
        [("2.1.3.5.", "52"), ("2.2.3.3.", "52"), ("2.3.1.2.", "52"), ("2.4.3.", "52")],
    ),
    ("[fn 38] See commentary on Article 52 in this work.", [("", "52")]),
    (
        "However, article 53(2) provides a partial exception for providers of certain free and open-source models (see commentary on Article 53, paras 110–114 in this work).",
        [("", "53")],
    ),
    ("For an analysis of this definition see forthcoming commentary on Article 3(63) in this work.", [("", "3(63)")]),
    ("The substantive analysis begins in Section 2.1. with Article 51(1), which establishes", [("2.1.", None)]),
    # sections of the AI Act, not of this work
    (
        "Articles 51 and 52 together make up the ‘Classification rules’8 contained in Section 1. of Chapter V of the AI Act",
        [],
    ),
    ("are listed together in point 1(d) of Section 1. of Annex XI as part of the technical documentation", []),
    ("appear throughout Section 2. (‘Obligations for Providers of General-Purpose AI Models’) of Chapter V", []),
]


@pytest.mark.parametrize("text,expected", XCASES)
def test_find_cross_refs_on_real_excerpts(text, expected):
    assert [(x.section, x.article) for x in find_cross_refs(text)] == expected


def test_cross_ref_offsets_point_at_the_section_number():
    text = "[fn 28] See Section 2.1.1."
    (x,) = find_cross_refs(text)
    assert text[x.start : x.end] == "2.1.1."


# ---- the whole commentary ------------------------------------------------------------------


def test_whole_commentary(commentary):
    texts = [p.text for p in commentary.paragraphs] + [f.text for f in commentary.footnotes]
    refs = [r for t in texts for r in find_provisions(t)]
    xrefs = [x for t in texts for x in find_cross_refs(t)]
    assert len(refs) > 1100
    assert len(xrefs) > 200
    found = {r.key for r in refs}
    for key in (
        "art_51__para_1__point_a",
        "art_51__para_1__point_b",
        "art_52__para_1__sent_3",
        "art_52__para_4__subpara_1",
        "art_52__para_4__subpara_2",
        "rct_111__sent_12",
        "anx_XIII__point_f",
        "art_3__point_64",
        "tfeu:art_263__para_4",
        "msr:art_18__para_3",
    ):
        assert key in found
    for t in texts:
        for r in find_provisions(t):
            assert t[r.start : r.end] == r.text


# ---- never raise, spans within the text ----------------------------------------------------

EXCERPTS = [text for text, _ in CASES] + [text for text, _ in XCASES]
ALPHABET = st.sampled_from(
    list("Articlesrecital Annex XIVLC art arts ()0123456789.,;:–-’‘“”s and or to point paragraph sentence")
)


def _check(text: str) -> None:
    for r in find_provisions(text):
        assert 0 <= r.start <= r.end <= len(text)
        assert text[r.start : r.end] == r.text
        assert r.key and r.label
    for x in find_cross_refs(text):
        assert 0 <= x.start <= x.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raise_on_arbitrary_text(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_never_raise_on_reference_like_text(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EXCERPTS), st.data())
def test_never_raise_on_mutated_excerpts(excerpt, data):
    text = excerpt
    for _ in range(data.draw(st.integers(0, 6))):
        i = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = data.draw(st.text(alphabet=ALPHABET, max_size=4))
        if op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + len(piece) :]
        else:
            text = text[:i] + piece + text[i + len(piece) :]
    _check(text)
