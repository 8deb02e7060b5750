"""Entry point (placeholder until the dashboard lands): shows that the warehouse is readable."""

import streamlit as st

st.set_page_config(page_title="Mācīties salīdzinot", layout="wide")
st.title("Pašvaldību salīdzināšanas panelis")
st.info("Panelis top. Datu noliktava: `make data`.")
