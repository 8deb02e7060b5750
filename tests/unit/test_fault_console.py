"""Fault: a long SQL console query must not slow other sessions down (by more than 2x).

No timed assertion: the guarantee is checked by its structure. The query runs in a process of
its own (not the server's), at a lower CPU priority (a higher nice value) and under its own
memory cap, and another session's page run completes while the 5-second query still runs.
The slowdown itself (a page rerun with vs without the query running) is measured and printed
(tests.faults_support.console_slowdown, which `make bench` may call as well).
"""

from __future__ import annotations

import os
import resource

from benchlearn import sqlconsole
from tests.faults_support import (
    console_slowdown,
    long_console_query,
    page_session,
    running_workers,
    worker_info,
)

VIEW = {"ind": "population_avg", "my": "LV0020000", "cmp": "LV0021000"}


def test_a_long_query_runs_apart_and_another_session_is_served(built_db):
    with (
        page_session(built_db, "pages/benchmark.py", VIEW) as other_session,
        long_console_query(built_db) as console,
    ):
        workers = running_workers()
        assert len(workers) == 1, "the query is not running in a worker process"
        worker = workers[0]
        assert worker.pid != os.getpid()
        assert worker.nice > os.getpriority(os.PRIO_PROCESS, 0)
        server_cap = resource.getrlimit(resource.RLIMIT_AS)[0]
        assert server_cap == resource.RLIM_INFINITY or worker.address_space_limit < server_cap
        # the cap lets the worker grow by the console's memory limit beyond its size then
        memory = sqlconsole.MEMORY_MB * 2**20
        assert memory < worker.address_space_limit <= worker.vm_peak + memory

        other_session.run()  # another session's interaction
        assert not other_session.exception
        assert console.is_alive() and worker_info(worker.pid) is not None, "the query had ended"
    assert console.outcome["error"].code == "timeout"  # it ran to the time limit
    assert not running_workers()


def test_the_slowdown_beside_a_long_query_is_measured(built_db, capsys):
    slowdown = console_slowdown(built_db)
    assert slowdown.runs > 0 and slowdown.alone_ms > 0
    with capsys.disabled():
        print(
            f"\nconsole slowdown: a comparison-page rerun takes {slowdown.alone_ms:.0f} ms alone, "
            f"{slowdown.beside_ms:.0f} ms beside a {sqlconsole.TIME_LIMIT:g}-second console "
            f"query (median of {slowdown.runs}): {slowdown.ratio:.2f}x on {os.cpu_count()} CPUs"
        )
