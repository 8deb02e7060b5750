"""Calibration: an empty Streamlit page reached by a deep link (/tuksa).

Streamlit's frontend first looks for its server under the page's own path
(/tuksa/_stcore/health, a 404) and retries at the root after a back-off, so any page
opened by a link other than "/" starts its connection ~140 ms later than the root page.
The navigation is hidden, so this is nothing but that empty page.
"""

import streamlit as st


def home() -> None:
    st.title("Home")


def empty() -> None:
    st.title("Empty")


st.navigation(
    [st.Page(home, title="Home", default=True), st.Page(empty, title="Empty", url_path="tuksa")],
    position="hidden",
).run()
