"""A stub CSP PxWeb API v1 server for tests (stdlib only, bound to 127.0.0.1 on a free port).

    with StubPxWeb() as stub:
        stub.add_table("POP/IR/IRS/IRS031", variables, values, fail_429=2)
        client = PxWebClient(base_url=stub.base_url)

Serves ``GET {base}/{en|lv}/OSP_PUB/START/{path}`` (PxWeb metadata JSON) and ``POST`` of the same
URL (json-stat2 computed from the query: "item", "top" N and "all" wildcard filters; unselected
eliminable dimensions are summed away, unselected others returned in full). Enforces a cell limit
(403 with PxWeb-like text), counts requests, and injects faults per table: N answers of 429
(with Retry-After) or 500 first, a response delay, malformed JSON, renamed dimensions.
Labels come in both languages (``texts_lv``: served under ``/lv/``), and a cell may hold CSP's
markers instead of a number: ``..`` (not available) or ``…`` (not yet published, the default
for an empty cell), returned in json-stat2's ``status``.

``irs031_reference()`` / ``add_irs031(stub)`` build a realistic IRS031-like table from the real
CSP export ``../shared/data/raw/csp_irs031/IRS031_20251113-180224.csv`` (36 novadi, 2012-2025,
one indicator, "…" = not available) with AREA codes "LV" + ATVK from
``../shared/data/facts/municipality_codes.csv``.
"""

from __future__ import annotations

import csv
import fnmatch
import itertools
import json
import math
import os
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
IRS031_CSV = SHARED / "data/raw/csp_irs031/IRS031_20251113-180224.csv"
CODES_CSV = SHARED / "data/facts/municipality_codes.csv"
IRS031_PATH = "POP/IR/IRS/IRS031"
PREFIX = "/api/v1"
DB = "OSP_PUB/START"

Values = Callable[[dict[str, str]], float | None] | Mapping[tuple[str, ...], Any] | Sequence[Any]


class FakeTime:
    """Injected clock + sleep: sleeping advances the clock at once and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def variable(
    code: str,
    text: str,
    values: Sequence[str],
    texts: Sequence[str] | None = None,
    *,
    elimination: bool = False,
    time: bool = False,
    text_lv: str | None = None,
    texts_lv: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A PxWeb metadata variable (``text_lv``/``texts_lv``: its Latvian labels)."""
    out = {
        "code": code,
        "text": text,
        "values": list(values),
        "valueTexts": list(texts if texts is not None else values),
        "elimination": elimination,
    }
    if time:
        out["time"] = True
    if text_lv is not None or texts_lv is not None:
        out["lv"] = {"text": text_lv or text, "valueTexts": list(texts_lv or out["valueTexts"])}
    return out


@dataclass
class StubTable:
    path: str
    title: str
    variables: list[dict[str, Any]]
    cube: np.ndarray  # float, NaN = missing; shape = value counts in variable order
    markers: dict[int, str] = field(default_factory=dict)  # flat cell -> ".." (default "…")
    title_lv: str | None = None
    updated: str = "2025-11-13T08:00:00Z"
    fail_429: int = 0
    retry_after: str | None = "2"
    fail_500: int = 0
    error_text: str = "Internal server error: the statistical database is temporarily unavailable"
    delay: float = 0.0
    malformed: int = 0
    rename: dict[str, str] = field(default_factory=dict)
    faults_on: str = "both"  # "metadata", "data" or "both"
    cell_limit: int | None = None
    requests: Counter = field(default_factory=Counter)  # "GET"/"POST" -> count

    def served_variables(self, lang: str = "en") -> list[dict[str, Any]]:
        out = []
        for v in self.variables:
            served = {k: x for k, x in v.items() if k != "lv"}
            if lang == "lv" and "lv" in v:
                served.update(v["lv"])
            out.append({**served, "code": self.rename.get(v["code"], v["code"])})
        return out


def _cube(variables: list[dict[str, Any]], values: Values) -> tuple[np.ndarray, dict[int, str]]:
    shape = tuple(len(v["values"]) for v in variables)
    codes = [v["code"] for v in variables]
    n = math.prod(shape)
    if callable(values):
        flat = [
            values(dict(zip(codes, combo, strict=True)))
            for combo in itertools.product(*(v["values"] for v in variables))
        ]
    elif isinstance(values, Mapping):
        flat = [
            values.get(combo)
            for combo in itertools.product(*(tuple(v["values"]) for v in variables))
        ]
    else:
        flat = list(values)
        if len(flat) != n:
            raise ValueError(f"values has {len(flat)} entries, the table has {n} cells")
    markers = {i: x for i, x in enumerate(flat) if isinstance(x, str)}
    numbers = [np.nan if x is None or isinstance(x, str) else float(x) for x in flat]
    return np.array(numbers, dtype="float64").reshape(shape), markers


class _Reply(Exception):
    def __init__(self, status: int, body: str | bytes, headers: dict[str, str] | None = None):
        self.status, self.body, self.headers = status, body, headers or {}


class StubPxWeb:
    """Context manager running the stub server; ``base_url`` ends in ``/api/v1``."""

    def __init__(self, cell_limit: int = 10000):
        self.cell_limit = cell_limit
        self.tables: dict[str, StubTable] = {}
        self.log: list[tuple[str, str, Any]] = []  # (method, url path, decoded POST body)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def __enter__(self) -> StubPxWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> StubPxWeb:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802
                stub._handle(self, "GET")

            def do_POST(self) -> None:  # noqa: N802
                stub._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes handlers sleeping in an injected delay
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def port(self) -> int:
        assert self._server is not None, "stub not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PREFIX}"

    # -- tables and counters --------------------------------------------------------------------

    def add_table(
        self,
        path: str,
        variables: list[dict[str, Any]],
        values: Values,
        *,
        title: str | None = None,
        **options: Any,
    ) -> StubTable:
        """Register a table; ``options`` are StubTable fields (faults, updated, cell_limit)."""
        path = path.strip("/")
        cube, markers = _cube(variables, values)
        table = StubTable(
            path=path,
            title=title or path.rsplit("/", 1)[-1],
            variables=[dict(v) for v in variables],
            cube=cube,
            markers=markers,
            **options,
        )
        with self._lock:
            self.tables[path] = table
        return table

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.log)

    def count(self, method: str | None = None) -> int:
        with self._lock:
            return sum(1 for m, _, _ in self.log if method in (None, m))

    def reset_counts(self) -> None:
        with self._lock:
            self.log.clear()
            for t in self.tables.values():
                t.requests.clear()

    # -- request handling -----------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        body: Any = None
        try:
            if method == "POST":
                length = int(h.headers.get("Content-Length") or 0)
                raw = h.rfile.read(length)
                try:
                    body = json.loads(raw.decode("utf-8"))
                except ValueError:
                    body = raw
            with self._lock:
                self.log.append((method, h.path, body))
            status, payload, headers = 200, *self._route(method, h.path, body)
        except _Reply as r:
            status, payload, headers = r.status, r.body, r.headers
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        ctype = headers.pop("Content-Type", "application/json; charset=utf-8")
        try:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(payload)))
            for k, v in headers.items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # client gave up (time-out test)
            pass

    def _route(self, method: str, url: str, body: Any) -> tuple[bytes | str, dict[str, str]]:
        prefix = f"{PREFIX}/"
        parts = url.split("?", 1)[0]
        rest = parts[len(prefix) :] if parts.startswith(prefix) else ""
        lang, _, rest = rest.partition("/")
        if lang not in ("en", "lv") or not rest.startswith(DB + "/"):
            raise _Reply(404, "Error 404: not a PxWeb API v1 table URL", _text())
        path = rest[len(DB) + 1 :].strip("/")
        with self._lock:
            table = self.tables.get(path)
        if table is None:
            raise _Reply(404, f"The table {path} was not found in database OSP_PUB", _text())
        table.requests[method] += 1
        self._faults(table, method)
        if method == "GET":
            title = table.title_lv if lang == "lv" and table.title_lv else table.title
            meta = {"title": title, "variables": table.served_variables(lang)}
            return json.dumps(meta, ensure_ascii=False), {}
        return json.dumps(self._data(table, body, lang), ensure_ascii=False), {}

    def _faults(self, table: StubTable, method: str) -> None:
        applies = table.faults_on == "both" or table.faults_on == (
            "metadata" if method == "GET" else "data"
        )
        if not applies:
            return
        if table.delay > 0:
            self._stop.wait(table.delay)
        with self._lock:
            if table.fail_429 > 0:
                table.fail_429 -= 1
                headers = _text()
                if table.retry_after is not None:
                    headers["Retry-After"] = table.retry_after
                raise _Reply(429, "Too Many Requests: at most 30 calls per 10 seconds", headers)
            if table.fail_500 > 0:
                table.fail_500 -= 1
                raise _Reply(500, table.error_text, _text())
            if table.malformed > 0:
                table.malformed -= 1
                raise _Reply(200, '{"class": "dataset", "id": ["AREA", ')

    def _data(self, table: StubTable, body: Any, lang: str = "en") -> dict[str, Any]:
        if not isinstance(body, dict) or not isinstance(body.get("query"), list):
            raise _Reply(400, "Bad request: the body must be a PxWeb query object", _text())
        fmt = (body.get("response") or {}).get("format")
        if fmt != "json-stat2":
            raise _Reply(400, f"Bad request: unsupported response format {fmt!r}", _text())
        served = table.served_variables(lang)
        by_code = {v["code"]: i for i, v in enumerate(served)}
        picks: dict[int, list[int]] = {}
        for item in body["query"]:
            code = item.get("code")
            if code not in by_code:
                raise _Reply(400, f"Bad request: the table has no variable {code!r}", _text())
            var = served[by_code[code]]
            sel = item.get("selection") or {}
            filt, wanted = sel.get("filter"), [str(x) for x in sel.get("values") or []]
            if filt == "item":
                unknown = [w for w in wanted if w not in var["values"]]
                if unknown:
                    raise _Reply(400, f"Bad request: {code} has no value(s) {unknown}", _text())
                idx = sorted({var["values"].index(w) for w in wanted})
            elif filt == "top" and len(wanted) == 1 and wanted[0].isdigit():
                n = len(var["values"])
                idx = list(range(max(0, n - int(wanted[0])), n))
            elif filt == "all":
                idx = [
                    i
                    for i, v in enumerate(var["values"])
                    if any(fnmatch.fnmatchcase(v, p) for p in wanted)
                ]
            else:
                raise _Reply(400, f"Bad request: unsupported filter {filt!r} for {code}", _text())
            picks[by_code[code]] = idx
        kept, eliminated, index_lists = [], [], []
        for i, var in enumerate(served):
            if i in picks:
                index_lists.append(picks[i])
                kept.append(i)
            elif var.get("elimination"):
                index_lists.append(list(range(len(var["values"]))))
                eliminated.append(i)
            else:
                index_lists.append(list(range(len(var["values"]))))
                kept.append(i)
        cells = math.prod(len(index_lists[i]) for i in kept)
        limit = table.cell_limit or self.cell_limit
        if cells > limit:
            raise _Reply(
                403,
                f"Too many values selected: the query would return {cells} cells, the limit is "
                f"{limit}. Split the query into smaller parts.",
                _text(),
            )
        sub = table.cube[np.ix_(*index_lists)]
        flat_index = np.arange(table.cube.size).reshape(table.cube.shape)[np.ix_(*index_lists)]
        if eliminated:
            axes = tuple(eliminated)
            present = (~np.isnan(sub)).sum(axis=axes)
            sub = np.where(present > 0, np.nansum(sub, axis=axes), np.nan)
        flat = sub.reshape(-1)
        values = [
            None if np.isnan(x) else (int(x) if float(x).is_integer() else float(x)) for x in flat
        ]
        dims = {}
        for i in kept:
            var = served[i]
            codes = [var["values"][j] for j in index_lists[i]]
            texts = [var["valueTexts"][j] for j in index_lists[i]]
            dims[var["code"]] = {
                "label": var["text"],
                "category": {
                    "index": {c: k for k, c in enumerate(codes)},
                    "label": dict(zip(codes, texts, strict=True)),
                },
            }
        out: dict[str, Any] = {
            "class": "dataset",
            "label": table.title_lv if lang == "lv" and table.title_lv else table.title,
            "source": "Central Statistical Bureau of Latvia",
            "updated": table.updated,
            "id": [served[i]["code"] for i in kept],
            "size": [len(index_lists[i]) for i in kept],
            "dimension": dims,
            "value": values,
            "role": {
                "time": [served[i]["code"] for i in kept if served[i].get("time")],
                "metric": [served[i]["code"] for i in kept if served[i]["code"] == "ContentsCode"],
            },
            "version": "2.0",
        }
        cells_at = flat_index.reshape(-1) if not eliminated else None
        status = {
            str(k): table.markers.get(int(cells_at[k]), "…") if cells_at is not None else "…"
            for k, v in enumerate(values)
            if v is None
        }
        if status:
            out["status"] = status
        return out


def _text() -> dict[str, str]:
    return {"Content-Type": "text/plain; charset=utf-8"}


# -- realistic IRS031-like table from the real CSP export ------------------------------------------


@dataclass(frozen=True)
class Irs031Reference:
    title: str
    indicator: str  # English label of the one indicator in the export
    years: list[str]
    areas: list[tuple[str, str]]  # (AREA code "LV"+ATVK, English name), CSV order
    values: dict[tuple[str, str], int | None]  # (AREA code, year) -> value, None = "…"


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def irs031_reference(csv_path: Path = IRS031_CSV, codes_path: Path = CODES_CSV) -> Irs031Reference:
    """Parse the real IRS031 export and attach ATVK codes to its 36 municipalities."""
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    title, blank, header = rows[0][0], rows[1], rows[2]
    assert not blank and header[:2] == ["Indicator", "Territorial unit"], header[:2]
    years = header[2:]
    body = [r for r in rows[3:] if r]
    indicators = {r[0] for r in body}
    assert len(indicators) == 1, indicators
    with open(codes_path, encoding="utf-8", newline="") as f:
        novadi = [r for r in csv.DictReader(f) if r["l0_type"] == "5"]
    assert len(novadi) == len(body) == 36, (len(novadi), len(body))

    areas: list[tuple[str, str]] = []
    for pos, row in enumerate(body):
        english = row[1].removesuffix(" municipality").casefold()
        scores = [_common_prefix(english, n["municipality"].casefold()) for n in novadi]
        best = max(scores)
        assert best >= 3 and scores.count(best) == 1, (row[1], best)
        match = novadi[scores.index(best)]
        # Both files are in Latvian alphabetical order: the prefix match must agree with it.
        assert match is novadi[pos], (row[1], match["municipality"], novadi[pos]["municipality"])
        areas.append(("LV" + match["atvk"], row[1]))
    assert len({a for a, _ in areas}) == 36

    values: dict[tuple[str, str], int | None] = {}
    for (code, _), row in zip(areas, body, strict=True):
        for year, cell in zip(years, row[2:], strict=True):
            values[(code, year)] = None if cell.strip() in ("…", "...", "") else int(cell)
    return Irs031Reference(title, body[0][0], years, areas, values)


def irs031_variables(ref: Irs031Reference) -> list[dict[str, Any]]:
    # The export carries labels only; "POP_AVG" is an invented code for its one indicator.
    return [
        variable("INDICATOR", "Indicator", ["POP_AVG"], [ref.indicator]),
        variable("AREA", "Territorial unit", [a for a, _ in ref.areas], [n for _, n in ref.areas]),
        variable("ContentsCode", "Contents", ["IRS031"], [ref.title]),
        variable("TIME", "Time period", ref.years, time=True),
    ]


def add_irs031(stub: StubPxWeb, ref: Irs031Reference | None = None, **options: Any) -> StubTable:
    """Register the IRS031-like table at POP/IR/IRS/IRS031 (options: StubTable faults)."""
    ref = ref or irs031_reference()
    return stub.add_table(
        IRS031_PATH,
        irs031_variables(ref),
        lambda c: ref.values[(c["AREA"], c["TIME"])],
        title=ref.title,
        **options,
    )
