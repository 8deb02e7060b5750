"""Calibration: an empty Streamlit page."""

import streamlit as st

st.title("Empty")
