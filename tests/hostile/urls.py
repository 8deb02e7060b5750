"""Hostile URLs: what benchlearn.state's parser makes of them.

Every case is a set of query parameters someone could put in a link: each parameter the parser
knows (the shared view's and the pages' own: ?tikls=, ?deck=, ?slide=, ?tendences=,
presentation mode's ?anon=, ?spot=, ?timer=, the comparison's ?inds=, the peers' ?k=,
?pyear= and ?pw=, the index's ?preset=, ?iyear=, ?band= and ?iw=) with
superscript and other non-ASCII digits, huge integers, 100 kB and 10 MB values, NUL and control
characters, bidi overrides, percent-encoded junk, lists of 10 000 items, SQL, and the edge
values of every range. Each case is parsed by `state.parse` (the one parser) against a
synthetic Options (no Streamlit, no warehouse). Outcomes:
- "handled": parsed without exception in under a second; every value accepted is allowed
  (a known code, a year of the indicator, an id in range, ...); every bad value is dropped
  with a notice for its field (at most MAX_LIST_NOTICES per field), each notice short and
  printable; the cases in VALID are accepted without a notice;
- "harmful": an exception, a bad value accepted or dropped silently, a flood of notices, or a
  parse that took more than a second.
Runs without Streamlit: `python -m tests.hostile.urls`.
"""

from __future__ import annotations

import time
from collections import Counter

from benchlearn.logic.composite import VRAA_PRESET
from benchlearn.state import (
    CLASSIFICATIONS,
    INDEX_DIRECTIONS,
    INDEX_PRESETS,
    MAX_BAND,
    MAX_COLUMNS,
    MAX_COMPARED,
    MAX_GROUP_NAME,
    MAX_ID,
    MAX_INDEX_WEIGHT,
    MAX_INDICATORS,
    MAX_LENGTH,
    MAX_LIST,
    MAX_LIST_NOTICES,
    MAX_PEER_WEIGHT,
    MAX_PEERS,
    MAX_POPULATION,
    MAX_SHOWN,
    MAX_SLIDE,
    MAX_THRESHOLDS,
    MAX_TIMER,
    MAX_WEIGHTS,
    UNIT_KINDS,
    USER_GROUP,
    YEAR_RANGE,
    Notice,
    Options,
    ViewState,
    parse,
    parse_threshold,
)

UNITS = [f"LV00{n:02d}000" for n in range(1, 44)] + ["LV0038000_2025"]
OPTIONS = Options(
    indicators=["road_asphalt_share_pct", "population_avg", "births_per_1000", "area_km2"],
    years={
        "road_asphalt_share_pct": [2022, 2023, 2024],
        "population_avg": list(range(2012, 2025)),
        "births_per_1000": list(range(2012, 2025)),
        "area_km2": [2021, 2025],
    },
    units=UNITS,
    groups=["all", "state_cities", "novadi", "compared", "nuts:LV003", "pop:lt15k", "net:1"],
    versions=["pre2021", "lg2021", "lg2025"],
    themes=["population", "roads", "net:1"],
    networks=[1, 2, 7],
)
FIELDS = tuple(MAX_LENGTH)  # every parameter the parser knows
LIMIT_SECONDS = 1.0

# Values that are wrong for every parameter.
GENERIC: list[tuple[str, str]] = [
    ("superscript digit", "2²"),
    ("superscript alone", "²"),
    ("arabic-indic digits", "٢٠٢٤"),
    ("fullwidth digits", "２０２４"),
    ("huge integer", "9" * 40),
    ("2**63", str(2**63)),
    ("negative", "-1"),
    ("100 kB", "x" * 100_000),
    ("NUL", "\x00"),
    ("control characters", "\x1b[31mred\x1b[0m\r\n"),
    ("RTL override", "\u202eLV0020000"),
    ("percent-encoded junk", "%00%ff%E2%80%AE%2e%2e%2f%0d%0a"),
    ("list of 10 000 items", ",".join(["LV9999999"] * 10_000)),
    ("SQL", "'; DROP TABLE observations; --"),
    ("zero-width space", "2024\u200b"),
]

# Wrong values particular to one parameter (edges of ranges, near misses).
SPECIFIC: list[tuple[str, dict[str, str]]] = [
    ("year before the range", {"year": "1800"}),
    ("year after the range", {"year": "2101"}),
    ("year zero", {"year": "0000"}),
    ("year of five digits", {"year": "20245"}),
    ("year with a sign", {"year": "+2024"}),
    ("year with a blank", {"year": "2024 "}),
    ("year without data", {"ind": "area_km2", "year": "2024"}),
    ("year as a float", {"year": "2024.0"}),
    ("deck zero", {"deck": "0"}),
    ("deck one past the id range", {"deck": str(MAX_ID + 1)}),
    ("deck past 64 bits", {"deck": str(2**64)}),
    ("deck with leading zeros", {"deck": "007"}),
    ("deck with a plus", {"deck": "+5"}),
    ("deck in exponent form", {"deck": "1e3"}),
    ("deck in hex", {"deck": "0x10"}),
    ("deck with an underscore", {"deck": "1_000"}),
    ("deck with a leading blank", {"deck": " 1"}),
    ("deck repeated with commas", {"deck": "1,2"}),
    ("slide zero", {"slide": "0"}),
    ("slide past the bound", {"slide": str(MAX_SLIDE + 1)}),
    ("slide negative", {"slide": "-3"}),
    ("network unknown", {"tikls": "999"}),
    ("network zero", {"tikls": "0"}),
    ("network with a superscript", {"tikls": "1²"}),
    ("trends yes", {"tendences": "yes"}),
    ("anonymise yes", {"anon": "yes"}),
    ("spotlight unknown", {"spot": "LV9999999"}),
    ("spotlight in lower case", {"spot": "lv0020000"}),
    ("spotlight as a name", {"spot": "Jelgava"}),
    ("timer zero", {"timer": "0"}),
    ("timer past the bound", {"timer": str(MAX_TIMER + 1)}),
    ("timer with a fraction", {"timer": "2.5"}),
    ("trends two", {"tendences": "2"}),
    ("comparison indicators unknown", {"inds": "nope,population_avg\x00"}),
    ("comparison indicators, 300 unknown items", {"inds": "x," * 300}),
    ("peers zero", {"k": "0"}),
    ("peers past the bound", {"k": str(MAX_PEERS + 1)}),
    ("peers with a leading zero", {"k": "07"}),
    ("peers negative", {"k": "-7"}),
    ("peers' year before the range", {"pyear": str(YEAR_RANGE[0] - 1)}),
    ("peers' year after the range", {"pyear": str(YEAR_RANGE[1] + 1)}),
    ("peers' year of two digits", {"pyear": "24"}),
    ("index year zero", {"iyear": "0000"}),
    ("index year huge", {"iyear": "9" * 30}),
    ("index preset unknown", {"preset": "vraa2"}),
    ("index preset in capitals", {"preset": "VRAA"}),
    ("band past the bound", {"band": str(MAX_BAND + 1)}),
    ("band negative", {"band": "-5"}),
    ("band with a leading zero", {"band": "05"}),
    ("band as a fraction", {"band": "2.5"}),
    ("peers' weight over the bound", {"pw": "area_km2:10.5"}),
    ("peers' weight infinite", {"pw": "area_km2:1e999"}),
    ("peers' weight nan", {"pw": "area_km2:nan"}),
    ("peers' weight without a weight", {"pw": "area_km2"}),
    ("peers' weights, 200 unknown rows", {"pw": "x:1," * 200}),
    ("index row without a direction", {"iw": "area_km2:1"}),
    ("index row with an unknown direction", {"iw": "area_km2:1:higher_better"}),
    ("index weight over the bound", {"iw": "area_km2:100.5:h"}),
    ("index weight negative", {"iw": "area_km2:-1:l"}),
    ("trends true", {"tendences": "true"}),
    ("population over ten million", {"pmin": str(MAX_POPULATION + 1)}),
    ("population in exponent form", {"pmax": "1e9"}),
    ("population with a space", {"pmin": "5 000"}),
    ("threshold overflowing to infinity", {"thr": "population_avg:gt:1e999"}),
    ("threshold nan", {"thr": "population_avg:gt:nan"}),
    ("threshold inf", {"thr": "population_avg:gt:inf"}),
    ("threshold hex", {"thr": "population_avg:gt:0x1A"}),
    ("threshold arabic-indic digit", {"thr": "population_avg:gt:١"}),
    ("threshold unknown operator", {"thr": "population_avg:eq:1"}),
    ("threshold two colons too many", {"thr": "population_avg:gt:1:2:3"}),
    ("thresholds over the list bound", {"thr": "population_avg:gt:1," * 200}),
    ("thresholds, 150 bad items", {"thr": ",".join(["a:b:c"] * 150)}),
    ("columns over the list bound", {"cols": ",".join(["population_avg"] * 100)}),
    ("compared, 500 unknown items", {"cmp": "x," * 500}),
    ("kinds, 140 unknown items", {"kind": "castle," * 140}),
    ("regions as group codes", {"reg": "nuts:LV003"}),
    ("group name without members", {"ug": "Kaimiņi:"}),
    ("group of unknown members only", {"ug": "X:LV9999999,nope"}),
    ("group, 250 unknown members", {"ug": "X:" + "LV1," * 250}),
    ("group name over the list bound", {"ug": "N" * MAX_LIST + ":LV0020000"}),
    ("user group without its members", {"grp": USER_GROUP}),
    ("language in capitals", {"lang": "LV"}),
    ("language with a region", {"lang": "lv-LV"}),
    ("classification unknown", {"cls": "jenks"}),
    ("boundaries unknown", {"bv": "lg1999"}),
    ("flag word", {"pc": "true"}),
    ("log axis yes", {"lx": "yes"}),
    ("network theme of another network", {"theme": "net:2"}),
    ("indicator homoglyph", {"ind": "ｐopulation_avg"}),
    ("municipality in lower case", {"my": "lv0020000"}),
    ("10 MB indicator", {"ind": "x" * 10_000_000}),
    ("every parameter 100 kB at once", dict.fromkeys(FIELDS, "7" * 100_000)),
    ("every parameter a superscript at once", dict.fromkeys(FIELDS, "1²")),
]

# Valid links: accepted whole, without a notice (sanitised free text included).
VALID_CASES: list[tuple[str, dict[str, str]]] = [
    (
        "valid: a full view",
        {
            "lang": "en",
            "ind": "population_avg",
            "year": "2015",
            "my": "LV0020000",
            "cmp": ",".join(UNITS[:MAX_COMPARED]),
            "grp": "nuts:LV003",
            "bv": "lg2021",
            "cls": "equal",
            "theme": "roads",
            "pc": "1",
        },
    ),
    (
        "valid: the explorer",
        {
            "kind": "novads,state_city",
            "reg": "LV003",
            "pmin": "0",
            "pmax": str(MAX_POPULATION),
            "thr": "population_avg:gt:-1.5e3,births_per_1000:le:.5",
            "cols": "area_km2",
            "sx": "population_avg",
            "sy": "births_per_1000",
            "lx": "1",
            "ly": "0",
        },
    ),
    ("valid: the largest deck id", {"deck": str(MAX_ID), "slide": str(MAX_SLIDE)}),
    ("valid: a network and its trends", {"tikls": "7", "tendences": "1"}),
    (
        "valid: comparison indicators at their bound",
        {"inds": "population_avg,area_km2,population_avg"},  # a repeat is left out quietly
    ),
    ("valid: the peers' settings", {"k": str(MAX_PEERS), "pyear": str(YEAR_RANGE[0])}),
    ("valid: the index's settings", {"preset": "example", "iyear": "2024", "band": "0"}),
    ("valid: the widest band", {"preset": "vraa", "band": str(MAX_BAND)}),
    ("valid: the peers' weights", {"pw": "area_km2:10,population_avg:0,area_km2:2"}),
    ("valid: an index with a code not held", {"iw": "area_km2:100:h,unemployment_rate:.5:l"}),
    ("valid: the first slide", {"deck": "1", "slide": "1", "tendences": "0"}),
    (
        "valid: an anonymised seminar",
        {"deck": "1", "anon": "1", "spot": "LV0038000_2025", "timer": str(MAX_TIMER)},
    ),
    ("valid: every member in a group", {"ug": "Visi:" + ",".join(UNITS), "grp": USER_GROUP}),
    (
        "valid: a group name with control and bidi characters",
        {"ug": "\u202e\x00Kaimiņi\x1b" + "x" * 80 + ":LV0020000", "grp": USER_GROUP},
    ),
    ("valid: a group name with markdown", {"ug": "![x](https://t.example/p.gif):LV0001000"}),
    ("valid: the years at the data's edges", {"ind": "population_avg", "year": "2012"}),
    ("valid: a network as the group", {"grp": "net:1", "theme": "net:1"}),
]
VALID = {name for name, _ in VALID_CASES}
# Parameters of a bad case that are themselves valid (no notice expected for them).
VALID_KEYS = {"year without data": {"ind"}}

CASES: list[tuple[str, dict[str, str]]] = [
    *((f"{key}: {label}", {key: value}) for key in FIELDS for label, value in GENERIC),
    *SPECIFIC,
    *VALID_CASES,
]


def _invalid_accepted(state: ViewState, options: Options) -> list[str]:
    """Accepted values that are not allowed: each is a bad value that got through."""
    regions = {g.removeprefix("nuts:") for g in options.groups if g.startswith("nuts:")}
    units, indicators = set(options.units), set(options.indicators)
    checks = {
        "lang": state.lang in ("lv", "en"),
        "ind": state.ind in indicators,
        "year": state.year is None or state.year in options.years.get(state.ind, []),
        "my": state.my is None or state.my in units,
        "cmp": set(state.cmp) <= units and len(state.cmp) <= MAX_COMPARED,
        "ug": set(state.ug) <= units
        and len(state.ug_name) <= MAX_GROUP_NAME
        and (state.ug_name.isprintable() or not state.ug_name),
        "grp": state.grp in [*options.groups, *([USER_GROUP] if state.ug else [])],
        "bv": state.bv in ["auto", *options.versions],
        "cls": state.cls in CLASSIFICATIONS,
        "theme": state.theme is None or state.theme in options.themes,
        "kind": set(state.kind) <= set(UNIT_KINDS),
        "reg": set(state.reg) <= regions,
        "cols": set(state.cols) <= indicators and len(state.cols) <= MAX_COLUMNS,
        "thr": len(state.thr) <= MAX_THRESHOLDS
        and all(parse_threshold(item, options.indicators) for item in state.thr),
        "pmin": state.pmin is None or 0 <= state.pmin <= MAX_POPULATION,
        "pmax": state.pmax is None or 0 <= state.pmax <= MAX_POPULATION,
        "sx": state.sx is None or state.sx in indicators,
        "sy": state.sy is None or state.sy in indicators,
        "tikls": state.tikls is None
        or (options.networks is not None and state.tikls in options.networks),
        "deck": state.deck is None or 1 <= state.deck <= MAX_ID,
        "slide": state.slide is None or 1 <= state.slide <= MAX_SLIDE,
        "spot": state.spot is None or state.spot in units,
        "timer": state.timer is None or 1 <= state.timer <= MAX_TIMER,
        "inds": state.inds is None
        or (set(state.inds) <= indicators and len(state.inds) <= MAX_INDICATORS),
        "k": 1 <= state.k <= MAX_PEERS,
        "pyear": state.pyear is None or YEAR_RANGE[0] <= state.pyear <= YEAR_RANGE[1],
        "iyear": state.iyear is None or YEAR_RANGE[0] <= state.iyear <= YEAR_RANGE[1],
        "preset": state.preset in INDEX_PRESETS,
        "band": 0 <= state.band <= MAX_BAND,
        "pw": state.pw is None or _weights_ok(state.pw, indicators, MAX_PEER_WEIGHT),
        "iw": state.iw is None
        or _weights_ok(state.iw, indicators | {c.code for c in VRAA_PRESET}, MAX_INDEX_WEIGHT),
    }
    return [key for key, ok in checks.items() if not ok]


def _weights_ok(items: list[str], codes: set[str], limit: float) -> bool:
    rows = [item.split(":") for item in items]
    return len(rows) <= MAX_WEIGHTS and all(
        r[0] in codes
        and 0 <= float(r[1]) <= limit
        and (len(r) == 2 or (len(r) == 3 and r[2] in INDEX_DIRECTIONS))
        for r in rows
    )


def _bad_notices(notices: list[Notice]) -> list[str]:
    problems = [
        f"{n.field}: echo of {len(n.value)} characters"
        for n in notices
        if len(n.value) > MAX_SHOWN or not n.value.isprintable()
    ]
    floods = [
        f for f, count in Counter(n.field for n in notices).items() if count > MAX_LIST_NOTICES
    ]
    problems += [f"{f}: more than {MAX_LIST_NOTICES} notices" for f in floods]
    return problems


def outcome(name: str, params: dict[str, str], options: Options = OPTIONS) -> tuple[str, str]:
    """("handled" | "harmful", detail) for one case."""
    try:
        start = time.perf_counter()
        state, notices = parse(params, options)
        seconds = time.perf_counter() - start
    except Exception as exc:  # a crash on every page is harmful
        return "harmful", f"{type(exc).__name__}: {str(exc)[:200]}"
    problems = [f"{key}: bad value accepted" for key in _invalid_accepted(state, options)]
    problems += _bad_notices(notices)
    reported = {n.field for n in notices}
    if name in VALID:
        problems += [f"{n.field}: valid value reported ({n.value!r})" for n in notices]
    else:
        quiet = VALID_KEYS.get(name, set())
        problems += [
            f"{key}: dropped without a notice"
            for key in params
            if key not in reported and key not in quiet
        ]
    if seconds > LIMIT_SECONDS:
        problems.append(f"parse took {seconds:.2f} s")
    if problems:
        return "harmful", "; ".join(problems[:3])
    shown = ", ".join(sorted(reported)) or "none"
    return "handled", f"notices for: {shown} ({seconds * 1000:.2f} ms)"


def run_all(options: Options = OPTIONS) -> list[tuple[str, str, str]]:
    """(case, outcome, detail) for every case in CASES."""
    return [(name, *outcome(name, params, options)) for name, params in CASES]


if __name__ == "__main__":
    results = run_all()
    for case, result, detail in results:
        print(f"{result:8} {case}: {detail}")
    print(f"{sum(r == 'handled' for _, r, _ in results)} of {len(results)} handled")
