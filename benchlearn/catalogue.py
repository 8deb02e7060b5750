"""The indicator catalogue (data/indicators.toml): loaded, validated, ordered for the build."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from benchlearn.formulas import Compiled, FormulaError, compile_formula

DIRECTIONS = ("higher_better", "lower_better", "neutral")
# pxweb_api: a table fetched live from CSP (data/pxweb_tables.toml says how), not a file
FORMATS = ("pxweb_csv", "facts_csv", "pxweb_api")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
# what an indicator's entry says about it (contributed indicators carry the same fields)
INDICATOR_FIELDS = (
    *("name_lv", "name_en", "unit_lv", "unit_en", "definition_lv", "definition_en"),
    *("theme", "direction", "decimals"),
)
_INDICATOR_KEYS = set(INDICATOR_FIELDS)
_SOURCE_KEYS = {
    "path",
    "format",
    "unit_column",
    "versions",
    "publisher",
    "table",
    "title",
    "url",
    "retrieved",
    "flags",
}


MAX_MAGNITUDE = 1e15
# Plausible ranges of source values by unit (English unit text of the catalogue): Latvia has
# ~1.9 million residents and 64 600 km²; anything outside is a broken file, not a figure.
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "persons": (0, 5e6),
    "%": (0, 100),
    "km": (0, 1e6),
    "km²": (0, 1e5),
    "ha": (0, 1e7),
    "libraries": (0, 1e4),
    "parishes": (0, 1e3),
    "towns": (0, 1e3),
    "years": (0, 120),
    "euro per resident": (0, 1e7),
    "euro": (0, 1e12),
}


class CatalogueError(ValueError):
    """The catalogue file is inconsistent; the message names the entry and the problem."""


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    format: str
    unit_column: str
    versions: list[str]
    publisher: str
    table: str
    title: str
    url: str
    retrieved: str
    flags: str
    ignore_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Indicator:
    code: str
    name_lv: str
    name_en: str
    unit_lv: str
    unit_en: str
    definition_lv: str
    definition_en: str
    theme: str
    direction: str
    decimals: int
    maps: list[dict] = field(default_factory=list)
    formula: str | None = None
    timeless: bool = False
    per_capita: str | None = None
    # a count, area or length: the sum of the parts is the whole, so figures of the pre-2021
    # municipalities may be harmonised onto the 43 (ingest.harmonise)
    additive: bool = False
    # [low, high]: a value read from a source outside it stops the build (default by unit,
    # PLAUSIBLE); a figure that can be negative (net migration) says so here
    range: tuple[float, float] | None = None
    # only municipal contributions fill it (defined by an administrator, ingest.contributed)
    contributed: bool = False


@dataclass(frozen=True)
class Catalogue:
    path: Path
    themes: dict[str, dict]
    sources: dict[str, Source]
    indicators: dict[str, Indicator]
    compiled: dict[str, Compiled]  # derived code -> formula, in dependency order

    @property
    def timeless(self) -> set[str]:
        return {code for code, ind in self.indicators.items() if ind.timeless}

    def plausible(self, code: str) -> tuple[float, float]:
        """The range a source value of `code` must lie in: the indicator's own, else the
        default for its unit, else any finite number of sensible size."""
        ind = self.indicators[code]
        if ind.range is not None:
            return ind.range
        return PLAUSIBLE.get(ind.unit_en, (-MAX_MAGNITUDE, MAX_MAGNITUDE))

    @property
    def additive(self) -> set[str]:
        return {code for code, ind in self.indicators.items() if ind.additive}


def read_toml(path: Path, what: str, error: type[Exception]) -> dict:
    """A TOML file as a dict; `error` naming the file if it is missing or not valid TOML."""
    if not path.is_file():
        raise error(f"{path}: {what} is missing")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc})") from exc


def load_catalogue(path: Path) -> Catalogue:
    raw = read_toml(path, "indicator catalogue", CatalogueError)
    themes = raw.get("themes", {})
    sources = {sid: _source(path, sid, body) for sid, body in raw.get("sources", {}).items()}
    indicators = {
        code: _indicator(path, code, body, themes, sources)
        for code, body in raw.get("indicators", {}).items()
    }
    return Catalogue(path, themes, sources, indicators, _compile_all(path, indicators))


def _source(path: Path, sid: str, body: dict) -> Source:
    missing = _SOURCE_KEYS - body.keys()
    if missing:
        raise CatalogueError(f"{path}: source {sid!r} lacks {sorted(missing)}")
    if body["format"] not in FORMATS:
        raise CatalogueError(f"{path}: source {sid!r} has unknown format {body['format']!r}")
    unknown = body.keys() - _SOURCE_KEYS - {"ignore_units"}
    if unknown:
        raise CatalogueError(f"{path}: source {sid!r} has unknown fields {sorted(unknown)}")
    ignored = tuple(body.get("ignore_units", ()))
    return Source(id=sid, ignore_units=ignored, **{k: body[k] for k in _SOURCE_KEYS})


def _indicator(path: Path, code: str, body: dict, themes: dict, sources: dict) -> Indicator:
    where = f"{path}: indicator {code!r}"
    if not _CODE.match(code):
        raise CatalogueError(f"{where}: code must be lower-case letters, digits and _")
    missing = _INDICATOR_KEYS - body.keys()
    if missing:
        raise CatalogueError(f"{where} lacks {sorted(missing)}")
    optional = {"maps", "formula", "timeless", "per_capita", "additive", "range"}
    unknown = body.keys() - _INDICATOR_KEYS - optional
    if unknown:
        raise CatalogueError(f"{where} has unknown fields {sorted(unknown)}")
    if body["direction"] not in DIRECTIONS:
        raise CatalogueError(f"{where}: direction must be one of {DIRECTIONS}")
    if body["theme"] not in themes:
        raise CatalogueError(f"{where}: unknown theme {body['theme']!r}")
    kinds = [k for k in ("maps", "formula", "timeless") if body.get(k)]
    if len(kinds) != 1:
        raise CatalogueError(f"{where}: give exactly one of maps, formula or timeless")
    if "range" in body:
        bounds = body["range"]
        numbers = isinstance(bounds, list) and len(bounds) == 2
        if not numbers or not all(isinstance(b, int | float) for b in bounds):
            raise CatalogueError(f"{where}: range must be [low, high]")
        if bounds[0] > bounds[1]:
            raise CatalogueError(f"{where}: range low is above high")
        body = {**body, "range": (float(bounds[0]), float(bounds[1]))}
    if body.get("additive") and not body.get("maps"):
        raise CatalogueError(f"{where}: only an indicator read from sources can be additive")
    for entry in body.get("maps", []):
        if entry.get("source") not in sources or not isinstance(entry.get("match"), dict):
            raise CatalogueError(f"{where}: map {entry} needs a known source and a match table")
    return Indicator(code=code, **body)


def _compile_all(path: Path, indicators: dict[str, Indicator]) -> dict[str, Compiled]:
    known = set(indicators)
    compiled = {}
    for code, ind in indicators.items():
        if ind.per_capita and ind.per_capita not in known:
            raise CatalogueError(f"{path}: {code}.per_capita names unknown {ind.per_capita!r}")
        if ind.formula:
            try:
                compiled[code] = compile_formula(ind.formula, known - {code})
            except FormulaError as exc:
                raise CatalogueError(f"{path}: indicator {code!r}: {exc}") from exc
    graph = {code: [i for i in c.inputs if i in compiled] for code, c in compiled.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise CatalogueError(
            f"{path}: derived indicators depend on each other: {exc.args[1]}"
        ) from exc
    return {code: compiled[code] for code in order}
