"""`python -m benchlearn.load`: N real Streamlit sessions against the dashboard's server.

Each session speaks Streamlit's own websocket protocol, as the browser does
(`/_stcore/stream`, protobuf BackMsg up, ForwardMsg down), and walks `STEPS`: open the map
by a link naming a municipality, choose another indicator and an earlier year in the
sidebar's select boxes (a widget change, as a click sends it), then open the trends,
comparison and profile pages through the top bar (the page's script hash, as the browser
sends it). An interaction is one rerun request until the server's `script_finished`.

Per N (1, 10, 25, 50 by default, after a warm-up that fills the shared caches once per
variant) it prints sessions, interactions, errors (a refused or dropped connection, a
timeout, a script that did not finish, a page not found, a page or widget change that did
not land), exceptions shown (Streamlit's exception element in a page), p50/p95 interaction
time, p95 against the N = 1 round of the same run, and the server's memory (VmRSS of the
server and its child processes, all sessions still connected). Numbers only: nothing here
is a timed assertion. Bounded: a per-interaction timeout, a global deadline, at most 200
sessions.

Without `--url` it builds a warehouse (or reuses `--db` if current) and starts the server
as `make run` does, on a free port of 127.0.0.1, with user data in a throwaway SQLite file.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import dataclasses
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from websockets.asyncio.client import ClientConnection, connect

from benchlearn.settings import REPO_ROOT


@dataclass(frozen=True)
class Step:
    """One interaction: open a page (its URL path, "" = the map) or change a select box of
    the sidebar (its widget key) to another option."""

    name: str
    page: str | None = None
    widget: str | None = None
    pick: str = ""  # for a widget: "another" option or the next ("earlier" year)


# What a council member does: a shared link to the map with their municipality, another
# indicator, an earlier year, then the three pages that compare the municipality.
STEPS: tuple[Step, ...] = (
    Step("map", page=""),
    Step("indicator", widget="w_ind", pick="another"),
    Step("year", widget="w_year", pick="earlier"),
    Step("trends", page="tendences"),
    Step("comparison", page="salidzinajums"),
    Step("profile", page="profils"),
)
# Session i opens the map for MUNICIPALITIES[i % variants] and picks indicator option
# number 7 * (i % variants + 1): the warm-up runs each variant once, so the rounds measure
# sessions running together, not caches being filled.
MUNICIPALITIES = (
    "LV0001000",  # Rīga
    "LV0020000",
    "LV0002000",  # Daugavpils
    "LV0030000",
    "LV0005000",  # Liepāja
    "LV0021000",
    "LV0046000",
    "LV0003000",  # Jelgava
)
COUNTS = (1, 10, 25, 50)
MAX_SESSIONS = 200
OK = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


@dataclass
class Outcome:
    """One interaction as the session saw it."""

    step: str
    seconds: float | None = None  # None: it did not complete
    error: str = ""
    exceptions: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)


@dataclass
class Round:
    sessions: int
    outcomes: list[Outcome]
    rss_mb: float | None  # all sessions connected, after their last step
    peak_mb: float | None
    rss_before_mb: float | None  # when the round started
    wall: float
    client_cpu: float  # this process's CPU seconds: it shares the machine with the server

    @property
    def done(self) -> list[float]:
        return [o.seconds for o in self.outcomes if o.seconds is not None and not o.error]

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]

    @property
    def growth_mb(self) -> float | None:
        """Server memory per session of this round: (RSS with all connected - RSS before) / N."""
        if self.rss_mb is None or self.rss_before_mb is None:
            return None
        return (self.rss_mb - self.rss_before_mb) / self.sessions

    @property
    def rate(self) -> float:
        """Completed interactions per second of the round."""
        return len(self.done) / self.wall if self.wall else math.nan

    @property
    def exceptions(self) -> int:
        return sum(len(o.exceptions) for o in self.outcomes)


@dataclass
class Options:
    url: str
    counts: tuple[int, ...] = COUNTS
    think: tuple[float, float] = (2.0, 8.0)  # seconds between a session's interactions
    ramp: float = 10.0  # sessions start spread over this many seconds
    timeout: float = 60.0  # per interaction
    deadline: float = 480.0  # for the whole run
    variants: int = 5
    warmup: bool = True
    pid: int | None = None  # the server's process (RSS); found by its port if not given


class SessionError(Exception):
    pass


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (1..99), interpolated between the nearest ranks; nan for none."""
    if len(values) < 2:
        return values[0] if values else math.nan
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def widget_key(element_id: str) -> str:
    """The user key of a widget id ("$$ID-<hash>-w_ind" -> "w_ind"), "" if it has none."""
    parts = element_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "$$ID" else ""


class Session:
    """One browser tab's worth of Streamlit protocol: the websocket, the page hashes the
    server announced, the URL's query string, the select boxes last drawn and the cache of
    large messages the server may send as references."""

    def __init__(self, url: str, variant: int, timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        self.http = f"{parts.scheme}://{parts.netloc}"
        self.stream = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.variant = variant
        self.timeout = timeout
        self.ws: ClientConnection | None = None
        self.pages: dict[str, str] = {}  # URL path -> page script hash
        self.page_hash = ""
        self.query = f"my={MUNICIPALITIES[variant % len(MUNICIPALITIES)]}"
        self.selects: dict[str, tuple[str, list[str], int]] = {}  # key -> id, options, index
        self.cache: dict[str, tuple[list[str], list[str]]] = {}  # hash -> exceptions, headings
        self.expect: tuple[str, str] | None = None  # what the request must change: field, value

    async def open(self) -> None:
        # the browser's handshake: subprotocol "streamlit", same-origin Origin header
        self.ws = await connect(
            self.stream,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=self.http,  # type: ignore[arg-type]
            max_size=None,
            open_timeout=self.timeout,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def request(self, step: Step) -> BackMsg:
        msg = BackMsg()
        state = msg.rerun_script
        state.cached_message_hashes.extend(self.cache)
        if step.page is not None:
            # a page link: the browser names the page by the hash the server announced
            # (by its path on a session's first run) and drops the query string on a page
            # change; the app writes the view back into it
            known = self.pages.get(step.page)
            if known and self.page_hash:
                state.page_script_hash = known
                state.query_string = "" if known != self.page_hash else self.query
            else:
                state.page_name = step.page
                state.query_string = self.query
            self.expect = ("page", step.page)
            return msg
        state.page_script_hash = self.page_hash
        state.query_string = self.query
        if step.widget not in self.selects:
            raise SessionError(f"{step.name}: no select box {step.widget} on the page")
        element_id, options, current = self.selects[step.widget]
        if len(options) < 2:
            choice = current
        elif step.pick == "earlier":  # options are newest first
            choice = min(current + 1, len(options) - 1)
        else:
            choice = (7 * (self.variant + 1)) % len(options)
            choice = choice if choice != current else (choice + 1) % len(options)
        widgets = WidgetStates()
        widget = widgets.widgets.add()
        widget.id = element_id
        widget.string_value = options[choice]
        state.widget_states.CopyFrom(widgets)
        self.expect = (step.widget, options[choice])
        return msg

    def check(self, step: Step) -> None:
        """That the run did what the step asked: the page opened, the select box shows
        the chosen option."""
        if self.expect is None:
            return
        what, wanted = self.expect
        if what == "page":
            shown = next((path for path, h in self.pages.items() if h == self.page_hash), None)
        else:
            _, options, current = self.selects.get(what, ("", [], 0))
            shown = options[current] if current < len(options) else None
        if shown != wanted:
            raise SessionError(f"{step.name}: {what} is {shown!r} after the run, not {wanted!r}")

    async def interact(self, step: Step) -> Outcome:
        outcome = Outcome(step.name)
        start = time.perf_counter()
        try:
            if self.ws is None:
                await self.open()
            assert self.ws is not None
            await self.ws.send(self.request(step).SerializeToString())
            async with asyncio.timeout(self.timeout):
                while not await self._receive(outcome):
                    pass
            self.check(step)
        except TimeoutError:
            outcome.error = f"{step.name}: no script_finished within {self.timeout:.0f} s"
        except SessionError as exc:
            outcome.error = str(exc)
        except Exception as exc:  # a refused or dropped connection
            outcome.error = f"{step.name}: {type(exc).__name__}: {exc}"
        if not outcome.error:
            outcome.seconds = time.perf_counter() - start
        return outcome

    async def _receive(self, outcome: Outcome) -> bool:
        """Read one ForwardMsg; True when the run the request started has finished."""
        assert self.ws is not None
        msg = ForwardMsg()
        msg.ParseFromString(await self.ws.recv(decode=False))
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":  # a message this session has already been sent
            exceptions, headings = self.cache.get(msg.ref_hash, ([], []))
            outcome.exceptions += exceptions
            outcome.headings += headings
        elif kind == "delta":
            exceptions, headings = self._element(msg)
            if msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = (exceptions, headings)
            outcome.exceptions += exceptions
            outcome.headings += headings
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            raise SessionError(f"{outcome.step}: page not found ({msg.page_not_found.page_name})")
        elif kind == "script_finished":
            if msg.script_finished == COMPILE_ERROR:
                raise SessionError(f"{outcome.step}: the script did not compile")
            return msg.script_finished == OK
        return False

    def _element(self, msg: ForwardMsg) -> tuple[list[str], list[str]]:
        if msg.delta.WhichOneof("type") != "new_element":
            return [], []
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            return [f"{element.exception.type}: {element.exception.message}"], []
        if kind == "heading":
            return [], [element.heading.body]
        if kind == "selectbox" and (key := widget_key(element.selectbox.id)):
            box = element.selectbox
            options = list(box.options)
            if box.HasField("raw_value") and box.raw_value in options:
                current = options.index(box.raw_value)
            else:
                current = box.default if box.HasField("default") else 0
            self.selects[key] = (box.id, options, current)
        return [], []


async def walk(
    session: Session, rng: random.Random, options: Options, deadline: float
) -> list[Outcome]:
    """One session through STEPS, a think time between steps; after a failed step the
    remaining ones count as errors too (interactions + errors = sessions x steps)."""
    outcomes: list[Outcome] = []
    for number, step in enumerate(STEPS):
        if number and options.think[1] > 0:
            await asyncio.sleep(rng.uniform(*options.think))
        left = deadline - time.monotonic()
        if left <= 0:
            outcomes += [Outcome(s.name, error=f"{s.name}: deadline") for s in STEPS[number:]]
            break
        session.timeout = min(options.timeout, left)
        outcomes.append(await session.interact(step))
        if outcomes[-1].error:
            outcomes += [Outcome(s.name, error=f"{s.name}: not run") for s in STEPS[number + 1 :]]
            break
    return outcomes


async def run_round(n: int, options: Options, deadline: float, turns: int = 1) -> Round:
    """n sessions at once, started evenly over options.ramp seconds; with `turns`, each of
    them is followed by another when it is done (N = 1 walks every variant in turn, for
    more than six times to take a p95 of). The server's RSS is read when every session has
    walked its steps, before any of them disconnects."""
    started, cpu = time.perf_counter(), time.process_time()
    before = rss_mb(options.pid) if options.pid is not None else None
    samples: list[float] = []
    stop = asyncio.Event()

    async def sample() -> None:
        while not stop.is_set():
            if options.pid is not None and (mb := rss_mb(options.pid)) is not None:
                samples.append(mb)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.5)

    sessions: list[Session] = []

    async def one(i: int) -> list[Outcome]:
        await asyncio.sleep(options.ramp * i / n)
        outcomes: list[Outcome] = []
        session: Session | None = None
        for turn in range(turns):
            if session is not None:
                await session.close()  # the one before: only the last stays connected
            number = i * turns + turn
            session = Session(options.url, number % options.variants, options.timeout)
            sessions.append(session)
            outcomes += await walk(session, random.Random(1009 * n + number), options, deadline)
        return outcomes

    sampler = asyncio.create_task(sample())
    try:
        results = await asyncio.gather(*(one(i) for i in range(n)))
        rss = rss_mb(options.pid) if options.pid is not None else None
    finally:
        stop.set()
        await sampler
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    if rss is not None:
        samples.append(rss)
    return Round(
        n,
        [o for result in results for o in result],
        rss,
        max(samples) if samples else None,
        before,
        time.perf_counter() - started,
        time.process_time() - cpu,
    )


async def measure(options: Options, say=print) -> tuple[Round | None, list[Round]]:
    """The warm-up (each variant once, one session at a time, no think time) and one round
    per count, until the deadline."""
    deadline = time.monotonic() + options.deadline
    warmup: Round | None = None
    if options.warmup:
        quick = dataclasses.replace(options, think=(0.0, 0.0), ramp=0.0)
        warmup = await run_round(1, quick, deadline, turns=options.variants)
        say(warmup_line(warmup, options.variants))
    say(HEADER)
    rounds: list[Round] = []
    for n in options.counts:
        if time.monotonic() >= deadline:
            say(f"N={n}: not run, the {options.deadline:.0f} s deadline has passed")
            break
        turns = options.variants if n == 1 else 1
        rounds.append(await run_round(n, options, deadline, turns))
        say(round_line(rounds[-1], rounds[0]))
    return warmup, rounds


# ---- the report


HEADER = (
    f"{'N':>4} {'sessions':>8} {'interactions':>12} {'errors':>6} {'exceptions':>10} "
    f"{'p50 ms':>7} {'p95 ms':>7} {'p95/N=1':>7} {'RSS MB':>7} {'MB/session':>10} "
    f"{'peak MB':>7} {'wall s':>6} {'per s':>5} {'client CPU s':>12}"
)


def _ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.0f}"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _growth(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}"


def ratio(round_: Round, one: Round) -> str:
    """p95 of a round against that of N = 1, as "1.7"; "-" if either has none."""
    value = percentile(round_.done, 95) / percentile(one.done, 95)
    return "-" if math.isnan(value) else f"{value:.1f}"


def warmup_line(warmup: Round, variants: int) -> str:
    done = warmup.done
    return (
        f"warm-up: {variants} sessions one after another, no think time, {len(done)} "
        f"interactions, {len(warmup.errors)} errors, {warmup.exceptions} exceptions, "
        f"p50 {_ms(percentile(done, 50))} ms, max {_ms(max(done) if done else math.nan)} ms"
    )


def round_line(r: Round, one: Round) -> str:
    return (
        f"{r.sessions:>4} {r.sessions:>8} {len(r.done):>12} {len(r.errors):>6} "
        f"{r.exceptions:>10} {_ms(percentile(r.done, 50)):>7} {_ms(percentile(r.done, 95)):>7} "
        f"{ratio(r, one) + 'x':>7} {_mb(r.rss_mb):>7} {_growth(r.growth_mb):>10} "
        f"{_mb(r.peak_mb):>7} {r.wall:>6.1f} {r.rate:>5.1f} {r.client_cpu:>12.1f}"
    )


def step_lines(rounds: list[Round]) -> list[str]:
    """p50/p95 per step and round: which interaction grows under load."""
    names = [s.name for s in STEPS]
    lines = ["p50/p95 ms by step: " + " | ".join(f"{name:>11}" for name in names)]
    for r in rounds:
        cells = []
        for name in names:
            times = [o.seconds for o in r.outcomes if o.step == name and o.seconds is not None]
            cells.append(f"{_ms(percentile(times, 50))}/{_ms(percentile(times, 95))}".rjust(11))
        lines.append(f"{'N=' + str(r.sessions):>18}: " + " | ".join(cells))
    return lines


def problem_lines(rounds: list[Round], limit: int = 5) -> list[str]:
    """The first few errors and exceptions, with the round they happened in."""
    seen: dict[str, int] = {}
    for r in rounds:
        for o in r.outcomes:
            for text in ([o.error] if o.error else []) + [f"exception: {e}" for e in o.exceptions]:
                key = f"N={r.sessions} {text[:200]}"
                seen[key] = seen.get(key, 0) + 1
    return [f"  {count} x {text}" for text, count in list(seen.items())[:limit]]


def summary(rounds: list[Round]) -> list[str]:
    last, one = rounds[-1], rounds[0]
    if last.growth_mb is None:
        growth = "RSS growth per session: n/a (the server's memory is not readable here)"
    else:
        growth = (
            f"RSS growth per session: {last.growth_mb:.2f} MB at N={last.sessions} "
            f"({_mb(last.rss_before_mb)} MB before the round, {_mb(last.rss_mb)} MB with all "
            f"{last.sessions} connected; peak {_mb(last.peak_mb)} MB)"
        )
    return [
        growth,
        f"load: {last.sessions} sessions, {len(last.errors)} errors, "
        f"p95 {_ms(percentile(last.done, 95))} ms = {ratio(last, one)} x one session, "
        f"RSS {_mb(last.rss_mb)} MB",
    ]


# ---- the server


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process and all its descendants, MB (Linux /proc); None if the
    process is gone or unreadable."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            if current == pid:
                return None
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        todo += children.get(current, [])
    return total / 1024


def listening_pid(port: int) -> int | None:
    """The process listening on 127.0.0.1:port (or any address), from /proc; None if it is
    not ours to see."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{cols[9]}]")
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):
            for fd in fd_dir.iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in inodes:
                        return int(fd_dir.parent.name)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(db: Path | None, work: Path, say=print) -> Iterator[tuple[str, int]]:
    """Build or reuse the warehouse and start the server as `make run` does, on a free
    port of 127.0.0.1; yields its URL and process id, and stops it."""
    command = [sys.executable, "-m", "benchlearn", "build", "--db"]
    command += [str(work / "load.duckdb")] if db is None else [str(db), "--if-outdated"]
    db = work / "load.duckdb" if db is None else db
    built = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    if built.returncode:
        raise RuntimeError(f"the warehouse build failed:\n{built.stdout}{built.stderr}")
    lines = built.stdout.strip().splitlines()
    say(next((line for line in lines if line.startswith("Built ")), f"Warehouse: {db}"))
    port = free_port()
    env = {
        **os.environ,
        "BENCHLEARN_DB": str(db),
        # reads only; a throwaway store, so the developer's user data stays out of it
        "BENCHLEARN_USERDATA_URL": f"sqlite:///{work / 'userdata.sqlite'}",
    }
    log = work / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchlearn.serve",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, log)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_healthy(url: str, proc: subprocess.Popen | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply,
        ):
            if reply.status == 200:
                return
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log else ""
            raise RuntimeError(f"the server exited ({proc.returncode}):\n{tail}")
        time.sleep(0.3)
    raise RuntimeError(f"no answer from {url}/_stcore/health within 60 s")


# ---- command line


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchlearn.load", description=__doc__)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--pid", type=int, help="its process, for RSS (default: by its port)")
    parser.add_argument(
        "--db",
        type=Path,
        help="warehouse for the started server, built if "
        "missing or outdated (default: a fresh one in a temporary folder)",
    )
    parser.add_argument(
        "--sessions",
        default=",".join(map(str, COUNTS)),
        help="session counts, one round each (default: %(default)s)",
    )
    parser.add_argument(
        "--think",
        default="2-8",
        help="seconds between a session's interactions, uniform in low-high (default: %(default)s)",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=10.0,
        help="sessions start spread over this many seconds (default: 10)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="per interaction, seconds; an error when exceeded (default: 60)",
    )
    parser.add_argument(
        "--deadline", type=float, default=480.0, help="for the whole run, seconds (default: 480)"
    )
    parser.add_argument(
        "--variants",
        type=int,
        default=5,
        help=f"municipality/indicator combinations, 1..{len(MUNICIPALITIES)} (default: 5)",
    )
    parser.add_argument("--no-warmup", action="store_true", help="skip the warm-up")
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace, url: str, pid: int | None) -> Options:
    counts = tuple(int(c) for c in args.sessions.split(",") if c.strip())
    if not counts or min(counts) < 1 or max(counts) > MAX_SESSIONS:
        raise SystemExit(f"--sessions: counts between 1 and {MAX_SESSIONS}")
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    if not 1 <= args.variants <= len(MUNICIPALITIES):
        raise SystemExit(f"--variants: 1..{len(MUNICIPALITIES)}")
    return Options(
        url=url.rstrip("/"),
        counts=counts,
        think=think,
        ramp=args.ramp,
        timeout=args.timeout,
        deadline=args.deadline,
        variants=args.variants,
        warmup=not args.no_warmup,
        pid=pid,
    )


def _run_in_own_loop(coroutine):
    """asyncio.run, in a thread of its own when this thread already runs an event loop
    (a caller such as Playwright's sync API in the same test session)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def report(options: Options, say=print) -> list[Round]:
    """Run the load against options.url, printing as it goes; returns the rounds."""
    say(
        f"load: {options.url}, steps {' > '.join(s.name for s in STEPS)}; think "
        f"{options.think[0]:g}-{options.think[1]:g} s, ramp {options.ramp:g} s, variants "
        f"{options.variants} (N=1 walks them in turn), timeout {options.timeout:g} s, "
        f"deadline {options.deadline:g} s, server pid {options.pid or 'n/a'}, "
        f"{os.cpu_count()} CPUs shared with this client"
    )
    _, rounds = _run_in_own_loop(measure(options, say))
    if not rounds:
        return rounds
    for line in step_lines(rounds):
        say(line)
    if problems := problem_lines(rounds):
        say("first errors and exceptions:")
        for line in problems:
            say(line)
    for line in summary(rounds):
        say(line)
    return rounds


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="benchlearn-load-") as tmp:
        if args.url:
            wait_healthy(args.url.rstrip("/"))
            port = urllib.parse.urlsplit(args.url).port or 80
            rounds = report(options_from(args, args.url, args.pid or listening_pid(port)))
        else:
            with serve(args.db, Path(tmp)) as (url, pid):
                rounds = report(options_from(args, url, pid))
    failed = sum(len(r.errors) + r.exceptions for r in rounds)
    return 1 if failed or not rounds else 0


if __name__ == "__main__":
    sys.exit(main())
