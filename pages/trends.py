import streamlit as st

from benchlearn import ui

st.title("trends")
ui.lang()
