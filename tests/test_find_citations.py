"""`kg.find_citations` on real footnotes of the Article 51 commentary (copied verbatim from the page)."""

from __future__ import annotations

import pytest
from excerpts import (
    FN2,
    FN3,
    FN9,
    FN10,
    FN11,
    FN19,
    FN39,
    FN62_END,
    FN69,
    FN70,
    FN73,
    FN75_START,
    FN78,
    FN80,
    FN85,
    FN116,
    FN148,
    FN182,
    FN211,
    FN214,
    FN269,
    FN348,
    FN511,
    FN518,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.find_citations import (
    find_bibliography_citation,
    find_citations,
    parse_family_initials,
    parse_given_family,
    pinpoint_issue,
)

ALL = {
    2: FN2,
    3: FN3,
    9: FN9,
    10: FN10,
    11: FN11,
    19: FN19,
    39: FN39,
    62: FN62_END,
    69: FN69,
    70: FN70,
    73: FN73,
    75: FN75_START,
    78: FN78,
    80: FN80,
    85: FN85,
    116: FN116,
    148: FN148,
    182: FN182,
    211: FN211,
    214: FN214,
    269: FN269,
    348: FN348,
    511: FN511,
    518: FN518,
}


def cites(n):
    return find_citations(ALL[n], n)


# ---- signals ----------------------------------------------------------------------------------


def test_group_signal_applies_to_every_citation_after_the_colon():
    cs = cites(69)
    assert len(cs) == 7
    assert {c.signal for c in cs} == {"In favour of"}
    assert {c.signal_phrase for c in cs} == {
        "In favour of the requirement of a Commission decision for classification under article 51(1)(a)"
    }
    assert [c.signal_inherited for c in cs] == [False] + [True] * 6
    assert [c.pinpoint for c in cs] == ["paras 26–31", "para 12", "para 35", "para 3", "para 197", "632", "2–3"]
    assert [c.via_footnote for c in cs] == [9, 6, 6, 11, 2, 61, None]


def test_group_signals_in_favour_and_against():
    cs = cites(148)
    assert [c.signal for c in cs] == ["In favour of", "In favour of", "contra", "contra", "contra", "contra"]
    assert cs[0].signal_phrase is None and cs[0].pinpoint == "833, s 3.2"
    assert [c.pinpoint for c in cs[2:]] == ["para 25", "s 11 para 21", "para 192", "23"]


def test_signal_carries_through_a_string_until_the_next_signal():
    cs = cites(9)
    assert [c.signal for c in cs] == ["See", "see also", "see also"]
    assert [c.signal_inherited for c in cs] == [False, False, True]


def test_long_lead_in_is_kept_as_signal_phrase():
    wachter = cites(2)[3]
    assert wachter.signal == "See"
    assert wachter.signal_phrase == "for a critique of this tiered approach, see"
    schrems = cites(10)[0]
    assert schrems.signal_phrase == (
        "For the role of the wording of an article’s title in the interpretation of operative provisions, see"
    )


def test_however_see_inside_a_parenthesis_with_who_clause():
    [c] = cites(73)
    assert (c.signal, c.authors_text, c.via_footnote, c.pinpoint) == (
        "however, see",
        "Hofmann-Coombe",
        6,
        "paras 48, 51",
    )
    assert c.parenthetical == "who argues for a two-stage procedure in the context of Article 51(1)(b)"
    assert ALL[73][c.start : c.end] == "Hofmann-Coombe (n 6) paras 48, 51"


def test_parenthetical_arguing_that():
    c = cites(78)[1]
    assert c.signal == "see also" and c.short_title == "Art. 52" and c.via_footnote == 17
    assert c.parenthetical == (
        "arguing that a provider has a legitimate interest in obtaining clarity about the "
        "obligations to which it is subject"
    )
    c = cites(85)[1]
    assert c.parenthetical.startswith("arguing on the basis of article 52(3) that")
    assert cites(85)[0].signal is None


def test_unclear_and_seemingly_opposing_view():
    carey = cites(182)[2]
    assert carey.signal == "unclear" and carey.pinpoint == "9" and carey.doi == "10.1017/err.2025.10040"
    assert carey.parenthetical.startswith("‘It is unclear whether")
    haar = cites(511)[1]
    assert haar.signal == "seemingly opposing view"
    assert haar.signal_phrase == "Also see (seemingly opposing view)"


def test_for_example_signal_and_two_instruments_joined_by_and():
    a, b = cites(116)
    assert (a.kind, a.identifier, a.pinpoint, a.signal) == (
        "legislation",
        "Regulation (EU) No 909/2014",
        "art 76(5)",
        "for example",
    )
    assert a.parenthetical.startswith("‘The settlement discipline measures")
    assert (b.identifier, b.pinpoint, b.signal, b.signal_inherited) == (
        "Regulation (EU) 2015/2365",
        "art 33(2)(a)",
        "for example",
        True,
    )


# ---- kinds of works ---------------------------------------------------------------------------


def test_commentary_chapter_full_citation():
    c = cites(9)[0]
    assert c.kind == "chapter" and not c.short_form
    assert c.authors == [("Haar", "Tobias", "T"), ("Siglmüller", "Jonas", "J")]
    assert c.editors == [("Schefzig", "Jens", "J"), ("Kilian", "Robert", "R")]
    assert c.title.startswith("Art. 51 Einstufung")
    assert (c.container, c.edition, c.publisher, c.year, c.pinpoint) == (
        "Beck’scher Online-Kommentar KI-Recht",
        "4th edn",
        "C H Beck",
        "2025",
        "para 17",
    )
    assert c.parenthetical.startswith("who conclude that the relationship")


def test_chapter_pinpoint_with_section():
    bond, forster = cites(70)
    assert bond.pinpoint == "839–840, sec 1" and bond.title == "Article 52 Procedure"
    assert bond.signal == "In favour of"
    assert bond.signal_phrase == "In favour of automatic classification under Article 51(1)(a)"
    assert bond.container == "The EU Artificial Intelligence (AI) Act: A Commentary"
    assert (forster.signal, forster.authors_text, forster.via_footnote, forster.pinpoint) == (
        "see also",
        "Förster and Straburzynski",
        39,
        "para 66",
    )


def test_journal_articles_first_page_is_not_the_pinpoint():
    novelli = cites(2)[0]
    assert (novelli.kind, novelli.volume, novelli.container, novelli.first_page, novelli.pinpoint) == (
        "article",
        "16",
        "European Journal of Risk Regulation",
        "566",
        "572",
    )
    bomhard = cites(2)[1]
    assert (bomhard.first_page, bomhard.pinpoint) == ("45", "para 29")
    novelli2 = cites(69)[6]
    assert (novelli2.volume, novelli2.year, novelli2.first_page, novelli2.pinpoint) == ("55", "2024", "106066", "2–3")
    wachter = cites(2)[3]
    assert (wachter.volume, wachter.container, wachter.year, wachter.first_page, wachter.pinpoint) == (
        "26",
        "Yale Journal of Law & Technology",
        "2024",
        "671",
        "697",
    )


def test_court_cases_keep_case_number_and_ecli():
    schrems, papasavvas = cites(10)
    assert schrems.kind == "case" and schrems.case_number == "C-311/18"
    assert schrems.ecli == "ECLI:EU:C:2020:559"
    assert schrems.identifier == "Case C-311/18, ECLI:EU:C:2020:559"
    assert schrems.defined_name == "Schrems II" and schrems.pinpoint == "para 92"
    assert papasavvas.parenthetical == "with regard to a section title"
    sprengen = cites(11)[-1]
    assert sprengen.identifier == "Case C-97/15, ECLI:EU:C:2016:556" and sprengen.pinpoint == "para 31"
    assert sprengen.parenthetical == "and the case law cited therein"
    assert sprengen.title == "Sprengen/Pakweg Douane BV v Staatssecretaris van Financiën"


def test_case_short_forms_inside_prose_parenthesis():
    cs = cites(11)
    schrems, papasavvas = cs[3], cs[4]
    assert (schrems.authors_text, schrems.via_footnote, schrems.pinpoint, schrems.signal) == (
        "Schrems II",
        10,
        "para 92",
        None,
    )
    assert (papasavvas.signal, papasavvas.parenthetical) == ("see also", "with regard to a section’s title")


def test_joined_cases_in_ecr():
    [c] = cites(62)
    assert c.case_number == "T-74, 76, 83-85, 132, 137 and 141/00"
    assert c.organisation == "Court of First Instance" and c.container == "ECR II-4945"
    assert c.pinpoint == "paras 184–185"


def test_short_form_case_and_full_case_joined_by_and():
    rw, cristal, lenaerts = cites(211)
    assert (rw.authors_text, rw.via_footnote, rw.pinpoint) == ("RW v Österreichische Post AG", 159, "para 29")
    assert cristal.case_number == "C-31/17" and cristal.signal_inherited
    assert (lenaerts.first_page, lenaerts.pinpoint) == ("3", "17–21")
    assert lenaerts.authors[1] == ("Gutiérrez-Fons", "José A.", "J A")


def test_jrc_report():
    erben = cites(80)[1]
    assert erben.kind == "report" and erben.identifier == "JRC143255"
    assert erben.publisher == "Publications Office of the European Union"
    assert erben.organisation == "Joint Research Centre"
    assert erben.url == "https://publications.jrc.ec.europa.eu/repository/handle/JRC143255"
    assert erben.pinpoint == "30–32" and erben.others and erben.authors == [("Erben", "Alexander", "A")]


def test_web_sources():
    [cottier] = cites(19)
    assert cottier.kind == "web" and cottier.signal == "See" and cottier.accessed == "7 January 2026"
    assert cottier.url == "https://epoch.ai/blog/model-counts-compute-thresholds#results"
    sevilla = cites(80)[2]
    assert sevilla.kind == "web" and sevilla.pinpoint is None
    database, tracker = cites(269)
    assert database.title == "AI Incident Database" and database.authors_text is None
    assert tracker.authors_text == "MIT" and tracker.organisation == "MIT AI Risk Initiative"
    assert database.signal == tracker.signal == "for example"


def test_commission_guidelines_and_stray_parenthesis():
    cs = cites(39)
    g = cs[0]
    assert g.kind == "guidelines" and g.identifier == "C(2025) 5045 final"
    assert g.defined_name == "Commission Guidelines" and g.pinpoint == "paras 26–27"
    assert g.title.startswith("Annex to the Communication to the Commission") and g.title.endswith("(AI Act)")
    assert g.organisation == "European Commission"
    qa = cs[1]
    assert qa.authors_text == "European Commission"
    assert qa.short_title == "General-Purpose AI Models in the AI Act – Questions & Answers"
    engel = cs[-1]  # after the page's stray `)`
    assert engel.authors_text == "Andreas Engel" and engel.signal == "see also" and engel.pinpoint == "23"
    assert len(cs) == 8


def test_legislation_cited_in_full():
    dma, dsa, haar = cites(75)
    assert (dma.kind, dma.identifier, dma.defined_name, dma.pinpoint, dma.container) == (
        "legislation",
        "Regulation (EU) 2022/1925",
        "DMA",
        "art 3(1)",
        "OJ L 265/1",
    )
    assert (dsa.identifier, dsa.pinpoint, dsa.signal, dsa.signal_inherited) == (
        "Regulation (EU) 2022/2065",
        "art 33(4)",
        "See",
        True,
    )
    assert haar.signal is None and haar.parenthetical.startswith("argue that the legislative process")


def test_foreign_legislation():
    bill, order = cites(348)
    assert bill.identifier == "California Senate Bill No. 53" and bill.pinpoint == "Sec 22757.11(i)"
    assert order.identifier == "U.S. Executive Order 14110" and order.container == "88 F.R. 75191"
    assert order.signal == "See" and order.signal_inherited


def test_short_forms_of_legislation():
    a, b = cites(518)
    assert (a.authors_text, a.via_footnote, a.pinpoint) == ("Regulation (EU) No 909/2014", 116, "art 76(5)")
    assert (b.authors_text, b.pinpoint) == ("Regulation (EU) 2015/2365", "art 33(2)(a)")


def test_back_reference_in_the_same_footnote():
    full, back = cites(214)
    assert full.kind == "report" and full.identifier == "DSIT 2025/001" and full.pinpoint == "224"
    assert back.short_form and back.via_footnote == 214
    assert back.authors_text == "Bengio and others"
    assert back.pinpoint == "17, 24, 27, 48, 51–52, 57, 58, 111, 159"


def test_ai_act_and_internal_references_are_not_work_citations():
    assert cites(3) == []
    assert find_citations("See Section 2.1.1.", 28) == []
    assert find_citations("See commentary on Article 52, Section 2.2.3.1. in this work.", 87) == []
    assert find_citations("See AI Act, art 55(1); see also AI Act, recital 97, thirteenth sentence.", 285) == []


# ---- offsets, pinpoints, names ----------------------------------------------------------------


@pytest.mark.parametrize("n", sorted(ALL))
def test_offsets_and_text(n):
    for i, c in enumerate(cites(n), 1):
        assert c.index == i
        assert 0 <= c.start < c.end <= len(ALL[n])
        assert ALL[n][c.start : c.end] == c.text


def test_every_citation_in_the_real_commentary_points_into_its_footnote(commentary):
    total = 0
    for fn in commentary.footnotes:
        for c in find_citations(fn.text, fn.number):
            total += 1
            assert fn.text[c.start : c.end] == c.text
            assert c.short_form or c.kind in {
                "chapter",
                "article",
                "report",
                "book",
                "guidelines",
                "code",
                "case",
                "web",
                "legislation",
            }
    assert total == 509


def test_pinpoint_sanity():
    assert pinpoint_issue("para 59–60") == "singular ‘para’ with a range"
    assert pinpoint_issue("paras 34") == "plural ‘paras’ with one number"
    assert pinpoint_issue("paras 26–31") is None and pinpoint_issue("839–840, sec 1") is None


def test_name_orders():
    assert parse_given_family("Thomas Rainer Schmitt") == ("Schmitt", "Thomas Rainer", "T R")
    assert parse_family_initials("Förster Chr") == ("Förster", None, "Chr")
    assert parse_family_initials("Fernández Llorca D") == ("Fernández Llorca", None, "D")
    assert parse_family_initials("Yang-Jacobi A M") == ("Yang-Jacobi", None, "A M")
    assert parse_family_initials("Ho A") == ("Ho", None, "A")


def test_bibliography_entries():
    erben = find_bibliography_citation(
        "Erben A, Negele M, Heim L and Sevilla J, Training Compute Thresholds – Key Considerations for the EU AI Act, "
        "Fernández Llorca D, Gómez E (eds), (Publications Office of the European Union, JRC143255, 2025).",
        7,
    )
    assert erben.authors == [("Erben", None, "A"), ("Negele", None, "M"), ("Heim", None, "L"), ("Sevilla", None, "J")]
    assert erben.editors == [("Fernández Llorca", None, "D"), ("Gómez", None, "E")]
    assert (erben.kind, erben.identifier, erben.year) == ("report", "JRC143255", "2025")
    assert erben.title == "Training Compute Thresholds – Key Considerations for the EU AI Act"
    schobel = find_bibliography_citation(
        "Schöbel Ph, Yang-Jacobi A M, ‘Systemische Risiken im Zeitalter generativer KI’ (2025) Recht Digital 627.", 15
    )
    assert schobel.authors == [("Schöbel", None, "Ph"), ("Yang-Jacobi", None, "A M")]
    assert (schobel.kind, schobel.container, schobel.first_page) == ("article", "Recht Digital", "627")
    forster = find_bibliography_citation(
        "Förster Chr, Straburzynski J, ‘§ 1 Grundlegende Begriffe und Konzepte der KI-VO’ in Christian Förster (ed), "
        "Die KI-Verordnung in der Praxis: Rechtliche Grundlagen und Pflichten bei der Anwendung von Kl im "
        "Unternehmen (C H Beck 2025).",
        8,
    )
    assert forster.authors[0] == ("Förster", None, "Chr") and forster.editors == [("Förster", "Christian", "C")]


# ---- never raises -----------------------------------------------------------------------------

_CHARS = st.sampled_from(
    list("abcXYZ 0123456789.,;:()[]<>‘’“”–-/&")
    + [
        "(n 9)",
        "See ",
        "see also ",
        "‘Art. 51’",
        " in ",
        " (eds) ",
        "Case C-1/11 ",
        "[2020] ",
        "ECLI:EU:C:2020:1",
        " OJ L 1/1",
        " para 3",
        "<https://x.eu>",
        " accessed 7 January 2026",
        "In favour of X: ",
        "C(2025) 1 final",
    ]
)


def _check(text: str) -> None:
    for c in find_citations(text, 1):
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start : c.end] == c.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_never_raises_on_arbitrary_text(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CHARS, max_size=80).map("".join))
def test_never_raises_on_citation_like_text(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(ALL)), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 6), _CHARS), max_size=8))
def test_never_raises_on_mutated_real_footnotes(n, edits):
    text = ALL[n]
    for pos, cut, insert in edits:
        p = pos % (len(text) + 1)
        text = text[:p] + insert + text[p + cut :]
    _check(text)


def test_a_footnote_that_trips_the_citation_finder_is_a_located_warning(commentary, monkeypatch):
    """An unforeseen failure on one footnote leaves that footnote's citations out, with a warning
    naming the footnote; every other footnote is read as before."""
    import kg.ingest.find_citations as finder

    real = finder.find_citations

    def fails_on_69(text, number):
        if number == 69:
            raise ValueError("unforeseen")
        return real(text, number)

    monkeypatch.setattr(finder, "find_citations", fails_on_69)
    found = finder.find_in_commentary(commentary)
    assert not [c for c in found.citations if c.footnote == 69]
    assert [c for c in found.citations if c.footnote == 70]
    assert any(
        w.where == "footnote 69" and "could not be read (ValueError: unforeseen)" in w.message for w in found.warnings
    )
