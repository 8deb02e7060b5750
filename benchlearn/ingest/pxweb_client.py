"""HTTP client for the CSP (Central Statistical Bureau of Latvia) PxWeb API v1.

    client = PxWebClient()                       # base URL from BENCHLEARN_PXWEB_URL or CSP's
    meta = client.metadata("POP/IR/IRS/IRS031")  # GET  {base}/en/OSP_PUB/START/POP/IR/IRS/IRS031
    res = client.data("POP/IR/IRS/IRS031", {"AREA": ["LV0001000"], "TIME": ("top", ["5"])})
    res.frame, res.updated, res.requests

``data()`` checks the requested dimensions and codes against the table metadata before sending
(MappingMismatch), splits queries that exceed the cell limit over AREA (then TIME), retries with
exponential back-off on connection errors, time-outs, 429 (honouring Retry-After) and 5xx, and
keeps a client-side sliding-window rate limit (CSP allows about 30 requests per 10 seconds).
"""

from __future__ import annotations

import email.utils
import fnmatch
import json
import os
import re
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import requests

from benchlearn.ingest import jsonstat
from benchlearn.ingest.pxweb_errors import (
    HttpError,
    MalformedResponse,
    MappingMismatch,
    PxWebError,
    QueryTooLarge,
    Unreachable,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "ENV_BASE_URL",
    "FetchResult",
    "HttpError",
    "MalformedResponse",
    "MappingMismatch",
    "PxWebClient",
    "PxWebError",
    "QueryTooLarge",
    "RateLimiter",
    "TableMeta",
    "Unreachable",
    "Variable",
    "expected_cells",
    "resolve_selections",
]

ENV_BASE_URL = "BENCHLEARN_PXWEB_URL"
DEFAULT_BASE_URL = "https://data.stat.gov.lv/api/v1"
DATABASE_PREFIX = "OSP_PUB/START"
#: Dimensions split, in this order, when a query exceeds the cell limit.
SPLIT_ORDER = ("AREA", "TIME")
_CONNECTIVITY_HINT = f"check {ENV_BASE_URL} / your internet connection and try again later"
_MAX_RETRY_AFTER = 120.0

Selection = Sequence[str] | tuple[str, Sequence[str]]


@dataclass(frozen=True)
class Variable:
    """One dimension of a PxWeb table, as described by its metadata."""

    code: str
    text: str
    values: tuple[str, ...]
    value_texts: tuple[str, ...]
    elimination: bool = False
    time: bool = False

    def label(self, value: str) -> str:
        return dict(zip(self.values, self.value_texts, strict=True)).get(value, value)


@dataclass(frozen=True)
class TableMeta:
    """Metadata of one table: ``path`` as given (without OSP_PUB/START), ``table`` = last part."""

    path: str
    table: str
    title: str
    variables: tuple[Variable, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.variables)

    def variable(self, code: str) -> Variable:
        for var in self.variables:
            if var.code == code:
                return var
        raise MappingMismatch(
            f"Table {self.table} ({self.path}) has no dimension {code!r}; it has "
            f"{', '.join(self.codes)}. CSP may have renamed it: compare the table's metadata "
            "with the mapping in the ingest code and update the mapping.",
            table=self.table,
            dimension=code,
            codes=(code,),
        )


@dataclass
class FetchResult:
    """Result of ``PxWebClient.data``.

    ``frame``: tidy frame (see jsonstat.to_frame); ``updated``: the table's own JSON-stat
    ``updated`` stamp (latest over the chunks); ``requests``: HTTP requests sent for this call
    (metadata, data chunks and retries); ``chunks``: data queries the selection was split into.
    """

    table: str
    frame: pd.DataFrame
    updated: str | None
    requests: int
    chunks: int = 1
    meta: TableMeta | None = field(default=None, repr=False)


class RateLimiter:
    """Sliding window: at most ``max_requests`` calls of ``acquire`` per ``per_seconds``."""

    def __init__(
        self,
        max_requests: int,
        per_seconds: float,
        *,
        sleep: Callable[[float], Any] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        if max_requests < 1 or per_seconds <= 0:
            raise ValueError("max_requests must be >= 1 and per_seconds > 0")
        self.max_requests = max_requests
        self.per_seconds = per_seconds
        self._sleep = sleep
        self._clock = clock
        self._sent: deque[float] = deque()
        self.waited = 0.0

    def acquire(self) -> None:
        while True:
            now = self._clock()
            while self._sent and self._sent[0] <= now - self.per_seconds:
                self._sent.popleft()
            if len(self._sent) < self.max_requests:
                self._sent.append(now)
                return
            wait = self._sent[0] + self.per_seconds - now
            self.waited += wait
            self._sleep(wait)


def _body_message(resp: requests.Response) -> str:
    """The human-readable message of an error body (JSON or plain text / HTML), shortened."""
    text = resp.text or ""
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if isinstance(body, Mapping):
        for key in ("message", "error", "title", "detail"):
            if isinstance(body.get(key), str):
                return body[key][:300]
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())[:300]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _normalise_path(path: str) -> str:
    path = path.strip().strip("/")
    if path.upper().startswith(DATABASE_PREFIX.upper() + "/"):
        path = path[len(DATABASE_PREFIX) + 1 :]
    if path.lower().endswith(".px"):
        path = path[:-3]
    if not path or any(not part for part in path.split("/")):
        raise ValueError(f"invalid table path {path!r}; expected e.g. 'POP/IR/IRS/IRS031'")
    return path


def _chunks(values: Sequence[str], size: int) -> list[list[str]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


class PxWebClient:
    """Client for PxWeb API v1 tables under ``{base_url}/{lang}/OSP_PUB/START/``."""

    def __init__(
        self,
        base_url: str | None = None,
        lang: str = "en",
        timeout: float = 20.0,
        retries: int = 4,
        backoff: float = 0.5,
        max_requests: int = 30,
        per_seconds: float = 10.0,
        cell_limit: int = 10000,
        session: requests.Session | None = None,
        sleep: Callable[[float], Any] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        if lang not in ("en", "lv"):
            raise ValueError(f"lang must be 'en' or 'lv', not {lang!r}")
        if cell_limit < 1 or retries < 0:
            raise ValueError("cell_limit must be >= 1 and retries >= 0")
        self.base_url = (base_url or os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL).rstrip("/")
        self.lang = lang
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.cell_limit = cell_limit
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", "benchlearn-pxweb/0.1")
        self._sleep = sleep
        self.limiter = RateLimiter(max_requests, per_seconds, sleep=sleep, clock=clock)
        self.request_count = 0  # HTTP requests sent over the client's lifetime
        self._meta_cache: dict[str, TableMeta] = {}

    # -- URLs and transport -------------------------------------------------------------------

    def table_url(self, path: str) -> str:
        return f"{self.base_url}/{self.lang}/{DATABASE_PREFIX}/{_normalise_path(path)}"

    def _send(self, method: str, url: str, body: dict | None = None) -> Any:
        """One logical request with rate limiting and retries; returns the decoded JSON."""
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            delay = self.backoff * (2**attempt)
            self.limiter.acquire()
            self.request_count += 1
            try:
                resp = self.session.request(method, url, json=body, timeout=self.timeout)
            except requests.Timeout as exc:
                if last:
                    raise Unreachable(
                        f"{method} {url} timed out after {self.timeout:g} s "
                        f"({attempts} attempts); {_CONNECTIVITY_HINT}"
                    ) from exc
                self._sleep(delay)
                continue
            except requests.ConnectionError as exc:
                if last:
                    raise Unreachable(
                        f"cannot connect to {url} ({attempts} attempts: "
                        f"{type(exc).__name__}); {_CONNECTIVITY_HINT}"
                    ) from exc
                self._sleep(delay)
                continue
            except requests.RequestException as exc:
                raise Unreachable(f"{method} {url} failed: {exc}; {_CONNECTIVITY_HINT}") from exc

            status = resp.status_code
            if status == 429 or status >= 500:
                if not last:
                    wait = _retry_after(resp.headers.get("Retry-After")) if status == 429 else None
                    self._sleep(min(wait, _MAX_RETRY_AFTER) if wait is not None else delay)
                    continue
                msg = _body_message(resp)
                advice = (
                    "the service is rate limiting us; lower max_requests / wait a minute and retry"
                    if status == 429
                    else "the CSP service has a problem; try again later"
                )
                raise HttpError(
                    f"HTTP {status} from {method} {url} after {attempts} attempts: "
                    f"{msg or resp.reason}; {advice}",
                    status=status,
                    body_message=msg,
                    url=url,
                )
            if status >= 400:
                msg = _body_message(resp)
                advice = {
                    404: "check the table path (and that the table still exists on CSP)",
                    403: "the query is probably too large: lower cell_limit or narrow it",
                    400: "check the query's dimension codes and values against the metadata",
                }.get(status, "check the request")
                raise HttpError(
                    f"HTTP {status} from {method} {url}: {msg or resp.reason}; {advice}",
                    status=status,
                    body_message=msg,
                    url=url,
                )
            try:
                return json.loads(resp.content.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise MalformedResponse(
                    f"{method} {url} returned HTTP {status} but not valid JSON ({exc}); "
                    f"check that {ENV_BASE_URL} points at a PxWeb API v1 "
                    "(e.g. https://data.stat.gov.lv/api/v1)"
                ) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    # -- metadata -------------------------------------------------------------------------------

    def metadata(self, path: str, *, refresh: bool = False) -> TableMeta:
        """Metadata of the table at ``path`` (e.g. "POP/IR/IRS/IRS031"); cached per path."""
        path = _normalise_path(path)
        if not refresh and path in self._meta_cache:
            return self._meta_cache[path]
        url = self.table_url(path)
        raw = self._send("GET", url)
        meta = self._parse_meta(path, url, raw)
        self._meta_cache[path] = meta
        return meta

    @staticmethod
    def _parse_meta(path: str, url: str, raw: Any) -> TableMeta:
        def bad(why: str) -> MalformedResponse:
            return MalformedResponse(
                f"metadata from {url} is not PxWeb table metadata: {why}; check the table path "
                "(a folder path returns a list of tables, not metadata)"
            )

        if not isinstance(raw, Mapping) or not isinstance(raw.get("variables"), list):
            raise bad("no 'variables' list")
        variables = []
        for i, v in enumerate(raw["variables"]):
            if not isinstance(v, Mapping) or not isinstance(v.get("code"), str):
                raise bad(f"variable #{i} has no 'code'")
            values = v.get("values")
            texts = v.get("valueTexts", values)
            if not isinstance(values, list) or not isinstance(texts, list):
                raise bad(f"variable {v['code']!r} has no 'values' / 'valueTexts' lists")
            if len(values) != len(texts):
                raise bad(f"variable {v['code']!r}: values and valueTexts differ in length")
            variables.append(
                Variable(
                    code=v["code"],
                    text=str(v.get("text", v["code"])),
                    values=tuple(str(x) for x in values),
                    value_texts=tuple(str(x) for x in texts),
                    elimination=bool(v.get("elimination", False)),
                    time=bool(v.get("time", False)),
                )
            )
        table = path.rsplit("/", 1)[-1]
        return TableMeta(path, table, str(raw.get("title", table)), tuple(variables))

    # -- data -----------------------------------------------------------------------------------

    def resolve(self, meta: TableMeta, selections: Mapping[str, Selection]) -> dict[str, Any]:
        """See resolve_selections."""
        return resolve_selections(meta, selections)

    @staticmethod
    def _cells(meta: TableMeta, query: Mapping[str, list[str]]) -> int:
        """Cells a query returns: selected counts; unselected non-eliminable vars count in full."""
        total = 1
        for var in meta.variables:
            if var.code in query:
                total *= len(query[var.code])
            elif not var.elimination:
                total *= len(var.values)
        return total

    def _plan(self, meta: TableMeta, resolved: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Split into queries of at most cell_limit cells: {code: (filter, values)} each."""
        base = {code: (f, v) for code, (f, v, _) in resolved.items()}
        counts = {code: r for code, (_, _, r) in resolved.items()}
        if self._cells(meta, counts) <= self.cell_limit:
            return [base]
        for var in meta.variables:  # an unselected, non-eliminable AREA/TIME comes in full:
            if var.code in SPLIT_ORDER and var.code not in counts and not var.elimination:
                base[var.code] = ("all", ["*"])  # select it explicitly so it can be split
                counts[var.code] = list(var.values)
        split = [c for c in SPLIT_ORDER if c in counts and len(counts[c]) > 1]
        fixed = {c: v for c, v in counts.items() if c not in split}
        other = self._cells(meta, {**fixed, **{c: ["x"] for c in split}})
        if other > self.cell_limit or not split:
            raise QueryTooLarge(
                f"Table {meta.table}: the selection needs {self._cells(meta, counts)} cells and "
                f"cannot be split under the cell limit ({self.cell_limit}) by "
                f"{'/'.join(SPLIT_ORDER)}; narrow the other dimensions or select them explicitly"
            )
        # Chunk sizes: fill the first split dimension as far as possible, then the next.
        sizes: dict[str, int] = {}
        budget = self.cell_limit // other
        for c in reversed(split):  # innermost (TIME) first keeps whole time series per chunk
            sizes[c] = max(1, min(len(counts[c]), budget))
            budget = max(1, budget // sizes[c])
        plans: list[dict[str, Any]] = [dict(base)]
        for c in split:
            plans = [
                {**p, c: ("item", chunk)} for p in plans for chunk in _chunks(counts[c], sizes[c])
            ]
        return plans

    @staticmethod
    def _body(query: Mapping[str, tuple[str, list[str]]]) -> dict[str, Any]:
        return {
            "query": [
                {"code": code, "selection": {"filter": f, "values": list(v)}}
                for code, (f, v) in query.items()
            ],
            "response": {"format": "json-stat2"},
        }

    def _fetch(self, meta: TableMeta, url: str, query: dict[str, Any]) -> list[dict]:
        """POST one query; on 403 (PxWeb's 'too large') halve a split dimension and recurse."""
        try:
            return [self._send("POST", url, self._body(query))]
        except HttpError as exc:
            if exc.status != 403:
                raise
            for code in SPLIT_ORDER:
                if code in query:
                    filt, values = query[code]
                    if filt != "item":
                        res = self.resolve(meta, {code: (filt, values)})
                        values = res[code][2]
                    if len(values) > 1:
                        half = (len(values) + 1) // 2
                        left = {**query, code: ("item", values[:half])}
                        right = {**query, code: ("item", values[half:])}
                        return self._fetch(meta, url, left) + self._fetch(meta, url, right)
            raise

    def data(
        self,
        path: str,
        selections: Mapping[str, Selection],
        on_query: Callable[[int, int], object] | None = None,
    ) -> FetchResult:
        """Fetch ``selections`` from the table at ``path`` as a tidy frame.

        ``selections``: {dimension code: [codes]} (item filter) or {code: (filter, values)}
        with filter "item", "top" (e.g. ("top", ["5"])) or "all" (e.g. ("all", ["*"])).
        Unselected dimensions are eliminated by the server where the table allows it.
        ``on_query(done, planned)`` is told after each planned query (progress bars).
        """
        before = self.request_count
        meta = self.metadata(path)
        resolved = self.resolve(meta, selections)
        url = self.table_url(path)
        plans = self._plan(meta, resolved)
        datasets: list[dict] = []
        for number, query in enumerate(plans, 1):
            datasets.extend(self._fetch(meta, url, query))
            if on_query is not None:
                on_query(number, len(plans))

        frames, stamps = [], []
        for ds in datasets:
            frame = jsonstat.to_frame(ds)
            missing = [c for c in resolved if c not in frame.columns]
            if missing:
                raise MappingMismatch(
                    f"Table {meta.table}: the data response lacks dimension(s) "
                    f"{', '.join(missing)} that the metadata has; CSP may be changing the table, "
                    "retry later or compare the metadata with the mapping.",
                    table=meta.table,
                    dimension=missing[0],
                    codes=tuple(missing),
                )
            frames.append(frame)
            if isinstance(ds.get("updated"), str):
                stamps.append(ds["updated"])
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        dims = [c for c in frame.columns if f"{c}_label" in frame.columns]
        if frame.duplicated(subset=dims).any():
            raise MalformedResponse(
                f"Table {meta.table}: the split responses overlap (duplicate cells); "
                "report this, it is a client bug or a changing table — retry later"
            )
        return FetchResult(
            table=meta.table,
            frame=frame,
            updated=max(stamps) if stamps else None,
            requests=self.request_count - before,
            chunks=len(datasets),
            meta=meta,
        )


_FILTERS = ("item", "top", "all")


def _split_selection(sel: Selection) -> tuple[str, list[str]]:
    """[codes] -> ("item", codes); ("top"|"all"|"item", values) kept."""
    if isinstance(sel, str):
        return "item", [sel]
    if (
        isinstance(sel, tuple)
        and len(sel) == 2
        and sel[0] in _FILTERS
        and not isinstance(sel[1], str | bytes)
    ):
        return sel[0], [str(v) for v in sel[1]]
    return "item", [str(v) for v in sel]


def resolve_selections(meta: TableMeta, selections: Mapping[str, Selection]) -> dict[str, Any]:
    """Check ``selections`` against ``meta`` and resolve each to concrete codes.

    Returns {code: (filter, values, resolved codes)} for every selected variable. Raises
    MappingMismatch (naming the table, dimension and codes) for an unknown dimension or code.
    """
    out: dict[str, Any] = {}
    for code, sel in selections.items():
        var = meta.variable(code)
        filt, values = _split_selection(sel)
        if filt == "item":
            missing = [v for v in values if v not in var.values]
            if missing:
                raise MappingMismatch(
                    f"Table {meta.table} ({meta.path}), dimension {code}: code(s) "
                    f"{', '.join(missing)} not in the table (it has {len(var.values)} codes, "
                    f"e.g. {', '.join(var.values[:8])}). Update the code mapping or the selection.",
                    table=meta.table,
                    dimension=code,
                    codes=tuple(missing),
                )
            resolved = list(dict.fromkeys(values))
        elif filt == "top":
            n = int(values[0]) if len(values) == 1 and values[0].isdigit() else 0
            if n < 1:
                raise ValueError(f"{code}: 'top' needs one positive integer, got {values}")
            resolved = list(var.values[-n:])
        else:  # "all": PxWeb wildcard patterns such as "*"
            resolved = [v for v in var.values if any(fnmatch.fnmatchcase(v, p) for p in values)]
        if not resolved:
            raise MappingMismatch(
                f"Table {meta.table} ({meta.path}), dimension {code}: selection {filt} {values} "
                "matches no codes. Update the selection.",
                table=meta.table,
                dimension=code,
                codes=tuple(values),
            )
        out[code] = (filt, values, resolved)
    return out


def expected_cells(meta: TableMeta, selections: Mapping[str, Selection]) -> int:
    """Cells a selection returns (top/all resolved against ``meta``; unselected non-eliminable
    dimensions count in full, eliminable ones as 1)."""
    resolved = resolve_selections(meta, selections)
    return PxWebClient._cells(meta, {c: r for c, (_, _, r) in resolved.items()})
