"""Scholars and works: each scholar's works, the positions they hold with pinpoints, who agrees
and disagrees with them, an agreement matrix across all scholars, and a citator for each work."""

from __future__ import annotations

import altair as alt
import streamlit as st

from kg.access import explore
from kg.access.app.common import ISSUES, explorer, follow, md, md_link, not_found, reading, set_params, url_decides


def render() -> None:
    ex = explorer()
    st.title("Scholars and works")
    work_key = st.query_params.get("work")
    if work_key:
        _citator(ex, work_key)
        return
    with reading(ex, "scholars", "Reading the scholars …"):
        people = ex.scholars()
    names = dict(zip(people["key"], people["name"], strict=True))
    key = st.query_params.get("scholar")
    if key and key not in names:
        not_found("scholar", key, "Back to all scholars", lambda: set_params(scholar=None))
        return
    keys = list(names)
    url_decides("scholar-pick", key)  # None: nothing chosen yet
    st.selectbox(
        "Scholar",
        keys,
        format_func=lambda k: names[k],
        key="scholar-pick",
        on_change=follow("scholar-pick", "scholar", work=None),
        placeholder="choose a scholar or institution",
    )
    if key:
        _scholar(ex, key, names[key])
    _matrix(ex)


def _scholar(ex: explore.Explorer, key: str, name: str) -> None:
    st.header(md(name))
    works = ex.works_of(key)
    st.subheader("Works")
    for w in works.itertuples():
        year = f" ({w.year})" if w.year else ""
        st.markdown(f"- {md_link(w.title, 'scholars', work=w.key)}{md(year)}, cited {w.citations}×")
    held = ex.holdings()
    mine = held[held["holder"] == key]
    st.subheader("Positions held")
    if mine.empty:
        st.write("The commentary attributes no position to this scholar.")
    for (issue, issue_label, position), rows in mine.groupby(["issue", "issueLabel", "positionLabel"], sort=False):
        cites = "; ".join(
            f"fn {r.footnote}" + (f" ({r.pinpoint})" if r.pinpoint else "") + f", {r.strength}"
            for r in rows.itertuples()
        )
        st.markdown(f"- {md_link(issue_label, ISSUES, issue=issue)}: *{md(position)}* — {md(cites)}")
    st.subheader("Agrees and disagrees with")
    allies = explore.allies_and_opponents(held, name)
    if allies.empty:
        st.write("No other scholar holds a position on the same issues.")
    else:
        st.dataframe(allies, hide_index=True)


MATRIX_ROW_PX = 16  # a label of Vega's default 10 px font, with room around it


def _matrix(ex: explore.Explorer) -> None:
    st.subheader("Agreement matrix")
    st.caption("Positions two scholars share minus positions on which they take opposite sides (same issue).")
    with st.spinner("Comparing every pair of scholars …"):
        m = ex.agreement_matrix()
    if m.empty:
        st.write("No scholar holds a position, so there is nothing to compare.")
        return
    # every scholar named on both axes: Vega hides labels it finds too close (labelOverlap), which
    # left every other row of 52 unnamed at a fixed height; one row is now one label's height
    chart = (
        alt.Chart(m)
        .mark_rect()
        .encode(
            x=alt.X("other:N", title=None, axis=alt.Axis(labelAngle=-60, labelLimit=160, labelOverlap=False)),
            y=alt.Y("scholar:N", title=None, axis=alt.Axis(labelLimit=160, labelOverlap=False)),
            color=alt.Color("score:Q", scale=alt.Scale(scheme="redblue", domainMid=0), title="agree − disagree"),
            tooltip=["scholar", "other", "agree", "disagree", "score"],
        )
        .properties(height=alt.Step(MATRIX_ROW_PX))
    )
    st.altair_chart(chart, width="stretch")


def _citator(ex: explore.Explorer, key: str) -> None:
    w = ex.work(key)
    if w is None:
        not_found("work", key, "Back to all scholars", lambda: set_params(work=None))
        return
    st.header(f"Citator: {md(w['title'])}")
    year = f" ({w['year']})" if w["year"] else ""
    st.markdown(f"{md(', '.join(w['authors']) or '—')}{md(year)} · {md(w['kind'] or '')}")
    table = ex.citator(key)
    if table.empty:
        st.write("The commentary does not cite this work.")
        return
    st.markdown(f"Cited {len(table)} times, in {table['footnote'].nunique()} footnotes.")
    st.dataframe(table, hide_index=True)
    st.button("Back to all scholars", on_click=lambda: set_params(work=None))


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
