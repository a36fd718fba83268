"""The researcher's app: `streamlit run app.py`. This file only lays out the pages; each page is
a module of kg/access/app/ and reads the graph through kg.access.explore."""

import streamlit as st

from kg.access.app import issues, provisions, reader, scholars, workbench

st.set_page_config(page_title="The argument graph of EU AI law", page_icon="⚖️", layout="wide")

PAGES = [  # add a page here (e.g. designation decisions): one module with a render() function
    st.Page(issues.render, title="Issues and argument map", icon="🗺️", url_path="", default=True),
    st.Page(provisions.render, title="Provisions", icon="📜", url_path="provisions"),
    st.Page(scholars.render, title="Scholars and works", icon="🎓", url_path="scholars"),
    st.Page(reader.render, title="Commentary reader", icon="📖", url_path="reader"),
    st.Page(workbench.render, title="SPARQL workbench", icon="🧪", url_path="workbench"),
]

st.navigation(PAGES, position="top").run()
