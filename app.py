"""The researcher's app: `streamlit run app.py`. This file only lays out the pages; each page is
a module of kg/access/app/ (run as a page script) that reads the graph through kg.access.explore."""

import streamlit as st

st.set_page_config(page_title="The argument graph of EU AI law", page_icon=":material/balance:", layout="wide")

PAGES = "kg/access/app"
NAVIGATION = [  # to add a page (e.g. designation decisions): one module with render(), one line here
    st.Page(
        f"{PAGES}/issues.py",
        title="Issues and argument map",
        icon=":material/account_tree:",
        url_path="issues",
        default=True,
    ),
    st.Page(f"{PAGES}/provisions.py", title="Provisions", icon=":material/gavel:", url_path="provisions"),
    st.Page(f"{PAGES}/scholars.py", title="Scholars and works", icon=":material/school:", url_path="scholars"),
    st.Page(f"{PAGES}/reader.py", title="Commentary reader", icon=":material/menu_book:", url_path="reader"),
    st.Page(f"{PAGES}/decisions.py", title="Decisions", icon=":material/account_balance:", url_path="decisions"),
    st.Page(f"{PAGES}/workbench.py", title="SPARQL workbench", icon=":material/terminal:", url_path="workbench"),
]

st.navigation(NAVIGATION, position="top").run()
