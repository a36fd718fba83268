"""Commentary reader: the chapter by section and margin paragraph. Footnote markers open the
footnote, citations link to their works' citators, provision references to the provision's text;
a search box finds words in paragraphs and footnotes."""

from __future__ import annotations

import streamlit as st

from kg.access import explore
from kg.access.app.common import (
    PROVISIONS,
    READER,
    explorer,
    follow,
    md,
    md_link,
    not_found,
    reading,
    set_params,
    url_decides,
)

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def render() -> None:
    ex = explorer()
    st.title("Commentary reader")
    with reading(ex, "reader", "Reading the commentary …"):
        paragraphs = ex.reader()
    words = st.text_input("Search the paragraphs and footnotes", value=st.query_params.get("q", ""), key="reader-q")
    if words:
        set_params(q=words)
        _search(paragraphs, words)
    else:
        set_params(q=None)
    focus_para, focus_fn = _focus(paragraphs)
    if focus_para is False:
        return
    sections = ex.sections()
    titles = {r.number: f"{r.number} {r.title}" for r in sections.itertuples()}
    numbers = [n for n in titles if any(p["section"] == n for p in paragraphs)]
    wanted = st.query_params.get("section")
    if wanted and wanted not in titles:
        not_found("section", wanted, "Back to the first section", lambda: set_params(section=None))
        return
    section = next((p["section"] for p in paragraphs if p["number"] == focus_para), None) or wanted or numbers[0]
    url_decides("reader-section", section)
    st.selectbox(
        "Section",
        numbers,
        format_func=lambda k: titles[k],
        key="reader-section",
        on_change=follow("reader-section", "section", paragraph=None, footnote=None),
    )
    st.header(md(titles[section]))
    for p in paragraphs:
        if p["section"] == section:
            _paragraph(p, focused=p["number"] == focus_para, open_fn=focus_fn)


def _focus(paragraphs: list[dict]) -> tuple[int | None | bool, int | None]:
    """The margin paragraph (and footnote) a deep link names; False when it names none that exists."""
    para, fn = st.query_params.get("paragraph"), st.query_params.get("footnote")
    if fn is not None:
        hit = next((p for p in paragraphs for f in p["notes"] if str(f["number"]) == fn), None)
        if hit is None:
            not_found("footnote", fn, "Back to the reader", lambda: set_params(footnote=None, paragraph=None))
            return False, None
        return hit["number"], int(fn)
    if para is not None:
        if not any(str(p["number"]) == para for p in paragraphs):
            not_found("margin paragraph", para, "Back to the reader", lambda: set_params(paragraph=None))
            return False, None
        return int(para), None
    return None, None


def _paragraph(p: dict, focused: bool, open_fn: int | None) -> None:
    text = "".join(
        md(seg) if fn is None else f"[{seg.translate(SUPERSCRIPT)}](/{READER}?footnote={fn})"
        for seg, fn in explore.marked_segments(p)
    )
    with st.container(border=focused):
        st.markdown(f"**{p['number']}** {text}")
        refs = [r for r in p["references"] if r["key"]]
        if refs:
            st.caption("Provisions: " + ", ".join(_provision_link(r) for r in _unique(refs)))
        for f in p["notes"]:
            with st.expander(f"fn {f['number']}", expanded=f["number"] == open_fn):
                st.markdown(md(f["text"]))
                for c in f["citations"]:
                    who = " and ".join(c["authors"])
                    label = f"{who}, ‘{c['work']}’" if who else c["work"]
                    pin = f" {c['pinpoint']}" if c["pinpoint"] else ""
                    st.markdown(f"- cites {md_link(label, 'scholars', work=c['work_id'])}{md(pin)}")
                refs = [r for r in f["references"] if r["key"]]
                if refs:
                    st.caption("Provisions: " + ", ".join(_provision_link(r) for r in _unique(refs)))


def _unique(refs: list[dict]) -> list[dict]:
    seen: dict[str, dict] = {}
    for r in refs:
        seen.setdefault(r["key"], r)
    return list(seen.values())


def _provision_link(ref: dict) -> str:
    return md_link(ref["label"], PROVISIONS, provision=ref["key"])


def _search(paragraphs: list[dict], words: str) -> None:
    hits = explore.search(paragraphs, words)
    if hits.empty:
        st.info(f"No margin paragraph or footnote contains all of: {md(words)}")
        return
    hits["open"] = [
        f"/{READER}?{'paragraph' if k == 'paragraph' else 'footnote'}={n}"
        for k, n in zip(hits["kind"], hits["number"], strict=True)
    ]
    st.markdown(f"{len(hits)} hits")
    st.dataframe(
        hits, hide_index=True, column_config={"open": st.column_config.LinkColumn("open", display_text="read")}
    )


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
