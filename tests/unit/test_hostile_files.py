"""The reader contract against hostile and careless files (tests/hostile/files.py): every case
stops with file, line (and column) and the raw text, or reads exactly what the untouched file
gives; a build over such a file stops and leaves the previous database as it was."""

from __future__ import annotations

import shutil

import pytest

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.reader import FACTS, PXWEB, parse_number
from benchlearn.settings import load_settings
from tests.hostile import files


def test_every_hostile_file_is_handled(sources_dir):
    results = files.run_all(sources_dir)
    assert len(results) >= 60
    bad = [r for r in results if r[1] != "handled"]
    assert not bad, bad


def test_every_hostile_build_stops_and_keeps_the_database(sources_dir, built_db, tmp_path):
    previous = tmp_path / "benchlearn.duckdb"
    shutil.copy(built_db, previous)
    results = files.run_builds(sources_dir, load_settings().catalogue_path, previous)
    assert len(results) == len(files.BUILD_CASES)
    bad = [r for r in results if r[1] != "handled"]
    assert not bad, bad


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("28", 28.0),
        ("-533", -533.0),
        ("+12", 12.0),
        ("1 234", 1234.0),
        ("1\u00a0234\u00a0567", 1234567.0),
        ("12.5", 12.5),
        ("1 234.75", 1234.75),
        ("…", None),
        ("..", None),
    ],
)
def test_pxweb_numbers_as_csp_prints_them(raw, value):
    assert parse_number(raw, PXWEB, frozenset({"…", ".."}), "f.csv", 4, 3) == value


@pytest.mark.parametrize("raw", ["1 2", "12 34", "1,5", "1.5.5", "٣", "１", "²", "", " ", "1e3"])
def test_pxweb_refuses_what_is_not_a_number_by_its_grammar(raw):
    with pytest.raises(SourceError) as err:
        parse_number(raw, PXWEB, frozenset({"…"}), "f.csv", 4, 3)
    assert (err.value.line, err.value.column) == (4, 3) and "line 4, column 3" in str(err.value)


def test_facts_numbers_have_no_separators():
    assert parse_number("588911", FACTS, frozenset(), "f.csv", 2, 5) == 588911
    with pytest.raises(SourceError):
        parse_number("588 911", FACTS, frozenset(), "f.csv", 2, 5)
