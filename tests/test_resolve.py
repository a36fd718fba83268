"""`kg.resolve`: short forms → works, names → persons, on the real commentary and on real excerpts."""

from __future__ import annotations

import pytest
from excerpts import BIB7, BIB9, BIB14, FN2, FN4, FN6, FN9, FN11, FN13, FN24, FN39, FN68, FN69, FN70, FN80, FN287
from factories import find_and_resolve, make_citation, make_commentary

DOC = "002_b07c53fab08c7372.txt"


def by_fn(resolved, document="test.txt"):
    out: dict[int, list] = {}
    for c in resolved.citations[document]:
        out.setdefault(c.footnote, []).append(c)
    return out


@pytest.fixture(scope="module")
def real(commentary):
    return find_and_resolve([commentary])


# ---- the real commentary ----------------------------------------------------------------------

# Short forms that stay unresolved, with the reason. Every `(n N)` in the commentary resolves, so none.
EXPECTED_UNRESOLVED: dict[tuple[int, str], str] = {}


def test_every_short_form_in_the_commentary_is_resolved(real):
    cits = real.citations[DOC]
    shorts = [c for c in cits if c.short_form]
    assert len(cits) == 509 and len(shorts) == 395
    left = {(c.footnote, c.text): c.note for c in real.unresolved}
    assert left == EXPECTED_UNRESOLVED
    assert all(c.work for c in cits)
    assert {c.resolution for c in cits} == {"full", "short-form"}
    assert all(c.resolved_by for c in cits)


def test_the_one_given_name_match_is_flagged(real):
    [ping] = [c for c in real.citations[DOC] if c.text == "Ping and others (n 380)"]
    assert ping.work == "chen-et-al-2025-optimizing-large-model"
    assert "given name" in ping.note
    assert any("footnote 382" in n and "Ping" in n for n in real.notes)


def test_real_counts(commentary):
    r = find_and_resolve([commentary])
    assert len(r.works) == 114 and len(r.persons) == 97


def test_art_51_and_art_52_of_the_same_authors(real):
    cits = real.citations[DOC]
    at = {(c.footnote, c.index): c for c in cits}
    assert at[13, 1].work == "haar-siglmuller-2025-art-51"
    assert at[24, 2].work == "haar-siglmuller-2025-art-52" and at[24, 2].resolution == "full"
    [haar52] = [c for c in cits if c.footnote == 289 and c.short_title == "Art. 52"]
    assert haar52.work == "haar-siglmuller-2025-art-52" and haar52.via_footnote == 24
    schneider52 = [c for c in cits if c.footnote == 332 and c.authors_text == "Schneider and Schneider"][0]
    assert schneider52.work == "schneider-schneider-2025-art-52"  # (n 9): footnote 9 also cites Haar's Art. 51
    assert real.works["haar-siglmuller-2025-art-51"].title != real.works["haar-siglmuller-2025-art-52"].title


def test_named_short_forms(real):
    cits = real.citations[DOC]

    def work_of(fn, text):
        return next(c.work for c in cits if c.footnote == fn and c.text.startswith(text))

    assert work_of(74, "Bond and Abbady, ‘Art. 52’ (n 70)") == "bond-abbady-2024-art-52"
    assert real.works["bond-abbady-2024-art-52"].title == "Article 52 Procedure"
    assert work_of(148, "Bond and Abbady, ‘Art. 51’ (n 138)") == "bond-abbady-2024-art-51"
    assert work_of(353, "Feiler, Forgó and Nebel, ‘Article 51’ (n 287)") == "feiler-et-al-2025-art-51"
    assert work_of(71, "Commission Guidelines (n 39)") == "commission-guidelines-2025"
    assert (
        work_of(109, "Code of Practice Safety and Security Chapter (n 22)")
        == "code-of-practice-2025-safety-and-security-chapter"
    )
    assert work_of(11, "Schrems II (n 10)") == "case-c-311-18"
    assert work_of(471, "European Parliament v European Commission (n 470)") == "case-c-286-14"
    assert work_of(517, "European Parliament v European Commission (n 512)") == "case-c-137-21"
    assert work_of(518, "Regulation (EU) No 909/2014 (n 116)") == "regulation-eu-909-2014"
    assert work_of(518, "Regulation (EU) 2015/2365 (n 116)") == "regulation-eu-2015-2365"
    assert work_of(525, "Kolain, Art. 97 (n 524)") == "kolain-2026-art-97"
    assert work_of(525, "Brandt-Steinke (n 524)") == "brandt-steinke-2025-art-97"
    assert work_of(362, "Erben and others (n 80)") == "erben-et-al-2025-training-compute-thresholds"
    assert work_of(412, "Pistillo and Villalobos (n 362)") == "pistillo-villalobos-2025-defending-compute-thresholds"
    assert work_of(434, "Pistillo and others (n 336)") == "pistillo-et-al-2025-role-compute-thresholds"
    assert work_of(497, "Czech Republic v European Commission") == "case-c-696-15-p"
    assert work_of(214, "Bengio and others 17") == "bengio-et-al-2025-international-ai-safety"


def test_works_carry_their_bibliographic_data(real):
    g = real.works["commission-guidelines-2025"]
    assert (g.kind, g.identifier, g.short_title, g.organisation, g.first_footnote) == (
        "guidelines",
        "C(2025) 5045 final",
        "Commission Guidelines",
        "European Commission",
        39,
    )
    case = real.works["case-c-97-15"]
    assert (case.kind, case.case_number, case.ecli, case.organisation) == (
        "case",
        "C-97/15",
        "ECLI:EU:C:2016:556",
        "Court of Justice",
    )
    erben = real.works["erben-et-al-2025-training-compute-thresholds"]
    assert erben.authors == ["erben-alexander", "negele-m", "heim-lennart", "sevilla-jaime"]
    assert erben.editors == ["fernandez-llorca-d", "gomez-e"]
    assert (erben.identifier, erben.organisation, erben.in_bibliography) == ("JRC143255", "Joint Research Centre", True)
    haar = real.works["haar-siglmuller-2025-art-51"]
    assert (haar.kind, haar.container, haar.edition, haar.publisher, haar.year) == (
        "chapter",
        "Beck’scher Online-Kommentar KI-Recht",
        "4th edn",
        "C H Beck",
        "2025",
    )
    assert haar.editors == ["schefzig-jens", "kilian-robert"] and haar.short_title == "Art. 51"


def test_all_fifteen_bibliography_works_merge_with_their_footnote_citations(real):
    entries = real.bibliography[DOC]
    assert [i for i, _ in entries] == list(range(3, 18))
    assert len({k for _, k in entries}) == 15
    for index, key in entries:
        w = real.works[key]
        assert w.in_bibliography and w.first_footnote is not None, key
        assert index in w.bibliography_entries
    assert not any("never cited in full" in str(w) for w in real.warnings)


def test_persons_are_merged_across_name_forms(real):
    haar = real.persons["haar-tobias"]
    assert (haar.family, haar.given) == ("Haar", "Tobias")
    assert {"Haar T", "Tobias Haar", "Haar"} <= haar.variants
    forster = real.persons["forster-christian"]
    assert {"Förster Chr", "Christian Förster"} <= forster.variants and forster.roles == {"author", "editor"}
    assert {"Yang-Jacobi A M", "Anna Maria Yang-Jacobi"} <= real.persons["yang-jacobi-anna-maria"].variants
    assert "Schöbel Ph" in real.persons["schobel-philipp"].variants
    assert "Krier S" in real.persons["krier-seb"].variants
    assert real.persons["fernandez-llorca-d"].roles == {"editor"}
    assert real.persons["gomez-e"].family == "Gómez"


def test_different_people_with_the_same_family_name_stay_apart(real):
    adrian, leonie = real.persons["schneider-adrian"], real.persons["schneider-leonie"]
    assert "Schneider A" in adrian.variants and "Schneider A" not in leonie.variants
    assert "Schneider L" in leonie.variants and "Schneider L" not in adrian.variants
    assert real.works["schneider-schneider-2025-art-51"].authors == ["schneider-adrian", "schneider-leonie"]
    assert "yang" in real.persons and "yang-jacobi-anna-maria" in real.persons
    assert "hofmann-herwig-c-h" in real.persons and "hofmann-coombe-jason" in real.persons
    assert real.persons["wendt-janine"] is not real.persons["wendt-domenik"]


def test_notes_name_document_and_footnote(real):
    """Quirks of the source (a singular `para` with a range) are notes, not build warnings."""
    assert real.warnings == []
    assert real.notes and all(n.startswith(DOC + ": ") for n in real.notes)
    assert any("footnote 138: pinpoint ‘para 59–60’" in n for n in real.notes)


# ---- excerpts ---------------------------------------------------------------------------------


def test_n_999_points_to_no_footnote():
    r = find_and_resolve(
        [make_commentary({6: FN6, 9: FN9, 123: "See Haar and Siglmüller, ‘Art. 51’ (n 999) para 27."})]
    )
    [c] = by_fn(r)[123]
    assert c.resolution == "unresolved" and c.work is None
    assert c.note == "(n 999) points to no footnote"
    assert r.unresolved == [c]
    assert "test.txt: footnote 123: (n 999) points to no footnote" in [str(w) for w in r.warnings]


def test_art_51_versus_art_52_in_the_same_footnote_and_ambiguity():
    fn9 = FN9 + " " + FN24.split("; ", 1)[1]  # footnote 9 now cites Haar's ‘Art. 51’ and ‘Art. 52’
    r = find_and_resolve(
        [
            make_commentary(
                {
                    9: fn9,
                    13: FN13.replace(" Hilgendorf and Härtlein, ‘Art. 52’ (n 11) para 1", ""),
                    20: "Haar and Siglmüller, ‘Art. 52’ (n 9) para 2.",
                    21: "Haar and Siglmüller (n 9) para 2.",
                }
            )
        ]
    )
    f = by_fn(r)
    assert f[13][0].work == "haar-siglmuller-2025-art-51"
    assert f[20][0].work == "haar-siglmuller-2025-art-52"
    amb = f[21][0]
    assert amb.resolution == "unresolved" and amb.note.startswith("ambiguous: 2 works in footnote 9")


def test_short_form_resolution_on_real_excerpts():
    r = find_and_resolve(
        [
            make_commentary(
                {
                    2: FN2,
                    4: FN4,
                    6: FN6,
                    9: FN9,
                    11: FN11,
                    39: FN39,
                    68: FN68,
                    69: FN69,
                    70: FN70,
                    73: "(however, see Hofmann-Coombe (n 6) paras 48, 51 who argues for a two-stage procedure)",
                    74: "See Bond and Abbady, ‘Art. 52’ (n 70) 839–840 s 1.",
                    287: FN287,
                    300: "Novelli and others (n 2) 572; Karathanis (n 68) 11.",
                    353: "Feiler, Forgó and Nebel, ‘Article 51’ (n 287) para 10.",
                }
            )
        ]
    )
    f = by_fn(r)
    assert f[73][0].work == "hofmann-coombe-2025-s7-ki-modelle"  # the only Hofmann-Coombe work in footnote 6
    assert f[74][0].work == "bond-abbady-2024-art-52"
    assert f[353][0].work == "feiler-et-al-2025-art-51"  # not the ‘Article 52’ of footnote 11
    assert [c.work for c in f[300]] == [
        "novelli-et-al-2025-robust-governance-ai",
        "karathanis-2025-fitting-systemic-risks",
    ]
    assert f[39][6].work == "martini-2025-s3-risikobasierter-ansatz"
    assert f[39][1].work == "european-commission-general-purpose-ai"  # organisation + title, (n 4)
    assert f[39][3].work == "smith-et-al-2024-general-purpose-artificial"
    assert f[70][1].work == "forster-straburzynski-2025-s1-grundlegende-begriffe"
    assert [c.work for c in f[69]][:2] == ["haar-siglmuller-2025-art-51", "bernsteiner-schmitt-2026-art-51"]
    assert f[69][3].work == "hilgendorf-hartlein-2025-art-52"
    assert f[69][5].resolution == "unresolved" and f[69][5].note == "(n 61) points to no footnote"  # not in excerpt
    assert all(c.resolved_by for fn in f.values() for c in fn if c.work)


def test_target_footnote_without_works():
    r = find_and_resolve([make_commentary({28: "See Section 2.1.1.", 29: "See Martini (n 28) para 1."})])
    [c] = by_fn(r)[29]
    assert c.resolution == "unresolved" and c.note == "footnote 28 cites no work"
    assert any(str(w).startswith("test.txt: footnote 29: ‘Martini’ (n 28) unresolved") for w in r.warnings)


def test_chain_of_short_forms_is_followed():
    r = find_and_resolve(
        [make_commentary({80: FN80, 355: "Erben and others (n 80)", 400: "See Erben and others (n 355) 9."})]
    )
    [c] = by_fn(r)[400]
    assert c.work == "erben-et-al-2025-training-compute-thresholds"
    assert "cited there as a short form to n 80" in c.resolved_by


def test_bibliography_merges_and_persons():
    r = find_and_resolve([make_commentary({4: FN4, 9: FN9, 80: FN80}, {7: BIB7, 9: BIB9, 14: BIB14})])
    assert dict(r.bibliography["test.txt"]) == {
        7: "erben-et-al-2025-training-compute-thresholds",
        9: "haar-siglmuller-2025-art-51",
        14: "schneider-schneider-2025-art-51",
    }
    assert {"Haar T", "Tobias Haar"} <= r.persons["haar-tobias"].variants
    assert "Schneider A" in r.persons["schneider-adrian"].variants
    assert "Schneider L" in r.persons["schneider-leonie"].variants
    assert "Heim L" in r.persons["heim-l"].variants  # no footnote gives Heim's given name here


def test_an_initial_fitting_two_people_merges_with_neither():
    r = find_and_resolve(
        [
            make_commentary(
                {
                    1: "Anna Schmidt, ‘One’ (2020) <https://a.eu> accessed 1 May 2024.",
                    2: "Alex Schmidt, ‘Two’ (2021) <https://b.eu> accessed 1 May 2024.",
                },
                {3: "Schmidt A, ‘Three’ (2022) <https://c.eu> accessed 1 May 2024."},
            )
        ]
    )
    assert set(r.persons) == {"schmidt-anna", "schmidt-alex", "schmidt-a"}
    assert any("‘Schmidt A’ fits several persons" in str(w) for w in r.warnings)


def test_forward_reference_warns():
    r = find_and_resolve([make_commentary({5: "See Haar and Siglmüller, ‘Art. 51’ (n 9) para 1.", 9: FN9})])
    assert by_fn(r)[5][0].work == "haar-siglmuller-2025-art-51"
    assert any("footnote 5: (n 9) points forward" in str(w) for w in r.warnings)


# ---- the steps, one by one, on footnotes 9 and 13 and bibliography entries 9 and 14 ----------------


@pytest.fixture
def found():
    from kg.ingest.find_citations import find_in_commentary

    return find_in_commentary(make_commentary({9: FN9, 13: FN13}, {9: BIB9, 14: BIB14}))


def test_citation_keys_are_document_footnote_and_index(found):
    from kg.ingest.resolve import citation_key

    keys = [citation_key(c) for c in found.citations] + [citation_key(c) for _, c in found.bibliography]
    assert keys[:3] == [("test.txt", 9, 1), ("test.txt", 9, 2), ("test.txt", 9, 3)]
    assert keys[-2:] == [("test.txt", None, 9), ("test.txt", None, 14)]  # bibliography entries: no footnote
    assert len(set(keys)) == len(keys)


def test_group_works_joins_the_bibliography_entry_to_the_footnote_citation(found):
    from kg.ingest.resolve import _Grouping, citation_key, group_works

    grouping = _Grouping()
    notes = group_works(found, grouping)
    haar_fn9, bib9 = found.citations[0], found.bibliography[0][1]
    assert grouping.of_citation[citation_key(haar_fn9)] is grouping.of_citation[citation_key(bib9)]
    assert haar_fn9.resolution == "full" and bib9.resolved_by == "bibliography entry"
    # Schneider and Schneider's ‘Art. 51’ (bibliography [14]) is not the ‘Art. 52’ cited in footnote 9
    assert len(grouping.works) == 3
    assert notes == [
        "test.txt: bibliography [14]: ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendun’ "
        "is never cited in full in the footnotes"
    ]


def test_match_short_form_returns_the_work_and_the_rule(found):
    from kg.ingest.resolve import _Grouping, group_works, match_short_form

    grouping = _Grouping()
    group_works(found, grouping)
    in_fn9 = [c for c in found.citations if c.footnote == 9]
    haar_13 = next(c for c in found.citations if c.footnote == 13)
    m = match_short_form(haar_13, in_fn9, grouping.of_citation, same=False)
    assert m.work is grouping.works[0] and m.target is in_fn9[0]
    assert (m.rule, m.weak, m.candidates) == ("authors Haar, Siglmüller + title ‘Art. 51’", False, 2)
    # the same authors with a title no work in footnote 9 has: no work, and why
    miss = match_short_form(make_citation(short_title="Art. 99"), in_fn9, grouping.of_citation, same=False)
    assert miss.work is None and miss.rule.startswith("no work in footnote 9 fits ‘Haar and Siglmüller, ‘Art. 99’’")


def test_resolve_short_forms_resolves_and_warns(found):
    from kg.ingest.resolve import _Grouping, group_works, resolve_short_forms

    grouping = _Grouping()
    group_works(found, grouping)
    warnings: list = []
    unresolved = resolve_short_forms(found, grouping, warnings, [])
    haar_13 = next(c for c in found.citations if c.footnote == 13)
    assert haar_13.resolution == "short-form"
    assert (
        haar_13.resolved_by == "authors Haar, Siglmüller + title ‘Art. 51’ → the only fitting work of 2 in footnote 9"
    )
    # footnotes 6 and 11 are not in this excerpt
    assert [c.text for c in unresolved] == [
        "Hofmann-Coombe (n 6) paras 35–36",
        "Hilgendorf and Härtlein, ‘Art. 52’ (n 11) para 1",
    ]
    assert [str(w) for w in warnings] == [
        "test.txt: footnote 9: (n 6) points to no footnote",
        "test.txt: footnote 13: (n 11) points to no footnote",
    ]


def test_merge_persons_and_make_works(found):
    from kg.ingest.resolve import _Grouping, group_works, make_works, merge_persons, resolve_short_forms

    grouping = _Grouping()
    group_works(found, grouping)
    resolve_short_forms(found, grouping, [], [])
    persons, authors_of, editors_of = merge_persons(grouping.works, [])
    # `Tobias Haar` (footnote 9), `Haar T` (bibliography) and `Haar` (footnote 13) are one person
    assert persons["haar-tobias"].variants == {"Tobias Haar", "Haar T", "Haar"}
    assert authors_of[0] == ["haar-tobias", "siglmuller-jonas"] and editors_of[0] == ["schefzig-jens", "kilian-robert"]
    works, key_of = make_works(grouping.works, authors_of, editors_of)
    assert list(key_of.values()) == [
        "haar-siglmuller-2025-art-51",
        "schneider-schneider-2025-art-52",
        "schneider-schneider-2025-art-51",
    ]
    haar = works["haar-siglmuller-2025-art-51"]
    assert haar.in_bibliography and haar.cited_in == [9, 13] and haar.authors == ["haar-tobias", "siglmuller-jonas"]


# ---- ibid: the work of the citation just before it (OSCOLA), in the next chapters' footnotes ----------

IBID_FOOTNOTES = {
    1: "Giulia da Costa, ‘The Notification Procedure for Systemic-Risk Models’ (2025) 16 European Journal of Risk "
    "Regulation 455, 461.",
    2: "Ibid 462.",
    3: "Jean-Baptiste Le Moigne, ‘La procédure de désignation’ (2025) Revue trimestrielle de droit européen 77, 81; "
    "ibid 83.",
    4: "Ibid.",
    5: "da Costa (n 1) 470; Le Moigne (n 3) 90.",
    6: "ibid, para 14.",
}


def test_ibid_is_the_work_of_the_citation_just_before_it():
    r = find_and_resolve([make_commentary(IBID_FOOTNOTES)])
    fns = by_fn(r)
    da_costa, le_moigne = fns[1][0].work, fns[3][0].work
    assert da_costa and le_moigne and da_costa != le_moigne
    seen = [(fn, c.text, c.work, c.via_footnote, c.pinpoint) for fn in (2, 3, 4) for c in fns[fn] if c.short_form]
    assert seen == [
        (2, "Ibid 462", da_costa, 1, "462"),  # the footnote before
        (3, "ibid 83", le_moigne, 3, "83"),  # the citation before it in the same footnote
        (4, "Ibid.", le_moigne, 3, None),
    ]
    assert not r.warnings


def test_ibid_after_a_footnote_of_several_works_takes_the_last_and_says_so():
    r = find_and_resolve([make_commentary(IBID_FOOTNOTES)])
    (c,) = by_fn(r)[6]
    assert (c.work, c.via_footnote, c.pinpoint) == (by_fn(r)[3][0].work, 5, "para 14")
    assert any("footnote 6" in n and "last of the 2 works of fn 5" in n for n in r.notes)


def test_ibid_with_nothing_before_it_is_a_located_warning():
    r = find_and_resolve([make_commentary({1: "Ibid 4.", 2: "See AI Act, art 52(1)."})])
    (c,) = by_fn(r)[1]
    assert c.work is None and c.resolution == "unresolved"
    assert [(w.where, w.message) for w in r.warnings] == [
        ("footnote 1", "‘Ibid 4’ unresolved: ibid: no citation before it")
    ]


def test_a_journal_named_in_another_language_keeps_its_small_words():
    r = find_and_resolve([make_commentary(IBID_FOOTNOTES)])
    c = by_fn(r)[3][0]
    assert (c.pinpoint, r.works[c.work].container) == ("81", "Revue trimestrielle de droit européen")


def test_a_compound_family_name_is_learnt_from_the_short_form_and_the_bibliography():
    """`João Ferreira dos Santos` alone could be João Ferreira of the dos Santos family; the chapter's
    `Ferreira dos Santos (n 1)` and `Ferreira dos Santos J` say the family name has three words."""
    footnotes = {
        1: "João Ferreira dos Santos, ‘Evidence in AI Act Proceedings’ (2026) 2 Revista de Direito Europeu 88, 93.",
        2: "Ferreira dos Santos (n 1) 97.",
    }
    bib = {1: "Ferreira dos Santos J, ‘Evidence in AI Act Proceedings’ (2026) 2 Revista de Direito Europeu 88."}
    r = find_and_resolve([make_commentary(footnotes, bib)])
    (person,) = r.persons.values()
    assert (person.key, person.family, person.given) == ("ferreira-dos-santos-joao", "Ferreira dos Santos", "João")
    assert by_fn(r)[2][0].work == by_fn(r)[1][0].work and len(r.works) == 1 and not r.warnings


def test_without_such_evidence_a_particle_starts_the_family_name():
    r = find_and_resolve([make_commentary({1: "João Ferreira dos Santos, ‘Evidence’ (2026) 2 Revista 88, 93."})])
    (person,) = r.persons.values()
    assert (person.family, person.given) == ("dos Santos", "João Ferreira")


def test_a_compound_family_name_learnt_in_one_chapter_holds_in_another():
    """Chapter A writes only the full name; chapter B also its short form: one person in the graph."""
    a = make_commentary({1: "João Ferreira dos Santos, ‘Evidence’ (2026) 2 Revista 88, 93."}, document="a.txt")
    b = make_commentary(
        {1: "João Ferreira dos Santos, ‘Evidence’ (2026) 2 Revista 88, 93.", 2: "Ferreira dos Santos (n 1) 97."},
        document="b.txt",
    )
    r = find_and_resolve([a, b])
    assert [p.key for p in r.persons.values()] == ["ferreira-dos-santos-joao"]
