"""The view state carried in the URL: parsed, validated and written back, without Streamlit.

Every URL parameter is a code (never a translated label), so a link opens the same view in
either language. A value that is not valid is dropped and reported as a notice, never raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_INDICATOR = "road_asphalt_share_pct"
CLASSIFICATIONS = ("quantile", "equal")
MAX_COMPARED = 12
MAX_SHOWN = 60  # characters of a rejected value echoed back to the user


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
    state.grp = take("grp", options.groups) or state.grp
    state.bv = take("bv", ["auto", *options.versions]) or state.bv
    state.cls = take("cls", list(CLASSIFICATIONS)) or state.cls
    state.theme = take("theme", options.themes)
    state.pc = take("pc", ["1", "0"]) == "1"
    return state, notices


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
    return out
