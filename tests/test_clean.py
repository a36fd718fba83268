"""Cleaning the scraped page: tooltips, non-breaking spaces, lost superscripts, offsets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.clean import clean

PROVIDER = (
    "Article 3(3) AI Act: ‘provider’ means a\u00a0natural or legal person, public authority, agency or other "
    "body that develops an AI system or a\u00a0general-purpose AI model or that has an AI system or a\u00a0"
    "general-purpose AI model developed and places it on the market or puts the AI system into service under "
    "its own name or trademark, whether for payment or free of charge."
)
SYSTEMIC = (
    "Article 3(65) AI Act: ‘systemic risk’ means a\u00a0risk that is specific to the high-impact capabilities of "
    "general-purpose AI models, having a\u00a0significant impact on the Union market due to their reach, or due "
    "to actual or reasonably foreseeable negative effects on public health, safety, public security, "
    "fundamental rights, or the society as a\u00a0whole, that can be propagated at scale across the value chain."
)


def test_tooltip_removed_sentence_intact():
    raw = (
        f"setting out that a provider {PROVIDER} must comply with the obligations for providers {PROVIDER} of GPAI "
        f"models with systemic risk {SYSTEMIC} from ‘the moment’.71"
    )
    c = clean(raw)
    assert c.text == (
        "setting out that a provider must comply with the obligations for providers of GPAI models "
        "with systemic risk from ‘the moment’.71"
    )
    assert [d.number for d in c.definitions] == [3, 65]
    assert c.definitions[0].term == "provider"
    assert c.definitions[0].text.endswith("whether for payment or free of charge.")
    assert "\u00a0" not in c.definitions[1].text


def test_space_before_closing_quote_and_marker_removed():
    # real: "... with Systemic Risk Article 3(65) ... value chain. ’ in Ceyhun ..." and "environments. 213 – which"
    raw = f"‘Article 51: Classification of GPAI Models with Systemic Risk {SYSTEMIC} ’ in Ceyhun and more risk {SYSTEMIC} ’.51"
    assert (
        clean(raw).text == "‘Article 51: Classification of GPAI Models with Systemic Risk’ in Ceyhun and more risk’.51"
    )


def test_exponents_restored_only_for_computation():
    raw = (
        "when the cumulative amount of computation used for its training measured in floating point operations is "
        "greater than 1025. See Case C-311/18 Data Protection Commissioner [2020] para 1025 and 1.5 × 1024 FLOPs."
    )
    text = clean(raw).text
    assert "greater than 10^25." in text
    assert "1.5 × 10^24 FLOPs" in text


def test_page_counts(commentary, raw):
    assert len(commentary.definitions) == 16
    assert sorted(d.number for d in commentary.definitions) == [
        1,
        2,
        3,
        4,
        9,
        12,
        29,
        47,
        48,
        49,
        58,
        62,
        63,
        64,
        65,
        67,
    ]
    assert "Article 3(64) AI Act: ‘" not in commentary.text and "AI Act: ‘Fähigkeiten" in commentary.text
    assert "\u00a0" not in commentary.text
    assert "exceeds 10^25 FLOPs,337" in commentary.text


def test_offsets_map_back_to_raw(commentary, raw):
    p = commentary.paragraph(16)
    assert raw[p.span.raw_start : p.span.raw_start + 20] == "Scholars are divided"
    f = commentary.footnote(69)
    assert raw[f.span.raw_start : f.span.raw_end].replace("\u00a0", " ") == f.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Article 3(65) AI Act: ‘risk’ means .\u00a0x1025FLOP\n")), max_size=300))
def test_clean_never_fails(s):
    c = clean(s)
    assert 0 <= c.offsets.to_raw(len(c.text), end=True) <= len(s)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_clean_mutated_excerpt(raw, data):
    start = data.draw(st.integers(0, len(raw) - 3000))
    excerpt = raw[start : start + 3000]
    cut = data.draw(st.integers(0, len(excerpt)))
    mutated = excerpt[:cut] + data.draw(st.text(max_size=20)) + excerpt[cut + data.draw(st.integers(0, 50)) :]
    c = clean(mutated)
    assert isinstance(c.text, str)


def test_a_definition_met_once_ends_at_its_full_stop():
    """Art. 3(67) once, followed by a parenthesis and a footnote marker (a chapter where it is rare)."""
    flop = (
        "Article 3(67) AI Act: ‘floating-point operation’ means any mathematical operation or assignment "
        "involving floating-point numbers, which are a subset of the real numbers typically represented on "
        "computers by an integer of fixed precision scaled by an integer exponent of a fixed base."
    )
    raw = f"threshold at 1025 floating-point operations {flop} (“FLOPs”),19 and the Commission’s duty"
    c = clean(raw)
    assert c.text == "threshold at 10^25 floating-point operations (“FLOPs”),19 and the Commission’s duty"
    assert c.definitions[0].text.endswith("exponent of a fixed base.")


def test_a_span_ending_where_a_tooltip_was_removed_ends_before_it():
    """Real: `... instruments for high-impact capabilities Article 3(64) AI Act: ... models. .106`"""
    hic = (
        "Article 3(64) AI Act: ‘high-impact capabilities’ means capabilities that match or exceed the "
        "capabilities recorded in the most advanced general-purpose AI models."
    )
    raw = f"assessment instruments for high-impact capabilities {hic} .106 Moreover"
    c = clean(raw)
    assert c.text == "assessment instruments for high-impact capabilities.106 Moreover"
    end = c.text.index(".106")
    assert raw[: c.offsets.to_raw(end, end=True)] == "assessment instruments for high-impact capabilities"
    assert raw[c.offsets.to_raw(end) :].startswith(".106")
