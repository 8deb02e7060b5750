"""Stub tables for `python -m benchlearn fetch`: its tests, its benchmark and its browser test.

SYNTHETIC, for tests only: every value except those named below, the stub's folder tree, the
codes of some statistical regions, and every dimension code or text that
../shared/data/pxweb/METADATA_SEEN.md does not show (the tables of grade U in
data/pxweb_tables.toml: there the stub answers as the mapping expects, which proves the fetch
works, not that the guess is right). The shapes METADATA_SEEN.md records are followed: IRD041's
AGE Y0 ... Y_GE100 and TOTAL, SEX M/F/T and 56 areas with LV0038001 (the merged Madona) beside
LV0038000 and LV0055000 in 2025; IMV021 in POP/IM/IMSV; NPV022 in ENT/UT/UTV with its cell
limit of 100,001; CSP's 300,000 otherwise. What is real comes from ../shared/data: the annual
average population of the 36 novadi (IRS031 export), the road lengths of 2024 with CSP's
English labels (TRS020 export), the ATVK codes and the names of the units.

`TreeStub` is tests/pxweb_stub.StubPxWeb plus PxWeb v1 folder listings (GET on a folder), so a
table whose path is not known can be located.
"""

from __future__ import annotations

import csv
import functools
import json
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from tests.pxweb_stub import (
    CODES_CSV,
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
STUB_PATHS = {  # as in METADATA_SEEN.md; TRS020's folder is made up (unknown)
    "IRS031": IRS031_PATH,
    "TRS020": "TRA/TRS/TRS020",
    "NPV010": "ENT/UT/UTN/NPV010",
    "EKA011": "EMP/NBB/NBA/EKA011",
    "IRD041": "POP/IR/IRD/IRD041",
    "IRD031": "POP/IR/IRD/IRD031",
    "IDS031": "POP/ID/IDS/IDS031",
    "IMV021": "POP/IM/IMSV/IMV021",
    "IRS051": "POP/IR/IRS/IRS051",
    "IKR060": "VEK/IK/IKR/IKR060",
    "NPV022": "ENT/UT/UTV/NPV022",
    "IRS030": "POP/IR/IRS/IRS030",
    "IRD060": "POP/IR/IRS/IRD060",
}
CSP_CELL_LIMIT = 300_000  # METADATA_SEEN.md, IRS031's page
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


# -- the breadth tables (issue 19) -------------------------------------------------------------

REGIONS_2024 = [  # LV00A, LV00C as on CSP's pages; LV00B, LV009, LV005 from third-party code
    ("LV00A", "Riga statistical region (from 01.01.2024.)"),
    ("LV00B", "Kurzeme statistical region (from 01.01.2024.)"),
    ("LV00C", "Vidzeme statistical region (from 01.01.2024.)"),
    ("LV009", "Zemgale statistical region"),
    ("LV005", "Latgale statistical region"),
]
TOWNS = [("LV0031010", "Jēkabpils"), ("LV0040010", "Ogre"), ("LV0054010", "Valmiera")]
MADONA, VARAKLANI, MERGED = "LV0038000", "LV0055000", "LV0038001"
ALL_YEARS = tuple(range(2012, 2026))


@functools.cache
def _names_lv() -> dict[str, str]:
    with open(CODES_CSV, encoding="utf-8", newline="") as handle:
        named = {"LV" + r["atvk"]: r["municipality"] for r in csv.DictReader(handle)}
    named.update({"LV": "Latvija", MERGED: "Madonas novads", **dict(TOWNS)})
    return named


def areas_now(merged: bool = False) -> list[tuple[str, str]]:
    """Latvia, the 2024 regions, the 43, three towns (and the merged Madona of 2025)."""
    extra = [(MERGED, "Madona municipality")] if merged else []
    return [("LV", "Latvia"), *REGIONS_2024, *local_governments(), *extra, *TOWNS]


@functools.cache
def areas_pre2021() -> list[tuple[str, str]]:
    """Latvia and the 119 municipalities by their pre-2021 codes (LV0010000 Rīga ...)."""
    from benchlearn.ingest.boundaries import build_territory

    territory = build_territory(SHARED / "data")
    names = territory.units.set_index("unit_id")["name_en"]
    codes = territory.codes[territory.codes["version"] == "pre2021"]
    return [("LV", "Latvia")] + [
        (c, names[u]) for c, u in zip(codes["code"], codes["unit_id"], strict=True)
    ]


def area_variable(areas: list[tuple[str, str]]) -> dict[str, Any]:
    codes, texts = zip(*areas, strict=True)
    names = _names_lv()
    return variable(
        "AREA",
        "Territorial unit",
        codes,
        texts,
        elimination=True,
        text_lv="Teritoriālā vienība",
        texts_lv=[names.get(c, t) for c, t in areas],
    )


def time_variable(years: Sequence[int]) -> dict[str, Any]:
    codes = [str(y) for y in years]
    return variable("TIME", "Time period", codes, time=True, text_lv="Laika periods")


def size(area: str) -> float:
    """A SYNTHETIC population size per area, stable across runs."""
    if area == "LV":
        return 1_880_000
    if area in (MERGED,):
        return size(MADONA) + size(VARAKLANI)
    if not area.startswith("LV00") or len(area) == 5:
        return 300_000 if len(area) == 5 else 9_000 + zlib.crc32(area.encode()) % 20_000
    if area == "LV0001000":
        return 600_000
    return 4_000 + zlib.crc32(area.encode()) % 40_000


def listed(area: str, year: int) -> bool:
    """CSP lists the merged Madona from 2025, its two parts until 2025 (METADATA_SEEN.md)."""
    return year >= 2025 if area == MERGED else year <= 2025 if area in (MADONA, VARAKLANI) else True


SEX = ("SEX", "Sex", ["T", "M", "F"], ["Total", "Males", "Females"], "Dzimums")
SEX_LV = ["Pavisam", "Vīrieši", "Sievietes"]
AGES = ["TOTAL", *(f"Y{a}" for a in range(100)), "Y_GE100"]


@functools.lru_cache(maxsize=4096)
def _age_counts(area: str, year: int, sex: str) -> tuple[int, ...]:
    """SYNTHETIC single-year counts: a smooth pyramid scaled to the area; merged = sum."""
    if area == MERGED:
        a, b = _age_counts(MADONA, year, sex), _age_counts(VARAKLANI, year, sex)
        return tuple(x + y for x, y in zip(a, b, strict=True))
    share = {"T": 1.0, "M": 0.46, "F": 0.54}[sex]
    total = size(area) * share * (1 - 0.006 * (year - 2012))
    weights = [1.2 - 0.009 * a for a in range(100)] + [0.05]
    scale = total / sum(weights)
    if sex == "T":
        m, f = _age_counts(area, year, "M"), _age_counts(area, year, "F")
        return tuple(x + y for x, y in zip(m, f, strict=True))
    return tuple(round(w * scale) for w in weights)


def add_ird041(stub: StubPxWeb, years: Sequence[int] = ALL_YEARS, **options: Any) -> StubTable:
    areas = areas_now(merged=True)

    def value(c: Mapping[str, str]) -> float | None:
        year = int(c["TIME"])
        if not listed(c["AREA"], year):
            return None
        counts = _age_counts(c["AREA"], year, c["SEX"])
        return sum(counts) if c["AGE"] == "TOTAL" else counts[AGES.index(c["AGE"]) - 1]

    code, text, values, texts, text_lv = SEX
    variables = [
        area_variable(areas),
        variable("AGE", "Age", AGES, ["Total", *(f"{a} years" for a in range(100)), "100+"]),
        variable(code, text, values, texts, text_lv=text_lv, texts_lv=SEX_LV),
        variable("ContentsCode", "Contents", ["IRD041"], ["Population"]),
        time_variable(years),
    ]
    title = (
        "Population in regions, State cities and municipalities by age and gender at the "
        "beginning of the year"
    )
    return stub.add_table(STUB_PATHS["IRD041"], variables, value, title=title, **options)


def _simple(
    stub: StubPxWeb,
    table: str,
    dims: list[dict[str, Any]],
    value: Any,
    years: Sequence[int],
    areas: list[tuple[str, str]] | None = None,
    **options: Any,
) -> StubTable:
    variables = [area_variable(areas or areas_now()), *dims, time_variable(years)]
    title = f"{table} (SYNTHETIC test table shaped as METADATA_SEEN.md records)"
    return stub.add_table(STUB_PATHS[table], variables, value, title=title, **options)


def contents(code: str, text: str = "Number") -> dict[str, Any]:
    return variable("ContentsCode", "Contents", [code], [text])


def add_ird031(stub: StubPxWeb, years: Sequence[int] = ALL_YEARS, **options: Any) -> StubTable:
    def value(c: Mapping[str, str]) -> float:
        return 38 + zlib.crc32(c["AREA"].encode()) % 90 / 10 + 0.1 * (int(c["TIME"]) - 2012)

    sex = variable("SEX", "Sex", ["T"], ["Total"])
    dims = [sex, contents("IRD0311", "Median age")]
    return _simple(stub, "IRD031", dims, value, years, **options)


def add_ids031(stub: StubPxWeb, years: Sequence[int] = ALL_YEARS, **options: Any) -> StubTable:
    def value(c: Mapping[str, str]) -> float | str:
        if c["AREA"] == VARAKLANI and c["TIME"] == "2025":
            return ".."  # as METADATA_SEEN.md saw at 2026-09-04
        births = round(size(c["AREA"]) * 0.009)
        return {"T": births, "M": round(births * 0.515), "F": births - round(births * 0.515)}[
            c["SEX_NEWBORN"]
        ]

    sex = variable("SEX_NEWBORN", "Sex", ["T", "M", "F"], ["Total", "Males", "Females"])
    return _simple(stub, "IDS031", [sex, contents("IDS031")], value, years, **options)


def add_imv021(stub: StubPxWeb, years: Sequence[int] = ALL_YEARS, **options: Any) -> StubTable:
    def value(c: Mapping[str, str]) -> float | str:
        if c["AREA"] == VARAKLANI and c["TIME"] == "2025":
            return ".."
        deaths = round(size(c["AREA"]) * 0.015)
        return {"T": deaths, "M": deaths // 2, "F": deaths - deaths // 2}[c["SEX"]]

    dims = [
        variable("SEX", "Sex", ["T", "M", "F"], ["Total", "Males", "Females"]),
        variable("AgeGroup", "Age group", ["TOTAL"], ["Total"]),
        contents("IMV021"),
    ]
    return _simple(stub, "IMV021", dims, value, years, **options)


def add_irs051(stub: StubPxWeb, years: Sequence[int] = (2022, 2023, 2024, 2025), **options: Any):
    def value(c: Mapping[str, str]) -> float:
        total = size(c["AREA"])
        urban = round(total * (0.3 + zlib.crc32(c["AREA"].encode()) % 60 / 100))
        return {"TOTAL": total, "URB": urban, "RUR": total - urban}[c["INDICATOR"]] * (
            1 if c["ContentsCode"] == "IRS0511" else 0.01
        )

    dims = [
        variable(
            "INDICATOR",
            "Indicator",
            ["TOTAL", "URB", "RUR"],
            ["Total", "Urban (densely populated) areas", "Rural (sparsely populated) areas"],
        ),
        variable(
            "ContentsCode",
            "Contents",
            ["IRS0511", "IRS0512"],
            ["Population at the beginning of the year", "Share, %"],
        ),
    ]
    return _simple(stub, "IRS051", dims, value, years, **options)


def add_ikr060(stub: StubPxWeb, years: Sequence[int] = (2021, 2022), **options: Any):
    def value(c: Mapping[str, str]) -> float:
        gdp = size(c["AREA"]) * 22.0  # thousand euro
        gdp = gdp * (0.88 if c["INDICATOR"] == "B1G" else 1) * (1 + 0.05 * (int(c["TIME"]) - 2021))
        return round(gdp if c["ContentsCode"] == "IKR060" else gdp * 1000 / size(c["AREA"]))

    dims = [
        variable("INDICATOR", "Indicator", ["B1GQ", "B1G"], ["GDP", "Gross value added"]),
        variable(
            "ContentsCode",
            "Contents",
            ["IKR060", "IKR061"],
            ["At current prices (thousand euro)", "Per capita (euro)"],
        ),
    ]
    return _simple(stub, "IKR060", dims, value, years, **options)


def add_npv022(stub: StubPxWeb, years: Sequence[int] = range(2017, 2023), **options: Any):
    contents_ = [
        ("NPV0221", "Number of employed"),
        ("NPV0222", "Number of jobs"),
        ("NPV0223", "Value of output, euro"),
        ("NPV0224", "Value added, euro"),
    ]

    def value(c: Mapping[str, str]) -> float:
        employed = (
            size(c["AREA"]) * 0.45 * {"TOTAL": 1, "MARKET": 0.7, "NONMARKET": 0.3}[c["SECTOR"]]
        )
        factor = {"NPV0221": 1, "NPV0222": 1.08, "NPV0223": 42_000, "NPV0224": 18_000}
        return round(employed * factor[c["ContentsCode"]])

    dims = [
        variable("ContentsCode", "Contents", *zip(*contents_, strict=True)),
        variable(
            "SECTOR",
            "Sector",
            ["TOTAL", "MARKET", "NONMARKET"],
            ["Total", "Market sector", "Non-market sector"],
            elimination=True,
        ),
    ]
    options.setdefault("cell_limit", 100_001)  # NPV022's page
    return _simple(stub, "NPV022", dims, value, years, **options)


def _pre2021_value(c: Mapping[str, str], key: str) -> float:
    base = 1_900_000 if c["AREA"] == "LV" else 2_000 + zlib.crc32(c["AREA"].encode()) % 30_000
    start = round(base * (1 - 0.01 * (int(c["TIME"]) - 2010)))
    return {
        "POP_SY": start,
        "LBIRTH": round(start * 0.01),
        "DEATH": round(start * 0.016),
        "NATGROW": round(start * 0.01) - round(start * 0.016),
        "MIGR_NET": -round(start * 0.005),
        "M": round(start * 0.46),
        "F": start - round(start * 0.46),
        "T": start,
    }[key]


def add_irs030(stub: StubPxWeb, years: Sequence[int] = range(2005, 2023), **options: Any):
    dims = [
        variable("INDICATOR", "Indicator", *zip(*IRS031_INDICATORS[:5], strict=True)),
        contents("IRS030"),
    ]
    value = lambda c: _pre2021_value(c, c["INDICATOR"])  # noqa: E731
    return _simple(stub, "IRS030", dims, value, years, areas_pre2021(), **options)


def add_ird060(stub: StubPxWeb, years: Sequence[int] = range(2010, 2023), **options: Any):
    dims = [
        variable("SEX", "Sex", ["T", "M", "F"], ["Total", "Males", "Females"]),
        variable(
            "INDICATOR",
            "Indicator",
            ["POP", "PC"],
            ["Population at the beginning of year", "Share, %"],
        ),
        contents("IRD060"),
    ]
    value = lambda c: _pre2021_value(c, c["SEX"]) * (1 if c["INDICATOR"] == "POP" else 0)  # noqa: E731
    return _simple(stub, "IRD060", dims, value, years, areas_pre2021(), **options)


ADDERS = {
    "IRS031": lambda stub, **o: add_irs031(stub, **o),
    "TRS020": lambda stub, **o: add_trs020(stub, **o),
    "NPV010": lambda stub, **o: add_npv010(stub, **o),
    "EKA011": lambda stub, **o: add_eka011(stub, **o),
    "IRD041": add_ird041,
    "IRD031": add_ird031,
    "IDS031": add_ids031,
    "IMV021": add_imv021,
    "IRS051": add_irs051,
    "IKR060": add_ikr060,
    "NPV022": add_npv022,
    "IRS030": add_irs030,
    "IRD060": add_ird060,
}


def add_all(stub: StubPxWeb, tables: Sequence[str] = ("IRS031", "TRS020", "NPV010", "EKA011")):
    for table in tables:
        ADDERS[table](stub)
