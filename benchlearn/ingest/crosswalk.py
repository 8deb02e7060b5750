"""One name crosswalk for every source: Latvian, English and city names to territorial units.

Sources print names, not codes: "Ādažu novads", "Ādaži municipality", "Riga", "Latvija",
"Madonas novads (no 01.07.2025.)". A name resolves within the boundary versions its source
declares, in order; a date qualifier picks the versions valid at that date instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pandas as pd

from benchlearn.ingest.boundaries import Version
from benchlearn.ingest.errors import SourceError

_QUALIFIER = re.compile(
    r"\s*\((?P<word>no|from|before|līdz)\s+(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4})\.?\)\s*$",
    re.IGNORECASE,
)


def name_keys(name: str) -> set[str]:
    """Spellings that count as the same name: case, spacing and diacritics ignored."""
    text = " ".join(unicodedata.normalize("NFC", name).split()).casefold()
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return {text, folded}


def _valid_on(version: Version, day: dt.date) -> bool:
    start = dt.date.fromisoformat(version.valid_from) if version.valid_from else dt.date.min
    end = dt.date.fromisoformat(version.valid_to) if version.valid_to else dt.date.max
    return start <= day <= end


_CODE = re.compile(r"^LV(\d{7})?$")


class Crosswalk:
    def __init__(
        self,
        units: pd.DataFrame,
        members: pd.DataFrame,
        versions: list[Version],
        codes: pd.DataFrame | None = None,
    ):
        self.versions = {v.code: v for v in versions}
        names = units.set_index("unit_id")
        self._index: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._names: dict[str, set[str]] = defaultdict(set)  # unit -> its name keys
        self._label = dict(zip(names.index, names["name_lv"], strict=True))
        for version, uid in zip(members["version"], members["unit_id"], strict=True):
            row = names.loc[uid]
            for name in [row["name_lv"], row["name_en"], *row["aliases"]]:
                for key in name_keys(name):
                    self._index[(version, key)].add(uid)
                    self._names[uid].add(key)
        # every unit is known by its own id; a territory the 2021 reform did not change is
        # also known by the code it had before (LV0010000 is Rīga, LV0001000 today)
        self._codes = {uid: uid for uid in self._names if _CODE.match(uid)}
        if codes is not None:
            self._codes.update(zip(codes["code"], codes["unit_id"], strict=True))

    def unit_of_code(self, code: str) -> str | None:
        """The unit an ATVK code (a unit's own, or one it had before) means, if any."""
        return self._codes.get(code)

    def names_unit(self, uid: str, name: str) -> bool:
        """Whether `name` (a date qualifier aside) is one of the unit's names."""
        match = _QUALIFIER.search(name)
        bare = name[: match.start()] if match else name
        return bool(name_keys(bare) & self._names.get(uid, set()))

    def resolve_code(self, code: str, name: str, path: Path | str, line: int) -> str:
        """The unit a code means; the name printed beside it must be one of that unit's
        names, so a code and a name that disagree stop the build (file, line, code, name)."""
        if not _CODE.match(code):
            raise SourceError(path, "atvk is not LV or LV + 7 digits", line, code)
        uid = self._codes.get(code)
        if uid is None:
            raise SourceError(path, "atvk is not a unit of any boundary version", line, code)
        match = _QUALIFIER.search(name)
        bare = name[: match.start()] if match else name
        if not name_keys(bare) & self._names[uid]:
            raise SourceError(
                path,
                f"name disagrees with its atvk {code} ({self._label[uid]})",
                line,
                name,
            )
        return uid

    def resolve(self, name: str, versions: list[str], path: Path | str, line: int) -> str:
        """The unit a source's name means; stops the build with file, line and name if none."""
        unknown = [v for v in versions if v not in self.versions]
        if unknown:
            raise SourceError(path, f"source declares unknown boundary versions {unknown}")
        bare, candidates = self._candidates(name, versions)
        for version in candidates:
            found: set[str] = set()
            for key in name_keys(bare):
                found |= self._index.get((version, key), set())
            if len(found) == 1:
                return next(iter(found))
            if len(found) > 1:
                raise SourceError(
                    path, f"name is ambiguous in {version}: {sorted(found)}", line, name
                )
        raise SourceError(path, self._unplaced_message(bare, candidates), line, name)

    def _candidates(self, name: str, versions: list[str]) -> tuple[str, list[str]]:
        match = _QUALIFIER.search(name)
        if not match:
            return name, versions
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match["word"].casefold() in {"before", "līdz"}:
            day -= dt.timedelta(days=1)
        dated = [code for code, v in self.versions.items() if _valid_on(v, day)]
        # the source's own versions first, so a city stays a city and not its parish layer
        ordered = [v for v in versions if v in dated] + [v for v in dated if v not in versions]
        return name[: match.start()], ordered

    def _unplaced_message(self, bare: str, candidates: list[str]) -> str:
        known = sorted({key for (version, key) in self._index if version in candidates})
        close = difflib.get_close_matches(" ".join(bare.split()).casefold(), known, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        return f"name matches no territorial unit in {', '.join(candidates)}{hint}"
