"""`kg.find_citations` on real footnotes of the Article 51 commentary (copied verbatim from the page)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.find_citations import (
    find_bibliography_citation,
    find_citations,
    parse_family_initials,
    parse_given_family,
    pinpoint_issue,
)

FN2 = (
    "See Claudio Novelli and others, ‘A Robust Governance for the AI Act: AI Office, AI Board, Scientific Panel, "
    "and National Authorities’ (2025) 16 European Journal of Risk Regulation 566, 572; David Bomhard and Jonas "
    "Siglmüller, ‘AI Act – das Trilogergebnis’ (2024) Recht Digital 45, para 29; Mario Martini, ‘§ 3. "
    "Risikobasierter Ansatz’ in Eric Hilgendorf and David Roth-Isigkeit (eds), Die neue Verordnung der EU zur "
    "Künstlichen Intelligenz (2nd edn, C H Beck 2025) para 190; for a critique of this tiered approach, see Sandra "
    "Wachter, ‘Limitations and Loopholes in the EU AI Act and AI Liability Directives: What This Means for the "
    "European Union, the United States, and Beyond’ 26 Yale Journal of Law & Technology 3 (2024) 671, 697."
)
FN3 = (
    "See AI Act, art 53(1). However, article 53(2) provides a partial exception for providers of certain free and "
    "open-source models (see commentary on Article 53, paras 110–114 in this work)."
)
FN9 = (
    "See Tobias Haar and Jonas Siglmüller, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendungszweck "
    "als KI-Modelle mit allgemeinem Verwendungszweck mit systemischem Risiko’ in Jens Schefzig and Robert Kilian "
    "(eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025) para 17 who conclude that the "
    "relationship between Article 51 and 52 and the significance of Article 52 remains largely unclear; see also "
    "Hofmann-Coombe (n 6) paras 35–36; Adrian Schneider and Leonie Schneider, ‘Art. 52 Verfahren’ in David "
    "Bomhard, Fritz-Ulli Pieper and Susanne Wende (eds), Kommentar KI-VO: Verordnung über Künstliche Intelligenz "
    "(Fachmedien Recht und Wirtschaft 2025) para 13."
)
FN10 = (
    "For the role of the wording of an article’s title in the interpretation of operative provisions, see Case "
    "C-311/18 Data Protection Commissioner v Facebook Ireland Limited and Maximillian Schrems [2020] "
    "ECLI:EU:C:2020:559 (“Schrems II”) para 92; see also Case C-291/13 Sotiris Papasavvas v O Fileleftheros "
    "Dimosia Etaireia Ltd and Others [2014] ECLI:EU:C:2014:2209 (“Papasavvas”) para 39 with regard to a section "
    "title."
)
FN11 = (
    "See Martini (n 2) para 196; Eric Hilgendorf and Johannes Härtlein, ‘Art. 52 Verfahren’ in Eric Hilgendorf "
    "and Johannes Härtlein (eds.), KI-VO: Verordnung über künstliche Intelligenz (Nomos 2025) para 1; Lukas "
    "Feiler, Nikolaus Forgó and Michaela Nebel, ‘Article 52’ in The EU AI Act: A Commentary (Globe Law and "
    "Business 2025) para 1. The wording of an article’s title plays a role in the interpretation of operative "
    "provisions (Schrems II (n 10) para 92; see also Papasavvas (n 10) para 39 with regard to a section’s title), "
    "as long as the title is not provided for ease of reference only (Case C-97/15 Sprengen/Pakweg Douane BV v "
    "Staatssecretaris van Financiën [2016] ECLI:EU:C:2016:556 para 31 and the case law cited therein)."
)
FN19 = (
    "It has been estimated that at the start of 2024 only four models existed that surpass this threshold, and at "
    "the start of 2025 seventeen models (see Ben Cottier and David Owen, ‘How Many AI Models Will Exceed Compute "
    "Thresholds?’ (2025) <https://epoch.ai/blog/model-counts-compute-thresholds#results> accessed 7 January "
    "2026)."
)
FN39 = (
    "Annex to the Communication to the Commission – Approval of the content of the draft Communication from the "
    "Commission – Guidelines on the scope of the obligations for general-purpose AI models established by "
    "Regulation (EU) 2024/1689 (AI Act)’ C(2025) 5045 final (“Commission Guidelines”) paras 26–27; European "
    "Commission, ‘ General-Purpose AI Models in the AI Act – Questions & Answers’ (n 4); Moritz Hecht, "
    "‘Regulierung von GPAI-Modellen durch die KI-Verordnung’ (2025) Künstliche Intelligenz und Recht 30, 33; "
    "Smith and others (n 4); Christian Förster and Julia Straburzynski, ‘§ 1 Grundlegende Begriffe und Konzepte "
    "der KI-VO’ in Christian Förster (ed), Die KI-Verordnung in der Praxis: Rechtliche Grundlagen und Pflichten "
    "bei der Anwendung von Kl im Unternehmen (C H Beck 2025) para 66. The view that both conditions under "
    "Article 51 come with the same substantive requirements for classification (see Bernsteiner and Schmitt, "
    "‘Art. 51’ (n 6) para 25); see also Martini (n 2) para 192; Andreas Engel, ‘Generative KI, Foundation Models "
    "und KI-Modelle mit allgemeinem Verwendungszweck in der KI-VO: Passende Mosaiksteine?’ (2024) Künstliche "
    "Intelligenz und Recht 21, 23) fails to recognise the legislative decision to establish two alternative "
    "classification conditions (see AI Act, art 51(1): ‘if it meets any of the following conditions’) and is "
    "incompatible with the wording of the provision as discussed below (see Section 2.1.2.1.1.)."
)
FN62_END = (
    "A rather overinclusive approach to systemic risk classification aligns with the precautionary principle "
    "as a general principle of EU law that ‘implies that where there is uncertainty as to the existence or "
    "extent of risks to human health, the institutions may take precautionary measures without having to "
    "wait until the reality and seriousness of those risks becomes fully apparent’ (Cases T-74, 76, 83-85, "
    "132, 137 and 141/00 Artegodan GmbH and Others v Commission of the European Communities [2002] ECR "
    "II-4945 paras 184–185)."
)
FN69 = (
    "In favour of the requirement of a Commission decision for classification under article 51(1)(a): Haar and "
    "Siglmüller, ‘Art. 51’ (n 9) paras 26–31; Bernsteiner and Schmitt, ‘Art. 51’ (n 6) para 12; Hofmann-Coombe "
    "(n 6) para 35; Hilgendorf and Härtlein, ‘Art. 52’ (n 11) para 3; Martini (n 2) para 197; Schöbel and "
    "Yang-Jacobi (n 61) 632; Claudio Novelli and others, ‘Generative AI in EU Law: Liability, Privacy, "
    "Intellectual Property, and Cybersecurity’, 55 Computer Law & Security Review (2024) 106066, 2–3."
)
FN70 = (
    "In favour of automatic classification under Article 51(1)(a): Toby Bond and Shima Abbady, ‘Article 52 "
    "Procedure’ in Ceyhun Necati Pehlivan, Nikolaus Forgó and Peggy Valcke (eds), The EU Artificial Intelligence "
    "(AI) Act: A Commentary (Wolters Kluwer 2024) 839–840, sec 1; see also Förster and Straburzynski (n 39) "
    "para 66."
)
FN73 = (
    "Further, an interpretation of ‘shall be classified’ as requiring a Commission decision would arguably imply "
    "that classification under Article 51(1)(b) requires two Commission decisions – as the requirement of a "
    "Commission decision is already mentioned in Article 51(1)(b) itself – which does not appear close at hand "
    "(however, see Hofmann-Coombe (n 6) paras 48, 51 who argues for a two-stage procedure in the context of "
    "Article 51(1)(b))."
)
FN75_START = (
    "See Regulation (EU) 2022/1925 of the European Parliament and of the Council of 14 September 2022 on "
    "contestable and fair markets in the digital sector and amending Directives (EU) 2019/1937 and (EU) "
    "2020/1828 (Digital Markets Act) [2022] OJ L 265/1 (“DMA”), art 3(1), and Regulation (EU) 2022/2065 "
    "of the European Parliament and of the Council of 19 October 2022 on a Single Market For Digital "
    "Services and amending Directive 2000/31/EC (Digital Services Act) [2022] OJ L 277/1 (“DSA”), art "
    "33(4). Haar and Siglmüller, ‘Art. 51’ (n 9) para 28 argue that the legislative process leading up to "
    "the AI Act reflected agreement to design the rules for classification of GPAI models as presenting "
    "systemic risk parallel to the designation procedure established under Articles 33 DSA."
)
FN78 = (
    "Haar and Siglmüller, ‘Art. 51’ (n 9) para 27; see also Bernsteiner and Schmitt, ‘Art. 52’ (n 17) para 12 "
    "(arguing that a provider has a legitimate interest in obtaining clarity about the obligations to which it "
    "is subject)."
)
FN80 = (
    "See Commission Guidelines (n 39) paras 123–133; Alexander Erben and others, ‘Training Compute Thresholds – "
    "Key Considerations for the EU AI Act’ (Publications Office of the European Union, JRC143255, 2025) "
    "<https://publications.jrc.ec.europa.eu/repository/handle/JRC143255> 30–32; Jaime Sevilla and others, "
    "‘Estimating Training Compute of Deep Learning Models’ (2022) <https://epoch.ai/blog/estimating-training-"
    "compute> accessed 7 January 2026."
)
FN85 = (
    "Haar and Siglmüller, ‘Art. 51’ (n 9) para 28; see also Hilgendorf and Härtlein, ‘Art. 52’ (n 11) para 4 "
    "(arguing on the basis of article 52(3) that, in case of a reasoned challenge to classification under "
    "article 52(2), the Commission does not grant an exemption from classification but merely refrains from "
    "classifying the model)."
)
FN116 = (
    "See, for example, Regulation (EU) No 909/2014 of the European Parliament and of the Council of 23 July 2014 "
    "on improving securities settlement in the European Union and on central securities depositories and "
    "amending Directives 98/26/EC and 2014/65/EU and Regulation (EU) No 236/2012 [2014] OJ L 257/1, art 76(5) "
    "(‘The settlement discipline measures referred to in Article 7(1) to (13) and the amendment laid down in "
    "Article 72 shall apply from the date of entry into force of the delegated act adopted by the Commission "
    "pursuant to Article 7(15).’) and Regulation (EU) 2015/2365 of the European Parliament and of the Council "
    "of 25 November 2015 on transparency of securities financing transactions and of reuse and amending "
    "Regulation (EU) No 648/2012 [2015] OJ L 337/1, art 33(2)(a) (‘Article 4(1) […] shall apply: (i) 12 months "
    "after the date of entry into force of the delegated act adopted by the Commission pursuant to Article 4(9) "
    "[…]’)."
)
FN148 = (
    "In favour: Bond and Abbady, ‘Art. 51’ (n 138) 833, s 3.2; Hofmann-Coombe (n 6) para 48; against: "
    "Bernsteiner and Schmitt, ‘Art. 51’ (n 6) para 25; Wendt and Wendt (n 123) s 11 para 21; Martini (n 2) para "
    "192; Engel (n 39) 23."
)
FN182 = (
    "See Schneider and Schneider, ‘Art. 51’ (n 4) para 16 who argues that annex XIII offers the Commission a "
    "wide margin of discretion and that, while its criteria need to be taken into account, none of them "
    "necessarily qualifies or disqualifies a model; see also Bernsteiner and Schmitt, ‘Art. 51’ (n 6) para 27; "
    "unclear: Samuel Carey, ‘Regulating Uncertainty: Governing General-Purpose AI Models and Systemic Risk’, "
    "(2025) European Journal of Risk Regulation <https://doi.org/10.1017/err.2025.10040>, 9 (‘It is unclear "
    "whether these benchmarks and indicators are to be interpreted exhaustively or selectively, and if "
    "selectively, it does not provide any instruction as to how each indicator should be weighed against the "
    "other.’)"
)
FN211 = (
    "For article 51(1)(b)’s complementary purpose see Section 2.1.2. Moreover, it is a general principle of EU "
    "law interpretation that a provision should not be interpreted in a manner that renders it redundant (see "
    "Cases RW v Österreichische Post AG (n 159) para 29 and C-31/17 Cristal Union, the legal successor to "
    "Sucrerie de Toury SA v Ministre de l’Économie et des Finances [2018] ECLI:EU:C:2018:168 para 41; Koen "
    "Lenaerts and José A. Gutiérrez-Fons, ‘To Say What the Law of the EU Is: Methods of Interpretation and the "
    "European Court of Justice’ (2014) 20 Columbia Journal of European Law 3, 17–21)."
)
FN214 = (
    "See Yoshua Bengio and others, ‘International AI Safety Report’ (DSIT 2025/001, 2025) "
    "<https://internationalaisafetyreport.org/publication/international-ai-safety-report-2025> 224 which "
    "defines ‘[o]pen-ended domains’ as ‘[e]nvironments into which AI systems might be deployed which present a "
    "very large set of possible scenarios.’, (emphasis added). This definition encompasses domains such as "
    "science, software engineering, mathematics, health care, structural biology, planning, game-playing, "
    "natural language processing, computer vision, speech recognition and image classification – in line with "
    "the use of the term in Bengio and others 17, 24, 27, 48, 51–52, 57, 58, 111, 159."
)
FN269 = (
    "See, for example, ‘AI Incident Database’ <https://incidentdatabase.ai/> accessed 7 January 2026 and MIT’s "
    "‘AI Incident Tracker’ (MIT AI Risk Initiative) <https://airisk.mit.edu/ai-incident-tracker> accessed 7 "
    "January 2026."
)
FN348 = (
    "See California Senate Bill No. 53, Transparency in Frontier Artificial Intelligence Act, Sec 22757.11(i) "
    "[2025] and the rescinded U.S. Executive Order 14110 of October 2023 on Safe, Secure, and Trustworthy "
    "Development and Use of Artificial Intelligence, [2023] 88 F.R. 75191."
)
FN511 = (
    "See Bernsteiner and Schmitt, ‘Art. 51’ (n 6) paras 40–41 who derive from article 51(3) the Commission’s "
    "obligation for market observation and implementation of a continuous consultation procedure in order to "
    "be able to assess when it is necessary to adapt the criteria of article 51 and annex XIII; the AI Act "
    "further provides that the Commission ‘shall adopt delegated acts’ under articles 6(7), 43(6). Also see "
    "(seemingly opposing view) Haar and Siglmüller, ‘Art. 51’ (n 9) para 78 who describe the Commission as "
    "‘empowered’ (‘ermächtigt’) to adopt such acts."
)
FN518 = (
    "Examples where the legislature made the applicability of EU law provisions contingent upon the adoption of "
    "a delegated act include Regulation (EU) No 909/2014 (n 116), art 76(5) (‘The settlement discipline "
    "measures referred to in Article 7(1) to (13) and the amendment laid down in Article 72 shall apply from the "
    "date of entry into force of the delegated act adopted by the Commission pursuant to Article 7(15).’); "
    "Regulation (EU) 2015/2365 (n 116), art 33(2)(a) (‘Article 4(1) […] shall apply: (i) 12 months after the "
    "date of entry into force of the delegated act adopted by the Commission pursuant to Article 4(9) […]’)."
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
    naming the footnote; every other footnote is resolved as before."""
    import kg.ingest.resolve as resolve_module

    real = resolve_module.find_citations

    def fails_on_69(text, number):
        if number == 69:
            raise ValueError("unforeseen")
        return real(text, number)

    monkeypatch.setattr(resolve_module, "find_citations", fails_on_69)
    r = resolve_module.resolve([commentary])
    assert not [c for c in r.citations[commentary.document] if c.footnote == 69]
    assert [c for c in r.citations[commentary.document] if c.footnote == 70]
    assert any("footnote 69: could not be read (ValueError: unforeseen)" in w for w in r.warnings)
