"""Decisions: each decision the commentary relies on (Commission guidelines, the Code of Practice,
judgments) and, per holding, the commentary that supports or opposes it side by side, with the
footnote and its exact words on expand; a form that adds a decision (kg.access.citator)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from kg.access import citator
from kg.access.app.common import ISSUES, explorer, md, md_link, not_found, set_params
from kg.argue.decisions import KINDS, DecisionError

DECISIONS = "decisions"


def render() -> None:
    ex = explorer()
    st.title("Decisions")
    st.caption(
        "Official acts of interpretation next to the commentary: which scholars support the reading a "
        "decision adopts, which oppose it, and which arguments against it it leaves unanswered."
    )
    with st.spinner("Reading the decisions …"):
        listing = citator.decisions(ex.path)
    chosen = st.query_params.get("decision")
    if chosen:
        found = next((d for d in listing if d["id"] == chosen), None)
        if found is None:
            not_found("decision", chosen, "Back to all decisions", lambda: set_params(decision=None))
            return
        _decision(found)
        return
    if not listing:
        st.write("No decision is in the graph yet.")
    for d in listing:
        date = f" ({d['date']})" if d["date"] else ""
        held = f", {_count(len(d['holdings']), 'holding')}" if d["holdings"] else ""
        cited = f", cited for {_count(len(d['cited_for']), 'argument')}" if d["cited_for"] else ""
        st.markdown(
            f"- {md_link(d['title'] or d['id'], DECISIONS, decision=d['id'])}{md(date)}: "
            f"{md(d['kind_label'] or d['kind'])}{md(held + cited)}"
        )
    _add_form(ex.path)


def _decision(d: dict) -> None:
    st.header(md(d["title"] or d["id"]))
    st.markdown(f"{md(d['id'])} · {md(d['kind_label'] or d['kind'])} · {md(d['author'] or '')} · {md(d['date'] or '')}")
    if d["url"]:
        st.markdown(f"[Official text]({d['url']})" if d["url"].startswith("https://") else md(d["url"]))
    if d["invented"]:
        st.warning("An invented decision (a test fixture), not a real act.")
    if d["provisions"]:
        st.markdown("Provisions applied: " + md(", ".join(d["provisions"])))
    for h in d["holdings"]:
        _holding(h)
    if d["cited_for"]:
        st.subheader("Cited by the commentary as authority for")
        for a in d["cited_for"]:
            with st.expander(f"{md(a['label'] or a['argument'])} (fn {a['footnote']}, {md(a['pinpoint'] or '')})"):
                st.markdown(f"Margin paragraph {a['paragraph']}; the footnote's words:")
                st.code(a["source"]["excerpt"], language=None, wrap_lines=True)
    st.button("Back to all decisions", on_click=lambda: set_params(decision=None))


def _holding(h: dict) -> None:
    st.subheader(f"{md(h['issue_label'])}")
    verb = "adopts" if h["stance"] == "adopts" else "rejects"
    view = {"agrees": "agrees", "disagrees": "disagrees", "mixed": "partly agrees"}.get(h["author_view"] or "")
    st.markdown(
        f"The decision **{verb}** “{md(h['position_label'])}” at {md(h['pinpoint'])}"
        f" (reported in fn {h['reported_in']}). "
        + (f"The commentary's author **{view}**." if view else "The commentary's author states no view on it.")
        + f" {md_link('Open the issue', ISSUES, issue=h['issue'])}"
    )
    left, right = st.columns(2)
    with left:
        _side("Supporting commentary", h["supporting"], h["arguments_for"])
    with right:
        _side("Opposing commentary", h["opposing"], h["arguments_against"])
    if h["unanswered"]:
        st.markdown(
            "**Arguments against it that the holding does not answer:** " + md(", ".join(_labels(h["unanswered"])))
        )


def _labels(arguments: list) -> list[str]:
    return [a["label"] if isinstance(a, dict) else str(a) for a in arguments]


def _side(title: str, holders: list[dict], arguments: list) -> None:
    st.markdown(f"**{title}** ({len(holders)} holders)")
    if not holders:
        st.write("None in the commentary.")
    for x in holders:
        who = ", ".join(x["authors"]) or x["work"]
        pin = f", {x['pinpoint']}" if x.get("pinpoint") else ""
        with st.expander(f"{md(who)}: {md(x['work'])}{md(pin)} (fn {x['footnote']}, {md(x['strength'])})"):
            st.code(x["source"]["excerpt"], language=None, wrap_lines=True)
            st.caption(f"{x['source']['document']}, characters {x['source']['start']}–{x['source']['end']}")
    if arguments:
        st.markdown("Arguments: " + md("; ".join(_labels(arguments))))


def _add_form(store_path: Path) -> None:
    """The form writes a decision file only after a full check against the graph (citator.add_decision)."""
    st.subheader("Add a decision")
    with st.form("add-decision"):
        ident = st.text_input("Identifier (ECLI, CELEX or Commission document number)")
        kind = st.selectbox("Kind", list(KINDS), format_func=lambda k: KINDS[k][0])
        title = st.text_input("Title")
        date = st.date_input("Date", value=None, min_value=dt.date(1950, 1, 1))
        author = st.text_input("Author body", value="European Commission")
        url = st.text_input("URL (optional)")
        provisions = st.text_input("Provisions applied, separated by semicolons (e.g. Art. 51(1)(a); Art. 51(2))")
        issue = st.text_input("Holding: issue id (as `kg views --json` gives it)")
        position = st.text_input("Holding: position id")
        stance = st.radio("Holding: stance", ["adopts", "rejects"], horizontal=True)
        pinpoint = st.text_input("Holding: pinpoint in the decision (e.g. para 27)")
        submitted = st.form_submit_button("Check and add")
    if not submitted:
        return
    decision = {
        "id": ident.strip(),
        "kind": kind,
        "title": title.strip(),
        "date": date.isoformat() if date else "",
        "author": author.strip(),
        "url": url.strip(),
        "provisions": [p.strip() for p in provisions.split(";") if p.strip()],
        "holdings": [{"issue": issue.strip(), "position": position.strip(), "stance": stance, "pinpoint": pinpoint}],
    }
    with st.spinner("Checking the decision against the graph and rebuilding …"):
        try:
            added = citator.add_decision(decision, store_path)
        except DecisionError as e:
            st.error(f"Not added: {md(e.field or 'file')}: {md(e.reason)}")
            return
        except (OSError, ValueError) as e:
            st.error(f"Not added: {md(e)}")
            return
    st.success(f"Added {md(added['id'])} as {md(added['file'])}; the graph was rebuilt.")


def _count(n: int, noun: str) -> str:
    """`1 argument`, `2 arguments`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
