"""One crosswalk: every name in every source maps; misspelt names are reported with a hint."""

from __future__ import annotations

import pytest

from benchlearn.catalogue import load_catalogue
from benchlearn.ingest.boundaries import build_territory, english_name, nominative
from benchlearn.ingest.crosswalk import Crosswalk
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.facts_csv import read_facts_csv
from benchlearn.ingest.pxweb_csv import read_pxweb_csv
from benchlearn.settings import load_settings


@pytest.fixture(scope="module")
def territory(sources_dir):
    return build_territory(sources_dir)


@pytest.fixture(scope="module")
def crosswalk(territory):
    return Crosswalk(territory.units, territory.members, territory.versions)


def test_every_name_in_every_source_maps(sources_dir, crosswalk):
    catalogue = load_catalogue(load_settings().catalogue_path)
    placed = 0
    for source in catalogue.sources.values():
        if source.format == "pxweb_api":
            continue  # fetched from CSP, placed by AREA code: tests/unit/test_fetch.py
        path = sources_dir / source.path
        rows = read_pxweb_csv(path).rows if source.format == "pxweb_csv" else read_facts_csv(path)
        for name in rows[source.unit_column].unique():
            assert crosswalk.resolve(name, source.versions, path, 0)
            placed += 1
    assert placed > 150


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("Ādažu novads", "LV0023000"),
        ("Ādaži municipality", "LV0023000"),
        ("Cēsis municipality", "LV0026000"),
        ("Riga", "LV0001000"),
        ("Rīga", "LV0001000"),
        ("Latvija", "LV"),
        ("Latvia", "LV"),
        ("Madonas novads", "LV0038000"),
        ("Madonas novads (no 01.07.2025.)", "LV0038000_2025"),
        ("Jēkabpils", "LV0031010"),  # the town inside Jēkabpils novads, not a municipality
        ("Riga statistical region (Riga) (before 01.01.2024.)  ", "LV006"),
        ("Riga statistical region (from 01.01.2024.)", "SR2024-RIGA"),
        ("Latgale statistical region", "LV005"),
    ],
)
def test_name_forms(crosswalk, name, unit):
    versions = ["country", "lg2021", "sr2024", "parish2021"]
    assert crosswalk.resolve(name, versions, "f.csv", 1) == unit


def test_misspelt_name_reported_with_file_line_and_hint(crosswalk):
    with pytest.raises(SourceError) as err:
        crosswalk.resolve("Adazu novadz", ["lg2021"], "x.csv", 7)
    message = str(err.value)
    assert "x.csv, line 7" in message and "'Adazu novadz'" in message
    assert "ādažu novads" in message  # the suggestion


def test_unknown_version_is_an_error(crosswalk):
    with pytest.raises(SourceError, match="unknown boundary versions"):
        crosswalk.resolve("Rīga", ["lg1999"], "x.csv", 1)


@pytest.mark.parametrize(
    ("genitive", "nominative_form"),
    [
        ("Ādažu", "Ādaži"),
        ("Siguldas", "Sigulda"),
        ("Alūksnes", "Alūksne"),
        ("Tukuma", "Tukums"),
        ("Saldus", "Saldus"),
        ("Cēsu", "Cēsis"),
        ("Pļaviņu", "Pļaviņas"),
    ],
)
def test_nominative(genitive, nominative_form):
    assert nominative(genitive) == nominative_form


def test_english_names_match_csp_for_all_36_novadi(sources_dir, territory):
    """The name rule reproduces every English name CSP prints in TRS020."""
    csp = set(
        read_pxweb_csv(sources_dir / "raw/csp_trs020/TRS020_20251218-012055.csv").rows[
            "Territorial unit"
        ]
    )
    lg2021 = territory.members.query("version == 'lg2021'")["unit_id"]
    novadi = territory.units[
        (territory.units["kind"] == "novads") & territory.units["unit_id"].isin(lg2021)
    ]
    assert len(novadi) == 36
    assert set(novadi["name_en"]) <= csp
    assert english_name("Rīga", "state_city") == "Rīga"
