"""Reading the built warehouse in tests: the real names of every unit (to search a page, a
chart spec or a PDF for names that should have been masked)."""

from __future__ import annotations

from pathlib import Path

import duckdb


def real_names(database: Path | str) -> dict[str, set[str]]:
    """unit id -> its real names (Latvian and English) in the warehouse; Latvia left out."""
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute("SELECT unit_id, name_lv, name_en FROM units").fetchall()
    out: dict[str, set[str]] = {}
    for unit, lv, en in rows:
        if unit != "LV":
            out.setdefault(unit, set()).update(n for n in (lv, en) if n)
    return out
