"""Stub tables for `python -m benchlearn fetch`: its tests, its benchmark and its browser test.

SYNTHETIC, for tests only: the dimension codes of TRS020, NPV010 and EKA011, the stub's folder
tree, the codes of some statistical regions, and most values are made up. What is real comes
from ../shared/data: the annual average population of the 36 novadi (IRS031 export), the road
lengths of 2024 with CSP's English labels (TRS020 export), and the ATVK codes.

`TreeStub` is tests/pxweb_stub.StubPxWeb plus PxWeb v1 folder listings (GET on a folder), so a
table whose path is not known can be located.
"""

from __future__ import annotations

import csv
import functools
import json
import unicodedata
from collections.abc import Mapping
from typing import Any

from tests.pxweb_stub import (
    DB,
    IRS031_PATH,
    PREFIX,
    SHARED,
    StubPxWeb,
    StubTable,
    _Reply,
    irs031_reference,
    variable,
)

TRS020_CSV = SHARED / "data/raw/csp_trs020/TRS020_20251218-012055.csv"
STUB_PATHS = {  # IRS031, NPV010, EKA011 as on CSP; TRS020's folder is made up (unknown)
    "IRS031": IRS031_PATH,
    "TRS020": "TRA/TRS/TRS020",
    "NPV010": "ENT/UT/UTN/NPV010",
    "EKA011": "EMP/NBB/NBA/EKA011",
}
CITIES = [  # ATVK from facts/municipality_codes.csv, English names as CSP prints them (TRS020)
    ("LV0001000", "Riga"),
    ("LV0002000", "Daugavpils"),
    ("LV0003000", "Jelgava"),
    ("LV0004000", "Jūrmala"),
    ("LV0005000", "Liepāja"),
    ("LV0006000", "Rēzekne"),
    ("LV0007000", "Ventspils"),
]
REGIONS = {  # LV00A, LV00C, LV006 as on CSP's pages, the NUTS 2021 codes; LV00B is made up
    "Kurzeme statistical region (before 01.01.2024.)": "LV003",
    "Kurzeme statistical region (from 01.01.2024.)": "LV00B",
    "Latgale statistical region": "LV005",
    "Pierīga statistical region (before 01.01.2024.)": "LV007",
    "Riga statistical region (Riga) (before 01.01.2024.)": "LV006",
    "Riga statistical region (from 01.01.2024.)": "LV00A",
    "Vidzeme statistical region (before 01.01.2024.)": "LV008",
    "Vidzeme statistical region (from 01.01.2024.)": "LV00C",
    "Zemgale statistical region": "LV009",
}
TOWN = ("LV0031010", "Jēkabpils")  # a town inside Jēkabpils municipality: left out by the build


class TreeStub(StubPxWeb):
    """StubPxWeb that also lists folders: GET {base}/en/OSP_PUB/START[/folder...]."""

    def _route(self, method: str, url: str, body: Any) -> tuple[bytes | str, dict[str, str]]:
        try:
            return super()._route(method, url, body)
        except _Reply as reply:
            listing = self._listing(url) if method == "GET" and reply.status == 404 else None
            if listing is None:
                raise
            return json.dumps(listing, ensure_ascii=False), {}

    def _listing(self, url: str) -> list[dict] | None:
        path = url.split("?", 1)[0]
        if not path.startswith(f"{PREFIX}/"):
            return None
        _, _, rest = path[len(PREFIX) + 1 :].partition("/")
        if rest != DB and not rest.startswith(f"{DB}/"):
            return None
        prefix = [p for p in rest[len(DB) :].split("/") if p]
        children: dict[str, dict] = {}
        for table_path, table in list(self.tables.items()):
            parts = table_path.split("/")
            if parts[: len(prefix)] != prefix or len(parts) <= len(prefix):
                continue
            child = parts[len(prefix)]
            leaf = len(parts) == len(prefix) + 1
            children[child] = {
                "id": child,
                "type": "t" if leaf else "l",
                "text": table.title if leaf else child,
            }
        return list(children.values()) or None


@functools.cache
def reference():
    """The real IRS031 export, parsed once."""
    return irs031_reference()


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def local_governments() -> list[tuple[str, str]]:
    """(AREA code, English name) of the 7 state cities and the 36 novadi."""
    return CITIES + reference().areas


def _code_of_label(label: str) -> str | None:
    if label == "Latvia":
        return "LV"
    if label.strip() in REGIONS:
        return REGIONS[label.strip()]
    names = {fold(name): code for code, name in local_governments()}
    return names.get(fold(label))


# -- IRS031 ------------------------------------------------------------------------------------

IRS031_INDICATORS = [  # codes verified in PRODUCT.md; POP_AVG and these texts are made up
    ("POP_SY", "Population at the beginning of year"),
    ("LBIRTH", "Live births"),
    ("DEATH", "Deaths"),
    ("NATGROW", "Natural increase"),
    ("MIGR_NET", "Net migration"),
    ("POP_AVG", "Annual average population"),  # the text is the real export's
]
YEARS = [str(y) for y in range(2012, 2026)]


@functools.cache
def irs031_areas() -> list[tuple[str, str]]:
    regions = [
        ("LV00A", "Riga statistical region (from 01.01.2024.)"),
        ("LV005", "Latgale statistical region"),
    ]
    return [("LV", "Latvia"), *regions, *local_governments(), TOWN]


@functools.cache
def _irs031_index() -> dict[str, int]:
    return {area: i for i, (area, _) in enumerate(irs031_areas())}


def irs031_value(cell: Mapping[str, str], overrides: Mapping[tuple, float | None]) -> float | None:
    """Synthetic population figures, except the real average population of the novadi."""
    key = (cell["AREA"], cell["INDICATOR"], cell["TIME"])
    if key in overrides:
        return overrides[key]
    i, year = _irs031_index()[cell["AREA"]], int(cell["TIME"])
    base = 1_900_000 if cell["AREA"] == "LV" else 500_000 if i < 3 else 12_000 + 1_750 * i
    start = round(base * (1 - 0.008 * (year - 2012)))
    births, deaths = round(start * 0.009), round(start * 0.015)
    if cell["INDICATOR"] == "POP_AVG":
        real = reference().values.get((cell["AREA"], cell["TIME"]), "synthetic")
        return (None if year == 2025 else round(start * 0.996)) if real == "synthetic" else real
    return {
        "POP_SY": start,
        "LBIRTH": births,
        "DEATH": deaths,
        "NATGROW": births - deaths,
        "MIGR_NET": round(start * -0.004),
    }[cell["INDICATOR"]]


def add_irs031(
    stub: StubPxWeb, overrides: Mapping[tuple, float | None] | None = None, **options: Any
) -> StubTable:
    """IRS031 with its six indicators for Latvia, two regions, the 43 and one town."""
    areas = irs031_areas()
    variables = [
        variable("INDICATOR", "Indicator", *zip(*IRS031_INDICATORS, strict=True)),
        variable("AREA", "Territorial unit", *zip(*areas, strict=True), elimination=True),
        variable("ContentsCode", "Contents", ["IRS031"], ["Number"]),
        variable("TIME", "Time period", YEARS, time=True),
    ]
    title = (
        "Population at the beginning of year and population change and key vital statistics "
        "in regions, cities, towns and municipalities by Indicator, Territorial unit and Time "
        "period"
    )
    return stub.add_table(
        STUB_PATHS["IRS031"],
        variables,
        lambda c: irs031_value(c, overrides or {}),
        title=title,
        **options,
    )


# -- TRS020 (real 2024 values) -------------------------------------------------------------------


def trs020_rows() -> list[tuple[str, str, str, float | None]]:
    """(territorial unit, type of surface, indicator, 2024 value) of the real English export."""
    with open(TRS020_CSV, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[3:]
    return [(u, s, i, None if v.strip() in ("…", "") else float(v)) for u, s, i, v in rows if u]


def add_trs020(stub: StubPxWeb, **options: Any) -> StubTable:
    rows = trs020_rows()
    labels = list(dict.fromkeys(r[0] for r in rows))
    codes = [_code_of_label(label) for label in labels]
    assert all(codes), [lb for lb, c in zip(labels, codes, strict=True) if not c]
    surfaces = list(dict.fromkeys(r[1] for r in rows))
    indicators = list(dict.fromkeys(r[2] for r in rows))
    area_code = dict(zip(labels, codes, strict=True))
    values = {
        (area_code[u], f"S{surfaces.index(s)}", f"I{indicators.index(i)}", "2024"): v
        for u, s, i, v in rows
    }
    variables = [
        variable("AREA", "Territorial unit", codes, labels),
        variable("SURFACE", "Types of surface", [f"S{i}" for i in range(len(surfaces))], surfaces),
        variable("INDICATOR", "Indicator", [f"I{i}" for i in range(len(indicators))], indicators),
        variable("TIME", "Time period", ["2024"], time=True),
    ]
    title = (
        "Length of state and municipal roads and streets in regions, State cities and "
        "municipalities at the end of year (km) by Territorial unit, Types of surface, Indicator "
        "and Time period"
    )
    return stub.add_table(STUB_PATHS["TRS020"], variables, values, title=title, **options)


# -- NPV010 and EKA011 (synthetic) --------------------------------------------------------------


def _areas_lv_43() -> list[tuple[str, str]]:
    return [
        ("LV", "Latvia"),
        ("LV00A", "Riga statistical region (from 01.01.2024.)"),
        *local_governments(),
        TOWN,
    ]


def add_npv010(stub: StubPxWeb, **options: Any) -> StubTable:
    areas = _areas_lv_43()
    contents = [
        ("NPV0101", "Number of employed"),
        ("NPV0102", "Number of jobs"),
        ("NPV0103", "Value of output, euro"),
        ("NPV0104", "Value added, euro"),
    ]
    years = [str(y) for y in range(2017, 2023)]

    def value(c: Mapping[str, str]) -> float:
        i = [a for a, _ in areas].index(c["AREA"])
        employed = 900_000 if i == 0 else 300_000 if i == 1 else 4_000 + 900 * i
        employed = round(employed * (1 + 0.01 * (int(c["TIME"]) - 2017)))
        factor = {"NPV0101": 1, "NPV0102": 1.1, "NPV0103": 41_000, "NPV0104": 17_500}
        return round(employed * factor[c["ContentsCode"]])

    variables = [
        variable("ContentsCode", "Contents", *zip(*contents, strict=True)),
        variable("TIME", "Time period", years, time=True),
        variable("AREA", "Territorial unit", *zip(*areas, strict=True), elimination=True),
    ]
    title = "Number of employed and jobs, value added, and value of output (SYNTHETIC test table)"
    return stub.add_table(STUB_PATHS["NPV010"], variables, value, title=title, **options)


def add_eka011(stub: StubPxWeb, **options: Any) -> StubTable:
    areas = _areas_lv_43()
    ages = [f"Y{a}-{a + 4}" for a in range(15, 65, 5)]

    def value(c: Mapping[str, str]) -> float:
        i = [a for a, _ in areas].index(c["AREA"])
        people = (90_000 if i == 0 else 30_000 if i == 1 else 400 + 90 * i) * (
            1 if c["SEX"] == "T" else 0.5
        )
        share = {"ACT": 1.0, "EMP": 0.93, "UNE": 0.07}[c["LABOUR_STATUS"]]
        return round(people * share * (1 + 0.1 * (i % 5) * (c["LABOUR_STATUS"] == "UNE")))

    variables = [
        variable("AREA", "Territorial unit", *zip(*areas, strict=True), elimination=True),
        variable("SEX", "Sex", ["T", "M", "F"], ["Total", "Males", "Females"]),
        variable(
            "LABOUR_STATUS",
            "Labour status",
            ["ACT", "EMP", "UNE"],
            ["Economically active", "Employed", "Unemployed"],
        ),
        variable("ETHNICITY", "Ethnicity", ["TOTAL"], ["Total"]),
        variable("AgeGroup", "Age group", ages, elimination=True),
        variable("ContentsCode", "Contents", ["EKA011"], ["Number"]),
        variable("TIME", "Time period", ["2021"], time=True),
    ]
    title = "Population by labour status (SYNTHETIC test table)"
    return stub.add_table(STUB_PATHS["EKA011"], variables, value, title=title, **options)


def add_all(stub: StubPxWeb) -> None:
    add_irs031(stub)
    add_trs020(stub)
    add_npv010(stub)
    add_eka011(stub)
