"""Paths and settings, read from the environment so a deployment can move them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    sources_dir: Path
    database_path: Path
    catalogue_path: Path


def load_settings() -> Settings:
    """Defaults: sources in ../shared/data beside the repository, database in data/."""
    sources = os.environ.get("BENCHLEARN_SOURCES", str(REPO_ROOT.parent / "shared" / "data"))
    database = os.environ.get("BENCHLEARN_DB", str(REPO_ROOT / "data" / "benchlearn.duckdb"))
    catalogue = os.environ.get("BENCHLEARN_CATALOGUE", str(REPO_ROOT / "data" / "indicators.toml"))
    return Settings(Path(sources), Path(database), Path(catalogue))
