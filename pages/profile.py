import streamlit as st

from benchlearn import ui

st.title("profile")
ui.lang()
