import streamlit as st

from benchlearn import ui

st.title("benchmark")
ui.lang()
