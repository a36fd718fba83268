"""SPARQL workbench: a highlighted editor pre-filled from a named query, run read-only within a
row and time limit; the table downloads as CSV or SPARQL JSON; errors show line and column."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from code_editor import code_editor

from kg.access import explore
from kg.access.app.common import WORKBENCH, explorer, follow, md, not_found, set_params, url_decides

FIRST_QUERY = "chapter-issues"  # shown when the link names no query

EDITOR_BUTTONS = [
    {
        "name": "Run",
        "feather": "Play",
        "primary": True,
        "hasText": True,
        "showWithIcon": True,
        "commands": ["submit"],
        "style": {"bottom": "0.44rem", "right": "0.4rem"},
    }
]


def render() -> None:
    ex = explorer()
    st.title("SPARQL workbench")
    named = {q.name: q for q in explore.named_queries()}
    custom = st.query_params.get("sparql")
    name = st.query_params.get("query")
    if name and name not in named:
        not_found("named query", name, "Back to the workbench", lambda: set_params(query=None))
        return
    names = list(named)
    # the issues of the chapter, one row each: what a researcher expects to see first
    default = name or (FIRST_QUERY if FIRST_QUERY in named and not custom else None)
    url_decides("wb-query", default)
    pick = st.selectbox(
        "Named query",
        names,
        format_func=lambda n: f"{named[n].title} ({n})",
        key="wb-query",
        on_change=follow("wb-query", "query", sparql=None, run=None),
        placeholder="your own query",
    )
    if pick and pick != name:  # the default query, into the URL (the page already shows it)
        set_params(query=pick, sparql=None, run=None)
    chosen = named.get(pick) if pick else None
    values: dict[str, str] = {}
    if chosen:
        st.markdown(f"**{md(chosen.title)}** — {md(chosen.description)}")
        for p in chosen.params:  # a named query's parameters, pre-filled with their defaults
            url_value = st.query_params.get(f"p_{p.name}", p.default)
            values[p.name] = st.text_input(
                f"{p.name} ({p.type})", value=url_value, help=p.help or None, key=f"wb-p-{pick}-{p.name}"
            )
    text = custom if custom is not None else chosen.sparql if chosen else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    response = code_editor(
        text,
        lang="sparql",
        height=[8, 24],
        buttons=EDITOR_BUTTONS,
        response_mode="debounce",
        key=f"wb-editor-{pick or 'custom'}",
    )
    edited = (response or {}).get("text") or text
    st.caption(
        f"Read-only (SELECT, ASK, CONSTRUCT, DESCRIBE); at most {explore.WORKBENCH_ROWS:,} rows and "
        f"{explore.WORKBENCH_TIMEOUT_S:g} s. Ctrl+Enter or Run in the editor, or the button below."
    )
    clicked = st.button("Run query", type="primary", key="wb-run")
    submitted = (response or {}).get("type") == "submit"
    as_named = bool(chosen) and edited == (chosen.sparql if chosen else None)
    if clicked or submitted or st.query_params.get("run") == "1":
        with st.spinner("Running the query …"):
            _run(ex, pick if as_named and pick else edited, values if as_named else {})
    params = {"query": pick, **{f"p_{k}": v for k, v in values.items()}} if as_named else {"sparql": edited}
    st.markdown(f"[Link to this query](/{WORKBENCH}?{urlencode({**params, 'run': 1})})")
    _show(st.session_state.get("wb-outcome"))


def _run(ex: explore.Explorer, sparql_or_name: str, params: dict[str, str]) -> None:
    try:
        st.session_state["wb-outcome"] = explore.run(sparql_or_name, ex.path, params=params)
    except explore.QueryError as e:
        st.session_state["wb-outcome"] = e


def _show(outcome: explore.Outcome | explore.QueryError | None) -> None:
    if outcome is None:
        return
    if isinstance(outcome, explore.QueryError):
        where = f" (line {outcome.line}, column {outcome.column})" if outcome.line else ""
        st.error(f"The query cannot run{where}: {md(outcome)}")
        return
    if outcome.kind == "ask":
        st.success(f"ASK: {outcome.boolean}")
    elif outcome.table.empty:
        st.info("The query ran and returned no rows.")
    else:
        st.markdown(f"{len(outcome.table):,} rows in {outcome.seconds:.2f} s")
        if outcome.truncated:
            st.warning(f"Row limit reached: only the first {outcome.max_rows:,} rows are shown and downloaded.")
        st.dataframe(outcome.table, hide_index=True)
    cols = st.columns(2)
    cols[0].download_button(
        "Download CSV", explore.csv_bytes(outcome.table), "query.csv", "text/csv", on_click="ignore"
    )
    cols[1].download_button(
        "Download SPARQL JSON", outcome.sparql_json, "query.srj", "application/sparql-results+json", on_click="ignore"
    )


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
