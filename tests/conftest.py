"""Shared fixtures: the real reference data, and one warehouse built from it per test run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from benchlearn.settings import load_settings
from benchlearn.warehouse import build

SETTINGS = load_settings()
# Tests (and the servers they start) keep user data in a throwaway SQLite file, never in the
# developer's data/userdata.sqlite. Tests of the storage itself choose their own URL.
os.environ.setdefault(
    "BENCHLEARN_USERDATA_URL",
    f"sqlite:///{Path(tempfile.mkdtemp(prefix='benchlearn-userdata-')) / 'userdata.sqlite'}",
)
# Approved contributions the builds read (ingest.contributed): none unless a test stages them.
os.environ.setdefault(
    "BENCHLEARN_CONTRIBUTED", str(Path(tempfile.mkdtemp(prefix="benchlearn-contributed-")))
)


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    if not (SETTINGS.sources_dir / "raw").is_dir():
        pytest.fail(f"reference data not found at {SETTINGS.sources_dir} (../shared/data)")
    return SETTINGS.sources_dir


@pytest.fixture(scope="session")
def built_db(tmp_path_factory, sources_dir) -> Path:
    """A warehouse built from the real sources, shared by the read-only tests."""
    target = tmp_path_factory.mktemp("warehouse") / "benchlearn.duckdb"
    build(sources_dir, target, SETTINGS.catalogue_path, progress=lambda *_: None)
    return target


@pytest.fixture
def sources_copy(tmp_path, sources_dir) -> Path:
    """A private copy of the sources that a test may break."""
    copy = tmp_path / "sources"
    shutil.copytree(sources_dir, copy)
    return copy
