"""Issues and argument map (the home page): the issues, most contested first; for the chosen
issue its positions side by side with holders, footnotes, arguments and the author's view, the
same map as an interactive graph, and the map's downloads."""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st
from st_cytoscape import cytoscape

from kg.access import explore
from kg.access.app.common import (
    FLAGSHIP,
    READER,
    explorer,
    follow,
    kept,
    link,
    md,
    md_link,
    not_found,
    reading,
    set_params,
    url_decides,
)

STANCE = {True: "endorses", False: "rejects"}


def render() -> None:
    ex = explorer()
    with reading(ex, "views", "Reading the issues …"):
        v = ex.views()
    st.title("Issues and argument map")
    if st.button("Flagship issue: automatic classification under Art. 51(1)(a)", type="primary"):
        set_params(issue=FLAGSHIP, position=None)
    chosen_key = st.query_params.get("issue")
    issue = explore.find_issue(v, chosen_key) if chosen_key else None
    if chosen_key and issue is None:
        not_found("issue", chosen_key, "Back to the list of issues", lambda: set_params(issue=None, position=None))
        return
    if issue is None:
        _issue_list(v)
    else:
        _switcher(v, issue)
        _issue(ex, issue, st.query_params.get("position"))


def _issue_list(v: dict) -> None:
    """The list page: search, filters, the table of issues and "Open an issue"."""
    with st.expander("All issues, most contested first", expanded=True):
        words = st.text_input("Search issues", key=kept("issue-search"), placeholder="words of the label or question")
        options = ["(any provision)", *explore.provision_filter_options(v)]
        chapters = explore.chapter_options(v)
        left, right = st.columns(2) if len(chapters) > 1 else (st.container(), None)
        with left:
            prov = st.selectbox("Provision", options, key=kept("issue-provision"))
        chapter = None
        if right is not None:  # one chapter: nothing to filter
            with right:
                keys = ["", *chapters]
                chapter = st.selectbox(
                    "Chapter", keys, format_func=lambda k: chapters.get(k, "(every chapter)"), key=kept("issue-chapter")
                )
        table = explore.issue_table(v, words, None if prov == options[0] else prov, chapter or None)
        if table.empty:
            st.info("No issue matches these words, this provision and this chapter.")
            return
        table.insert(0, "link", "?issue=" + table["id"])
        st.dataframe(
            table.drop(columns=["id"]),
            hide_index=True,
            column_config={"link": st.column_config.LinkColumn("open", display_text="open")},
        )
        labels = dict(zip(table["id"], table["issue"], strict=True))
        st.selectbox(
            "Open an issue",
            list(labels),
            index=None,
            format_func=lambda k: labels[k],
            key="issue-pick",
            on_change=follow("issue-pick", "issue", position=None),
        )


def _switcher(v: dict, issue: dict) -> None:
    """On an issue's page: another issue one choice away, and the way back to the list (whose
    table is drawn only there, so a deep link to an issue does not wait for it)."""
    labels = {i["id"]: i["label"] for i in v["issues"]}
    url_decides("issue-switch", issue["id"])
    left, right = st.columns([5, 1], vertical_alignment="bottom")
    left.selectbox(
        "Open an issue",
        list(labels),
        format_func=lambda k: labels[k],
        key="issue-switch",
        on_change=follow("issue-switch", "issue", position=None),
    )
    right.button("All issues", on_click=lambda: set_params(issue=None, position=None), icon=":material/list:")


def _issue(ex: explore.Explorer, issue: dict, focus: str | None) -> None:
    st.header(md(issue["label"]))
    st.markdown(f"**Question.** {md(issue['question'])}")
    paras = ", ".join(md_link(str(n), READER, paragraph=n) for n in issue["paragraphs"])
    st.markdown(f"Margin paragraphs: {paras or '—'}  \nProvisions: {md('; '.join(issue['provisions'])) or '—'}")
    for twin in issue.get("same_question_in", []):
        st.markdown(
            f"**The same question in the commentary on Article {md(twin['chapter'])}:** "
            + md_link(twin["label"], "", issue=twin["issue"])
        )
    for view in ex.author_views(issue):
        st.info(
            f"**Commentary author's view** ({md(view['author'])}, para {view['paragraph']}): "
            f"{view['stance']} *{md(view['position'])}* — “{md(view['quote'])}”",
            icon=":material/edit_note:",
        )
    if focus and not any(p["id"] == focus for p in issue["positions"]):
        st.warning(f"Not found: this issue has no position `{md(focus)}`; all its positions are shown.")
    st.subheader("Weight of opinion")
    st.table(explore.weight_of_opinion(issue).set_index("position"))
    positions = issue["positions"]
    for start in range(0, len(positions), 3):
        row = positions[start : start + 3]
        for col, p in zip(st.columns(len(row)), row, strict=True):
            with col:
                _position(ex, issue, p, focused=p["id"] == focus)
    _map(ex, issue)


def _position(ex: explore.Explorer, issue: dict, p: dict, focused: bool) -> None:
    with st.container(border=True):
        if focused:
            st.caption("linked position")
        st.subheader(md(p["label"]))
        stance = p["endorsed_by_commentary_author"]
        if stance is not None:
            mark = ":material/check_circle:" if stance else ":material/cancel:"
            st.markdown(
                f"{mark} **The commentary's author {STANCE[stance]} this position** (para {p['author_view_paragraph']})"
            )
        st.markdown(f"**Holders** ({len({h['work_id'] for h in p['holders']})} works)")
        if not p["holders"]:
            st.write("No holder is cited for this position.")
        texts = ex.footnote_texts(issue)
        if p["holders"]:
            st.html(_holders_html(p["holders"], texts))
        st.markdown("**Arguments**")
        if not p["arguments"]:
            st.write("No argument is recorded for or against this position.")
        else:
            st.markdown("\n".join(f"- {_argument_line(a)}" for a in p["arguments"]))


# The holders as one HTML block of <details>, styled like Streamlit's expanders: a position with
# ten holders is one element to send and draw instead of twenty (measured: 92 → 54 websocket
# frames on the flagship issue). Every source string is html-escaped, so planted markup is text.
_HOLDER_STYLE = (
    "<style>details.holder{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;margin:.25rem 0;"
    "padding:.25rem .75rem}details.holder summary{cursor:pointer;padding:.25rem 0}"
    "details.holder p{margin:.4rem 0}</style>"
)


def _holders_html(holders: list[dict], footnotes: dict[int, str]) -> str:
    return _HOLDER_STYLE + "".join(_holder_html(h, footnotes.get(h["footnote"], "")) for h in holders)


def _holder_html(h: dict, footnote: str) -> str:
    """One holder: who, which work, the pinpoint and strength; on expand the signal, the
    citation's exact words with their character span, and the whole footnote."""
    e = html.escape
    who = " and ".join(h["authors"]) or h["work"]
    pin = f", {h['pinpoint']}" if h["pinpoint"] else ""
    src = h["source"]
    return (
        f'<details class="holder"><summary>fn {h["footnote"]} · {e(who)}, ‘{e(h["work"])}’{e(pin)} · '
        f"{e(h['strength'])}</summary>"
        f"<p><b>Signal:</b> {e(h['signal'] or '—')} · <b>strength:</b> {e(h['strength'])}</p>"
        f"<p><b>The citation's exact words</b> ({e(src['document'])}, characters {src['start']}–{src['end']}): "
        f"“{e(src['excerpt'])}”</p>"
        f"<p><b>Footnote {h['footnote']}:</b> {e(footnote)} "
        f'<a href="{e(link(READER, footnote=h["footnote"]))}" target="_self">(in the reader)</a></p></details>'
    )


def _argument_line(a: dict) -> str:
    sign = ":green[**for**]" if a["relation"] == "supports" else ":red[**against**]"
    what = " an argument for it" if "target_argument" in a else ""
    para = md_link(f"para {a['paragraph']}", READER, paragraph=a["paragraph"])
    return f"{sign}{what} ({a['kind']}, {para}, {md(a['advanced_by'])}): {md(a['label'])}"


def _deferred(ex: explore.Explorer, issue: dict, fmt: str) -> Callable[[], bytes]:
    """The download's bytes, made only when the researcher clicks."""
    make = ex.map_image if fmt in ("png", "svg") else ex.map_export
    return lambda: make(issue, fmt)


@st.fragment
def _map(ex: explore.Explorer, issue: dict) -> None:
    """A fragment: the map reports its selection when it is first drawn, and on every click on a
    node; each report reruns this map alone, not the whole issue page (which it used to redraw
    about half a second after every choice of an issue)."""
    st.subheader("Argument map")
    st.caption(
        "Green arrows support, red dashed tee-arrows attack; purple: holders; orange star: the commentary's author."
    )
    g = explore.map_graph(issue)
    picked = cytoscape(
        explore.cytoscape_elements(g),
        explore.MAP_STYLE,
        height="720px",
        layout={"name": "preset", "fit": True, "padding": 20},
        selection_type="single",
        key=f"map-{issue['id']}",
    )
    for node in (picked or {}).get("nodes", []):
        if node in g:
            d = g.nodes[node]
            st.markdown(f"**{d['kind']}**: {md(d['label'])}")
    name = issue["id"]
    downloads = [  # generated on click, each once per process
        ("AIF", "aif", f"{name}.aif.json", "application/json"),
        ("Argdown", "argdown", f"{name}.argdown", "text/plain"),
        ("GraphML", "graphml", f"{name}.graphml", "application/xml"),
        ("PNG", "png", f"{name}.png", "image/png"),
        ("SVG", "svg", f"{name}.svg", "image/svg+xml"),
    ]
    for col, (label, fmt, file, mime) in zip(st.columns(len(downloads)), downloads, strict=True):
        col.download_button(label, _deferred(ex, issue, fmt), file, mime, on_click="ignore")
    st.caption("Map downloads: AIF, Argdown and GraphML as `kg` exports them; PNG and SVG drawn with matplotlib.")


if __name__ == "__main__":  # run by st.navigation as a page script
    render()
