"""The researcher's Streamlit app: one module per page, each a thin layout over kg.access.explore."""
