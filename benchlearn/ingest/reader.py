"""One reader contract for every file we ingest: PxWeb CSV, facts, fetched tables, approved
contributions and contribution uploads (CSV; an Excel upload is read by logic.contributions).

A file is read whole as bytes and must be UTF-8 text (a UTF-8 byte order mark is fine): an
empty file, binary content, UTF-16 or a legacy encoding (Windows-1257 is what a Latvian
spreadsheet saves) stops with what it is and what is expected. A file whose last line does not
end with a line break was cut off. Numbers follow an exact grammar per format: ASCII digits,
an optional sign, the format's one decimal separator and, where the format has them, thousands
groups of exactly three; they must be finite and not absurdly large. An empty cell is an error;
"not available" must be one of the declared markers. Every stop names the file, line, column
and the raw text.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from benchlearn.ingest.errors import SourceError

MAX_MAGNITUDE = 1e15  # no municipal figure comes near; a 400-digit number is a broken file
_BOM = b"\xef\xbb\xbf"
_UTF16 = {b"\xff\xfe": "UTF-16 (little-endian)", b"\xfe\xff": "UTF-16 (big-endian)"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LATVIAN = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")

# Number grammars: [0-9] only (never \d, which takes full-width and Arabic-Indic digits).
# PxWeb exports may group thousands with a space or a no-break space, consistently.
PXWEB = re.compile(
    r"^[+-]?(?:[0-9]{1,3}(?P<sep>[ \u00a0])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)(?:\.[0-9]+)?$"
)
# Facts files: digits as printed, decimal point, no separators (facts/SOURCES.md).
FACTS = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?$")
# Fetched tables are written by pandas: a float may carry an exponent.
FETCHED = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$")


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _around(data: bytes, offset: int) -> str:
    return repr(data[max(0, offset - 12) : offset + 12])


def read_text(path: Path) -> str:
    """The file as text, if it is a complete UTF-8 text file; else a SourceError that says
    what it is and what is expected."""
    if not path.is_file():
        raise SourceError(path, "source file is missing")
    return decode_text(path.read_bytes(), path)


def decode_text(data: bytes, path: Path | str) -> str:
    """read_text for bytes already in memory (an upload); `path` names it in messages."""
    if not data.strip():
        raise SourceError(path, "file is empty; expected UTF-8 CSV text", 1, "")
    for bom, name in _UTF16.items():
        if data.startswith(bom):
            raise SourceError(
                path, f"file is {name}; expected UTF-8 (save it as 'CSV UTF-8')", 1, repr(bom)
            )
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line, column = _where(data, offset)
        zeros_alternate = data[1:200:2].count(0) > 40 or data[0:200:2].count(0) > 40
        what = (
            "UTF-16 text without a byte order mark"
            if zeros_alternate
            else "binary content (NUL byte)"
        )
        raise SourceError(
            path, f"file holds {what}; expected UTF-8 CSV text", line, _around(data, offset), column
        )
    try:
        text = data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(_BOM) if data.startswith(_BOM) else 0)
        line, column = _where(data, offset)
        raise SourceError(path, _not_utf8(data), line, _around(data, offset), column) from None
    control = _CONTROL.search(text)
    if control:
        offset = len(text[: control.start()].encode("utf-8")) + (
            len(_BOM) if data.startswith(_BOM) else 0
        )
        line, column = _where(data, offset)
        raise SourceError(
            path,
            "file holds control characters (binary content?); expected CSV text",
            line,
            _around(data, offset),
            column,
        )
    if not text.endswith("\n"):
        lines = text.split("\n")
        raise SourceError(
            path,
            "last line is incomplete (no line break at the end): the file was cut off",
            len(lines),
            lines[-1][-60:],
            len(lines[-1]) + 1,
        )
    return text


def _not_utf8(data: bytes) -> str:
    try:
        legacy = data.decode("cp1257")
    except UnicodeDecodeError:
        return "file is not UTF-8 text (an invalid byte); expected UTF-8"
    if set(legacy) & _LATVIAN:
        return (
            "file is not UTF-8: it reads as Windows-1257 (Baltic), as a spreadsheet saves it; "
            "expected UTF-8 (save it as 'CSV UTF-8')"
        )
    return "file is not UTF-8 text (an invalid byte); expected UTF-8"


def parse_number(
    raw: str,
    grammar: re.Pattern[str],
    markers: frozenset[str],
    path: Path | str,
    line: int,
    column: int,
) -> float | None:
    """A cell as a number by the format's grammar; None for a declared not-available marker.
    Empty cells, other text, and numbers that are not finite or absurdly large stop."""
    text = raw.strip()
    if text == "":
        raise SourceError(
            path,
            "empty cell: expected a number or a not-available marker "
            f"({' '.join(sorted(m for m in markers if m))})",
            line,
            raw,
            column,
        )
    if text in markers:
        return None
    match = grammar.match(text)
    if not match:
        raise SourceError(
            path, "value is not a number nor a declared not-available marker", line, raw, column
        )
    value = float(text.replace(" ", "").replace("\u00a0", ""))
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise SourceError(path, "number is too large to be a real figure", line, raw, column)
    return value
