import streamlit as st

from benchlearn import ui

st.title("map")
ui.lang()
