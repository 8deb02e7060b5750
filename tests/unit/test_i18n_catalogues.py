"""The message catalogues (benchlearn/locale): both languages complete and alike, plural forms by
CLDR, no key unused; numbers, percentages and dates in both languages (benchlearn.formatting)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.plurals import get_plural

from benchlearn import state
from benchlearn.formatting import (
    format_date,
    format_datetime,
    format_decimal,
    format_number,
    format_percent,
    format_value,
)
from benchlearn.i18n import LANGS, catalogue, has_text, is_plural, t, tn
from benchlearn.userdata import access
from benchlearn.userdata.access import ACTIONS

ROOT = Path(__file__).resolve().parents[2]

# Keys the code builds at run time, as t(f"field.{name}", lang): each prefix with the endings it
# builds. A key built in a new f-string needs its prefix here (test_every_built_key_is_declared),
# and every key declared here must be in both catalogues. Keys the code names in full are found
# in the sources by themselves.
DYNAMIC: dict[str, set[str]] = {
    "act.": {"better", "higher", "lower", "worse"},
    "act.few.": {"group", "peers"},
    "act.words.": {"group", "peers"},
    "admin.": {"done", "refused"},
    "audit.": set(ACTIONS),  # every audited write, in words on the admin page
    "contrib.err.": {
        "column_missing", "column_twice", "column_unknown", "duplicate", "empty", "encoding",
        "exponent", "formula", "indicator", "merged", "negative", "no_values", "not_finite",
        "not_number", "note_long", "note_without_value", "range", "sheets", "too_big",
        "too_large", "too_many", "unit", "xls", "xlsx_broken", "year",
    },
    "contrib.kind.": {"changed", "new", "unchanged"},
    "contrib.last_": {"approved", "rejected"},
    "data.cov.": {"computed", "constructed", "contributed", "reported", "rounded", "unverified"},
    "data.harm.": {"constructed", "partial", "split"},
    "data.kind.": {"derived", "geometry", "source"},
    "data.mapping.": {"false", "true"},
    "direction.": {"higher_better", "lower_better", "neutral"},
    "explore.": {"pmax", "pmin"},
    "field.": {*state.VIEW_FIELDS, *state.OWN_FIELDS},  # notices name the URL field
    "flags.": {"constructed", "derived", "rounded", "unverified"},
    "flags.basis.": {"population_start_of_year"},
    "gap.": {
        "better", "worse", "higher.group", "higher.peers", "higher.short", "lower.group",
        "lower.peers", "lower.short",
    },
    "gap.col_expected.": {"group", "peers"},
    "gap.col_words.": {"group", "peers"},
    "gap.same.": {"group", "peers", "short"},
    "gap.table.": {"group", "peers"},
    "gap.too_few.": {"group", "peers", "short"},
    "group.": {"all", "compared", "novadi", "state_cities"},
    "idx.preset.": set(state.INDEX_PRESETS),
    "idx.problem_": {"direction", "duplicate", "weight"},
    "idx.status.": {"no_data", "not_in_database", "used", "zero_weight"},
    "idx.vraa.": {
        "businesses_per_1000", "crime_per_1000", "natural_increase_per_1000", "needy_share_pct",
        "net_migration_per_1000", "old_age_dependency", "pit_per_capita", "unemployment_rate",
    },
    "kind.": {
        "country", "novads", "parish", "republican_city", "state_city", "statistical_region",
        "town",
    },
    "lead.intro.": {"group", "peers"},
    "limits.": {"export_rows", "render_busy", "render_session"},
    "map.": set(state.CLASSIFICATIONS),
    "peers.problem_": {"duplicate", "weight"},
    "profile.region.": {"LV003", "LV005", "LV006", "LV007", "LV008", "LV009"},
    "role.": set(access.ROLES),
    "sql.err.": {
        "busy", "crashed", "denied", "empty", "failed", "invisible", "memory", "multiple",
        "no_database", "non_ascii", "not_select", "read_only", "syntax", "timeout", "too_big",
        "too_long",
    },
    "ud.err.": {
        "code", "contrib_decided", "contrib_duplicate", "contrib_empty", "contrib_staged",
        "contrib_value", "date", "decimals", "deck_views", "direction", "indicator_code",
        "indicator_taken", "last_admin", "link", "page", "param_key", "params", "period",
        "principal", "required", "role", "role_exists", "theme", "too_long", "too_many", "year",
    },
    "ud.field.": {
        "coordinator", "definition_en", "definition_lv", "description_en", "description_lv",
        "end", "file_name", "former_unit_id", "indicator", "indicator_set", "indicators", "link",
        "members", "name_en", "name_lv", "note", "period_end", "period_start", "reason",
        "source_en", "source_lv", "start", "summary_en", "summary_lv", "tags", "title",
        "title_en", "title_lv", "unit_en", "unit_id", "unit_lv", "warning", "year",
    },
    "ud.what.": {"deck", "improvement", "network", "practice", "role", "view"},
    "upd.err.": {"mismatch", "other", "rate_limited", "service", "unknown_code", "unreachable"},
    "upd.kind.": {"apply", "plan"},
    "upd.outcome.": {"applied", "failed", "planned"},
    "upd.phase.": {"data", "merge", "metadata"},
    "upd.table.": {"checked", "data", "done", "metadata", "waiting"},
}  # fmt: skip

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def messages(lang: str) -> dict[str, tuple[str, ...]]:
    """key -> its text(s): one for a plain message, one per plural form for a plural one."""
    out = {}
    for message in catalogue(lang):
        if message.id:
            key = message.id[0] if message.pluralizable else message.id
            out[key] = tuple(message.string) if message.pluralizable else (message.string,)
    return out


@cache
def sources() -> dict[str, ast.AST]:
    files = [*(ROOT / "benchlearn").rglob("*.py"), *(ROOT / "pages").rglob("*.py")]
    return {
        str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8"))
        for p in [*files, ROOT / "app.py"]
    }


def literals() -> set[str]:
    return {
        node.value
        for tree in sources().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def built_prefixes(keys: set[str]) -> set[str]:
    """The constant starts of f-strings (and of "gap." + x) that begin some catalogue key."""
    starts = set()
    for tree in sources().values():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values:
                start = node.values[0]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                start = node.left
            else:
                continue
            if isinstance(start, ast.Constant) and isinstance(start.value, str):
                starts.add(start.value)
    return {s for s in starts if "." in s and any(k.startswith(s) for k in keys)}


def test_catalogues_have_cldr_plural_forms():
    for lang, forms in (("lv", 3), ("en", 2)):
        cat = catalogue(lang)
        assert str(cat.locale) == lang
        assert cat.num_plurals == forms == get_plural(lang).num_plurals
        assert cat.plural_expr == get_plural(lang).plural_expr


def test_every_key_in_both_languages_with_the_same_placeholders():
    lv, en = messages("lv"), messages("en")
    assert set(lv) == set(en)
    for key in lv:
        assert is_plural(key) == (len(lv[key]) > 1), key
        texts = [*lv[key], *en[key]]
        assert all(text.strip() for text in texts), key
        names = {frozenset(PLACEHOLDER.findall(text)) for text in texts}
        assert len(names) == 1, (key, texts)
        # only names: formatting belongs to benchlearn.formatting, not to the messages
        assert all(re.fullmatch(r"\w+", n) for n in next(iter(names))), key


def test_every_plural_message_has_all_forms():
    for lang, forms in (("lv", 3), ("en", 2)):
        plural = {k: v for k, v in messages(lang).items() if is_plural(k)}
        assert plural
        for key, texts in plural.items():
            assert len(texts) == forms and all(texts), (lang, key)
            assert all("{n}" in text for text in texts), (lang, key)


@pytest.mark.parametrize(
    ("count", "lv", "en"),
    [
        (0, "0 pašvaldību", "0 local governments"),
        (1, "1 pašvaldība", "1 local government"),
        (2, "2 pašvaldības", "2 local governments"),
        (11, "11 pašvaldību", "11 local governments"),
        (21, "21 pašvaldība", "21 local governments"),
        (101, "101 pašvaldība", "101 local governments"),
        (43, "43 pašvaldības", "43 local governments"),
    ],
)
def test_plural_forms(count, lv, en):
    assert tn("explore.start", count, "lv") == lv
    assert tn("explore.start", count, "en") == en


def test_rows_are_counted_in_both_languages():
    assert tn("sql.rows", 1, "en", seconds="0.1") == "1 row, 0.1 s."
    assert tn("sql.rows", 37, "en", seconds="0.1") == "37 rows, 0.1 s."
    assert tn("sql.rows", 1, "lv", seconds="0,1") == "1 rinda, 0,1 s."
    assert tn("sql.rows", 10, "lv", seconds="0,1") == "10 rindu, 0,1 s."
    assert tn("sql.rows", 37, "lv", seconds="0,1") == "37 rindas, 0,1 s."
    # {n} may be given formatted while the count picks the form
    text = tn("sql.rows", 12_000, "lv", n=format_number(12_000, 0, "lv"), seconds="1")
    assert text == "12\u202f000 rindu, 1 s."


def test_t_and_tn_keep_to_their_kind_of_message():
    assert t("year_heading", "lv", year=2024) == "2024. gads"
    assert t("year_heading", "en", year=2024) == "2024"
    with pytest.raises(KeyError):
        t("sql.rows", "lv")
    with pytest.raises(KeyError):
        tn("year_heading", 2, "lv")
    with pytest.raises(KeyError):
        t("no.such.key", "en")
    assert has_text("sql.rows") and has_text("no_data") and not has_text("no.such.key")


def test_keys_named_in_the_code_exist_and_are_called_right():
    """t("…") names a plain message, tn("…") a plural one, and both are in the catalogues."""
    wrong = []
    for path, tree in sources().items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in ("t", "tn") or not node.args:
                continue
            key = node.args[0]
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            if not has_text(key.value) or is_plural(key.value) != (node.func.id == "tn"):
                wrong.append(f"{path}:{node.lineno} {node.func.id}({key.value!r})")
    assert not wrong


def test_every_built_key_is_declared_and_exists():
    keys = set(messages("lv"))
    assert built_prefixes(keys) <= set(DYNAMIC), "declare the new prefix in DYNAMIC"
    missing = [p + s for p, ends in DYNAMIC.items() for s in ends if p + s not in keys]
    assert not missing


def test_no_key_is_unused():
    declared = {p + s for p, ends in DYNAMIC.items() for s in ends}
    used = literals() | declared
    unused = sorted(k for k in messages("lv") if k not in used)
    assert not unused, f"unused keys (remove them from both catalogues): {unused}"


def test_percentages_and_decimals():
    assert format_percent(12.7, 1, "lv") == "12,7\u202f%"
    assert format_percent(12.7, 1, "en") == "12.7\u202f%"
    assert format_percent(-3, 0, "lv") == "−3\u202f%"
    assert format_value(12.7, "%", 1, "lv") == "12,7\u202f%"
    assert format_value(28446, "iedzīvotāji", 0, "lv") == "28\u202f446 iedzīvotāji"
    assert format_value(None, "%", 1, "en") == "no data"
    assert format_decimal(0.25, "lv") == "0,25"
    assert format_decimal(1500.0, "en") == "1,500"


def test_dates():
    day = dt.date(2026, 11, 21)
    assert format_date(day, "lv") == "21.11.2026."
    assert format_date(day, "en") == "2026-11-21"
    moment = pd.Timestamp("2026-11-21T05:30:00Z").tz_convert("Europe/Riga")
    assert format_datetime(moment, "lv") == "21.11.2026. 07:30"
    assert format_datetime(moment, "en") == "2026-11-21 07:30"


@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_message_fills_for_any_count(lang):
    for key, texts in messages(lang).items():
        if not is_plural(key):
            continue
        values = {name: "x" for text in texts for name in PLACEHOLDER.findall(text)}
        values.pop("n", None)
        for count in (0, 1, 2, 5, 11, 21, 101):
            assert str(count) in tn(key, count, lang, **values)
