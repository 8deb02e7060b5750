"""The Data page's coverage by year, harmonisation report and state-city population note."""

from __future__ import annotations

import pandas as pd

from benchlearn.logic import coverage as cv

NAMES = {"pop": "Iedzīvotāji", "dens": "Blīvums"}


def test_coverage_by_year_counts_each_class_and_the_total():
    rows = pd.DataFrame(
        [
            ("dens", "lg2021", 2020, "computed", 30),
            ("dens", "lg2021", 2020, "constructed", 5),
            ("pop", "lg2021", 2021, "reported", 36),
            ("pop", "lg2021", 2020, "reported", 30),
            ("pop", "lg2021", 2020, "constructed", 5),
            ("pop", "lg2021", 2020, "unverified", 1),
        ],
        columns=["indicator", "version", "year", "class", "n_units"],
    )
    table = cv.coverage_by_year(rows, ["pop", "dens"])
    assert table[["indicator", "year"]].values.tolist() == [
        ["pop", 2020],
        ["pop", 2021],
        ["dens", 2020],
    ]  # catalogue order, then years
    first = table.iloc[0]
    assert first["n_units"] == 36 and first["reported"] == 30 and first["constructed"] == 5
    assert first["unverified"] == 1 and first["rounded"] == 0 and first["computed"] == 0
    frame = cv.coverage_frame(table, NAMES, 43, "lv")
    assert frame.columns.tolist() == [
        "Rādītājs",
        "Gads",
        "Ar vērtību (no 43)",
        "Oficiāla statistika",
        "Aprēķinātas",
        "Konstruētas",
        "Nepārbaudītas",
    ]  # no rounded value anywhere: no column for it
    assert frame.iloc[2].tolist() == ["Blīvums", 2020, 35, 0, 30, 5, 0]
    en = cv.coverage_frame(table, NAMES, 42, "en")
    assert en.columns[2] == "With a value (of 42)" and en.columns[3] == "Official statistics"


def test_coverage_of_nothing_is_an_empty_table():
    empty = pd.DataFrame(columns=["indicator", "version", "year", "class", "n_units"])
    table = cv.coverage_by_year(empty, ["pop"])
    assert table.empty and "n_units" in table.columns
    assert cv.coverage_frame(table, NAMES, 43, "en").empty


def test_harmonisation_counts_and_partial_cases():
    summary = pd.DataFrame(
        [("pop", 2015, 13, 2, 0), ("dens", 2015, 13, 0, 1)],
        columns=["indicator", "year", "constructed", "partial", "split"],
    )
    frame = cv.harmonisation_frame(summary, NAMES, ["pop", "dens"], "en")
    assert frame.columns.tolist() == [
        "Indicator",
        "Year",
        "Constructed",
        "Partial",
        "Split, not harmonisable",
    ]
    assert frame.values.tolist() == [["Iedzīvotāji", 2015, 13, 2, 0], ["Blīvums", 2015, 13, 0, 1]]
    partial = pd.DataFrame(
        [
            (
                "pop",
                2015,
                "LV0030000",
                "Jelgavas novads",
                "Jelgava municipality",
                "Jelgavas novads (LV0540200) + Ozolnieku novads (LV0546701)",
                "Ozolnieku novads (LV0546701)",
            )
        ],
        columns=["indicator", "year", "unit_id", "name_lv", "name_en", "parts", "missing"],
    )
    lv = cv.partial_frame(partial, NAMES, ["pop"], "lv")
    assert lv.columns.tolist() == ["Rādītājs", "Gads", "Pašvaldība", "Trūkst", "Sastāvdaļas"]
    assert lv.iloc[0, 2] == "Jelgavas novads" and lv.iloc[0, 3] == "Ozolnieku novads (LV0546701)"
    assert cv.partial_frame(partial, NAMES, ["pop"], "en").iloc[0, 2] == "Jelgava municipality"


def test_year_ranges():
    assert cv.year_ranges([2016, 2012, 2013, 2014, 2020, 2018]) == "2012–2014, 2016, 2018, 2020"
    assert cv.year_ranges([]) == ""


CITIES = pd.DataFrame(
    [
        ("LV0001000", "Rīga", "Riga", "population_avg", 2012, 2024, []),
        ("LV0002000", "Daugavpils", "Daugavpils", "population_avg", 2012, 2024, []),
        ("LV0001000", "Rīga", "Riga", "population_start_of_year", 2019, 2025, [2019, 2025]),
        ("LV0002000", "Daugavpils", "Daugavpils", "population_start_of_year", 2019, 2025,
         list(range(2019, 2026))),
        ("LV0003000", "Ādaži", "Adazi", "population_start_of_year", 2019, 2025, None),
    ],
    columns=["unit_id", "name_lv", "name_en", "indicator", "first_year", "last_year", "years"],
)  # fmt: skip


def test_missing_population_names_cities_and_years_from_the_data():
    missing = cv.missing_population(CITIES)
    assert missing["population_avg"] == [
        ("LV0001000", list(range(2012, 2025))),
        ("LV0002000", list(range(2012, 2025))),
    ]
    # Daugavpils lacks nothing at the start of the year: not named
    assert missing["population_start_of_year"] == [
        ("LV0001000", [2020, 2021, 2022, 2023, 2024]),
        ("LV0003000", list(range(2019, 2026))),
    ]


def test_city_population_note_groups_cities_with_the_same_gaps():
    units = dict(zip(CITIES["unit_id"], CITIES["name_lv"], strict=False))
    names = {"population_avg": "Vidējais", "population_start_of_year": "Gada sākumā"}
    note = cv.city_population_note(CITIES, units, names, 2026, "lv")
    assert note.startswith("Valstspilsētu iedzīvotāju skaits pirms 2026. gada ir nepilnīgs")
    # Latvian order (Daugavpils before Rīga), and one group per set of missing years
    assert "«Vidējais»: Daugavpils, Rīga (2012–2024)" in note
    assert "«Gada sākumā»: Rīga (2020–2024); Ādaži (2019–2025)" in note
    complete = CITIES.assign(
        years=[
            list(range(a, b + 1))
            for a, b in zip(CITIES["first_year"], CITIES["last_year"], strict=True)
        ]
    )
    assert cv.city_population_note(complete, units, names, 2026, "en") == (
        "Every state city has population figures for every year before 2026."
    )
    assert cv.city_population_note(CITIES.iloc[0:0], units, names, 2026, "en") == ""
