"""The view state carried in the URL: parsed, validated and written back, without Streamlit.

Every URL parameter is a code (never a translated label), so a link opens the same view in
either language. A value that is not valid is dropped and reported as a notice, never raised.

This is the one parser of the URL, for the shared view and for the pages' own fields alike
(the networks page's network, the presentation's deck, slide and seminar settings, the
profile's open trend charts, the comparison's indicators, the peers' and the index's
settings): all are fields of one ViewState. A page's own fields are written to the URL only
on that page (PAGE_FIELDS), so its links restore them and other pages' links stay short;
RESETS names the fields that go back to their defaults when another one changes. Every
value is measured first: one longer than its parameter's
MAX_LENGTH is rejected without being read any further, so a parse costs the same for a
megabyte as for a word. Then each field has a strict grammar (ASCII digits only, bounded
ranges, codes from the allowed set); a list reports at most MAX_LIST_NOTICES of its rejected
items, so ten thousand bad items are one short problem, not ten thousand warnings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from benchlearn.logic.composite import VRAA_PRESET

DEFAULT_INDICATOR = "road_asphalt_share_pct"
CLASSIFICATIONS = ("quantile", "equal")
MAX_COMPARED = 12
MAX_SHOWN = 60  # characters of a rejected value echoed back to the user
USER_GROUP = "user"  # grp value selecting the URL's own group (logic.groups.USER)
MAX_GROUP_NAME = 40

# What a value may be at most, in characters, before anything else looks at it.
MAX_VALUE = 64  # a code, a number or a flag
MAX_LIST = 1024  # a comma-separated list: 43 units and a group name fit with room to spare
LIST_FIELDS = ("cmp", "ug", "kind", "reg", "cols", "thr", "inds", "pw", "iw")
VIEW_FIELDS = (  # shared by every page, always in the URL (unless at their default)
    *("lang", "ind", "year", "my", "cmp", "ug", "grp", "bv", "cls", "theme", "pc"),
    *("kind", "reg", "cols", "thr", "pmin", "pmax", "sx", "sy", "lx", "ly", "hide"),
)
# The pages' own fields, by the page's URL path: in the URL only while that page is shown
# (viewstate.write_url), and taken from the URL when an in-app link opens the page with
# them (viewstate.arrive). They are fields of ViewState like the others.
PAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "tikli": ("tikls",),  # networks: the network shown
    "prezentacija": ("deck", "slide", "anon", "spot", "timer"),  # presentation mode
    "profils": ("tendences",),  # profile: the trend charts open
    "salidzinajums": ("inds",),  # comparison: the chosen indicators
    "lidzigas": ("k", "pyear", "pw"),  # similar municipalities: how many, year, weights
    "indeksi": ("preset", "iyear", "band", "iw"),  # composite index: preset, year, band, rows
}
OWN_FIELDS = tuple(f for fields in PAGE_FIELDS.values() for f in fields)
# A change of the key (by a widget or set_view) puts these back to their defaults: the
# comparison's indicators follow its theme, indicator, year and boundaries (so a copied
# link shows the same table), the theme follows the indicator, a new deck starts at its
# title slide, and a new index preset at its best year with its own rows.
RESETS: dict[str, tuple[str, ...]] = {
    "ind": ("theme", "inds"),
    "theme": ("inds",),
    "year": ("inds",),
    "bv": ("inds",),
    "deck": ("slide",),
    "preset": ("iyear", "iw"),
}
MAX_LENGTH = {
    key: MAX_LIST if key in LIST_FIELDS else MAX_VALUE for key in (*VIEW_FIELDS, *OWN_FIELDS)
}
MAX_LIST_NOTICES = 3  # rejected items of one list that are reported
YEAR_RANGE = (1990, 2100)
# User-data ids (networks, decks) are SQL INTEGER columns, 32-bit on PostgreSQL: a larger id
# could only fail downstream, so it is rejected here (it also fits a signed 64-bit integer).
MAX_ID = 2**31 - 1
MAX_SLIDE = 999  # slides of a deck a link may name (1-based)
MAX_TIMER = 180  # minutes of a presentation's timer
MAX_INDICATORS = 12  # indicators of the comparison's table
DEFAULT_PEERS, MAX_PEERS = 7, MAX_COMPARED - 1  # the focus joins its peers among the compared
INDEX_PRESETS = ("vraa", "example")  # benchlearn.logic.indexview.PRESETS
DEFAULT_BAND, MAX_BAND = 20, 90  # the composite index's weights varied by +- this %
MAX_WEIGHTS = 20  # rows of the peers' or the index's weights a link may carry
MAX_PEER_WEIGHT = 10.0  # benchlearn.logic.similar.MAX_WEIGHT
MAX_INDEX_WEIGHT = 100.0  # benchlearn.logic.indexview.MAX_WEIGHT
INDEX_DIRECTIONS = {"h": "higher_better", "l": "lower_better"}  # ?iw= code:weight:h|l


@dataclass(frozen=True)
class Options:
    """What the database offers, against which URL values are checked."""

    indicators: list[str]
    years: dict[str, list[int]]  # indicator -> years with data, ascending
    units: list[str]  # selectable local governments
    groups: list[str]
    versions: list[str]  # boundary versions a map can show ("auto" is always allowed)
    themes: list[str]
    networks: list[int] | None = None  # network ids (?tikls=); None: not checked here


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
    hide: bool = False  # hide municipalities' contributed values (issue 18)
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
    # --- the pages' own fields (PAGE_FIELDS) ---
    tikls: int | None = None  # networks: the network shown (None: the first)
    deck: int | None = None  # presentation: the deck
    slide: int | None = None  # presentation: the slide, 1-based; None: the title slide
    anon: bool = False  # presentation: municipalities shown as letters
    spot: str | None = None  # presentation: the municipality in the spotlight (a unit id)
    timer: int | None = None  # presentation: the timer's minutes (None: no timer)
    tendences: bool = False  # profile: the trend charts open
    inds: list[str] | None = None  # comparison: its indicators (None: the theme's defaults)
    k: int = DEFAULT_PEERS  # similar municipalities: how many
    pyear: int | None = None  # similar municipalities: the year (None: the best one)
    preset: str = INDEX_PRESETS[0]  # composite index: the preset
    iyear: int | None = None  # composite index: the year (None: the best one)
    band: int = DEFAULT_BAND  # composite index: weights varied by +- this %
    # the weights as "code:weight" (peers) and "code:weight:h|l" (index, h: higher is
    # better); None: the page's defaults (the peers' default indicators, the preset's rows)
    pw: list[str] | None = None
    iw: list[str] | None = None


@dataclass(frozen=True)
class Notice:
    field: str
    value: str
    kind: str = "unknown"  # "unknown" or "year" (a year without data for the indicator)
    shown: int | None = None


def _echo(value: str) -> str:
    """At most MAX_SHOWN printable characters of a rejected value, from its first few: the
    rest of a long value is never read."""
    head = value[: 4 * MAX_SHOWN]
    clean = "".join(c for c in head if c.isprintable())
    if len(clean) <= MAX_SHOWN and len(head) == len(value):
        return clean
    return clean[: MAX_SHOWN - 1] + "…"


def _value(params: Mapping[str, str | list[str]], key: str, notices: list[Notice]) -> str | None:
    """The parameter's value (the last one if repeated); None if absent or empty. A value
    longer than MAX_LENGTH[key] becomes a notice here, before anything else reads it."""
    raw = params.get(key)
    if isinstance(raw, list):
        raw = raw[-1] if raw else None
    if raw is None:
        return None
    if not isinstance(raw, str):
        notices.append(Notice(key, "?"))
        return None
    if len(raw) > MAX_LENGTH[key]:
        notices.append(Notice(key, _echo(raw)))
        return None
    return raw if len(raw) else None


_WHOLE = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also accepts "²" and "٣"
_POSITIVE = re.compile(r"[1-9][0-9]*")  # an id or a position: no sign, no leading zeros
_NATURAL = re.compile(r"0|[1-9][0-9]*")  # zero or more: no sign, no leading zeros


def _whole(raw: str, digits: int, pattern: re.Pattern[str] = _WHOLE) -> int | None:
    """`raw` as an int if it is at most `digits` ASCII digits in `pattern`'s form, else None."""
    if len(raw) > digits or not pattern.fullmatch(raw):
        return None
    return int(raw)


def parse(
    params: Mapping[str, str | list[str]], options: Options
) -> tuple[ViewState, list[Notice]]:
    """A ViewState from URL parameters, the pages' own fields included; each rejected value
    becomes a notice, so every bad value of a link is reported."""
    state, notices = ViewState(), []

    def take(key: str, allowed: list[str]) -> str | None:
        raw = _value(params, key, notices)
        if raw is None:
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
    state.year = _parse_year(
        _value(params, "year", notices), options.years.get(state.ind, []), notices
    )
    state.my = take("my", options.units)
    state.cmp = _items(_value(params, "cmp", notices), "cmp", options.units, notices)
    state.cmp = state.cmp[:MAX_COMPARED]
    state.ug_name, state.ug = _parse_user_group(
        _value(params, "ug", notices), options.units, notices
    )
    state.grp = take("grp", [*options.groups, *([USER_GROUP] if state.ug else [])]) or state.grp
    state.bv = take("bv", ["auto", *options.versions]) or state.bv
    state.cls = take("cls", list(CLASSIFICATIONS)) or state.cls
    state.theme = take("theme", options.themes)
    state.pc = take("pc", ["1", "0"]) == "1"
    state.hide = take("hide", ["1", "0"]) == "1"
    _parse_explorer(params, options, state, notices, take)
    _parse_pages(params, options, state, notices, take)
    return state, notices


def _parse_pages(
    params: Mapping[str, str | list[str]],
    options: Options,
    state: ViewState,
    notices: list[Notice],
    take: Callable[[str, list[str]], str | None],
) -> None:
    """The pages' own fields: ?tikls= (a network id, one of options.networks unless None),
    ?deck= (an id: whether that deck exists is the store's to say), ?slide= (1-based),
    ?tendences= and ?anon= (1 or 0), ?spot= (a unit id of options.units), ?timer= (minutes,
    1..MAX_TIMER), ?inds= (indicator codes, at most MAX_INDICATORS), ?k= (1..MAX_PEERS),
    ?pyear= and ?iyear= (years in YEAR_RANGE: whether there are data the page says),
    ?preset= (one of INDEX_PRESETS) and ?band= (0..MAX_BAND). Ids are positive and at most
    MAX_ID; bad values become notices."""

    def number(
        key: str, limit: int, allowed: Collection[int] | None = None, pattern=_POSITIVE
    ) -> int | None:
        raw = _value(params, key, notices)
        if raw is None:
            return None
        value = _whole(raw, len(str(limit)), pattern)
        if value is None or value > limit or (allowed is not None and value not in allowed):
            notices.append(Notice(key, _echo(raw)))
            return None
        return value

    def year(key: str) -> int | None:
        value = number(key, YEAR_RANGE[1])
        if value is not None and value < YEAR_RANGE[0]:
            notices.append(Notice(key, str(value)))
            return None
        return value

    state.tikls = number("tikls", MAX_ID, options.networks)
    state.deck = number("deck", MAX_ID)
    state.slide = number("slide", MAX_SLIDE)
    state.anon = take("anon", ["1", "0"]) == "1"
    spot = _value(params, "spot", notices)
    if spot is not None and not (_UNIT_ID.fullmatch(spot) and spot in frozenset(options.units)):
        notices.append(Notice("spot", _echo(spot)))
        spot = None
    state.spot = spot
    state.timer = number("timer", MAX_TIMER)
    state.tendences = take("tendences", ["1", "0"]) == "1"
    inds = _value(params, "inds", notices)
    if inds is not None:
        state.inds = _items(inds, "inds", options.indicators, notices)[:MAX_INDICATORS]
    state.k = number("k", MAX_PEERS) or state.k
    state.pyear = year("pyear")
    state.preset = take("preset", list(INDEX_PRESETS)) or state.preset
    band = number("band", MAX_BAND, pattern=_NATURAL)
    state.band = state.band if band is None else band
    state.iyear = year("iyear")
    raw = _value(params, "pw", notices)
    if raw is not None:
        state.pw = _parse_weights(raw, "pw", options.indicators, MAX_PEER_WEIGHT, notices)
    raw = _value(params, "iw", notices)
    if raw is not None:
        codes = [*options.indicators, *(c.code for c in VRAA_PRESET)]  # VRAA's not held too
        state.iw = _parse_weights(raw, "iw", codes, MAX_INDEX_WEIGHT, notices, directed=True)


def number_text(value: float) -> str:
    """A number as a URL writes it: whole numbers without '.0', others as Python does."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def weight_text(code: str, weight: float, direction: str | None = None) -> str:
    """One row of ?pw= ("code:weight") or, with a direction, of ?iw= ("code:weight:h")."""
    if direction is None:
        return f"{code}:{number_text(weight)}"
    short = next(k for k, v in INDEX_DIRECTIONS.items() if v == direction)
    return f"{code}:{number_text(weight)}:{short}"


def _parse_weights(
    raw: str,
    key: str,
    codes: Collection[str],
    limit: float,
    notices: list[Notice],
    directed: bool = False,
) -> list[str]:
    """Rows "code:weight" (with ":h" or ":l" if `directed`): a known code, a decimal number
    in 0..limit; a repeated code keeps its first row; at most MAX_WEIGHTS rows. Rejected rows
    are reported, at most MAX_LIST_NOTICES of them."""
    known, chosen, seen, rejected = frozenset(codes), [], set(), 0
    for item in raw.split(","):
        if not item:
            continue
        parts = item.split(":")
        ok = len(parts) == (3 if directed else 2) and parts[0] in known
        ok = ok and len(parts[1]) <= 24 and bool(_NUMBER.fullmatch(parts[1]))
        ok = ok and math.isfinite(float(parts[1])) and 0 <= float(parts[1]) <= limit
        ok = ok and (not directed or parts[2] in INDEX_DIRECTIONS)
        if not ok:
            rejected += 1
            if rejected <= MAX_LIST_NOTICES:
                notices.append(Notice(key, _echo(item)))
            continue
        if parts[0] not in seen:
            seen.add(parts[0])
            direction = INDEX_DIRECTIONS[parts[2]] if directed else None
            chosen.append(weight_text(parts[0], float(parts[1]), direction))
    return chosen[:MAX_WEIGHTS]


def resets(field: str) -> dict[str, object]:
    """The fields a change of `field` puts back to their defaults (RESETS), with those."""
    default = ViewState()
    return {key: getattr(default, key) for key in RESETS.get(field, ())}


# the form of every unit id: LV0001000, or LV0038000_2025 for a unit of a later reform
_UNIT_ID = re.compile(r"[A-Z]{2}[0-9]{7}(?:_[0-9]{4})?")


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
    state.kind = _items(_value(params, "kind", notices), "kind", UNIT_KINDS, notices)
    state.reg = _items(_value(params, "reg", notices), "reg", regions, notices)
    state.cols = _items(_value(params, "cols", notices), "cols", options.indicators, notices)
    state.cols = state.cols[:MAX_COLUMNS]
    state.thr = _parse_thresholds(_value(params, "thr", notices), options.indicators, notices)
    state.pmin = _parse_count(params, "pmin", notices)
    state.pmax = _parse_count(params, "pmax", notices)
    if state.pmin is not None and state.pmax is not None and state.pmax < state.pmin:
        notices.append(Notice("pmax", str(state.pmax)))
        state.pmax = None
    state.sx = take("sx", options.indicators)
    state.sy = take("sy", options.indicators)
    state.lx = take("lx", ["1", "0"]) == "1"
    state.ly = take("ly", ["1", "0"]) == "1"


def _items(raw: str | None, key: str, allowed: Collection[str], notices: list[Notice]) -> list[str]:
    """The known codes of a comma-separated list, in order, without repeats. Unknown items are
    reported, at most MAX_LIST_NOTICES of them (the list is at most MAX_LIST long)."""
    known = frozenset(allowed)
    chosen: list[str] = []
    rejected = 0
    for item in (raw or "").split(","):
        if item in known:
            if item not in chosen:
                chosen.append(item)
        elif item:
            rejected += 1
            if rejected <= MAX_LIST_NOTICES:
                notices.append(Notice(key, _echo(item)))
    return chosen


def _parse_count(
    params: Mapping[str, str | list[str]], key: str, notices: list[Notice]
) -> int | None:
    """A whole number of residents (0..10 million) or None."""
    raw = _value(params, key, notices)
    if raw is None:
        return None
    number = _whole(raw, 8)
    if number is not None and number <= MAX_POPULATION:
        return number
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
    if not _NUMBER.fullmatch(raw):
        return None
    value = float(raw)
    return (code, op, value) if math.isfinite(value) else None


# A decimal number in ASCII, as Python writes one: optional sign, digits, point, exponent.
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?")


def threshold_text(code: str, op: str, value: float) -> str:
    """The URL form of a threshold: whole numbers without '.0', others as Python writes them."""
    return f"{code}:{op}:{number_text(value)}"


def _parse_thresholds(raw: str | None, indicators: list[str], notices: list[Notice]) -> list[str]:
    chosen: list[str] = []
    rejected = 0
    for item in (raw or "").split(","):
        if not item:
            continue
        parsed = parse_threshold(item, indicators)
        if parsed is None:
            rejected += 1
            if rejected <= MAX_LIST_NOTICES:
                notices.append(Notice("thr", _echo(item)))
            continue
        text = threshold_text(*parsed)
        if text not in chosen:
            chosen.append(text)
    return chosen[:MAX_THRESHOLDS]


def _parse_year(raw: str | None, years: list[int], notices: list[Notice]) -> int | None:
    """Four ASCII digits; a year outside YEAR_RANGE or without data is reported as such."""
    if raw is None:
        return None
    year = _whole(raw, 4)
    if year is None or len(raw) != 4:
        notices.append(Notice("year", _echo(raw)))
        return None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1] or year not in years:
        notices.append(Notice("year", raw, kind="year", shown=years[-1] if years else None))
        return None
    return year


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
    chosen = _items(ids, "ug", allowed, notices)
    if not chosen:
        if not ids.strip(","):
            notices.append(Notice("ug", _echo(raw)))
        return "", []
    return name, chosen


def to_params(state: ViewState, page: str | None = None) -> dict[str, str]:
    """URL parameters for a state: the shared fields and the own fields of the page at URL
    path `page` (none for None); defaults are left out to keep links short."""
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
    if state.hide:
        out["hide"] = "1"
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
    own = PAGE_FIELDS.get(page or "", ())
    for key in own:
        value = getattr(state, key)
        if value == getattr(default, key) or value is None:
            continue
        if isinstance(value, bool):
            out[key] = "1"
        elif isinstance(value, list):
            if value:
                out[key] = ",".join(value)
        else:
            out[key] = str(value)
    return out
