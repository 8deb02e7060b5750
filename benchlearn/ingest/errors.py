"""One error type for every bad source, so the build can name file, line and value."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A source file cannot be used as it is; the message says where and what."""

    def __init__(
        self,
        path: Path | str,
        problem: str,
        line: int | None = None,
        value: object | None = None,
        column: int | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.value = value
        self.problem = problem
        where = self.path if line is None else f"{self.path}, line {line}"
        where += "" if column is None else f", column {column}"
        shown = "" if value is None else f": {value!r}"
        super().__init__(f"{where}: {problem}{shown}")
