"""SQL: one read-only SELECT against the warehouse for analysts, with time, row and memory
limits (each query runs in a worker process of its own; see benchlearn.sqlconsole).

All checking and running is in benchlearn.sqlconsole; this page lays out the editor, the
examples, the result (with a CSV download) and the messages.
"""

from __future__ import annotations

import streamlit as st

from benchlearn import cache, exports, sqlconsole
from benchlearn.formatting import format_number
from benchlearn.i18n import t, tn
from benchlearn.ui import download_buttons, viewstate

TEXT = "sql_text"
RESULT = "_sql_result"  # (Result | None, ConsoleError | None), kept across reruns


def use_example(examples: dict[str, sqlconsole.Example]) -> None:
    chosen = examples.get(st.session_state.get("sql_example", ""))
    if chosen is not None:
        st.session_state[TEXT] = chosen.sql
        st.session_state[RESULT] = None


def run_query() -> None:
    """Callback of 'Run': the outcome is kept so a download does not need a rerun."""
    try:
        result = sqlconsole.run(cache.database_path(), st.session_state.get(TEXT, ""))
        st.session_state[RESULT] = (result, None)
    except sqlconsole.ConsoleError as error:
        st.session_state[RESULT] = (None, error)


def show_result(lang: str) -> None:
    outcome = st.session_state.get(RESULT)
    if not outcome:
        return
    result, error = outcome
    if error is not None:
        st.error(sqlconsole.error_text(error, lang), icon=":material/block:")
        return
    seconds = format_number(result.seconds, 2, lang)
    rows, limit = len(result.frame), sqlconsole.ROW_LIMIT
    st.caption(tn("sql.rows", rows, lang, n=format_number(rows, 0, lang), seconds=seconds))
    if result.truncated:
        st.warning(tn("sql.truncated", limit, lang, n=format_number(limit, 0, lang)))
    st.dataframe(result.frame, hide_index=True, width="stretch", key="sql_table")
    st.download_button(
        t("bench.download_csv", lang),
        data=download_buttons.on_click(lambda: exports.to_csv(result.frame, lang), lang),
        file_name=f"{t('sql.file', lang)}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="sql_csv",
        on_click="ignore",
    )


def main() -> None:
    lang = viewstate.lang()
    st.title(t("sql.title", lang))
    st.caption(
        tn(
            "sql.intro",
            sqlconsole.ROW_LIMIT,
            lang,
            n=format_number(sqlconsole.ROW_LIMIT, 0, lang),
            seconds=format_number(sqlconsole.TIME_LIMIT, 0, lang),
            memory=format_number(sqlconsole.MEMORY_MB, 0, lang),
        )
    )
    examples = {e.name: e for e in sqlconsole.examples()}
    pick, use = st.columns([4, 1], vertical_alignment="bottom")
    pick.selectbox(
        t("sql.example", lang),
        list(examples),
        key="sql_example",
        format_func=lambda name: examples[name].title(lang),
    )
    use.button(
        t("sql.use_example", lang),
        on_click=use_example,
        args=(examples,),
        key="sql_use",
        width="stretch",
        icon=":material/content_paste:",
    )
    st.session_state.setdefault(TEXT, next(iter(examples.values())).sql if examples else "")
    st.text_area(
        t("sql.query", lang),
        key=TEXT,
        height=220,
        max_chars=sqlconsole.MAX_CHARS,
    )
    st.button(
        t("sql.run", lang),
        on_click=run_query,
        type="primary",
        icon=":material/play_arrow:",
        key="sql_run",
    )
    st.caption(t("sql.tables", lang))
    show_result(lang)


main()
