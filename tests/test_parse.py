"""Parsing the commentary's structure from the real page and from chapter-shaped variants."""

import pytest
from factories import find_and_resolve, truncated_chapter
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.parse import SourceError, parse, parse_file


def test_counts(commentary):
    assert len(commentary.sections) == 49
    assert len(commentary.paragraphs) == 147
    assert len(commentary.footnotes) == 556
    assert len(commentary.bibliography) == 15
    assert commentary.warnings == []


def test_front_matter(commentary):
    assert commentary.author == "Gregor Gindlin"
    assert commentary.article == "51"
    assert commentary.date == "13 Mar 2026"
    assert commentary.url == "https://cambridge-commentary.ai/article-51/"


def test_section_tree(commentary):
    s = {x.number: x for x in commentary.sections}
    assert s["2.1.2.1.3.1."].parent == "2.1.2.1.3."
    assert s["2.1.2.1.3.1."].title.startswith("Sufficiency of a model’s domain-specific high-impact capabilities")
    assert s["2.1.1.1."].title == "Commission designation in the context of Article 51(1)(a)"
    assert s["1."].parent is None


def test_margin_paragraphs(commentary):
    p16 = commentary.paragraph(16)
    assert p16.section == "2.1.1.1."
    assert p16.text.startswith("Scholars are divided on whether the classification of GPAI models with high-impact")
    assert p16.footnotes == [69, 70, 71]
    assert commentary.paragraph(100).text.startswith("However, there are also good reasons")
    assert commentary.paragraph(104).text.startswith("(Knowledge) distillation")


def test_footnotes_on_their_paragraph(commentary):
    f69 = commentary.footnote(69)
    assert f69.paragraph == 16
    assert f69.text.startswith("In favour of the requirement of a Commission decision")
    p = commentary.paragraph(16)
    assert (
        p.text[f69.marker_offset - len("requires a Commission decision") : f69.marker_offset]
        == "requires a Commission decision"
    )
    # markers glued to digits: "FP32450).451" and "Recitals 163,25 17326 and 179.27"
    assert commentary.footnote(450).paragraph == 118
    p118 = commentary.paragraph(118)
    assert p118.text[commentary.footnote(450).marker_offset - 4 : commentary.footnote(450).marker_offset] == "FP32"
    assert commentary.footnote(26).paragraph == 4
    assert all(f.paragraph is not None for f in commentary.footnotes)


def test_provision_texts_on_the_page(commentary):
    p = {x.key: x.text for x in commentary.provisions}
    assert p["art_51__para_1__point_a"].startswith("it has high impact capabilities")
    assert p["art_51__para_2"].endswith("greater than 10^25.")
    assert p["anx_XIII__point_f"].startswith("whether it has a high impact on the internal market")
    assert p["rct_111"].startswith("It is appropriate to establish a methodology")


VARIANT = """Cambridge Commentary on EU General-Purpose AI Law

Commentary by Ada Lovelace

Select bibliography

  • Haar T and Siglmüller J, ‘Art. 52 Verfahren’ in Jens Schefzig and Robert Kilian (eds), Beck’scher Online-Kommentar KI-Recht (4th edn, C H Beck 2025).

Commentary

1. General remarks

1Article 52 AI Act1 sets out the procedure.2 It refers to Article 51.

2. Substance

2.2. Out of order

2Scholars are divided.3

  1. See Haar and Siglmüller, ‘Art. 52’ para 3. ↩︎
  2. See AI Act, art 52(1). ↩︎
  3. Ibid. ↩︎
  4. Never referenced. ↩︎
Contents
Gregor Gindlin, 'Article 52: Procedure' (Cambridge Commentary on EU General-Purpose AI Law, 1 Apr 2026) <https://cambridge-commentary.ai/article-52/>
"""


def test_variant_chapter_with_warnings():
    c = parse(VARIANT, "variant.txt")
    assert [p.number for p in c.paragraphs] == [1, 2]
    assert [f.paragraph for f in c.footnotes] == [1, 1, 2, None]
    assert c.article == "52"
    msgs = [str(w) for w in c.warnings]
    assert any("heading 2.2. out of sequence" in m for m in msgs)
    assert any("footnote 4" in m and "never referenced" in m for m in msgs)


def test_marker_without_footnote_warns():
    text = VARIANT.replace("  3. Ibid. ↩︎\n", "")
    c = parse(text, "variant.txt")
    assert any("marker 3 has no footnote" in str(w) or "footnote 3" in str(w) for w in c.warnings)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SourceError, match="missing.txt: file not found"):
        parse_file(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(SourceError, match="not UTF-8"):
        parse_file(bad)


def test_not_a_commentary():
    with pytest.raises(SourceError, match="no 'Commentary' line"):
        parse("just some text\n", "x.txt")


def test_a_line_starting_with_0_is_not_margin_paragraph_0():
    """Found by the mutation test below: a body line garbled to start `0:` was read as paragraph 0."""
    lines = VARIANT.splitlines(keepends=True)
    lines[9] = "0:" + lines[9]
    c = parse("".join(lines), "mutated.txt")
    assert all(p.number > 0 for p in c.paragraphs)
    assert any("text outside any margin paragraph ignored: '0:" in str(w) for w in c.warnings)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_parse_mutated_variant_never_crashes(data):
    lines = VARIANT.splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1))
    op = data.draw(st.sampled_from(["drop", "dup", "garble", "swap"]))
    if op == "drop":
        del lines[i]
    elif op == "dup":
        lines.insert(i, lines[i])
    elif op == "garble":
        lines[i] = data.draw(st.text(max_size=40)) + lines[i][data.draw(st.integers(0, len(lines[i]))) :]
    else:
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    try:
        c = parse("".join(lines), "mutated.txt")
    except SourceError:
        return
    assert all(p.number > 0 for p in c.paragraphs)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_parse_real_page_with_a_paragraph_removed(raw, data):
    """Drop a margin paragraph from the real page: the rest still parses, with a warning."""
    import re

    n = data.draw(st.integers(2, 146))
    m = re.search(rf"\n{n}(?=\D)[^\n]*\n", raw)
    c = parse(raw[: m.start()] + "\n" + raw[m.end() :], "mutated.txt")
    assert len(c.paragraphs) == 146
    assert c.warnings


def test_a_shorter_chapter_of_the_same_format(raw):
    """Other chapters come in the same format with other counts: nothing is tuned to 147/556/49/15."""
    text, last_fn = truncated_chapter(raw, 22, 7)
    c = parse(text, "shorter.txt")
    assert (len(c.paragraphs), len(c.footnotes), len(c.bibliography)) == (22, last_fn, 7) == (22, 90, 7)
    assert [s.number for s in c.sections] == ["1.", "1.1.", "1.2.", "2.", "2.1.", "2.1.1.", "2.1.1.1.", "2.1.1.2."]
    assert c.footnote(69).paragraph == 16 and c.footnote(90).paragraph == 22
    assert c.warnings == []
    r = find_and_resolve([c])
    assert r.unresolved == []
    assert sum(w.in_bibliography for w in r.works.values()) == 7


# ---- the provision zone: numbered lines that are not points (issue 14) ---------------------------


def _insert_after(raw: str, anchor: str, line: str) -> str:
    at = raw.index("\n", raw.index(anchor)) + 1
    return raw[:at] + line + "\n" + raw[at:]


@pytest.mark.parametrize("number", [27, 99, 0])
def test_stray_numbered_line_among_article_points_is_a_located_warning(raw, number):
    """A stray `    27. …` among Article 51's points (a) and (b) crashed the parser (LETTERS[26]);
    it is a warning naming the line, and the real points are kept."""
    page = _insert_after(raw, "    2. based on a decision of the Commission", f"    {number}. a stray line")
    c = parse(page, "stray.txt")
    keys = {p.key for p in c.provisions}
    assert {"art_51__para_1__point_a", "art_51__para_1__point_b"} <= keys
    assert not any(k.startswith("art_51__para_1__point_") and k[-1] not in "ab" for k in keys)
    stray = [w for w in c.warnings if "not a point (a)-(z)" in w.message]
    assert len(stray) == 1 and stray[0].where.startswith("line ") and f"numbered line {number}" in stray[0].message


def test_stray_numbered_line_in_the_annex_is_a_located_warning(raw):
    page = _insert_after(raw, "Annex XIII: Criteria", "  27. a stray criterion")
    c = parse(page, "stray.txt")
    assert not any(p.key.startswith("anx_XIII__point_") and p.key[-1] not in "abcdefg" for p in c.provisions)
    assert any("under anx_XIII" in w.message and w.where.startswith("line ") for w in c.warnings)


def test_a_zone_that_trips_the_parser_is_a_located_warning_not_a_crash(raw, monkeypatch):
    """Whatever unforeseen damage makes a zone's reader fail, the page is still parsed: the zone is
    left out with a warning naming it and the error (here the bibliography reader is made to fail
    as the provision reader once did, with an IndexError)."""
    import kg.ingest.parse as parse_module

    def broken(lines, span):
        return [][0]

    monkeypatch.setattr(parse_module, "_bibliography", broken)
    c = parse(raw, "damaged.txt")
    assert c.bibliography == [] and len(c.paragraphs) == 147 and len(c.footnotes) == 556
    (w,) = [w for w in c.warnings if w.where == "bibliography"]
    assert "IndexError" in w.message and "left out" in w.message
