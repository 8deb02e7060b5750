"""Download buttons: files built only when clicked, within the session's and the server's
bounds (benchlearn.limits), from the warehouse version of the view they were offered on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from benchlearn import cache, limits
from benchlearn.formatting import format_number
from benchlearn.i18n import is_plural, t, tn
from benchlearn.logic import explore as explore_logic

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


T = TypeVar("T")


def limit_text(refused: limits.Limited, lang: str) -> str:
    """What a bound of benchlearn.limits that refused a download says to people: a count of
    rows takes its plural form ("4 rindas", "21 rinda"), a bound is {n} (or {limit} beside a
    count)."""
    key = f"limits.{refused.code}"
    limit = format_number(refused.limit, 0, lang)
    if is_plural(key):
        return tn(
            key, int(refused.value), lang, n=format_number(refused.value, 0, lang), limit=limit
        )
    return t(key, lang, n=limit)


def on_click(make: Callable[[], T], lang: str) -> Callable[[], T]:
    """A download's data, built when the button is clicked (outside the script run): from
    the warehouse version of the view it was offered on, within this session's and the
    server's bounds (benchlearn.limits); a refusal reaches the browser as a message in `lang`
    (benchlearn.serve passes it on)."""
    build = cache.at_version(make)
    ctx = get_script_run_ctx(suppress_warning=True)
    owner = ctx.session_id if ctx is not None else ""

    def data() -> T:
        token = limits.OWNER.set(owner)
        try:
            return build()
        except limits.Limited as refused:
            raise limits.Refused(limit_text(refused, lang)) from refused
        finally:
            limits.OWNER.reset(token)

    return data


def build_date(lang: str) -> str:
    """The database's build date for headers and export notes (21.11.2026. / 2026-11-21)."""
    meta = dict(cache.query("build_meta").itertuples(index=False))
    return explore_logic.build_date(meta.get("built_at"), lang)


def table_downloads(
    lang: str,
    stem: str,
    csv: Callable[[], bytes],
    xlsx: Callable[[], bytes],
    help_text: str,
    key: str,
) -> None:
    """CSV and Excel buttons for the table on screen; files are built only when clicked.
    Side by side, each as wide as its label (in columns, "Lejupielādēt Excel" was cut)."""
    row = st.container(horizontal=True)
    row.download_button(
        t("bench.download_csv", lang),
        data=on_click(csv, lang),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        help=f"{help_text} {t('bench.csv_help', lang)}",
        key=f"{key}_csv",
        on_click="ignore",
    )
    row.download_button(
        t("bench.download_xlsx", lang),
        data=on_click(xlsx, lang),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        help=help_text,
        key=f"{key}_xlsx",
        on_click="ignore",
    )
