"""Helpers of the fault tests: a TCP link to PostgreSQL that can be cut ("the server went
down"), a user-data writer to kill mid-write, the SQL console's running workers, and
`console_slowdown`, which `make bench` may call too.

`python -m tests.faults_support write URL` migrates the store at URL, then writes saved views,
slides and practices in a loop, printing the number of each write once it has committed, until
it is killed.
"""

from __future__ import annotations

import contextlib
import os
import resource
import select
import socket
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class CuttableLink:
    """Forwards 127.0.0.1:port to a server until `cut()`: then nothing listens on the port
    and every open connection is closed, as when the server stops."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # cut
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [])
                for side in ready:
                    data = side.recv(1 << 16)
                    if not data:
                        return
                    (b if side is a else a).sendall(data)
        except OSError:
            return
        finally:
            for side in (a, b):
                with contextlib.suppress(OSError):
                    side.close()

    def cut(self) -> None:
        # shutdown first: close() alone does not wake a thread blocked in accept()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for side in self.sockets:
                with contextlib.suppress(OSError):
                    side.shutdown(socket.SHUT_RDWR)
                    side.close()


def write_forever(url: str) -> None:
    """Writes of every kind, each its own transaction; "<n>" is printed after write n has
    committed. The first line is "network <id> deck <id>"."""
    from benchlearn.userdata import db
    from benchlearn.userdata import repository as repo
    from benchlearn.userdata.repository import NetworkInput, PracticeInput
    from tests.userdata_support import admin

    engine = db.get_engine(url)
    by = admin(engine)
    network = repo.create_network(engine, NetworkInput(name_lv="Sintētisks tīkls (kill)"), by=by)
    deck = repo.create_deck(engine, network, "Sintētiska prezentācija", by=by)
    print(f"network {network} deck {deck}", flush=True)
    n = 0
    while True:
        n += 1
        note = "x" * (n % 7 * 500)  # writes of different sizes
        view = repo.save_view(engine, network, f"w{n}", note, "tendences", {"year": "2024"}, by=by)
        repo.append_slide(engine, deck, view, by=by)
        if n % 5 == 0:
            repo.create_practice(engine, PracticeInput(title_lv=f"Sintētiska prakse w{n}"), by=by)
        print(n, flush=True)


def hold(gate, owner: str) -> tuple[threading.Event, threading.Thread]:
    """A render by `owner` in a benchlearn.limits.Gate that keeps its slot until the event
    is set (then join the thread)."""
    inside, release = threading.Event(), threading.Event()

    def render() -> None:
        with gate.slot(owner):
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=render)
    thread.start()
    assert inside.wait(10)
    return release, thread


# --- the SQL console beside other sessions ---------------------------------------------------

# Runs into the console's 5-second time limit on any machine (ten billion rows).
LONG_QUERY = "SELECT sum(hash(range)) FROM range(10000000000::bigint)"


@dataclass(frozen=True)
class Worker:
    pid: int
    nice: int
    address_space_limit: int  # bytes; resource.RLIM_INFINITY if none
    vm_peak: int  # bytes


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                # the fields after the command name, which is in parentheses
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry.name))
    return found


def worker_info(pid: int) -> Worker | None:
    try:
        command = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
        if b"benchlearn.sqlworker" not in command:
            return None
        stat = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        limits = (Path("/proc") / str(pid) / "limits").read_text().splitlines()
        status = (Path("/proc") / str(pid) / "status").read_text().splitlines()
    except OSError:  # it ended
        return None
    soft = next(line.split()[3] for line in limits if line.startswith("Max address space"))
    peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmPeak:"))
    limit = resource.RLIM_INFINITY if soft == "unlimited" else int(soft)
    return Worker(pid, int(stat[16]), limit, peak)  # field 19 of stat: the nice value


def running_workers() -> list[Worker]:
    """This process's console workers that run a query (a waiting spare has no memory cap
    yet: the cap is set once its job has arrived)."""
    workers = (worker_info(pid) for pid in _children(os.getpid()))
    return [w for w in workers if w and w.address_space_limit != resource.RLIM_INFINITY]


@contextlib.contextmanager
def long_console_query(database: Path) -> Iterator[threading.Thread]:
    """A console query that runs into the time limit, as another session's click on "Run":
    entered once its worker runs the query (memory cap set); the thread ends with it."""
    from benchlearn import sqlconsole

    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = sqlconsole.run(database, LONG_QUERY)
        except sqlconsole.ConsoleError as error:
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.outcome = outcome  # type: ignore[attr-defined]
    thread.start()
    deadline = time.monotonic() + sqlconsole.SETUP_SECONDS
    while not running_workers() and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield thread
    finally:
        thread.join()


@contextlib.contextmanager
def page_session(database: Path, page: str, query: dict[str, str]) -> Iterator[object]:
    """A session (AppTest of app.py) on `page`, warmed up by one run; the environment and
    Streamlit's legacy-pages flag as they were afterwards."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from benchlearn.settings import REPO_ROOT

    saved_db, saved_init = os.environ.get("BENCHLEARN_DB"), PagesManager.__init__

    def init(self, *args, **kwargs):  # app.py routes with st.navigation (tests/app/conftest)
        saved_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    os.environ["BENCHLEARN_DB"] = str(database)
    PagesManager.__init__ = init
    try:
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
        at.query_params.update(query)
        at.run()
        at.switch_page(page)
        at.run()
        at.run()
        yield at
    finally:
        PagesManager.__init__ = saved_init
        if saved_db is None:
            os.environ.pop("BENCHLEARN_DB", None)
        else:
            os.environ["BENCHLEARN_DB"] = saved_db


@dataclass(frozen=True)
class Slowdown:
    alone_ms: float  # median time of one interaction with no console query running
    beside_ms: float  # the same while a long console query runs
    runs: int  # interactions measured beside the query

    @property
    def ratio(self) -> float:
        return self.beside_ms / self.alone_ms


def console_slowdown(
    database: Path,
    page: str = "pages/benchmark.py",
    query: dict[str, str] | None = None,
    runs: int = 7,
) -> Slowdown:
    """How much a long SQL console query slows another session: the median time of a rerun of
    `page` (what a click on a widget costs the server) alone, then while LONG_QUERY runs in its
    worker. A measurement to print, never to assert on: it depends on cores and load."""
    view = query or {"ind": "population_avg", "my": "LV0020000", "cmp": "LV0021000"}

    def interaction(at) -> float:
        start = time.perf_counter()
        at.run()
        return (time.perf_counter() - start) * 1000

    with page_session(database, page, view) as at:
        alone = [interaction(at) for _ in range(runs)]
        beside = []
        with long_console_query(database) as console:
            while console.is_alive() and len(beside) < runs:
                took = interaction(at)
                if running_workers():  # the query still ran when the rerun ended
                    beside.append(took)
    if not beside:
        raise RuntimeError("the console query ended before one interaction could be timed")
    return Slowdown(statistics.median(alone), statistics.median(beside), len(beside))


if __name__ == "__main__":
    if sys.argv[1:2] == ["write"]:
        write_forever(sys.argv[2])
