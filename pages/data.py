import streamlit as st

from benchlearn import ui

st.title("data")
ui.lang()
