"""Real excerpts of the Article 51 commentary (sources/commentary/002_b07c53fab08c7372.txt),
copied verbatim from the page: footnotes `FN<n>` (a part of one: `FN62_END`, `FN75_START`) and
select-bibliography entries `BIB<n>`. Tests import them from here; no test module imports another.
"""

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

# ---- footnotes and bibliography entries the resolver tests use ----------------------------------

FN4 = (
    "See AI Act, art 55(1); further, see Adrian Schneider and Leonie Schneider, ‘Art. 51 Einstufung von "
    "KI-Modellen mit allgemeinem Verwendungszweck als KI-Modelle mit allgemeinem Verwendungszweck mit systemischem "
    "Risiko’ in David Bomhard, Fritz-Ulli Pieper and Susanne Wende (eds), Kommentar KI-VO: Verordnung über "
    "Künstliche Intelligenz (Fachmedien Recht und Wirtschaft 2025) para 1; Gregory Smith and others, "
    "‘General-Purpose Artificial Intelligence (GPAI) Models and GPAI Models with Systemic Risk: Classification and "
    "Requirements for Providers’ (RAND, 2024) <https://www.rand.org/pubs/research_reports/RRA3243-1.html>; "
    "Martini (n 2) para 190; European Commission, ‘ General-Purpose AI Models in the AI Act – Questions & "
    "Answers’ <https://digital-strategy.ec.europa.eu/en/faqs/general-purpose-ai-models-ai-act-questions-answers> "
    "accessed 7 January 2026."
)
FN6 = (
    "Clemens Bernsteiner and Thomas Rainer Schmitt, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem "
    "Verwendungszweck als KI-Modelle mit allgemeinem Verwendungszweck mit systemischem Risiko’ in Mario Martini "
    "and Christiane Wendehorst (eds), KI-VO: Verordnung über Künstliche Intelligenz: Kommentar (2nd edn, C H Beck "
    "2026) para 5; Jason Hofmann-Coombe, ‘§ 7. KI-Modelle mit allgemeinem Verwendungszweck’ in Eric Hilgendorf "
    "and David Roth-Isigkeit (eds), Die neue Verordnung der EU zur Künstlichen Intelligenz (2nd edn, C H Beck "
    "2025) para 9. See article 3(66) which defines a GPAI system as ‘an AI system which is based on a "
    "general-purpose AI model and which has the capability to serve a variety of purposes, both for direct use as "
    "well as for integration in other AI systems’."
)
FN13 = "See Haar and Siglmüller, ‘Art. 51’ (n 9) paras 17–22; Hilgendorf and Härtlein, ‘Art. 52’ (n 11) para 1."
FN24 = (
    "Haar and Siglmüller, ‘Art. 51’ (n 9) para 5; Tobias Haar and Jonas Siglmüller, ‘Art. 52 Verfahren’ in Jens "
    "Schefzig and Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025) para 2."
)
FN68 = (
    "Opposing view: Theodoros Karathanis, ‘Fitting “ Systemic Risks” into a Taxonomy in the GPAI Code of "
    "Practice: Will the Resulting Ambiguity be Exploited by GPAI Model Providers?’ (2025) 28 Journal of Internet "
    "Law 6, 11."
)
FN287 = (
    "See Hofmann-Coombe (n 6) para 49; Schneider and Schneider, ‘Art. 51’ (n 4) para 15; Bernsteiner and "
    "Schmitt, ‘Art. 51’ (n 6) para 27; Haar and Siglmüller, ‘Art. 51’ (n 9) para 60; Lukas Feiler, Nikolaus "
    "Forgó and Michaela Nebel, ‘Article 51’ in The EU AI Act: A Commentary (Globe Law and Business 2025) para 8."
)
BIB9 = (
    "Haar T and Siglmüller J, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendungszweck als KI-Modelle "
    "mit allgemeinem Verwendungszweck mit systemischem Risiko’ in Jens Schefzig and Robert Kilian (eds), "
    "Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025)."
)
BIB14 = (
    "Schneider A and Schneider L, ‘Art. 51 Einstufung von KI-Modellen mit allgemeinem Verwendungszweck als "
    "KI-Modelle mit allgemeinem Verwendungszweck mit systemischem Risiko’ in David Bomhard, Fritz-Ulli Pieper and "
    "Susanne Wende (eds), Kommentar KI-VO: Verordnung über Künstliche Intelligenz (Fachmedien Recht und "
    "Wirtschaft 2025)."
)
BIB7 = (
    "Erben A, Negele M, Heim L and Sevilla J, Training Compute Thresholds – Key Considerations for the EU AI Act, "
    "Fernández Llorca D, Gómez E (eds), (Publications Office of the European Union, JRC143255, 2025)."
)
