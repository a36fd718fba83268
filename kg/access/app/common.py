"""What every page shares: the store opened once per process, escaping, links and "not found"."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

from kg.access.explore import Explorer
from kg.graph.store import StoreError

FLAGSHIP = "a51-1a-automatic-classification"
# page url paths, also used to build deep links
ISSUES, PROVISIONS, SCHOLARS, READER, WORKBENCH = "", "provisions", "scholars", "reader", "workbench"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:&])")


def md(text: object) -> str:
    """Source or user text made inert for st.markdown: every markdown, HTML and directive
    character is backslash-escaped, so `<script>` or `<img onerror=…>` shows as those characters."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def link(page: str, **params: object) -> str:
    """A deep link (relative to the app's root) that a researcher can paste: `/provisions?provision=art_52`."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"/{page}" + (f"?{query}" if query else "")


def md_link(label: str, page: str, **params: object) -> str:
    return f"[{md(label)}]({link(page, **params)})"


@st.cache_resource(show_spinner="Opening the graph …")
def _explorer(path: str | None) -> Explorer:
    return Explorer(path)


def explorer() -> Explorer:
    """The store, opened once per process (and per store location); a missing store stops the page
    with the command that builds it."""
    try:
        return _explorer(os.environ.get("KG_STORE"))
    except StoreError as e:
        st.error(f"The graph cannot be read: {e}")
        st.stop()
        raise  # not reached: st.stop ends the run


def reading(ex: Explorer, listing: str, message: str) -> contextlib.AbstractContextManager:
    """A spinner while a listing is first read; none for a cached one, whose lookup would only
    wait on the spinner's lock (measured: a third of the server time of choosing an issue)."""
    return contextlib.nullcontext() if ex.has_read(listing) else st.spinner(message)


def not_found(what: str, value: str, back_label: str, back: Callable[[], None]) -> None:
    """A clear "not found" with a way back, instead of a traceback."""
    st.warning(f"Not found: there is no {what} `{md(value)}`.", icon=":material/search_off:")
    st.button(back_label, key="not-found-back", on_click=back)


def url_decides(widget: str, value: object) -> None:
    """A select box shows what the URL says: a link pasted into the same tab, or the browser's
    back button, is not overridden by the choice the widget remembers from before."""
    st.session_state[widget] = value


def follow(widget: str, param: str, **also: object) -> Callable[[], None]:
    """An `on_change` callback that puts the widget's new value into the URL before the page runs
    again, so the choice is drawn in that same run (not in a second run after `st.rerun`)."""

    def put() -> None:
        set_params(**{param: st.session_state[widget]}, **also)

    return put


def kept(key: str) -> str:
    """A widget key whose value outlives the widget: Streamlit forgets the state of a widget that a
    run does not draw (the issue list's search while an issue is open); a copy brings it back."""
    copy = f"kept:{key}"
    if key in st.session_state:
        st.session_state[copy] = st.session_state[key]
    elif copy in st.session_state:
        st.session_state[key] = st.session_state[copy]
    return key


def set_params(**params: object) -> None:
    """Keep the URL in step with what is shown, so the address bar is always a deep link."""
    for k, v in params.items():
        if v is None:
            st.query_params.pop(k, None)
        elif st.query_params.get(k) != str(v):
            st.query_params[k] = str(v)
