"""Provisions: the text of each provision at sentence grain, with the margin paragraphs and
footnotes that discuss it and the issues on it (sub-provisions rolled up)."""

from __future__ import annotations

import streamlit as st

from kg.access.app.common import (
    ISSUES,
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

DEFAULT = "art_51"


def render() -> None:
    ex = explorer()
    with reading(ex, "provisions", "Reading the provisions …"):
        table = ex.provisions()
    st.title("Provisions")
    key = st.query_params.get("provision") or DEFAULT
    prov = ex.provision(key)
    if prov is None:
        not_found("provision", key, "Back to Art. 51", lambda: set_params(provision=None))
        return
    roots = _roots(table["key"].tolist())
    labels = {r: (ex.provision(r) or {"label": r})["label"] for r in roots}
    root = key.split("__")[0] if not key.startswith("art_3__") else "__".join(key.split("__")[:2])
    url_decides("prov-root", root)
    st.selectbox(
        "Provision",
        roots,
        format_func=lambda k: labels[k],
        key="prov-root",
        on_change=follow("prov-root", "provision"),
    )
    parts = [prov] if prov["text"] else []
    parts += prov["parts"]
    inner = {p["key"]: p["label"] for p in parts}
    if len(parts) > 1 or key != root:
        choices = [root, *[k for k in inner if k != root]]
        names = {root: f"all of {labels.get(root, root)}", **inner}
        url_decides("prov-part", key if key in choices else root)
        st.selectbox(
            "Part",
            choices,
            format_func=lambda k: names[k],
            key="prov-part",
            on_change=follow("prov-part", "provision"),
        )
    st.header(md(prov["label"]))
    for p in parts:
        finer = any(q["key"].startswith(p["key"] + "__") for q in parts)
        if p["text"] and not finer:  # sentence grain: a paragraph's text shows through its sentences
            st.markdown(f"**{md(p['label'])}** — {md(p['text'])}")
    _discussion(ex, key)


def _roots(keys: list[str]) -> list[str]:
    """Article, annex or recital: the top level a researcher picks first (definitions one by one)."""
    out: list[str] = []
    for k in keys:
        parts = k.split("__")
        root = "__".join(parts[:2]) if parts[0] == "art_3" else parts[0]
        if root not in out:
            out.append(root)
    return out


def _discussion(ex, key: str) -> None:
    issues = ex.provision_issues(key)
    st.subheader("Issues on this provision")
    if issues.empty:
        st.write("No interpretive issue concerns this provision or its parts.")
    for r in issues.itertuples():
        st.markdown(f"- {md_link(r.issue, ISSUES, issue=r.id)} ({md(r.provision)})")
    refs = ex.provision_discussion(key)
    st.subheader("Where the commentary discusses it")
    if refs.empty:
        st.write("No margin paragraph or footnote refers to this provision or its parts.")
        return
    paras = refs[refs["kind"] == "paragraph"]
    notes = refs[refs["kind"] == "footnote"]
    n, m = paras["number"].nunique(), notes["number"].nunique()
    st.markdown(
        f"{n} margin paragraph{'s' * (n != 1)}, {m} footnote{'s' * (m != 1)} (references to its parts included)."
    )
    shown = refs.assign(
        open=[
            f"/{READER}?paragraph={n}" if k == "paragraph" else f"/{READER}?footnote={n}"
            for k, n in zip(refs["kind"], refs["number"], strict=True)
        ]
    )
    st.dataframe(
        shown, hide_index=True, column_config={"open": st.column_config.LinkColumn("open", display_text="read")}
    )


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
