"""Approving a contribution (or reverting a value) puts it into the warehouse the way
`python -m benchlearn fetch` puts a fetched table there (benchlearn.fetch):

1. stage  the approved values in force and the contributed indicators, from the approval's
          own transaction, as files in a staging directory beside data/contributed/;
2. merge  warehouse.build from every source plus the staged files, into a new database file
          that is validated and only then swapped in (the build's own swap);
3. commit the approval in the user-data database, then the staged files replace those in
          data/contributed/ (fetch.commit), so a later `make data` keeps them.

All under the warehouse's build lock: two approvals at once run one after the other, and the
second one's files hold the first one's values too. A failure in 1-2 leaves the warehouse,
data/contributed/ and the user-data database as they were; should the commit itself fail
after the swap, the warehouse is rebuilt from the files as they were.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from benchlearn.fetch import commit, default_fetched_dir
from benchlearn.ingest.contributed import default_contributed_dir, write_contributed
from benchlearn.settings import load_settings
from benchlearn.userdata import contributions
from benchlearn.userdata.access import Actor
from benchlearn.warehouse import build, build_lock


@dataclass(frozen=True)
class Paths:
    sources: Path
    database: Path
    catalogue: Path
    fetched: Path
    contributed: Path


def default_paths() -> Paths:
    settings = load_settings()
    return Paths(
        settings.sources_dir,
        settings.database_path,
        settings.catalogue_path,
        default_fetched_dir(),
        default_contributed_dir(),
    )


@dataclass(frozen=True)
class Applied:
    values: int  # approved in this step
    seconds: float  # from the decision to the new warehouse in place


def _applying(engine: Engine, paths: Paths, step) -> Applied:
    started = time.perf_counter()
    with build_lock(paths.database):
        staging = paths.contributed.with_name(
            f".{paths.contributed.name}.staging-{os.getpid()}-{threading.get_ident()}"
        )
        shutil.rmtree(staging, ignore_errors=True)
        built = False

        def rebuild(contributed: Path) -> None:
            build(
                paths.sources,
                paths.database,
                paths.catalogue,
                progress=lambda *_: None,
                fetched_dir=paths.fetched,
                contributed_dir=contributed,
            )

        def apply(values: pd.DataFrame, indicators: pd.DataFrame) -> None:
            nonlocal built
            write_contributed(staging, values, indicators)
            rebuild(staging)
            built = True

        try:
            count = step(apply)
            commit(staging, paths.contributed)
        except BaseException:
            if built:  # swapped in, but the decision did not commit: back to the files
                rebuild(paths.contributed)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Applied(count, time.perf_counter() - started)


def approve(
    engine: Engine,
    contribution_id: int,
    *,
    by: Actor,
    reason: str = "",
    paths: Paths | None = None,
) -> Applied:
    """Approve a staged contribution and rebuild the warehouse with it (module doc)."""
    return _applying(
        engine,
        paths or default_paths(),
        lambda apply: contributions.approve(
            engine, contribution_id, by=by, apply=apply, reason=reason
        ),
    )


def revert(
    engine: Engine, version_id: int, *, by: Actor, reason: str = "", paths: Paths | None = None
) -> Applied:
    """Make an earlier version of a value the one in force, and rebuild (administrators)."""
    return _applying(
        engine,
        paths or default_paths(),
        lambda apply: (
            contributions.revert(engine, version_id, by=by, reason=reason, apply=apply) and 1
        ),
    )
