"""Command line: `python -m benchlearn build [--sources DIR] [--db FILE]` and
`python -m benchlearn fetch [TABLE ...] [--since YEAR] [--base-url URL] [--check | --plan]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchlearn.catalogue import CatalogueError
from benchlearn.fetch import (
    FetchError,
    check_mappings,
    default_fetched_dir,
    default_tables_path,
    fetch,
    plan,
)
from benchlearn.formulas import FormulaError
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.fetch_mapping import MappingError
from benchlearn.ingest.pxweb_client import ENV_BASE_URL, PxWebError
from benchlearn.settings import load_settings
from benchlearn.warehouse import BuildError, build, is_current


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
    build_cmd.add_argument(
        "--if-outdated",
        action="store_true",
        help="build only if the database is missing or of an older schema (make run)",
    )
    build_cmd.add_argument(
        "--fetched",
        type=Path,
        default=default_fetched_dir(),
        help=f"tables fetched from CSP, loaded too (default {default_fetched_dir()})",
    )
    _add_fetch_command(commands, settings)
    args = parser.parse_args(argv)
    if args.command == "fetch":
        return _fetch(args)
    if args.command == "build":
        if args.if_outdated and is_current(args.db):
            return 0
        try:
            build(args.sources, args.db, args.catalogue, fetched_dir=args.fetched)
        except (SourceError, CatalogueError, FormulaError, BuildError) as exc:
            print(f"Build stopped: {exc}", file=sys.stderr)
            print("The previous database (if any) is unchanged.", file=sys.stderr)
            return 1
    return 0


def _add_fetch_command(commands, settings) -> None:
    cmd = commands.add_parser(
        "fetch",
        help="pull CSP PxWeb tables into the warehouse",
        description="Pull tables from CSP's PxWeb API (data/pxweb_tables.toml says which and "
        "how), then rebuild the warehouse with them. All or nothing: on any failure the "
        "previous database and data/fetched/ stay as they were.",
    )
    cmd.add_argument("tables", nargs="*", metavar="TABLE", help="e.g. IRS031 (default: all)")
    cmd.add_argument("--since", type=int, metavar="YEAR", help="only years from YEAR on")
    cmd.add_argument(
        "--base-url",
        metavar="URL",
        help=f"PxWeb API v1 base URL (default ${ENV_BASE_URL} or https://data.stat.gov.lv/api/v1)",
    )
    cmd.add_argument("--db", type=Path, default=settings.database_path)
    cmd.add_argument("--sources", type=Path, default=settings.sources_dir)
    cmd.add_argument("--catalogue", type=Path, default=settings.catalogue_path)
    cmd.add_argument("--mapping", type=Path, default=default_tables_path())
    cmd.add_argument("--fetched", type=Path, default=default_fetched_dir())
    mode = cmd.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="compare every mapping with the live metadata; print OK or the lines to change",
    )
    mode.add_argument(
        "--plan", action="store_true", help="print what would change (dry run), apply nothing"
    )


def _fetch(args) -> int:
    common = {"base_url": args.base_url, "catalogue_path": args.catalogue}
    common |= {"tables_path": args.mapping, "fetched_dir": args.fetched}
    try:
        if args.check:
            return 0 if check_mappings(args.tables, **common) else 1
        if args.plan:
            plan(args.tables, since=args.since, database=args.db, **common)
            return 0
        fetch(
            args.tables,
            since=args.since,
            base_url=args.base_url,
            sources_dir=args.sources,
            database=args.db,
            catalogue_path=args.catalogue,
            tables_path=args.mapping,
            fetched_dir=args.fetched,
        )
    except (
        PxWebError,
        FetchError,
        MappingError,
        SourceError,
        CatalogueError,
        FormulaError,
        BuildError,
    ) as exc:
        print(f"Fetch stopped: {exc}", file=sys.stderr)
        print(
            f"Nothing was changed: {args.db} and {args.fetched} are as they were.",
            file=sys.stderr,
        )
        return 1
    return 0
