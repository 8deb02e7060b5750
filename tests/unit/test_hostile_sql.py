"""The SQL console against the hostile corpus (tests/hostile/sql.py): every statement is
refused with a reason, stopped by a limit with a message, or a harmless read that shows no
server path; nothing is written, read from a file or changed in the warehouse."""

from __future__ import annotations

import time

from tests.hostile import sql as hostile


def test_the_corpus_is_large_and_its_names_unique():
    names = [name for name, _ in hostile.CASES]
    assert len(names) >= 80
    assert len(set(names)) == len(names)
    kinds = {name.split("_")[0] for name in names}
    assert {"mem", "time", "path", "write", "file", "ext", "http", "attach", "copy"} <= kinds
    assert {"set", "pragma", "multi", "comment", "uni"} <= kinds


def test_every_hostile_statement_is_handled(built_db):
    start = time.monotonic()
    results = hostile.run_all(built_db)
    assert [r[0] for r in results] == [name for name, _ in hostile.CASES]
    harmful = [r for r in results if r[1] != "handled"]
    assert not harmful, harmful
    assert time.monotonic() - start < 110
