"""The interface layer between Streamlit pages and the rest: each module one responsibility.

- refdata: reference data (catalogue, units, versions, coverage), shared by all sessions
- viewstate: the session's view state, its widgets and its mirror in the URL
- grouping: comparison groups, themes and cooperation networks as the pages offer them
- naming: names of units, indicators, groups and themes; source lines; rank bands
- inputs: widgets several pages share
- download_buttons: CSV and Excel buttons built on click, within limits
- specs: Altair charts as cacheable Vega-Lite dicts

Chart builders (benchlearn.charts) and logic (benchlearn.logic) import nothing from here.
"""
