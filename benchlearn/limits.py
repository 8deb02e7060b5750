"""Bounds on the work one session can make the server do, beside the SQL console's own
(benchlearn.sqlconsole: a worker process per query, two at once across the server).

- PNG downloads are drawn on the server (vl-convert for charts, matplotlib for the map): a
  tenth of a second to a second of CPU each (more for the 592 parishes), in the few threads
  that build every download. RENDERS lets two draw at once across the server and one per
  session; a third waits at most RENDER_WAIT seconds in a queue of two, any more is refused.
- A table download (CSV, Excel) has at most MAX_EXPORT_ROWS rows: Excel takes ~0.1 s and
  ~3 MB of memory per 1,000 rows, and the largest table a page offers has about 1,000 (the
  SQL console's row limit).
- Only the contribution page takes a file (a filled template), so Streamlit's upload
  endpoint, which any session may call, accepts at most 5 MB (`server.maxUploadSize = 5` in
  .streamlit/config.toml; logic.contributions.MAX_BYTES checks the same).

Who asks is OWNER (the session's id, set by benchlearn.ui.download_buttons around a
download); "" means unknown (benchmarks), held by the server-wide bound only. A refusal is
`Limited`, with a code the pages translate (i18n "limits.<code>"). No Streamlit here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

MAX_RENDERS = 2  # PNG renders at once across the server
RENDER_QUEUE = 2  # renders that may wait for a free slot
RENDER_WAIT = 15.0  # seconds a render waits before it is refused
MAX_EXPORT_ROWS = 20_000

OWNER: ContextVar[str] = ContextVar("benchlearn_owner", default="")


class Limited(Exception):
    """Refused by a bound: `code` names it, `limit` is the bound, `value` what was asked."""

    def __init__(self, code: str, limit: int, value: int = 0) -> None:
        super().__init__(f"{code}: limit {limit}" + (f", asked {value}" if value else ""))
        self.code = code
        self.limit = limit
        self.value = value


class Refused(Exception):
    """A refusal's message for people, in their language: what the browser shows under the
    download button (benchlearn.serve passes it on)."""


class Gate:
    """At most `running` at once, `queue` more waiting up to `wait` seconds each, one per
    owner (running or waiting)."""

    def __init__(self, code: str, running: int, queue: int, wait: float) -> None:
        self.code = code
        self.running = running
        self.queue = queue
        self.wait = wait
        self._changed = threading.Condition()
        self._active = 0
        self._waiting = 0
        self._owners: set[str] = set()

    @property
    def busy(self) -> bool:
        """Every slot taken: the next one waits."""
        with self._changed:
            return self._active >= self.running

    @contextmanager
    def slot(self, owner: str | None = None) -> Iterator[None]:
        owner = OWNER.get() if owner is None else owner
        with self._changed:
            if owner and owner in self._owners:
                raise Limited(f"{self.code}_session", 1)
            if self._active >= self.running and self._waiting >= self.queue:
                raise Limited(f"{self.code}_busy", self.running)
            if owner:
                self._owners.add(owner)
            self._waiting += 1
            free = self._changed.wait_for(lambda: self._active < self.running, self.wait)
            self._waiting -= 1
            if not free:
                self._owners.discard(owner)
                raise Limited(f"{self.code}_busy", self.running)
            self._active += 1
        try:
            yield
        finally:
            with self._changed:
                self._active -= 1
                self._owners.discard(owner)
                self._changed.notify()


RENDERS = Gate("render", MAX_RENDERS, RENDER_QUEUE, RENDER_WAIT)


def check_export_rows(rows: int) -> None:
    if rows > MAX_EXPORT_ROWS:
        raise Limited("export_rows", MAX_EXPORT_ROWS, rows)
