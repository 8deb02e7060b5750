"""The bench's wait for a quiet machine between browser visits."""

from __future__ import annotations

import itertools

from benchlearn import bench


def test_cpu_times_are_idle_within_total_and_grow():
    idle, total = bench.cpu_times()
    assert 0 <= idle <= total
    bench.time.sleep(0.05)
    assert bench.cpu_times()[1] >= total


def fake_cpu(idle_percent: int, monkeypatch) -> None:
    """A machine whose CPUs are idle_percent idle all the time."""
    totals = itertools.count(step=100)

    def cpu_times() -> tuple[int, int]:
        total = next(totals)
        return total * idle_percent // 100, total

    monkeypatch.setattr(bench, "cpu_times", cpu_times)
    monkeypatch.setattr(bench, "SETTLE_S", 0.01)
    monkeypatch.setattr(bench, "QUIET_WINDOW_S", 0.01)
    monkeypatch.setattr(bench, "QUIET_LIMIT_S", 0.3)


def test_a_quiet_machine_is_measured_after_one_window(monkeypatch):
    fake_cpu(95, monkeypatch)
    assert bench.settle() < 0.2


def test_a_busy_machine_is_waited_for_up_to_the_limit(monkeypatch):
    fake_cpu(50, monkeypatch)
    assert 0.3 <= bench.settle() < 0.5
