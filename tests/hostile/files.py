"""Hostile and careless source files: what each does to the reader contract.

Every case mutates a copy of a real reference file (or a small fetched table written here,
synthetic and named so) and reads it with the reader the build uses. Outcomes:
- "handled": the reader stopped with a SourceError naming the line (and, for a cell, the
  column), or it read the file and every value is what the untouched file gives (a BOM, CRLF
  line breaks, a '+' sign or spaces around a number change nothing);
- "harmful": the file was read and a value changed, appeared or vanished silently;
- "traceback": any other exception (what a person would see as a crash).
`BUILD_CASES` go through a whole build (the checks that need the catalogue and the units:
plausible ranges, codes, duplicates across files); the previous database must stay unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.facts_csv import read_facts_csv
from benchlearn.ingest.fetched import FILE_COLUMNS, read_table_file
from benchlearn.ingest.pxweb_csv import read_pxweb_csv

LIBRARY = "raw/csp_exports_2024/Library.csv"
FOREST = "raw/csp_exports_2024/Forest.csv"
IRS031 = "raw/csp_irs031/IRS031_20251113-180224.csv"
FACTS = "facts/csp_ird041_population_sex_median_age_2026.csv"
FETCHED = "fetched/IRS031.csv"  # synthetic, written by fetched_text()

Mutate = Callable[[bytes], bytes]


def fetched_text() -> bytes:
    """A small fetched table as `python -m benchlearn fetch` writes it (synthetic values)."""
    rows = [
        ",".join(FILE_COLUMNS),
        "IRS031,LV0020000,Aizkraukle municipality,local,population_start_of_year,2024,27825,,"
        "2026-01-01,2026-12-01T10:00:00",
        "IRS031,LV0021000,Alūksne municipality,local,population_start_of_year,2024,13100,,"
        "2026-01-01,2026-12-01T10:00:00",
        "IRS031,LV0022000,Augšdaugava municipality,local,population_start_of_year,2024,,…,"
        "2026-01-01,2026-12-01T10:00:00",
    ]
    return ("\n".join(rows) + "\n").encode()


def _replace(old: bytes, new: bytes) -> Mutate:
    def mutate(data: bytes) -> bytes:
        assert old in data, old
        return data.replace(old, new, 1)

    return mutate


def _cut(n: int) -> Mutate:
    return lambda data: data[:-n]


def _utf16(bom: bool) -> Mutate:
    return lambda data: data.decode("utf-8").encode("utf-16" if bom else "utf-16-le")


def _cp1257(data: bytes) -> bytes:
    return data.decode("utf-8-sig").encode("cp1257")


def _drop_line(number: int) -> Mutate:
    def mutate(data: bytes) -> bytes:
        lines = data.split(b"\n")
        return b"\n".join(lines[: number - 1] + lines[number:])

    return mutate


def _repeat_line(number: int) -> Mutate:
    def mutate(data: bytes) -> bytes:
        lines = data.split(b"\n")
        return b"\n".join([*lines[:number], lines[number - 1], *lines[number:]])

    return mutate


RIGA = b'"Bibliot\xc4\x93ku skaits","R\xc4\xabga",28'  # Library.csv line 5
RIGA_VALUE = b'"R\xc4\xabga",'
AIZ = b"33708,33222"  # IRS031 line 4, first two years
FACT_ROW = b"LV0001000,R\xc4\xabga,2026,population_start_of_year,588911,"
FETCH_VALUE = b",27825,"


def _value(new: bytes) -> Mutate:  # Rīga's libraries in Library.csv
    return _replace(RIGA, RIGA_VALUE.join([b'"Bibliot\xc4\x93ku skaits",', new]))


def _fact(new: bytes) -> Mutate:  # Rīga's population 2026 in the IRD041 facts file
    return _replace(FACT_ROW, FACT_ROW.replace(b",588911,", b"," + new + b","))


def _fetch(new: bytes) -> Mutate:
    return _replace(FETCH_VALUE, b"," + new + b",")


CASES: list[tuple[str, str, Mutate]] = [
    # truncation
    ("pxweb cut in the middle of a number", LIBRARY, _cut(2)),
    ("pxweb cut after a comma", LIBRARY, lambda d: d[: d.rstrip(b"\n").rfind(b",") + 1]),
    ("pxweb cut inside a quoted name", LIBRARY, lambda d: d[: d.rstrip(b"\n").rfind(b'"') - 3]),
    ("pxweb without its last line break", LIBRARY, _cut(1)),
    ("pxweb a row deleted (grid incomplete)", FOREST, _drop_line(60)),
    ("pxweb a row repeated", LIBRARY, _repeat_line(6)),
    ("pxweb header only", LIBRARY, lambda d: b"\n".join(d.split(b"\n")[:3]) + b"\n"),
    ("pxweb empty file", LIBRARY, lambda d: b""),
    ("pxweb only blank lines", LIBRARY, lambda d: b"\n\n\n"),
    ("pxweb no blank second line", LIBRARY, lambda d: d.replace(b"\n\n", b"\n", 1)),
    # numbers
    ("pxweb space inside a number", LIBRARY, _value(b"2 8")),
    ("pxweb thousands group of two", LIBRARY, _value(b"1 23 456")),
    ("pxweb mixed group separators", LIBRARY, _value("1 234\u00a0567".encode())),
    ("pxweb full-width digits", LIBRARY, _value("２８".encode())),
    ("pxweb Arabic-Indic digits", LIBRARY, _value("٢٨".encode())),
    ("pxweb superscript digit", LIBRARY, _value("2²".encode())),
    ("pxweb 400-digit integer", LIBRARY, _value(b"9" * 400)),
    ("pxweb exponent 1e308", LIBRARY, _value(b"1e308")),
    ("pxweb inf", LIBRARY, _value(b"inf")),
    ("pxweb NaN", LIBRARY, _value(b"NaN")),
    ("pxweb empty cell", LIBRARY, _value(b"")),
    ("pxweb decimal comma", LIBRARY, _value(b'"28,5"')),
    ("pxweb two decimal points", LIBRARY, _value(b"28.5.1")),
    ("pxweb hexadecimal", LIBRARY, _value(b"0x1C")),
    ("pxweb underscore separator", LIBRARY, _value(b"2_8")),
    ("pxweb trailing text", LIBRARY, _value(b"28abc")),
    ("pxweb right-to-left mark", LIBRARY, _value("\u200f28".encode())),
    ("pxweb plus sign (same value)", LIBRARY, _value(b"+28")),
    ("pxweb spaces around (same value)", LIBRARY, _value(b" 28 ")),
    ("pxweb a number in quotes (same value)", LIBRARY, _value(b'"28"')),
    ("pxweb year with a letter O", IRS031, _replace(b'"2012"', b'"2O12"')),
    ("pxweb full-width year", IRS031, _replace(b'"2012"', '"２０１２"'.encode())),
    ("pxweb year 2999", IRS031, _replace(b'"2012"', b'"2999"')),
    ("pxweb extra field in a row", IRS031, _replace(AIZ, AIZ + b",1")),
    ("pxweb missing field in a row", IRS031, _replace(b"33708,", b"")),
    # encodings and binary content
    ("pxweb binary garbage", LIBRARY, lambda d: bytes(range(256)) * 8),
    ("pxweb NUL byte inside", LIBRARY, _replace(b"Latvija", b"Lat\x00vija")),
    ("pxweb bell control character", LIBRARY, _replace(b"Latvija", b"Lat\x07vija")),
    ("pxweb Windows-1257 (Baltic)", LIBRARY, _cp1257),
    ("pxweb UTF-16 with BOM", LIBRARY, _utf16(True)),
    ("pxweb UTF-16 without BOM", LIBRARY, _utf16(False)),
    ("pxweb a gzip file", LIBRARY, lambda d: b"\x1f\x8b\x08\x00" + d[:40]),
    ("pxweb UTF-8 BOM (same values)", LIBRARY, lambda d: b"\xef\xbb\xbf" + d),
    ("pxweb CRLF line breaks (same values)", LIBRARY, lambda d: d.replace(b"\n", b"\r\n")),
    # facts
    ("facts empty value", FACTS, _fact(b"")),
    ("facts space inside a number", FACTS, _fact(b"588 911")),
    ("facts full-width digits", FACTS, _fact("５８８９１１".encode())),
    ("facts exponent", FACTS, _fact(b"5.88911e5")),
    ("facts 400-digit integer", FACTS, _fact(b"9" * 400)),
    ("facts cut in the middle of a row", FACTS, lambda d: d[: d.find(b"\n", 400) - 30]),
    ("facts a short row", FACTS, lambda d: d + b"LV0002000,Daugavpils,2026\n"),
    ("facts an unterminated quote", FACTS, lambda d: d + b'LV0002000,"Daugavpils,2026\n'),
    ("facts superscript year", FACTS, _replace(b"R\xc4\xabga,2026,", "Rīga,2026²,".encode())),
    ("facts Windows-1257 (Baltic)", FACTS, _cp1257),
    ("facts UTF-16 with BOM", FACTS, _utf16(True)),
    ("facts binary garbage", FACTS, lambda d: bytes((i * 37) % 256 for i in range(2048))),
    ("facts wrong header", FACTS, _replace(b"atvk,municipality", b"code,municipality")),
    # fetched tables (synthetic)
    ("fetched cut in the middle of a number", FETCHED, _cut(30)),
    ("fetched space inside a number", FETCHED, _fetch(b"27 825")),
    ("fetched full-width digits", FETCHED, _fetch("２７８２５".encode())),
    ("fetched inf", FETCHED, _fetch(b"inf")),
    ("fetched empty value without status", FETCHED, _fetch(b"")),
    ("fetched UTF-16 with BOM", FETCHED, _utf16(True)),
    ("fetched binary garbage", FETCHED, lambda d: bytes(range(256)) * 4),
    ("fetched NUL byte", FETCHED, _replace(b"Aizkraukle", b"Aiz\x00kraukle")),
]

READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    LIBRARY: lambda p: read_pxweb_csv(p).rows,
    FOREST: lambda p: read_pxweb_csv(p).rows,
    IRS031: lambda p: read_pxweb_csv(p).rows,
    FACTS: read_facts_csv,
    FETCHED: read_table_file,
}

# Cases a whole build must stop (the old database stays): (name, file, mutation, message part)
BUILD_CASES: list[tuple[str, str, Mutate, str]] = [
    ("negative number of libraries", LIBRARY, _value(b"-28"), "plausible range"),
    (
        "a share above 100 %",
        "facts/csp_employment_rate_census_2021_partial.csv",
        _replace(b",57.1,", b",571,"),
        "plausible range",
    ),
    ("a population of 60 million", FACTS, _fact(b"60000000"), "plausible range"),
    ("a code of no unit", FACTS, _replace(b"LV0001000,R", b"LV0009999,R"), "not a unit"),
    (
        "a code whose name disagrees",
        FACTS,
        _replace(b"LV0001000,R\xc4\xabga,2026", b"LV0001000,Daugavpils,2026"),
        "disagrees",
    ),
    (
        "a row another file also holds",
        "facts/csp_population_liepaja_ventspils_rezekne.csv",
        lambda d: d + "LV0001000,Rīga,2026,population_start_of_year,588911,persons,u,t\n".encode(),
        "also in",
    ),
]


def _values(frame: pd.DataFrame) -> list:
    keep = [c for c in frame.columns if c not in ("line", "column", "raw")]
    return frame[keep].astype(str).values.tolist()


def _outcome(read: Callable[[Path], pd.DataFrame], path: Path, original: list) -> tuple[str, str]:
    try:
        frame = read(path)
    except SourceError as exc:
        if exc.line is None and "empty" not in exc.problem:
            return "harmful", f"no line named: {exc}"
        return "handled", str(exc).replace(str(path.parent), "…")
    except Exception as exc:  # noqa: BLE001 - any other exception is what we count
        return "traceback", f"{type(exc).__name__}: {exc}"
    if _values(frame) == original:
        return "handled", "read; every value as in the untouched file"
    return "harmful", "read with different values"


def run_all(sources: Path) -> list[tuple[str, str, str]]:
    """(case, outcome, detail) for every case in CASES, on copies under a temporary folder."""
    results = []
    with tempfile.TemporaryDirectory(prefix="hostile-files-") as tmp:
        originals = {name: (sources / name).read_bytes() for name in READERS if name != FETCHED}
        originals[FETCHED] = fetched_text()
        clean = {}
        for name, data in originals.items():
            path = Path(tmp) / "clean" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            clean[name] = _values(READERS[name](path))
        for i, (case, name, mutate) in enumerate(CASES):
            path = Path(tmp) / f"case{i}" / Path(name).name
            path.parent.mkdir(parents=True)
            path.write_bytes(mutate(originals[name]))
            results.append((case, *_outcome(READERS[name], path, clean[name])))
    return results


def run_builds(sources: Path, catalogue: Path, previous: Path) -> list[tuple[str, str, str]]:
    """(case, outcome, detail) for BUILD_CASES: each a build over a private copy of the
    sources that must stop naming the file and line, leaving `previous` byte-identical."""
    from benchlearn.warehouse import build

    before = hashlib.sha256(previous.read_bytes()).hexdigest()
    results = []
    with tempfile.TemporaryDirectory(prefix="hostile-builds-") as tmp:
        copy = Path(tmp) / "sources"
        shutil.copytree(sources, copy)
        for case, name, mutate, expected in BUILD_CASES:
            path = copy / name
            original = path.read_bytes()
            path.write_bytes(mutate(original))
            try:
                build(copy, previous, catalogue, progress=lambda *_: None)
                outcome, detail = "harmful", "the build succeeded"
            except SourceError as exc:
                named = exc.line is not None and Path(name).name in str(exc)
                ok = named and expected in str(exc)
                outcome, detail = ("handled" if ok else "harmful"), str(exc)
            except Exception as exc:  # noqa: BLE001
                outcome, detail = "traceback", f"{type(exc).__name__}: {exc}"
            finally:
                path.write_bytes(original)
            if hashlib.sha256(previous.read_bytes()).hexdigest() != before:
                outcome, detail = "harmful", "the previous database changed"
            results.append((case, outcome, detail.replace(str(copy), "…")))
    return results
