"""Command line: `python -m benchlearn build [--sources DIR] [--db FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchlearn.catalogue import CatalogueError
from benchlearn.formulas import FormulaError
from benchlearn.ingest.errors import SourceError
from benchlearn.settings import load_settings
from benchlearn.warehouse import BuildError, build


def main(argv: list[str] | None = None) -> int:
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m benchlearn")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the warehouse from the sources")
    build_cmd.add_argument(
        "--sources",
        type=Path,
        default=settings.sources_dir,
        help=f"source directory (default {settings.sources_dir})",
    )
    build_cmd.add_argument(
        "--db",
        type=Path,
        default=settings.database_path,
        help=f"database file to write (default {settings.database_path})",
    )
    build_cmd.add_argument("--catalogue", type=Path, default=settings.catalogue_path)
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            build(args.sources, args.db, args.catalogue)
        except (SourceError, CatalogueError, FormulaError, BuildError) as exc:
            print(f"Build stopped: {exc}", file=sys.stderr)
            print("The previous database (if any) is unchanged.", file=sys.stderr)
            return 1
    return 0
