"""The view state carried in the URL: parsed, validated and written back, without Streamlit.

Every URL parameter is a code (never a translated label), so a link opens the same view in
either language. A value that is not valid is dropped and reported as a notice, never raised.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

DEFAULT_INDICATOR = "road_asphalt_share_pct"
CLASSIFICATIONS = ("quantile", "equal")
MAX_COMPARED = 12
MAX_SHOWN = 60  # characters of a rejected value echoed back to the user
USER_GROUP = "user"  # grp value selecting the URL's own group (logic.groups.USER)
MAX_GROUP_NAME = 40


@dataclass(frozen=True)
class Options:
    """What the database offers, against which URL values are checked."""

    indicators: list[str]
    years: dict[str, list[int]]  # indicator -> years with data, ascending
    units: list[str]  # selectable local governments
    groups: list[str]
    versions: list[str]  # boundary versions a map can show ("auto" is always allowed)
    themes: list[str]


@dataclass
class ViewState:
    lang: str = "lv"
    ind: str = DEFAULT_INDICATOR
    year: int | None = None  # None = the latest year with data
    my: str | None = None
    cmp: list[str] = field(default_factory=list)
    grp: str = "all"
    bv: str = "auto"
    cls: str = "quantile"
    theme: str | None = None
    pc: bool = False
    # explorer filters and scatter axes (see benchlearn.logic.explore)
    kind: list[str] = field(default_factory=list)  # kinds of unit; empty = all
    reg: list[str] = field(default_factory=list)  # NUTS 3 codes; empty = all
    pmin: int | None = None  # population range, inclusive
    pmax: int | None = None
    thr: list[str] = field(default_factory=list)  # thresholds "code:op:value", op gt/ge/lt/le
    cols: list[str] = field(default_factory=list)  # extra indicator columns in the table
    sx: str | None = None  # scatter x and y indicators (None: chosen by the page)
    sy: str | None = None
    lx: bool = False  # log scales
    ly: bool = False
    # the URL's own comparison group, "ug=Name:LV0020000,LV0021000"; grp=user selects it
    ug_name: str = ""
    ug: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Notice:
    field: str
    value: str
    kind: str = "unknown"  # "unknown" or "year" (a year without data for the indicator)
    shown: int | None = None


def _first(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def _echo(value: str) -> str:
    clean = "".join(c for c in value if c.isprintable())
    return clean if len(clean) <= MAX_SHOWN else clean[: MAX_SHOWN - 1] + "…"


def parse(
    params: Mapping[str, str | list[str]], options: Options
) -> tuple[ViewState, list[Notice]]:
    """A ViewState from URL parameters; each rejected value becomes a notice."""
    state, notices = ViewState(), []

    def take(key: str, allowed: list[str]) -> str | None:
        raw = _first(params.get(key))
        if raw is None or raw == "":
            return None
        if raw in allowed:
            return raw
        notices.append(Notice(key, _echo(raw)))
        return None

    state.lang = take("lang", ["lv", "en"]) or state.lang
    default_ind = (
        DEFAULT_INDICATOR
        if DEFAULT_INDICATOR in options.indicators
        else (options.indicators[0] if options.indicators else DEFAULT_INDICATOR)
    )
    state.ind = take("ind", options.indicators) or default_ind
    state.year = _parse_year(_first(params.get("year")), options.years.get(state.ind, []), notices)
    state.my = take("my", options.units)
    state.cmp = _parse_list(_first(params.get("cmp")), options.units, notices)
    state.ug_name, state.ug = _parse_user_group(_first(params.get("ug")), options.units, notices)
    state.grp = take("grp", [*options.groups, *([USER_GROUP] if state.ug else [])]) or state.grp
    state.bv = take("bv", ["auto", *options.versions]) or state.bv
    state.cls = take("cls", list(CLASSIFICATIONS)) or state.cls
    state.theme = take("theme", options.themes)
    state.pc = take("pc", ["1", "0"]) == "1"
    _parse_explorer(params, options, state, notices, take)
    return state, notices


UNIT_KINDS = ("state_city", "republican_city", "novads")
THRESHOLD_OPS = ("gt", "ge", "lt", "le")
MAX_THRESHOLDS = 5
MAX_COLUMNS = 8
MAX_POPULATION = 10_000_000


def _parse_explorer(
    params: Mapping[str, str | list[str]],
    options: Options,
    state: ViewState,
    notices: list[Notice],
    take: Callable[[str, list[str]], str | None],
) -> None:
    """The explorer's fields: codes from the catalogue, whole numbers, known operators."""
    regions = [g.removeprefix("nuts:") for g in options.groups if g.startswith("nuts:")]
    state.kind = _parse_codes(params, "kind", list(UNIT_KINDS), notices, len(UNIT_KINDS))
    state.reg = _parse_codes(params, "reg", regions, notices, len(regions))
    state.cols = _parse_codes(params, "cols", options.indicators, notices, MAX_COLUMNS)
    state.thr = _parse_thresholds(_first(params.get("thr")), options.indicators, notices)
    state.pmin = _parse_count(params, "pmin", notices)
    state.pmax = _parse_count(params, "pmax", notices)
    if state.pmin is not None and state.pmax is not None and state.pmax < state.pmin:
        notices.append(Notice("pmax", str(state.pmax)))
        state.pmax = None
    state.sx = take("sx", options.indicators)
    state.sy = take("sy", options.indicators)
    state.lx = take("lx", ["1", "0"]) == "1"
    state.ly = take("ly", ["1", "0"]) == "1"


def _parse_codes(
    params: Mapping[str, str | list[str]],
    key: str,
    allowed: list[str],
    notices: list[Notice],
    limit: int,
) -> list[str]:
    """A comma-separated list of known codes, without repeats, at most `limit` long."""
    raw = _first(params.get(key))
    chosen: list[str] = []
    for item in (raw or "").split(","):
        if item in allowed and item not in chosen:
            chosen.append(item)
        elif item and item not in allowed:
            notices.append(Notice(key, _echo(item)))
    return chosen[:limit]


def _parse_count(
    params: Mapping[str, str | list[str]], key: str, notices: list[Notice]
) -> int | None:
    """A whole number of residents (0..10 million) or None."""
    raw = _first(params.get(key))
    if raw is None or raw == "":
        return None
    if raw.isascii() and raw.isdigit() and len(raw) <= 8 and int(raw) <= MAX_POPULATION:
        return int(raw)
    notices.append(Notice(key, _echo(raw)))
    return None


def parse_threshold(text: str, indicators: list[str]) -> tuple[str, str, float] | None:
    """'code:op:value' -> (code, op, value); None unless every part is valid."""
    parts = text.split(":")
    if len(parts) != 3 or len(text) > 120:
        return None
    code, op, raw = parts
    if code not in indicators or op not in THRESHOLD_OPS or len(raw) > 24:
        return None
    if not raw.isascii() or not all(c in "0123456789.-eE+" for c in raw):
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return (code, op, value) if math.isfinite(value) else None


def threshold_text(code: str, op: str, value: float) -> str:
    """The URL form of a threshold: whole numbers without '.0', others as Python writes them."""
    number = str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)
    return f"{code}:{op}:{number}"


def _parse_thresholds(raw: str | None, indicators: list[str], notices: list[Notice]) -> list[str]:
    chosen: list[str] = []
    for item in (raw or "").split(","):
        if not item:
            continue
        parsed = parse_threshold(item, indicators)
        if parsed is None:
            notices.append(Notice("thr", _echo(item)))
            continue
        text = threshold_text(*parsed)
        if text not in chosen:
            chosen.append(text)
    return chosen[:MAX_THRESHOLDS]


def _parse_year(raw: str | None, years: list[int], notices: list[Notice]) -> int | None:
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 4:
        notices.append(Notice("year", _echo(raw)))
        return None
    year = int(raw)
    if year not in years:
        notices.append(Notice("year", raw, kind="year", shown=years[-1] if years else None))
        return None
    return year


def _parse_list(raw: str | None, allowed: list[str], notices: list[Notice]) -> list[str]:
    if not raw:
        return []
    chosen = []
    for item in raw.split(","):
        if item in allowed and item not in chosen:
            chosen.append(item)
        elif item and item not in allowed:
            notices.append(Notice("cmp", _echo(item)))
    return chosen[:MAX_COMPARED]


def _parse_user_group(
    raw: str | None, allowed: list[str], notices: list[Notice]
) -> tuple[str, list[str]]:
    """'Name:LV0020000,LV0021000' -> (name, ids). The name is everything before the last
    ':' (it may be empty; control characters are dropped, at most MAX_GROUP_NAME kept);
    unknown or repeated ids are left out, unknown ones with a notice. No valid id: no group."""
    if not raw:
        return "", []
    name, _, ids = raw.rpartition(":")
    name = "".join(c for c in name if c.isprintable()).strip()[:MAX_GROUP_NAME].strip()
    chosen: list[str] = []
    for item in ids.split(","):
        if item in allowed and item not in chosen:
            chosen.append(item)
        elif item and item not in allowed:
            notices.append(Notice("ug", _echo(item)))
    if not chosen:
        if not ids.strip(","):
            notices.append(Notice("ug", _echo(raw)))
        return "", []
    return name, chosen


def to_params(state: ViewState) -> dict[str, str]:
    """URL parameters for a state; defaults are left out to keep links short."""
    default = ViewState()
    out: dict[str, str] = {}
    if state.lang != default.lang:
        out["lang"] = state.lang
    if state.ind != default.ind:
        out["ind"] = state.ind
    if state.year is not None:
        out["year"] = str(state.year)
    if state.my:
        out["my"] = state.my
    if state.cmp:
        out["cmp"] = ",".join(state.cmp)
    for key in ("grp", "bv", "cls"):
        if getattr(state, key) != getattr(default, key):
            out[key] = getattr(state, key)
    if state.theme:
        out["theme"] = state.theme
    if state.pc:
        out["pc"] = "1"
    if state.ug:
        out["ug"] = f"{state.ug_name}:{','.join(state.ug)}" if state.ug_name else ",".join(state.ug)
    for key in ("kind", "reg", "thr", "cols"):
        if getattr(state, key):
            out[key] = ",".join(getattr(state, key))
    for key in ("pmin", "pmax", "sx", "sy"):
        if getattr(state, key) is not None:
            out[key] = str(getattr(state, key))
    for key in ("lx", "ly"):
        if getattr(state, key):
            out[key] = "1"
    return out
